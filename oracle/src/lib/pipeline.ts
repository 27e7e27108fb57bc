import { co2GramsDown } from "./co2";
import { assertIrradianceCovers, assertSameSite } from "./consistency";
import { integrateEnergyWh, whDown } from "./energy";
import { OverlappingReadingsError, UnknownDeviceError } from "./errors";
import { evidenceHash } from "./evidence";
import { isoMinute, type Fault } from "./faults";
import { sunExpectedSlots } from "./sun";
import type { DeviceRegistry } from "./registry";
import { dayToIsoDate, DAY_S, utcDay } from "./time";
import type { Device, DeviceDayResult, IrradianceSample, IrradianceSeries, PowerReading } from "./types";
import { defaultThresholds, verifyDeviceDay, type VerificationThresholds } from "./verify";

/** Options of runPipeline. */
export interface PipelineOptions {
  /** Overrides of the default thresholds of the irradiance kind (verify.ts). */
  readonly thresholds?: Partial<VerificationThresholds>;
  /** Called after each device-day with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What runPipeline returns: results sorted by device then day, and the night-only fragments skipped. */
export interface PipelineResult {
  readonly results: DeviceDayResult[];
  /** Device-days that hold readings but no daylight at all (file edges): nothing to report. */
  readonly nightOnlyDays: number;
}

/** Samples by UTC day of their start, for one series (built per run; no global cache). */
function indexByDay(samples: readonly IrradianceSample[]): Map<number, IrradianceSample[]> {
  const m = new Map<number, IrradianceSample[]>();
  for (const s of samples) {
    const d = utcDay(s.t);
    const list = m.get(d);
    if (list) list.push(s);
    else m.set(d, [s]);
  }
  return m;
}

/**
 * Groups readings by device and UTC day (of the interval start), verifies each device-day
 * (verify.ts) and computes its energy, CO2 and evidence hash.
 *
 * - Every device must be in `registry`, else UnknownDeviceError naming the first reading's file,
 *   line and device field.
 * - Readings of one device from several files are merged; overlapping intervals (the same period
 *   read twice) throw OverlappingReadingsError — energy is never counted twice.
 * - `irradianceFor(device)` gives the device's irradiance series (on-site sensor or satellite);
 *   the thresholds are the defaults of its kind, overridden by `opts.thresholds`.
 * - Cross-file checks first (consistency.ts): site ids must match (SiteMismatchError) and the
 *   irradiance must cover the readings' daylight period (IrradiancePeriodError).
 * - Sun-expected intervals at the device's site (sun.ts) on the device's reading grid; the final
 *   day of a device is checked for truncation (truncatedEnd).
 * - energyWh = the lower of whDown(Σ AC energy) and the meter's increase when the meter check
 *   passed (`creditedFrom` says which); co2Grams = floor(energyWh × factor / 1000).
 *
 * Pure: reads nothing from disk and writes nothing; the CLI does the I/O.
 */
export function runPipeline(
  readings: readonly PowerReading[],
  registry: DeviceRegistry,
  irradianceFor: (device: Device) => IrradianceSeries,
  opts: PipelineOptions = {},
): PipelineResult {
  assertKnownDevices(readings, registry);
  const byDevice = new Map<string, PowerReading[]>();
  for (const r of readings) {
    const list = byDevice.get(r.deviceId);
    if (list) list.push(r);
    else byDevice.set(r.deviceId, [r]);
  }

  const work: { device: Device; day: number; readings: PowerReading[]; phaseS: number; last: boolean }[] = [];
  for (const [id, list] of [...byDevice].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    list.sort((a, b) => a.t - b.t);
    for (let i = 1; i < list.length; i++) {
      const p = list[i - 1];
      const r = list[i];
      if (r.t < p.t + p.durationS) {
        throw new OverlappingReadingsError(
          { file: r.source.file, line: r.source.line, field: r.source.deviceField },
          `reading of ${id} at ${new Date(r.t * 1000).toISOString()} overlaps the one at ${p.source.file}:${p.source.line}; energy would be counted twice`,
        );
      }
    }
    const device = registry.get(id) as Device;
    const series = irradianceFor(device);
    assertSameSite(list, series);
    assertIrradianceCovers(device, list, series);
    const phaseS = ((list[0].t % list[0].durationS) + list[0].durationS) % list[0].durationS;
    let start = 0;
    for (let i = 1; i <= list.length; i++) {
      if (i === list.length || utcDay(list[i].t) !== utcDay(list[start].t)) {
        work.push({ device, day: utcDay(list[start].t), readings: list.slice(start, i), phaseS, last: i === list.length });
        start = i;
      }
    }
  }

  const indexes = new Map<IrradianceSeries, Map<number, IrradianceSample[]>>();
  const results: DeviceDayResult[] = [];
  let nightOnlyDays = 0;
  work.forEach(({ device, day, readings: dayReadings, phaseS, last }, n) => {
    const series = irradianceFor(device);
    let index = indexes.get(series);
    if (!index) {
      index = indexByDay(series.samples);
      indexes.set(series, index);
    }
    const samples = index.get(day) ?? [];
    const th = { ...defaultThresholds(series.kind), ...opts.thresholds };
    const step = Math.min(...dayReadings.map((r) => r.durationS));
    const expectedSlots = sunExpectedSlots(day, device.lat, device.lon, step, phaseS);
    const truncation = last ? truncatedEnd(dayReadings, expectedSlots, step) : null;
    const v = verifyDeviceDay(device, day, dayReadings, samples, th, { expectedSlots, phaseS, truncation });
    if (v === null) {
      nightOnlyDays++;
    } else {
      const acEnergyWh = whDown(integrateEnergyWh(dayReadings));
      const meterWh = v.meter.increaseWh === null ? null : whDown(v.meter.increaseWh);
      const creditedFrom = meterWh !== null && meterWh < acEnergyWh ? "meter" : "ac";
      const energyWh = creditedFrom === "meter" ? (meterWh as number) : acEnergyWh;
      const co2 = co2GramsDown(BigInt(energyWh), BigInt(device.emissionFactorGPerKWh));
      const credit =
        meterWh === null
          ? `credited the AC integral ${acEnergyWh} Wh (no usable meter)`
          : `credited the ${creditedFrom === "meter" ? "meter increase" : "AC integral"} ${energyWh} Wh, the lower of AC ${acEnergyWh} Wh and meter ${meterWh} Wh`;
      results.push({
        deviceId: device.id,
        day,
        date: dayToIsoDate(day),
        status: v.status,
        reasons: v.reasons,
        faults: v.faults,
        notes: [...v.notes, credit],
        energyWh,
        creditedFrom,
        acEnergyWh,
        meterCheck: v.meter.outcome,
        co2Grams: Number(co2),
        emissionFactorGPerKWh: device.emissionFactorGPerKWh,
        correlationBps: v.correlation === null ? null : Math.floor(v.correlation * 10_000),
        pairedEnergyWh: whDown(v.pairedEnergyWh),
        theoreticalMaxWh: whDown(v.theoreticalMaxWh),
        coverage: Math.round(v.coverage * 10_000) / 10_000,
        readings: dayReadings.length,
        expectedIntervals: v.expectedIntervals,
        missingIntervals: v.missingIntervals,
        outageIntervals: v.outageIntervals,
        counterEnergyWh: meterWh,
        evidenceHash: evidenceHash(device.id, day, dayReadings, samples),
        irradianceKind: series.kind,
        irradianceSource: series.source,
      });
    }
    opts.onProgress?.(n + 1, work.length);
  });
  return { results, nightOnlyDays };
}

/**
 * The truncated-day rule for a device's final day (its readings end with the file): a fault when
 * sun-expected intervals remain after the last reading — the file was cut before sunset, so the
 * day must not be credited as a full one.
 */
export function truncatedEnd(dayReadings: readonly PowerReading[], expectedSlots: readonly number[], stepS: number): Fault | null {
  const last = dayReadings[dayReadings.length - 1];
  const after = expectedSlots.filter((t) => t > last.t).length;
  if (after === 0) return null;
  const sunsetSlotEnd = expectedSlots[expectedSlots.length - 1] + stepS;
  return {
    code: "truncated-day",
    message: `readings end at ${isoMinute(last.t + last.durationS)} (${last.source.file}:${last.source.line}), ${after} sun-expected intervals before ${isoMinute(sunsetSlotEnd)}: the file stops mid-day, the final day is not complete`,
  };
}

/**
 * Throws UnknownDeviceError, naming the file, line and device field of the first reading whose
 * device is not in `registry`. The CLI calls it before fetching irradiance, so nothing is fetched
 * or written for bad input.
 */
export function assertKnownDevices(readings: readonly PowerReading[], registry: DeviceRegistry): void {
  for (const r of readings) {
    if (!registry.has(r.deviceId)) {
      throw new UnknownDeviceError({ file: r.source.file, line: r.source.line, field: r.source.deviceField }, r.deviceId);
    }
  }
}

/** First and last UTC day numbers of `readings` (inclusive), or undefined when empty. */
export function dayRange(readings: readonly PowerReading[]): { startDay: number; endDay: number } | undefined {
  if (readings.length === 0) return undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of readings) {
    lo = Math.min(lo, r.t);
    hi = Math.max(hi, r.t);
  }
  return { startDay: Math.floor(lo / DAY_S), endDay: Math.floor(hi / DAY_S) };
}
