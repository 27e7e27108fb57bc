import { expect } from "chai";
import path from "node:path";
import hre from "hardhat";
import { ethers } from "ethers";
import { loadDeviceRegistry } from "../../../oracle/src/lib";
import { onChainDeviceId, postReports, REPORT_STATUS } from "../../../oracle/src/lib/post";
import { MRVOracle__factory } from "../../../typechain-types";
import { startRpcSystem, type RpcNetwork } from "../../helpers/rpc-system";
import { PLANT1_DEVICES } from "../helpers/fixtures";
import { Kind, utc } from "../../pool/fixtures";
import type { RunningNode } from "../../../oracle/src/node/node";
import type { PosterConfig } from "../../../oracle/src/node/scheduler/post-days";
import { client, comparable, plant1Chunks, plant1DevicesJson, plant1Library, startTestNode, TestClock, tmpDir } from "./helpers";

/**
 * The oracle node end to end against a `hardhat node` (JSON-RPC), on a real SQLite file and on
 * PGlite: Plant 1 is ingested over HTTP in daily chunks while the clock advances; the scheduler
 * verifies each UTC day once it is complete and posts the statuses in EIP-712 signed batches; the
 * node's results equal the library's over the whole files, and so do the on-chain reports.
 */
describe("oracle node end to end (hardhat node)", function () {
  let net: RpcNetwork;
  const tmp = tmpDir();
  const lib = plant1Library();
  const chunks = plant1Chunks();
  let poster: PosterConfig;

  before(async () => {
    net = await startRpcSystem(hre);
    const { accounts, deployment } = net.sys;
    const mrv = MRVOracle__factory.connect(deployment.oracle, accounts.deviceRegistrar);
    const pool = new ethers.Contract(deployment.pool, ["function openPeriod(uint8 kind, uint40 timestamp) returns (uint256)"], accounts.manager);
    await (await pool.openPeriod(Kind.Monthly, utc(2020, 6, 15))).wait();
    const owners = [accounts.alice, accounts.bob, accounts.carol];
    const registry = loadDeviceRegistry(PLANT1_DEVICES);
    const ids = [...registry.keys()].sort();
    for (const [i, id] of ids.entries()) {
      const d = registry.get(id)!;
      // The last inverter is left unregistered on-chain: its days must wait as not-postable.
      if (i === ids.length - 1) continue;
      const tx = await mrv.registerDevice(onChainDeviceId(id), {
        owner: await owners[i % 3].getAddress(),
        latMicroDeg: Math.round(d.lat * 1e6),
        lonMicroDeg: Math.round(d.lon * 1e6),
        capacityW: BigInt(d.capacityW),
        emissionFactorGPerKWh: d.emissionFactorGPerKWh,
      });
      await tx.wait();
    }
    poster = { oracle: deployment.oracle, relayer: accounts.oracleSigner, signers: [accounts.oracleSigner], batchSize: 50 };
    snapshot = await net.provider.send("evm_snapshot", []);
  });
  // Each test starts from the same chain: devices registered, June 2020 open, nothing reported.
  let snapshot: string;
  beforeEach(async () => {
    await net.provider.send("evm_revert", [snapshot]);
    snapshot = await net.provider.send("evm_snapshot", []);
  });
  after(async () => {
    await net?.stop();
    tmp.cleanup();
  });

  /** Ingests every chunk over HTTP, running a scheduler pass after each with the clock at the chunk's local day end. */
  async function feed(node: RunningNode, clock: TestClock, from = 0, to = chunks.length) {
    const api = client(node.url);
    for (const c of chunks.slice(from, to)) {
      expect((await api.post("/readings", c.readings)).status).to.equal(200);
      expect((await api.post("/irradiance?site=plant1", c.sensor)).status).to.equal(200);
      clock.ms = Date.parse(`${c.date}T23:59:00+05:30`) + 3600_000;
      const pass = await api.post("/scheduler/run", "");
      expect(pass.status, pass.text).to.equal(200);
    }
  }

  const unregistered = () => [...loadDeviceRegistry(PLANT1_DEVICES).keys()].sort().at(-1)!;

  it("SQLite: ingests Plant 1 in daily chunks, verifies each day once complete, posts; results and on-chain reports equal the library's", async () => {
    const clock = new TestClock(0);
    const node = await startTestNode(`sqlite:${path.join(tmp.dir, "e2e.db")}`, { poster, now: clock.now });
    try {
      const api = client(node.url);
      expect((await api.post("/devices?site=plant1", plant1DevicesJson(), "application/json")).status).to.equal(200);
      // After the first three local days, UTC days up to the second are complete; the third waits for the next day's data.
      await feed(node, clock, 0, 3);
      const early = (await api.get("/results")).body.results as { date: string }[];
      expect(early.length).to.be.greaterThan(0);
      expect(early.map((r) => r.date).filter((d) => d >= chunks[2].date), `${chunks.map((c) => c.date)}`).to.deep.equal([]);
      await feed(node, clock, 3);
      // The last UTC day is verified once its deadline passes.
      clock.ms += 3 * 86_400_000;
      await api.post("/scheduler/run", "");

      const got = (await api.get("/results?limit=10000")).body.results as (ReturnType<typeof comparable> & { post: { state: string; txHash: string | null } })[];
      const mine = got.map((r) => comparable(r as never));
      const theirs = lib.results.map(comparable);
      expect(mine.length).to.equal(theirs.length);
      for (let i = 0; i < mine.length; i++) expect(mine[i], `device-day ${i}`).to.deep.equal(theirs[i]);
      const night = (await api.get("/results?status=NIGHT_ONLY")).body.results;
      expect(night.length).to.equal(lib.nightOnlyDays);

      // Posted: every device-day of a registered device has its tx hash; the unregistered one's wait with the reason.
      for (const r of got as unknown as { deviceId: string; post: { state: string; txHash: string | null; error: string | null } }[]) {
        if (r.deviceId === unregistered()) {
          expect(r.post.state).to.equal("not-postable");
          expect(r.post.error).to.contain("not registered");
        } else {
          expect(r.post.state).to.equal("posted");
          expect(r.post.txHash).to.match(/^0x[0-9a-f]{64}$/);
        }
      }
      // On-chain: the status in the state, the values in the ReportSubmitted events.
      const mrv = MRVOracle__factory.connect(net.sys.deployment.oracle, net.provider);
      const events = new Map(
        (await mrv.queryFilter(mrv.filters.ReportSubmitted(), 0)).map((e) => [`${e.args.deviceId}/${e.args.day}`, e.args]),
      );
      expect(events.size).to.equal(lib.results.filter((r) => r.deviceId !== unregistered()).length);
      for (const r of lib.results) {
        const rec = await mrv.getReport(onChainDeviceId(r.deviceId), r.day);
        if (r.deviceId === unregistered()) {
          expect(rec.status).to.equal(0n);
          continue;
        }
        const e = events.get(`${onChainDeviceId(r.deviceId)}/${r.day}`)!;
        expect([rec.status, e.status, e.energyWh, e.co2Grams, e.evidenceHash]).to.deep.equal([
          BigInt(REPORT_STATUS[r.status]),
          BigInt(REPORT_STATUS[r.status]),
          BigInt(r.energyWh),
          BigInt(r.co2Grams),
          r.evidenceHash,
        ]);
      }
      // Each device-day was verified once: one audit entry per device-day, and the chain verifies.
      const audit = (await api.get("/audit?limit=5000")).body.entries as { payload: { type: string } }[];
      expect(audit.filter((e) => e.payload.type === "device-day").length).to.equal(lib.results.length + lib.nightOnlyDays);
      expect(audit.filter((e) => e.payload.type === "post").length).to.be.greaterThan(0);
      expect((await api.get("/audit/verify")).body.ok).to.equal(true);
      // Summary, per-device audit, readiness with RPC, metrics.
      const summary = (await api.get("/summary")).body;
      expect(summary.fleet.days).to.equal(lib.results.length);
      const first = lib.results[0];
      const day = (await api.get(`/devices/${first.deviceId}/audit/${first.date}`)).body;
      expect(day.result.evidenceHash).to.equal(first.evidenceHash);
      expect(day.power).to.have.length(first.readings);
      expect(day.irradiance.kind).to.equal("sensor");
      expect(day.thresholds.minCorrelation).to.equal(0.9);
      expect(day.auditEntry.payload).to.include({ type: "device-day", evidenceHash: first.evidenceHash });
      expect((await api.get("/ready")).body.checks.rpc).to.match(/^ok/);
      expect((await api.get("/metrics")).text).to.match(/oracle_device_days\{status="VERIFIED",post_state="posted"\} \d+/);
      // Late data for a sealed day are refused.
      const late = await api.post("/readings?format=generic", `device_id,timestamp,value,unit\n${first.deviceId},${first.date}T23:59:59Z,5,W\n`);
      expect(late.status).to.equal(409);
      expect(late.body.message).to.contain("already verified");
    } finally {
      await node.close();
    }
  });

  it("PGlite: resumes after a crash without double-posting, and retries RPC failures with backoff", async () => {
    const clock = new TestClock(0);
    const db = `pglite:${path.join(tmp.dir, "pg")}`;
    // 1. RPC down: the node verifies, posting fails and is scheduled for a retry.
    const dead = new ethers.JsonRpcProvider("http://127.0.0.1:9", undefined, { staticNetwork: ethers.Network.from(31337) });
    const deadPoster: PosterConfig = { ...poster, relayer: new ethers.Wallet(ethers.Wallet.createRandom().privateKey, dead), backoffS: 60 };
    let node = await startTestNode(db, { poster: deadPoster, now: clock.now, provider: dead });
    try {
      const api = client(node.url);
      await api.post("/devices?site=plant1", plant1DevicesJson(), "application/json");
      await feed(node, clock, 0, 2);
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
    const lib1 = lib.results.filter((r) => waiting.some((w) => w.deviceId === r.deviceId && w.day === r.day)).slice(0, 10);
    await postReports({ oracle: poster.oracle, relayer: poster.relayer, signers: poster.signers, results: lib1 });
    // 3. Restarted with the RPC up, after the backoff: posts the rest, marks the pre-posted ones posted, sends nothing twice.
    clock.ms += 3600_000;
    node = await startTestNode(db, { poster, now: clock.now });
    try {
      const api = client(node.url);
      const pass = (await api.post("/scheduler/run", "")).body;
      expect(pass.post.alreadyOnChain).to.equal(lib1.length);
      expect(pass.post.posted).to.equal(waiting.length - lib1.length - waiting.filter((w) => w.deviceId === unregistered()).length);
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
