import { readCsv } from "./csv";
import { InvalidValueError } from "./errors";
import { OrderGuard } from "./order";
import { IST_OFFSET_MINUTES, parseIsoWithOffset } from "./time";
import { KaggleDateTime } from "./readings-kaggle";
import type { IrradianceSample, IrradianceSeries } from "./types";
import { parseNumberField } from "./values";

/** Options of the Kaggle sensor reader. */
export interface KaggleSensorOptions {
  /** Offset of `DATE_TIME` from UTC, minutes east (default 330: India, UTC+05:30). */
  readonly utcOffsetMinutes?: number;
  /** Interval length, seconds (default 900). */
  readonly intervalS?: number;
}

/**
 * Reads the Kaggle on-site weather sensor file (`Plant_1_Weather_Sensor_Data.csv`):
 * `DATE_TIME` (`YYYY-mm-dd HH:MM:SS` local time; `dd-mm-YYYY HH:MM` accepted too, one layout per
 * file), `IRRADIATION` in **kW/m²**, mean over the 15 minutes, optional `PLANT_ID` (the series'
 * `siteId`, one per file). Returns a `sensor` series in W/m² (`IRRADIATION × 1000`). `.csv` or `.csv.gz`.
 * Throws MalformedRowError, InvalidValueError (non-numeric, negative, bad date) or
 * TimestampOrderError, naming file, line and field.
 */
export function readKaggleSensor(file: string, opts: KaggleSensorOptions = {}): IrradianceSeries {
  const offset = opts.utcOffsetMinutes ?? IST_OFFSET_MINUTES;
  const durationS = opts.intervalS ?? 900;
  const order = new OrderGuard();
  const dates = new KaggleDateTime(offset);
  let site: { id: string; line: number } | undefined;
  const samples = readCsv(file, ["DATE_TIME", "IRRADIATION"]).map(({ line, fields }): IrradianceSample => {
    const at = (field: string) => ({ file, line, field });
    const t = dates.parse(fields.DATE_TIME, at("DATE_TIME"));
    const kw = parseNumberField(fields.IRRADIATION, at("IRRADIATION"), { min: 0 });
    order.check("sensor", t, at("DATE_TIME"));
    const plant = fields.PLANT_ID?.trim();
    if (plant) {
      site ??= { id: plant, line };
      if (plant !== site.id) throw new InvalidValueError(at("PLANT_ID"), fields.PLANT_ID, `a second plant in one sensor file (line ${site.line} has ${site.id})`);
    }
    return { t, durationS, ghiWm2: kw * 1000 };
  });
  const siteInfo = site ? { siteId: site.id, siteRef: { file, line: site.line, field: "PLANT_ID" } } : {};
  return { kind: "sensor", source: file, samples, ...siteInfo };
}

/** Options of the PSM3 reader. */
export interface Psm3Options {
  /** `sensor` or `satellite` (default `satellite`: NSRDB PSM3 is satellite-derived). */
  readonly kind?: "sensor" | "satellite";
  /** Interval length, seconds (default 900). */
  readonly intervalS?: number;
}

/**
 * Reads the PVDAQ/PSM3 irradiance layout (`pvdaq50_serf_east_psm3_data.csv`): `measured_on`
 * (local time with offset, e.g. `2016-07-01 00:00:00-07:00`) and `ghi` in **W/m²**. The split
 * Year/Month/Day/Hour/Minute columns are ignored: they were resampled from 30 to 15 minutes and
 * do not match `measured_on` (data/SOURCES.md). Throws like readKaggleSensor.
 */
export function readPsm3(file: string, opts: Psm3Options = {}): IrradianceSeries {
  const durationS = opts.intervalS ?? 900;
  const order = new OrderGuard();
  const samples = readCsv(file, ["measured_on", "ghi"]).map(({ line, fields }): IrradianceSample => {
    const at = (field: string) => ({ file, line, field });
    const t = parseIsoWithOffset(fields.measured_on.trim());
    if (t === undefined) throw new InvalidValueError(at("measured_on"), fields.measured_on, "not a date-time with an offset");
    const ghi = parseNumberField(fields.ghi, at("ghi"), { min: 0 });
    order.check("psm3", t, at("measured_on"));
    return { t, durationS, ghiWm2: ghi };
  });
  return { kind: opts.kind ?? "satellite", source: file, samples };
}
