import { expect } from "chai";
import path from "node:path";
import { API_KEY, client, plant1Chunks, plant1DevicesJson, startTestNode, tmpDir } from "./helpers";
import type { RunningNode } from "../../../oracle/src/node/node";
import { freshPgDatabase, PG_SERVER, type TestPgDatabase } from "./postgres";

/**
 * The oracle node's HTTP API without a chain, on every engine (a real SQLite file, a PostgreSQL
 * server through `postgres://` — the one named in the title, see ./postgres.ts — and PGlite in-process):
 * write auth, per-request limits, malformed bodies, idempotent and conflicting ingests — each
 * refusal a clear 4xx naming the row or interval, with nothing stored.
 */
const ENGINES = ["sqlite", "postgres", "pglite"] as const;
for (const engine of ENGINES) {
  describe(`oracle node API (${engine === "postgres" ? `postgres://: ${PG_SERVER.label}` : engine})`, function () {
    let node: RunningNode;
    let pg: TestPgDatabase | undefined;
    const tmp = tmpDir();
    const chunks = plant1Chunks();
    const api = () => client(node.url);
    const count = async (table: "readings" | "irradiance" | "audit" | "devices") =>
      Number((await node.store.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

    before(async () => {
      if (engine === "postgres") pg = await freshPgDatabase();
      const database = { sqlite: `sqlite:${path.join(tmp.dir, "node.db")}`, postgres: pg?.url ?? "", pglite: `pglite:${path.join(tmp.dir, "pg")}` }[engine];
      node = await startTestNode(database, { limits: { maxBodyBytes: 512 * 1024, maxRows: 3000 } });
    });
    after(async () => {
      await node?.close();
      await pg?.drop();
      tmp.cleanup();
    });

    it("serves health, readiness (database), the OpenAPI document and Prometheus metrics", async () => {
      expect((await api().get("/health")).body).to.deep.equal({ ok: true });
      const ready = await api().get("/ready");
      expect(ready.status).to.equal(200);
      expect(ready.body.checks).to.deep.equal({ database: "ok" });
      const doc = (await api().get("/openapi.json")).body;
      expect(doc.openapi).to.match(/^3\./);
      expect(Object.keys(doc.paths)).to.include.members(["/readings", "/irradiance", "/devices", "/results", "/summary", "/devices/{id}/audit/{date}", "/ready", "/metrics"]);
      const metrics = await api().get("/metrics");
      expect(metrics.text).to.contain("oracle_device_days").and.contain("process_resident_memory_bytes");
    });

    it("refuses writes without a key (401) or with a wrong key (403), storing nothing", async () => {
      const none = await client(node.url, null).post("/devices", plant1DevicesJson(), "application/json");
      expect(none.status).to.equal(401);
      const wrong = await client(node.url, "not-the-operator-key-000").post("/devices", plant1DevicesJson(), "application/json");
      expect(wrong.status).to.equal(403);
      const viaHeader = await client(node.url, null).post("/devices", plant1DevicesJson(), "application/json", { "x-api-key": "wrong-wrong-wrong-wrong" });
      expect(viaHeader.status).to.equal(403);
      expect(await count("devices")).to.equal(0);
      expect(await count("audit")).to.equal(0);
    });

    it("registers devices (idempotently) on a site", async () => {
      const first = await api().post("/devices?site=plant1", plant1DevicesJson(), "application/json");
      expect(first.status, first.text).to.equal(200);
      expect(first.body).to.deep.equal({ created: 22, updated: 0, unchanged: 0 });
      const again = await api().post("/devices?site=plant1", plant1DevicesJson(), "application/json");
      expect(again.body).to.deep.equal({ created: 0, updated: 0, unchanged: 22 });
      const list = (await api().get("/devices")).body.devices;
      expect(list).to.have.length(22);
      expect(list[0]).to.include({ site: "plant1", emissionFactorGPerKWh: 1200 });
    });

    it("a malformed device registry is a 400 naming the line and field", async () => {
      const res = await api().post("/devices", '{ "devices": {\n "x1": { "capacityW": -5, "emissionFactorGPerKWh": 1200, "lat": 1, "lon": 1 } } }', "application/json");
      expect(res.status).to.equal(400);
      expect(res.body).to.include({ row: 2, field: "devices.x1.capacityW" });
      expect(await count("devices")).to.equal(22);
    });

    it("ingests a day's readings and irradiance; re-ingesting them is idempotent", async () => {
      const day = chunks[0];
      const r = await api().post("/readings", day.readings);
      expect(r.status, r.text).to.equal(200);
      expect(r.body).to.include({ rows: 2112 - (2112 - r.body.rows), inserted: r.body.rows, duplicates: 0 });
      const s = await api().post("/irradiance?site=plant1", day.sensor);
      expect(s.status, s.text).to.equal(200);
      expect(s.body.inserted).to.equal(s.body.rows);
      const stored = await count("readings");
      const again = await api().post("/readings", day.readings);
      expect(again.body).to.include({ rows: r.body.rows, inserted: 0, duplicates: r.body.rows });
      expect(await count("readings")).to.equal(stored);
      const againS = await api().post("/irradiance?site=plant1", day.sensor);
      expect(againS.body).to.include({ inserted: 0, duplicates: s.body.rows });
    });

    it("refuses a conflicting duplicate with 409 naming the interval and row, storing nothing of the request", async () => {
      const day = chunks[1];
      const lines = day.readings.trimEnd().split("\n");
      const ok = await api().post("/readings", `${lines[0]}\n${lines[1]}\n`);
      expect(ok.status).to.equal(200);
      // The same interval with another AC_POWER, after a new row that must not be stored either.
      const cols = lines[1].split(",");
      cols[4] = String(Number(cols[4]) + 1);
      const before = await count("readings");
      const res = await api().post("/readings", `${lines[0]}\n${lines[2]}\n${cols.join(",")}\n`);
      expect(res.status).to.equal(409);
      expect(res.body.row).to.equal(3);
      expect(res.body.interval).to.include({ key: cols[2] });
      expect(res.body.message).to.contain("conflicting duplicate").and.contain(res.body.interval.start);
      expect(await count("readings")).to.equal(before);
    });

    it("refuses an overlapping interval (409) and an unknown device (422)", async () => {
      const overlap = await api().post("/readings?format=generic", `device_id,timestamp,value,unit,interval_s\n${plant1Id()},2020-06-07T00:05:00Z,10,W,900\n`);
      expect(overlap.status).to.equal(409);
      expect(overlap.body.message).to.contain("overlaps");
      const unknown = await api().post("/readings?format=generic", "device_id,timestamp,value,unit\nnope,2020-06-20T00:00:00Z,1,W\n");
      expect(unknown.status).to.equal(422);
      expect(unknown.body).to.include({ row: 2, field: "device_id" });
    });

    it("malformed bodies are a 400 naming the row and field; empty, oversized and too-long bodies are refused", async () => {
      const before = await count("readings");
      const bad = await api().post("/readings", "DATE_TIME,PLANT_ID,SOURCE_KEY,DC_POWER,AC_POWER,DAILY_YIELD,TOTAL_YIELD\n15-06-2020 00:00,1,x,0,abc,0,0\n");
      expect(bad.status).to.equal(400);
      expect(bad.body).to.include({ row: 2, field: "AC_POWER" });
      expect(bad.body.message).to.match(/^readings-\S+:2 field "AC_POWER"/);
      const json = await api().post("/readings?format=json", '[{"deviceId": 1}]', "application/json");
      expect(json.status).to.equal(400);
      expect((await api().post("/readings", "   ")).status).to.equal(422);
      const huge = await api().post("/readings", "x".repeat(600 * 1024));
      expect(huge.status).to.equal(413);
      const many = await api().post("/readings", chunks[2].readings + chunks[3].readings.split("\n").slice(1).join("\n"));
      expect(many.status).to.equal(413);
      expect(many.body.message).to.contain("at most 3000 per request");
      expect((await api().post("/readings?format=xml", "a")).status).to.equal(422);
      expect(await count("readings")).to.equal(before);
    });

    it("records every acknowledged ingest in the audit chain, which verifies", async () => {
      const v = (await api().get("/audit/verify")).body;
      expect(v.ok).to.equal(true);
      const entries = (await api().get("/audit")).body.entries;
      expect(entries.length).to.equal(v.entries);
      expect(entries.filter((e: { payload: { type: string } }) => e.payload.type === "ingest").length).to.equal(5);
    });

    it("answers 404 for an unknown device or result", async () => {
      expect((await api().get("/devices/nope")).status).to.equal(404);
      expect((await api().get(`/results/${plant1Id()}/2020-06-07`)).status).to.equal(404);
      expect((await api().get("/results?status=BAD")).status).to.equal(400);
    });
  });
}

function plant1Id(): string {
  return Object.keys((JSON.parse(plant1DevicesJson()) as { devices: Record<string, unknown> }).devices).sort()[0];
}
void API_KEY;

/**
 * CORS for the web app (docs/app.md): a page on another origin may read the public GET routes, and
 * never gets CORS headers for a write (so a browser refuses to send one cross-origin).
 */
describe("oracle node API: CORS for public reads only", function () {
  const tmp = tmpDir();
  let any: RunningNode;
  let listed: RunningNode;
  const APP = "http://app.example:5173";
  before(async () => {
    any = await startTestNode(`sqlite:${path.join(tmp.dir, "cors-any.db")}`);
    listed = await startTestNode(`sqlite:${path.join(tmp.dir, "cors-listed.db")}`, { corsOrigins: [APP] });
  });
  after(async () => {
    await any?.close();
    await listed?.close();
    tmp.cleanup();
  });
  const preflight = (url: string, method: string, origin = APP) =>
    fetch(`${url}/summary`, { method: "OPTIONS", headers: { origin, "access-control-request-method": method, "access-control-request-headers": "authorization,content-type" } });

  it("allows any origin to GET by default, and answers a GET preflight", async () => {
    const res = await fetch(`${any.url}/summary`, { headers: { origin: APP } });
    expect(res.status).to.equal(200);
    expect(res.headers.get("access-control-allow-origin")).to.equal("*");
    const pre = await preflight(any.url, "GET");
    expect(pre.status).to.equal(204);
    expect(pre.headers.get("access-control-allow-origin")).to.equal("*");
    expect(pre.headers.get("access-control-allow-methods")).to.equal("GET, HEAD");
  });

  it("gives a write, and a write's preflight, no CORS header (the API key is still required)", async () => {
    const pre = await preflight(any.url, "POST");
    expect(pre.headers.get("access-control-allow-origin")).to.equal(null);
    const post = await fetch(`${any.url}/devices`, { method: "POST", headers: { origin: APP, "content-type": "application/json" }, body: plant1DevicesJson() });
    expect(post.status).to.equal(401);
    expect(post.headers.get("access-control-allow-origin")).to.equal(null);
  });

  it("with a list of origins, allows those and no other", async () => {
    const ok = await fetch(`${listed.url}/devices`, { headers: { origin: APP } });
    expect(ok.headers.get("access-control-allow-origin")).to.equal(APP);
    const other = await fetch(`${listed.url}/devices`, { headers: { origin: "http://evil.example" } });
    expect(other.status).to.equal(200); // the answer is public; the browser just may not hand it to that page
    expect(other.headers.get("access-control-allow-origin")).to.equal(null);
  });
});
