import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  MalformedRowError,
  parseNasaPower,
  readGenericCsv,
  readJson,
  readKaggleGeneration,
  readKaggleSensor,
  readPsm3,
  readPvdaqAcPower,
  readReadingsJson,
  type IrradianceSeries,
  type PowerReading,
} from "../../../../sdk/oracle";

/**
 * Request bodies → the library's records, through the library's own readers (so a body is read
 * exactly as the same file would be by `opentonne-oracle verify`, with the same errors). The body
 * is written to a private temporary file named after the request, read, and removed.
 */

/** Reading layouts: as the CLI's `--readings-format`. */
export const READING_FORMATS = ["auto", "kaggle", "generic", "json", "pvdaq"] as const;
/** Irradiance layouts: the CLI's sensor formats plus a NASA POWER JSON response. */
export const IRRADIANCE_FORMATS = ["auto", "kaggle", "psm3", "nasa"] as const;

/** Reader options taken from the query string (the CLI's flags of the same names). */
export interface ReaderOptions {
  readonly utcOffsetMinutes?: number;
  readonly intervalS?: number;
  /** Device id of a PVDAQ body (the layout has no id column). */
  readonly deviceId?: string;
}

/** Runs `read` on `body` written to a private temporary file `<label><ext>`; errors name `label` instead of the path. */
export function withBodyFile<T>(label: string, body: string, ext: string, read: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oracle-node-"));
  const file = path.join(dir, `${label}${ext}`);
  try {
    fs.writeFileSync(file, body);
    return read(file);
  } catch (err) {
    // Name the request, not the temporary path, in the error (the row and field stay).
    if (err instanceof Error) err.message = err.message.split(file).join(label);
    if (err && typeof err === "object" && "file" in err) (err as { file: string }).file = label;
    throw err;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const header = (body: string) => (body.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "").split(",").map((c) => c.trim());

/** Parses a readings body (CSV or JSON) in `format`; `label` names the request in errors and sources. */
export function parseReadings(label: string, body: string, format: (typeof READING_FORMATS)[number], o: ReaderOptions): PowerReading[] {
  let f = format;
  if (f === "auto") {
    const h = header(body);
    if (/^\s*\[/.test(body)) f = "json";
    else if (h.includes("SOURCE_KEY")) f = "kaggle";
    else if (h.includes("device_id")) f = "generic";
    else if (h.includes("measured_on") && h.includes("ac_power")) f = "pvdaq";
    else throw new MalformedRowError({ file: label, line: 1 }, "cannot tell the readings layout from the body; pass ?format=");
  }
  const readings = withBodyFile(label, body, f === "json" ? ".json" : ".csv", (file): PowerReading[] => {
    switch (f) {
      case "kaggle":
        return readKaggleGeneration(file, { utcOffsetMinutes: o.utcOffsetMinutes, intervalS: o.intervalS });
      case "generic":
        return readGenericCsv(file, { intervalS: o.intervalS });
      case "json":
        return readReadingsJson(file, { intervalS: o.intervalS });
      default:
        if (!o.deviceId) throw new MalformedRowError({ file, field: "deviceId" }, "PVDAQ bodies have no device column: pass ?deviceId=");
        return readPvdaqAcPower(file, { deviceId: o.deviceId, intervalS: o.intervalS });
    }
  });
  return readings.map((r) => ({ ...r, source: { ...r.source, file: label } }));
}

/** Parses an irradiance body; returns the series and each sample's body line where the layout has lines. */
export function parseIrradiance(
  label: string,
  body: string,
  format: (typeof IRRADIANCE_FORMATS)[number],
  o: ReaderOptions,
): { series: IrradianceSeries; lines: (number | undefined)[] } {
  let f = format;
  if (f === "auto") {
    const h = header(body);
    if (/^\s*\{/.test(body)) f = "nasa";
    else if (h.includes("IRRADIATION")) f = "kaggle";
    else if (h.includes("ghi")) f = "psm3";
    else throw new MalformedRowError({ file: label, line: 1 }, "cannot tell the irradiance layout from the body; pass ?format=");
  }
  const series = withBodyFile(label, body, f === "nasa" ? ".json" : ".csv", (file) =>
    f === "kaggle"
      ? readKaggleSensor(file, { utcOffsetMinutes: o.utcOffsetMinutes, intervalS: o.intervalS })
      : f === "psm3"
        ? readPsm3(file, { intervalS: o.intervalS })
        : parseNasaPower(readJson(file)),
  );
  // CSV layouts: one sample per data line after the header (empty lines are rare; the row is a guide).
  const lines = series.samples.map((_, i) => (f === "nasa" ? undefined : i + 2));
  return { series: { ...series, source: label }, lines };
}
