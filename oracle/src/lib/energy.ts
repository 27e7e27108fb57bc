import type { PowerReading } from "./types";

/** Energy of one reading, Wh: mean AC power (W) × interval (s) / 3600. */
export function readingEnergyWh(r: PowerReading): number {
  return (r.acPowerW * r.durationS) / 3600;
}

/**
 * AC energy of `readings`, Wh (not rounded): Σ acPowerW × durationS / 3600 over the readings that
 * exist. A missing interval adds nothing — the oracle never interpolates energy over a gap; gaps
 * lower the coverage instead (verify.ts).
 */
export function integrateEnergyWh(readings: readonly PowerReading[]): number {
  let wh = 0;
  for (const r of readings) wh += readingEnergyWh(r);
  return wh;
}

/** Float slack added before flooring, Wh: absorbs summation error (1e-6 Wh is far below any meter's resolution). */
export const FLOOR_EPSILON_WH = 1e-6;

/**
 * `wh` rounded down to whole Wh: `floor(wh + 1e-6)`. The oracle never rounds energy up; the
 * epsilon only stops float noise (2999.9999999996) from costing a whole Wh.
 */
export function whDown(wh: number): number {
  return Math.floor(wh + FLOOR_EPSILON_WH);
}

/**
 * Energy from the lifetime counter, Wh: last − first `totalYieldWh` of the readings (sorted by
 * time). A cross-check of the AC integration, not the reported energy: the counter difference
 * covers the n − 1 steps between the first and last reading, and Plant 1's `DAILY_YIELD` does
 * not always reset at midnight, so only `TOTAL_YIELD` is used. Returns null when fewer than two
 * readings carry a counter or the counter decreases (a reset or replacement).
 */
export function counterEnergyWh(readings: readonly PowerReading[]): number | null {
  const withCounter = readings.filter((r) => r.totalYieldWh !== undefined);
  if (withCounter.length < 2) return null;
  for (let i = 1; i < withCounter.length; i++) {
    if ((withCounter[i].totalYieldWh as number) < (withCounter[i - 1].totalYieldWh as number)) return null;
  }
  return (withCounter[withCounter.length - 1].totalYieldWh as number) - (withCounter[0].totalYieldWh as number);
}
