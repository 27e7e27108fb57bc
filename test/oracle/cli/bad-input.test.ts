import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { expect } from "chai";
import { InputFileError, IrradiancePeriodError, MalformedRowError, SiteMismatchError, OracleInputError } from "../../../oracle/src/lib";
import { verifyCommand, type VerifyOptions } from "../../../oracle/src/cli/verify-command";
import { PLANT1_DEVICES, PLANT1_GAP_SENSOR, PLANT1_GENERATION, PLANT1_SENSOR, PLANT2_GENERATION, PLANT2_SENSOR, tempDir } from "../helpers/fixtures";

const ROOT = path.join(__dirname, "..", "..", "..");

/**
 * The cross-file mistakes that used to pass silently (exit 0): each must stop the run with a typed
 * one-line error naming file, line and field (or both time ranges) and leave the results and the
 * audit log exactly as they were.
 */
describe("oracle verify: bad input stops the run and writes nothing", () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());
  const out = path.join(tmp.dir, "out", "results.json");
  const auditLog = path.join(tmp.dir, "out", "audit.jsonl");
  const options = (over: Partial<VerifyOptions> = {}): VerifyOptions => ({
    readings: [PLANT1_GENERATION], readingsFormat: "auto", registry: PLANT1_DEVICES, sensor: PLANT1_SENSOR, sensorFormat: "auto",
    nasaApi: false, cacheDir: path.join(tmp.dir, "cache"), offline: false, utcOffsetMinutes: 330, intervalS: 900, thresholds: {},
    out, auditLog, now: () => new Date("2020-06-15T00:00:00Z"), ...over,
  });
  const snapshot = () => [out, auditLog, `${auditLog}.head`].map((f) => (fs.existsSync(f) ? fs.readFileSync(f, "utf8") : null));

  async function expectRefused<E extends OracleInputError>(over: Partial<VerifyOptions>, ctor: new (...a: never[]) => E): Promise<E> {
    const before = snapshot();
    let err: unknown;
    try {
      await verifyCommand(options(over));
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(ctor);
    expect((err as Error).message).to.not.contain("\n");
    expect(snapshot()).to.deep.equal(before);
    return err as E;
  }

  before(async () => {
    await verifyCommand(options()); // a good run first: results and audit log exist and must not change
  });

  it("another plant's sensor file (PLANT_ID 4136001 vs 4135001)", async () => {
    const e = await expectRefused({ sensor: PLANT2_SENSOR }, SiteMismatchError);
    expect(e.message).to.equal(
      `${PLANT1_GENERATION}:2 field "PLANT_ID": plant/site "4135001" of the readings differs from "4136001" of the irradiance (${PLANT2_SENSOR}:2 field "PLANT_ID"): files of two different plants`,
    );
  });

  it("a sensor file of another period, naming both ranges", async () => {
    const e = await expectRefused({ sensor: PLANT1_GAP_SENSOR }, IrradiancePeriodError);
    expect(e.message).to.match(new RegExp(`^${PLANT1_GAP_SENSOR}: irradiance covers 2020-05-21 … 2020-05-21 \\(UTC days\\) but the daylight readings of 1BY6WEcLGh8j5v7 run 2020-06-07 … 2020-06-14 `));
  });

  it("a readings file cut inside its last field", async () => {
    const text = zlib.gunzipSync(fs.readFileSync(PLANT2_GENERATION)).toString("utf8").split("\n").slice(0, 30).join("\n");
    const cut = tmp.file("cut.csv", text.slice(0, text.lastIndexOf(",") + 4));
    const e = await expectRefused({ readings: [cut], sensor: PLANT2_SENSOR }, MalformedRowError);
    expect([e.line, e.field]).to.deep.equal([30, "TOTAL_YIELD"]);
  });

  it("a missing input file", async () => {
    await expectRefused({ readings: [path.join(tmp.dir, "missing.csv")] }, InputFileError);
  });

  it("a readings file cut mid-afternoon is reported, not credited: its last day is PENDING truncated-day", async () => {
    const lines = zlib.gunzipSync(fs.readFileSync(PLANT1_GENERATION)).toString("utf8").split("\n");
    // keep everything up to 14-06-2020 15:00 local (09:30Z): the fixture's last UTC day stops mid-afternoon
    const cut = tmp.file("afternoon.csv", lines.filter((l, i) => i === 0 || (l !== "" && !/^1[45]-06-2020 (1[5-9]:(?!00)|1[6-9]|2)/.test(l) && !/^15-06-2020/.test(l))).join("\n") + "\n");
    const o = await verifyCommand(options({ readings: [cut], out: path.join(tmp.dir, "cut", "r.json"), auditLog: path.join(tmp.dir, "cut", "a.jsonl") }));
    const last = o.results.filter((r) => r.date === "2020-06-14");
    expect(last).to.have.length(22);
    for (const r of last) expect([r.status, r.faults.includes("truncated-day")], r.deviceId).to.deep.equal(["PENDING", true]);
    expect(o.faultCounts["truncated-day"].days).to.equal(22);
    expect(o.results.filter((r) => r.date < "2020-06-14" && r.faults.includes("truncated-day"))).to.have.length(0);
  });

  it("the CLI exits 1 with one line naming the file, no stack trace", function () {
    this.timeout(60_000);
    const missing = path.join(tmp.dir, "missing.csv");
    const r = spawnSync(
      process.execPath,
      [require.resolve("ts-node/dist/bin.js"), "--transpile-only", "oracle/src/cli/cli.ts", "verify", "-r", missing, "-s", PLANT1_SENSOR, "-d", PLANT1_DEVICES, "-o", out, "-a", auditLog, "--no-progress"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(r.status).to.equal(1);
    expect(r.stderr.trim()).to.equal(`error: ${missing}: cannot read the file: no such file`);
  });
});
