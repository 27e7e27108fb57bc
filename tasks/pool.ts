/**
 * Pool tasks: register the pool's project (or its successor), admit / remove members, set the allocation
 * rules for the next period, open / close / cancel / abort periods.
 * `npx hardhat pool:<name> --network <net> [--deployment-id <id> | --addresses <file>] …`
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import {
  type CommonArgs,
  TaskArgumentError,
  adminTask,
  eventOf,
  formatCredits,
  parseAddress,
  parseDate,
  parseEnum,
  parseId,
  parseInteger,
  parseText,
  resolveSystem,
  say,
  sendTx,
} from "./lib";
import { parseCountry } from "./country";

/** CalendarPeriods.Kind, in enum order. */
export const PERIOD_KINDS = ["monthly", "quarterly", "yearly"] as const;
/** ICarbonPool.AllocationMethod, in enum order. */
export const ALLOCATION_METHODS = ["proportional", "equal-share", "performance-based", "hybrid"] as const;

interface ProjectArgs extends CommonArgs {
  name: string;
  standard: string;
  methodology: string;
  country: string;
  uri: string;
}

adminTask(
  "pool:register-project",
  "Register the pool's own self-managed project in the registry (first call: its current project; later: the successor it moves to when the current one is full or not Approved; a verifier then approves it). Needs POOL_MANAGER_ROLE",
)
  .addOptionalParam("name", "Project name", "indian_carbon_market_pool")
  .addOptionalParam("standard", "Standard", "ICM")
  .addOptionalParam("methodology", "Methodology", "AMS-I.D")
  .addOptionalParam("country", "Country (ISO 3166-1 alpha-2)", "IN")
  .addOptionalParam("uri", "Metadata URI", "")
  .setAction(async (args: ProjectArgs, hre: HardhatRuntimeEnvironment) => {
    const name = parseText("name", args.name);
    const standard = parseText("standard", args.standard);
    const methodology = parseText("methodology", args.methodology);
    const country = parseCountry("country", args.country);
    const sys = await resolveSystem(hre, args);
    const input = { owner: sys.addresses.pool, name, standard, methodology, country, uri: args.uri ?? "", estimatedCredits: 0n };
    const sent = await sendTx(sys, "pool:register-project", sys.pool.registerPoolProject, [input]);
    if (sent.queued) return sent;
    const ev = eventOf(sent, "PoolProjectRegistered", "pool:register-project");
    const projectId = ev.args.projectId as bigint;
    const successor = ev.args.successor as boolean;
    say(`pool ${successor ? "successor " : ""}project ${projectId} registered (Pending): ${name} — approve it with registry:approve --project ${projectId}`);
    return { ...sent, projectId, successor };
  });

for (const [verb, description] of [
  ["admit", "Admit an MSME as a pool member"],
  ["remove", "Remove a pool member (its open-period grams carry forward)"],
] as const) {
  adminTask(`pool:${verb}`, `${description}. Needs POOL_MANAGER_ROLE`)
    .addParam("member", "Member address")
    .setAction(async (args: CommonArgs & { member: string }, hre: HardhatRuntimeEnvironment) => {
      const member = parseAddress("member", args.member);
      const sys = await resolveSystem(hre, args);
      const action = `pool:${verb}`;
      const sent = await sendTx(sys, action, verb === "admit" ? sys.pool.admitMember : sys.pool.removeMember, [member]);
      say(`${member} ${verb === "admit" ? "admitted" : "removed"}; members: ${await sys.pool.memberCount()}`);
      return { ...sent, member };
    });
}

interface OpenArgs extends CommonArgs {
  kind: string;
  date?: string;
}

adminTask("pool:open-period", "Open the UTC calendar period (month, quarter or year) containing a date; prints its id. Needs POOL_MANAGER_ROLE")
  .addParam("kind", `Period kind: ${PERIOD_KINDS.join(", ")}`)
  .addOptionalParam("date", "A day inside the period (YYYY-MM-DD, UTC, or unix seconds); default: the latest block's time")
  .setAction(async (args: OpenArgs, hre: HardhatRuntimeEnvironment) => {
    const kind = parseEnum("kind", args.kind, PERIOD_KINDS);
    let timestamp = args.date === undefined ? undefined : parseDate("date", args.date);
    if (timestamp !== undefined && timestamp >= 2n ** 40n) throw new TaskArgumentError("date", `${args.date} is too far in the future`);
    const sys = await resolveSystem(hre, args);
    if (timestamp === undefined) {
      const block = await hre.ethers.provider.getBlock("latest");
      timestamp = BigInt(block?.timestamp ?? Math.floor(Date.now() / 1000));
    }
    const ts = timestamp;
    const sent = await sendTx(sys, "pool:open-period", sys.pool.openPeriod, [kind, ts]);
    if (sent.queued) return sent;
    const ev = eventOf(sent, "PeriodOpened", "pool:open-period");
    const periodId = ev.args.periodId as bigint;
    const iso = (s: bigint) => new Date(Number(s) * 1000).toISOString();
    say(`period ${periodId} open (${PERIOD_KINDS[kind]}): ${iso(ev.args.start as bigint)} … ${iso(ev.args.end as bigint)}`);
    return { ...sent, periodId, start: ev.args.start as bigint, end: ev.args.end as bigint };
  });

interface AllocationArgs extends CommonArgs {
  method: string;
  hybridBps: string;
  minGrams?: string;
}

adminTask(
  "pool:set-allocation",
  "Set the allocation method (and hybrid weight, optionally the minimum contribution in grams) for the periods opened from now on. Needs POOL_MANAGER_ROLE",
)
  .addParam("method", `Allocation method: ${ALLOCATION_METHODS.join(", ")}`)
  .addOptionalParam("hybridBps", "Weight of the performance-based part for hybrid, bps (1–9999)", "0")
  .addOptionalParam("minGrams", "Minimum contribution per member and period, grams (seed 000: 1000000 = 1 t; equal-share needs > 0)")
  .setAction(async (args: AllocationArgs, hre: HardhatRuntimeEnvironment) => {
    const method = parseEnum("method", args.method, ALLOCATION_METHODS);
    const hybridBps = parseInteger("hybrid-bps", args.hybridBps, 0n, 10_000n);
    if (ALLOCATION_METHODS[method] === "hybrid" && (hybridBps === 0n || hybridBps === 10_000n)) {
      throw new TaskArgumentError("hybrid-bps", "hybrid needs a weight strictly between 0 and 10000 bps");
    }
    if (ALLOCATION_METHODS[method] !== "hybrid" && hybridBps !== 0n) {
      throw new TaskArgumentError("hybrid-bps", `only the hybrid method takes a weight (method is ${ALLOCATION_METHODS[method]})`);
    }
    const minGrams = args.minGrams === undefined ? undefined : parseInteger("min-grams", args.minGrams, 0n, 2n ** 128n - 1n);
    const sys = await resolveSystem(hre, args);
    if (ALLOCATION_METHODS[method] === "equal-share" && (minGrams ?? (await sys.pool.minContribution())) === 0n) {
      throw new TaskArgumentError("min-grams", "equal-share needs a non-zero minimum contribution (give --min-grams)");
    }
    if (minGrams !== undefined) await sendTx(sys, "pool:set-allocation", sys.pool.setMinContribution, [minGrams]);
    const sent = await sendTx(sys, "pool:set-allocation", sys.pool.setAllocationMethod, [method, Number(hybridBps)]);
    say(`next periods: ${ALLOCATION_METHODS[method]}${hybridBps !== 0n ? ` (${hybridBps} bps)` : ""}, minimum ${await sys.pool.minContribution()} g`);
    return { ...sent, method, hybridBps, minContribution: await sys.pool.minContribution() };
  });

/** The period a task acts on: `--period`, or the open one. */
async function targetPeriod(sys: Awaited<ReturnType<typeof resolveSystem>>, period: string | undefined): Promise<bigint> {
  if (period !== undefined) return parseId("period", period);
  const open = await sys.pool.openPeriodId();
  if (open === 0n) throw new TaskArgumentError("period", "no period is open; give --period <id>");
  return open;
}

adminTask(
  "pool:close-period",
  "Close a period after its end plus its close grace: mint exactly its eligible verified grams as a batch (its method was fixed at open). Needs POOL_MANAGER_ROLE",
)
  .addOptionalParam("period", "Period id (default: the open period)")
  .setAction(async (args: CommonArgs & { period?: string }, hre: HardhatRuntimeEnvironment) => {
    const sys = await resolveSystem(hre, args);
    const id = await targetPeriod(sys, args.period);
    const sent = await sendTx(sys, "pool:close-period", sys.pool.closePeriod, [id]);
    if (sent.queued) return sent;
    const ev = eventOf(sent, "PeriodClosed", "pool:close-period");
    const credits = ev.args.credits as bigint;
    const batchId = ev.args.batchId as bigint;
    say(
      `period ${id} closed (${ALLOCATION_METHODS[Number(ev.args.method)]}): ${formatCredits(credits)} t for ${ev.args.eligibleCount} eligible members` +
        (batchId === 0n ? ", no batch" : `, batch ${batchId} of project ${ev.args.projectId}`),
    );
    return { ...sent, periodId: id, credits, batchId };
  });

for (const [verb, description] of [
  ["cancel", "Cancel an open period that has no contribution yet (its dates can be opened again)"],
  ["abort", "Abort an open period that cannot close, after its end plus its close grace: no credits, its grams carry forward to each member's next period"],
] as const) {
  adminTask(`pool:${verb}-period`, `${description}. Needs POOL_MANAGER_ROLE`)
    .addOptionalParam("period", "Period id (default: the open period)")
    .setAction(async (args: CommonArgs & { period?: string }, hre: HardhatRuntimeEnvironment) => {
      const sys = await resolveSystem(hre, args);
      const id = await targetPeriod(sys, args.period);
      const sent = await sendTx(sys, `pool:${verb}-period`, verb === "cancel" ? sys.pool.cancelPeriod : sys.pool.abortPeriod, [id]);
      say(`period ${id} ${verb === "cancel" ? "cancelled" : "aborted"}`);
      return { ...sent, periodId: id };
    });
}
