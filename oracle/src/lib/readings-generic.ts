import { readCsv } from "./csv";
import { InvalidValueError, MixedUnitsError } from "./errors";
import { OrderGuard } from "./order";
import { parseIsoWithOffset } from "./time";
import type { PowerReading } from "./types";
import { isReadingUnit, READING_UNITS, toMeanPowerW, type ReadingUnit } from "./units";
import { parseNumberField } from "./values";

/** Options of the generic CSV and JSON readers. */
export interface GenericReadingOptions {
  /** Interval length, seconds, for rows without `interval_s` (default 900). */
  readonly intervalS?: number;
}

/** Required columns of the generic CSV layout; `interval_s` is optional. */
export const GENERIC_CSV_COLUMNS = ["device_id", "timestamp", "value", "unit"] as const;

/**
 * Reads the generic CSV layout:
 *
 * ```
 * device_id,timestamp,value,unit[,interval_s]
 * inv-1,2020-05-15T06:00:00+05:30,1234.5,W,900
 * ```
 *
 * `timestamp` is ISO 8601 with an explicit offset (`Z` or `±HH:MM`) and marks the interval start;
 * `value` ≥ 0 in `unit`: `W` or `kW` (mean AC power over the interval) or `Wh` or `kWh` (energy of
 * the interval); `interval_s` (seconds, > 0) defaults to `opts.intervalS` (900). All rows of a file
 * must use one unit: a file mixing units is almost always two exports pasted together.
 *
 * Returns readings with mean AC power in W. Throws MalformedRowError, InvalidValueError,
 * MixedUnitsError or TimestampOrderError (per device), each naming file, line and field.
 */
export function readGenericCsv(file: string, opts: GenericReadingOptions = {}): PowerReading[] {
  const order = new OrderGuard();
  let fileUnit: ReadingUnit | undefined;
  return readCsv(file, GENERIC_CSV_COLUMNS).map(({ line, fields }) => {
    const at = (field: string) => ({ file, line, field });
    const deviceId = fields.device_id.trim();
    if (deviceId === "") throw new InvalidValueError(at("device_id"), fields.device_id, "empty device id");
    const t = parseIsoWithOffset(fields.timestamp.trim());
    if (t === undefined) {
      throw new InvalidValueError(at("timestamp"), fields.timestamp, "not an ISO 8601 date-time with an offset (Z or ±HH:MM)");
    }
    const unit = fields.unit.trim();
    if (!isReadingUnit(unit)) throw new InvalidValueError(at("unit"), fields.unit, `unit must be one of ${READING_UNITS.join(", ")}`);
    if (fileUnit === undefined) fileUnit = unit;
    else if (unit !== fileUnit) throw new MixedUnitsError(at("unit"), fileUnit, unit);
    const value = parseNumberField(fields.value, at("value"), { min: 0 });
    const rawInterval = fields.interval_s;
    const durationS =
      rawInterval === undefined || rawInterval.trim() === ""
        ? (opts.intervalS ?? 900)
        : parseNumberField(rawInterval, at("interval_s"), { min: 1 });
    order.check(deviceId, t, at("timestamp"));
    return { deviceId, t, durationS, acPowerW: toMeanPowerW(value, unit, durationS), source: { file, line, deviceField: "device_id" } };
  });
}
