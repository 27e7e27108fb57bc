import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  detectIrradianceCsvLayout,
  detectReadingsCsvLayout,
  IRRADIANCE_LAYOUTS,
  READINGS_LAYOUTS,
  readIrradianceLayout,
  readReadingsLayout,
  type IrradianceSeries,
  type LayoutReadOptions,
  type PowerReading,
} from "../../lib";

/**
 * Request bodies → the library's records, through the library's own readers (so a body is read
 * exactly as the same file would be by `opentonne-oracle verify`, with the same errors). The body
 * is written to a private temporary file named after the request, read, and removed.
 */

/** Reading layouts: as the CLI's `--readings-format`. */
export const READING_FORMATS = ["auto", ...READINGS_LAYOUTS] as const;
/** Irradiance layouts: the CLI's sensor formats plus a NASA POWER JSON response. */
export const IRRADIANCE_FORMATS = ["auto", ...IRRADIANCE_LAYOUTS] as const;

/** Reader options taken from the query string (the CLI's flags of the same names; `deviceId` for a PVDAQ body). */
export type ReaderOptions = Pick<LayoutReadOptions, "utcOffsetMinutes" | "intervalS" | "deviceId">;

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

const firstLine = (body: string) => body.split(/\r?\n/, 1)[0] ?? "";

/** Parses a readings body (CSV or JSON) in `format`; `label` names the request in errors and sources. */
export function parseReadings(label: string, body: string, format: (typeof READING_FORMATS)[number], o: ReaderOptions): PowerReading[] {
  const layout = format !== "auto" ? format : /^\s*\[/.test(body) ? "json" : detectReadingsCsvLayout(label, firstLine(body), "pass ?format=");
  const { readings } = withBodyFile(label, body, layout === "json" ? ".json" : ".csv", (file) =>
    readReadingsLayout(file, layout, { ...o, deviceIdParam: "deviceId" }),
  );
  return readings.map((r) => ({ ...r, source: { ...r.source, file: label } }));
}

/** Parses an irradiance body; returns the series and each sample's body line where the layout has lines. */
export function parseIrradiance(
  label: string,
  body: string,
  format: (typeof IRRADIANCE_FORMATS)[number],
  o: ReaderOptions,
): { series: IrradianceSeries; lines: (number | undefined)[] } {
  const layout = format !== "auto" ? format : /^\s*\{/.test(body) ? "nasa" : detectIrradianceCsvLayout(label, firstLine(body), "pass ?format=");
  const series = withBodyFile(label, body, layout === "nasa" ? ".json" : ".csv", (file) => readIrradianceLayout(file, layout, o));
  // CSV layouts: one sample per data line after the header (empty lines are rare; the row is a guide).
  const lines = series.samples.map((_, i) => (layout === "nasa" ? undefined : i + 2));
  return { series: { ...series, source: label }, lines };
}
