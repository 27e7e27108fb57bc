import type { DayStatus } from "./types";

/**
 * The data-quality and integrity rules a device-day can fail. FLAGGED rules mean the evidence
 * contradicts itself or looks invented (a credit would be unsafe); PENDING rules mean the evidence
 * is too weak or incomplete to confirm the day (it may be verified later with better data).
 */
export const FAULT_STATUS = {
  /** Output above the irradiance-based theoretical maximum × (1 + tolerance). */
  "over-theoretical": "FLAGGED",
  /** A reading above capacity × (1 + tolerance). */
  "over-capacity": "FLAGGED",
  /** The cumulative meter went backwards (a broken meter). */
  "meter-decrease": "FLAGGED",
  /** The cumulative meter fell to (nearly) zero: reset or replaced. */
  "meter-reset": "FLAGGED",
  /** The meter rose faster than capacity × elapsed time allows. */
  "meter-jump": "FLAGGED",
  /** Meter increase and AC integral disagree beyond the tolerance. */
  "meter-disagrees": "FLAGGED",
  /** Identical non-zero power values repeated (pvanalytics `stale_values_round`). */
  "stale-values": "FLAGGED",
  /** Power on a straight line for a run of intervals: interpolated, invented data (pvanalytics `interpolation_diff`). */
  "interpolated": "FLAGGED",
  /** ≥ the outage duration at 0 W under strong irradiance (pvanalytics `gaps`/outage detection). */
  "outage": "PENDING",
  /** Irradiance above the QCRad physically possible limit for the sun's position. */
  "irradiance-impossible": "PENDING",
  /** Readings whose timestamps are off the device's reading grid. */
  "off-grid": "PENDING",
  /** Fewer sun-expected intervals covered than the minimum share. */
  "low-coverage": "PENDING",
  /** The readings stop before sunset (file cut mid-day) or start after sunrise. */
  "truncated-day": "PENDING",
  /** Too few (reading, irradiance) pairs, or r undefined. */
  "too-few-pairs": "PENDING",
  /** Pearson r of power vs irradiance not above the minimum. */
  "low-correlation": "PENDING",
} as const satisfies Record<string, Exclude<DayStatus, "VERIFIED">>;

/** A rule name (key of FAULT_STATUS). */
export type FaultCode = keyof typeof FAULT_STATUS;

/** All rule names, in the order of FAULT_STATUS. */
export const FAULT_CODES = Object.keys(FAULT_STATUS) as FaultCode[];

/** One failed rule: its name and a sentence naming the interval and the sizes involved. */
export interface Fault {
  readonly code: FaultCode;
  readonly message: string;
}

/** Status of a day from its faults: FLAGGED if any FLAGGED rule failed, else PENDING if any failed, else VERIFIED. */
export function statusOf(faults: readonly Fault[]): DayStatus {
  if (faults.some((f) => FAULT_STATUS[f.code] === "FLAGGED")) return "FLAGGED";
  return faults.length > 0 ? "PENDING" : "VERIFIED";
}

/** ISO 8601 UTC of a unix time (seconds), minutes precision: `2020-05-21T04:15Z`. */
export function isoMinute(t: number): string {
  return new Date(t * 1000).toISOString().slice(0, 16) + "Z";
}
