import { readCsv } from "./csv";
import { InvalidValueError } from "./errors";
import { OrderGuard } from "./order";
import { detectKaggleDateTime, IST_OFFSET_MINUTES, parseTimestamp, type TimestampFormat } from "./time";
import type { PowerReading } from "./types";
import { parseNumberField } from "./values";

/** Options of the Kaggle generation reader. */
export interface KaggleGenerationOptions {
  /** Offset of `DATE_TIME` from UTC, minutes east (default 330: India, UTC+05:30). */
  readonly utcOffsetMinutes?: number;
  /** Length of each reading interval, seconds (default 900: Plant 1 logs every 15 minutes). */
  readonly intervalS?: number;
}

/** Columns the Kaggle generation layout must have. `DC_POWER` is not read; `PLANT_ID` is optional. */
export const KAGGLE_GENERATION_COLUMNS = ["DATE_TIME", "SOURCE_KEY", "AC_POWER", "DAILY_YIELD", "TOTAL_YIELD"] as const;

/** What a reader assumed about a file, for the run's audit entry. */
export interface ReadInfo {
  readonly file: string;
  /** Layout name (`kaggle`, `mapped`, …). */
  readonly layout: string;
  /** Timestamp layout assumed (TimestampFormat) and the UTC offset it was read at. */
  readonly timestampFormat: TimestampFormat;
  readonly utcOffsetMinutes: number;
  /** The cumulative meter column, or null when the layout has none (meter check skipped). */
  readonly meterColumn: string | null;
  readonly rows: number;
}

/**
 * Kaggle `DATE_TIME` of one file: the layout is taken from the first row (detectKaggleDateTime)
 * and every row must use it. Throws InvalidValueError naming file, line and field for an ambiguous
 * (slash) date, an unknown layout, a row in the other layout, or an impossible date.
 */
export class KaggleDateTime {
  /** The layout of the file's first row, once a row was read (the audit entry records it). */
  format: TimestampFormat | undefined;
  /** @param offsetMinutes offset of the local stamps, minutes east of UTC (330 for India). */
  constructor(private readonly offsetMinutes: number) {}

  /** Unix seconds of one `DATE_TIME` text `raw` at `at` (file, line, field); throws InvalidValueError as the class says. */
  parse(raw: string, at: { file: string; line: number; field: string }): number {
    const text = raw.trim();
    if (this.format !== undefined) {
      const fast = parseTimestamp(text, this.format, this.offsetMinutes);
      if (fast !== undefined) return fast;
    }
    const detected = detectKaggleDateTime(text);
    if (detected === "ambiguous") throw new InvalidValueError(at, raw, "ambiguous date: day-first or month-first cannot be told; use the column-mapped reader with an explicit timeFormat");
    if (detected === undefined) throw new InvalidValueError(at, raw, "not a Kaggle date-time (dd-mm-YYYY HH:MM or YYYY-mm-dd HH:MM:SS)");
    this.format ??= detected;
    if (detected !== this.format) throw new InvalidValueError(at, raw, `date-time layout ${detected} differs from ${this.format} of the file's first row`);
    const t = parseTimestamp(text, detected, this.offsetMinutes);
    if (t === undefined) throw new InvalidValueError(at, raw, `not a real date-time in ${detected}`);
    return t;
  }
}

/**
 * Reads inverter readings in the Kaggle "Solar Power Generation Data" layout (Ani Kannal; Plant 1
 * = plant 4135001, Plant 2 = 4136001): `DATE_TIME` (local time; Plant 1 `dd-mm-YYYY HH:MM`,
 * Plant 2 `YYYY-mm-dd HH:MM:SS`, detected per file), `PLANT_ID` (optional, kept as `siteId`),
 * `SOURCE_KEY` (inverter id), `AC_POWER` (kW, mean over the interval), `DAILY_YIELD` (kWh so far
 * today), `TOTAL_YIELD` (lifetime kWh meter). `.csv` or `.csv.gz`.
 *
 * Quirks handled (data/SOURCES.md): `DC_POWER` is ≈ 10 × `AC_POWER` (a scaling defect), so it is
 * ignored; `DAILY_YIELD` does not always reset at midnight, so it is validated but never used;
 * `TOTAL_YIELD` is the meter of the meter cross-check (meter.ts). The timestamp is taken as the
 * start of the interval; the sensor file uses the same stamps.
 *
 * Returns the readings (`acPowerW = AC_POWER × 1000`, `totalYieldWh = TOTAL_YIELD × 1000`) and
 * what was assumed. Throws MalformedRowError, InvalidValueError or TimestampOrderError (per
 * inverter), each naming file, line and field.
 */
export function readKaggleGenerationFile(file: string, opts: KaggleGenerationOptions = {}): { readings: PowerReading[]; info: ReadInfo } {
  const offset = opts.utcOffsetMinutes ?? IST_OFFSET_MINUTES;
  const durationS = opts.intervalS ?? 900;
  const order = new OrderGuard();
  const dates = new KaggleDateTime(offset);
  const readings = readCsv(file, KAGGLE_GENERATION_COLUMNS).map(({ line, fields }): PowerReading => {
    const at = (field: string) => ({ file, line, field });
    const t = dates.parse(fields.DATE_TIME, at("DATE_TIME"));
    const deviceId = fields.SOURCE_KEY.trim();
    if (deviceId === "") throw new InvalidValueError(at("SOURCE_KEY"), fields.SOURCE_KEY, "empty inverter id");
    const acKw = parseNumberField(fields.AC_POWER, at("AC_POWER"), { min: 0 });
    parseNumberField(fields.DAILY_YIELD, at("DAILY_YIELD"), { min: 0 });
    const totalKwh = parseNumberField(fields.TOTAL_YIELD, at("TOTAL_YIELD"), { min: 0 });
    order.check(deviceId, t, at("DATE_TIME"));
    const siteId = fields.PLANT_ID?.trim() || undefined;
    const source = { file, line, deviceField: "SOURCE_KEY" };
    return { deviceId, t, durationS, acPowerW: acKw * 1000, totalYieldWh: totalKwh * 1000, ...(siteId ? { siteId } : {}), source };
  });
  const info: ReadInfo = { file, layout: "kaggle", timestampFormat: dates.format ?? "none", utcOffsetMinutes: offset, meterColumn: "TOTAL_YIELD", rows: readings.length };
  return { readings, info };
}

/** readKaggleGenerationFile without the read info: the readings only. */
export function readKaggleGeneration(file: string, opts: KaggleGenerationOptions = {}): PowerReading[] {
  return readKaggleGenerationFile(file, opts).readings;
}
