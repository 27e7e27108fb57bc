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
} from "../../sdk/oracle";

/** Where the full real Plant 1 data lives (override with PLANT1_DATA_DIR). */
export const PLANT1_DATA_DIR = process.env.PLANT1_DATA_DIR ?? path.join(__dirname, "..", "..", "..", "shared", "data");
const REGISTRY = path.join(__dirname, "..", "..", "test", "fixtures", "plant1", "devices.json");

/** What one throughput run measured. Times in milliseconds. */
export interface OracleThroughput {
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
 * Runs the oracle over the FULL Kaggle Plant 1 files (generation + on-site sensor) and measures
 * device-days per second. Returns `{ skipped: reason }` when the data are not present.
 */
export function measureOracleThroughput(dataDir = PLANT1_DATA_DIR): OracleThroughput | { skipped: string } {
  const gen = path.join(dataDir, "Plant_1_Generation_Data.csv");
  const sen = path.join(dataDir, "Plant_1_Weather_Sensor_Data.csv");
  for (const f of [gen, sen]) if (!fs.existsSync(f)) return { skipped: `${f} not found (set PLANT1_DATA_DIR)` };
  const t0 = performance.now();
  const registry = loadDeviceRegistry(REGISTRY);
  const readings = readKaggleGeneration(gen);
  const sensor = readKaggleSensor(sen);
  const t1 = performance.now();
  const { results } = runPipeline(readings, registry, () => sensor);
  const t2 = performance.now();
  const summary = summarize(results);
  return {
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

if (require.main === module) {
  const r = measureOracleThroughput();
  if ("skipped" in r) {
    console.log(`oracle throughput: skipped — ${r.skipped}`);
  } else {
    console.log(formatSummary(r.summary));
    console.log(
      `\noracle throughput (full Plant 1): ${r.rows} readings → ${r.deviceDays} device-days (${r.verified} verified)\n` +
        `  read ${r.readMs.toFixed(0)} ms, verify ${r.pipelineMs.toFixed(0)} ms\n` +
        `  ${r.deviceDaysPerSecond.toFixed(0)} device-days/s (pipeline), ${r.deviceDaysPerSecondEndToEnd.toFixed(0)} device-days/s (read + pipeline)`,
    );
  }
}
