/**
 * Gas benchmark: runs every suite in `suites/` once on the in-process Hardhat network, prints a
 * table and writes `reports/gas.json` (operation name → gasUsed). Each suite states its targets;
 * the script reports each one and exits non-zero if one is missed.
 *
 * It also measures the off-chain oracle's throughput (device-days verified per second over the full
 * Plant 1 data in `../shared/data/`, or the committed fixture when that is absent — the output says
 * which) and records it in `reports/gas.json` under the separate key `oracleThroughput` (an object,
 * not a gas figure; it has no target: throughput depends on the machine).
 *
 * Usage: `npm run bench`
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { GasTable, SuiteResult, Target } from "./lib";
import { formatThroughput, measureOracleThroughput } from "./oracle-throughput";
import { foundationSuite } from "./suites/foundation";
import { marketSuite } from "./suites/market";
import { oracleSuite } from "./suites/oracle";
import { poolSuite } from "./suites/pool";

/** The suites, in the order they run. Add a domain's suite here. */
const SUITES: Array<[name: string, run: () => Promise<SuiteResult>]> = [
  ["foundation", foundationSuite],
  ["market", marketSuite],
  ["pool", poolSuite],
  ["oracle", oracleSuite],
];

async function main(): Promise<void> {
  const gas: GasTable = {};
  const targets: Target[] = [];
  for (const [name, run] of SUITES) {
    console.log(`running ${name} …`);
    const result = await run();
    for (const key of Object.keys(result.gas)) {
      if (key in gas) throw new Error(`suite ${name} measures ${key} again`);
    }
    Object.assign(gas, result.gas);
    targets.push(...result.targets);
  }

  console.table(Object.entries(gas).map(([operation, gasUsed]) => ({ operation, gasUsed })));
  let missed = 0;
  for (const { key, limit: given, label } of targets) {
    if (!(key in gas)) throw new Error(`target names ${key}, which no suite measured`);
    const limit = typeof given === "function" ? given(gas) : given;
    if (!Number.isFinite(limit)) throw new Error(`target of ${key} (${label}) names an operation no suite measured`);
    const ok = gas[key] <= limit;
    if (!ok) missed++;
    console.log(`${ok ? "ok  " : "MISS"} ${key} = ${gas[key]} (target ${label}: ${Math.floor(limit)})`);
  }

  console.log("running oracle throughput …");
  const t = measureOracleThroughput();
  console.log(formatThroughput(t));
  const oracleThroughput = {
    dataset: t.dataset,
    generation: path.relative(process.cwd(), t.generation),
    sensor: path.relative(process.cwd(), t.sensor),
    readings: t.rows,
    deviceDays: t.deviceDays,
    verified: t.verified,
    readMs: Math.round(t.readMs),
    pipelineMs: Math.round(t.pipelineMs),
    deviceDaysPerSecond: Math.round(t.deviceDaysPerSecond),
    deviceDaysPerSecondEndToEnd: Math.round(t.deviceDaysPerSecondEndToEnd),
  };

  const out = path.join(__dirname, "..", "..", "reports", "gas.json");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ ...gas, oracleThroughput }, null, 2) + "\n");
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
  if (missed > 0) {
    console.error(`${missed} gas target(s) missed`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
