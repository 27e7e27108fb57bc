import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import {
  MalformedRowError,
  InvalidValueError,
  MixedUnitsError,
  TimestampOrderError,
  UnknownDeviceError,
  OracleInputError,
  readKaggleGeneration,
  utcDay,
} from "../../../oracle/src/lib";
import { InvalidEnvError, MissingEnvError, postCommand, type PostCommandOptions } from "../../../oracle/src/cli/post-command";
import { onChainDeviceId } from "../../../oracle/src/lib/post";
import { PLANT1_DEVICES, PLANT1_GENERATION, PLANT1_SENSOR, tempDir } from "../helpers/fixtures";
import { postSystem, type PostSystem } from "../helpers/post";

const ROOT = path.join(__dirname, "..", "..", "..");
/** One real inverter of the Plant 1 fixture, and two of its UTC days. */
const INVERTER = "1IF53ai7Xc0U56Y";
const HEADER = "device_id,timestamp,value,unit";

/** Its real readings on the fixture's second and third UTC days, as generic CSV rows (kW, ISO 8601 UTC). */
function realRows(): { rows: string[]; days: number[] } {
  const readings = readKaggleGeneration(PLANT1_GENERATION).filter((r) => r.deviceId === INVERTER);
  const first = utcDay(readings[0].t);
  const days = [first + 1, first + 2];
  const rows = readings
    .filter((r) => days.includes(utcDay(r.t)))
    .map((r) => `${INVERTER},${new Date(r.t * 1000).toISOString().replace(".000Z", "Z")},${r.acPowerW / 1000},kW`);
  return { rows, days };
}

describe("oracle post command (the CLI's entry point) on the in-process network", () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());
  const { rows, days } = realRows();
  let n = 0;

  /** Writes a generic CSV (header + rows) and returns its path; the bad row's line is its index + 2. */
  const csv = (body: string[]) => tmp.file(`readings-${++n}.csv`, [HEADER, ...body].join("\n") + "\n");

  function options(ctx: PostSystem, readings: string, over: Partial<PostCommandOptions> = {}): PostCommandOptions {
    const out = path.join(tmp.dir, `out-${++n}`);
    return {
      readings: [readings],
      readingsFormat: "auto",
      registry: PLANT1_DEVICES,
      sensor: PLANT1_SENSOR,
      sensorFormat: "auto",
      nasaApi: false,
      cacheDir: path.join(out, "cache"),
      offline: false,
      utcOffsetMinutes: 330,
      intervalS: 900,
      thresholds: {},
      out: path.join(out, "results.json"),
      auditLog: path.join(out, "audit.jsonl"),
      now: () => new Date("2020-06-15T00:00:00Z"),
      batchSize: 10,
      provider: ethers.provider,
      env: { ORACLE_SIGNER_PRIVATE_KEYS: ctx.keySigner.privateKey, ORACLE_ADDRESS: ctx.mrvAddress },
      ...over,
    };
  }

  async function reported(ctx: PostSystem): Promise<boolean[]> {
    return Promise.all(days.map((d) => ctx.mrv.isReported(onChainDeviceId(INVERTER), d)));
  }

  it("posts the real readings of one inverter (2 device-days) with the env key, then a re-run posts nothing", async () => {
    const ctx = await loadFixture(postSystem);
    const o = await postCommand(options(ctx, csv(rows)));
    expect(o.verify.results.map((r) => r.day)).to.deep.equal(days);
    expect(o.post.posted).to.have.length(2);
    expect(o.post.batches).to.have.length(1);
    const tx = await ethers.provider.getTransaction(o.post.batches[0].txHash!);
    expect(tx!.from).to.equal(ctx.keySigner.address); // no relayer key: the first signer key pays gas
    expect(await reported(ctx)).to.deep.equal([true, true]);
    expect(o.postText).to.contain(`Posted 2 of 2 device-days in 1 batch(es) to MRVOracle ${ctx.mrvAddress}`);
    expect(o.verify.table).to.contain("FLEET");

    const block = await ethers.provider.getBlockNumber();
    const again = await postCommand(options(ctx, csv(rows)));
    expect(again.post.posted).to.have.length(0);
    expect(again.post.alreadyOnChain).to.have.length(2);
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("a separate relayer key pays gas; the signer key only signs", async () => {
    const ctx = await loadFixture(postSystem);
    const relayer = ethers.Wallet.createRandom();
    await ethers.provider.send("hardhat_setBalance", [relayer.address, "0xde0b6b3a7640000"]);
    const env = { ORACLE_SIGNER_PRIVATE_KEYS: ctx.keySigner.privateKey, ORACLE_RELAYER_PRIVATE_KEY: relayer.privateKey, ORACLE_ADDRESS: ctx.mrvAddress };
    const o = await postCommand(options(ctx, csv(rows), { env }));
    const tx = await ethers.provider.getTransaction(o.post.batches[0].txHash!);
    expect(tx!.from).to.equal(relayer.address);
    expect(await reported(ctx)).to.deep.equal([true, true]);
  });

  it("--dry-run verifies, signs and simulates but sends no transaction", async () => {
    const ctx = await loadFixture(postSystem);
    const block = await ethers.provider.getBlockNumber();
    const o = await postCommand(options(ctx, csv(rows), { dryRun: true }));
    expect(o.post.posted).to.have.length(2);
    expect(o.postText).to.match(/^DRY RUN — nothing sent\. Would post 2 of 2 device-days in 1 batch\(es\)/);
    expect(o.postText).to.contain(`${INVERTER} `);
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    expect(await reported(ctx)).to.deep.equal([false, false]);
  });

  describe("bad input stops with a message naming file, line and field, and posts nothing", () => {
    // Each case: the real rows with one defect at a known line. Without it the file posts (test above).
    const mid = 20; // a daylight row of the first day
    const at = (i: number) => i + 2; // file line of rows[i] (line 1 is the header)
    const replaceValue = (row: string, value: string) => row.split(",").map((c, i) => (i === 2 ? value : c)).join(",");
    const cases: Array<{
      name: string;
      body: () => string[];
      error: new (...args: never[]) => OracleInputError;
      line: number;
      field: string;
      detail: string;
    }> = [
      {
        name: "malformed row (a column missing)",
        body: () => rows.map((r, i) => (i === mid ? r.split(",").slice(0, 3).join(",") : r)),
        error: MalformedRowError,
        line: at(mid),
        field: "unit",
        detail: "malformed CSV row: missing (the row has 3 of the 4 columns)",
      },
      {
        name: "negative value",
        body: () => rows.map((r, i) => (i === mid ? replaceValue(r, "-3.5") : r)),
        error: InvalidValueError,
        line: at(mid),
        field: "value",
        detail: 'negative value (got "-3.5")',
      },
      {
        name: "non-numeric value",
        body: () => rows.map((r, i) => (i === mid ? replaceValue(r, "12x5") : r)),
        error: InvalidValueError,
        line: at(mid),
        field: "value",
        detail: 'not a number (got "12x5")',
      },
      {
        name: "unknown device",
        body: () => rows.map((r, i) => (i === mid ? r.replace(INVERTER, "NOT_AN_INVERTER") : r)),
        error: UnknownDeviceError,
        line: at(mid),
        field: "device_id",
        detail: 'unknown device "NOT_AN_INVERTER": it is not in the device registry',
      },
      {
        name: "timestamps out of order",
        body: () => {
          const b = [...rows];
          [b[mid], b[mid + 1]] = [b[mid + 1], b[mid]];
          return b;
        },
        error: TimestampOrderError,
        line: at(mid + 1),
        field: "timestamp",
        detail: "is not after the previous one",
      },
      {
        name: "mixed units",
        body: () => rows.map((r, i) => (i === mid ? r.replace(/,([0-9.e-]+),kW$/, (_m, v: string) => `,${Number(v) * 1000},W`) : r)),
        error: MixedUnitsError,
        line: at(mid),
        field: "unit",
        detail: 'mixed units: expected "kW" like the rest of the input, found "W"',
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const ctx = await loadFixture(postSystem);
        const file = csv(c.body());
        const opts = options(ctx, file);
        const block = await ethers.provider.getBlockNumber();
        let err: unknown;
        try {
          await postCommand(opts);
        } catch (e) {
          err = e;
        }
        expect(err).to.be.instanceOf(c.error);
        const e = err as OracleInputError;
        expect([e.file, e.line, e.field]).to.deep.equal([file, c.line, c.field]);
        expect(e.message.startsWith(`${file}:${c.line} field "${c.field}": `), e.message).to.equal(true);
        expect(e.message).to.contain(c.detail);
        // nothing posted (no transaction, neither day on-chain) and nothing written
        expect(await ethers.provider.getBlockNumber()).to.equal(block);
        expect(await reported(ctx)).to.deep.equal([false, false]);
        expect(fs.existsSync(path.dirname(opts.out))).to.equal(false);
      });
    }

    const envCases: Array<[name: string, env: (ctx: PostSystem) => Record<string, string>, variable: string]> = [
      ["missing env: no signer key (ORACLE_SIGNER_PRIVATE_KEYS)", (ctx) => ({ ORACLE_ADDRESS: ctx.mrvAddress }), "ORACLE_SIGNER_PRIVATE_KEYS"],
      ["missing env: no oracle address (ORACLE_ADDRESS)", (ctx) => ({ ORACLE_SIGNER_PRIVATE_KEYS: ctx.keySigner.privateKey }), "ORACLE_ADDRESS"],
      ["missing env: empty signer key", (ctx) => ({ ORACLE_ADDRESS: ctx.mrvAddress, ORACLE_SIGNER_PRIVATE_KEYS: "  " }), "ORACLE_SIGNER_PRIVATE_KEYS"],
    ];
    for (const [name, env, variable] of envCases) {
      it(name, async () => {
        const ctx = await loadFixture(postSystem);
        const opts = options(ctx, csv(rows), { env: env(ctx) });
        const block = await ethers.provider.getBlockNumber();
        let err: unknown;
        try {
          await postCommand(opts);
        } catch (e) {
          err = e;
        }
        expect(err).to.be.instanceOf(MissingEnvError);
        expect((err as MissingEnvError).variable).to.equal(variable);
        expect((err as Error).message).to.match(new RegExp(`^missing environment variable ${variable}\\b`));
        expect(await ethers.provider.getBlockNumber()).to.equal(block);
        expect(await reported(ctx)).to.deep.equal([false, false]);
        expect(fs.existsSync(path.dirname(opts.out))).to.equal(false);
      });
    }

    it("wrong chain: ORACLE_CHAIN_ID differs from the RPC's chain → InvalidEnvError naming it; nothing posted or written", async () => {
      const ctx = await loadFixture(postSystem);
      const env = { ORACLE_SIGNER_PRIVATE_KEYS: ctx.keySigner.privateKey, ORACLE_ADDRESS: ctx.mrvAddress, ORACLE_CHAIN_ID: "11155111" };
      const opts = options(ctx, csv(rows), { env });
      const block = await ethers.provider.getBlockNumber();
      let err: unknown;
      try {
        await postCommand(opts);
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(InvalidEnvError);
      expect((err as InvalidEnvError).variable).to.equal("ORACLE_CHAIN_ID");
      expect((err as Error).message).to.match(/^environment variable ORACLE_CHAIN_ID: expected chain 11155111, but .* serves chain 31337$/);
      expect(await ethers.provider.getBlockNumber()).to.equal(block);
      expect(await reported(ctx)).to.deep.equal([false, false]);
      expect(fs.existsSync(path.dirname(opts.out))).to.equal(false);
    });

    it("a malformed signer key names the variable, not the key", async () => {
      const ctx = await loadFixture(postSystem);
      const secretish = "0x" + "ab".repeat(31); // 31 bytes: not a key
      const opts = options(ctx, csv(rows), { env: { ORACLE_ADDRESS: ctx.mrvAddress, ORACLE_SIGNER_PRIVATE_KEYS: `${ctx.keySigner.privateKey},${secretish}` } });
      const block = await ethers.provider.getBlockNumber();
      await expect(postCommand(opts)).to.be.rejectedWith(
        "environment variable ORACLE_SIGNER_PRIVATE_KEYS: key #2 is not a 32-byte hex private key",
      );
      await expect(postCommand(opts)).to.not.be.rejectedWith(secretish);
      expect(await ethers.provider.getBlockNumber()).to.equal(block);
      expect(await reported(ctx)).to.deep.equal([false, false]);
    });

    it("the CLI exits 1 with `error: missing environment variable …` and writes nothing", () => {
      const out = path.join(tmp.dir, "cli-out");
      const env = { ...process.env, ORACLE_SIGNER_PRIVATE_KEYS: "", ORACLE_ADDRESS: "0x0000000000000000000000000000000000000001" };
      const res = spawnSync(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", "oracle/src/cli/cli.ts", "post", "-r", csv(rows), "-d", PLANT1_DEVICES, "-s", PLANT1_SENSOR,
          "-o", path.join(out, "r.json"), "-a", path.join(out, "a.jsonl"), "--no-progress"],
        { cwd: ROOT, encoding: "utf8", env },
      );
      expect(res.status).to.equal(1);
      expect(res.stderr).to.contain("error: missing environment variable ORACLE_SIGNER_PRIVATE_KEYS");
      expect(fs.existsSync(out)).to.equal(false);
    });
  });
});
