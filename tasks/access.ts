/**
 * Access tasks: grant and revoke the operational roles, and show who holds them.
 * `npx hardhat access:grant --network <net> --contract pool --role POOL_MANAGER --account 0x…`
 * `npx hardhat access:holders --network <net>`
 */
import { ZeroAddress, ZeroHash, getAddress, id as keccakText } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { ContractKey } from "../scripts/deploy/addresses";
import { type CommonArgs, TaskArgumentError, adminTask, parseAddress, parseEnum, parseInteger, resolveSystem, say, sendTx } from "./lib";

/** The operational roles each contract checks (`contracts/libraries/Roles.sol`). */
export const CONTRACT_ROLES: Record<ContractKey, readonly string[]> = {
  registry: ["REGISTRAR_ROLE", "VERIFIER_ROLE"],
  credits: ["ISSUER_ROLE", "METADATA_ROLE", "PAUSER_ROLE"],
  market: ["FEE_ADMIN_ROLE", "MARKET_ADMIN_ROLE", "PAUSER_ROLE"],
  pool: ["POOL_MANAGER_ROLE", "ORACLE_ROLE", "PAUSER_ROLE"],
  oracle: ["DEVICE_REGISTRAR_ROLE", "PAUSER_ROLE"],
};

/** Contract names accepted by `--contract`. */
export const CONTRACT_ARG_NAMES = Object.keys(CONTRACT_ROLES) as ContractKey[];

/** Parses `--contract` into a contract key. */
export function parseContract(argument: string, value: unknown): ContractKey {
  return CONTRACT_ARG_NAMES[parseEnum(argument, value, CONTRACT_ARG_NAMES)];
}

/**
 * Parses `--role` for `contract`: `POOL_MANAGER_ROLE`, `POOL_MANAGER` or `pool-manager`. Returns the
 * role's name and id. DEFAULT_ADMIN_ROLE is refused (it moves only by the delayed transfer).
 */
export function parseRole(contract: ContractKey, value: unknown): { name: string; id: string } {
  if (typeof value === "string" && /^default[-_ ]?admin([-_ ]?role)?$/i.test(value.trim())) {
    throw new TaskArgumentError(
      "role",
      "DEFAULT_ADMIN_ROLE cannot be granted or revoked: it moves only by beginDefaultAdminTransfer / acceptDefaultAdminTransfer",
    );
  }
  const names = CONTRACT_ROLES[contract];
  const shortNames = names.map((n) => n.replace(/_ROLE$/, ""));
  const text = typeof value === "string" ? value.trim().replace(/[-_ ]?role$/i, "") : value;
  let i: number;
  try {
    i = parseEnum("role", text, shortNames);
  } catch {
    throw new TaskArgumentError("role", `${JSON.stringify(value)} is not a role of ${contract}: ${names.join(", ")}`);
  }
  return { name: names[i], id: keccakText(names[i]) };
}

for (const verb of ["grant", "revoke"] as const) {
  adminTask(`access:${verb}`, `${verb === "grant" ? "Grant" : "Revoke"} an operational role on one contract. Needs DEFAULT_ADMIN_ROLE`)
    .addParam("contract", `Contract: ${CONTRACT_ARG_NAMES.join(", ")}`)
    .addParam("role", "Role, e.g. REGISTRAR_ROLE, registrar, pool-manager")
    .addParam("account", "Account address")
    .setAction(async (args: CommonArgs & { contract: string; role: string; account: string }, hre: HardhatRuntimeEnvironment) => {
      const contract = parseContract("contract", args.contract);
      const role = parseRole(contract, args.role);
      const account = parseAddress("account", args.account);
      const sys = await resolveSystem(hre, args);
      const target = sys[contract];
      const had = await target.hasRole(role.id, account);
      if (verb === "grant" && had) throw new TaskArgumentError("account", `${account} already has ${role.name} on ${contract}`);
      if (verb === "revoke" && !had) throw new TaskArgumentError("account", `${account} does not have ${role.name} on ${contract}`);
      const action = `access:${verb}`;
      const sent = await sendTx(sys, action, verb === "grant" ? target.grantRole : target.revokeRole, [role.id, account]);
      say(`${role.name} on ${contract} ${verb === "grant" ? "granted to" : "revoked from"} ${account}`);
      return { ...sent, contract, role: role.name, account };
    });
}

/** The account roles no single key may combine on a public network (a registrar, a verifier and an issuer). */
export const SEPARATED_ROLES: ReadonlyArray<readonly [ContractKey, string]> = [
  ["registry", "REGISTRAR_ROLE"],
  ["registry", "VERIFIER_ROLE"],
  ["credits", "ISSUER_ROLE"],
];

/** What `access:holders` reports. */
export interface RoleHolders {
  /** Contract → role name → holders (checksummed, ascending), DEFAULT_ADMIN_ROLE included. */
  holders: Record<ContractKey, Record<string, string[]>>;
  /** Contract → the pending DEFAULT_ADMIN_ROLE transfer (zero address and 0 when none). */
  pendingAdmins: Record<ContractKey, { account: string; acceptFrom: number }>;
  /** Accounts without code that hold two or more of {@link SEPARATED_ROLES} (the system's own contracts, e.g. the pool, are not counted). */
  combined: Array<{ account: string; roles: string[] }>;
}

adminTask("access:holders", "Show who holds every role on the five contracts, and any account holding two of registrar / verifier / issuer")
  .addOptionalParam("fromBlock", "First block to scan for RoleGranted / RoleRevoked (default: the deployment block if known, else 0)")
  .setAction(async (args: CommonArgs & { fromBlock?: string }, hre: HardhatRuntimeEnvironment): Promise<RoleHolders> => {
    const sys = await resolveSystem(hre, args);
    const known = (sys.addresses as { deploymentBlock?: number }).deploymentBlock;
    const fromBlock = args.fromBlock === undefined ? (known ?? 0) : Number(parseInteger("from-block", args.fromBlock, 0n, 2n ** 53n - 1n));
    // Loaded here, not at config load: the SDK embeds generated code (see tasks/lib.ts).
    const { resolveRange, scanLogs } = await import("../sdk/internal/logs");
    const provider = hre.ethers.provider;
    const range = await resolveRange(provider, fromBlock, {});
    const holders = {} as RoleHolders["holders"];
    const pendingAdmins = {} as RoleHolders["pendingAdmins"];
    for (const key of CONTRACT_ARG_NAMES) {
      const c = sys[key];
      // Candidates from the role events, confirmed by hasRole (a revoked or renounced grant drops out).
      const [granted] = await scanLogs(`access:holders ${key}`, [{ contract: c, filter: c.filters.RoleGranted() }], range);
      const names = ["DEFAULT_ADMIN_ROLE", ...CONTRACT_ROLES[key]];
      const ids = names.map((n) => (n === "DEFAULT_ADMIN_ROLE" ? ZeroHash : keccakText(n)));
      holders[key] = {};
      for (const [i, name] of names.entries()) {
        const candidates = [...new Set(granted.filter((e) => e.args.role === ids[i]).map((e) => getAddress(e.args.account as string)))];
        const flags = await Promise.all(candidates.map((a) => c.hasRole(ids[i], a)));
        holders[key][name] = candidates.filter((_, j) => flags[j]).sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1));
      }
      const [account, schedule] = await c.pendingDefaultAdmin();
      pendingAdmins[key] = { account, acceptFrom: Number(schedule) };
    }
    const byAccount = new Map<string, string[]>();
    for (const [key, role] of SEPARATED_ROLES) {
      for (const a of holders[key][role]) byAccount.set(a, [...(byAccount.get(a) ?? []), `${key}.${role}`]);
    }
    const combined: RoleHolders["combined"] = [];
    for (const [account, roles] of byAccount) {
      if (roles.length > 1 && (await provider.getCode(account)) === "0x") combined.push({ account, roles });
    }
    for (const key of CONTRACT_ARG_NAMES) {
      say(`${key}`);
      for (const [role, list] of Object.entries(holders[key])) say(`  ${role.padEnd(22)} ${list.length ? list.join(", ") : "(nobody)"}`);
      const p = pendingAdmins[key];
      if (p.account !== ZeroAddress) say(`  pending admin          ${p.account} (may accept from ${new Date(p.acceptFrom * 1000).toISOString()})`);
    }
    if (combined.length === 0) say("ok: no account holds two of registry.REGISTRAR_ROLE, registry.VERIFIER_ROLE, credits.ISSUER_ROLE");
    for (const c of combined) say(`WARNING: ${c.account} holds ${c.roles.join(" + ")}: one key can register, approve and mint`);
    return { holders, pendingAdmins, combined };
  });
