import { MalformedRowError } from "./errors";
import { parseNasaPower } from "./irradiance-nasa";
import { readKaggleSensor, readPsm3 } from "./irradiance-sensor";
import { readJson } from "./json";
import { readGenericCsv } from "./readings-generic";
import { readReadingsJson } from "./readings-json";
import { readKaggleGenerationFile, type ReadInfo } from "./readings-kaggle";
import { readPvdaqAcPower } from "./readings-pvdaq";
import type { IrradianceSeries, PowerReading } from "./types";

/**
 * The fixed file layouts and the reader each one goes to (layout → reader), shared by the CLI
 * (`opentonne-oracle verify`, files) and the oracle node (HTTP bodies) so that a file and the same
 * bytes posted as a body are read alike, with the same errors. Column-mapped layouts go through
 * mapped.ts instead.
 */

/** Readings layouts: Kaggle generation CSV, generic CSV, readings JSON, PVDAQ AC power CSV. */
export const READINGS_LAYOUTS = ["kaggle", "generic", "json", "pvdaq"] as const;
/** One of {@link READINGS_LAYOUTS}. */
export type ReadingsLayout = (typeof READINGS_LAYOUTS)[number];
/** Irradiance layouts: Kaggle weather-sensor CSV, NSRDB PSM3 CSV, NASA POWER hourly JSON response. */
export const IRRADIANCE_LAYOUTS = ["kaggle", "psm3", "nasa"] as const;
/** One of {@link IRRADIANCE_LAYOUTS}. */
export type IrradianceLayout = (typeof IRRADIANCE_LAYOUTS)[number];

/** Options of the layout readers (each layout uses those it needs). */
export interface LayoutReadOptions {
  /** Offset of local timestamps (Kaggle layouts), minutes east of UTC. */
  readonly utcOffsetMinutes?: number;
  /** Reading interval, seconds, where the layout does not carry it. */
  readonly intervalS?: number;
  /** Device id of a PVDAQ file (the layout has no id column). */
  readonly deviceId?: string;
  /** How the caller passes the device id (`--device-id`, `deviceId`): the field named when a PVDAQ file comes without one. */
  readonly deviceIdParam?: string;
}

/** The column names of a CSV's first line (byte-order mark dropped, cells trimmed). */
export function csvHeader(firstLine: string): string[] {
  return firstLine.replace(/^\uFEFF/, "").split(",").map((c) => c.trim());
}

/**
 * The readings layout of a CSV, told from its header: `SOURCE_KEY` → kaggle, `device_id` → generic,
 * `measured_on` + `ac_power` → pvdaq. `source` names the file in the error; `hint` tells the caller
 * how to name the layout instead (`pass --readings-format`).
 * @throws MalformedRowError (line 1) when no layout matches.
 */
export function detectReadingsCsvLayout(source: string, firstLine: string, hint: string): Exclude<ReadingsLayout, "json"> {
  const header = csvHeader(firstLine);
  if (header.includes("SOURCE_KEY")) return "kaggle";
  if (header.includes("device_id")) return "generic";
  if (header.includes("measured_on") && header.includes("ac_power")) return "pvdaq";
  throw new MalformedRowError({ file: source, line: 1 }, `cannot tell the readings layout from the header; ${hint}`);
}

/**
 * The irradiance layout of a CSV, told from its header: `IRRADIATION` → kaggle, `ghi` → psm3.
 * @throws MalformedRowError (line 1) when no layout matches; `hint` says how to name it instead.
 */
export function detectIrradianceCsvLayout(source: string, firstLine: string, hint: string): Exclude<IrradianceLayout, "nasa"> {
  const header = csvHeader(firstLine);
  if (header.includes("IRRADIATION")) return "kaggle";
  if (header.includes("ghi")) return "psm3";
  throw new MalformedRowError({ file: source, line: 1 }, `cannot tell the irradiance layout from the header; ${hint}`);
}

/**
 * Reads power readings from `file` in `layout`, with what the reader assumed (layout, timestamp
 * format, UTC offset, meter column; layouts with ISO timestamps and no meter column say so).
 * @throws the layout reader's typed errors (naming file, line and field); MalformedRowError naming
 * `deviceIdParam` for a PVDAQ file without `deviceId`.
 */
export function readReadingsLayout(file: string, layout: ReadingsLayout, o: LayoutReadOptions): { readings: PowerReading[]; info: ReadInfo } {
  const iso = (readings: PowerReading[]) => ({
    readings,
    info: { file, layout, timestampFormat: "ISO" as const, utcOffsetMinutes: 0, meterColumn: null, rows: readings.length },
  });
  switch (layout) {
    case "kaggle":
      return readKaggleGenerationFile(file, { utcOffsetMinutes: o.utcOffsetMinutes, intervalS: o.intervalS });
    case "generic":
      return iso(readGenericCsv(file, { intervalS: o.intervalS }));
    case "json":
      return iso(readReadingsJson(file, { intervalS: o.intervalS }));
    case "pvdaq": {
      const param = o.deviceIdParam ?? "deviceId";
      if (!o.deviceId) throw new MalformedRowError({ file, field: param }, `PVDAQ files have no device column: give the device id (${param})`);
      return iso(readPvdaqAcPower(file, { deviceId: o.deviceId, intervalS: o.intervalS }));
    }
  }
}

/**
 * Reads an irradiance series from `file` in `layout`.
 * @throws the layout reader's typed errors (naming file, line and field).
 */
export function readIrradianceLayout(file: string, layout: IrradianceLayout, o: LayoutReadOptions): IrradianceSeries {
  switch (layout) {
    case "kaggle":
      return readKaggleSensor(file, { utcOffsetMinutes: o.utcOffsetMinutes, intervalS: o.intervalS });
    case "psm3":
      return readPsm3(file, { intervalS: o.intervalS });
    case "nasa":
      return parseNasaPower(readJson(file));
  }
}
