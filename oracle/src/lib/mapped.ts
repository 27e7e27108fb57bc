import { readCsv } from "./csv";
import { InvalidValueError, MalformedRowError } from "./errors";
import { lineOfKey, readJson } from "./json";
import { OrderGuard } from "./order";
import type { ReadInfo } from "./readings-kaggle";
import { isTimestampFormat, parseTimestamp } from "./time";
import type { IrradianceKind, IrradianceSample, IrradianceSeries, PowerReading } from "./types";
import { parseNumberField } from "./values";

/**
 * Column-mapped readers: any CSV of timestamped power or irradiance, described by a small JSON
 * mapping instead of code. Example (Kaggle Plant 2 read through a mapping):
 *
 * ```json
 * { "time": { "column": "DATE_TIME", "format": "YYYY-MM-DD HH:mm:ss", "utcOffsetMinutes": 330, "marks": "start" },
 *   "device": { "column": "SOURCE_KEY" },
 *   "power": { "column": "AC_POWER", "unit": "kW", "kind": "mean" },
 *   "meter": { "column": "TOTAL_YIELD", "unit": "kWh" },
 *   "site": { "column": "PLANT_ID" },
 *   "intervalS": 900 }
 * ```
 *
 * An irradiance mapping has `time`, `irradiance: { column, unit: "W/m2" | "kW/m2" }`, `kind:
 * "sensor" | "satellite"`, optional `site` and `intervalS`.
 */

/** How the time column is read. `format`: a TimestampFormat (`ISO` or tokens); `marks`: the stamp is the interval's start (default) or end. */
export interface TimeMapping {
  readonly column: string;
  readonly format: string;
  /** Minutes east of UTC of local stamps (ignored for `ISO`). */
  readonly utcOffsetMinutes: number;
  readonly marks: "start" | "end";
}

/** A readings mapping (see the module comment). */
export interface ReadingsMapping {
  readonly time: TimeMapping;
  /** The device id column, or one fixed id for a single-inverter file. */
  readonly device: { readonly column: string } | { readonly id: string };
  /**
   * Power column and unit. `kind`: `mean` (mean over the interval) or `instantaneous` (a sample at
   * the stamp, taken as the interval's mean: a left Riemann sum; the meter cap bounds its error).
   */
  readonly power: { readonly column: string; readonly unit: "W" | "kW"; readonly kind: "mean" | "instantaneous" };
  /** Optional cumulative energy meter (enables the meter cross-check). */
  readonly meter?: { readonly column: string; readonly unit: "Wh" | "kWh" };
  readonly site?: { readonly column: string };
  /** Reading interval, seconds (default 900). */
  readonly intervalS: number;
}

/** An irradiance mapping (see the module comment). */
export interface IrradianceMapping {
  readonly time: TimeMapping;
  readonly irradiance: { readonly column: string; readonly unit: "W/m2" | "kW/m2" };
  readonly kind: IrradianceKind;
  readonly site?: { readonly column: string };
  readonly intervalS: number;
}

type Obj = Record<string, unknown>;

function mappingReader(file: string) {
  const doc = readJson(file);
  const lineOf = (path: string) => lineOfKey(doc.text, path.split(".").pop() as string);
  const bad = (path: string, value: unknown, detail: string) =>
    new InvalidValueError({ file, line: lineOf(path), field: path }, JSON.stringify(value) ?? "undefined", detail);
  const obj = (v: unknown, path: string): Obj => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new MalformedRowError({ file, line: lineOf(path) || 1, field: path }, "expected an object");
    return v as Obj;
  };
  const str = (o: Obj, key: string, path: string): string => {
    if (typeof o[key] !== "string" || (o[key] as string).trim() === "") throw bad(`${path}.${key}`, o[key], "expected a non-empty string");
    return o[key] as string;
  };
  const oneOf = <T extends string>(o: Obj, key: string, path: string, allowed: readonly T[], dflt?: T): T => {
    if (o[key] === undefined && dflt !== undefined) return dflt;
    if (!allowed.includes(o[key] as T)) throw bad(`${path}.${key}`, o[key], `expected one of ${allowed.join(", ")}`);
    return o[key] as T;
  };
  const num = (o: Obj, key: string, path: string, dflt: number, min: number, max: number): number => {
    const v = o[key] ?? dflt;
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) throw bad(`${path}.${key}`, v, `expected a number in [${min}, ${max}]`);
    return v;
  };
  const root = obj(doc.value, "mapping");
  const time = (): TimeMapping => {
    const t = obj(root.time, "time");
    const format = str(t, "format", "time");
    if (!isTimestampFormat(format)) throw bad("time.format", format, "expected ISO or a layout with YYYY, MM, DD, HH and mm (e.g. DD-MM-YYYY HH:mm)");
    return { column: str(t, "column", "time"), format, utcOffsetMinutes: num(t, "utcOffsetMinutes", "time", 0, -720, 840), marks: oneOf(t, "marks", "time", ["start", "end"] as const, "start") };
  };
  const site = () => (root.site === undefined ? undefined : { column: str(obj(root.site, "site"), "column", "site") });
  return { root, obj, str, oneOf, num, time, site };
}

/** Loads and validates a readings mapping file. Errors name the mapping file, the line and the field path (`power.unit`). */
export function loadReadingsMapping(file: string): ReadingsMapping {
  const m = mappingReader(file);
  const dev = m.obj(m.root.device, "device");
  const device = dev.id !== undefined ? { id: m.str(dev, "id", "device") } : { column: m.str(dev, "column", "device") };
  const p = m.obj(m.root.power, "power");
  const power = { column: m.str(p, "column", "power"), unit: m.oneOf(p, "unit", "power", ["W", "kW"] as const), kind: m.oneOf(p, "kind", "power", ["mean", "instantaneous"] as const, "mean") };
  let meter: ReadingsMapping["meter"];
  if (m.root.meter !== undefined) {
    const x = m.obj(m.root.meter, "meter");
    meter = { column: m.str(x, "column", "meter"), unit: m.oneOf(x, "unit", "meter", ["Wh", "kWh"] as const) };
  }
  return { time: m.time(), device, power, meter, site: m.site(), intervalS: m.num(m.root, "intervalS", "mapping", 900, 1, 86_400) };
}

/** Loads and validates an irradiance mapping file (errors as loadReadingsMapping). */
export function loadIrradianceMapping(file: string): IrradianceMapping {
  const m = mappingReader(file);
  const i = m.obj(m.root.irradiance, "irradiance");
  return {
    time: m.time(),
    irradiance: { column: m.str(i, "column", "irradiance"), unit: m.oneOf(i, "unit", "irradiance", ["W/m2", "kW/m2"] as const) },
    kind: m.oneOf(m.root, "kind", "mapping", ["sensor", "satellite"] as const),
    site: m.site(),
    intervalS: m.num(m.root, "intervalS", "mapping", 900, 1, 86_400),
  };
}

function requireColumns(file: string, header: readonly string[], wanted: readonly { column: string; from: string }[]): void {
  for (const w of wanted) {
    if (!header.includes(w.column)) {
      throw new MalformedRowError({ file, line: 1, field: w.column }, `unknown column (mapping field ${w.from}); the header is ${JSON.stringify(header.join(","))}`);
    }
  }
}

function timeReader(file: string, tm: TimeMapping, intervalS: number) {
  return (raw: string, line: number): number => {
    const t = parseTimestamp(raw.trim(), tm.format, tm.utcOffsetMinutes);
    if (t === undefined) throw new InvalidValueError({ file, line, field: tm.column }, raw, `not a date-time in the mapped format ${tm.format}`);
    return tm.marks === "end" ? t - intervalS : t;
  };
}

/**
 * Reads a readings CSV through `mapping` (ReadingsMapping). Returns mean AC power in W per
 * interval, the meter in Wh when mapped, and what was assumed. Throws MalformedRowError for a
 * mapped column the header lacks (line 1, that column), InvalidValueError / TimestampOrderError
 * naming file, line and field.
 */
export function readMappedReadings(file: string, mapping: ReadingsMapping): { readings: PowerReading[]; info: ReadInfo } {
  const order = new OrderGuard();
  const rows = readCsv(file, []);
  const header = rows.length > 0 ? Object.keys(rows[0].fields) : [];
  const cols = [
    { column: mapping.time.column, from: "time.column" },
    ...("column" in mapping.device ? [{ column: mapping.device.column, from: "device.column" }] : []),
    { column: mapping.power.column, from: "power.column" },
    ...(mapping.meter ? [{ column: mapping.meter.column, from: "meter.column" }] : []),
    ...(mapping.site ? [{ column: mapping.site.column, from: "site.column" }] : []),
  ];
  requireColumns(file, header, cols);
  const time = timeReader(file, mapping.time, mapping.intervalS);
  const pScale = mapping.power.unit === "kW" ? 1000 : 1;
  const mScale = mapping.meter?.unit === "kWh" ? 1000 : 1;
  const deviceField = "column" in mapping.device ? mapping.device.column : "device.id";
  const readings = rows.map(({ line, fields }): PowerReading => {
    const at = (field: string) => ({ file, line, field });
    const t = time(fields[mapping.time.column], line);
    const deviceId = "column" in mapping.device ? fields[mapping.device.column].trim() : mapping.device.id;
    if (deviceId === "") throw new InvalidValueError(at(deviceField), "", "empty device id");
    const acPowerW = parseNumberField(fields[mapping.power.column], at(mapping.power.column), { min: 0 }) * pScale;
    const meter = mapping.meter ? parseNumberField(fields[mapping.meter.column], at(mapping.meter.column), { min: 0 }) * mScale : undefined;
    const siteId = mapping.site ? fields[mapping.site.column].trim() || undefined : undefined;
    order.check(deviceId, t, at(mapping.time.column));
    return {
      deviceId, t, durationS: mapping.intervalS, acPowerW,
      ...(meter !== undefined ? { totalYieldWh: meter } : {}),
      ...(siteId ? { siteId } : {}),
      source: { file, line, deviceField },
    };
  });
  const info: ReadInfo = { file, layout: "mapped", timestampFormat: mapping.time.format, utcOffsetMinutes: mapping.time.utcOffsetMinutes, meterColumn: mapping.meter?.column ?? null, rows: readings.length };
  return { readings, info };
}

/** Reads an irradiance CSV through `mapping` (IrradianceMapping): W/m² samples; errors as readMappedReadings. */
export function readMappedIrradiance(file: string, mapping: IrradianceMapping): IrradianceSeries {
  const order = new OrderGuard();
  const rows = readCsv(file, []);
  const header = rows.length > 0 ? Object.keys(rows[0].fields) : [];
  requireColumns(file, header, [
    { column: mapping.time.column, from: "time.column" },
    { column: mapping.irradiance.column, from: "irradiance.column" },
    ...(mapping.site ? [{ column: mapping.site.column, from: "site.column" }] : []),
  ]);
  const time = timeReader(file, mapping.time, mapping.intervalS);
  const scale = mapping.irradiance.unit === "kW/m2" ? 1000 : 1;
  let site: { id: string; line: number } | undefined;
  const samples = rows.map(({ line, fields }): IrradianceSample => {
    const t = time(fields[mapping.time.column], line);
    const ghiWm2 = parseNumberField(fields[mapping.irradiance.column], { file, line, field: mapping.irradiance.column }, { min: 0 }) * scale;
    order.check("irradiance", t, { file, line, field: mapping.time.column });
    if (mapping.site) {
      const id = fields[mapping.site.column].trim();
      site ??= { id, line };
      if (id !== site.id) throw new InvalidValueError({ file, line, field: mapping.site.column }, id, `a second site in one irradiance file (line ${site.line} has ${site.id})`);
    }
    return { t, durationS: mapping.intervalS, ghiWm2 };
  });
  const siteInfo = site ? { siteId: site.id, siteRef: { file, line: site.line, field: mapping.site?.column as string } } : {};
  return { kind: mapping.kind, source: file, samples, ...siteInfo };
}
