import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import {
  appendAuditEntries,
  assertKnownDevices,
  dayRange,
  defaultThresholds,
  formatSummary,
  loadDeviceRegistry,
  NasaPowerClient,
  parseNasaPower,
  readJson,
  loadIrradianceMapping,
  loadReadingsMapping,
  readMappedIrradiance,
  readMappedReadings,
  FAULT_CODES,
  type ReadInfo,
  readTextFile,
  detectIrradianceCsvLayout,
  detectReadingsCsvLayout,
  readIrradianceLayout,
  readReadingsLayout,
  runPipeline,
  summarize,
  MalformedRowError,
  type Device,
  type DeviceDayResult,
  type IrradianceSeries,
  type JsonValue,
  type PowerReading,
  type Summary,
  type VerificationThresholds,
} from "../lib";

/** Reading layouts the CLI understands; `auto` looks at the extension and the CSV header. */
export type ReadingsFormat = "auto" | "kaggle" | "generic" | "json" | "pvdaq" | "mapped";
/** Sensor layouts; `auto` looks at the CSV header; `mapped` reads through `sensorMap`. */
export type SensorFormat = "auto" | "kaggle" | "psm3" | "mapped";

/** Options of the `verify` command (the CLI flags, parsed). */
export interface VerifyOptions {
  readonly readings: readonly string[];
  readonly readingsFormat: ReadingsFormat;
  /** Device id for PVDAQ files (they have no id column). */
  readonly deviceId?: string;
  /** Column mapping (JSON, mapped.ts) for readings in any CSV layout; implies readingsFormat `mapped`. */
  readonly readingsMap?: string;
  /** Column mapping for the sensor/irradiance CSV; implies sensorFormat `mapped`. */
  readonly sensorMap?: string;
  readonly registry: string;
  /** Exactly one irradiance source. */
  readonly sensor?: string;
  readonly sensorFormat: SensorFormat;
  readonly nasaFile?: string;
  readonly nasaApi: boolean;
  readonly cacheDir: string;
  readonly offline: boolean;
  readonly nasaBaseUrl?: string;
  /** Offset of local timestamps (Kaggle layouts), minutes east of UTC. */
  readonly utcOffsetMinutes: number;
  /** Reading interval, seconds, where the layout does not carry it. */
  readonly intervalS: number;
  readonly thresholds: Partial<VerificationThresholds>;
  readonly out: string;
  readonly auditLog: string;
  /** Progress callback (the CLI drives a cli-progress bar with it). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Clock for the audit log (injectable for tests). */
  readonly now?: () => Date;
}

/** What `verify` produced. */
export interface VerifyOutcome {
  readonly results: DeviceDayResult[];
  readonly summary: Summary;
  readonly table: string;
  readonly nightOnlyDays: number;
  /** Device-days per failed rule (a day may fail several) and their CO2 in grams (credited energy). */
  readonly faultCounts: Record<string, { days: number; grams: number }>;
  /** What each reader assumed (layout, timestamp format, offset, meter column). */
  readonly readers: ReadInfo[];
  readonly out: string;
  readonly auditLog: string;
}

function firstLine(file: string): string {
  return readTextFile(file).split(/\r?\n/, 1)[0] ?? "";
}

const layoutOptions = (opts: VerifyOptions) => ({
  utcOffsetMinutes: opts.utcOffsetMinutes, intervalS: opts.intervalS, deviceId: opts.deviceId, deviceIdParam: "--device-id",
});

function readReadings(file: string, opts: VerifyOptions): { readings: PowerReading[]; info: ReadInfo } {
  if (opts.readingsMap !== undefined || opts.readingsFormat === "mapped") {
    if (!opts.readingsMap) throw new MalformedRowError({ file, field: "--readings-map" }, "the mapped layout needs --readings-map <mapping.json>");
    return readMappedReadings(file, loadReadingsMapping(opts.readingsMap));
  }
  const layout =
    opts.readingsFormat !== "auto" ? opts.readingsFormat
    : /\.json(\.gz)?$/.test(file) ? "json"
    : detectReadingsCsvLayout(file, firstLine(file), "pass --readings-format");
  return readReadingsLayout(file, layout, layoutOptions(opts));
}

function readSensor(file: string, opts: VerifyOptions): IrradianceSeries {
  if (opts.sensorMap !== undefined || opts.sensorFormat === "mapped") {
    if (!opts.sensorMap) throw new MalformedRowError({ file, field: "--sensor-map" }, "the mapped layout needs --sensor-map <mapping.json>");
    return readMappedIrradiance(file, loadIrradianceMapping(opts.sensorMap));
  }
  const layout = opts.sensorFormat === "auto" ? detectIrradianceCsvLayout(file, firstLine(file), "pass --sensor-format") : opts.sensorFormat;
  return readIrradianceLayout(file, layout, layoutOptions(opts));
}

const sha256File = (file: string) => "0x" + crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/** Writes `text` to `file` atomically (temp file + rename), creating the directory. */
function writeAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/**
 * The `verify` command: reads the registry, the readings and one irradiance source, runs the
 * pipeline, then — only when everything succeeded — writes the results JSON (atomically) and
 * appends a run entry plus one entry per device-day to the audit log. Bad input throws before any
 * write (NASA POWER responses fetched on the way are cached; the cache is not output).
 */
export async function verifyCommand(opts: VerifyOptions): Promise<VerifyOutcome> {
  const sources = [opts.sensor, opts.nasaFile, opts.nasaApi ? "api" : undefined].filter((s) => s !== undefined);
  if (sources.length !== 1) {
    throw new MalformedRowError({ file: "command line", field: "--sensor" }, "give exactly one irradiance source: --sensor, --nasa-file or --nasa-api");
  }
  const registry = loadDeviceRegistry(opts.registry);
  const read = opts.readings.map((f) => readReadings(f, opts));
  const readings = read.flatMap((r) => r.readings);
  const readers = read.map((r) => r.info);
  assertKnownDevices(readings, registry);

  let irradianceFor: (device: Device) => IrradianceSeries;
  const inputs = [...opts.readings, opts.registry, ...[opts.readingsMap, opts.sensorMap].filter((f): f is string => f !== undefined)];
  if (opts.sensor !== undefined) {
    const series = readSensor(opts.sensor, opts);
    inputs.push(opts.sensor);
    irradianceFor = () => series;
  } else if (opts.nasaFile !== undefined) {
    const series = parseNasaPower(readJson(opts.nasaFile));
    inputs.push(opts.nasaFile);
    irradianceFor = () => series;
  } else {
    const range = dayRange(readings);
    const client = new NasaPowerClient({ cacheDir: opts.cacheDir, offline: opts.offline, baseUrl: opts.nasaBaseUrl });
    const bySite = new Map<string, IrradianceSeries>();
    if (range) {
      for (const id of new Set(readings.map((r) => r.deviceId))) {
        const d = registry.get(id) as Device;
        const site = `${d.lat.toFixed(4)},${d.lon.toFixed(4)}`;
        if (!bySite.has(site)) bySite.set(site, (await client.hourly({ lat: d.lat, lon: d.lon, ...range })).series);
      }
    }
    irradianceFor = (d) => bySite.get(`${d.lat.toFixed(4)},${d.lon.toFixed(4)}`) as IrradianceSeries;
  }

  const { results, nightOnlyDays } = runPipeline(readings, registry, irradianceFor, {
    thresholds: opts.thresholds,
    onProgress: opts.onProgress,
  });
  const summary = summarize(results);
  const kind = results[0]?.irradianceKind ?? (opts.sensor !== undefined ? "sensor" : "satellite");
  const thresholds = { ...defaultThresholds(kind), ...opts.thresholds };
  const inputHashes = inputs.map((file) => ({ file, sha256: sha256File(file) }));

  writeAtomic(opts.out, JSON.stringify({ inputs: inputHashes, readers, thresholds, nightOnlyDays, summary, faultCounts: countFaults(results), results }, null, 2) + "\n");
  fs.mkdirSync(path.dirname(path.resolve(opts.auditLog)), { recursive: true });
  const faultCounts = countFaults(results);
  const readersJson = readers.map((r) => ({ ...r }));
  const run: JsonValue = { type: "run", inputs: inputHashes, readers: readersJson, thresholds: { ...thresholds }, results: opts.out, deviceDays: results.length };
  const days = results.map((r) => ({ type: "device-day", ...(JSON.parse(JSON.stringify(r)) as Record<string, JsonValue>) }));
  appendAuditEntries(opts.auditLog, [run, ...days], opts.now);
  return { results, summary, table: formatSummary(summary), nightOnlyDays, faultCounts, readers, out: opts.out, auditLog: opts.auditLog };
}

/** Device-days and CO2 grams per failed rule (FAULT_CODES order; rules nobody failed are left out). */
export function countFaults(results: readonly DeviceDayResult[]): Record<string, { days: number; grams: number }> {
  const out: Record<string, { days: number; grams: number }> = {};
  for (const code of FAULT_CODES) {
    const hit = results.filter((r) => r.faults.includes(code));
    if (hit.length > 0) out[code] = { days: hit.length, grams: hit.reduce((s, r) => s + r.co2Grams, 0) };
  }
  return out;
}
