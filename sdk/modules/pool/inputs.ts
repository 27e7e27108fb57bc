/**
 * Argument checks of the `pool` module (internal): block ranges, period id lists, the allocation
 * method with its hybrid weight, and the period timings, each against the contract's bounds.
 */
import { InvalidArgumentError } from "../../errors/base";
import * as check from "../../internal/validate";
import { AllocationMethod, type AllocationMethodName } from "./types";

/** Basis points in 100 % (the largest hybrid weight). */
const MAX_BPS = 10_000;
/** Bounds of `setPeriodTimings` (`CarbonPool.MIN/MAX_CLOSE_GRACE`, `MIN/MAX_CLAIM_WINDOW`), seconds. */
const CLOSE_GRACE_RANGE = [86_400, 30 * 86_400] as const;
const CLAIM_WINDOW_RANGE = [30 * 86_400, 3_650 * 86_400] as const;

/** Validates `fromBlock` and `toBlock` when given (the defaults, deployment block and latest, are applied by `queryEvents`). */
export function blockRange(filter: { readonly fromBlock?: number; readonly toBlock?: number }): [number | undefined, number | undefined] {
  const num = (name: string, v: number | undefined) => {
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) throw new InvalidArgumentError(name, v, "expected a block number ≥ 0");
    return v;
  };
  return [num("filter.fromBlock", filter.fromBlock), num("filter.toBlock", filter.toBlock)];
}

/** Validates a non-empty list of period ids (optionally without repeats). */
export function periodIdList(name: string, periodIds: ReadonlyArray<bigint | number>, unique: boolean): bigint[] {
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

/**
 * `[method, hybridBps]` as `setAllocationMethod` takes them: a known method name, `hybridBps` an integer
 * 0–10,000 and 0 for every method but `Hybrid`. @throws {@link InvalidArgumentError} naming the argument.
 */
export function allocationArgs(method: AllocationMethodName, hybridBps: number): [number, number] {
  const m = check.enumValue("method", method, AllocationMethod);
  if (!Number.isSafeInteger(hybridBps) || hybridBps < 0 || hybridBps > MAX_BPS) {
    throw new InvalidArgumentError("hybridBps", hybridBps, "expected an integer from 0 to 10,000 bps");
  }
  if (m !== AllocationMethod.Hybrid && hybridBps !== 0) {
    throw new InvalidArgumentError("hybridBps", hybridBps, "only the Hybrid method takes a performance weight");
  }
  return [m, hybridBps];
}

/**
 * `[closeGrace, claimWindow]` as `setPeriodTimings` takes them, each whole seconds inside its range
 * (`CarbonPool.MIN/MAX_CLOSE_GRACE`, `MIN/MAX_CLAIM_WINDOW`). @throws {@link InvalidArgumentError} naming the argument.
 */
export function timingArgs(closeGrace: number, claimWindow: number): [number, number] {
  const inRange = (name: string, v: number, [min, max]: readonly [number, number]) => {
    if (!Number.isSafeInteger(v) || v < min || v > max) {
      throw new InvalidArgumentError(name, v, `expected whole seconds from ${min} to ${max}`);
    }
    return v;
  };
  return [inRange("closeGrace", closeGrace, CLOSE_GRACE_RANGE), inRange("claimWindow", claimWindow, CLAIM_WINDOW_RANGE)];
}
