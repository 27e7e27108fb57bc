import fs from "node:fs";
import path from "node:path";
import { Kysely, Migrator, SqliteDialect, sql, type RawBuilder, type Transaction } from "kysely";
import { migrationProvider } from "./migrations";
import { INT8_OID, openPostgres, redactUrl, type PostgresOptions } from "./postgres";
import type { Database } from "./schema";

/** The database engines the node runs on. */
export type Engine = "sqlite" | "pglite" | "postgres";

/** An open, migrated database. */
export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  /** Where it lives: a file path, a directory, `memory`, or the server URL (password redacted). */
  readonly location: string;
  /** Runs `select 1`: resolves when the database answers (PostgreSQL server: else DatabaseUnreachableError). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A database URL the node cannot open (unknown scheme, empty path). */
export class DatabaseUrlError extends Error {
  constructor(url: string, detail: string) {
    super(`database URL ${JSON.stringify(redactUrl(url))}: ${detail} (use sqlite:<file>, pglite:<directory>, pglite:memory or postgres://user:password@host:port/database)`);
    this.name = "DatabaseUrlError";
  }
}

/**
 * `column` for ORDER BY in byte order on every engine: SQLite compares text bytewise (BINARY),
 * while a PostgreSQL database sorts by its collation (e.g. en_US puts "a" before "B"), so on
 * PostgreSQL the column is ordered `COLLATE "C"`. Lists (devices, device-days) come out in the same
 * order on every engine, and paging is stable.
 */
export function textOrder(db: Kysely<Database>, column: string): RawBuilder<string> {
  return engines.get(db) === "sqlite" ? sql<string>`${sql.ref(column)}` : sql<string>`${sql.ref(column)} collate "C"`;
}

/** Options of openDatabase. */
export interface OpenOptions {
  /** Pool and TLS of a `postgres://` server (ignored for the other engines). */
  readonly postgres?: PostgresOptions;
  /** Errors of idle PostgreSQL connections (default: logged to stderr); the pool reconnects. */
  readonly onIdleError?: (err: Error) => void;
}

/**
 * Advisory lock key that serialises the node's writes on a PostgreSQL server
 * (`pg_advisory_xact_lock`; the ASCII of "OTON").
 */
const WRITE_LOCK_KEY = 0x4f544f4e;
/** The engine of each open database, for writeTransaction. */
const engines = new WeakMap<Kysely<Database>, Engine>();

/**
 * Runs `fn` in one transaction that is the only writer of the database while it runs, so the
 * read-then-insert checks of ingest (duplicates, overlaps, sealed days), the audit chain's
 * append (head, then next seq) and a day's verification see every committed write and nothing
 * half-done. SQLite and PGlite have one connection, whose transactions already run one at a time;
 * on a PostgreSQL server, where the pool runs transactions side by side (and several nodes may share
 * the database), the transaction first takes an exclusive advisory lock held until it commits or
 * rolls back. Reads outside it run concurrently.
 */
export async function writeTransaction<T>(db: Kysely<Database>, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  const serverLock = engines.get(db) === "postgres";
  return db.transaction().execute(async (trx) => {
    if (serverLock) await sql`select pg_advisory_xact_lock(${sql.lit(WRITE_LOCK_KEY)})`.execute(trx);
    return fn(trx);
  });
}

/**
 * Opens (creating if needed) and migrates the node's database.
 *
 * - `sqlite:<file>`: SQLite through better-sqlite3, WAL journal and `synchronous=FULL`, so every
 *   committed transaction (an acknowledged ingest) survives a kill -9 or a power cut.
 * - `pglite:<directory>` or `pglite:memory`: PostgreSQL (PGlite, in-process WASM Postgres) — the
 *   same SQL and migrations as a PostgreSQL server.
 * - `postgres://user:password@host:port/database` (or `postgresql://`): a PostgreSQL server
 *   through the `pg` driver's pool (`options.postgres`: pool size, TLS, connect timeout).
 *
 * Throws DatabaseUrlError for another scheme, DatabaseUnreachableError (the URL, password
 * redacted, and the driver's reason) when the PostgreSQL server does not answer.
 */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<OpenDatabase> {
  const text = url.trim();
  const server = /^postgres(ql)?:\/\/./.test(text);
  const m = server ? ["", "postgres", text] : /^(sqlite|pglite):(.+)$/.exec(text);
  if (!m) throw new DatabaseUrlError(url, "unknown scheme");
  const engine = m[1] as Engine;
  let location = m[2];
  let db: Kysely<Database>;
  let ping = async () => {
    await sql`select 1`.execute(db);
  };
  if (engine === "postgres") {
    const onIdleError = options.onIdleError ?? ((err: Error) => console.error(`database ${redactUrl(text)}: idle connection error: ${err.message}`));
    const pg = await openPostgres(text, options.postgres ?? {}, onIdleError);
    db = new Kysely<Database>({ dialect: pg.dialect });
    ping = pg.ping;
    location = redactUrl(text);
  } else if (engine === "sqlite") {
    const { default: BetterSqlite3 } = await import("better-sqlite3");
    if (location !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(location)), { recursive: true });
    const handle = new BetterSqlite3(location);
    handle.pragma("journal_mode = WAL");
    handle.pragma("synchronous = FULL");
    handle.pragma("foreign_keys = ON");
    handle.pragma("busy_timeout = 5000");
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
  } else {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PGliteDialect } = await import("kysely-pglite-dialect");
    if (location !== "memory") fs.mkdirSync(path.resolve(location), { recursive: true });
    const pg = new PGlite(location === "memory" ? undefined : path.resolve(location), {
      parsers: { [INT8_OID]: (v: string) => Number(v) },
    });
    await pg.waitReady;
    db = new Kysely<Database>({ dialect: new PGliteDialect(pg) });
  }
  engines.set(db, engine);
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    engine,
    location,
    ping,
    close: () => db.destroy(),
  };
}
