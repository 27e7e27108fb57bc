import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import cors from "@fastify/cors";
import swagger from "@fastify/swagger";
import type { Provider } from "ethers";
import { OracleInputError, ResolutionMismatchError, type VerificationThresholds } from "../../lib";
import type { OpenDatabase } from "../db/open";
import type { Scheduler } from "../scheduler/scheduler";
import { IngestConflictError, IngestRejectedError } from "../store/errors";
import type { ApiKeys } from "./auth";
import { NodeMetrics } from "./metrics";
import { NotFoundError, readRoutes } from "./read-routes";
import { TooManyRowsError, writeRoutes, type WriteLimits } from "./write-routes";

/** What buildApp needs. */
export interface AppOptions {
  readonly store: OpenDatabase;
  readonly keys: ApiKeys;
  readonly limits: WriteLimits;
  readonly scheduler?: Scheduler;
  /** The chain's provider, checked by /ready; without it /ready checks the database only. */
  readonly provider?: Provider;
  readonly thresholds?: Partial<VerificationThresholds>;
  readonly metrics?: NodeMetrics;
  readonly now?: () => Date;
  /** Fastify's logger (default off). */
  readonly logger?: boolean;
  /**
   * Browser origins allowed to read the public GET routes cross-origin (CORS), e.g. the web app's
   * `https://app.example`; `"*"` (the default) allows any origin, `[]` none. Writes never get CORS
   * headers: a browser page on another origin cannot send them (and they need the API key anyway).
   */
  readonly corsOrigins?: "*" | readonly string[];
}

const READ_METHODS = new Set(["GET", "HEAD"]);

/**
 * CORS for the public reads only (@fastify/cors, per request): a GET / HEAD, or the preflight of
 * one, gets `Access-Control-Allow-Origin` for an allowed origin; every other method gets no CORS
 * header, so browsers refuse cross-origin writes.
 */
async function readCors(app: FastifyInstance, origins: "*" | readonly string[]): Promise<void> {
  const allowed = origins === "*" ? "*" : [...origins];
  await app.register(cors, {
    methods: ["GET", "HEAD"],
    delegator: (req, cb) => {
      const method = req.method === "OPTIONS" ? String(req.headers["access-control-request-method"] ?? "").toUpperCase() : req.method;
      cb(null, { origin: READ_METHODS.has(method) ? allowed : false, methods: ["GET", "HEAD"] });
    },
  });
}

/** The JSON error body of every 4xx/5xx: what is wrong, and where (row, field, interval) when known. */
export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly row?: number;
  readonly field?: string;
  readonly interval?: unknown;
}

/** Maps an error to its HTTP status and body. */
function toHttp(err: unknown): [number, ErrorBody] {
  if (err instanceof OracleInputError) return [400, { error: "BadRequest", message: err.message, row: err.line, field: err.field }];
  if (err instanceof ResolutionMismatchError) return [422, { error: "Unprocessable", message: err.message }];
  if (err instanceof IngestConflictError) return [409, { error: "Conflict", message: err.message, row: err.row, interval: err.interval }];
  if (err instanceof IngestRejectedError) return [422, { error: "Unprocessable", message: err.message, row: err.row, field: err.field }];
  if (err instanceof TooManyRowsError) return [413, { error: "PayloadTooLarge", message: err.message }];
  if (err instanceof NotFoundError) return [404, { error: "NotFound", message: err.message }];
  const fe = err as FastifyError;
  if (typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
    const message = fe.code === "FST_ERR_CTP_BODY_TOO_LARGE" ? `${fe.message} (ORACLE_NODE_MAX_BODY_BYTES)` : fe.message;
    return [fe.statusCode, { error: fe.code ?? "BadRequest", message }];
  }
  return [500, { error: "Internal", message: err instanceof Error ? err.message : String(err) }];
}

/**
 * The node's HTTP API (Fastify): OpenAPI at /openapi.json, health at /health, readiness (database
 * and RPC reachable) at /ready, Prometheus metrics at /metrics, the public reads (read-routes.ts)
 * and the operator's writes (write-routes.ts, API key needed).
 */
export async function buildApp(o: AppOptions): Promise<{ app: FastifyInstance; metrics: NodeMetrics }> {
  const app = Fastify({ logger: o.logger ?? false, bodyLimit: o.limits.maxBodyBytes });
  const metrics = o.metrics ?? new NodeMetrics(o.store.db);
  const now = o.now ?? (() => new Date());
  await app.register(swagger, {
    openapi: {
      info: { title: "OpenTonne oracle node", version: "0.1.0", description: "Ingest readings, verify device-days, post them to MRVOracle, report." },
      components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer" } } },
    },
  });
  await readCors(app, o.corsOrigins ?? "*");
  app.setErrorHandler((err, _req, reply) => {
    const [code, body] = toHttp(err);
    if (code >= 500) app.log.error(err);
    return reply.code(code).send(body);
  });
  app.addHook("onResponse", async (req, reply) => {
    metrics.http.observe({ method: req.method, route: req.routeOptions.url ?? "unmatched", code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  app.get("/health", { schema: { summary: "Liveness: the process answers" } }, async () => ({ ok: true }));
  app.get("/ready", { schema: { summary: "Readiness: the database answers and the RPC (when configured) serves blocks" } }, async (_req, reply) => {
    const checks: Record<string, string> = {};
    try {
      await o.store.ping();
      checks.database = "ok";
    } catch (err) {
      checks.database = (err as Error).message;
    }
    if (o.provider) {
      try {
        const block = await Promise.race([o.provider.getBlockNumber(), new Promise<never>((_, rej) => setTimeout(() => rej(new Error("RPC did not answer within 3 s")), 3000))]);
        checks.rpc = `ok (block ${block})`;
      } catch (err) {
        checks.rpc = (err as Error).message;
      }
    }
    const ok = Object.values(checks).every((c) => c.startsWith("ok"));
    return reply.code(ok ? 200 : 503).send({ ok, checks });
  });
  app.get("/metrics", { schema: { summary: "Prometheus metrics" } }, async (_req, reply) => {
    reply.header("content-type", metrics.registry.contentType);
    return metrics.registry.metrics();
  });
  await app.register(async (scope) => readRoutes(scope, { store: o.store, thresholds: o.thresholds }));
  await app.register(async (scope) => writeRoutes(scope, { store: o.store, keys: o.keys, metrics, limits: o.limits, scheduler: o.scheduler, now }));
  return { app, metrics };
}
