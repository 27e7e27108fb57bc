import type { FaultCode } from "./faults";

/**
 * Shapes shared by the oracle modules. Units are in the field names or stated here:
 * power W, energy Wh, irradiance W/m² (mean over the interval), times unix seconds (UTC),
 * days UTC day numbers (days since 1970-01-01).
 */

/** Where a record came from: file path and 1-based line (CSV line or JSON line of the entry). */
export interface SourceRef {
  readonly file: string;
  /** 1-based line; undefined only when the format has no usable line (never for CSV). */
  readonly line: number | undefined;
  /** Name of the field that holds the device id (CSV column or JSON path), for error messages. */
  readonly deviceField: string;
}

/**
 * One inverter reading: the mean AC power over `[t, t + durationS)`.
 * Readers convert every layout (kW, W, interval Wh or kWh) to this shape.
 */
export interface PowerReading {
  readonly deviceId: string;
  /** Interval start, unix seconds (UTC). */
  readonly t: number;
  /** Interval length, seconds (Kaggle Plant 1: 900). */
  readonly durationS: number;
  /** Mean AC power over the interval, W, ≥ 0. Never DC (Plant 1 DC is ≈ 10 × AC, a known defect). */
  readonly acPowerW: number;
  /** Lifetime energy counter at this reading, Wh, when the layout has one (Kaggle `TOTAL_YIELD`). */
  readonly totalYieldWh?: number;
  /** Plant or site identifier the file gives for this row (Kaggle `PLANT_ID`), for the cross-file check. */
  readonly siteId?: string;
  readonly source: SourceRef;
}

/** Whether irradiance was measured on site (pyranometer) or estimated from satellite/reanalysis. */
export type IrradianceKind = "sensor" | "satellite";

/** Mean global horizontal irradiance over `[t, t + durationS)`, W/m². */
export interface IrradianceSample {
  /** Interval start, unix seconds (UTC). */
  readonly t: number;
  /** Interval length, seconds (sensor 900, NASA POWER hourly 3600, daily 86400). */
  readonly durationS: number;
  /** Mean irradiance, W/m², ≥ 0. */
  readonly ghiWm2: number;
}

/** An irradiance time series for one site, sorted by `t`, intervals not overlapping. */
export interface IrradianceSeries {
  readonly kind: IrradianceKind;
  /** Human-readable origin (file path or API URL), recorded in the results and audit log. */
  readonly source: string;
  readonly samples: readonly IrradianceSample[];
  /** Plant or site identifier of the series (Kaggle sensor `PLANT_ID`), and where it was read. */
  readonly siteId?: string;
  readonly siteRef?: { readonly file: string; readonly line: number; readonly field: string };
}

/** A registered device (solar inverter), as in the device registry file. */
export interface Device {
  readonly id: string;
  /** AC rating, W (> 0). The theoretical maximum is scaled by it. */
  readonly capacityW: number;
  /** Baseline emission factor, grams CO2 per kWh (integer > 0; seed 004: 1200). */
  readonly emissionFactorGPerKWh: number;
  /** Site latitude and longitude, decimal degrees (WGS 84); used for NASA POWER requests. */
  readonly lat: number;
  readonly lon: number;
}

/** Seed 004 statuses. */
export type DayStatus = "VERIFIED" | "FLAGGED" | "PENDING";

/** The verification outcome of one device on one UTC day. All integers are rounded down. */
export interface DeviceDayResult {
  readonly deviceId: string;
  /** UTC day number (days since 1970-01-01). */
  readonly day: number;
  /** The same day as `YYYY-MM-DD` (UTC), for people. */
  readonly date: string;
  readonly status: DayStatus;
  /** Why the status is not VERIFIED: one sentence per failed rule (empty when VERIFIED). */
  readonly reasons: readonly string[];
  /** Names of the failed rules (faults.ts FAULT_STATUS keys), in the order of `reasons`. */
  readonly faults: readonly FaultCode[];
  /** Skipped rules and other facts (meter check skipped, short outages, which energy was credited). */
  readonly notes: readonly string[];
  /**
   * Credited energy, Wh, rounded down: the lower of the AC integral and the meter's increase when
   * the meter cross-check passed (conservative: two measurements, credit the lower), else the AC
   * integral. This is what is posted on-chain.
   */
  readonly energyWh: number;
  /** Which measurement `energyWh` is: `ac` (the AC integral) or `meter` (the cumulative meter's increase). */
  readonly creditedFrom: "ac" | "meter";
  /** AC integral of all the day's readings, Wh, rounded down. */
  readonly acEnergyWh: number;
  /** Outcome of the meter cross-check (meter.ts): `skipped` without a meter column. */
  readonly meterCheck: "passed" | "failed" | "skipped";
  /** CO2 avoided, grams: `floor(energyWh × emissionFactorGPerKWh / 1000)`. */
  readonly co2Grams: number;
  readonly emissionFactorGPerKWh: number;
  /** Pearson r of interval mean power vs irradiance, in basis points (floor(r × 10 000)); null if undefined. */
  readonly correlationBps: number | null;
  /** Energy of the readings that have irradiance to compare with, Wh, rounded down. */
  readonly pairedEnergyWh: number;
  /** Theoretical maximum for those same intervals, Wh, rounded down (see verify.ts). */
  readonly theoreticalMaxWh: number;
  /** Share (0..1) of the sun-expected intervals (sunrise–sunset at the site) with a reading and irradiance. */
  readonly coverage: number;
  /** Number of readings of the day; sun-expected intervals; those without a reading. */
  readonly readings: number;
  readonly expectedIntervals: number;
  readonly missingIntervals: number;
  /** Intervals with zero output while irradiance > the outage threshold. */
  readonly outageIntervals: number;
  /** The meter's increase over the day (last − first), Wh, rounded down; null without a meter or when its check failed. */
  readonly counterEnergyWh: number | null;
  /** `0x` + SHA-256 of the canonical evidence (evidence.ts). */
  readonly evidenceHash: string;
  readonly irradianceKind: IrradianceKind;
  readonly irradianceSource: string;
}
