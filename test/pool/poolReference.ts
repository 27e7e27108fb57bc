/**
 * Off-chain reference implementation of the CarbonPool's allocation (seed 000), in exact bigint
 * arithmetic. Written from the formulas in ICarbonPool / docs/pool.md, NOT from the contract's
 * incremental bookkeeping: the period totals (G, n, W) are recomputed here by summing over members at
 * close, and "recent allocations" are counted from the list of closed periods, so a bug in the
 * contract's running totals or eligibility bitmap shows up as a mismatch.
 */

export const BPS = 10_000n;
export const MAX_SCORE = 100n;
export const POINTS_PER_ALLOCATION = 10n;
export const KG_PER_POINT = 100n;
export const GRAMS_PER_KG = 1_000n;
export const RECENT_PERIODS = 10;
export const PERFORMANCE_BASE = 100n;

/** ICarbonPool.AllocationMethod. */
export const Method = { Proportional: 0, EqualShare: 1, PerformanceBased: 2, Hybrid: 3 } as const;
export type MethodId = (typeof Method)[keyof typeof Method];
export const METHOD_NAMES = ["Proportional", "EqualShare", "PerformanceBased", "Hybrid"] as const;

/** Seed 000: `min(100, recent × 10 + floor(floor(totalGrams / 1000) / 100))`. */
export function participationScore(recent: bigint, totalGrams: bigint): bigint {
  const score = recent * POINTS_PER_ALLOCATION + totalGrams / GRAMS_PER_KG / KG_PER_POINT;
  return score < MAX_SCORE ? score : MAX_SCORE;
}

/** Performance weight: grams × (100 + score). */
export function performanceWeight(grams: bigint, score: bigint): bigint {
  return grams * (PERFORMANCE_BASE + score);
}

/** The totals a closed period's allocation depends on. */
export interface Totals {
  credits: bigint;
  eligibleGrams: bigint; // G
  eligibleCount: bigint; // n
  weightSum: bigint; // W
}

/** A member's share of a closed period, rounded down once (ICarbonPool's formulas). */
export function shareDown(
  method: MethodId,
  hybridBps: bigint,
  t: Totals,
  memberGrams: bigint,
  memberWeight: bigint,
): bigint {
  switch (method) {
    case Method.Proportional:
      return t.eligibleGrams === 0n ? 0n : (t.credits * memberGrams) / t.eligibleGrams;
    case Method.EqualShare:
      return t.eligibleCount === 0n ? 0n : t.credits / t.eligibleCount;
    case Method.PerformanceBased:
      return t.weightSum === 0n ? 0n : (t.credits * memberWeight) / t.weightSum;
    case Method.Hybrid: {
      if (t.eligibleGrams === 0n || t.weightSum === 0n) return 0n;
      const num = (BPS - hybridBps) * memberGrams * t.weightSum + hybridBps * memberWeight * t.eligibleGrams;
      return (t.credits * num) / (BPS * t.eligibleGrams * t.weightSum);
    }
  }
}

interface MemberState {
  active: boolean;
  /** Last period in which the member has a record (0: none). */
  lastPeriodId: number;
  totalGrams: bigint;
  /** Grams withdrawn by a removal, waiting for the member's next record. */
  carried: bigint;
}

interface MemberPeriodState {
  grams: bigint;
  score: bigint;
  claimed: boolean;
}

/** How a period ended (or `open`). */
export type PeriodEnd = "open" | "closed" | "cancelled" | "aborted";

interface PeriodState {
  id: number;
  open: boolean;
  status: PeriodEnd;
  minContribution: bigint;
  method: MethodId;
  hybridBps: bigint;
  /** Members with a record in the period. */
  recordCount: number;
  totals?: Totals;
}

/** The reference pool: one open period at a time, members by address. */
export class PoolReference {
  readonly members = new Map<string, MemberState>();
  readonly periods: PeriodState[] = [];
  /** Σ grams ever recorded (the verified grams the oracle relayed). */
  recordedGrams = 0n;
  /** An aborted period whose method and minimum the next opened period keeps (0: none). */
  private rulesFrom = 0;
  private readonly memberPeriods = new Map<string, MemberPeriodState>();

  private mpKey(periodId: number, member: string): string {
    return `${periodId}:${member}`;
  }

  memberPeriod(periodId: number, member: string): MemberPeriodState {
    const key = this.mpKey(periodId, member);
    let mp = this.memberPeriods.get(key);
    if (!mp) {
      mp = { grams: 0n, score: 0n, claimed: false };
      this.memberPeriods.set(key, mp);
    }
    return mp;
  }

  private member(address: string): MemberState {
    let m = this.members.get(address);
    if (!m) {
      m = { active: false, lastPeriodId: 0, totalGrams: 0n, carried: 0n };
      this.members.set(address, m);
    }
    return m;
  }

  period(periodId: number): PeriodState {
    const p = this.periods[periodId - 1];
    if (!p) throw new Error(`no period ${periodId}`);
    return p;
  }

  get openPeriod(): PeriodState | undefined {
    const last = this.periods[this.periods.length - 1];
    return last?.open ? last : undefined;
  }

  static eligible(grams: bigint, minContribution: bigint): boolean {
    return grams !== 0n && grams >= minContribution;
  }

  /** Closed periods among the RECENT_PERIODS before `periodId` in which `member` was eligible. */
  recentAllocations(member: string, periodId: number): bigint {
    let count = 0n;
    for (let q = Math.max(1, periodId - RECENT_PERIODS); q < periodId; q++) {
      const p = this.period(q);
      if (p.status === "closed" && PoolReference.eligible(this.memberPeriod(q, member).grams, p.minContribution)) count++;
    }
    return count;
  }

  admit(address: string): void {
    this.member(address).active = true;
  }

  /** Removal: the open period's grams are taken out and kept as carried grams. */
  remove(address: string): void {
    const m = this.member(address);
    m.active = false;
    const open = this.openPeriod;
    if (open && m.lastPeriodId === open.id) {
      const mp = this.memberPeriod(open.id, address);
      m.carried += mp.grams;
      mp.grams = 0n;
    }
  }

  /** Opens a period with the pool's settings — or, right after an abort, the aborted period's rules. */
  open(minContribution: bigint, method: MethodId, hybridBps: bigint): PeriodState {
    const id = this.periods.length + 1;
    const from = this.rulesFrom === 0 ? undefined : this.period(this.rulesFrom);
    const rules = from ? { minContribution: from.minContribution, method: from.method, hybridBps: from.hybridBps } : { minContribution, method, hybridBps };
    const p: PeriodState = { id, open: true, status: "open", recordCount: 0, ...rules };
    this.periods.push(p);
    return p;
  }

  /** What each member's grams of ended period `last` pass on: all when aborted, below-minimum ones when closed. */
  private carryable(last: PeriodState, address: string): bigint {
    const lastGrams = this.memberPeriod(last.id, address).grams;
    if (last.status === "aborted") return lastGrams;
    return PoolReference.eligible(lastGrams, last.minContribution) ? 0n : lastGrams;
  }

  /** Grams of `address` waiting for its next record (the contract's `carriedForward`). */
  carriedForward(address: string): bigint {
    const m = this.member(address);
    const open = this.openPeriod;
    if (m.lastPeriodId === 0 || (open && m.lastPeriodId === open.id)) return m.carried;
    return m.carried + this.carryable(this.period(m.lastPeriodId), address);
  }

  /** Cancels the open period (it must have no record). */
  cancel(): void {
    const p = this.openPeriod;
    if (!p || p.recordCount !== 0) throw new Error("cannot cancel");
    p.open = false;
    p.status = "cancelled";
  }

  /** Aborts the open period: no credits; its grams carry forward; the next period keeps its rules. */
  abort(): void {
    const p = this.openPeriod;
    if (!p) throw new Error("no open period");
    p.open = false;
    p.status = "aborted";
    this.rulesFrom = p.id;
  }

  /** Record `grams` for `address` in the open period (lazy carry-forward on its first record there). */
  record(address: string, grams: bigint): void {
    const p = this.openPeriod;
    if (!p) throw new Error("no open period");
    const m = this.member(address);
    const mp = this.memberPeriod(p.id, address);
    let carried = m.carried;
    if (m.lastPeriodId !== p.id) {
      if (m.lastPeriodId !== 0) carried += this.carryable(this.period(m.lastPeriodId), address);
      mp.score = participationScore(this.recentAllocations(address, p.id), m.totalGrams);
      m.lastPeriodId = p.id;
      p.recordCount++;
    }
    m.carried = 0n;
    mp.grams += grams + carried;
    m.totalGrams += grams;
    this.recordedGrams += grams;
  }

  /** Close the open period: totals recomputed by summing over every member's record. */
  close(): Totals {
    const p = this.openPeriod;
    if (!p) throw new Error("no open period");
    let eligibleGrams = 0n;
    let eligibleCount = 0n;
    let weightSum = 0n;
    for (const address of this.members.keys()) {
      const mp = this.memberPeriod(p.id, address);
      if (!PoolReference.eligible(mp.grams, p.minContribution)) continue;
      eligibleGrams += mp.grams;
      eligibleCount += 1n;
      weightSum += performanceWeight(mp.grams, mp.score);
    }
    const credits = eligibleGrams; // one unit per verified gram
    p.open = false;
    p.status = "closed";
    this.rulesFrom = 0;
    p.totals = { credits, eligibleGrams, eligibleCount, weightSum };
    return p.totals;
  }

  /** What `address` is owed for closed period `periodId` (0 if not eligible or claimed). */
  claimable(periodId: number, address: string): bigint {
    const p = this.period(periodId);
    const mp = this.memberPeriod(periodId, address);
    if (p.open || !p.totals || mp.claimed || !PoolReference.eligible(mp.grams, p.minContribution)) return 0n;
    return shareDown(p.method, p.hybridBps, p.totals, mp.grams, performanceWeight(mp.grams, mp.score));
  }

  /** Eligible members of closed period `periodId`. */
  eligibleMembers(periodId: number): string[] {
    const p = this.period(periodId);
    if (p.status !== "closed") return [];
    return [...this.members.keys()].filter((a) =>
      PoolReference.eligible(this.memberPeriod(periodId, a).grams, p.minContribution),
    );
  }

  markClaimed(periodId: number, address: string): void {
    this.memberPeriod(periodId, address).claimed = true;
  }
}
