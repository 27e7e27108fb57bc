/**
 * Oracle node benchmark (`npm run bench:oracle-node`): ingest throughput over HTTP (readings/s)
 * into SQLite, a PostgreSQL server (`postgres://`: OPENTONNE_TEST_PG_URL when set, else as the node
 * tests choose, see test/oracle/node/postgres.ts) and PGlite, verify + post latency of one UTC day of Plant 1's 22
 * inverters against a `hardhat node`, the node's memory, and the `opentonne-oracle verify` CLI end
 * to end on Plant 1 (min / median of 5 runs). Prints a table and writes reports/oracle-node.json.
 * Full Plant 1 from ../shared/data when present (PLANT1_DATA_DIR), else the committed fixture.
 */
import { execFileSync, spawnSync } from "node:child_process";
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import hre from "hardhat";
import { ethers } from "ethers";
import { loadDeviceRegistry } from "../../oracle/src/lib";
import { onChainDeviceId } from "../../oracle/src/lib/post";
import { MRVOracle__factory } from "../../typechain-types";
import { startRpcSystem } from "../../test/helpers/rpc-system";
import { client, plant1Chunks, plant1DevicesJson, startTestNode, TestClock, tmpDir } from "../../test/oracle/node/helpers";
import { freshPgDatabase, PG_SERVER } from "../../test/oracle/node/postgres";
import { PLANT1_DEVICES } from "../../test/oracle/helpers/fixtures";
import { postReadyDays } from "../../oracle/src/node/scheduler/post-days";
import { DEFAULT_READINESS, verifyReadyDays } from "../../oracle/src/node/scheduler/verify-days";
import { plant1Inputs } from "./oracle-throughput";

const ROOT = path.join(__dirname, "..", "..");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function ingestRun(database: string, chunks: ReturnType<typeof plant1Chunks>) {
  const node = await startTestNode(database, { limits: { maxBodyBytes: 16 * 1024 * 1024, maxRows: 100_000 } });
  try {
    const api = client(node.url);
    await api.post("/devices?site=plant1", plant1DevicesJson(), "application/json");
    let rows = 0;
    const t0 = performance.now();
    for (const c of chunks) {
      const r = await api.post("/readings", c.readings);
      if (r.status !== 200) throw new Error(`ingest ${c.date}: ${r.status} ${r.text}`);
      rows += r.body.inserted;
      await api.post("/irradiance?site=plant1", c.sensor);
    }
    const s = (performance.now() - t0) / 1000;
    return { rows, seconds: +s.toFixed(2), readingsPerSecond: Math.round(rows / s), rssMB: mb(process.memoryUsage().rss) };
  } finally {
    await node.close();
  }
}

async function verifyPostDay(engine: string, database: string, chunks: ReturnType<typeof plant1Chunks>) {
  const net = await startRpcSystem(hre);
  try {
    const { accounts, deployment } = net.sys;
    const mrv = MRVOracle__factory.connect(deployment.oracle, accounts.deviceRegistrar);
    const pool = new ethers.Contract(deployment.pool, ["function openPeriod(uint8 kind, uint40 timestamp) returns (uint256)"], accounts.manager);
    const day = chunks[1].date;
    await (await pool.openPeriod(0, BigInt(Date.parse(`${day}T00:00:00Z`) / 1000))).wait();
    const registry = loadDeviceRegistry(PLANT1_DEVICES);
    for (const id of registry.keys()) {
      const d = registry.get(id)!;
      const input = { owner: await accounts.alice.getAddress(), latMicroDeg: Math.round(d.lat * 1e6), lonMicroDeg: Math.round(d.lon * 1e6), capacityW: BigInt(d.capacityW), emissionFactorGPerKWh: d.emissionFactorGPerKWh };
      await (await mrv.registerDevice(onChainDeviceId(id), input)).wait();
    }
    // Warm-up: the days before `day` are verified and posted first; then exactly UTC day `day` is ready.
    const clock = new TestClock(Date.parse(`${day}T12:00:00Z`));
    const node = await startTestNode(database, { now: clock.now });
    const poster = { oracle: deployment.oracle, relayer: accounts.oracleSigner, signers: [accounts.oracleSigner], batchSize: 50 };
    try {
      const api = client(node.url);
      await api.post("/devices?site=plant1", plant1DevicesJson(), "application/json");
      for (const c of chunks.slice(0, 3)) {
        await api.post("/readings", c.readings);
        await api.post("/irradiance?site=plant1", c.sensor);
      }
      await verifyReadyDays(node.store.db, { nowS: Math.floor(clock.ms / 1000), now: clock.now(), rule: DEFAULT_READINESS });
      await postReadyDays(node.store.db, poster, Math.floor(clock.ms / 1000), clock.now());
      clock.ms = Date.parse(`${chunks[2].date}T12:00:00Z`);
      const nowS = Math.floor(clock.ms / 1000);
      const t0 = performance.now();
      const v = await verifyReadyDays(node.store.db, { nowS, now: clock.now(), rule: DEFAULT_READINESS });
      const t1 = performance.now();
      const p = await postReadyDays(node.store.db, poster, nowS, clock.now());
      const t2 = performance.now();
      const days = Object.values(v.verified).reduce((a, b) => a + b, 0);
      return { engine, deviceDays: days, verified: v.verified, posted: p.posted, batches: p.batches, verifyMs: Math.round(t1 - t0), postMs: Math.round(t2 - t1) };
    } finally {
      await node.close();
    }
  } finally {
    await net.stop();
  }
}

/** `npx opentonne-oracle verify` end to end: wall time, and CPU time (user + sys, from /usr/bin/time when present: on a shared machine wall time includes waiting for a core). */
function cliRuns(generation: string, sensor: string, runs = 5) {
  const tmp = tmpDir();
  const wall: number[] = [];
  const cpu: number[] = [];
  const timeBin = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
  try {
    for (let i = 0; i < runs; i++) {
      const args = ["--no-install", "opentonne-oracle", "verify", "-r", generation, "-s", sensor, "-d", PLANT1_DEVICES, "-o", path.join(tmp.dir, "r.json"), "-a", path.join(tmp.dir, `a${i}.jsonl`), "--no-progress"];
      const t0 = performance.now();
      const r = spawnSync(timeBin ?? "npx", timeBin ? ["-f", "CPU %U %S", "npx", ...args] : args, { cwd: ROOT, encoding: "utf8" });
      wall.push((performance.now() - t0) / 1000);
      if (r.status !== 0) throw new Error(`opentonne-oracle verify failed: ${r.stderr}`);
      const m = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
      if (m) cpu.push(Number(m[1]) + Number(m[2]));
    }
  } finally {
    tmp.cleanup();
  }
  const stat = (xs: number[]) => (xs.length ? { min: +Math.min(...xs).toFixed(2), median: +median(xs).toFixed(2) } : null);
  return { wallSeconds: stat(wall), cpuSeconds: stat(cpu), runs, loadAverage: os.loadavg()[0] };
}

async function main() {
  const inputs = plant1Inputs();
  const chunks = plant1Chunks(inputs.generation, inputs.sensor);
  const tmp = tmpDir();
  try {
    execFileSync(process.execPath, [path.join(ROOT, "oracle", "build.mjs")], { cwd: ROOT });
    // PostgreSQL server: OPENTONNE_TEST_PG_URL (a real server, e.g. Debian's cluster as CI starts
    // it), else a throwaway initdb server (fsync=off), else PGlite over the wire — named in the report.
    const onServer = async <T>(fn: (url: string) => Promise<T>): Promise<T> => {
      const pg = await freshPgDatabase();
      try {
        return await fn(pg.url);
      } finally {
        await pg.drop();
      }
    };
    const ingest = {
      sqlite: await ingestRun(`sqlite:${path.join(tmp.dir, "bench.db")}`, chunks),
      postgres: await onServer((url) => ingestRun(url, chunks)),
      pglite: await ingestRun(`pglite:${path.join(tmp.dir, "pg")}`, chunks),
    };
    const day = {
      sqlite: await verifyPostDay("sqlite", `sqlite:${path.join(tmp.dir, "day.db")}`, chunks),
      postgres: await onServer((url) => verifyPostDay("postgres", url, chunks)),
      pglite: await verifyPostDay("pglite", `pglite:${path.join(tmp.dir, "day-pg")}`, chunks),
    };
    const cli = cliRuns(inputs.generation, inputs.sensor);
    const report = { dataset: inputs.dataset, chunks: chunks.length, postgresServer: PG_SERVER.label, ingest, verifyPostOneDay: day, cliVerify: cli, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) };
    fs.mkdirSync(path.join(ROOT, "reports"), { recursive: true });
    fs.writeFileSync(path.join(ROOT, "reports", "oracle-node.json"), JSON.stringify(report, null, 2) + "\n");
    console.log(`Plant 1 (${inputs.dataset}, ${chunks.length} daily chunks over HTTP); postgres: ${PG_SERVER.label}`);
    for (const [e, r] of Object.entries(ingest)) console.log(`  ingest ${e.padEnd(8)}: ${r.rows} readings in ${r.seconds} s = ${r.readingsPerSecond} readings/s (rss ${r.rssMB} MB)`);
    for (const [e, r] of Object.entries(day)) console.log(`  verify+post one day (${e}): ${r.deviceDays} device-days, verify ${r.verifyMs} ms, post ${r.postMs} ms (${r.posted} reports, ${r.batches} batch)`);
    console.log(
      `  opentonne-oracle verify (npx, end to end, ${cli.runs} runs, load average ${cli.loadAverage.toFixed(1)}): wall min ${cli.wallSeconds?.min} s / median ${cli.wallSeconds?.median} s; ` +
        `CPU min ${cli.cpuSeconds?.min ?? "n/a"} s / median ${cli.cpuSeconds?.median ?? "n/a"} s`,
    );
    console.log(`  peak RSS of the benchmark process: ${report.peakRssMB} MB`);
  } finally {
    tmp.cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
