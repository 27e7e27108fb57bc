import { sampleCorrelation } from "simple-statistics";
import { readingEnergyWh, whDown } from "./energy";
import { ResolutionMismatchError } from "./errors";
import { isoMinute, statusOf, type Fault, type FaultCode } from "./faults";
import { checkMeter, METER_THRESHOLDS, type MeterCheck, type MeterThresholds } from "./meter";
import { interpolatedRuns, irradianceLimits, offGridTimestamps, outagesUnderSun, QUALITY_THRESHOLDS, staleValues, type QualityThresholds } from "./quality";
import { sunExpectedSlots } from "./sun";
import type { DayStatus, Device, IrradianceKind, IrradianceSample, PowerReading } from "./types";

/**
 * Thresholds of the rules. Defaults per irradiance kind are SENSOR_THRESHOLDS and
 * SATELLITE_THRESHOLDS; docs/oracle.md ("Thresholds and why") justifies each value with the real data.
 */
export interface VerificationThresholds extends QualityThresholds, MeterThresholds {
  /** VERIFIED needs Pearson r strictly above this (seed 004: "correlation > 90%"). */
  readonly minCorrelation: number;
  /** FLAGGED when output > theoretical maximum × (1 + tolerance), or a reading > capacity × (1 + tolerance). */
  readonly tolerance: number;
  /** Fewer than this fraction (0..1) of the sun-expected intervals covered by a reading with irradiance → PENDING. */
  readonly minCoverage: number;
  /** Fewer (reading, irradiance) pairs than this → PENDING: r is too noisy to decide on. */
  readonly minPairs: number;
  /** Irradiance at which the array delivers its rated capacity, W/m² (standard test conditions: 1000). */
  readonly stcIrradianceWm2: number;
}

/**
 * Defaults for an on-site pyranometer (Kaggle Plant 1 sensor). Plant 1 whole-plant AC vs sensor:
 * r = 0.996 (15-minute); per inverter-day r has median 0.992 and 5th percentile 0.96, so 0.90
 * (seed 004) only fails days with a real fault. Daily output / theoretical maximum (capacity from
 * the observed max AC rounded up to 100 kW) is ≤ 1.055 on every honest day, so a 10 % tolerance
 * flags nothing honest while catching a meter that over-reports by more than ~5 %. Coverage 90 %
 * of the sun-expected intervals (seed 004's reference: ≥ 90 % of the day's intervals).
 */
export const SENSOR_THRESHOLDS: VerificationThresholds = {
  minCorrelation: 0.9,
  tolerance: 0.1,
  minCoverage: 0.9,
  minPairs: 8,
  stcIrradianceWm2: 1000,
  ...QUALITY_THRESHOLDS,
  ...METER_THRESHOLDS,
};

/**
 * Defaults for satellite irradiance (NASA POWER, NSRDB PSM3). On a tilted array satellite GHI fits
 * far worse (PVDAQ 50: daily r = 0.66; intra-day r median 0.88) and the plane of array receives more
 * than GHI (PVDAQ 50 output / GHI-based maximum up to 1.45), so the tolerance is 50 %. The seed's
 * 0.90 correlation is kept: days the satellite cannot confirm stay PENDING rather than VERIFIED.
 * Hourly data give ~12 daylight pairs, so 6 pairs are required.
 */
export const SATELLITE_THRESHOLDS: VerificationThresholds = { ...SENSOR_THRESHOLDS, tolerance: 0.5, minPairs: 6 };

/** Default thresholds for an irradiance kind. */
export function defaultThresholds(kind: IrradianceKind): VerificationThresholds {
  return kind === "sensor" ? SENSOR_THRESHOLDS : SATELLITE_THRESHOLDS;
}

/**
 * Theoretical maximum AC power, W, at mean irradiance `ghiWm2` (W/m²):
 * `capacityW × min(1, ghiWm2 / stcIrradianceWm2)` — output scales with irradiance (seed 004:
 * "maximum theoretical solar output based on irradiance and inverter capacity") and the inverter
 * clips at its AC rating. Performance losses are not subtracted, so it is an upper bound.
 */
export function theoreticalPowerW(capacityW: number, ghiWm2: number, stcIrradianceWm2 = 1000): number {
  return capacityW * Math.min(1, ghiWm2 / stcIrradianceWm2);
}

/**
 * Pearson correlation coefficient of `x` and `y` (simple-statistics `sampleCorrelation`), or null
 * when it is undefined: fewer than 2 pairs, or either series constant (zero variance).
 */
export function pearson(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length) throw new RangeError("pearson: x and y differ in length");
  if (x.length < 2) return null;
  const r = sampleCorrelation(x as number[], y as number[]);
  return Number.isFinite(r) ? r : null;
}

/** Context of one device-day that the readings alone do not give (the pipeline fills it). */
export interface DayContext {
  /** Starts of the sun-expected intervals (default: sunExpectedSlots at the device's site, the readings' step, phase 0). */
  readonly expectedSlots?: readonly number[];
  /** Phase of the device's reading grid, seconds (t mod step of its first reading; default 0). */
  readonly phaseS?: number;
  /** A truncated-day fault found by the pipeline (readings stop before sunset at a file's end). */
  readonly truncation?: Fault | null;
}

/** What verifyDeviceDay decides for one device on one UTC day (energy and CO2 come from the caller). */
export interface DayVerification {
  readonly status: DayStatus;
  /** Every failed rule's message (empty when VERIFIED). */
  readonly reasons: string[];
  /** The failed rules' names, in the order of `reasons`. */
  readonly faults: FaultCode[];
  /** Rules skipped and other facts (e.g. "meter cross-check skipped", short outages). */
  readonly notes: string[];
  /** Pearson r of interval mean power vs irradiance, or null. */
  readonly correlation: number | null;
  /** Energy of the sun-window readings inside irradiance intervals, Wh (not rounded). */
  readonly pairedEnergyWh: number;
  /** Theoretical maximum over the same covered seconds, Wh (not rounded). */
  readonly theoreticalMaxWh: number;
  /** Share (0..1) of the sun-expected intervals that have a reading and irradiance. */
  readonly coverage: number;
  readonly pairs: number;
  /** Sun-expected intervals, and those of them without a reading. */
  readonly expectedIntervals: number;
  readonly missingIntervals: number;
  /** Intervals with 0 W while irradiance > the outage threshold. */
  readonly outageIntervals: number;
  readonly meter: MeterCheck;
}

/** Index of the sample whose interval contains `t`, or -1 (samples sorted by `t`). */
function sampleAt(samples: readonly IrradianceSample[], t: number): number {
  let lo = 0;
  let hi = samples.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = samples[mid];
    if (t < s.t) hi = mid - 1;
    else if (t >= s.t + s.durationS) lo = mid + 1;
    else return mid;
  }
  return -1;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/**
 * Verification of one device on one UTC day: the seed 004 rules plus the integrity and quality
 * rules (faults.ts). Every rule is evaluated and every failure reported; the status is the worst
 * (statusOf): FLAGGED > PENDING > VERIFIED.
 *
 * Inputs: the device; the UTC day number; the day's readings (start in the day, sorted, not
 * overlapping); the irradiance samples whose start is in the day (sorted); thresholds; context.
 * Irradiance intervals must be as long as the readings' or longer and each reading must fall inside
 * one; otherwise ResolutionMismatchError.
 *
 * Method:
 * 1. Sun window: the sun-expected intervals (sun above the horizon at the interval midpoint, at
 *    the device's registered site). No reading in it and none > 0 W → null (night-only fragment).
 * 2. Each irradiance sample holding sun-window readings is a slot: energy, covered seconds, mean
 *    power; slot theoretical maximum = theoreticalPowerW × covered seconds / 3600 Wh.
 * 3. coverage = sun-expected intervals with a reading and irradiance / sun-expected intervals — a
 *    gap shared by both files lowers it.
 * 4. r = Pearson(mean power, ghi) over the slots.
 * 5. Rules: over-theoretical, over-capacity, meter (meter.ts), stale values, interpolated runs
 *    (FLAGGED); outage, impossible irradiance, off-grid timestamps, truncated day, low coverage,
 *    too few pairs, low correlation (PENDING).
 */
export function verifyDeviceDay(
  device: Device,
  day: number,
  readings: readonly PowerReading[],
  samples: readonly IrradianceSample[],
  th: VerificationThresholds,
  ctx: DayContext = {},
): DayVerification | null {
  const step = readings.length > 0 ? Math.min(...readings.map((r) => r.durationS)) : 900;
  const expected = ctx.expectedSlots ?? sunExpectedSlots(day, device.lat, device.lon, step, ctx.phaseS ?? 0);
  const windowStart = expected.length > 0 ? expected[0] : Infinity;
  const windowEnd = expected.length > 0 ? expected[expected.length - 1] + step : -Infinity;
  const inWindow = (r: PowerReading) => r.t >= windowStart && r.t < windowEnd;
  if (!readings.some((r) => inWindow(r) || r.acPowerW > 0)) return null;

  const covered = new Map<number, { seconds: number; wh: number }>();
  let pairedEnergyWh = 0;
  let overCapacity: PowerReading | undefined;
  const powerLimit = device.capacityW * (1 + th.tolerance);
  const readingAt = new Set<number>();
  for (const r of readings) {
    if (r.acPowerW > powerLimit && overCapacity === undefined) overCapacity = r;
    readingAt.add(r.t);
    const i = sampleAt(samples, r.t);
    if (i < 0 || !inWindow(r)) continue;
    const s = samples[i];
    if (r.t + r.durationS > s.t + s.durationS) {
      // A reading off the grid straddles two samples: left unpaired (the off-grid rule reports it).
      if (r.durationS <= s.durationS) continue;
      throw new ResolutionMismatchError(
        `reading of ${device.id} at ${new Date(r.t * 1000).toISOString()} (${r.durationS} s) does not fit in the irradiance interval ` +
          `starting ${new Date(s.t * 1000).toISOString()} (${s.durationS} s): irradiance must be as coarse as the readings or coarser`,
      );
    }
    const slot = covered.get(i) ?? { seconds: 0, wh: 0 };
    slot.seconds += r.durationS;
    slot.wh += readingEnergyWh(r);
    covered.set(i, slot);
    pairedEnergyWh += readingEnergyWh(r);
  }

  const power: number[] = [];
  const ghi: number[] = [];
  let theoreticalMaxWh = 0;
  for (const [i, slot] of covered) {
    const s = samples[i];
    power.push((slot.wh * 3600) / slot.seconds);
    ghi.push(s.ghiWm2);
    theoreticalMaxWh += (theoreticalPowerW(device.capacityW, s.ghiWm2, th.stcIrradianceWm2) * slot.seconds) / 3600;
  }
  let coveredSlots = 0;
  let missingIntervals = 0;
  for (const t of expected) {
    if (!readingAt.has(t)) missingIntervals++;
    else if (sampleAt(samples, t) >= 0) coveredSlots++;
  }
  const coverage = expected.length > 0 ? coveredSlots / expected.length : 0;
  const correlation = pearson(power, ghi);

  const faults: Fault[] = [];
  const notes: string[] = [];
  const limitWh = theoreticalMaxWh * (1 + th.tolerance);
  if (pairedEnergyWh > limitWh) {
    faults.push({ code: "over-theoretical", message: `output ${whDown(pairedEnergyWh)} Wh exceeds the theoretical maximum ${whDown(theoreticalMaxWh)} Wh × ${1 + th.tolerance} (tolerance ${pct(th.tolerance)})` });
  }
  if (overCapacity !== undefined) {
    faults.push({
      code: "over-capacity",
      message: `reading at ${isoMinute(overCapacity.t)} (${overCapacity.source.file}:${overCapacity.source.line}) of ${Math.round(overCapacity.acPowerW)} W exceeds capacity ${device.capacityW} W × ${1 + th.tolerance}`,
    });
  }
  const meter = checkMeter(device, readings, th);
  faults.push(...meter.faults);
  if (meter.note) notes.push(meter.note);
  const stale = staleValues(device, readings, th);
  if (stale) faults.push(stale);
  const interpolated = interpolatedRuns(readings, th);
  if (interpolated) faults.push(interpolated);
  const outage = outagesUnderSun(readings, (t) => {
    const i = sampleAt(samples, t);
    return i < 0 ? undefined : samples[i].ghiWm2;
  }, th);
  if (outage.fault) faults.push(outage.fault);
  else if (outage.intervals > 0) notes.push(`${outage.intervals} outage intervals (0 W at > ${th.outageIrradianceWm2} W/m²), under the ${th.outageMinS / 3600} h limit`);
  const sky = irradianceLimits(device, samples);
  if (sky) faults.push(sky);
  const grid = offGridTimestamps(readings, ctx.phaseS ?? 0);
  if (grid) faults.push(grid);
  if (ctx.truncation) faults.push(ctx.truncation);
  if (coverage < th.minCoverage) {
    faults.push({ code: "low-coverage", message: `insufficient data: ${coveredSlots} of ${expected.length} sun-expected intervals covered (${pct(coverage)} < ${pct(th.minCoverage)}); ${missingIntervals} without a reading` });
  }
  if (power.length < th.minPairs || correlation === null) {
    faults.push({
      code: "too-few-pairs",
      message:
        correlation === null
          ? `insufficient data: correlation undefined over ${power.length} intervals (constant output or irradiance)`
          : `insufficient data: ${power.length} intervals with irradiance (< ${th.minPairs})`,
    });
  } else if (!(correlation > th.minCorrelation)) {
    faults.push({ code: "low-correlation", message: `correlation ${correlation.toFixed(4)} ≤ ${th.minCorrelation}` });
  }
  return {
    status: statusOf(faults),
    reasons: faults.map((f) => f.message),
    faults: faults.map((f) => f.code),
    notes,
    correlation,
    pairedEnergyWh,
    theoreticalMaxWh,
    coverage,
    pairs: power.length,
    expectedIntervals: expected.length,
    missingIntervals,
    outageIntervals: outage.intervals,
    meter,
  };
}
