/**
 * Formatting for the screens. Credit amounts are grams CO2e (1 credit = 1 tCO2e = 1,000,000 g) and
 * are shown in tCO2e through the SDK's `formatCredits` / `parseCredits`, which round as the contracts do.
 */
import { formatUnits, parseUnits } from "ethers";
import { formatCredits, parseCredits } from "opentonne";

/** Grams CO2e → "1,234.5 tCO2e" (exact: no rounding, trailing zeros dropped, thousands grouped). */
export function tonnes(grams: bigint, unit = true): string {
  const [whole, frac] = formatCredits(grams).split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = frac && frac !== "0" ? `.${frac.replace(/0+$/, "")}` : "";
  return `${sign}${grouped}${fraction}${unit ? " tCO2e" : ""}`;
}

/** A tCO2e amount typed by the user ("12.5") → grams; `undefined` when it is not a positive decimal with ≤ 6 decimals. */
export function parseTonnes(text: string): bigint | undefined {
  try {
    const grams = parseCredits(text);
    return grams > 0n ? grams : undefined;
  } catch {
    return undefined;
  }
}

/** Payment-token units → "12.34 mUSD" with the token's decimals (trailing zeros dropped, at least 2 decimals). */
export function money(units: bigint, token: { readonly decimals: number; readonly symbol: string } | undefined): string {
  if (!token) return `${units} units`;
  const [whole, frac = ""] = formatUnits(units, token.decimals).split(".");
  const trimmed = frac.replace(/0+$/, "").padEnd(2, "0");
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${trimmed} ${token.symbol}`;
}

/** Unix seconds → "2026-12-01 09:52 UTC". */
export function dateTime(seconds: bigint | number): string {
  const d = new Date(Number(seconds) * 1000);
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Unix seconds → "2026-12-01" (UTC). */
export function date(seconds: bigint | number): string {
  return new Date(Number(seconds) * 1000).toISOString().slice(0, 10);
}

/** "0x1234…abcd" for an address or hash. */
export function short(hex: string): string {
  return hex.length > 12 ? `${hex.slice(0, 6)}…${hex.slice(-4)}` : hex;
}

/** Wh → "1,234.5 kWh" (one decimal). */
export function kwh(wh: bigint): string {
  const tenths = (wh + 50n) / 100n;
  const whole = (tenths / 10n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${whole}.${tenths % 10n} kWh`;
}

/** Basis points → "97.25 %". */
export function percentBps(bps: number | bigint): string {
  return `${(Number(bps) / 100).toFixed(2)} %`;
}

/**
 * Shares of a batch's supply for the supply bar, in percent of `totalSupply` (each 0–100):
 * retired, circulating (= minted − retired) and unminted (= totalSupply − minted).
 */
export function supplyShares(batch: { readonly totalSupply: bigint; readonly minted: bigint; readonly retired: bigint }): {
  retired: number;
  circulating: number;
  unminted: number;
} {
  if (batch.totalSupply <= 0n) return { retired: 0, circulating: 0, unminted: 0 };
  const pct = (g: bigint) => Number((g * 10_000n) / batch.totalSupply) / 100;
  const retired = pct(batch.retired);
  const circulating = pct(batch.minted - batch.retired);
  return { retired, circulating, unminted: Math.max(0, 100 - retired - circulating) };
}

/** The latest block's time, unix seconds (deadlines are set against chain time, not the browser clock). */
export async function chainNow(provider: { getBlock(tag: "latest"): Promise<{ timestamp: number } | null> }): Promise<number> {
  const block = await provider.getBlock("latest");
  return block ? block.timestamp : Math.floor(Date.now() / 1000);
}

/** A positive decimal price in a token with `decimals` → token units; `undefined` if malformed, zero or too precise. */
export function parsePrice(text: string, decimals: number): bigint | undefined {
  if (!/^\d+(\.\d+)?$/.test(text.trim())) return undefined;
  try {
    const v = parseUnits(text.trim(), decimals);
    return v > 0n ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A slippage cap typed in percent ("0.5", at most 2 decimals, ≤ 100) → basis points; `undefined` if malformed. */
export function parseSlippageBps(text: string): bigint | undefined {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const bps = BigInt(m[1]) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
  return bps <= 10_000n ? bps : undefined;
}

/** The most the buyer accepts to pay: `cost × (10,000 + slippageBps) / 10,000`, rounded down (so the cap never exceeds the stated slippage). */
export function maxCostWithSlippage(cost: bigint, slippageBps: bigint): bigint {
  return (cost * (10_000n + slippageBps)) / 10_000n;
}
