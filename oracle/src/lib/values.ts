import { InvalidValueError, type InputLocation } from "./errors";

/** Decimal number text: optional sign, digits, optional fraction, optional exponent. */
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a decimal number from CSV text. Throws InvalidValueError (naming `loc`) for empty or
 * non-numeric text, for non-finite values and, when `min` is given, for values below it.
 */
export function parseNumberField(raw: string, loc: InputLocation, opts: { min?: number } = {}): number {
  const text = raw.trim();
  if (!NUMBER_RE.test(text)) throw new InvalidValueError(loc, raw, "not a number");
  return checkNumber(Number(text), raw, loc, opts);
}

/** Checks a JSON value is a finite number (≥ `min` when given); throws InvalidValueError otherwise. */
export function requireJsonNumber(value: unknown, loc: InputLocation, opts: { min?: number } = {}): number {
  if (typeof value !== "number") throw new InvalidValueError(loc, JSON.stringify(value) ?? "undefined", "not a number");
  return checkNumber(value, String(value), loc, opts);
}

function checkNumber(value: number, raw: string, loc: InputLocation, opts: { min?: number }): number {
  if (!Number.isFinite(value)) throw new InvalidValueError(loc, raw, "not a finite number");
  if (opts.min !== undefined && value < opts.min) {
    throw new InvalidValueError(loc, raw, opts.min === 0 ? "negative value" : `below the minimum ${opts.min}`);
  }
  return value;
}

/** Checks a JSON value is a non-empty string; throws InvalidValueError otherwise. */
export function requireJsonString(value: unknown, loc: InputLocation): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new InvalidValueError(loc, JSON.stringify(value) ?? "undefined", "not a non-empty string");
  }
  return value;
}
