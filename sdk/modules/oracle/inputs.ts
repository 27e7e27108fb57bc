/**
 * Input checks of the `oracle` module (internal): bytes32 ids, UTC day numbers, block numbers, device
 * registrations, and the report status names by on-chain value.
 */
import { isHexString } from "ethers";
import type { IMRVOracle } from "../../../typechain-types/contracts/oracle/MRVOracle";
import { InvalidArgumentError } from "../../errors/base";
import * as check from "../../internal/validate";
import { ReportStatus, type OracleDeviceInput, type ReportStatusName } from "./types";
import { MRV_LIMITS, SECONDS_PER_UTC_DAY } from "./values";

/** Report status names by on-chain value. */
export const REPORT_STATUS_NAMES = Object.keys(ReportStatus) as ReportStatusName[];
/** The zero bytes32. */
export const BYTES32_ZERO = `0x${"0".repeat(64)}`;
/** The zero address. */
export const ZERO_ADDRESS = `0x${"0".repeat(40)}`;

/** A 0x-prefixed 32-byte hex string, lower-cased (`nonZero`: the zero value refused). @throws {@link InvalidArgumentError} naming `name`. */
export function bytes32(name: string, value: string, nonZero: boolean): string {
  if (typeof value !== "string" || !isHexString(value, 32)) throw new InvalidArgumentError(name, value, "expected a 0x-prefixed 32-byte hex string");
  if (nonZero && value === BYTES32_ZERO) throw new InvalidArgumentError(name, value, "must not be zero");
  return value.toLowerCase();
}

/** A UTC day number from a uint32 or a `Date` (its UTC day). @throws {@link InvalidArgumentError} naming `name`. */
export function dayNumber(name: string, day: number | bigint | Date): number {
  if (day instanceof Date) {
    if (Number.isNaN(day.getTime()) || day.getTime() < 0) throw new InvalidArgumentError(name, day, "invalid or pre-1970 date");
    return Math.floor(day.getTime() / 1000 / SECONDS_PER_UTC_DAY);
  }
  return Number(check.unsigned(name, day, 32));
}

/** A block number: a safe integer ≥ 0. @throws {@link InvalidArgumentError} naming `name`. */
export function blockNumber(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new InvalidArgumentError(name, value, "expected a block number ≥ 0");
  return value;
}

/** A device's registration fields checked against the contract's limits ({@link MRV_LIMITS}), as the contract takes them. @throws {@link InvalidArgumentError} naming the field. */
export function deviceInput(input: OracleDeviceInput): IMRVOracle.DeviceInputStruct {
  if (input === null || typeof input !== "object") throw new InvalidArgumentError("input", input, "expected the device's fields");
  const int = (name: string, v: number, max: number) => {
    if (!Number.isSafeInteger(v) || Math.abs(v) > max) throw new InvalidArgumentError(name, v, `expected an integer from −${max} to ${max} microdegrees`);
    return v;
  };
  const capacityW = check.unsigned("input.capacityW", input.capacityW, 64);
  if (capacityW === 0n || capacityW > MRV_LIMITS.maxCapacityW) throw new InvalidArgumentError("input.capacityW", input.capacityW, "expected 1 to 1e12 W");
  const ef = check.unsigned("input.emissionFactorGPerKWh", input.emissionFactorGPerKWh, 32);
  if (ef === 0n || ef > MRV_LIMITS.maxEmissionFactorGPerKWh) {
    throw new InvalidArgumentError("input.emissionFactorGPerKWh", input.emissionFactorGPerKWh, "expected 1 to 10,000 g/kWh");
  }
  return {
    owner: check.address("input.owner", input.owner),
    latMicroDeg: int("input.latMicroDeg", input.latMicroDeg, MRV_LIMITS.maxLatMicroDeg),
    lonMicroDeg: int("input.lonMicroDeg", input.lonMicroDeg, MRV_LIMITS.maxLonMicroDeg),
    capacityW,
    emissionFactorGPerKWh: ef,
  };
}
