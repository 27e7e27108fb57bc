import { ethers, type Provider } from "ethers";
import type { FastifyInstance } from "fastify";
import type { VerificationThresholds } from "../lib";
import { openDatabase, type OpenDatabase } from "./db/open";
import type { PostgresOptions } from "./db/postgres";
import { buildApp } from "./http/app";
import { ApiKeys } from "./http/auth";
import type { NodeMetrics } from "./http/metrics";
import type { WriteLimits } from "./http/write-routes";
import type { PosterConfig } from "./scheduler/post-days";
import { Scheduler } from "./scheduler/scheduler";
import type { ReadinessRule } from "./scheduler/verify-days";

/** Everything an oracle node runs with (serve.ts builds it from the environment). */
export interface NodeConfig {
  /** `sqlite:<file>`, `pglite:<dir>`, `pglite:memory` or `postgres://user:password@host:port/database`. */
  readonly database: string;
  /** Pool size, TLS and connect timeout of a `postgres://` database. */
  readonly postgres?: PostgresOptions;
  /** Errors of idle PostgreSQL connections (default: logged to stderr); the pool reconnects on the next query. */
  readonly onDatabaseIdleError?: (err: Error) => void;
  readonly host: string;
  /** TCP port (0: any free port). */
  readonly port: number;
  readonly apiKeys: readonly string[];
  readonly limits: WriteLimits;
  readonly readiness?: ReadinessRule;
  readonly thresholds?: Partial<VerificationThresholds>;
  /** Posting (M-of-N signers, relayer, oracle address); absent: verify only. */
  readonly poster?: PosterConfig;
  /** Provider for /ready (the poster's relayer provider when posting). */
  readonly provider?: Provider;
  /** Run passes on a timer every this many seconds; 0: only on POST /scheduler/run. */
  readonly scheduleS: number;
  readonly now?: () => Date;
  readonly logger?: boolean;
  /** Origins allowed to read the public GET routes from a browser (CORS); default `"*"` (see AppOptions). */
  readonly corsOrigins?: "*" | readonly string[];
}

/** A running node. */
export interface RunningNode {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: OpenDatabase;
  readonly scheduler: Scheduler;
  readonly metrics: NodeMetrics;
  /** Stops the scheduler (waiting for its pass), the HTTP server, then closes the database. */
  close(): Promise<void>;
}

/**
 * Opens the database (migrating it), starts the HTTP API and, when `scheduleS > 0`, the scheduler.
 * Throws DatabaseUrlError / DatabaseUnreachableError (db/open.ts) when the database cannot be opened.
 */
export async function startNode(cfg: NodeConfig): Promise<RunningNode> {
  const keys = new ApiKeys(cfg.apiKeys);
  const store = await openDatabase(cfg.database, { postgres: cfg.postgres, onIdleError: cfg.onDatabaseIdleError });
  let metrics: NodeMetrics | undefined;
  const scheduler = new Scheduler(store.db, {
    readiness: cfg.readiness,
    thresholds: cfg.thresholds,
    poster: cfg.poster,
    intervalS: cfg.scheduleS,
    now: cfg.now,
    onPass: (p) => metrics?.onPass(p),
    onError: (err) => console.error(`scheduler pass failed: ${err instanceof Error ? err.message : String(err)}`),
  });
  const provider = cfg.provider ?? (cfg.poster?.relayer.provider as ethers.Provider | undefined) ?? undefined;
  const built = await buildApp({ store, keys, limits: cfg.limits, scheduler, provider, thresholds: cfg.thresholds, now: cfg.now, logger: cfg.logger, corsOrigins: cfg.corsOrigins });
  metrics = built.metrics;
  const url = await built.app.listen({ host: cfg.host, port: cfg.port });
  if (cfg.scheduleS > 0) scheduler.start();
  return {
    url,
    app: built.app,
    store,
    scheduler,
    metrics,
    close: async () => {
      await scheduler.stop();
      await built.app.close();
      await store.close();
    },
  };
}
