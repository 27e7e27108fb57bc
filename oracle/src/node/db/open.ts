import fs from "node:fs";
import path from "node:path";
import { Kysely, Migrator, SqliteDialect, sql } from "kysely";
import { migrationProvider } from "./migrations";
import type { Database } from "./schema";

/** The database engines the node runs on. */
export type Engine = "sqlite" | "pglite";

/** An open, migrated database. */
export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  /** Where it lives: a file path, a directory, or `memory`. */
  readonly location: string;
  /** Runs `select 1`: resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A database URL the node cannot open (unknown scheme, empty path). */
export class DatabaseUrlError extends Error {
  constructor(url: string, detail: string) {
    super(`database URL ${JSON.stringify(url)}: ${detail} (use sqlite:<file>, pglite:<directory> or pglite:memory)`);
    this.name = "DatabaseUrlError";
  }
}

/** PostgreSQL type OID of int8 (bigint): parsed to a JS number (our values are < 2^53). */
const INT8_OID = 20;

/**
 * Opens (creating if needed) and migrates the node's database.
 *
 * - `sqlite:<file>`: SQLite through better-sqlite3, WAL journal and `synchronous=FULL`, so every
 *   committed transaction (an acknowledged ingest) survives a kill -9 or a power cut.
 * - `pglite:<directory>` or `pglite:memory`: PostgreSQL (PGlite, in-process WASM Postgres) — the
 *   same SQL and migrations as a PostgreSQL server.
 *
 * Throws DatabaseUrlError for another scheme.
 */
export async function openDatabase(url: string): Promise<OpenDatabase> {
  const m = /^(sqlite|pglite):(.+)$/.exec(url.trim());
  if (!m) throw new DatabaseUrlError(url, "unknown scheme");
  const engine = m[1] as Engine;
  const location = m[2];
  let db: Kysely<Database>;
  if (engine === "sqlite") {
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
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
