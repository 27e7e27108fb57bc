import { readCsv } from "./csv";
import { InvalidValueError } from "./errors";
import { OrderGuard } from "./order";
import { IST_OFFSET_MINUTES, parseDayFirstDateTime } from "./time";
import type { PowerReading } from "./types";
import { parseNumberField } from "./values";

/** Options of the Kaggle generation reader. */
export interface KaggleGenerationOptions {
  /** Offset of `DATE_TIME` from UTC, minutes east (default 330: India, UTC+05:30). */
  readonly utcOffsetMinutes?: number;
  /** Length of each reading interval, seconds (default 900: Plant 1 logs every 15 minutes). */
  readonly intervalS?: number;
}

/** Columns the Kaggle generation layout must have. `PLANT_ID` and `DC_POWER` are not read. */
export const KAGGLE_GENERATION_COLUMNS = ["DATE_TIME", "SOURCE_KEY", "AC_POWER", "DAILY_YIELD", "TOTAL_YIELD"] as const;

/**
 * Reads inverter readings in the Kaggle "Solar Power Generation Data" layout (Ani Kannal; Plant 1
 * = plant 4135001): `DATE_TIME` (`dd-mm-YYYY HH:MM`, local time), `SOURCE_KEY` (inverter id),
 * `AC_POWER` (kW, mean over the interval), `DAILY_YIELD` (kWh so far today), `TOTAL_YIELD`
 * (lifetime kWh). `.csv` or `.csv.gz`.
 *
 * Quirks handled (data/SOURCES.md): `DC_POWER` is ≈ 10 × `AC_POWER` (a scaling defect), so it is
 * ignored; `DAILY_YIELD` does not always reset at midnight, so it is validated but never used for
 * energy (`TOTAL_YIELD` is kept as a cross-check counter). The timestamp is taken as the start of
 * the interval; the sensor file uses the same stamps, so pairing does not depend on that choice.
 *
 * Returns readings with `acPowerW = AC_POWER × 1000` and `totalYieldWh = TOTAL_YIELD × 1000`.
 * Throws MalformedRowError, InvalidValueError (non-numeric, negative, bad date) or
 * TimestampOrderError (per inverter, not strictly increasing), each naming file, line and field.
 */
export function readKaggleGeneration(file: string, opts: KaggleGenerationOptions = {}): PowerReading[] {
  const offset = opts.utcOffsetMinutes ?? IST_OFFSET_MINUTES;
  const durationS = opts.intervalS ?? 900;
  const order = new OrderGuard();
  return readCsv(file, KAGGLE_GENERATION_COLUMNS).map(({ line, fields }) => {
    const at = (field: string) => ({ file, line, field });
    const t = parseDayFirstDateTime(fields.DATE_TIME, offset);
    if (t === undefined) throw new InvalidValueError(at("DATE_TIME"), fields.DATE_TIME, "not a dd-mm-YYYY HH:MM date-time");
    const deviceId = fields.SOURCE_KEY.trim();
    if (deviceId === "") throw new InvalidValueError(at("SOURCE_KEY"), fields.SOURCE_KEY, "empty inverter id");
    const acKw = parseNumberField(fields.AC_POWER, at("AC_POWER"), { min: 0 });
    parseNumberField(fields.DAILY_YIELD, at("DAILY_YIELD"), { min: 0 });
    const totalKwh = parseNumberField(fields.TOTAL_YIELD, at("TOTAL_YIELD"), { min: 0 });
    order.check(deviceId, t, at("DATE_TIME"));
    return { deviceId, t, durationS, acPowerW: acKw * 1000, totalYieldWh: totalKwh * 1000, source: { file, line, deviceField: "SOURCE_KEY" } };
  });
}
