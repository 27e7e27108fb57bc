import { sql, type Kysely, type Transaction } from "kysely";
import type { DeviceDayResult, IrradianceKind, IrradianceSeries, PowerReading } from "../../lib";
import type { Database, DeviceDaysTable } from "../db/schema";
import { textOrder } from "../db/open";

/**
 * Reads of device-days: the data of one day (for verification and the per-device audit), the days
 * waiting to be verified, and the stored results.
 */

const DAY_S = 86_400;

/** A device-day that has readings and no result yet, with what tells whether its data are complete. */
export interface OpenDay {
  readonly deviceId: string;
  readonly day: number;
}

/** Device-days with readings but no stored result, in device then day order. */
export async function openDays(db: Kysely<Database>): Promise<OpenDay[]> {
  // The day as a literal integer division (a bound 86400 would be a REAL in SQLite, and a
  // different expression from the GROUP BY's in PostgreSQL).
  const dayExpr = sql<number>`r.t / 86400`;
  const rows = await db
    .selectFrom("readings as r")
    .select(["r.device_id as deviceId", dayExpr.as("day")])
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("device_days as d").select("d.day").whereRef("d.device_id", "=", "r.device_id").where(sql<boolean>`d.day = r.t / 86400`))),
    )
    .groupBy(["r.device_id", dayExpr])
    .orderBy(textOrder(db, "r.device_id"))
    .orderBy("day")
    .execute();
  return rows.map((r) => ({ deviceId: r.deviceId, day: Number(r.day) }));
}

/** Latest reading start of each device and latest sample start of each site (unix seconds). */
export async function latestData(db: Kysely<Database>): Promise<{ devices: Map<string, number>; sites: Map<string, number> }> {
  const d = await db.selectFrom("readings").select(["device_id", (eb) => eb.fn.max("t").as("t")]).groupBy("device_id").execute();
  const s = await db.selectFrom("irradiance").select(["site", (eb) => eb.fn.max("t").as("t")]).groupBy("site").execute();
  return { devices: new Map(d.map((r) => [r.device_id, Number(r.t)])), sites: new Map(s.map((r) => [r.site, Number(r.t)])) };
}

/** The stored readings of one device-day as the library's PowerReading (source: request id and row). */
export async function dayReadings(db: Kysely<Database> | Transaction<Database>, deviceId: string, day: number): Promise<PowerReading[]> {
  const rows = await db
    .selectFrom("readings")
    .selectAll()
    .where("device_id", "=", deviceId)
    .where("t", ">=", day * DAY_S)
    .where("t", "<", (day + 1) * DAY_S)
    .orderBy("t")
    .execute();
  return rows.map((r) => ({
    deviceId,
    t: Number(r.t),
    durationS: Number(r.duration_s),
    acPowerW: r.ac_power_w,
    ...(r.total_yield_wh === null ? {} : { totalYieldWh: r.total_yield_wh }),
    source: { file: r.source, line: r.line === null ? undefined : Number(r.line), deviceField: "device" },
  }));
}

/** The irradiance samples of `site` starting in `day` as a library series (kind from the stored rows; `sensor` when there are none). */
export async function dayIrradiance(db: Kysely<Database> | Transaction<Database>, site: string, day: number): Promise<IrradianceSeries> {
  const rows = await db
    .selectFrom("irradiance")
    .selectAll()
    .where("site", "=", site)
    .where("t", ">=", day * DAY_S)
    .where("t", "<", (day + 1) * DAY_S)
    .orderBy("t")
    .execute();
  let kind: IrradianceKind = rows.length > 0 ? (rows[0].kind as IrradianceKind) : "sensor";
  if (rows.length === 0) {
    const any = await db.selectFrom("irradiance").select("kind").where("site", "=", site).limit(1).executeTakeFirst();
    if (any) kind = any.kind as IrradianceKind;
  }
  return {
    kind,
    source: `site ${site}`,
    samples: rows.map((r) => ({ t: Number(r.t), durationS: Number(r.duration_s), ghiWm2: r.ghi_wm2 })),
  };
}

/** A stored device-day: the library's result (null for a night-only fragment) and its posting state. */
export interface StoredDay {
  readonly deviceId: string;
  readonly day: number;
  readonly status: string;
  readonly result: DeviceDayResult | null;
  readonly auditSeq: number;
  readonly verifiedAt: string;
  readonly post: {
    readonly state: string;
    readonly attempts: number;
    readonly error: string | null;
    readonly txHash: string | null;
    readonly blockNumber: number | null;
    readonly postedAt: string | null;
  };
}

/** A device_days row as a StoredDay. */
export function toStoredDay(r: DeviceDaysTable): StoredDay {
  return {
    deviceId: r.device_id,
    day: Number(r.day),
    status: r.status,
    result: r.result_json === "null" ? null : (JSON.parse(r.result_json) as DeviceDayResult),
    auditSeq: Number(r.audit_seq),
    verifiedAt: r.verified_at,
    post: {
      state: r.post_state,
      attempts: Number(r.post_attempts),
      error: r.post_error,
      txHash: r.tx_hash,
      blockNumber: r.block_number === null ? null : Number(r.block_number),
      postedAt: r.posted_at,
    },
  };
}

/** Filters of queryDays. */
export interface DayQuery {
  readonly status?: string;
  readonly deviceId?: string;
  readonly fromDay?: number;
  readonly toDay?: number;
  readonly postState?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/** Stored device-days matching `q` (night-only fragments excluded unless asked by status), device then day order. */
export async function queryDays(db: Kysely<Database>, q: DayQuery): Promise<StoredDay[]> {
  let s = db.selectFrom("device_days").selectAll();
  s = q.status ? s.where("status", "=", q.status) : s.where("status", "!=", NIGHT_ONLY);
  if (q.deviceId) s = s.where("device_id", "=", q.deviceId);
  if (q.fromDay !== undefined) s = s.where("day", ">=", q.fromDay);
  if (q.toDay !== undefined) s = s.where("day", "<=", q.toDay);
  if (q.postState) s = s.where("post_state", "=", q.postState as DeviceDaysTable["post_state"]);
  const rows = await s.orderBy(textOrder(db, "device_id")).orderBy("day").limit(q.limit ?? 10_000).offset(q.offset ?? 0).execute();
  return rows.map(toStoredDay);
}

/** Status stored for a device-day whose readings hold no daylight (the library reports nothing for it). */
export const NIGHT_ONLY = "NIGHT_ONLY";
