import crypto from "node:crypto";
import type { FastifyInstance } from "fastify";
import { loadDeviceRegistry } from "../../lib";
import type { OpenDatabase } from "../db/open";
import { upsertDevices } from "../store/devices";
import { IngestRejectedError } from "../store/errors";
import { ingestIrradiance, ingestReadings } from "../store/ingest";
import type { ApiKeys } from "./auth";
import type { NodeMetrics } from "./metrics";
import { IRRADIANCE_FORMATS, parseIrradiance, parseReadings, READING_FORMATS, withBodyFile, type ReaderOptions } from "./parse";
import type { Scheduler } from "../scheduler/scheduler";
import { writeTransaction } from "../db/open";

/** Per-request limits of the write routes. */
export interface WriteLimits {
  /** Largest request body, bytes (larger: 413, nothing read). */
  readonly maxBodyBytes: number;
  /** Most rows (readings or samples) per request (more: 413, nothing stored). */
  readonly maxRows: number;
}

/** Context the write routes need. */
export interface WriteContext {
  readonly store: OpenDatabase;
  readonly keys: ApiKeys;
  readonly metrics: NodeMetrics;
  readonly limits: WriteLimits;
  readonly scheduler?: Scheduler;
  readonly now: () => Date;
}

/** A request with more rows than the limit. HTTP 413; nothing stored. */
export class TooManyRowsError extends Error {
  constructor(rows: number, max: number) {
    super(`the body holds ${rows} rows; at most ${max} per request (ORACLE_NODE_MAX_ROWS): split it`);
    this.name = "TooManyRowsError";
  }
}

const readerQuery = {
  type: "object",
  properties: {
    format: { type: "string" },
    utcOffsetMinutes: { type: "integer", minimum: -720, maximum: 840 },
    intervalS: { type: "integer", minimum: 1 },
    deviceId: { type: "string" },
    site: { type: "string", pattern: "^[A-Za-z0-9._:-]{1,64}$" },
  },
  additionalProperties: false,
} as const;

const ingestResponse = {
  200: {
    description: "Stored: rows in the body, rows new, rows identical to stored ones (skipped), the audit entry",
    type: "object",
    properties: { request: { type: "string" }, rows: { type: "integer" }, inserted: { type: "integer" }, duplicates: { type: "integer" }, auditSeq: { type: "integer" } },
  },
} as const;

/**
 * The write routes (operator API key needed): POST /devices, /readings, /irradiance,
 * /scheduler/run. Bodies are taken as text (CSV, JSON) and read by the library's readers, so errors
 * name the body's row and field. Registered in their own plugin scope (the text body parsers apply
 * here only).
 */
export async function writeRoutes(app: FastifyInstance, ctx: WriteContext): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(["application/json", "text/csv", "text/plain", "application/csv"], { parseAs: "string", bodyLimit: ctx.limits.maxBodyBytes }, (_req, body, done) =>
    done(null, body),
  );
  app.addHook("onRequest", ctx.keys.guard());
  app.addHook("onResponse", async (req, reply) => {
    const kind = req.routeOptions.url?.slice(1);
    if (kind === "readings" || kind === "irradiance") ctx.metrics.ingestRequests.inc({ kind, code: String(reply.statusCode) });
  });
  const label = (kind: string, id: string) => `${kind}-${ctx.now().toISOString().replace(/[:.]/g, "")}-${id}`;
  const sha = (body: string) => "0x" + crypto.createHash("sha256").update(body).digest("hex");
  const text = (body: unknown) => {
    if (typeof body !== "string" || body.trim() === "") throw new IngestRejectedError(undefined, undefined, "empty body");
    return body;
  };

  app.post<{ Querystring: { site?: string } }>(
    "/devices",
    {
      schema: {
        summary: "Register or update devices (the device registry JSON layout; mirrors MRVOracle's registry)",
        description: '`{ "devices": { "<id>": { "capacityW", "emissionFactorGPerKWh", "lat", "lon", "site"?, "owner"? } } }`; `?site=` is the default site.',
        querystring: readerQuery,
      },
    },
    async (req) => {
      const body = text(req.body);
      const name = label("devices", req.id);
      const registry = withBodyFile(name, body, ".json", loadDeviceRegistry);
      const raw = (JSON.parse(body) as { devices: Record<string, { site?: unknown; owner?: unknown }> }).devices;
      const site = (id: string) => (typeof raw[id]?.site === "string" ? (raw[id].site as string) : (req.query.site ?? "default"));
      const owner = (id: string) => (typeof raw[id]?.owner === "string" ? (raw[id].owner as string) : null);
      return writeTransaction(ctx.store.db, (trx) => upsertDevices(trx, registry, site, owner, ctx.now()));
    },
  );

  app.post<{ Querystring: { format?: string } & ReaderOptions }>(
    "/readings",
    { schema: { summary: "Ingest inverter readings (Kaggle, generic CSV, JSON or PVDAQ layout)", querystring: readerQuery, response: ingestResponse } },
    async (req) => {
      const body = text(req.body);
      const format = oneOf(req.query.format ?? "auto", READING_FORMATS, "format");
      const name = label("readings", req.id);
      const readings = parseReadings(name, body, format, req.query);
      if (readings.length > ctx.limits.maxRows) throw new TooManyRowsError(readings.length, ctx.limits.maxRows);
      const out = await writeTransaction(ctx.store.db, (trx) => ingestReadings(trx, readings, { id: name, sha256: sha(body) }, ctx.now()));
      ctx.metrics.ingestRows.inc({ kind: "readings", outcome: "inserted" }, out.inserted);
      ctx.metrics.ingestRows.inc({ kind: "readings", outcome: "duplicate" }, out.duplicates);
      return { request: name, ...out };
    },
  );

  app.post<{ Querystring: { format?: string; site?: string } & ReaderOptions }>(
    "/irradiance",
    { schema: { summary: "Ingest a site's irradiance (Kaggle sensor, PSM3 CSV or NASA POWER JSON)", querystring: readerQuery, response: ingestResponse } },
    async (req) => {
      const body = text(req.body);
      const format = oneOf(req.query.format ?? "auto", IRRADIANCE_FORMATS, "format");
      const site = req.query.site ?? "default";
      const name = label("irradiance", req.id);
      const { series, lines } = parseIrradiance(name, body, format, req.query);
      if (series.samples.length > ctx.limits.maxRows) throw new TooManyRowsError(series.samples.length, ctx.limits.maxRows);
      const out = await writeTransaction(ctx.store.db, (trx) => ingestIrradiance(trx, site, series, lines, { id: name, sha256: sha(body) }, ctx.now()));
      ctx.metrics.ingestRows.inc({ kind: "irradiance", outcome: "inserted" }, out.inserted);
      ctx.metrics.ingestRows.inc({ kind: "irradiance", outcome: "duplicate" }, out.duplicates);
      return { request: name, ...out };
    },
  );

  app.post("/scheduler/run", { schema: { summary: "Run one scheduler pass now (verify ready device-days, post waiting ones)" } }, async (_req, reply) => {
    if (!ctx.scheduler) return reply.code(409).send({ error: "Conflict", message: "the scheduler is off on this node" });
    return ctx.scheduler.runOnce();
  });
}

function oneOf<T extends string>(value: string, allowed: readonly T[], field: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new IngestRejectedError(undefined, field, `must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`);
  return value as T;
}
