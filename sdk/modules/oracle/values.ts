/**
 * The MRVOracle's limits and unit conversions (pure, no call): UTC day numbers, CO2 from energy and
 * an emission factor exactly as the contract checks it, microdegrees.
 */
import { InvalidArgumentError } from "../../errors/base";
import * as check from "../../internal/validate";

/** The contract's limits (MRVOracle constants). */
export const MRV_LIMITS = Object.freeze({
  /** Most reports in one batch. */
  maxBatchSize: 100,
  /** Most oracle signers. */
  maxSigners: 20,
  /** Highest emission factor, g CO2 per kWh. */
  maxEmissionFactorGPerKWh: 10_000n,
  /** Highest device capacity, W. */
  maxCapacityW: 1_000_000_000_000n,
  /** Highest correlation, bps. */
  maxCorrelationBps: 10_000,
  /** Highest |latitude|, microdegrees. */
  maxLatMicroDeg: 90_000_000,
  /** Highest |longitude|, microdegrees. */
  maxLonMicroDeg: 180_000_000,
});

/** Seconds in a UTC day. */
export const SECONDS_PER_UTC_DAY = 86_400;

/**
 * The UTC day number (days since 1970-01-01) of `at`, a `Date` or unix seconds: `floor(seconds / 86400)`.
 * @throws {@link InvalidArgumentError} on an invalid or pre-1970 date.
 */
export function utcDayOf(at: Date | number | bigint): number {
  return Number(check.unixSeconds("at", at) / BigInt(SECONDS_PER_UTC_DAY));
}

/** 00:00:00 UTC of UTC day number `day`, as a `Date`. @throws {@link InvalidArgumentError} unless `day` is a uint32. */
export function dateOfUtcDay(day: number): Date {
  return new Date(Number(check.unsigned("day", day, 32)) * SECONDS_PER_UTC_DAY * 1000);
}

/**
 * CO2 avoided, grams, exactly as the contract checks a report: `floor(energyWh × emissionFactorGPerKWh / 1000)`.
 * @throws {@link InvalidArgumentError} on a negative input.
 */
export function co2GramsFor(energyWh: bigint | number, emissionFactorGPerKWh: bigint | number): bigint {
  return (check.unsigned("energyWh", energyWh) * check.unsigned("emissionFactorGPerKWh", emissionFactorGPerKWh)) / 1000n;
}

/** Decimal degrees → the contract's microdegrees (rounded to the nearest). @throws {@link InvalidArgumentError} when not finite. */
export function toMicroDegrees(degrees: number): number {
  if (typeof degrees !== "number" || !Number.isFinite(degrees)) throw new InvalidArgumentError("degrees", degrees, "expected a finite number");
  return Math.round(degrees * 1e6);
}

/** Microdegrees → decimal degrees. */
export function fromMicroDegrees(microDegrees: number | bigint): number {
  return Number(microDegrees) / 1e6;
}
