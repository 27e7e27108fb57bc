/**
 * `pool` — the MSME pool (`CarbonPool`, seed 000): periods, members, contributions, claims.
 *
 * Units: contributions and carried grams are integer grams CO2e; credits are units (1 unit = 1 g CO2e,
 * 1 credit = 1 tCO2e = 1,000,000 units); times are unix seconds (UTC); period bounds are inclusive
 * `[start, end]`; the hybrid weight is in basis points (0–10,000); performance weights are
 * grams × points. Roles: POOL_MANAGER_ROLE (members, rates, periods, dust), DEFAULT_ADMIN_ROLE
 * (treasury), ORACLE_ROLE (contributions; in production the MRVOracle), PAUSER_ROLE; claims are open
 * to every member with an allocation (also removed members, also while the pool is paused).
 */
import { Interface } from "ethers";
import type { CarbonPool } from "../../typechain-types";
import type { ICarbonPool } from "../../typechain-types/contracts/pool/CarbonPool";
import { InvalidArgumentError } from "../errors/base";
import { Module, type TxResult, type WriteOptions } from "../internal/module";
import { CarbonCreditsAbi } from "../generated/abis";
import { retiredFromReceipt, toRetirementDetails, type RetireResult, type RetirementDetailsInput } from "./credits";
import { page, type Page, type PageOptions } from "../internal/paging";
import * as check from "../internal/validate";
import type { EventPosition } from "./oracle";
import { projectInputStruct, type ProjectInput } from "./registry";

/** Calendar period kinds, as `CalendarPeriods.Kind` (name → on-chain value). UTC calendar month, quarter, year. */
export const PeriodKind = { Monthly: 0, Quarterly: 1, Yearly: 2 } as const;
/** A period kind name: `"Monthly"`, `"Quarterly"` or `"Yearly"`. */
export type PeriodKindName = keyof typeof PeriodKind;

/** Period lifecycle, as `ICarbonPool.PeriodStatus`: `None → Open → Closed` (`None`: unknown id). */
export const PeriodStatus = { None: 0, Open: 1, Closed: 2 } as const;
/** A period status name. */
export type PeriodStatusName = keyof typeof PeriodStatus;

/**
 * How a closed period's credits are split among its eligible members, as `ICarbonPool.AllocationMethod`:
 * `Proportional` `floor(C × g / G)`; `EqualShare` `floor(C / n)`; `PerformanceBased` `floor(C × w / W)`;
 * `Hybrid` (h bps performance) `floor(C × ((10000 − h) × g × W + h × w × G) / (10000 × G × W))`.
 */
export const AllocationMethod = { Proportional: 0, EqualShare: 1, PerformanceBased: 2, Hybrid: 3 } as const;
/** An allocation method name. */
export type AllocationMethodName = keyof typeof AllocationMethod;

/** Basis points in 100 % (the largest hybrid weight). */
const MAX_BPS = 10_000;

const KIND_NAMES = Object.keys(PeriodKind) as PeriodKindName[];
const STATUS_NAMES = Object.keys(PeriodStatus) as PeriodStatusName[];
const METHOD_NAMES = Object.keys(AllocationMethod) as AllocationMethodName[];

/** The pool's configuration and counters. */
export interface PoolInfo {
  /** The pool project's id in the ProjectRegistry (0 before {@link PoolModule.registerPoolProject}). */
  readonly projectId: bigint;
  /** Receives swept dust. */
  readonly treasury: string;
  /** Conversion rate for periods opened from now on: `numerator / denominator` credit units per gram. */
  readonly conversionRate: { readonly numerator: bigint; readonly denominator: bigint };
  /** Minimum grams per member per period for eligibility, for periods opened from now on. */
  readonly minContribution: bigint;
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
  /** Allocation method, fixed at close (`Proportional` until then). */
  readonly method: AllocationMethodName;
  /** Performance weight of `Hybrid`, bps (0 otherwise). */
  readonly hybridBps: number;
  /** First second, unix seconds (00:00:00 UTC of the first day). */
  readonly start: bigint;
  /** Last second, unix seconds, inclusive (23:59:59 UTC of the last day). */
  readonly end: bigint;
  /** Calendar year of the period = the vintage of its batch. */
  readonly year: number;
  /** Eligible members (`n`). */
  readonly eligibleCount: number;
  /** Eligible members that have claimed. */
  readonly claimedCount: number;
  /** Whether the dust was swept to the treasury. */
  readonly dustSwept: boolean;
  /** Conversion rate snapshot: credit units per `rateDenominator` grams. */
  readonly rateNumerator: bigint;
  readonly rateDenominator: bigint;
  /** Minimum grams for eligibility in this period (snapshot at open). */
  readonly minContribution: bigint;
  /** Σ grams of eligible members (`G`). */
  readonly eligibleGrams: bigint;
  /** Σ performance weights of eligible members (`W`), grams × points. */
  readonly weightSum: bigint;
  /** Credit units minted at close (`C`; 0 while open). */
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
  /** Last period with a record (0: none). */
  readonly lastPeriodId: bigint;
  /** Period id that bit 0 of `history` stands for. */
  readonly historyAnchor: bigint;
  /** Eligibility bitmap: bit k = eligible in period `historyAnchor − k`. */
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
  readonly rateNumerator: bigint;
  readonly rateDenominator: bigint;
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

/** The `pool` module: see the file header. */
export class PoolModule extends Module<CarbonPool> {
  // ───────────── reads ─────────────

  /** The pool's configuration and counters (one read per field, not atomic across blocks). */
  async getInfo(): Promise<PoolInfo> {
    return this.read("getInfo", async () => {
      const c = this.contract;
      const [projectId, treasury, [numerator, denominator], minContribution, memberCount, periodCount, openPeriodId, paused, registry, credits] =
        await Promise.all([
          c.projectId(),
          c.treasury(),
          c.conversionRate(),
          c.minContribution(),
          c.memberCount(),
          c.periodCount(),
          c.openPeriodId(),
          c.paused(),
          c.registry(),
          c.credits(),
        ]);
      return {
        projectId,
        treasury,
        conversionRate: { numerator, denominator },
        minContribution,
        memberCount,
        periodCount,
        openPeriodId,
        paused,
        registry,
        credits,
      };
    });
  }

  /** Number of periods opened so far (ids run 1..periodCount). */
  async periodCount(): Promise<bigint> {
    return this.read("periodCount", () => this.contract.periodCount());
  }

  /** The open period's id, or `undefined` when none is open. */
  async openPeriodId(): Promise<bigint | undefined> {
    const id = await this.read("openPeriodId", () => this.contract.openPeriodId());
    return id === 0n ? undefined : id;
  }

  /** Number of active members. */
  async memberCount(): Promise<bigint> {
    return this.read("memberCount", () => this.contract.memberCount());
  }

  /** Whether `account` is an active member. @throws {@link InvalidArgumentError} on a malformed address. */
  async isMember(account: string): Promise<boolean> {
    const a = check.address("account", account);
    return this.read("isMember", () => this.contract.isMember(a));
  }

  /**
   * One period, or `undefined` when `periodId` was never opened (the contract returns an all-zero record).
   * @throws {@link InvalidArgumentError} on a negative id.
   */
  async getPeriod(periodId: bigint | number): Promise<PoolPeriod | undefined> {
    const id = check.unsigned("periodId", periodId);
    const p = await this.read("getPeriod", () => this.contract.getPeriod(id));
    return Number(p.status) === PeriodStatus.None ? undefined : toPeriod(id, p);
  }

  /** Periods in id order, paged (`offset` 0 = period 1). */
  async listPeriods(options: PageOptions = {}): Promise<Page<PoolPeriod>> {
    const { offset, limit } = page(options);
    const total = await this.periodCount();
    const ids: bigint[] = [];
    for (let id = BigInt(offset) + 1n; id <= total && ids.length < limit; id++) ids.push(id);
    const items = await Promise.all(
      ids.map(async (id) => toPeriod(id, await this.read("listPeriods", () => this.contract.getPeriod(id)))),
    );
    return { items, total };
  }

  /** `member`'s stored state and metrics (all zero for an account never admitted). */
  async getMember(member: string): Promise<PoolMember> {
    const a = check.address("member", member);
    const m = await this.read("getMember", () => this.contract.getMember(a));
    return {
      address: a,
      active: m.active,
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

  /** `member`'s record in period `periodId` (grams, score 0–100, claimed). */
  async getMemberPeriod(periodId: bigint | number, member: string): Promise<MemberPeriod> {
    const id = check.unsigned("periodId", periodId);
    const a = check.address("member", member);
    const mp = await this.read("getMemberPeriod", () => this.contract.getMemberPeriod(id, a));
    return { periodId: id, member: a, grams: mp.grams, score: Number(mp.score), claimed: mp.claimed };
  }

  /**
   * Credit units `member` would receive by claiming `periodId` now: 0 when the period is not closed, the
   * member is not eligible there, or it already claimed. Same formula as {@link PoolModule.claim}.
   */
  async claimable(periodId: bigint | number, member: string): Promise<bigint> {
    const id = check.unsigned("periodId", periodId);
    const a = check.address("member", member);
    return this.read("claimable", () => this.contract.claimable(id, a));
  }

  /**
   * Claimable units of `member` across `periodIds`: the sum and each period's amount (in the order given).
   * @throws {@link InvalidArgumentError} on an empty list, a negative id or a malformed address.
   */
  async claimableMany(periodIds: ReadonlyArray<bigint | number>, member: string): Promise<ClaimableSummary> {
    const ids = periodIdList("periodIds", periodIds, false);
    const a = check.address("member", member);
    const amounts = await Promise.all(ids.map((id) => this.read("claimableMany", () => this.contract.claimable(id, a))));
    const periods = ids.map((periodId, i) => ({ periodId, amount: amounts[i] }));
    return { total: amounts.reduce((s, x) => s + x, 0n), periods };
  }

  /**
   * Grams of `member` waiting to join its next period: its carried grams (withdrawn by a removal) plus,
   * when its last recorded period is closed and it stayed below that period's minimum, those grams.
   */
  async carriedForward(member: string): Promise<bigint> {
    const a = check.address("member", member);
    return this.read("carriedForward", () => this.contract.carriedForward(a));
  }

  /**
   * `member`'s participation score, 0–100, as it would be fixed at a first record in the next period to
   * receive records: `min(100, recent × 10 + totalKg / 100)` (`recent` = eligible periods among the 10
   * before; `totalKg` = lifetime grams / 1000, rounded down).
   */
  async participationScore(member: string): Promise<bigint> {
    const a = check.address("member", member);
    return this.read("participationScore", () => this.contract.participationScore(a));
  }

  /**
   * `member`'s carbon efficiency: claimed credit units per kg of lifetime recorded CO2, rounded down,
   * `floor(claimedUnits × 1000 / totalGrams)` (0 with no grams). With the default rate 1/1 a member that
   * claimed everything scores ≈ 1000 (1 unit = 1 g per kg).
   */
  async carbonEfficiency(member: string): Promise<bigint> {
    const a = check.address("member", member);
    return this.read("carbonEfficiency", () => this.contract.carbonEfficiency(a));
  }

  /** `member`'s metrics in one call: lifetime grams, claimed units, carried-forward grams, score and efficiency. */
  async memberMetrics(member: string): Promise<MemberMetrics> {
    const a = check.address("member", member);
    const [m, carriedForward, participationScore, carbonEfficiency] = await Promise.all([
      this.getMember(a),
      this.carriedForward(a),
      this.participationScore(a),
      this.carbonEfficiency(a),
    ]);
    return { totalGrams: m.totalGrams, claimedUnits: m.claimedUnits, carriedForward, participationScore, carbonEfficiency };
  }

  /**
   * Past claims from `AllocationClaimed` events, oldest first, optionally only `member`'s, from the
   * deployment block (or `fromBlock`) to `toBlock` (default latest).
   * @throws {@link InvalidArgumentError} on a malformed address or block number.
   */
  async claimHistory(
    filter: { readonly member?: string; readonly fromBlock?: number; readonly toBlock?: number } = {},
  ): Promise<Array<ClaimedAllocation & { readonly member: string } & EventPosition>> {
    const member = filter.member === undefined ? undefined : check.address("filter.member", filter.member);
    const [from, to] = blockRange(filter);
    const logs = await this.queryEvents("claimHistory", this.contract.filters.AllocationClaimed(undefined, member), from, to);
    return logs.map((e) => ({
      periodId: e.args.periodId,
      member: e.args.member,
      batchId: e.args.batchId,
      amount: e.args.amount,
      blockNumber: e.blockNumber,
      transactionHash: e.transactionHash,
    }));
  }

  /**
   * Past contributions from `ContributionRecorded` events, oldest first, optionally only of `member`
   * and / or `periodId` (`carriedIn` is not part of this event and reads 0; see `ContributionCarriedForward`).
   * @throws {@link InvalidArgumentError} on a malformed address, period id or block number.
   */
  async contributionHistory(
    filter: { readonly member?: string; readonly periodId?: bigint | number; readonly fromBlock?: number; readonly toBlock?: number } = {},
  ): Promise<Array<Omit<ContributionRecorded, "carriedIn"> & EventPosition>> {
    const member = filter.member === undefined ? undefined : check.address("filter.member", filter.member);
    const periodId = filter.periodId === undefined ? undefined : check.unsigned("filter.periodId", filter.periodId);
    const [from, to] = blockRange(filter);
    const logs = await this.queryEvents("contributionHistory", this.contract.filters.ContributionRecorded(periodId, member), from, to);
    return logs.map((e) => ({
      periodId: e.args.periodId,
      member: e.args.member,
      grams: e.args.grams,
      memberGrams: e.args.memberGrams,
      score: e.args.score,
      eligible: e.args.eligible,
      blockNumber: e.blockNumber,
      transactionHash: e.transactionHash,
    }));
  }

  // ───────────── writes: manager (POOL_MANAGER_ROLE unless said otherwise) ─────────────

  /**
   * Registers the pool as a project of the registry (status Pending; a VERIFIER must approve it before
   * the first close). Once. `input.owner` defaults to the pool's address (the only owner accepted).
   * Caller: POOL_MANAGER_ROLE (the pool itself needs REGISTRAR_ROLE on the registry).
   * @returns `{ hash, receipt, projectId }`.
   * @throws {@link InvalidArgumentError} (malformed owner, empty name) before any call;
   * `CarbonPoolProjectAlreadyRegisteredError`, `CarbonPoolInvalidProjectOwnerError`, the registry's
   * `RegistryEmptyFieldError` / `RegistryFieldTooLongError`, `AccessControlUnauthorizedAccountError`.
   */
  async registerPoolProject(
    input: Omit<ProjectInput, "owner"> & { readonly owner?: string },
    options?: WriteOptions,
  ): Promise<TxResult<{ projectId: bigint }>> {
    const args = projectInputStruct({ ...input, owner: input.owner ?? this.ctx.addresses.pool });
    return this.write("registerPoolProject", this.contract.registerPoolProject, [args], (r) => ({
      projectId: this.event(r, "PoolProjectRegistered").projectId as bigint,
    }), options);
  }

  /**
   * Admits `member` (an MSME account). Caller: POOL_MANAGER_ROLE.
   * @throws {@link InvalidArgumentError} on a malformed address; `CarbonPoolInvalidMemberError` (zero
   * address), `CarbonPoolAlreadyMemberError`, `AccessControlUnauthorizedAccountError`.
   */
  async admitMember(member: string, options?: WriteOptions): Promise<TxResult> {
    return this.write("admitMember", this.contract.admitMember, [check.address("member", member)], undefined, options);
  }

  /**
   * Removes `member`. Closed periods are untouched (it can still claim them); its grams in the open
   * period are withdrawn from the period's totals and kept as its carried grams. Caller: POOL_MANAGER_ROLE.
   * @returns `{ hash, receipt, periodId, withdrawnGrams }` (`periodId` 0 when no period is open).
   * @throws `CarbonPoolNotMemberError`, `AccessControlUnauthorizedAccountError`.
   */
  async removeMember(member: string, options?: WriteOptions): Promise<TxResult<{ periodId: bigint; withdrawnGrams: bigint }>> {
    return this.write("removeMember", this.contract.removeMember, [check.address("member", member)], (r) => {
      const e = this.event(r, "MemberRemoved");
      return { periodId: e.periodId as bigint, withdrawnGrams: e.withdrawnGrams as bigint };
    }, options);
  }

  /**
   * Sets the conversion rate for periods opened from now on: `numerator / denominator` credit units per
   * gram (default 1/1 = 1 credit per tCO2e; seed 000's 0.1 credit per kg is 100/1). Caller: POOL_MANAGER_ROLE.
   * @throws {@link InvalidArgumentError} when a part is ≤ 0 or above 2^64 − 1, before any call;
   * `AccessControlUnauthorizedAccountError`.
   */
  async setConversionRate(numerator: bigint | number, denominator: bigint | number, options?: WriteOptions): Promise<TxResult> {
    const n = check.unsigned("numerator", numerator, 64);
    const d = check.unsigned("denominator", denominator, 64);
    if (n === 0n) throw new InvalidArgumentError("numerator", numerator, "must be greater than 0");
    if (d === 0n) throw new InvalidArgumentError("denominator", denominator, "must be greater than 0");
    return this.write("setConversionRate", this.contract.setConversionRate, [n, d], undefined, options);
  }

  /**
   * Sets the minimum contribution, grams per member per period, for periods opened from now on (0: every
   * contributor is eligible). Caller: POOL_MANAGER_ROLE.
   * @throws {@link InvalidArgumentError} when negative or above 2^128 − 1; `AccessControlUnauthorizedAccountError`.
   */
  async setMinContribution(grams: bigint | number, options?: WriteOptions): Promise<TxResult> {
    return this.write("setMinContribution", this.contract.setMinContribution, [check.unsigned("grams", grams, 128)], undefined, options);
  }

  /**
   * Sets the treasury that receives swept dust. Caller: DEFAULT_ADMIN_ROLE.
   * @throws {@link InvalidArgumentError} on a malformed address; `CarbonPoolInvalidTreasuryError` (zero
   * address), `AccessControlUnauthorizedAccountError`.
   */
  async setTreasury(treasury: string, options?: WriteOptions): Promise<TxResult> {
    return this.write("setTreasury", this.contract.setTreasury, [check.address("treasury", treasury)], undefined, options);
  }

  /**
   * Opens the UTC calendar period of `kind` that contains `at` (a `Date` or unix seconds), with the pool's
   * current minimum contribution and conversion rate. Caller: POOL_MANAGER_ROLE; not while paused.
   * @returns `{ hash, receipt, periodId, kind, start, end, minContribution, rateNumerator, rateDenominator }`.
   * @throws {@link InvalidArgumentError} (unknown kind, invalid or negative date, beyond 2^40 − 1 s)
   * before any call; `CarbonPoolProjectNotRegisteredError`, `CarbonPoolPeriodAlreadyOpenError`,
   * `CarbonPoolPeriodOverlapsError`, `CarbonPoolInvalidPeriodYearError` (outside 1990–2200),
   * `EnforcedPauseError`, `AccessControlUnauthorizedAccountError`.
   */
  async openPeriod(kind: PeriodKindName, at: Date | number | bigint, options?: WriteOptions): Promise<TxResult<PeriodOpened>> {
    const k = check.enumValue("kind", kind, PeriodKind);
    const t = check.unixSeconds("at", at);
    return this.write("openPeriod", this.contract.openPeriod, [k, t], (r) => {
      const e = this.event(r, "PeriodOpened");
      return {
        periodId: e.periodId as bigint,
        kind: KIND_NAMES[Number(e.kind)],
        start: e.start as bigint,
        end: e.end as bigint,
        minContribution: e.minContribution as bigint,
        rateNumerator: e.rateNumerator as bigint,
        rateDenominator: e.rateDenominator as bigint,
      };
    }, options);
  }

  /**
   * Closes period `periodId` after its last second: fixes the allocation `method` (and `hybridBps`, the
   * performance weight of `Hybrid`, 0–10,000 bps; must be 0 or omitted for other methods), mints
   * `floor(G × rateNumerator / rateDenominator)` units to the pool as the period's vintage batch.
   * Caller: POOL_MANAGER_ROLE; not while paused.
   * @returns `{ hash, receipt, periodId, method, hybridBps, credits, batchId, eligibleGrams, eligibleCount, weightSum }`
   * (`batchId` 0 when no credits were minted).
   * @throws {@link InvalidArgumentError} (unknown method, bps not an integer in 0–10,000, bps with a
   * non-Hybrid method) before any call; `CarbonPoolPeriodNotOpenError`, `CarbonPoolPeriodNotEndedError`,
   * `CarbonPoolInvalidHybridWeightError`, the registry's `RegistryProjectNotApprovedError` /
   * `RegistryProjectNotOpenForBatchesError` / `RegistryBatchCapReachedError`, `EnforcedPauseError`,
   * `AccessControlUnauthorizedAccountError`.
   */
  async closePeriod(
    periodId: bigint | number,
    method: AllocationMethodName,
    hybridBps: number = 0,
    options?: WriteOptions,
  ): Promise<TxResult<PeriodClosed>> {
    const id = check.unsigned("periodId", periodId);
    const m = check.enumValue("method", method, AllocationMethod);
    if (!Number.isSafeInteger(hybridBps) || hybridBps < 0 || hybridBps > MAX_BPS) {
      throw new InvalidArgumentError("hybridBps", hybridBps, "expected an integer from 0 to 10,000 bps");
    }
    if (m !== AllocationMethod.Hybrid && hybridBps !== 0) {
      throw new InvalidArgumentError("hybridBps", hybridBps, "only the Hybrid method takes a performance weight");
    }
    return this.write("closePeriod", this.contract.closePeriod, [id, m, hybridBps], (r) => {
      const e = this.event(r, "PeriodClosed");
      return {
        periodId: e.periodId as bigint,
        method: METHOD_NAMES[Number(e.method)],
        hybridBps: Number(e.hybridBps),
        credits: e.credits as bigint,
        batchId: e.batchId as bigint,
        eligibleGrams: e.eligibleGrams as bigint,
        eligibleCount: e.eligibleCount as bigint,
        weightSum: e.weightSum as bigint,
      };
    }, options);
  }

  /**
   * Sends period `periodId`'s dust (`credits − claimedUnits`) to the treasury, once every eligible member
   * has claimed. Caller: POOL_MANAGER_ROLE; not while paused.
   * @returns `{ hash, receipt, amount, treasury }` (units).
   * @throws `CarbonPoolPeriodNotClosedError`, `CarbonPoolClaimsOutstandingError`, `CarbonPoolNoDustError`,
   * `EnforcedPauseError`, `AccessControlUnauthorizedAccountError`.
   */
  async sweepDust(periodId: bigint | number, options?: WriteOptions): Promise<TxResult<{ amount: bigint; treasury: string }>> {
    return this.write("sweepDust", this.contract.sweepDust, [check.unsigned("periodId", periodId)], (r) => {
      const e = this.event(r, "DustSwept");
      return { amount: e.amount as bigint, treasury: e.treasury as string };
    }, options);
  }

  /** Pauses opening, recording, closing and sweeping (claims stay open). Caller: PAUSER_ROLE. @throws `EnforcedPauseError`. */
  async pause(options?: WriteOptions): Promise<TxResult> {
    return this.write("pause", this.contract.pause, [], undefined, options);
  }

  /** Resumes. Caller: PAUSER_ROLE. @throws `ExpectedPauseError` when not paused. */
  async unpause(options?: WriteOptions): Promise<TxResult> {
    return this.write("unpause", this.contract.unpause, [], undefined, options);
  }

  // ───────────── writes: oracle ─────────────

  /**
   * Records `grams` (> 0) of verified CO2 reduction of `member` in the open period `periodId`. In
   * production the MRVOracle does this for verified device-day reports. Caller: ORACLE_ROLE; not while paused.
   * @returns `{ hash, receipt, periodId, member, grams, memberGrams, score, eligible, carriedIn }`.
   * @throws {@link InvalidArgumentError} (grams ≤ 0, malformed address) before any call;
   * `CarbonPoolNotMemberError`, `CarbonPoolPeriodNotOpenError`, `CarbonPoolGramsOverflowError`,
   * `EnforcedPauseError`, `AccessControlUnauthorizedAccountError`.
   */
  async recordContribution(
    member: string,
    periodId: bigint | number,
    grams: bigint,
    options?: WriteOptions,
  ): Promise<TxResult<ContributionRecorded>> {
    const a = check.address("member", member);
    const id = check.unsigned("periodId", periodId);
    const g = check.positive("grams", grams);
    return this.write("recordContribution", this.contract.recordContribution, [a, id, g], (r) => {
      const e = this.event(r, "ContributionRecorded");
      const carried = this.events(r, "ContributionCarriedForward").reduce((s, c) => s + (c.grams as bigint), 0n);
      return {
        periodId: e.periodId as bigint,
        member: e.member as string,
        grams: e.grams as bigint,
        memberGrams: e.memberGrams as bigint,
        score: e.score as bigint,
        eligible: e.eligible as boolean,
        carriedIn: carried,
      };
    }, options);
  }

  // ───────────── writes: members ─────────────

  /**
   * Claims the caller's allocation of closed period `periodId` straight into a retirement (retire on
   * issue): the same allocation as {@link PoolModule.claim}, but the credits go from the pool to a
   * retirement whose account is the caller and whose link is `{ source: "PoolClaim", refId: periodId }` —
   * never to the caller's balance. `details.beneficiary` defaults to the caller. Not while CarbonCredits
   * is paused.
   * @returns `{ hash, receipt, amount, retirement }` (`amount`: units retired; `retirement` decoded from
   * CarbonCredits' `Retired` event).
   * @throws {@link InvalidArgumentError} (negative id, retirement texts over 256 bytes, malformed
   * beneficiary) before any call; `CarbonPoolPeriodNotClosedError`, `CarbonPoolNotEligibleError`,
   * `CarbonPoolAlreadyClaimedError`, `CarbonCreditsZeroAmountError` (a zero share: nothing to retire),
   * `CarbonCreditsInvalidBeneficiaryError`, the token's `EnforcedPauseError`.
   */
  async claimAndRetire(
    periodId: bigint | number,
    details: RetirementDetailsInput = {},
    options?: WriteOptions,
  ): Promise<TxResult<{ amount: bigint; retirement: RetireResult }>> {
    const member = await this.requireSigner("claimAndRetire").getAddress();
    const args = [check.unsigned("periodId", periodId), toRetirementDetails(details, member)];
    return this.write("claimAndRetire", this.contract.claimAndRetire, args, (r) => {
      const retirement = retiredFromReceipt(new Interface(CarbonCreditsAbi), this.ctx.addresses.credits, r);
      return { amount: retirement.amount, retirement };
    }, options);
  }

  /**
   * Claims the caller's allocation of each of `periodIds` (closed periods, each once) and receives the
   * credits by ERC-1155 transfer from the pool. Works for removed members and while the pool is paused.
   * Caller: any account with an allocation.
   * @returns `{ hash, receipt, total, claims }`: the units received in all, and per period (from the
   * `AllocationClaimed` events) the batch id and amount.
   * @throws {@link InvalidArgumentError} (empty list, negative or repeated id) before any call;
   * `CarbonPoolPeriodNotClosedError`, `CarbonPoolNotEligibleError`, `CarbonPoolAlreadyClaimedError`,
   * `ERC1155InvalidReceiverError`, the token's `EnforcedPauseError`.
   */
  async claim(
    periodIds: ReadonlyArray<bigint | number>,
    options?: WriteOptions,
  ): Promise<TxResult<{ total: bigint; claims: ClaimedAllocation[] }>> {
    const ids = periodIdList("periodIds", periodIds, true);
    return this.write("claim", this.contract.claim, [ids], (r) => {
      const claims = this.events(r, "AllocationClaimed").map((e) => ({
        periodId: e.periodId as bigint,
        batchId: e.batchId as bigint,
        amount: e.amount as bigint,
      }));
      return { total: claims.reduce((s, c) => s + c.amount, 0n), claims };
    }, options);
  }
}

/** Validates `fromBlock` and `toBlock` when given (the defaults, deployment block and latest, are applied by `queryEvents`). */
function blockRange(filter: { readonly fromBlock?: number; readonly toBlock?: number }): [number | undefined, number | undefined] {
  const num = (name: string, v: number | undefined) => {
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) throw new InvalidArgumentError(name, v, "expected a block number ≥ 0");
    return v;
  };
  return [num("filter.fromBlock", filter.fromBlock), num("filter.toBlock", filter.toBlock)];
}

/** Validates a non-empty list of period ids (optionally without repeats). */
function periodIdList(name: string, periodIds: ReadonlyArray<bigint | number>, unique: boolean): bigint[] {
  if (!Array.isArray(periodIds) || periodIds.length === 0) {
    throw new InvalidArgumentError(name, periodIds, "expected a non-empty array of period ids");
  }
  const ids = periodIds.map((id, i) => check.unsigned(`${name}[${i}]`, id));
  if (unique) {
    const seen = new Set<bigint>();
    ids.forEach((id, i) => {
      if (seen.has(id)) throw new InvalidArgumentError(`${name}[${i}]`, id, "period listed twice");
      seen.add(id);
    });
  }
  return ids;
}

/** Converts the contract's period struct. */
function toPeriod(id: bigint, p: ICarbonPool.PeriodStructOutput): PoolPeriod {
  return {
    id,
    status: STATUS_NAMES[Number(p.status)],
    kind: KIND_NAMES[Number(p.kind)],
    method: METHOD_NAMES[Number(p.method)],
    hybridBps: Number(p.hybridBps),
    start: p.start,
    end: p.end,
    year: new Date(Number(p.start) * 1000).getUTCFullYear(),
    eligibleCount: Number(p.eligibleCount),
    claimedCount: Number(p.claimedCount),
    dustSwept: p.dustSwept,
    rateNumerator: p.rateNumerator,
    rateDenominator: p.rateDenominator,
    minContribution: p.minContribution,
    eligibleGrams: p.eligibleGrams,
    weightSum: p.weightSum,
    credits: p.credits,
    claimedUnits: p.claimedUnits,
    batchId: p.batchId,
  };
}
