import type { Kysely } from "kysely";
import { runPipeline, type JsonValue, type VerificationThresholds } from "../../lib";
import type { Database } from "../db/schema";
import { appendAudit } from "../store/audit";
import { dayIrradiance, dayReadings, latestData, NIGHT_ONLY, openDays, type OpenDay } from "../store/days";
import { getDevice } from "../store/devices";
import { writeTransaction } from "../db/open";

/**
 * When a device-day is verified: once it is over and its data are complete, or a deadline passed.
 *
 * - Over: `now ≥ dayEnd + graceS` (loggers upload late).
 * - Complete: the device has a reading starting at or after `dayEnd`, and its site an irradiance
 *   sample starting at or after `dayEnd` — loggers send in time order, so the next day's data
 *   having started means this day's are in.
 * - Deadline: `now ≥ dayEnd + deadlineS` verifies whatever arrived (missing data then give PENDING
 *   with the library's "insufficient data" reason: missing evidence is never VERIFIED).
 */
export interface ReadinessRule {
  /** Seconds after the day's end before it may be verified (default 900). */
  readonly graceS: number;
  /** Seconds after the day's end after which it is verified with what arrived (default 172,800: two days). */
  readonly deadlineS: number;
}

/** Default readiness: 15 minutes of grace, a two-day deadline. */
export const DEFAULT_READINESS: ReadinessRule = { graceS: 900, deadlineS: 172_800 };

const DAY_S = 86_400;

/** Whether `day` of a device is ready (see ReadinessRule), given the latest reading / sample starts. */
export function isReady(day: number, latestReading: number | undefined, latestSample: number | undefined, nowS: number, rule: ReadinessRule): boolean {
  const dayEnd = (day + 1) * DAY_S;
  if (nowS < dayEnd + rule.graceS) return false;
  if (nowS >= dayEnd + rule.deadlineS) return true;
  return latestReading !== undefined && latestReading >= dayEnd && latestSample !== undefined && latestSample >= dayEnd;
}

/** What one verification pass did. */
export interface VerifyPass {
  /** Device-days verified now (night-only fragments included), by status. */
  readonly verified: Record<string, number>;
  /** Device-days with readings that are not ready yet. */
  readonly waiting: number;
}

/**
 * Verifies every ready open device-day with the library's runPipeline over the stored data of that
 * day (the day's readings; the site's samples of the day), and stores each result with its audit
 * entry (`{ type: "device-day", ...result }`) in one transaction per device-day, so a crash leaves
 * each day either verified once or not at all. A day is verified once: its row seals it.
 */
export async function verifyReadyDays(
  db: Kysely<Database>,
  opts: { nowS: number; now: Date; rule: ReadinessRule; thresholds?: Partial<VerificationThresholds> },
): Promise<VerifyPass> {
  const open = await openDays(db);
  const latest = await latestData(db);
  const verified: Record<string, number> = {};
  let waiting = 0;
  const devices = new Map<string, Awaited<ReturnType<typeof getDevice>>>();
  for (const od of open) {
    if (!devices.has(od.deviceId)) devices.set(od.deviceId, await getDevice(db, od.deviceId));
    const device = devices.get(od.deviceId);
    if (!device) continue; // readings reference devices (foreign key): cannot happen
    if (!isReady(od.day, latest.devices.get(od.deviceId), latest.sites.get(device.site), opts.nowS, opts.rule)) {
      waiting++;
      continue;
    }
    const status = await verifyOne(db, od, device, opts);
    if (status !== undefined) verified[status] = (verified[status] ?? 0) + 1;
  }
  return { verified, waiting };
}

async function verifyOne(
  db: Kysely<Database>,
  od: OpenDay,
  device: NonNullable<Awaited<ReturnType<typeof getDevice>>>,
  opts: { now: Date; thresholds?: Partial<VerificationThresholds> },
): Promise<string | undefined> {
  // The day's data are read inside the write transaction: no ingest can add a reading between
  // what is verified and the row that seals the day, and a day another node sealed meanwhile is
  // left as it is.
  return writeTransaction(db, async (trx) => {
    const sealed = await trx.selectFrom("device_days").select("status").where("device_id", "=", od.deviceId).where("day", "=", od.day).executeTakeFirst();
    if (sealed) return undefined;
    const readings = await dayReadings(trx, od.deviceId, od.day);
    const series = await dayIrradiance(trx, device.site, od.day);
    const { results } = runPipeline(readings, new Map([[device.id, device]]), () => series, { thresholds: opts.thresholds });
    const result = results[0] ?? null;
    const status = result ? result.status : NIGHT_ONLY;
    const payload: JsonValue = result
      ? { type: "device-day", ...(JSON.parse(JSON.stringify(result)) as Record<string, JsonValue>) }
      : { type: "device-day", deviceId: od.deviceId, day: od.day, status: NIGHT_ONLY, readings: readings.length };
    const [entry] = await appendAudit(trx, [payload], opts.now);
    await trx
      .insertInto("device_days")
      .values({
        device_id: od.deviceId,
        day: od.day,
        status,
        evidence_hash: result?.evidenceHash ?? "",
        result_json: JSON.stringify(result),
        verified_at: opts.now.toISOString(),
        audit_seq: entry.seq,
        post_state: result ? "unposted" : "skip",
        post_attempts: 0,
        next_post_at: 0,
        post_error: null,
        tx_hash: null,
        block_number: null,
        posted_at: null,
      })
      .execute();
    return status;
  });
}
