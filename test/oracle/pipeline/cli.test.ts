import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { UnknownDeviceError, verifyAuditLog, readJson } from "../../../sdk/oracle";
import { verifyCommand, type VerifyOptions } from "../../../scripts/oracle/verify-command";
import { PLANT1_DEVICES, PLANT1_GENERATION, PLANT1_SENSOR, tempDir } from "../helpers/fixtures";

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

  it("the CLI exits non-zero with the file:line field message and writes nothing (mixed units)", () => {
    const bad = tmp.file("mixed.csv", "device_id,timestamp,value,unit\ninv-1,2020-06-07T06:00:00Z,1,kW\ninv-1,2020-06-07T06:15:00Z,900,W\n");
    const reg = tmp.file("reg.json", JSON.stringify({ devices: { "inv-1": { capacityW: 5000, emissionFactorGPerKWh: 1200, lat: 0, lon: 0 } } }));
    const out = path.join(tmp.dir, "cli-out");
    const res = spawnSync(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", "scripts/oracle/cli.ts", "verify", "-r", bad, "-d", reg, "-s", PLANT1_SENSOR,
        "-o", path.join(out, "r.json"), "-a", path.join(out, "a.jsonl"), "--no-progress"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(res.status).to.equal(1);
    expect(res.stderr).to.contain(`error: ${bad}:3 field "unit": mixed units: expected "kW"`);
    expect(fs.existsSync(out)).to.equal(false);
  });
});
