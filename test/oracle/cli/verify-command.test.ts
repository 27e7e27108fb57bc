import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect } from "chai";
import { UnknownDeviceError, verifyAuditLog, readJson } from "../../../oracle/src/lib";
import { verifyCommand, type VerifyOptions } from "../../../oracle/src/cli/verify-command";
import { NASA, PLANT1_DEVICES, PLANT1_GENERATION, PLANT1_SENSOR, tempDir } from "../helpers/fixtures";

const ROOT = path.join(__dirname, "..", "..", "..");

function options(dir: string, over: Partial<VerifyOptions> = {}): VerifyOptions {
  return {
    readings: [PLANT1_GENERATION],
    readingsFormat: "auto",
    registry: PLANT1_DEVICES,
    sensor: PLANT1_SENSOR,
    sensorFormat: "auto",
    nasaApi: false,
    cacheDir: path.join(dir, "cache"),
    offline: false,
    utcOffsetMinutes: 330,
    intervalS: 900,
    thresholds: {},
    out: path.join(dir, "out", "results.json"),
    auditLog: path.join(dir, "out", "audit.jsonl"),
    now: () => new Date("2020-06-15T00:00:00Z"),
    ...over,
  };
}

describe("oracle verify command", () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());

  it("writes the per-device-day results and an intact audit log (one run entry + one per device-day)", async () => {
    const dir = path.join(tmp.dir, "ok");
    const progress: number[] = [];
    const o = await verifyCommand(options(dir, { onProgress: (done) => progress.push(done) }));
    const written = readJson(o.out).value as { results: unknown[]; summary: { fleet: { verified: number } }; inputs: { sha256: string }[] };
    expect(written.results).to.have.length(176);
    expect(written.summary.fleet.verified).to.equal(o.summary.fleet.verified);
    expect(written.inputs).to.have.length(3);
    expect(progress.at(-1)).to.equal(176);
    expect(verifyAuditLog(o.auditLog)).to.deep.include({ ok: true, entries: 177 });
    expect(o.table).to.contain("FLEET");
    // a second run appends to the same chain
    await verifyCommand(options(dir));
    expect(verifyAuditLog(o.auditLog)).to.deep.include({ ok: true, entries: 354 });
  });

  it("bad input (unknown device) throws naming file, line and field, and writes nothing", async () => {
    const dir = path.join(tmp.dir, "bad");
    const reg = JSON.parse(fs.readFileSync(PLANT1_DEVICES, "utf8"));
    delete reg.devices["1IF53ai7Xc0U56Y"];
    const registry = tmp.file("partial-devices.json", JSON.stringify(reg));
    let err: unknown;
    try {
      await verifyCommand(options(dir, { registry }));
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(UnknownDeviceError);
    expect((err as Error).message).to.equal(
      `${PLANT1_GENERATION}:3 field "SOURCE_KEY": unknown device "1IF53ai7Xc0U56Y": it is not in the device registry`,
    );
    expect(fs.existsSync(dir)).to.equal(false);
  });

  it("verifies against NASA POWER fetched over HTTP, then offline from the cache", async () => {
    // the real hourly series (lat 44.76, lon 7.64, 2025-02-02, W/m²) served by a local server
    const body = fs.readFileSync(path.join(NASA, "nasa_power_v2_hourly_20250202_lat44.76_lon7.64.json"), "utf8");
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits++;
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const nasaBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ghi = [0, 0, 0, 0, 0, 0, 0, 50.25, 184.2, 281.55, 368.3, 406.48, 386.45, 316.05, 210.1, 109.05, 12.9];
      // a 1000 W device producing 0.8 × G W ± 1 W (+1, −1, +1, −1: not stale, same hourly mean) in every 15 minutes of hours 07–16 UTC
      const rows = ghi.flatMap((g, h) =>
        g === 0 ? [] : [0, 15, 30, 45].map((m, i) => `pv-1,2025-02-02T${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:00Z,${0.8 * g + (i % 2 === 0 ? 1 : -1)},W`),
      );
      const readingsFile = tmp.file("pv.csv", "device_id,timestamp,value,unit\n" + rows.join("\n") + "\n");
      const registry = tmp.file("pv-devices.json", JSON.stringify({ devices: { "pv-1": { capacityW: 1000, emissionFactorGPerKWh: 1200, lat: 44.76, lon: 7.64 } } }));
      const dir = path.join(tmp.dir, "nasa");
      const base = options(dir, { readings: [readingsFile], registry, sensor: undefined, nasaApi: true, nasaBaseUrl });
      const online = await verifyCommand(base);
      // energy = Σ 0.8 × G × 1 h = 0.8 × 2325.33 = 1860.264 Wh → 1860 Wh; CO2 = 1860 × 1200 / 1000 = 2232 g
      expect(online.results).to.have.length(1);
      expect(online.results[0]).to.deep.include({ status: "VERIFIED", energyWh: 1860, co2Grams: 2232, irradianceKind: "satellite", meterCheck: "skipped" });
      expect(online.results[0].coverage).to.be.at.least(0.9);
      expect(online.results[0].correlationBps).to.be.at.least(9999);
      const offline = await verifyCommand({ ...base, offline: true, nasaBaseUrl: "http://127.0.0.1:9" });
      // identical results (same evidence hash); only the recorded source URL names the other host
      const strip = (rs: typeof online.results) => rs.map(({ irradianceSource, ...rest }) => ({ ...rest, path: new URL(irradianceSource).pathname }));
      expect(strip(offline.results)).to.deep.equal(strip(online.results));
      expect(hits).to.equal(1);
    } finally {
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    }
  });

  it("the CLI exits non-zero with the file:line field message and writes nothing (mixed units)", () => {
    const bad = tmp.file("mixed.csv", "device_id,timestamp,value,unit\ninv-1,2020-06-07T06:00:00Z,1,kW\ninv-1,2020-06-07T06:15:00Z,900,W\n");
    const reg = tmp.file("reg.json", JSON.stringify({ devices: { "inv-1": { capacityW: 5000, emissionFactorGPerKWh: 1200, lat: 0, lon: 0 } } }));
    const out = path.join(tmp.dir, "cli-out");
    const res = spawnSync(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", "oracle/src/cli/cli.ts", "verify", "-r", bad, "-d", reg, "-s", PLANT1_SENSOR,
        "-o", path.join(out, "r.json"), "-a", path.join(out, "a.jsonl"), "--no-progress"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(res.status).to.equal(1);
    expect(res.stderr).to.contain(`error: ${bad}:3 field "unit": mixed units: expected "kW"`);
    expect(fs.existsSync(out)).to.equal(false);
  });
});
