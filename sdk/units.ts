/**
 * Units and exact integer maths, rounding exactly as the contracts do.
 *
 * - Credit amounts are integer grams CO2e: 1 unit = 1 g, 1 credit = 1 tCO2e = 1,000,000 units
 *   (6 decimals; DESIGN.md "Units").
 * - Prices are per whole credit, in the payment token's smallest unit.
 * - Fees are basis points (1 bps = 0.01 %).
 */
import { formatUnits, parseUnits } from "ethers";
import { InvalidArgumentError } from "./errors/base";

/** Decimals of a credit amount: 1 credit = 10^6 units (grams CO2e). */
export const CREDIT_DECIMALS = 6;
/** Units (grams CO2e) in one credit (one tonne CO2e). */
export const UNITS_PER_CREDIT = 1_000_000n;
/** Grams in one tonne. */
export const GRAMS_PER_TONNE = 1_000_000n;
/** Basis points in 100 %. */
export const BPS_DENOMINATOR = 10_000n;

/**
 * Parses a decimal credit amount into units (grams CO2e): `parseCredits("1.5")` → `1_500_000n`.
 * @throws {@link InvalidArgumentError} when `value` is not a decimal number with at most 6 decimals.
 */
export function parseCredits(value: string): bigint {
  if (typeof value !== "string" || !/^-?\d+(\.\d+)?$/.test(value.trim())) {
    throw new InvalidArgumentError("value", value, "expected a decimal number such as \"1.5\"");
  }
  try {
    return parseUnits(value.trim(), CREDIT_DECIMALS);
  } catch (cause) {
    throw new InvalidArgumentError("value", value, `more than ${CREDIT_DECIMALS} decimals (the unit is 1 g CO2e)`);
  }
}

/** Formats units (grams CO2e) as a decimal credit amount: `formatCredits(1_500_000n)` → `"1.5"`. */
export function formatCredits(units: bigint): string {
  return formatUnits(units, CREDIT_DECIMALS);
}

/** Grams → tonnes as a decimal string (exact): `gramsToTonnes(2_500_000n)` → `"2.5"`. */
export function gramsToTonnes(grams: bigint): string {
  return formatUnits(grams, 6);
}

/**
 * Tonnes (decimal string, at most 6 decimals) → grams: `tonnesToGrams("2.5")` → `2_500_000n`.
 * @throws {@link InvalidArgumentError} on a malformed value.
 */
export function tonnesToGrams(tonnes: string): bigint {
  return parseCredits(tonnes);
}

/**
 * Cost of `amount` units at `pricePerCredit`, rounded up, as `MarketMath.costUp`:
 * `ceil(amount × pricePerCredit / 1e6)` (DESIGN.md: the seller is never short-changed).
 * @throws {@link InvalidArgumentError} when either input is negative.
 */
export function costUp(amount: bigint, pricePerCredit: bigint): bigint {
  nonNegative("amount", amount);
  nonNegative("pricePerCredit", pricePerCredit);
  return (amount * pricePerCredit + UNITS_PER_CREDIT - 1n) / UNITS_PER_CREDIT;
}

/**
 * Fee on `cost` at `feeBps`, rounded down, as `MarketMath.feeDown`: `floor(cost × feeBps / 10_000)`
 * (seed 003, property 12).
 * @throws {@link InvalidArgumentError} when either input is negative or `feeBps` > 10,000.
 */
export function feeDown(cost: bigint, feeBps: bigint | number): bigint {
  const bps = BigInt(feeBps);
  nonNegative("cost", cost);
  nonNegative("feeBps", bps);
  if (bps > BPS_DENOMINATOR) throw new InvalidArgumentError("feeBps", feeBps, "at most 10,000 bps (100 %)");
  return (cost * bps) / BPS_DENOMINATOR;
}

function nonNegative(name: string, value: bigint): void {
  if (typeof value !== "bigint") throw new InvalidArgumentError(name, value, "expected a bigint");
  if (value < 0n) throw new InvalidArgumentError(name, value, "must not be negative");
}
