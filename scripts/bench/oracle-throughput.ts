import fs from "node:fs";
import path from "node:path";
import {
  formatSummary,
  loadDeviceRegistry,
  readKaggleGeneration,
  readKaggleSensor,
  runPipeline,
  summarize,
  type Summary,
} from "../../oracle/src/lib";

/** Where the full real Plant 1 data lives (override with PLANT1_DATA_DIR). */
export const PLANT1_DATA_DIR = process.env.PLANT1_DATA_DIR ?? path.join(__dirname, "..", "..", "..", "shared", "data");
const FIXTURE_DIR = path.join(__dirname, "..", "..", "test", "fixtures", "plant1");
const REGISTRY = path.join(FIXTURE_DIR, "devices.json");

/** The Plant 1 generation and sensor files a throughput run reads, and which data set they are. */
export interface Plant1Inputs {
  /** "full" = the complete Kaggle files (34 days); "fixture" = the committed 8-day cut (the full files were not found). */
  readonly dataset: "full" | "fixture";
  readonly generation: string;
  readonly sensor: string;
  /** Why the fixture is used, when it is. */
  readonly note?: string;
}

/**
 * The full Plant 1 files in `dataDir` (default PLANT1_DATA_DIR, i.e. `../shared/data/`) when both are
 * present; otherwise the committed fixture (test/fixtures/plant1, 22 inverters × 8 days), with a note
 * saying so.
 */
export function plant1Inputs(dataDir = PLANT1_DATA_DIR): Plant1Inputs {
  const generation = path.join(dataDir, "Plant_1_Generation_Data.csv");
  const sensor = path.join(dataDir, "Plant_1_Weather_Sensor_Data.csv");
  const missing = [generation, sensor].filter((f) => !fs.existsSync(f));
  if (missing.length === 0) return { dataset: "full", generation, sensor };
  return {
    dataset: "fixture",
    generation: path.join(FIXTURE_DIR, "Plant_1_Generation_Data.2020-06-07_2020-06-14.csv.gz"),
    sensor: path.join(FIXTURE_DIR, "Plant_1_Weather_Sensor_Data.2020-06-07_2020-06-14.csv.gz"),
    note: `${missing.join(", ")} not found (set PLANT1_DATA_DIR): measured on the committed 8-day fixture instead`,
  };
}

/** What one throughput run measured. Times in milliseconds. */
export interface OracleThroughput {
  readonly dataset: Plant1Inputs["dataset"];
  readonly generation: string;
  readonly sensor: string;
  readonly note?: string;
  readonly rows: number;
  readonly deviceDays: number;
  readonly verified: number;
  readonly readMs: number;
  readonly pipelineMs: number;
  /** Device-days verified (all statuses decided) per second of pipeline time, and of read + pipeline. */
  readonly deviceDaysPerSecond: number;
  readonly deviceDaysPerSecondEndToEnd: number;
  readonly summary: Summary;
}

/**
 * Runs the oracle pipeline over the Plant 1 files of `inputs` (generation + on-site sensor; default
 * plant1Inputs(): the full data, else the fixture) and measures device-days per second.
 */
export function measureOracleThroughput(inputs: Plant1Inputs = plant1Inputs()): OracleThroughput {
  const t0 = performance.now();
  const registry = loadDeviceRegistry(REGISTRY);
  const readings = readKaggleGeneration(inputs.generation);
  const sensor = readKaggleSensor(inputs.sensor);
  const t1 = performance.now();
  const { results } = runPipeline(readings, registry, () => sensor);
  const t2 = performance.now();
  const summary = summarize(results);
  return {
    ...inputs,
    rows: readings.length,
    deviceDays: results.length,
    verified: summary.fleet.verified,
    readMs: t1 - t0,
    pipelineMs: t2 - t1,
    deviceDaysPerSecond: results.length / ((t2 - t1) / 1000),
    deviceDaysPerSecondEndToEnd: results.length / ((t2 - t0) / 1000),
    summary,
  };
}

/** The throughput lines the benchmarks print. */
export function formatThroughput(r: OracleThroughput): string {
  return (
    `oracle throughput (${r.dataset === "full" ? "full Plant 1 data" : "Plant 1 FIXTURE, not the full data"}): ` +
    `${r.rows} readings → ${r.deviceDays} device-days (${r.verified} verified)\n` +
    (r.note ? `  note: ${r.note}\n` : "") +
    `  read ${r.readMs.toFixed(0)} ms, verify ${r.pipelineMs.toFixed(0)} ms\n` +
    `  ${r.deviceDaysPerSecond.toFixed(0)} device-days/s (pipeline), ${r.deviceDaysPerSecondEndToEnd.toFixed(0)} device-days/s (read + pipeline)`
  );
}

if (require.main === module) {
  const r = measureOracleThroughput();
  console.log(formatSummary(r.summary));
  console.log(`\n${formatThroughput(r)}`);
}
