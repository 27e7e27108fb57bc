/**
 * Decoders of the `pool` module (internal): the contract's structs and events as the SDK's records
 * (enum values by name, small integers as numbers), and the pool's configuration read in one go.
 */
import type { EventLog } from "ethers";
import type { CarbonPool } from "../../../typechain-types";
import type { TypedEventLog } from "../../../typechain-types/common";
import type { AllocationClaimedEvent, ContributionRecordedEvent, ICarbonPool } from "../../../typechain-types/contracts/pool/CarbonPool";
import type { EventPosition } from "../oracle/types";
import { AllocationMethod, PeriodKind, PeriodStatus, type AllocationMethodName, type ClaimedAllocation, type ContributionRecorded, type PeriodClosed, type PeriodKindName, type PeriodOpened, type PeriodStatusName, type PoolInfo, type PoolMember, type PoolPeriod } from "./types";

const KIND_NAMES = Object.keys(PeriodKind) as PeriodKindName[];
const STATUS_NAMES = Object.keys(PeriodStatus) as PeriodStatusName[];
const METHOD_NAMES = Object.keys(AllocationMethod) as AllocationMethodName[];

/** A decoded event's arguments, as `Module.event` returns them. */
type EventArgs = EventLog["args"];

/** The pool's configuration and counters, one read per field (not atomic across blocks). */
export async function readInfo(c: CarbonPool): Promise<PoolInfo> {
  const [projectId, [successorProjectId, currentProjectBatches], treasury, [method, hybridBps], minContribution, [closeGrace, claimWindow], memberCount, periodCount, openPeriodId, paused, registry, credits] =
    await Promise.all([
      c.projectId(),
      c.poolProjects(),
      c.treasury(),
      c.allocationMethod(),
      c.minContribution(),
      c.periodTimings(),
      c.memberCount(),
      c.periodCount(),
      c.openPeriodId(),
      c.paused(),
      c.registry(),
      c.credits(),
    ]);
  return {
    projectId,
    successorProjectId,
    currentProjectBatches,
    treasury,
    allocation: { method: METHOD_NAMES[Number(method)], hybridBps: Number(hybridBps) },
    minContribution,
    closeGrace: Number(closeGrace),
    claimWindow: Number(claimWindow),
    memberCount,
    periodCount,
    openPeriodId,
    paused,
    registry,
    credits,
  };
}

/** Converts the contract's period struct. */
export function toPeriod(id: bigint, p: ICarbonPool.PeriodStructOutput): PoolPeriod {
  return {
    id,
    status: STATUS_NAMES[Number(p.status)],
    kind: KIND_NAMES[Number(p.kind)],
    method: METHOD_NAMES[Number(p.method)],
    hybridBps: Number(p.hybridBps),
    start: p.start,
    end: p.end,
    year: new Date(Number(p.start) * 1000).getUTCFullYear(),
    closeGrace: Number(p.closeGrace),
    claimWindow: Number(p.claimWindow),
    closedAt: p.closedAt,
    closableAt: p.end + p.closeGrace + 1n,
    claimDeadline: p.closedAt === 0n ? 0n : p.closedAt + p.claimWindow,
    recordCount: Number(p.recordCount),
    eligibleCount: Number(p.eligibleCount),
    claimedCount: Number(p.claimedCount),
    dustSwept: p.dustSwept,
    minContribution: p.minContribution,
    eligibleGrams: p.eligibleGrams,
    weightSum: p.weightSum,
    credits: p.credits,
    claimedUnits: p.claimedUnits,
    batchId: p.batchId,
  };
}

/** Converts the contract's member struct of `address`. */
export function toMember(address: string, m: ICarbonPool.MemberStructOutput): PoolMember {
  return {
    address,
    active: m.active,
    hasCarried: m.hasCarried,
    lastPeriodId: m.lastPeriodId,
    historyAnchor: m.historyAnchor,
    history: m.history,
    allocationCount: Number(m.allocationCount),
    claimCount: Number(m.claimCount),
    totalGrams: m.totalGrams,
    carriedGrams: m.carriedGrams,
    claimedUnits: m.claimedUnits,
  };
}

/** A `PeriodOpened` event. */
export function toPeriodOpened(e: EventArgs): PeriodOpened {
  return {
    periodId: e.periodId as bigint,
    kind: KIND_NAMES[Number(e.kind)],
    start: e.start as bigint,
    end: e.end as bigint,
    minContribution: e.minContribution as bigint,
    method: METHOD_NAMES[Number(e.method)],
    hybridBps: Number(e.hybridBps),
    closeGrace: Number(e.closeGrace),
    claimWindow: Number(e.claimWindow),
  };
}

/** A `PeriodClosed` event. */
export function toPeriodClosed(e: EventArgs): PeriodClosed {
  return {
    periodId: e.periodId as bigint,
    method: METHOD_NAMES[Number(e.method)],
    hybridBps: Number(e.hybridBps),
    credits: e.credits as bigint,
    batchId: e.batchId as bigint,
    projectId: e.projectId as bigint,
    eligibleGrams: e.eligibleGrams as bigint,
    eligibleCount: e.eligibleCount as bigint,
    weightSum: e.weightSum as bigint,
  };
}

/** A `ContributionRecorded` event, with `carriedIn` the sum of the `ContributionCarriedForward` events of the same write. */
export function toContribution(e: EventArgs, carriedForward: readonly EventArgs[]): ContributionRecorded {
  return {
    periodId: e.periodId as bigint,
    member: e.member as string,
    grams: e.grams as bigint,
    memberGrams: e.memberGrams as bigint,
    score: e.score as bigint,
    eligible: e.eligible as boolean,
    carriedIn: carriedForward.reduce((s, c) => s + (c.grams as bigint), 0n),
  };
}

/** An `AllocationClaimed` event of a claim write. */
export function toClaimed(e: EventArgs): ClaimedAllocation {
  return { periodId: e.periodId as bigint, batchId: e.batchId as bigint, amount: e.amount as bigint };
}

/** An `AllocationClaimed` log, with where it was mined. */
export function toClaimRecord(e: TypedEventLog<AllocationClaimedEvent.Event>): ClaimedAllocation & { readonly member: string } & EventPosition {
  return {
    periodId: e.args.periodId,
    member: e.args.member,
    batchId: e.args.batchId,
    amount: e.args.amount,
    blockNumber: e.blockNumber,
    transactionHash: e.transactionHash,
  };
}

/** A `ContributionRecorded` log, with where it was mined (`carriedIn` is not in the event). */
export function toContributionRecord(e: TypedEventLog<ContributionRecordedEvent.Event>): Omit<ContributionRecorded, "carriedIn"> & EventPosition {
  return {
    periodId: e.args.periodId,
    member: e.args.member,
    grams: e.args.grams,
    memberGrams: e.args.memberGrams,
    score: e.args.score,
    eligible: e.args.eligible,
    blockNumber: e.blockNumber,
    transactionHash: e.transactionHash,
  };
}
