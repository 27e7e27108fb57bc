import { expect } from "chai";
import { InvalidEnvError } from "../../../oracle/src/cli/env-errors";
import { openDatabase } from "../../../oracle/src/node/db/open";
import { DatabaseUnreachableError } from "../../../oracle/src/node/db/postgres";
import type { RunningNode } from "../../../oracle/src/node/node";
import { nodeConfigFromEnv } from "../../../oracle/src/serve";
import { freePort } from "../../helpers/node";
import { API_KEY, client, plant1Chunks, plant1DevicesJson, startTestNode } from "./helpers";
import { freshPgDatabase, PG_SERVER, tcpProxy, type TestPgDatabase } from "./postgres";

/**
 * What is particular to a PostgreSQL server (`postgres://`, the server named in the title; see
 * ./postgres.ts): a server that cannot be reached is a typed error naming the URL with its password
 * redacted; TLS options reach the driver; readiness follows the server going away and coming back;
 * concurrent ingests through the connection pool are serialised, so duplicates and conflicts are
 * still told apart exactly (no 500, nothing counted twice); the `ORACLE_NODE_PG_*` settings.
 */
describe(`oracle node on a PostgreSQL server (${PG_SERVER.label})`, function () {
  let pg: TestPgDatabase;
  before(async () => {
    pg = await freshPgDatabase();
  });
  after(async () => {
    await pg?.drop();
  });

  it("an unreachable server is a DatabaseUnreachableError naming the URL, password redacted", async () => {
    const port = await freePort();
    const url = `postgres://oracle:s3cret-password@127.0.0.1:${port}/oracle`;
    let caught: unknown;
    try {
      await startTestNode(url, { postgres: { connectTimeoutMs: 2000 } });
    } catch (err) {
      caught = err;
    }
    expect(caught).to.be.instanceOf(DatabaseUnreachableError);
    const e = caught as DatabaseUnreachableError;
    expect(e.url).to.equal(`postgres://oracle:***@127.0.0.1:${port}/oracle`);
    expect(e.message).to.contain(e.url).and.contain("ECONNREFUSED").and.not.contain("s3cret");
    // postgresql:// is the same scheme.
    const other = await openDatabase(url.replace("postgres:", "postgresql:")).catch((err: unknown) => err);
    expect(other).to.be.instanceOf(DatabaseUnreachableError);
    expect((other as Error).message).to.not.contain("s3cret");
  });

  it("TLS settings reach the driver: verify-full against this test server is refused (no TLS, or a self-signed certificate)", async () => {
    const err = await openDatabase(pg.url, { postgres: { ssl: "verify-full", connectTimeoutMs: 3000 } }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(DatabaseUnreachableError);
    // A server says why (no TLS, or a certificate it cannot verify); pglite-socket does not speak TLS
    // at all, so its answer to the TLS request is a dropped or unanswered connection.
    if (PG_SERVER.kind !== "pglite-socket") expect((err as Error).message).to.match(/SSL|certificate|TLS/i);
  });

  describe("one node on the server", () => {
    let node: RunningNode;
    let proxy: Awaited<ReturnType<typeof tcpProxy>>;
    const idleErrors: Error[] = [];
    const chunks = plant1Chunks();
    before(async () => {
      const u = new URL(pg.url);
      proxy = await tcpProxy({ host: u.hostname, port: Number(u.port) });
      u.host = `127.0.0.1:${proxy.port}`;
      node = await startTestNode(u.toString(), { postgres: { poolMax: 8, connectTimeoutMs: 2000 }, onDatabaseIdleError: (e) => idleErrors.push(e) });
      expect((await client(node.url).post("/devices?site=plant1", plant1DevicesJson(), "application/json")).status).to.equal(200);
    });
    after(async () => {
      await node?.close();
      await proxy?.close();
    });
    const count = async () => Number((await node.store.db.selectFrom("readings").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

    it("concurrent ingests of the same day through the pool: each reading stored once, every request 200", async () => {
      const api = client(node.url);
      const answers = await Promise.all(Array.from({ length: 6 }, () => api.post("/readings", chunks[0].readings)));
      expect(answers.map((a) => a.status), answers.map((a) => a.text).join("\n")).to.deep.equal(Array(6).fill(200));
      const rows = answers[0].body.rows as number;
      expect(answers.reduce((n, a) => n + (a.body.inserted as number), 0)).to.equal(rows);
      expect(answers.reduce((n, a) => n + (a.body.duplicates as number), 0)).to.equal(5 * rows);
      expect(await count()).to.equal(rows);
      expect((await api.get("/audit/verify")).body).to.include({ ok: true });
    });

    it("concurrent conflicting ingests of one interval: one version is stored, the other refused with 409 (never a 500)", async () => {
      const api = client(node.url);
      const [header, row] = chunks[1].readings.trimEnd().split("\n");
      const cols = row.split(",");
      const other = [...cols];
      other[4] = String(Number(cols[4]) + 1);
      const bodies = [cols, other, cols, other, cols, other].map((c) => `${header}\n${c.join(",")}\n`);
      const before = await count();
      const answers = await Promise.all(bodies.map((b) => api.post("/readings", b)));
      const codes = answers.map((a) => a.status);
      expect(codes.filter((c) => c !== 200 && c !== 409), answers.map((a) => a.text).join("\n")).to.deep.equal([]);
      const won = codes[0] === 200 ? 0 : 1;
      expect(codes).to.deep.equal(bodies.map((_, i) => (i % 2 === won ? 200 : 409)));
      expect(await count()).to.equal(before + 1);
      expect((await api.get("/audit/verify")).body).to.include({ ok: true });
    });

    it("readiness follows the server: 503 naming the URL (password redacted) while it is away, 200 once it is back", async () => {
      const api = client(node.url);
      expect((await api.get("/ready")).body.checks).to.deep.equal({ database: "ok" });
      await proxy.down();
      const away = await api.get("/ready");
      // The pooled connections the server dropped were reported, not thrown (the process lives on).
      expect(idleErrors.length).to.be.greaterThan(0);
      expect(away.status).to.equal(503);
      expect(away.body.checks.database).to.contain("cannot reach the PostgreSQL server of").and.contain(`127.0.0.1:${proxy.port}`);
      expect((await api.post("/readings", chunks[2].readings)).status).to.equal(500);
      await proxy.up();
      const back = await api.get("/ready");
      expect(back.status, back.text).to.equal(200);
      expect((await api.post("/readings", chunks[2].readings)).status).to.equal(200);
    });
  });

  it("ORACLE_NODE_PG_* configure the pool, TLS and timeout; bad values name the variable", async () => {
    const env = { ORACLE_NODE_API_KEYS: API_KEY, ORACLE_NODE_DB: "postgres://u:p@db.example:5432/oracle" };
    const cfg = await nodeConfigFromEnv({ ...env, ORACLE_NODE_PG_POOL_MAX: "4", ORACLE_NODE_PG_SSL: "require", ORACLE_NODE_PG_CONNECT_TIMEOUT_MS: "1500" });
    expect(cfg.database).to.equal(env.ORACLE_NODE_DB);
    expect(cfg.postgres).to.deep.equal({ poolMax: 4, ssl: "require", sslCaFile: undefined, connectTimeoutMs: 1500 });
    expect((await nodeConfigFromEnv(env)).postgres).to.deep.equal({ poolMax: 10, ssl: undefined, sslCaFile: undefined, connectTimeoutMs: 5000 });
    for (const [name, value] of [["ORACLE_NODE_PG_SSL", "yes"], ["ORACLE_NODE_PG_POOL_MAX", "0"], ["ORACLE_NODE_PG_SSL_CA", "/nonexistent/ca.pem"]]) {
      const err = await nodeConfigFromEnv({ ...env, [name]: value }).catch((e: unknown) => e);
      expect(err, name).to.be.instanceOf(InvalidEnvError);
      expect((err as InvalidEnvError).variable).to.equal(name);
    }
  });
});
