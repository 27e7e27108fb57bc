import { InvalidValueError, MalformedRowError, MixedUnitsError } from "./errors";
import { readJson, topLevelArrayLines } from "./json";
import { OrderGuard } from "./order";
import type { GenericReadingOptions } from "./readings-generic";
import { parseIsoWithOffset } from "./time";
import type { PowerReading } from "./types";
import { isReadingUnit, READING_UNITS, toMeanPowerW, type ReadingUnit } from "./units";
import { requireJsonNumber, requireJsonString } from "./values";

/**
 * Reads inverter readings from a JSON file: a top-level array of entries
 *
 * ```json
 * [{ "deviceId": "inv-1", "timestamp": "2020-05-15T06:00:00+05:30", "value": 1234.5, "unit": "W", "intervalS": 900 }]
 * ```
 *
 * with the same meaning as the generic CSV layout (readings-generic.ts): interval start with an
 * explicit offset, `value` ≥ 0 in `unit` (`W`, `kW`, `Wh`, `kWh`; one unit per file), optional
 * `intervalS` (default `opts.intervalS`, 900). Errors name the file, the line where the entry
 * starts and the field as a JSON path (`[3].value`).
 */
export function readReadingsJson(file: string, opts: GenericReadingOptions = {}): PowerReading[] {
  const doc = readJson(file);
  if (!Array.isArray(doc.value)) throw new MalformedRowError({ file, line: 1 }, "expected a top-level JSON array of readings");
  const lines = topLevelArrayLines(doc.text);
  const order = new OrderGuard();
  let fileUnit: ReadingUnit | undefined;
  return doc.value.map((entry: unknown, i) => {
    const line = lines[i];
    const at = (field: string) => ({ file, line, field: `[${i}].${field}` });
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      throw new MalformedRowError({ file, line, field: `[${i}]` }, "expected an object");
    }
    const e = entry as Record<string, unknown>;
    const deviceId = requireJsonString(e.deviceId, at("deviceId"));
    const stamp = requireJsonString(e.timestamp, at("timestamp"));
    const t = parseIsoWithOffset(stamp);
    if (t === undefined) throw new InvalidValueError(at("timestamp"), stamp, "not an ISO 8601 date-time with an offset (Z or ±HH:MM)");
    const unit = requireJsonString(e.unit, at("unit"));
    if (!isReadingUnit(unit)) throw new InvalidValueError(at("unit"), unit, `unit must be one of ${READING_UNITS.join(", ")}`);
    if (fileUnit === undefined) fileUnit = unit;
    else if (unit !== fileUnit) throw new MixedUnitsError(at("unit"), fileUnit, unit);
    const value = requireJsonNumber(e.value, at("value"), { min: 0 });
    const durationS = e.intervalS === undefined ? (opts.intervalS ?? 900) : requireJsonNumber(e.intervalS, at("intervalS"), { min: 1 });
    order.check(deviceId, t, at("timestamp"));
    return { deviceId, t, durationS, acPowerW: toMeanPowerW(value, unit, durationS), source: { file, line, deviceField: `[${i}].deviceId` } };
  });
}
