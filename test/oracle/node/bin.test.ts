import { expect } from "chai";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../../helpers/node";
import { PLANT1_DEVICES, PLANT1_GENERATION, PLANT1_SENSOR } from "../helpers/fixtures";
import { API_KEY, client, plant1Chunks, plant1DevicesJson, plant1Library, tmpDir } from "./helpers";

const ROOT = path.resolve(__dirname, "..", "..", "..");

/**
 * The installed `opentonne-oracle` bin (the esbuild bundle, rebuilt here from the current sources):
 * `verify` gives the library's results; `serve` survives a kill -9 in the middle of an ingest —
 * after a restart every acknowledged reading is there, the interrupted request is all or nothing,
 * and the audit chain verifies.
 */
describe("opentonne-oracle bin", function () {
  const tmp = tmpDir();
  before(() => {
    execFileSync(process.execPath, [path.join(ROOT, "oracle", "build.mjs")], { cwd: ROOT });
  });
  after(() => tmp.cleanup());

  it("`npx opentonne-oracle verify` (same options as `npm run oracle -- verify`) writes the library's results", () => {
    const out = path.join(tmp.dir, "results.json");
    const stdout = execFileSync("npx", ["--no-install", "opentonne-oracle", "verify", "-r", PLANT1_GENERATION, "-s", PLANT1_SENSOR, "-d", PLANT1_DEVICES, "-o", out, "-a", path.join(tmp.dir, "audit.jsonl"), "--no-progress"], { cwd: ROOT, encoding: "utf8" });
    expect(stdout).to.contain(`${plant1Library().results.length} device-days`);
    const written = JSON.parse(fs.readFileSync(out, "utf8")) as { results: unknown[] };
    expect(written.results).to.deep.equal(JSON.parse(JSON.stringify(plant1Library().results)));
    const help = execFileSync("npx", ["--no-install", "opentonne-oracle", "--help"], { cwd: ROOT, encoding: "utf8" });
    expect(help).to.match(/verify \[options\]/).and.match(/post \[options\]/).and.match(/serve \[options\]/);
  });

  it("`serve`: kill -9 during an ingest, restart: no acknowledged reading lost, the cut request all or nothing", async () => {
    const db = `sqlite:${path.join(tmp.dir, "crash.db")}`;
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = { ...process.env, ORACLE_NODE_API_KEYS: API_KEY, ORACLE_NODE_DB: db, ORACLE_NODE_SCHEDULE_S: "0", ORACLE_ADDRESS: "" };
    const start = async (): Promise<ChildProcess> => {
      const child = spawn(process.execPath, [path.join(ROOT, "oracle", "bin", "opentonne-oracle.cjs"), "serve", "--port", String(port)], { cwd: tmp.dir, env, stdio: "ignore" });
      for (let i = 0; i < 200; i++) {
        if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return child;
        await new Promise((r) => setTimeout(r, 100));
      }
      child.kill("SIGKILL");
      throw new Error("serve did not answer within 20 s");
    };
    const killed = (child: ChildProcess) => new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
    const chunks = plant1Chunks();
    const api = client(url);
    let child = await start();
    const acked: number[] = [];
    try {
      expect((await api.post("/devices?site=plant1", plant1DevicesJson(), "application/json")).status).to.equal(200);
      for (let i = 0; i < 3; i++) {
        const r = await api.post("/readings", chunks[i].readings);
        expect(r.status).to.equal(200);
        acked.push(r.body.inserted);
      }
      // The 4th request is cut by kill -9 while the node is reading or storing it.
      const cut = api.post("/readings", chunks[3].readings).then((r) => r.status, () => "cut");
      await new Promise((r) => setTimeout(r, 15));
      await killed(child);
      await cut;
    } finally {
      child.kill("SIGKILL");
    }
    child = await start();
    try {
      for (let i = 0; i < 3; i++) {
        const again = await api.post("/readings", chunks[i].readings);
        expect(again.body, `chunk ${i}`).to.include({ inserted: 0, duplicates: acked[i] });
      }
      const fourth = await api.post("/readings", chunks[3].readings);
      expect(fourth.status).to.equal(200);
      expect([0, fourth.body.rows]).to.include(fourth.body.inserted);
      const audit = await api.get("/audit/verify");
      expect(audit.body.ok).to.equal(true);
    } finally {
      await killed(child);
    }
  });
});
