/** Argument checks run before any call; each throws an {@link InvalidArgumentError} naming the argument. */
import { getAddress, isAddress } from "ethers";
import { InvalidArgumentError } from "../errors/base";

/** Largest value of a `uint256`. */
export const MAX_UINT256 = (1n << 256n) - 1n;

/** Returns the checksummed address; throws when `value` is not a 20-byte hex address. */
export function address(name: string, value: string): string {
  if (typeof value !== "string" || !isAddress(value)) {
    throw new InvalidArgumentError(name, value, "expected a 0x-prefixed 20-byte address");
  }
  return getAddress(value);
}

/** An amount that must be > 0 and fit a uint256 (credits in grams, prices, budgets). */
export function positive(name: string, value: bigint): bigint {
  if (typeof value !== "bigint") throw new InvalidArgumentError(name, value, "expected a bigint");
  if (value <= 0n) throw new InvalidArgumentError(name, value, "must be greater than 0");
  if (value > MAX_UINT256) throw new InvalidArgumentError(name, value, "does not fit in a uint256");
  return value;
}

/** An id, count or amount that must be ≥ 0 and fit in `bits` bits. */
export function unsigned(name: string, value: bigint | number, bits = 256): bigint {
  if (typeof value === "number" && !Number.isSafeInteger(value)) {
    throw new InvalidArgumentError(name, value, "expected an integer");
  }
  if (typeof value !== "bigint" && typeof value !== "number") throw new InvalidArgumentError(name, value, "expected a bigint");
  const v = BigInt(value);
  if (v < 0n) throw new InvalidArgumentError(name, value, "must not be negative");
  if (v >= 1n << BigInt(bits)) throw new InvalidArgumentError(name, value, `does not fit in a uint${bits}`);
  return v;
}

/** Unix seconds from a `Date` or a number of seconds; rejects invalid dates and negatives. */
export function unixSeconds(name: string, value: Date | number | bigint): bigint {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new InvalidArgumentError(name, value, "invalid Date");
    if (ms < 0) throw new InvalidArgumentError(name, value, "before 1970");
    return BigInt(Math.floor(ms / 1000));
  }
  return unsigned(name, value, 40);
}

/** A non-empty string (after trimming). */
export function nonEmpty(name: string, value: string): string {
  if (typeof value !== "string" || value.trim() === "") throw new InvalidArgumentError(name, value, "must not be empty");
  return value;
}

/** Looks up `value` among the keys of an enum-like record (case-sensitive), or accepts its numeric value. */
export function enumValue<T extends Record<string, number>>(name: string, value: keyof T | number, values: T): number {
  if (typeof value === "number") {
    if (Object.values(values).includes(value)) return value;
  } else if (typeof value === "string" && value in values) {
    return values[value];
  }
  throw new InvalidArgumentError(name, value, `expected one of ${Object.keys(values).join(", ")}`);
}

/** A boolean (`true` or `false`, nothing truthy). */
export function boolean(name: string, value: boolean): boolean {
  if (typeof value !== "boolean") throw new InvalidArgumentError(name, value, "expected true or false");
  return value;
}

/**
 * Refuses keys of a filter / options object that the method does not know (a misspelt `holder` for
 * `account` must not silently match everything). `undefined` is an empty object.
 * @throws {@link InvalidArgumentError} naming the first unknown key and the accepted ones.
 */
export function knownKeys<T extends object>(name: string, value: T | undefined, allowed: readonly string[]): T {
  if (value === undefined) return {} as T;
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new InvalidArgumentError(name, value, "expected an object");
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new InvalidArgumentError(`${name}.${key}`, (value as Record<string, unknown>)[key], `unknown key; expected one of ${allowed.join(", ")}`);
  }
  return value;
}
