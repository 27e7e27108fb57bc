/**
 * The PostgreSQL server the oracle node tests run `postgres://` against, so the node's real
 * PostgreSQL code path (the `pg` pool, PostgresDialect, the advisory write lock) always runs — never a
 * silent skip. Chosen once per test process, in this order, and named in every suite title:
 *
 * 1. `OPENTONNE_TEST_PG_URL` (CI: `.ci/run` starts Debian's PostgreSQL and creates a role with
 *    CREATEDB): each suite gets a fresh database on that server, dropped after.
 * 2. PostgreSQL binaries on the machine (`initdb`, `pg_ctl` under /usr/lib/postgresql/<v>/bin or on
 *    PATH): a throwaway server in a temp dir on a free loopback port (its unix socket in the same
 *    dir), as user `postgres` when run as root, `fsync=off` (a test server: nothing to keep), stopped
 *    and removed when the test process exits.
 * 3. Neither (or `OPENTONNE_TEST_PG_SERVER=pglite-socket`, to check this fallback): PGlite
 *    (PostgreSQL compiled to WASM) served over the PostgreSQL wire protocol by
 *    `@electric-sql/pglite-socket`, one in-memory instance per suite — the same driver and SQL, on
 *    a machine with `npm ci` alone.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { redactUrl } from "../../../oracle/src/node/db/postgres";
import { freePort } from "../../helpers/node";

/** Which server the tests use. */
export type PgServerKind = "env" | "throwaway" | "pglite-socket";

/** PostgreSQL binaries of the newest version installed, or undefined. */
function findPgBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const bin = path.join(root, v, "bin");
    if (fs.existsSync(path.join(bin, "initdb")) && fs.existsSync(path.join(bin, "pg_ctl"))) return bin;
  }
  const onPath = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  if (onPath && fs.existsSync(path.join(path.dirname(onPath), "pg_ctl"))) return path.dirname(onPath);
  return undefined;
}

/** The user the throwaway server runs as: `postgres` when we are root (initdb refuses root), else ourselves. */
function serverUser(): { uid: number; gid: number; asUser: string[] } | undefined {
  if (process.getuid?.() !== 0) return { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0, asUser: [] };
  const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  const u = id("-u");
  if (u.status !== 0) return undefined;
  return { uid: Number(u.stdout.trim()), gid: Number(id("-g").stdout.trim()), asUser: ["runuser", "-u", "postgres", "--"] };
}

function detect(): { kind: PgServerKind; label: string; bin?: string } {
  const forced = process.env.OPENTONNE_TEST_PG_SERVER?.trim();
  if (forced === "pglite-socket") return { kind: "pglite-socket", label: "PGlite over the wire (@electric-sql/pglite-socket: OPENTONNE_TEST_PG_SERVER=pglite-socket)" };
  if (forced) throw new Error(`OPENTONNE_TEST_PG_SERVER=${forced}: only "pglite-socket" (to test the fallback) is accepted`);
  const url = process.env.OPENTONNE_TEST_PG_URL?.trim();
  if (url) return { kind: "env", label: `PostgreSQL server of OPENTONNE_TEST_PG_URL ${redactUrl(url)}` };
  const bin = findPgBin();
  if (bin && serverUser()) {
    const version = spawnSync(path.join(bin, "pg_ctl"), ["--version"], { encoding: "utf8" }).stdout.trim().replace(/^pg_ctl \(PostgreSQL\) /, "");
    return { kind: "throwaway", bin, label: `throwaway PostgreSQL ${version} server (initdb in a temp dir, fsync=off)` };
  }
  return { kind: "pglite-socket", label: "PGlite over the wire (@electric-sql/pglite-socket: no OPENTONNE_TEST_PG_URL, no PostgreSQL binaries)" };
}

/** The server these tests use, decided when this module loads (so suite titles can name it). */
export const PG_SERVER = detect();

let throwaway: Promise<string> | undefined;

/** Starts the throwaway server (once per process); resolves to its superuser URL. */
function startThrowaway(bin: string): Promise<string> {
  throwaway ??= (async () => {
    const user = serverUser()!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oracle-node-pg-"));
    fs.chownSync(dir, user.uid, user.gid);
    const data = path.join(dir, "data");
    const run = (exe: string, args: string[]) => {
      const [cmd, ...pre] = [...user.asUser, path.join(bin, exe)];
      return execFileSync(cmd, [...pre, ...args], { cwd: dir, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
    };
    const stop = () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // Not running.
      }
      fs.rmSync(dir, { recursive: true, force: true });
    };
    process.once("exit", stop);
    const port = await freePort();
    try {
      run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
      const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=100`;
      run("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-o", opts, "-w", "-t", "60", "start"]);
    } catch (err) {
      const log = fs.existsSync(path.join(dir, "server.log")) ? fs.readFileSync(path.join(dir, "server.log"), "utf8") : "";
      stop();
      throw new Error(`throwaway PostgreSQL did not start: ${(err as { stderr?: string }).stderr ?? err}\n${log}`);
    }
    return `postgres://postgres@127.0.0.1:${port}/postgres`;
  })();
  return throwaway;
}

let pgliteSocket: Promise<{ url: string; reset: () => Promise<void> }> | undefined;

/**
 * Starts the PGlite socket server (once per process: a PGlite instance costs seconds to create). It
 * holds one database, so "a fresh database" is its `public` schema emptied (the node's tables and
 * Kysely's migration table are all there) when the suite using it is done.
 */
function startPgliteSocket(): Promise<{ url: string; reset: () => Promise<void> }> {
  pgliteSocket ??= (async () => {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
    const db = await PGlite.create();
    const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 32 });
    await server.start();
    process.once("exit", () => void server.stop());
    return {
      url: `postgres://postgres@${server.getServerConn()}/postgres`,
      reset: async () => {
        await db.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
      },
    };
  })();
  return pgliteSocket;
}

/** A fresh, empty database on the test server. */
export interface TestPgDatabase {
  /** `postgres://…` of the database. */
  readonly url: string;
  /** Drops the database (or stops the PGlite instance). */
  drop(): Promise<void>;
}

/** `url` with the database name replaced by `name`. */
function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh empty database on {@link PG_SERVER} for one suite (see the file header). */
export async function freshPgDatabase(): Promise<TestPgDatabase> {
  if (PG_SERVER.kind === "pglite-socket") {
    const { url, reset } = await startPgliteSocket();
    return { url, drop: reset };
  }
  const admin = PG_SERVER.kind === "env" ? process.env.OPENTONNE_TEST_PG_URL!.trim() : await startThrowaway(PG_SERVER.bin!);
  const name = `oracle_node_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const exec = async (statement: string) => {
    const c = new Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await exec(`CREATE DATABASE "${name}"`);
  return { url: withDatabase(admin, name), drop: () => exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/**
 * A TCP proxy on a free loopback port to `target` (`host:port`), to take a database server away
 * from a node and give it back: `down()` closes it and cuts every connection, `up()` listens again on
 * the same port.
 */
export async function tcpProxy(target: { host: string; port: number }): Promise<{ port: number; down(): Promise<void>; up(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const down = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sockets) s.destroy();
    await closed;
  };
  return { port, down, up: () => listen(port), close: () => (server.listening ? down() : Promise.resolve()) };
}
