import type { FastifyInstance } from "fastify";
import { dayToIsoDate, defaultThresholds, summarize, type DeviceDayResult } from "../../lib";
import type { OpenDatabase } from "../db/open";
import { toAuditEntry, verifyAuditChain } from "../store/audit";
import { dayIrradiance, dayReadings, queryDays, type StoredDay } from "../store/days";
import { getDevice, listDevices } from "../store/devices";
import type { VerificationThresholds } from "../../lib";

/** A route's answer when the thing asked for does not exist. */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(what);
    this.name = "NotFoundError";
  }
}

const DATE_RE = "^\\d{4}-\\d{2}-\\d{2}$";
const dayOf = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
const dayParams = {
  type: "object",
  required: ["id", "date"],
  properties: { id: { type: "string" }, date: { type: "string", pattern: DATE_RE } },
} as const;

/** A stored day for the API: the library's result fields, then the posting state. */
function view(d: StoredDay) {
  return { ...(d.result ?? { deviceId: d.deviceId, day: d.day, date: dayToIsoDate(d.day), status: d.status }), auditSeq: d.auditSeq, verifiedAt: d.verifiedAt, post: d.post };
}

/**
 * The public read routes: devices, device-day results (with reasons), results by status, the fleet
 * summary, the per-device audit of a day, and the audit chain check.
 */
export async function readRoutes(app: FastifyInstance, ctx: { store: OpenDatabase; thresholds?: Partial<VerificationThresholds> }): Promise<void> {
  const db = ctx.store.db;

  app.get("/devices", { schema: { summary: "Registered devices" } }, async () => ({ devices: await listDevices(db) }));

  app.get<{ Params: { id: string } }>("/devices/:id", { schema: { summary: "One device" } }, async (req) => {
    const d = await getDevice(db, req.params.id);
    if (!d) throw new NotFoundError(`device ${req.params.id} is not registered on this node`);
    return d;
  });

  app.get<{ Querystring: { status?: string; device?: string; from?: string; to?: string; postState?: string; limit?: number; offset?: number } }>(
    "/results",
    {
      schema: {
        summary: "Device-day results (status, reasons, energy, CO2, evidence hash, posting state), filtered",
        querystring: {
          type: "object",
          properties: {
            status: { type: "string", enum: ["VERIFIED", "FLAGGED", "PENDING", "NIGHT_ONLY"] },
            device: { type: "string" },
            from: { type: "string", pattern: DATE_RE },
            to: { type: "string", pattern: DATE_RE },
            postState: { type: "string", enum: ["unposted", "posted", "not-postable", "dry-run", "failed", "skip"] },
            limit: { type: "integer", minimum: 1, maximum: 10_000, default: 1000 },
            offset: { type: "integer", minimum: 0, default: 0 },
          },
          additionalProperties: false,
        },
      },
    },
    async (req) => {
      const q = req.query;
      const days = await queryDays(db, {
        status: q.status,
        deviceId: q.device,
        fromDay: q.from ? dayOf(q.from) : undefined,
        toDay: q.to ? dayOf(q.to) : undefined,
        postState: q.postState,
        limit: q.limit,
        offset: q.offset,
      });
      return { results: days.map(view) };
    },
  );

  app.get<{ Params: { id: string; date: string } }>("/results/:id/:date", { schema: { summary: "One device-day result", params: dayParams } }, async (req) => {
    const [d] = await queryDays(db, { deviceId: req.params.id, fromDay: dayOf(req.params.date), toDay: dayOf(req.params.date), limit: 1 });
    if (!d) throw new NotFoundError(`no result for device ${req.params.id} on ${req.params.date} (not verified yet, or no readings)`);
    return view(d);
  });

  app.get("/summary", { schema: { summary: "Fleet summary: per device and for the fleet (days by status, kWh, tonnes)" } }, async () => {
    const days = await queryDays(db, {});
    return summarize(days.map((d) => d.result).filter((r): r is DeviceDayResult => r !== null));
  });

  app.get<{ Params: { id: string; date: string } }>(
    "/devices/:id/audit/:date",
    { schema: { summary: "Per-device audit of a day: power vs irradiance series, thresholds, result, evidence hash, audit entry", params: dayParams } },
    async (req) => {
      const device = await getDevice(db, req.params.id);
      if (!device) throw new NotFoundError(`device ${req.params.id} is not registered on this node`);
      const day = dayOf(req.params.date);
      const readings = await dayReadings(db, device.id, day);
      const series = await dayIrradiance(db, device.site, day);
      const [stored] = await queryDays(db, { deviceId: device.id, fromDay: day, toDay: day, limit: 1 });
      const entry = stored
        ? await db.selectFrom("audit").selectAll().where("seq", "=", stored.auditSeq).executeTakeFirst()
        : undefined;
      return {
        device,
        date: req.params.date,
        day,
        thresholds: { ...defaultThresholds(series.kind), ...ctx.thresholds },
        power: readings.map((r) => ({ t: r.t, durationS: r.durationS, acPowerW: r.acPowerW })),
        irradiance: { kind: series.kind, samples: series.samples },
        result: stored ? view(stored) : null,
        auditEntry: entry ? toAuditEntry(entry) : null,
      };
    },
  );

  app.get("/audit/verify", { schema: { summary: "Verify the whole audit chain (seq, prevHash links, entry hashes)" } }, async () => verifyAuditChain(db));

  app.get<{ Querystring: { from?: number; limit?: number } }>(
    "/audit",
    {
      schema: {
        summary: "Audit entries (the library's AuditEntry shape), from a seq",
        querystring: { type: "object", properties: { from: { type: "integer", minimum: 0, default: 0 }, limit: { type: "integer", minimum: 1, maximum: 5000, default: 500 } } },
      },
    },
    async (req) => {
      const rows = await db.selectFrom("audit").selectAll().where("seq", ">=", req.query.from ?? 0).orderBy("seq").limit(req.query.limit ?? 500).execute();
      return { entries: rows.map(toAuditEntry) };
    },
  );
}
