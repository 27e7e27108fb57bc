/**
 * System tasks: `system:status` (addresses, the signer's roles, counts, fee, open period, pauses,
 * admins), `system:pause` / `system:unpause`, and a guard on `ignition deploy` that refuses a
 * parameter file still holding placeholders.
 */
import path from "node:path";
import { scope } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { CONTRACT_KEYS, type ContractKey } from "../scripts/deploy/addresses";
import { checkDeploymentParameters } from "../scripts/deploy/parameters";
import { CONTRACT_ROLES } from "./access";
import { type CommonArgs, TaskArgumentError, adminTask, parseEnum, resolveSystem, say, sendTx } from "./lib";
import { PERIOD_KINDS } from "./pool";

/** The contracts that can be paused (the registry cannot). */
export const PAUSABLE = ["credits", "market", "pool", "oracle"] as const;
type Pausable = (typeof PAUSABLE)[number];

/** What `system:status` returns (and prints). */
export interface SystemStatus {
  chainId: number;
  source: string;
  signer: string;
  addresses: Record<ContractKey, string>;
  /** Per contract: the signer's roles there (DEFAULT_ADMIN_ROLE included). */
  signerRoles: Record<ContractKey, string[]>;
  admins: Record<ContractKey, { admin: string; pending: string; acceptableAt: bigint }>;
  paused: Record<Pausable, boolean>;
  projects: bigint;
  batches: bigint;
  retirements: bigint;
  feeBps: bigint;
  feeRecipient: string;
  tenders: bigint;
  listings: bigint;
  poolProjectId: bigint;
  members: bigint;
  periods: bigint;
  openPeriod: { id: bigint; kind: string; start: bigint; end: bigint } | null;
  oracleSigners: bigint;
  quorum: bigint;
}

adminTask("system:status", "Show the deployment: addresses, the signer's roles, counts, fee, open period, pauses, admins")
  .setAction(async (args: CommonArgs, hre: HardhatRuntimeEnvironment): Promise<SystemStatus> => {
    const sys = await resolveSystem(hre, args);
    const me = sys.signerAddress;
    const signerRoles = {} as SystemStatus["signerRoles"];
    const admins = {} as SystemStatus["admins"];
    for (const key of CONTRACT_KEYS) {
      const c = sys[key];
      const roles: string[] = [];
      if (await c.hasRole(hre.ethers.ZeroHash, me)) roles.push("DEFAULT_ADMIN_ROLE");
      for (const name of CONTRACT_ROLES[key]) if (await c.hasRole(hre.ethers.id(name), me)) roles.push(name);
      signerRoles[key] = roles;
      const [pending, acceptableAt] = await c.pendingDefaultAdmin();
      admins[key] = { admin: await c.defaultAdmin(), pending, acceptableAt };
    }
    const paused = {} as SystemStatus["paused"];
    for (const key of PAUSABLE) paused[key] = await sys[key].paused();
    const openId = await sys.pool.openPeriodId();
    let openPeriod: SystemStatus["openPeriod"] = null;
    if (openId !== 0n) {
      const p = await sys.pool.getPeriod(openId);
      openPeriod = { id: openId, kind: PERIOD_KINDS[Number(p.kind)], start: p.start, end: p.end };
    }
    const status: SystemStatus = {
      chainId: sys.chainId,
      source: sys.source,
      signer: me,
      addresses: sys.addresses,
      signerRoles,
      admins,
      paused,
      projects: await sys.registry.projectCount(),
      batches: await sys.registry.batchCount(),
      retirements: await sys.credits.retirementCount(),
      feeBps: await sys.market.feeBps(),
      feeRecipient: await sys.market.feeRecipient(),
      tenders: await sys.market.tenderCount(),
      listings: await sys.market.listingCount(),
      poolProjectId: await sys.pool.projectId(),
      members: await sys.pool.memberCount(),
      periods: await sys.pool.periodCount(),
      openPeriod,
      oracleSigners: await sys.oracle.signerCount(),
      quorum: await sys.oracle.quorum(),
    };
    const iso = (s: bigint) => new Date(Number(s) * 1000).toISOString().replace(".000", "");
    say(`network ${hre.network.name} (chain ${status.chainId}), addresses from ${status.source}`);
    say(`signer ${me}`);
    for (const key of CONTRACT_KEYS) {
      const a = admins[key];
      const handover = a.pending === hre.ethers.ZeroAddress ? "" : `, pending admin ${a.pending} from ${iso(a.acceptableAt)}`;
      const pause = key === "registry" ? "" : paused[key as Pausable] ? " PAUSED" : "";
      say(`  ${key.padEnd(8)} ${status.addresses[key]}${pause}  admin ${a.admin}${handover}`);
      say(`           signer's roles: ${signerRoles[key].join(", ") || "none"}`);
    }
    say(`registry  projects ${status.projects}, batches ${status.batches}; retirements ${status.retirements}`);
    say(`market    fee ${status.feeBps} bps to ${status.feeRecipient}; tenders ${status.tenders}, listings ${status.listings}`);
    say(
      `pool      project ${status.poolProjectId || "not registered"}, members ${status.members}, periods ${status.periods}, open: ` +
        (openPeriod === null ? "none" : `${openPeriod.id} (${openPeriod.kind}, ${iso(openPeriod.start)} … ${iso(openPeriod.end)})`),
    );
    say(`oracle    signers ${status.oracleSigners}, quorum ${status.quorum}`);
    return status;
  });

for (const verb of ["pause", "unpause"] as const) {
  adminTask(`system:${verb}`, `${verb === "pause" ? "Pause" : "Unpause"} one pausable contract or all of them. Needs PAUSER_ROLE`)
    .addParam("contract", `${PAUSABLE.join(", ")} or all`)
    .setAction(async (args: CommonArgs & { contract: string }, hre: HardhatRuntimeEnvironment) => {
      const names = [...PAUSABLE, "all"];
      const choice = names[parseEnum("contract", args.contract, names)];
      const sys = await resolveSystem(hre, args);
      const asked = choice === "all" ? [...PAUSABLE] : [choice as Pausable];
      // Check every target first. One contract already in the wanted state is an error; with "all"
      // such contracts are skipped (and reported), so "all" always leaves every contract paused / unpaused.
      const targets: Pausable[] = [];
      const skipped: Pausable[] = [];
      for (const key of asked) {
        const isPaused = await sys[key].paused();
        const done = verb === "pause" ? isPaused : !isPaused;
        if (done && choice !== "all") throw new TaskArgumentError("contract", `${key} is ${verb === "pause" ? "already paused" : "not paused"}`);
        (done ? skipped : targets).push(key);
      }
      const results = [];
      for (const key of targets) {
        results.push(await sendTx(sys, `system:${verb} ${key}`, verb === "pause" ? sys[key].pause : sys[key].unpause, []));
      }
      if (skipped.length > 0) say(`${skipped.join(", ")} already ${verb === "pause" ? "paused" : "unpaused"}: skipped`);
      say(targets.length === 0 ? `nothing to ${verb}` : `${targets.join(", ")} ${verb}d`);
      return { contracts: targets, skipped, transactions: results };
    });
}

// `npx hardhat ignition deploy … --parameters <file>`: refuse placeholders before Ignition starts.
scope("ignition")
  .task("deploy")
  .setAction(async (args: { parameters?: string; defaultSender?: string }, hre: HardhatRuntimeEnvironment, runSuper) => {
    if (args.parameters !== undefined && /\.json$/.test(args.parameters)) {
      const deployer = args.defaultSender ?? (await hre.ethers.getSigners())[0]?.address;
      checkDeploymentParameters(path.resolve(hre.config.paths.root, args.parameters), deployer);
    }
    return runSuper(args);
  });
