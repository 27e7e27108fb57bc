/**
 * Pool tasks: register the pool's project, admit / remove members, open / close periods.
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

adminTask("pool:register-project", "Register the pool's own project in the registry (once; a verifier then approves it). Needs POOL_MANAGER_ROLE")
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
    const projectId = eventOf(sent, "PoolProjectRegistered", "pool:register-project").args.projectId as bigint;
    say(`pool project ${projectId} registered (Pending): ${name} — approve it with registry:approve --project ${projectId}`);
    return { ...sent, projectId };
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

interface CloseArgs extends CommonArgs {
  period?: string;
  method: string;
  hybridBps: string;
}

adminTask("pool:close-period", "Close an ended period: fix its allocation method, mint its credits as a batch. Needs POOL_MANAGER_ROLE")
  .addOptionalParam("period", "Period id (default: the open period)")
  .addParam("method", `Allocation method: ${ALLOCATION_METHODS.join(", ")}`)
  .addOptionalParam("hybridBps", "Weight of the performance-based part for hybrid, bps (1–9999)", "0")
  .setAction(async (args: CloseArgs, hre: HardhatRuntimeEnvironment) => {
    const method = parseEnum("method", args.method, ALLOCATION_METHODS);
    const hybridBps = parseInteger("hybrid-bps", args.hybridBps, 0n, 10_000n);
    if (ALLOCATION_METHODS[method] === "hybrid" && (hybridBps === 0n || hybridBps === 10_000n)) {
      throw new TaskArgumentError("hybrid-bps", "hybrid needs a weight strictly between 0 and 10000 bps");
    }
    if (ALLOCATION_METHODS[method] !== "hybrid" && hybridBps !== 0n) {
      throw new TaskArgumentError("hybrid-bps", `only the hybrid method takes a weight (method is ${ALLOCATION_METHODS[method]})`);
    }
    let periodId = args.period === undefined ? undefined : parseId("period", args.period);
    const sys = await resolveSystem(hre, args);
    if (periodId === undefined) {
      periodId = await sys.pool.openPeriodId();
      if (periodId === 0n) throw new TaskArgumentError("period", "no period is open; give --period <id>");
    }
    const id = periodId;
    const sent = await sendTx(sys, "pool:close-period", sys.pool.closePeriod, [id, method, Number(hybridBps)]);
    if (sent.queued) return sent;
    const ev = eventOf(sent, "PeriodClosed", "pool:close-period");
    const credits = ev.args.credits as bigint;
    const batchId = ev.args.batchId as bigint;
    say(
      `period ${id} closed (${ALLOCATION_METHODS[method]}): ${formatCredits(credits)} t for ${ev.args.eligibleCount} eligible members` +
        (batchId === 0n ? ", no batch" : `, batch ${batchId}`),
    );
    return { ...sent, periodId: id, credits, batchId };
  });
