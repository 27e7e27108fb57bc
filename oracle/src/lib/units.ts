/**
 * Units a generic reading may carry, and their conversion to mean AC power in W over an interval
 * of `durationS` seconds: W × 1, kW × 1000, interval Wh × 3600 / durationS, kWh × 3.6e6 / durationS.
 */
export const READING_UNITS = ["W", "kW", "Wh", "kWh"] as const;

/** One of READING_UNITS. */
export type ReadingUnit = (typeof READING_UNITS)[number];

/** Whether `text` is one of READING_UNITS (case-sensitive: "kw" is rejected, not guessed). */
export function isReadingUnit(text: string): text is ReadingUnit {
  return (READING_UNITS as readonly string[]).includes(text);
}

/** Mean power in W of a `value` in `unit` over an interval of `durationS` seconds. */
export function toMeanPowerW(value: number, unit: ReadingUnit, durationS: number): number {
  switch (unit) {
    case "W":
      return value;
    case "kW":
      return value * 1000;
    case "Wh":
      return (value * 3600) / durationS;
    case "kWh":
      return (value * 3_600_000) / durationS;
  }
}
