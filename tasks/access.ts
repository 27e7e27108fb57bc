/**
 * Access tasks: grant and revoke the operational roles.
 * `npx hardhat access:grant --network <net> --contract pool --role POOL_MANAGER --account 0x…`
 */
import { id as keccakText } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { ContractKey } from "../scripts/deploy/addresses";
import { type CommonArgs, TaskArgumentError, adminTask, parseAddress, parseEnum, resolveSystem, say, sendTx } from "./lib";

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
