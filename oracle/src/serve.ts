import fs from "node:fs";
import { ethers } from "ethers";
import { InvalidEnvError, readPostEnv } from "./cli/post-command";
import { startNode, type NodeConfig } from "./node/node";
import { POSTGRES_SSL_MODES, type PostgresOptions, type PostgresSslMode } from "./node/db/postgres";

/**
 * `opentonne-oracle serve`: the node's configuration from the environment (`.env`, see
 * `.env.example` and docs/oracle-node.md) and the command-line flags, which win.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | ORACLE_NODE_DB | `sqlite:data/oracle-node.db` | `sqlite:<file>`, `pglite:<dir>`, `postgres://user:password@host:port/db` |
 * | ORACLE_NODE_PG_POOL_MAX | 10 | PostgreSQL server: most pooled connections |
 * | ORACLE_NODE_PG_SSL / ORACLE_NODE_PG_SSL_CA | `disable` / | PostgreSQL server: `disable`, `require`, `verify-full`; CA PEM file |
 * | ORACLE_NODE_PG_CONNECT_TIMEOUT_MS | 5000 | PostgreSQL server: connect timeout |
 * | ORACLE_NODE_HOST / ORACLE_NODE_PORT | 127.0.0.1 / 8787 | where the HTTP API listens |
 * | ORACLE_NODE_API_KEYS | (required) | comma-separated operator keys (≥ 16 chars) for writes |
 * | ORACLE_NODE_MAX_BODY_BYTES / ORACLE_NODE_MAX_ROWS | 16 MiB / 100,000 | per-request limits |
 * | ORACLE_NODE_SCHEDULE_S | 60 | seconds between scheduler passes (0: only on POST /scheduler/run) |
 * | ORACLE_NODE_GRACE_S / ORACLE_NODE_DEADLINE_S | 900 / 172,800 | readiness of a device-day |
 * | ORACLE_NODE_DRY_RUN | false | sign and simulate batches, send nothing |
 * | ORACLE_NODE_BATCH_SIZE | 50 | reports per batch (1..100) |
 * | ORACLE_NODE_FROM_BLOCK | 0 | the oracle's deployment block (where days already on-chain are looked up) |
 * | ORACLE_NODE_CORS_ORIGINS | `*` | origins whose pages may read the public GET routes (comma-separated; `none`: no CORS) |
 * | ORACLE_ADDRESS, ORACLE_SIGNER_PRIVATE_KEYS, ORACLE_RELAYER_PRIVATE_KEY, ORACLE_RPC_URL, ORACLE_CHAIN_ID | | posting, as `post`; without ORACLE_ADDRESS the node verifies only |
 */
export interface ServeFlags {
  readonly db?: string;
  readonly host?: string;
  readonly port?: number;
  readonly dryRun?: boolean;
  readonly scheduleS?: number;
  readonly noPost?: boolean;
}

function int(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidEnvError(name, `expected an integer in [${min}, ${max}] (got ${JSON.stringify(text)})`);
  return n;
}

/** The PostgreSQL server options (ORACLE_NODE_PG_*). Throws InvalidEnvError naming the variable. */
function postgresFromEnv(env: Readonly<Record<string, string | undefined>>): PostgresOptions {
  const ssl = (env.ORACLE_NODE_PG_SSL ?? "").trim();
  if (ssl !== "" && !POSTGRES_SSL_MODES.includes(ssl as PostgresSslMode)) {
    throw new InvalidEnvError("ORACLE_NODE_PG_SSL", `expected one of ${POSTGRES_SSL_MODES.join(", ")} (got ${JSON.stringify(ssl)})`);
  }
  const ca = (env.ORACLE_NODE_PG_SSL_CA ?? "").trim();
  if (ca !== "" && !fs.existsSync(ca)) throw new InvalidEnvError("ORACLE_NODE_PG_SSL_CA", `no such file ${JSON.stringify(ca)}`);
  return {
    poolMax: int(env, "ORACLE_NODE_PG_POOL_MAX", 10, 1, 1000),
    ssl: ssl === "" ? undefined : (ssl as PostgresSslMode),
    sslCaFile: ca === "" ? undefined : ca,
    connectTimeoutMs: int(env, "ORACLE_NODE_PG_CONNECT_TIMEOUT_MS", 5000, 100),
  };
}

/** `ORACLE_NODE_CORS_ORIGINS`: unset or `*` → any origin; `none` → no CORS; else comma-separated `http(s)://host[:port]` origins. */
function corsOrigins(text: string | undefined): "*" | string[] {
  const t = (text ?? "").trim();
  if (t === "" || t === "*") return "*";
  if (t.toLowerCase() === "none") return [];
  const list = t.split(",").map((o) => o.trim()).filter((o) => o !== "");
  for (const o of list) {
    if (!/^https?:\/\/[^/\s]+$/.test(o)) throw new InvalidEnvError("ORACLE_NODE_CORS_ORIGINS", `expected *, none or comma-separated origins like https://app.example (got ${JSON.stringify(o)})`);
  }
  return list;
}

/** The node configuration from `env` and `flags`. Throws MissingEnvError / InvalidEnvError naming the variable. */
export async function nodeConfigFromEnv(env: Readonly<Record<string, string | undefined>>, flags: ServeFlags = {}): Promise<NodeConfig> {
  const keys = (env.ORACLE_NODE_API_KEYS ?? "").split(",").map((k) => k.trim()).filter((k) => k !== "");
  if (keys.length === 0) throw new InvalidEnvError("ORACLE_NODE_API_KEYS", "set at least one operator API key (≥ 16 characters) for the write routes");
  const dryRunEnv = (env.ORACLE_NODE_DRY_RUN ?? "").trim().toLowerCase();
  if (dryRunEnv !== "" && dryRunEnv !== "true" && dryRunEnv !== "false") throw new InvalidEnvError("ORACLE_NODE_DRY_RUN", "expected true or false");
  let poster: NodeConfig["poster"];
  if (!flags.noPost && (env.ORACLE_ADDRESS ?? "").trim() !== "") {
    const p = readPostEnv(env);
    const provider = new ethers.JsonRpcProvider(p.rpcUrl, undefined, { staticNetwork: p.chainId === undefined ? undefined : ethers.Network.from(p.chainId) });
    const signers = p.signerKeys.map((k) => new ethers.Wallet(k, provider));
    poster = {
      oracle: p.oracle,
      relayer: p.relayerKey ? new ethers.Wallet(p.relayerKey, provider) : signers[0],
      signers,
      batchSize: int(env, "ORACLE_NODE_BATCH_SIZE", 50, 1, 100),
      fromBlock: int(env, "ORACLE_NODE_FROM_BLOCK", 0, 0),
      dryRun: flags.dryRun ?? dryRunEnv === "true",
    };
  }
  return {
    database: flags.db ?? (env.ORACLE_NODE_DB?.trim() || "sqlite:data/oracle-node.db"),
    postgres: postgresFromEnv(env),
    host: flags.host ?? env.ORACLE_NODE_HOST?.trim() ?? "127.0.0.1",
    port: flags.port ?? int(env, "ORACLE_NODE_PORT", 8787, 0, 65535),
    apiKeys: keys,
    limits: { maxBodyBytes: int(env, "ORACLE_NODE_MAX_BODY_BYTES", 16 * 1024 * 1024, 1024), maxRows: int(env, "ORACLE_NODE_MAX_ROWS", 100_000, 1) },
    readiness: { graceS: int(env, "ORACLE_NODE_GRACE_S", 900, 0), deadlineS: int(env, "ORACLE_NODE_DEADLINE_S", 172_800, 0) },
    poster,
    scheduleS: flags.scheduleS ?? int(env, "ORACLE_NODE_SCHEDULE_S", 60, 0),
    corsOrigins: corsOrigins(env.ORACLE_NODE_CORS_ORIGINS),
  };
}

/** Starts the node and stops it cleanly on SIGINT / SIGTERM (the pass in progress finishes first). */
export async function serve(flags: ServeFlags): Promise<void> {
  const cfg = await nodeConfigFromEnv(process.env, flags);
  const node = await startNode({ ...cfg, logger: true });
  console.error(`oracle node listening on ${node.url} (database ${node.store.location}; ${cfg.poster ? (cfg.poster.dryRun ? "posting: DRY RUN" : `posting to ${cfg.poster.oracle}`) : "posting off"})`);
  const stop = async (signal: string) => {
    console.error(`${signal}: stopping`);
    await node.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}
