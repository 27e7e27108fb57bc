import { readingEnergyWh } from "./energy";
import { isoMinute, type Fault } from "./faults";
import type { Device, PowerReading } from "./types";

/**
 * Cross-check of the AC integral against the inverter's cumulative energy meter (Kaggle
 * `TOTAL_YIELD`), after the CDM/Gold Standard practice of confirming metered energy with a second
 * measurement and crediting the lower one.
 */

/** Thresholds of the meter cross-check. */
export interface MeterThresholds {
  /** Meter increase and AC integral may differ by this fraction of the larger (over adjacent readings). */
  readonly meterTolerance: number;
  /** …and by at least this many Wh (the meter's resolution: Kaggle counters count whole kWh). */
  readonly meterSlackWh: number;
  /** A meter step above capacity × elapsed × (1 + this) is a jump. */
  readonly meterJumpTolerance: number;
  /** A decrease to below this fraction of the previous value is a reset (else a decrease). */
  readonly meterResetFraction: number;
}

/** Defaults; docs/oracle.md ("Thresholds and why") gives the Plant 1 and Plant 2 data behind them. */
export const METER_THRESHOLDS: MeterThresholds = {
  meterTolerance: 0.05,
  meterSlackWh: 2000,
  meterJumpTolerance: 0.1,
  meterResetFraction: 0.01,
};

/** What checkMeter found. */
export interface MeterCheck {
  /** `skipped` when the readings carry no meter (or fewer than two values), `failed` with faults. */
  readonly outcome: "passed" | "failed" | "skipped";
  /** Meter increase over the day, Wh (last − first); null when skipped or failed. */
  readonly increaseWh: number | null;
  readonly faults: Fault[];
  /** Why it was skipped, when it was. */
  readonly note?: string;
}

/**
 * Checks a device-day's meter (readings sorted by t, `totalYieldWh` in Wh):
 * - **decrease** / **reset**: any step where the meter goes down (reset when it falls below
 *   `meterResetFraction` of the previous value);
 * - **jump**: a step above `capacityW × elapsed / 3600 × (1 + meterJumpTolerance)` Wh;
 * - **disagreement**: over adjacent reading pairs, Σ meter steps vs Σ AC energy of the later
 *   reading of each pair (the Kaggle meter at a stamp includes that stamp's interval: Plant 1
 *   ratio 0.963–1.021 that way, 0.957–1.021 the other), differing by more than
 *   `meterTolerance × max` and more than `meterSlackWh`.
 * Each fault names the interval and the sizes. Without any meter value the check is skipped.
 */
export function checkMeter(device: Device, readings: readonly PowerReading[], th: MeterThresholds): MeterCheck {
  const m = readings.filter((r) => r.totalYieldWh !== undefined);
  if (m.length === 0) return { outcome: "skipped", increaseWh: null, faults: [], note: "meter cross-check skipped: the readings carry no cumulative meter" };
  if (m.length < 2) return { outcome: "skipped", increaseWh: null, faults: [], note: "meter cross-check skipped: fewer than two meter readings this day" };
  const faults: Fault[] = [];
  let decrease = false;
  let jump = false;
  let meterPaired = 0;
  let acPaired = 0;
  for (let i = 1; i < m.length; i++) {
    const a = m[i - 1];
    const b = m[i];
    const va = a.totalYieldWh as number;
    const vb = b.totalYieldWh as number;
    const step = vb - va;
    const at = () => `${isoMinute(a.t)}→${isoMinute(b.t)} (${b.source.file}:${b.source.line})`;
    if (step < 0 && !decrease) {
      decrease = true;
      const reset = vb < va * th.meterResetFraction;
      faults.push({
        code: reset ? "meter-reset" : "meter-decrease",
        message: `meter ${reset ? "reset" : "decreased"} ${at()}: ${Math.round(va)} Wh → ${Math.round(vb)} Wh (${Math.round(step)} Wh)`,
      });
    }
    const maxStep = (device.capacityW * (b.t - a.t) * (1 + th.meterJumpTolerance)) / 3600;
    if (step > maxStep && !jump) {
      jump = true;
      faults.push({ code: "meter-jump", message: `meter jumped ${at()}: +${Math.round(step)} Wh in ${b.t - a.t} s, above capacity × time × ${1 + th.meterJumpTolerance} = ${Math.round(maxStep)} Wh` });
    }
    if (b.t === a.t + a.durationS) {
      meterPaired += step;
      acPaired += readingEnergyWh(b);
    }
  }
  if (!decrease && !jump) {
    const diff = Math.abs(meterPaired - acPaired);
    if (diff > th.meterTolerance * Math.max(meterPaired, acPaired) && diff > th.meterSlackWh) {
      faults.push({
        code: "meter-disagrees",
        message: `meter increase ${Math.round(meterPaired)} Wh and AC integral ${Math.round(acPaired)} Wh over the day's adjacent intervals differ by ${Math.round(diff)} Wh (> ${th.meterTolerance * 100} %)`,
      });
    }
  }
  if (faults.length > 0) return { outcome: "failed", increaseWh: null, faults };
  return { outcome: "passed", increaseWh: (m[m.length - 1].totalYieldWh as number) - (m[0].totalYieldWh as number), faults };
}
