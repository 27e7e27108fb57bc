/**
 * `pool` — the MSME pool (`CarbonPool`, seed 000): periods, members, contributions, claims.
 *
 * Units: contributions and carried grams are integer grams CO2e; credits are units (1 unit = 1 g CO2e,
 * 1 credit = 1 tCO2e = 1,000,000 units); times are unix seconds (UTC); period bounds are inclusive
 * `[start, end]`; the hybrid weight is in basis points (0–10,000); performance weights are
 * grams × points; durations (close grace, claim window) in seconds. Roles: POOL_MANAGER_ROLE (members,
 * allocation rules, periods, sweeps), DEFAULT_ADMIN_ROLE (treasury), ORACLE_ROLE (contributions; in
 * production the MRVOracle), PAUSER_ROLE; claims are open to every member with an allocation (also
 * removed members, also while the pool is paused), within each period's claim window.
 *
 * Issuance: a closed period mints exactly its eligible verified grams (1 unit per gram; there is no
 * conversion rate). Seed 000's "1 credit per 10 kg" and its "100 credits" threshold are display units of
 * that system: 100 × 10 kg = 1 t, i.e. {@link SEED_MIN_CONTRIBUTION_GRAMS} = 1,000,000 g.
 */
import type { CarbonPool } from "../../typechain-types";
import type { ICarbonPool } from "../../typechain-types/contracts/pool/CarbonPool";
import { InvalidArgumentError, UnknownIdError } from "../errors/base";
import { Module, type TxResult, type WriteOptions } from "../internal/module";
import { page, type Page, type PageOptions } from "../internal/paging";
import * as check from "../internal/validate";
import type { EventPosition } from "./oracle";
import { projectInputStruct, type ProjectInput } from "./registry";

/** Calendar period kinds, as `CalendarPeriods.Kind` (name → on-chain value). UTC calendar month, quarter, year. */
export const PeriodKind = { Monthly: 0, Quarterly: 1, Yearly: 2 } as const;
/** A period kind name: `"Monthly"`, `"Quarterly"` or `"Yearly"`. */
export type PeriodKindName = keyof typeof PeriodKind;

/**
 * Period lifecycle, as `ICarbonPool.PeriodStatus`: `None → Open → Closed | Cancelled | Aborted` (`None`:
 * unknown id; `Cancelled`: closed without contributions, dates free again; `Aborted`: stuck period
 * ended without credits, its grams carried forward to each member's next period).
 */
export const PeriodStatus = { None: 0, Open: 1, Closed: 2, Cancelled: 3, Aborted: 4 } as const;
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

/**
 * Seed 000's minimum contribution in grams: its "100 credits" threshold at "1 credit per 10 kg" is
 * 100 × 10 kg = 1 tCO2e = 1,000,000 g (one on-chain credit). Pass it to {@link PoolModule.setMinContribution}.
 */
export const SEED_MIN_CONTRIBUTION_GRAMS = 1_000_000n;

/** Close grace of a new pool, seconds (`CarbonPool.DEFAULT_CLOSE_GRACE`, 2 days); allowed 1–30 days. */
export const DEFAULT_CLOSE_GRACE_SECONDS = 2 * 86_400;
/** Claim window of a new pool, seconds (`CarbonPool.DEFAULT_CLAIM_WINDOW`, 365 days); allowed 30 days – 10 years. */
export const DEFAULT_CLAIM_WINDOW_SECONDS = 365 * 86_400;
/** Bounds of `setPeriodTimings` (`CarbonPool.MIN/MAX_CLOSE_GRACE`, `MIN/MAX_CLAIM_WINDOW`), seconds. */
const CLOSE_GRACE_RANGE = [86_400, 30 * 86_400] as const;
const CLAIM_WINDOW_RANGE = [30 * 86_400, 3_650 * 86_400] as const;

const KIND_NAMES = Object.keys(PeriodKind) as PeriodKindName[];
const STATUS_NAMES = Object.keys(PeriodStatus) as PeriodStatusName[];
const METHOD_NAMES = Object.keys(AllocationMethod) as AllocationMethodName[];

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

/** The `pool` module: see the file header. */
export class PoolModule extends Module<CarbonPool> {
  // ───────────── reads ─────────────

  /** The pool's configuration and counters (one read per field, not atomic across blocks). */
  async getInfo(): Promise<PoolInfo> {
    return this.read("getInfo", async () => {
      const c = this.contract;
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
   * One period. @throws {@link UnknownIdError} when `periodId` was never opened (as `getProject`
   * throws for an unknown project; the contract itself returns an all-zero record);
   * {@link InvalidArgumentError} on a negative id.
   */
  async getPeriod(periodId: bigint | number): Promise<PoolPeriod> {
    const id = check.unsigned("periodId", periodId);
    const p = await this.read("getPeriod", () => this.contract.getPeriod(id));
    if (Number(p.status) === PeriodStatus.None) throw new UnknownIdError("pool.getPeriod", "period", id, await this.periodCount());
    return toPeriod(id, p);
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
   * when its last recorded period was aborted, or closed with the member below its minimum, those grams.
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
   * `floor(claimedUnits × 1000 / totalGrams)` (0 with no grams). At one unit per gram a member that
   * claimed everything under Proportional scores ≈ 1000.
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
   * Registers a self-managed project of the registry owned by the pool (status Pending; a VERIFIER must
   * approve it before it receives credits). The first call sets the pool's current project; each later
   * call registers the successor the pool moves to when the current project is full (128 batches) or no
   * longer Approved. `input.owner` defaults to the pool's address (the only owner accepted).
   * Caller: POOL_MANAGER_ROLE (the pool itself needs REGISTRAR_ROLE on the registry).
   * @returns `{ hash, receipt, projectId, successor }`.
   * @throws {@link InvalidArgumentError} (malformed owner, empty name) before any call;
   * `CarbonPoolSuccessorAlreadyRegisteredError`, `CarbonPoolInvalidProjectOwnerError`, the registry's
   * `RegistryEmptyFieldError` / `RegistryFieldTooLongError`, `AccessControlUnauthorizedAccountError`.
   */
  async registerPoolProject(
    input: Omit<ProjectInput, "owner"> & { readonly owner?: string },
    options?: WriteOptions,
  ): Promise<TxResult<{ projectId: bigint; successor: boolean }>> {
    const args = projectInputStruct({ ...input, owner: input.owner ?? this.ctx.addresses.pool });
    return this.write("registerPoolProject", this.contract.registerPoolProject, [args], (r) => {
      const e = this.event(r, "PoolProjectRegistered");
      return { projectId: e.projectId as bigint, successor: e.successor as boolean };
    }, options);
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
   * Sets the allocation method (and `hybridBps`, the performance weight of `Hybrid`, 0–10,000 bps; 0 or
   * omitted for the other methods) for periods opened from now on; an open period keeps its method.
   * `EqualShare` also needs a non-zero minimum contribution when the period opens. Caller: POOL_MANAGER_ROLE.
   * @throws {@link InvalidArgumentError} (unknown method, bps not an integer in 0–10,000, bps with a
   * non-Hybrid method) before any call; `CarbonPoolInvalidHybridWeightError`, `AccessControlUnauthorizedAccountError`.
   */
  async setAllocationMethod(method: AllocationMethodName, hybridBps: number = 0, options?: WriteOptions): Promise<TxResult> {
    const m = check.enumValue("method", method, AllocationMethod);
    if (!Number.isSafeInteger(hybridBps) || hybridBps < 0 || hybridBps > MAX_BPS) {
      throw new InvalidArgumentError("hybridBps", hybridBps, "expected an integer from 0 to 10,000 bps");
    }
    if (m !== AllocationMethod.Hybrid && hybridBps !== 0) {
      throw new InvalidArgumentError("hybridBps", hybridBps, "only the Hybrid method takes a performance weight");
    }
    return this.write("setAllocationMethod", this.contract.setAllocationMethod, [m, hybridBps], undefined, options);
  }

  /**
   * Sets, for periods opened from now on, the close grace (seconds after a period's end before it can be
   * closed, so verified device-days relayed late still count; 1–30 days, default 2 days) and the claim
   * window (seconds after the close during which members can claim; 30 days – 10 years, default 365 days;
   * afterwards the unclaimed units can be swept to the treasury). Caller: POOL_MANAGER_ROLE.
   * @throws {@link InvalidArgumentError} (a duration outside its range) before any call;
   * `CarbonPoolInvalidDurationError`, `AccessControlUnauthorizedAccountError`.
   */
  async setPeriodTimings(closeGrace: number, claimWindow: number, options?: WriteOptions): Promise<TxResult> {
    const inRange = (name: string, v: number, [min, max]: readonly [number, number]) => {
      if (!Number.isSafeInteger(v) || v < min || v > max) {
        throw new InvalidArgumentError(name, v, `expected whole seconds from ${min} to ${max}`);
      }
      return v;
    };
    const g = inRange("closeGrace", closeGrace, CLOSE_GRACE_RANGE);
    const w = inRange("claimWindow", claimWindow, CLAIM_WINDOW_RANGE);
    return this.write("setPeriodTimings", this.contract.setPeriodTimings, [g, w], undefined, options);
  }

  /**
   * Sets the minimum contribution, grams per member per period, for periods opened from now on (0: every
   * contributor is eligible; not allowed with `EqualShare`). Seed 000's threshold is
   * {@link SEED_MIN_CONTRIBUTION_GRAMS} (1 t). Caller: POOL_MANAGER_ROLE.
   * @throws {@link InvalidArgumentError} when negative or above 2^128 − 1; `AccessControlUnauthorizedAccountError`.
   */
  async setMinContribution(grams: bigint | number, options?: WriteOptions): Promise<TxResult> {
    return this.write("setMinContribution", this.contract.setMinContribution, [check.unsigned("grams", grams, 128)], undefined, options);
  }

  /**
   * Sets the treasury that receives swept units. Caller: DEFAULT_ADMIN_ROLE.
   * @throws {@link InvalidArgumentError} on a malformed address; `CarbonPoolInvalidTreasuryError` (zero
   * address), `AccessControlUnauthorizedAccountError`.
   */
  async setTreasury(treasury: string, options?: WriteOptions): Promise<TxResult> {
    return this.write("setTreasury", this.contract.setTreasury, [check.address("treasury", treasury)], undefined, options);
  }

  /**
   * Opens the UTC calendar period of `kind` that contains `at` (a `Date` or unix seconds), which must have
   * started, with the pool's current allocation method, minimum contribution, close grace and claim window
   * (right after an aborted period: that period's method and minimum). Caller: POOL_MANAGER_ROLE; not while paused.
   * @returns `{ hash, receipt, periodId, kind, start, end, minContribution, method, hybridBps, closeGrace, claimWindow }`.
   * @throws {@link InvalidArgumentError} (unknown kind, invalid or negative date, beyond 2^40 − 1 s)
   * before any call; `CarbonPoolProjectNotRegisteredError`, `CarbonPoolPeriodAlreadyOpenError`,
   * `CarbonPoolPeriodNotStartedError`, `CarbonPoolPeriodOverlapsError`, `CarbonPoolInvalidPeriodYearError`
   * (outside 1990–2200), `CarbonPoolEqualShareNeedsMinimumError`, `EnforcedPauseError`,
   * `AccessControlUnauthorizedAccountError`.
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
        method: METHOD_NAMES[Number(e.method)],
        hybridBps: Number(e.hybridBps),
        closeGrace: Number(e.closeGrace),
        claimWindow: Number(e.claimWindow),
      };
    }, options);
  }

  /**
   * Closes period `periodId` once its end plus its close grace has passed: mints exactly `G` units (its
   * eligible verified grams, one unit per gram) to the pool as the period's vintage batch, in the pool's
   * current project or — when that is full or not Approved — its successor. The method was fixed at open.
   * Caller: POOL_MANAGER_ROLE; not while paused.
   * @returns `{ hash, receipt, periodId, method, hybridBps, credits, batchId, projectId, eligibleGrams, eligibleCount, weightSum }`
   * (`batchId` and `projectId` 0 when no credits were minted).
   * @throws {@link InvalidArgumentError} on a negative id before any call; `CarbonPoolPeriodNotOpenError`,
   * `CarbonPoolPeriodNotEndedError`, `CarbonPoolProjectFullError`, the registry's
   * `RegistryProjectNotApprovedError` / `RegistryProjectNotOpenForBatchesError`, `EnforcedPauseError`,
   * `AccessControlUnauthorizedAccountError`. A period that cannot close can be aborted ({@link PoolModule.abortPeriod}).
   */
  async closePeriod(periodId: bigint | number, options?: WriteOptions): Promise<TxResult<PeriodClosed>> {
    const id = check.unsigned("periodId", periodId);
    return this.write("closePeriod", this.contract.closePeriod, [id], (r) => {
      const e = this.event(r, "PeriodClosed");
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
    }, options);
  }

  /**
   * Cancels the open period `periodId`, which has no contribution yet (e.g. opened with the wrong kind);
   * its dates can be opened again. Caller: POOL_MANAGER_ROLE.
   * @throws {@link InvalidArgumentError} on a negative id; `CarbonPoolPeriodNotOpenError`,
   * `CarbonPoolPeriodHasContributionsError`, `AccessControlUnauthorizedAccountError`.
   */
  async cancelPeriod(periodId: bigint | number, options?: WriteOptions): Promise<TxResult> {
    return this.write("cancelPeriod", this.contract.cancelPeriod, [check.unsigned("periodId", periodId)], undefined, options);
  }

  /**
   * Aborts the open period `periodId` that cannot be closed (e.g. its project suspended), after its end
   * plus its close grace: no credits; every member's grams there carry forward to its next period with a
   * record (exactly once), and the next period keeps this one's method and minimum. Caller: POOL_MANAGER_ROLE.
   * @returns `{ hash, receipt, recordCount, eligibleGrams }`.
   * @throws {@link InvalidArgumentError} on a negative id; `CarbonPoolPeriodNotOpenError`,
   * `CarbonPoolPeriodNotEndedError`, `AccessControlUnauthorizedAccountError`.
   */
  async abortPeriod(periodId: bigint | number, options?: WriteOptions): Promise<TxResult<{ recordCount: bigint; eligibleGrams: bigint }>> {
    return this.write("abortPeriod", this.contract.abortPeriod, [check.unsigned("periodId", periodId)], (r) => {
      const e = this.event(r, "PeriodAborted");
      return { recordCount: e.recordCount as bigint, eligibleGrams: e.eligibleGrams as bigint };
    }, options);
  }

  /**
   * Sends period `periodId`'s unclaimed units (`credits − claimedUnits`) to the treasury: the rounding dust
   * once every eligible member has claimed, or — after the claim window — every unclaimed share (a late
   * claim then fails with `CarbonPoolClaimWindowOverError`). Once. Caller: POOL_MANAGER_ROLE; not while paused.
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
   * Claims the caller's allocation of each of `periodIds` (closed periods, each once, within each period's
   * claim window) and receives the
   * credits by ERC-1155 transfer from the pool. Works for removed members and while the pool is paused.
   * Caller: any account with an allocation.
   * @returns `{ hash, receipt, total, claims }`: the units received in all, and per period (from the
   * `AllocationClaimed` events) the batch id and amount.
   * @throws {@link InvalidArgumentError} (empty list, negative or repeated id) before any call;
   * `CarbonPoolPeriodNotClosedError`, `CarbonPoolClaimWindowOverError`, `CarbonPoolNotEligibleError`, `CarbonPoolAlreadyClaimedError`,
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
