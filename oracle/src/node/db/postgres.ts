import fs from "node:fs";
import { PostgresDialect } from "kysely";
import type { Pool, PoolConfig } from "pg";

/**
 * A PostgreSQL server as the node's database: a `pg` connection pool behind Kysely's
 * PostgresDialect, for operators who outgrow one machine (the database on its own host, backed up
 * and replicated by PostgreSQL's tools). Same migrations and queries as SQLite and PGlite.
 */

/**
 * How the node connects to a PostgreSQL server (`ORACLE_NODE_PG_*` in `.env`). `sslmode`,
 * `sslrootcert`… in the URL itself win over `ssl` / `sslCaFile` (the `pg` driver's rule).
 */
export interface PostgresOptions {
  /** Most connections the pool opens (default 10; `ORACLE_NODE_PG_POOL_MAX`). */
  readonly poolMax?: number;
  /**
   * TLS, as libpq's `sslmode` (`ORACLE_NODE_PG_SSL`): `disable` (default: plain TCP, for a loopback
   * or private network), `require` (encrypted, the server's certificate not checked), `verify-full`
   * (encrypted, certificate and host name verified against the system CAs or `sslCaFile`).
   */
  readonly ssl?: PostgresSslMode;
  /** PEM file of the CA that signed the server's certificate (`ORACLE_NODE_PG_SSL_CA`; implies verification). */
  readonly sslCaFile?: string;
  /** Milliseconds to wait for a new connection before failing (default 5000; `ORACLE_NODE_PG_CONNECT_TIMEOUT_MS`). */
  readonly connectTimeoutMs?: number;
}

/** The TLS modes of {@link PostgresOptions.ssl}. */
export type PostgresSslMode = "disable" | "require" | "verify-full";

/** The accepted values of {@link PostgresOptions.ssl}, for configuration checks. */
export const POSTGRES_SSL_MODES: readonly PostgresSslMode[] = ["disable", "require", "verify-full"];

/**
 * The PostgreSQL server of the database URL cannot be reached or refuses the connection (not
 * running, wrong host or port, TLS or authentication failure, timeout). `url` is the URL with its
 * password replaced by `***`; the message names it and the driver's reason.
 */
export class DatabaseUnreachableError extends Error {
  /** The database URL, password redacted. */
  readonly url: string;
  constructor(url: string, reason: string) {
    const safe = redactUrl(url);
    super(`cannot reach the PostgreSQL server of ${safe}: ${reason} (is the server running and ORACLE_NODE_DB / ORACLE_NODE_PG_* right?)`);
    this.name = "DatabaseUnreachableError";
    this.url = safe;
  }
}

/** `url` with the password (if any) replaced by `***`, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@");
  }
}

/** PostgreSQL type OID of int8 (bigint): parsed to a JS number (the node's values are < 2^53). */
export const INT8_OID = 20;

/** The message of a driver error, AggregateErrors (one per resolved address) joined. */
function reasonOf(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return err.errors.map(reasonOf).join("; ");
  const e = err as { message?: string; code?: string };
  const message = e?.message || e?.code || String(err);
  return e?.code && !message.includes(e.code) ? `${message} (${e.code})` : message;
}

/**
 * Opens a pool on `url` (`postgres://` or `postgresql://`) and checks that the server answers.
 * Throws DatabaseUnreachableError (URL redacted) when it does not. `onIdleError` receives the
 * errors of idle pooled connections (e.g. the server restarted), which would otherwise crash the
 * process; the next query opens a new connection.
 */
export async function openPostgres(
  url: string,
  options: PostgresOptions,
  onIdleError: (err: Error) => void,
): Promise<{ dialect: PostgresDialect; pool: Pool; ping: () => Promise<void> }> {
  const { default: pg } = await import("pg");
  const types = {
    getTypeParser: ((oid: number, format?: "text" | "binary") =>
      oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
  };
  const config: PoolConfig = {
    connectionString: url,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    types,
  };
  const mode = options.ssl ?? (options.sslCaFile ? "verify-full" : "disable");
  if (mode !== "disable") {
    config.ssl = { rejectUnauthorized: mode === "verify-full", ...(options.sslCaFile ? { ca: fs.readFileSync(options.sslCaFile, "utf8") } : {}) };
  }
  const pool = new pg.Pool(config);
  pool.on("error", onIdleError);
  const ping = async () => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeoutMs = (options.connectTimeoutMs ?? 5000) + 1000;
      await Promise.race([
        pool.query("select 1"),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (err) {
      throw new DatabaseUnreachableError(url, reasonOf(err));
    } finally {
      clearTimeout(timer);
    }
  };
  try {
    await ping();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return { dialect: new PostgresDialect({ pool }), pool, ping };
}
