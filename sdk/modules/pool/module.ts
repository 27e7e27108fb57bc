/**
 * The `pool` module class (`CarbonPool`): reads, manager, oracle and member writes. Units, roles and
 * how issuance relates to seed 000's display units: see `index.ts`.
 */
import { Interface } from "ethers";
import type { CarbonPool } from "../../../typechain-types";
import { UnknownIdError } from "../../errors/base";
import { CarbonCreditsAbi } from "../../generated/abis";
import { Module, type TxResult, type WriteOptions } from "../../internal/module";
import { page, pageIds, type Page, type PageOptions } from "../../internal/paging";
import * as check from "../../internal/validate";
import { retiredFromReceipt, toRetirementDetails, type RetireResult, type RetirementDetailsInput } from "../credits";
import type { EventPosition } from "../oracle/types";
import { projectInputStruct, type ProjectInput } from "../registry";
import { readInfo, toClaimed, toClaimRecord, toContribution, toContributionRecord, toMember, toPeriod, toPeriodClosed, toPeriodOpened } from "./decode";
import { allocationArgs, blockRange, periodIdList, timingArgs } from "./inputs";
import { PeriodKind, PeriodStatus, type AllocationMethodName, type ClaimableSummary, type ClaimedAllocation, type ContributionRecorded, type MemberMetrics, type MemberPeriod, type PeriodClosed, type PeriodKindName, type PeriodOpened, type PoolInfo, type PoolMember, type PoolPeriod } from "./types";

/** The `pool` module: see the file header. */
export class PoolModule extends Module<CarbonPool> {
  // ───────────── reads ─────────────

  /** The pool's configuration and counters (one read per field, not atomic across blocks). */
  async getInfo(): Promise<PoolInfo> {
    return this.read("getInfo", () => readInfo(this.contract));
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
    const items = await Promise.all(
      pageIds(offset, limit, total).map(async (id) => toPeriod(id, await this.read("listPeriods", () => this.contract.getPeriod(id)))),
    );
    return { items, total };
  }

  /** `member`'s stored state and metrics (all zero for an account never admitted). */
  async getMember(member: string): Promise<PoolMember> {
    const a = check.address("member", member);
    const m = await this.read("getMember", () => this.contract.getMember(a));
    return toMember(a, m);
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
    return logs.map(toClaimRecord);
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
    return logs.map(toContributionRecord);
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
    return this.write("setAllocationMethod", this.contract.setAllocationMethod, allocationArgs(method, hybridBps), undefined, options);
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
    return this.write("setPeriodTimings", this.contract.setPeriodTimings, timingArgs(closeGrace, claimWindow), undefined, options);
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
    return this.write("openPeriod", this.contract.openPeriod, [k, t], (r) => toPeriodOpened(this.event(r, "PeriodOpened")), options);
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
    return this.write("closePeriod", this.contract.closePeriod, [id], (r) => toPeriodClosed(this.event(r, "PeriodClosed")), options);
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
    return this.write("recordContribution", this.contract.recordContribution, [a, id, g], (r) =>
      toContribution(this.event(r, "ContributionRecorded"), this.events(r, "ContributionCarriedForward")), options);
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
   * `CarbonPoolAlreadyClaimedError`, `CarbonPoolClaimWindowOverError`, `CarbonCreditsZeroAmountError` (a zero share: nothing to retire),
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
      const claims = this.events(r, "AllocationClaimed").map(toClaimed);
      return { total: claims.reduce((s, c) => s + c.amount, 0n), claims };
    }, options);
  }
}
