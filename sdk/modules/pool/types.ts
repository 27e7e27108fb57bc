/**
 * The `pool` module's shapes: period kinds, statuses and allocation methods (name → on-chain value),
 * the pool's defaults, and the pool, period, member and event records. Units: grams CO2e, credit units
 * (1 unit = 1 g), unix seconds (UTC), basis points, seconds for durations.
 */

/** Calendar period kinds, as `CalendarPeriods.Kind` (name → on-chain value). UTC calendar month, quarter, year. */
export const PeriodKind = { Monthly: 0, Quarterly: 1, Yearly: 2 } as const;
/** A period kind name: `"Monthly"`, `"Quarterly"` or `"Yearly"`. */
export type PeriodKindName = keyof typeof PeriodKind;

/**
 * Period lifecycle, as `ICarbonPoolTypes.PeriodStatus`: `None → Open → Closed | Cancelled | Aborted` (`None`:
 * unknown id; `Cancelled`: closed without contributions, dates free again; `Aborted`: stuck period
 * ended without credits, its grams carried forward to each member's next period).
 */
export const PeriodStatus = { None: 0, Open: 1, Closed: 2, Cancelled: 3, Aborted: 4 } as const;
/** A period status name. */
export type PeriodStatusName = keyof typeof PeriodStatus;

/**
 * How a closed period's credits are split among its eligible members, as `ICarbonPoolTypes.AllocationMethod`:
 * `Proportional` `floor(C × g / G)`; `EqualShare` `floor(C / n)`; `PerformanceBased` `floor(C × w / W)`;
 * `Hybrid` (h bps performance) `floor(C × ((10000 − h) × g × W + h × w × G) / (10000 × G × W))`.
 */
export const AllocationMethod = { Proportional: 0, EqualShare: 1, PerformanceBased: 2, Hybrid: 3 } as const;
/** An allocation method name. */
export type AllocationMethodName = keyof typeof AllocationMethod;

/**
 * Seed 000's minimum contribution in grams: its "100 credits" threshold at "1 credit per 10 kg" is
 * 100 × 10 kg = 1 tCO2e = 1,000,000 g (one on-chain credit). Pass it to {@link PoolModule.setMinContribution}.
 */
export const SEED_MIN_CONTRIBUTION_GRAMS = 1_000_000n;

/** Close grace of a new pool, seconds (`CarbonPool.DEFAULT_CLOSE_GRACE`, 2 days); allowed 1–30 days. */
export const DEFAULT_CLOSE_GRACE_SECONDS = 2 * 86_400;
/** Claim window of a new pool, seconds (`CarbonPool.DEFAULT_CLAIM_WINDOW`, 365 days); allowed 30 days – 10 years. */
export const DEFAULT_CLAIM_WINDOW_SECONDS = 365 * 86_400;

/** The pool's configuration and counters. */
export interface PoolInfo {
  /** The pool's current project id in the ProjectRegistry (0 before {@link PoolModule.registerPoolProject}). */
  readonly projectId: bigint;
  /** The registered successor project the pool moves to when the current one is full or not Approved (0: none). */
  readonly successorProjectId: bigint;
  /** Batches the pool has added to its current project (the registry caps a project at 128). */
  readonly currentProjectBatches: bigint;
  /** Receives swept units. */
  readonly treasury: string;
  /** Allocation method (and Hybrid weight, bps) for periods opened from now on. */
  readonly allocation: { readonly method: AllocationMethodName; readonly hybridBps: number };
  /** Minimum grams per member per period for eligibility, for periods opened from now on. */
  readonly minContribution: bigint;
  /** Seconds after a period's end before it can be closed, for periods opened from now on. */
  readonly closeGrace: number;
  /** Seconds after a close during which members can claim, for periods opened from now on. */
  readonly claimWindow: number;
  /** Active members. */
  readonly memberCount: bigint;
  /** Periods opened so far (ids run 1..periodCount). */
  readonly periodCount: bigint;
  /** The open period's id, 0 when none is open. */
  readonly openPeriodId: bigint;
  /** Whether opening, recording, closing and sweeping are paused (claims stay open). */
  readonly paused: boolean;
  /** The ProjectRegistry address. */
  readonly registry: string;
  /** The CarbonCredits (ERC-1155) address. */
  readonly credits: string;
}

/** A pool period (`ICarbonPool.Period`), with enum names and unix-second bounds. */
export interface PoolPeriod {
  /** Period id, from 1. */
  readonly id: bigint;
  readonly status: PeriodStatusName;
  readonly kind: PeriodKindName;
  /** Allocation method, fixed at open. */
  readonly method: AllocationMethodName;
  /** Performance weight of `Hybrid`, bps (0 otherwise), fixed at open. */
  readonly hybridBps: number;
  /** First second, unix seconds (00:00:00 UTC of the first day). */
  readonly start: bigint;
  /** Last second, unix seconds, inclusive (23:59:59 UTC of the last day). */
  readonly end: bigint;
  /** Calendar year of the period = the vintage of its batch. */
  readonly year: number;
  /** Seconds after `end` before the period can be closed (or aborted). */
  readonly closeGrace: number;
  /** Seconds after `closedAt` during which members can claim. */
  readonly claimWindow: number;
  /** When the period was closed, unix seconds (0 until then). */
  readonly closedAt: bigint;
  /** First second at which the period can be closed: `end + closeGrace + 1`, unix seconds. */
  readonly closableAt: bigint;
  /** Last second members can claim (`closedAt + claimWindow`; 0 while not closed), unix seconds. */
  readonly claimDeadline: bigint;
  /** Members with at least one record in the period. */
  readonly recordCount: number;
  /** Eligible members (`n`). */
  readonly eligibleCount: number;
  /** Eligible members that have claimed. */
  readonly claimedCount: number;
  /** Whether the unclaimed remainder (dust, or every unclaimed share after the claim window) was swept. */
  readonly dustSwept: boolean;
  /** Minimum grams for eligibility in this period (snapshot at open). */
  readonly minContribution: bigint;
  /** Σ grams of eligible members (`G`). */
  readonly eligibleGrams: bigint;
  /** Σ performance weights of eligible members (`W`), grams × points. */
  readonly weightSum: bigint;
  /** Credit units minted at close (`C` = `G`: one unit per verified gram; 0 while open). */
  readonly credits: bigint;
  /** Units claimed so far. */
  readonly claimedUnits: bigint;
  /** The period's vintage batch (ERC-1155 token id); 0 when no credits were minted. */
  readonly batchId: bigint;
}

/** A member's running state (`ICarbonPool.Member`). */
export interface PoolMember {
  readonly address: string;
  /** Admitted and not removed. */
  readonly active: boolean;
  /** Whether `carriedGrams` is non-zero. */
  readonly hasCarried: boolean;
  /** Last period with a record (0: none). */
  readonly lastPeriodId: bigint;
  /** Period id that bit 0 of `history` stands for. */
  readonly historyAnchor: bigint;
  /** Eligibility bitmap (16 bits): bit k = eligible in period `historyAnchor − k`. */
  readonly history: bigint;
  /** Periods in which the member was (or, for the open period, is) eligible. */
  readonly allocationCount: number;
  /** Periods claimed. */
  readonly claimCount: number;
  /** Lifetime verified CO2 reduced, grams. */
  readonly totalGrams: bigint;
  /** Grams withdrawn from an open period by a removal, waiting to join the next record. */
  readonly carriedGrams: bigint;
  /** Credit units received through claims. */
  readonly claimedUnits: bigint;
}

/** A member's record in one period (`ICarbonPool.MemberPeriod`). */
export interface MemberPeriod {
  readonly periodId: bigint;
  readonly member: string;
  /** Grams counted in the period (records + carried-in grams). */
  readonly grams: bigint;
  /** Participation score fixed at the member's first record in the period, 0–100. */
  readonly score: number;
  /** Whether the member claimed the period. */
  readonly claimed: boolean;
}

/** A member's metrics (seed 000). */
export interface MemberMetrics {
  /** Lifetime verified CO2 reduced, grams. */
  readonly totalGrams: bigint;
  /** Credit units received through claims. */
  readonly claimedUnits: bigint;
  /** Grams waiting to join the member's next period (see {@link PoolModule.carriedForward}). */
  readonly carriedForward: bigint;
  /** Participation score 0–100 (see {@link PoolModule.participationScore}). */
  readonly participationScore: bigint;
  /** Claimed credit units per kg of lifetime CO2, rounded down (see {@link PoolModule.carbonEfficiency}). */
  readonly carbonEfficiency: bigint;
}

/** Claimable units of one member across several periods. */
export interface ClaimableSummary {
  /** Σ units claimable now. */
  readonly total: bigint;
  /** Per period, in the order asked. */
  readonly periods: ReadonlyArray<{ readonly periodId: bigint; readonly amount: bigint }>;
}

/** What {@link PoolModule.openPeriod} returns besides the hash and receipt (from `PeriodOpened`). */
export interface PeriodOpened {
  readonly periodId: bigint;
  readonly kind: PeriodKindName;
  /** Unix seconds, inclusive. */
  readonly start: bigint;
  /** Unix seconds, inclusive. */
  readonly end: bigint;
  /** Grams. */
  readonly minContribution: bigint;
  /** Allocation method fixed for the period. */
  readonly method: AllocationMethodName;
  /** bps (Hybrid only). */
  readonly hybridBps: number;
  /** Seconds after `end` before the period can be closed. */
  readonly closeGrace: number;
  /** Seconds after the close during which members can claim. */
  readonly claimWindow: number;
}

/** What {@link PoolModule.closePeriod} returns besides the hash and receipt (from `PeriodClosed`). */
export interface PeriodClosed {
  readonly periodId: bigint;
  readonly method: AllocationMethodName;
  /** bps. */
  readonly hybridBps: number;
  /** Credit units minted to the pool as the period's batch (`C`). */
  readonly credits: bigint;
  /** The new batch (token id); 0 when no credits were minted. */
  readonly batchId: bigint;
  /** The registry project the batch went into (0 when no credits were minted). */
  readonly projectId: bigint;
  /** `G`, grams. */
  readonly eligibleGrams: bigint;
  /** `n`. */
  readonly eligibleCount: bigint;
  /** `W`, grams × points. */
  readonly weightSum: bigint;
}

/** One period of a claim (from `AllocationClaimed`). */
export interface ClaimedAllocation {
  readonly periodId: bigint;
  /** Token id received. */
  readonly batchId: bigint;
  /** Units received (may be 0: marked claimed without a transfer). */
  readonly amount: bigint;
}

/** What {@link PoolModule.recordContribution} returns besides the hash and receipt. */
export interface ContributionRecorded {
  readonly periodId: bigint;
  readonly member: string;
  /** Grams recorded by this call. */
  readonly grams: bigint;
  /** The member's total grams in the period (incl. carried-in grams). */
  readonly memberGrams: bigint;
  /** The member's participation score for the period, 0–100. */
  readonly score: bigint;
  /** Whether the member is eligible in the period now. */
  readonly eligible: boolean;
  /** Grams carried forward into this period by this call (0 if none). */
  readonly carriedIn: bigint;
}
