import { FAULT_STATUS, isoMinute, type Fault } from "./faults";
import { qcradGhiLimitWm2 } from "./sun";
import type { Device, IrradianceSample, PowerReading } from "./types";

/**
 * Data-quality checks on one device-day, after NREL pvanalytics (`pvanalytics.quality`):
 * one function per check, each returning a Fault (or null). Thresholds are in QualityThresholds;
 * docs/oracle.md ("Thresholds and why") justifies each on the real Kaggle Plant 1 and Plant 2 data.
 */

/** Thresholds of the quality checks. */
export interface QualityThresholds {
  /** A run of this many consecutive identical non-zero readings is stale (pvanalytics `stale_values_round`, window 6 by default). */
  readonly staleRun: number;
  /** Readings at or above this fraction of capacity are clipping (an inverter held at its AC rating, within 0.5 %), not stale. */
  readonly clippingFraction: number;
  /** A run of this many consecutive readings on one straight line is interpolated (pvanalytics `interpolation_diff`, window 6). */
  readonly interpolatedRun: number;
  /** |second difference| at or below this, W, counts as "on a line". */
  readonly interpolationToleranceW: number;
  /** Irradiance above which a 0 W reading is an outage, W/m². */
  readonly outageIrradianceWm2: number;
  /** Outage time at or above this, seconds, makes the day PENDING. */
  readonly outageMinS: number;
}

/** Defaults (see docs/oracle.md for the data behind each). */
export const QUALITY_THRESHOLDS: QualityThresholds = {
  staleRun: 4,
  clippingFraction: 0.995,
  interpolatedRun: 6,
  interpolationToleranceW: 1,
  outageIrradianceWm2: 500,
  outageMinS: 3600,
};

const f = (code: keyof typeof FAULT_STATUS, message: string): Fault => ({ code, message });

/** Whether `b` directly follows `a` on the reading grid (no gap). */
const adjacent = (a: PowerReading, b: PowerReading) => b.t === a.t + a.durationS;

/**
 * Stale (stuck) values (pvanalytics `quality.gaps.stale_values_round`): `staleRun` or more
 * consecutive, adjacent readings with the same non-zero power, below the clipping level
 * (`clippingFraction × capacity`: an inverter held at its rating is flat for a real reason).
 * A logger that repeats its last value invents energy. Readings sorted by t.
 */
export function staleValues(device: Device, readings: readonly PowerReading[], th: QualityThresholds): Fault | null {
  let start = 0;
  for (let i = 1; i <= readings.length; i++) {
    const r = readings[i];
    const same = i < readings.length && adjacent(readings[i - 1], r) && r.acPowerW === readings[start].acPowerW;
    if (same) continue;
    const n = i - start;
    const p = readings[start].acPowerW;
    if (n >= th.staleRun && p > 0 && p < th.clippingFraction * device.capacityW) {
      return f("stale-values", `${n} consecutive readings of exactly ${p} W from ${isoMinute(readings[start].t)} (stale: ≥ ${th.staleRun} identical non-zero values)`);
    }
    start = i;
  }
  return null;
}

/**
 * Linearly interpolated runs (pvanalytics `quality.gaps.interpolation_diff`): `interpolatedRun`
 * or more consecutive, adjacent, non-zero readings whose second differences are all within
 * `interpolationToleranceW` — a straight line, which a real PV output almost never draws over
 * hours but a gap-filling tool always does. Constant runs are left to staleValues.
 */
export function interpolatedRuns(readings: readonly PowerReading[], th: QualityThresholds): Fault | null {
  let run = 0; // readings in the current straight run
  for (let i = 2; i < readings.length; i++) {
    const [a, b, c] = [readings[i - 2], readings[i - 1], readings[i]];
    const line =
      adjacent(a, b) && adjacent(b, c) && a.acPowerW > 0 && b.acPowerW > 0 && c.acPowerW > 0 &&
      !(a.acPowerW === b.acPowerW && b.acPowerW === c.acPowerW) &&
      Math.abs(c.acPowerW - 2 * b.acPowerW + a.acPowerW) <= th.interpolationToleranceW;
    run = line ? (run === 0 ? 3 : run + 1) : 0;
    if (run >= th.interpolatedRun) {
      const first = readings[i - run + 1];
      return f("interpolated", `${run} consecutive readings on a straight line from ${isoMinute(first.t)} to ${isoMinute(c.t)} (interpolated: ≥ ${th.interpolatedRun})`);
    }
  }
  return null;
}

/**
 * Outage under sun: total time of readings at 0 W while the irradiance interval holding the
 * reading is above `outageIrradianceWm2`. `irradianceAt(t)` gives that irradiance (or undefined).
 * At or above `outageMinS` the day is PENDING: the inverter (or its logger) was down while the sun
 * shone, so the day's record is of a faulty plant. Returns the fault (or null) and the count of outage intervals.
 */
export function outagesUnderSun(
  readings: readonly PowerReading[],
  irradianceAt: (t: number) => number | undefined,
  th: QualityThresholds,
): { fault: Fault | null; intervals: number } {
  let seconds = 0;
  let intervals = 0;
  let first: PowerReading | undefined;
  for (const r of readings) {
    const g = irradianceAt(r.t);
    if (r.acPowerW === 0 && g !== undefined && g > th.outageIrradianceWm2) {
      seconds += r.durationS;
      intervals++;
      first ??= r;
    }
  }
  const fault =
    seconds >= th.outageMinS && first
      ? f("outage", `${intervals} intervals (${(seconds / 3600).toFixed(2)} h) at 0 W under > ${th.outageIrradianceWm2} W/m², first at ${isoMinute(first.t)} (≥ ${th.outageMinS / 3600} h)`)
      : null;
  return { fault, intervals };
}

/**
 * Physically impossible irradiance (BSRN QCRad limits, pvanalytics
 * `quality.irradiance.check_ghi_limits_qcrad`): a sample above qcradGhiLimitWm2 for the sun's
 * position at the device's site. Daily samples (> 1 h) are not checked: the limit is instantaneous.
 */
export function irradianceLimits(device: Device, samples: readonly IrradianceSample[]): Fault | null {
  for (const s of samples) {
    if (s.durationS > 3600) continue;
    const limit = qcradGhiLimitWm2(s.t, s.durationS, device.lat, device.lon);
    if (s.ghiWm2 > limit) {
      return f("irradiance-impossible", `irradiance ${s.ghiWm2.toFixed(1)} W/m² at ${isoMinute(s.t)} exceeds the QCRad physically possible limit ${limit.toFixed(1)} W/m² for the sun's position`);
    }
  }
  return null;
}

/**
 * Timestamps off the grid: readings whose start is not `phaseS` modulo their interval (the
 * device's grid, from its first reading). Such readings cannot be paired reliably with irradiance.
 */
export function offGridTimestamps(readings: readonly PowerReading[], phaseS: number): Fault | null {
  const off = readings.filter((r) => ((r.t - phaseS) % r.durationS + r.durationS) % r.durationS !== 0);
  if (off.length === 0) return null;
  const r = off[0];
  return f("off-grid", `${off.length} readings off the ${r.durationS} s grid, first at ${new Date(r.t * 1000).toISOString()} (${r.source.file}:${r.source.line})`);
}
