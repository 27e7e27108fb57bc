import { InvalidValueError, MalformedRowError, MixedUnitsError } from "./errors";
import { lineOfKey, type JsonDocument } from "./json";
import { civilToUnix } from "./time";
import type { IrradianceSample, IrradianceSeries } from "./types";

/** The NASA POWER parameter read: all-sky surface shortwave downward irradiance (GHI). */
export const NASA_PARAMETER = "ALLSKY_SFC_SW_DWN";

/**
 * Factor from a NASA POWER unit to mean W/m² over the value's period (hour or day):
 * hourly `W/m^2` × 1 and `Wh/m^2` × 1 (energy per hour = mean W/m²), `MJ/m^2/hr` × 1e6/3600;
 * daily `kW-hr/m^2/day` × 1000/24, `MJ/m^2/day` × 1e6/86400 (v1 AG community; ÷ 3.6 = kWh/m²/day).
 */
const HOURLY_UNITS: Record<string, number> = { "W/m^2": 1, "Wh/m^2": 1, "MJ/m^2/hr": 1e6 / 3600 };
const DAILY_UNITS: Record<string, number> = { "kW-hr/m^2/day": 1000 / 24, "MJ/m^2/day": 1e6 / 86_400 };

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined);

/**
 * Parses a NASA POWER point response for `ALLSKY_SFC_SW_DWN` into a `satellite` series (W/m²).
 *
 * Layouts: v2 (`properties.parameter.ALLSKY_SFC_SW_DWN`, units in
 * `parameters.ALLSKY_SFC_SW_DWN.units`, fill value `header.fill_value`, -999) and v1
 * (`features[0].properties.parameter…`, units in `parameterInformation…units`, fill value
 * `header.fillValue`, "-99"). Keys `YYYYMMDDHH` are hourly (UTC, as requested with
 * `time-standard=UTC`; the value is taken as the mean over `[HH:00, HH+1:00)`), keys `YYYYMMDD`
 * are daily (mean over the UTC day). Fill values are missing data and are dropped, never zeroed.
 *
 * Throws MalformedRowError (layout not recognised, monthly keys), InvalidValueError (unknown unit,
 * non-numeric or negative value, bad key) or MixedUnitsError (hourly and daily keys in one
 * response), naming the file, the line of the key and the JSON path.
 */
export function parseNasaPower(doc: JsonDocument): IrradianceSeries {
  const { file, text } = doc;
  const root = obj(doc.value);
  const v2 = obj(obj(obj(root?.properties)?.parameter)?.[NASA_PARAMETER]);
  const features = root?.features;
  const v1 = Array.isArray(features) ? obj(obj(obj(obj(features[0])?.properties)?.parameter)?.[NASA_PARAMETER]) : undefined;
  const series = v2 ?? v1;
  const base = v2 ? "properties.parameter" : "features[0].properties.parameter";
  if (!series) {
    throw new MalformedRowError({ file, line: 1, field: `properties.parameter.${NASA_PARAMETER}` }, "not a NASA POWER response with ALLSKY_SFC_SW_DWN (v1 or v2 layout)");
  }
  const unitsPath = v2 ? `parameters.${NASA_PARAMETER}.units` : `parameterInformation.${NASA_PARAMETER}.units`;
  const units = v2 ? obj(obj(root?.parameters)?.[NASA_PARAMETER])?.units : obj(obj(root?.parameterInformation)?.[NASA_PARAMETER])?.units;
  const header = obj(root?.header);
  const fill = Number(v2 ? header?.fill_value : header?.fillValue);
  const timeStandard = header?.time_standard;
  if (timeStandard !== undefined && timeStandard !== "UTC") {
    throw new InvalidValueError({ file, line: lineOfKey(text, "time_standard"), field: "header.time_standard" }, String(timeStandard), "hourly keys must be UTC (request time-standard=UTC)");
  }
  // Resolution first (over all keys), then units: a mixed response is reported as mixed.
  const entries = Object.entries(series);
  const locOf = (key: string) => ({ file, line: lineOfKey(text, key), field: `${base}.${NASA_PARAMETER}.${key}` });
  let resolution: "hourly" | "daily" | undefined;
  for (const [key] of entries) {
    const keyRes = key.length === 10 ? "hourly" : key.length === 8 ? "daily" : undefined;
    if (keyRes === undefined) {
      throw new MalformedRowError(locOf(key), "only hourly (YYYYMMDDHH) and daily (YYYYMMDD) values can verify a day; monthly/annual keys are not supported");
    }
    if (resolution === undefined) resolution = keyRes;
    else if (keyRes !== resolution) throw new MixedUnitsError(locOf(key), resolution, keyRes);
  }
  const table = resolution === "hourly" ? HOURLY_UNITS : DAILY_UNITS;
  if (resolution !== undefined && (typeof units !== "string" || !(units in table))) {
    throw new InvalidValueError({ file, line: lineOfKey(text, "units"), field: unitsPath }, String(units), `unknown ${resolution} unit; expected one of ${Object.keys(table).join(", ")}`);
  }
  const factor = table[units as string];
  const samples: IrradianceSample[] = [];
  for (const [key, value] of entries) {
    const loc = locOf(key);
    const m = /^(\d{4})(\d{2})(\d{2})(\d{2})?$/.exec(key);
    const t = m ? civilToUnix(+m[1], +m[2], +m[3], m[4] === undefined ? 0 : +m[4], 0, 0, 0) : undefined;
    if (t === undefined) throw new InvalidValueError(loc, key, "not a YYYYMMDD[HH] date key");
    if (typeof value !== "number" || !Number.isFinite(value)) throw new InvalidValueError(loc, JSON.stringify(value), "not a number");
    if (value === fill) continue;
    if (value < 0) throw new InvalidValueError(loc, String(value), "negative irradiance that is not the fill value");
    samples.push({ t, durationS: resolution === "hourly" ? 3600 : 86_400, ghiWm2: value * factor });
  }
  samples.sort((a, b) => a.t - b.t);
  return { kind: "satellite", source: file, samples };
}
