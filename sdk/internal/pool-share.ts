/**
 * A member's allocation of a closed pool period, recomputed exactly as `CarbonPool._shareDown`
 * (ICarbonPool, "Allocation"; PoolMath), from the period's `PeriodClosed` totals and the member's
 * grams and score. All integer, rounded down once.
 */

import { AllocationMethod, type AllocationMethodName } from "../modules/pool/types";

/** `ICarbonPool.AllocationMethod` names, by on-chain value (from the pool module's {@link AllocationMethod}). */
export const ALLOCATION_METHODS: readonly AllocationMethodName[] = (Object.keys(AllocationMethod) as AllocationMethodName[]).sort(
  (a, b) => AllocationMethod[a] - AllocationMethod[b],
);

/** `PoolMath.PERFORMANCE_BASE`: a member's weight is `grams × (100 + score)`. */
const PERFORMANCE_BASE = 100n;
/** Basis points in 100 %. */
const BPS = 10_000n;

/** What a `PeriodClosed` event fixes. */
export interface ClosedPeriodTotals {
  readonly method: AllocationMethodName;
  readonly hybridBps: bigint;
  readonly credits: bigint;
  readonly eligibleGrams: bigint;
  readonly eligibleCount: bigint;
  readonly weightSum: bigint;
}

/** `floor(credits × share)` of an eligible member with `grams` and participation `score`. */
export function shareDown(p: ClosedPeriodTotals, grams: bigint, score: bigint): bigint {
  const weight = grams * (PERFORMANCE_BASE + score);
  switch (p.method) {
    case "Proportional":
      return p.eligibleGrams === 0n ? 0n : (p.credits * grams) / p.eligibleGrams;
    case "EqualShare":
      return p.eligibleCount === 0n ? 0n : p.credits / p.eligibleCount;
    case "PerformanceBased":
      return p.weightSum === 0n ? 0n : (p.credits * weight) / p.weightSum;
    case "Hybrid": {
      if (p.eligibleGrams === 0n || p.weightSum === 0n) return 0n;
      const numerator = (BPS - p.hybridBps) * grams * p.weightSum + p.hybridBps * weight * p.eligibleGrams;
      return (p.credits * numerator) / (BPS * p.eligibleGrams * p.weightSum);
    }
  }
}
