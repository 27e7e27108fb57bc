import { expect } from "chai";
import path from "node:path";
import hre from "hardhat";
import { ethers } from "ethers";
import { OpenTonne, type ReportStatusName } from "../../../sdk";
import { loadDeviceRegistry, type DeviceDayResult } from "../../../oracle/src/lib";
import { onChainDeviceId, postReports } from "../../../oracle/src/lib/post";
import { MRVOracle__factory } from "../../../typechain-types";
import { startRpcSystem, type RpcNetwork } from "../../helpers/rpc-system";
import { Kind, utc } from "../../pool/fixtures";
import type { RunningNode } from "../../../oracle/src/node/node";
import type { PosterConfig } from "../../../oracle/src/node/scheduler/post-days";
import { client, comparable, devicesJson, PLANT1, PLANT2, plantChunks, plantLibrary, startTestNode, TestClock, tmpDir, type Chunk } from "./helpers";
import { freshPgDatabase, PG_SERVER, type TestPgDatabase } from "./postgres";

/**
 * The oracle node end to end against one `hardhat node` (JSON-RPC) shared by every case (each starts
 * from the same EVM snapshot), on a real SQLite file and on a PostgreSQL server (`postgres://`, the
 * server named in the title; see ./postgres.ts): Plant 1 (the honest plant) and Plant 2 (the faulty
 * one) are ingested over HTTP in daily chunks, interleaved by date as two plants' loggers would
 * send them, while the clock advances; the scheduler verifies each UTC day once it is complete and
 * posts the statuses in EIP-712 signed batches; the node's results equal the library's over the
 * same files, and so do the on-chain reports read through the SDK — Plant 2's faulty days included,
 * which are not VERIFIED.
 */
const PLANTS = [PLANT1, PLANT2];
const SDK_STATUS: Record<DeviceDayResult["status"], ReportStatusName> = { VERIFIED: "Verified", FLAGGED: "Flagged", PENDING: "Pending" };
const key = (r: { deviceId: string; day: number }) => `${r.deviceId}/${r.day}`;

describe(`oracle node end to end (hardhat node; PostgreSQL: ${PG_SERVER.label})`, function () {
  let net: RpcNetwork;
  const tmp = tmpDir();
  // The library's results over both plants, in the node's order (device id bytewise, then day).
  const lib = PLANTS.map(plantLibrary);
  const libResults = lib.flatMap((l) => l.results).sort((a, b) => (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : a.day - b.day));
  const nightOnlyDays = lib.reduce((n, l) => n + l.nightOnlyDays, 0);
  const chunks: Chunk[] = PLANTS.flatMap(plantChunks).sort((a, b) => a.date.localeCompare(b.date) || a.plant.site.localeCompare(b.plant.site));
  const plant1Ids = [...loadDeviceRegistry(PLANT1.devices).keys()].sort();
  const plant2Ids = new Set(loadDeviceRegistry(PLANT2.devices).keys());
  // The last Plant 1 inverter is left unregistered on-chain: its days must wait as not-postable.
  const unregistered = plant1Ids.at(-1)!;
  let poster: PosterConfig;
  let pg: TestPgDatabase | undefined;

  before(async () => {
    net = await startRpcSystem(hre);
    const { accounts, deployment } = net.sys;
    const mrv = MRVOracle__factory.connect(deployment.oracle, accounts.deviceRegistrar);
    const pool = new ethers.Contract(deployment.pool, ["function openPeriod(uint8 kind, uint40 timestamp) returns (uint256)"], accounts.manager);
    // Q2 2020 holds both plants' days (Plant 2: May 27 and 31, June 11; Plant 1: June 7–14).
    await (await pool.openPeriod(Kind.Quarterly, utc(2020, 6, 15))).wait();
    const owners = [accounts.alice, accounts.bob, accounts.carol];
    let i = 0;
    for (const plant of PLANTS) {
      const registry = loadDeviceRegistry(plant.devices);
      for (const id of [...registry.keys()].sort()) {
        if (id === unregistered) continue;
        const d = registry.get(id)!;
        const tx = await mrv.registerDevice(onChainDeviceId(id), {
          owner: await owners[i++ % 3].getAddress(),
          latMicroDeg: Math.round(d.lat * 1e6),
          lonMicroDeg: Math.round(d.lon * 1e6),
          capacityW: BigInt(d.capacityW),
          emissionFactorGPerKWh: d.emissionFactorGPerKWh,
        });
        await tx.wait();
      }
    }
    poster = { oracle: deployment.oracle, relayer: accounts.oracleSigner, signers: [accounts.oracleSigner], batchSize: 50 };
    snapshot = await net.provider.send("evm_snapshot", []);
  });
  // Each test starts from the same chain: devices registered, Q2 2020 open, nothing reported.
  let snapshot: string;
  beforeEach(async () => {
    await net.provider.send("evm_revert", [snapshot]);
    snapshot = await net.provider.send("evm_snapshot", []);
  });
  afterEach(async () => {
    await pg?.drop();
    pg = undefined;
  });
  after(async () => {
    await net?.stop();
    tmp.cleanup();
  });

  /** Registers both plants' devices on their sites. */
  async function registerDevices(node: RunningNode) {
    for (const plant of PLANTS) {
      const r = await client(node.url).post(`/devices?site=${plant.site}`, devicesJson(plant), "application/json");
      expect(r.status, r.text).to.equal(200);
    }
  }

  /** Ingests chunks over HTTP, running a scheduler pass after each with the clock an hour after the chunk's local day end. */
  async function feed(node: RunningNode, clock: TestClock, list: readonly Chunk[]) {
    const api = client(node.url);
    for (const c of list) {
      const r = await api.post("/readings", c.readings);
      expect(r.status, r.text).to.equal(200);
      const s = await api.post(`/irradiance?site=${c.plant.site}`, c.sensor);
      expect(s.status, s.text).to.equal(200);
      clock.ms = Math.max(clock.ms, Date.parse(`${c.date}T23:59:00+05:30`) + 3600_000);
      const pass = await api.post("/scheduler/run", "");
      expect(pass.status, pass.text).to.equal(200);
    }
  }

  const engines: { name: string; database: () => Promise<string> }[] = [
    { name: "SQLite file", database: async () => `sqlite:${path.join(tmp.dir, "e2e.db")}` },
    {
      name: "postgres://",
      database: async () => {
        pg = await freshPgDatabase();
        return pg.url;
      },
    },
  ];

  for (const engine of engines) {
    it(`${engine.name}: ingests Plant 1 and Plant 2 in daily chunks, verifies each day once complete, posts; results and on-chain reports (SDK) equal the library's, Plant 2's faulty days not VERIFIED`, async () => {
      const clock = new TestClock(0);
      const node = await startTestNode(await engine.database(), { poster, now: clock.now });
      try {
        const api = client(node.url);
        await registerDevices(node);
        // After the first three chunks, the first UTC day is complete (a later day's data started); the third chunk's day waits.
        await feed(node, clock, chunks.slice(0, 3));
        const early = (await api.get("/results")).body.results as { date: string }[];
        expect(early.length).to.be.greaterThan(0);
        expect(early.map((r) => r.date).filter((d) => d >= chunks[2].date), `${chunks.map((c) => c.date)}`).to.deep.equal([]);
        await feed(node, clock, chunks.slice(3));
        // The last UTC day is verified once its deadline passes.
        clock.ms += 3 * 86_400_000;
        await api.post("/scheduler/run", "");

        type Got = ReturnType<typeof comparable> & { deviceId: string; day: number; post: { state: string; txHash: string | null; error: string | null } };
        const got = (await api.get("/results?limit=10000")).body.results as Got[];
        expect(got.map((r) => comparable(r as never))).to.deep.equal(libResults.map(comparable));
        expect((await api.get("/results?status=NIGHT_ONLY&limit=10000")).body.results.length).to.equal(nightOnlyDays);

        // Posted: every device-day of a registered device has its tx hash; the unregistered one's wait with the reason.
        for (const r of got) {
          if (r.deviceId === unregistered) {
            expect(r.post.state).to.equal("not-postable");
            expect(r.post.error).to.contain("not registered");
          } else {
            expect(r.post.state, key(r)).to.equal("posted");
            expect(r.post.txHash).to.match(/^0x[0-9a-f]{64}$/);
          }
        }
        // On-chain, read through the SDK: one report per posted device-day, with the library's status, energy, grams and evidence.
        const ot = await OpenTonne.connect(net.provider, { addresses: net.sys.deployment, checkCode: false });
        const onChain = new Map((await ot.oracle.reportHistory()).map((e) => [`${e.deviceId}/${e.day}`, e]));
        const posted = libResults.filter((r) => r.deviceId !== unregistered);
        expect(onChain.size).to.equal(posted.length);
        for (const r of posted) {
          const e = onChain.get(`${onChainDeviceId(r.deviceId)}/${r.day}`);
          expect(e, key(r)).to.not.equal(undefined);
          expect([e!.status, e!.energyWh, e!.co2Grams, e!.evidenceHash], key(r)).to.deep.equal([SDK_STATUS[r.status], BigInt(r.energyWh), BigInt(r.co2Grams), r.evidenceHash]);
        }
        const never = libResults.find((r) => r.deviceId === unregistered)!;
        expect((await ot.oracle.getReport(onChainDeviceId(never.deviceId), never.day)).status).to.equal("None");
        // Plant 2: each of its three UTC days has faulty device-days (meter resets and decreases, outages); none of them is Verified on-chain.
        const faulty = posted.filter((r) => plant2Ids.has(r.deviceId) && r.status !== "VERIFIED");
        expect(new Set(faulty.map((r) => r.date))).to.deep.equal(new Set(["2020-05-27", "2020-05-31", "2020-06-11"]));
        for (const r of faulty) {
          const rec = await ot.oracle.getReport(onChainDeviceId(r.deviceId), r.day);
          expect(rec.status, key(r)).to.not.equal("Verified");
          expect(rec.status).to.equal(SDK_STATUS[r.status]);
          expect(rec.periodId).to.equal(0n);
        }
        expect(posted.some((r) => plant2Ids.has(r.deviceId) && r.status === "VERIFIED"), "Plant 2 has honest days too").to.equal(true);

        // Each device-day was verified once: one audit entry per device-day, and the chain verifies.
        const audit = (await api.get("/audit?limit=5000")).body.entries as { payload: { type: string } }[];
        expect(audit.filter((e) => e.payload.type === "device-day").length).to.equal(libResults.length + nightOnlyDays);
        expect(audit.filter((e) => e.payload.type === "post").length).to.be.greaterThan(0);
        expect((await api.get("/audit/verify")).body.ok).to.equal(true);
        // Summary, per-device audit, readiness with RPC, metrics.
        const summary = (await api.get("/summary")).body;
        expect(summary.fleet.days).to.equal(libResults.length);
        const first = libResults[0];
        const day = (await api.get(`/devices/${first.deviceId}/audit/${first.date}`)).body;
        expect(day.result.evidenceHash).to.equal(first.evidenceHash);
        expect(day.power).to.have.length(first.readings);
        expect(day.irradiance.kind).to.equal("sensor");
        expect(day.thresholds.minCorrelation).to.equal(0.9);
        expect(day.auditEntry.payload).to.include({ type: "device-day", evidenceHash: first.evidenceHash });
        expect((await api.get("/ready")).body.checks).to.include({ database: "ok" }).and.to.have.property("rpc").that.matches(/^ok/);
        expect((await api.get("/metrics")).text).to.match(/oracle_device_days\{status="VERIFIED",post_state="posted"\} \d+/);
        // Late data for a sealed day are refused.
        const late = await api.post("/readings?format=generic", `device_id,timestamp,value,unit\n${first.deviceId},${first.date}T23:59:59Z,5,W\n`);
        expect(late.status).to.equal(409);
        expect(late.body.message).to.contain("already verified");
      } finally {
        await node.close();
      }
    });
  }

  // On postgres:// (a fresh database on the running server costs a fraction of a second; PGlite
  // in-process, seconds to create, is covered by the API suite).
  it("postgres://: resumes after a crash without double-posting, and retries RPC failures with backoff", async () => {
    const clock = new TestClock(0);
    pg = await freshPgDatabase();
    const db = pg.url;
    const plant1 = plantChunks(PLANT1);
    const lib1All = plantLibrary(PLANT1).results;
    // 1. RPC down: the node verifies, posting fails and is scheduled for a retry.
    const dead = new ethers.JsonRpcProvider("http://127.0.0.1:9", undefined, { staticNetwork: ethers.Network.from(31337) });
    const deadPoster: PosterConfig = { ...poster, relayer: new ethers.Wallet(ethers.Wallet.createRandom().privateKey, dead), backoffS: 60 };
    let node = await startTestNode(db, { poster: deadPoster, now: clock.now, provider: dead });
    try {
      const api = client(node.url);
      await api.post("/devices?site=plant1", devicesJson(PLANT1), "application/json");
      await feed(node, clock, plant1.slice(0, 2));
      expect((await api.get("/ready")).status).to.equal(503);
      const failed = (await api.get("/results?postState=failed")).body.results as { post: { attempts: number; error: string } }[];
      expect(failed.length).to.be.greaterThan(0);
      expect(failed.every((r) => r.post.attempts >= 1 && r.post.error.length > 0)).to.equal(true);
    } finally {
      await node.close();
    }
    // 2. Someone (a node that crashed before recording) already posted the first device-days.
    node = await startTestNode(db, { now: clock.now });
    const waiting = (await client(node.url).get("/results?postState=failed")).body.results as { deviceId: string; day: number }[];
    await node.close();
    const lib1 = lib1All.filter((r) => waiting.some((w) => w.deviceId === r.deviceId && w.day === r.day)).slice(0, 10);
    await postReports({ oracle: poster.oracle, relayer: poster.relayer, signers: poster.signers, results: lib1 });
    // 3. Restarted with the RPC up, after the backoff: posts the rest, marks the pre-posted ones posted, sends nothing twice.
    clock.ms += 3600_000;
    node = await startTestNode(db, { poster, now: clock.now });
    try {
      const api = client(node.url);
      const pass = (await api.post("/scheduler/run", "")).body;
      expect(pass.post.alreadyOnChain).to.equal(lib1.length);
      expect(pass.post.posted).to.equal(waiting.length - lib1.length - waiting.filter((w) => w.deviceId === unregistered).length);
      const again = (await api.post("/scheduler/run", "")).body;
      expect(again.post.posted).to.equal(0);
      expect(again.post.batches).to.equal(0);
      const pre = (await api.get(`/results/${lib1[0].deviceId}/${lib1[0].date}`)).body;
      expect(pre.post.state).to.equal("posted");
      expect(pre.post.error).to.contain("found on-chain");
    } finally {
      await node.close();
    }
  });
});
