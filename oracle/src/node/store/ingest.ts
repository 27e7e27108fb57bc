import type { Transaction } from "kysely";
import type { IrradianceSeries, JsonValue, PowerReading } from "../../lib";
import type { Database } from "../db/schema";
import { appendAudit } from "./audit";
import { IngestConflictError, IngestRejectedError, iso } from "./errors";

/**
 * Ingest of readings and irradiance into the store. One request is one transaction: either every
 * row is stored (or found identical and skipped) or none is.
 *
 * - Idempotent: a row equal to the stored one for the same interval (same start, length and
 *   values) is a duplicate and skipped.
 * - A row whose interval start is stored with other values, or whose interval overlaps another
 *   one (stored or in the request), is refused with IngestConflictError naming the interval and the
 *   row: energy is never counted twice and a correction never silently replaces evidence.
 * - A new reading in a device-day that is already verified is refused the same way (the day's
 *   result and evidence hash are sealed).
 */

/** What one ingest stored. */
export interface IngestOutcome {
  /** Rows in the request. */
  readonly rows: number;
  /** Rows stored now. */
  readonly inserted: number;
  /** Rows identical to stored ones (skipped). */
  readonly duplicates: number;
  /** Seq of the audit entry recording the request. */
  readonly auditSeq: number;
}

const DAY_S = 86_400;
/** Rows per INSERT statement (SQLite's bound-parameter limit is 32,766). */
const INSERT_CHUNK = 500;

/** One interval row, readings and irradiance alike: `values` are compared for duplicates. */
interface Row {
  readonly t: number;
  readonly durationS: number;
  readonly values: readonly (number | null)[];
  readonly line: number | undefined;
}

/**
 * The rows of `incoming` (one key's rows) that are new, checking against the stored rows `stored`
 * of the same key around them. Throws IngestConflictError for a changed value.
 */
function newRows(key: string, stored: readonly Row[], incoming: readonly Row[], noun: string): Row[] {
  const at = new Map(stored.map((r) => [r.t, r]));
  const fresh: Row[] = [];
  const seenT = new Map<number, Row>();
  for (const r of incoming) {
    const interval = { key, t: r.t, start: iso(r.t), durationS: r.durationS };
    const old = at.get(r.t) ?? seenT.get(r.t);
    if (old) {
      const same = old.durationS === r.durationS && old.values.every((v, i) => v === r.values[i]);
      if (!same) {
        throw new IngestConflictError(interval, r.line, `conflicting duplicate: a ${noun} for this interval is stored with other values (${old.durationS} s, ${old.values.join(", ")}; this row: ${r.durationS} s, ${r.values.join(", ")})`);
      }
      continue;
    }
    seenT.set(r.t, r);
    fresh.push(r);
  }
  return fresh;
}

/** Throws IngestConflictError when a row of `fresh` overlaps another interval (stored or fresh). */
function assertNoOverlap(key: string, stored: readonly Row[], fresh: readonly Row[], noun: string): void {
  const all = [...stored, ...fresh].sort((a, b) => a.t - b.t);
  for (let i = 1; i < all.length; i++) {
    const p = all[i - 1];
    const r = all[i];
    if (r.t < p.t + p.durationS) {
      const culprit = fresh.includes(r) ? r : p;
      const other = culprit === r ? p : r;
      throw new IngestConflictError(
        { key, t: culprit.t, start: iso(culprit.t), durationS: culprit.durationS },
        culprit.line,
        `overlaps the ${noun} interval ${iso(other.t)} (${other.durationS} s): energy would be counted twice`,
      );
    }
  }
}

function byKey<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

const span = (rows: readonly { t: number }[]) => {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    lo = Math.min(lo, r.t);
    hi = Math.max(hi, r.t);
  }
  return { lo, hi };
};

/**
 * Stores `readings` (from the library's readers) inside `trx`, recording the request as an audit
 * entry `{ type: "ingest", kind: "readings", request, sha256, rows, inserted, duplicates }`.
 * Throws IngestRejectedError for an unknown device (naming the row and device field),
 * IngestConflictError as described above.
 */
export async function ingestReadings(
  trx: Transaction<Database>,
  readings: readonly PowerReading[],
  request: { id: string; sha256: string },
  now: Date,
): Promise<IngestOutcome> {
  const groups = byKey(readings, (r) => r.deviceId);
  const ids = [...groups.keys()];
  const known = new Set(
    ids.length === 0 ? [] : (await trx.selectFrom("devices").select("id").where("id", "in", ids).execute()).map((d) => d.id),
  );
  let inserted = 0;
  for (const [deviceId, list] of groups) {
    if (!known.has(deviceId)) {
      const r = list[0];
      throw new IngestRejectedError(r.source.line, r.source.deviceField, `unknown device ${JSON.stringify(deviceId)}: register it first (POST /devices)`);
    }
    const { lo, hi } = span(list);
    const stored = await trx
      .selectFrom("readings")
      .select(["t", "duration_s", "ac_power_w", "total_yield_wh"])
      .where("device_id", "=", deviceId)
      .where("t", ">=", lo - DAY_S)
      .where("t", "<=", hi)
      .execute();
    const toRow = (r: PowerReading): Row => ({ t: r.t, durationS: r.durationS, values: [r.acPowerW, r.totalYieldWh ?? null], line: r.source.line });
    const storedRows = stored.map((s): Row => ({ t: Number(s.t), durationS: Number(s.duration_s), values: [s.ac_power_w, s.total_yield_wh], line: undefined }));
    const fresh = newRows(deviceId, storedRows, list.map(toRow), "reading");
    if (fresh.length === 0) continue;
    const sealed = new Set(
      (
        await trx
          .selectFrom("device_days")
          .select("day")
          .where("device_id", "=", deviceId)
          .where("day", ">=", Math.floor(lo / DAY_S))
          .where("day", "<=", Math.floor(hi / DAY_S))
          .execute()
      ).map((d) => Number(d.day)),
    );
    for (const r of fresh) {
      const day = Math.floor(r.t / DAY_S);
      if (sealed.has(day)) {
        throw new IngestConflictError({ key: deviceId, t: r.t, start: iso(r.t), durationS: r.durationS }, r.line, `the device-day ${iso(day * DAY_S).slice(0, 10)} is already verified; a late reading cannot change its sealed result`);
      }
    }
    assertNoOverlap(deviceId, storedRows, fresh, "reading");
    for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
      await trx
        .insertInto("readings")
        .values(
          fresh.slice(i, i + INSERT_CHUNK).map((r) => ({
            device_id: deviceId,
            t: r.t,
            duration_s: r.durationS,
            ac_power_w: r.values[0] as number,
            total_yield_wh: r.values[1],
            source: request.id,
            line: r.line ?? null,
          })),
        )
        .execute();
    }
    inserted += fresh.length;
  }
  return record(trx, "readings", request, readings.length, inserted, now);
}

/**
 * Stores an irradiance series of `site` inside `trx` (audit entry as for readings, kind
 * `irradiance`). A site's samples are all of one kind (sensor or satellite): another kind is
 * refused with IngestRejectedError. Conflicts as for readings.
 */
export async function ingestIrradiance(
  trx: Transaction<Database>,
  site: string,
  series: IrradianceSeries,
  lines: readonly (number | undefined)[],
  request: { id: string; sha256: string },
  now: Date,
): Promise<IngestOutcome> {
  const samples = series.samples;
  let inserted = 0;
  if (samples.length > 0) {
    const other = await trx.selectFrom("irradiance").select("kind").where("site", "=", site).where("kind", "!=", series.kind).limit(1).executeTakeFirst();
    if (other) throw new IngestRejectedError(lines[0], undefined, `site ${site} holds ${other.kind} irradiance; this request is ${series.kind}`);
    const { lo, hi } = span(samples);
    const stored = await trx
      .selectFrom("irradiance")
      .select(["t", "duration_s", "ghi_wm2"])
      .where("site", "=", site)
      .where("t", ">=", lo - DAY_S)
      .where("t", "<=", hi)
      .execute();
    const storedRows = stored.map((s): Row => ({ t: Number(s.t), durationS: Number(s.duration_s), values: [s.ghi_wm2], line: undefined }));
    const fresh = newRows(site, storedRows, samples.map((s, i) => ({ t: s.t, durationS: s.durationS, values: [s.ghiWm2], line: lines[i] })), "irradiance sample");
    assertNoOverlap(site, storedRows, fresh, "irradiance sample");
    for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
      await trx
        .insertInto("irradiance")
        .values(fresh.slice(i, i + INSERT_CHUNK).map((r) => ({ site, t: r.t, duration_s: r.durationS, ghi_wm2: r.values[0] as number, kind: series.kind, source: request.id })))
        .execute();
    }
    inserted = fresh.length;
  }
  return record(trx, "irradiance", request, samples.length, inserted, now, site);
}

async function record(
  trx: Transaction<Database>,
  kind: string,
  request: { id: string; sha256: string },
  rows: number,
  inserted: number,
  now: Date,
  site?: string,
): Promise<IngestOutcome> {
  const payload: JsonValue = { type: "ingest", kind, request: request.id, sha256: request.sha256, rows, inserted, duplicates: rows - inserted, ...(site ? { site } : {}) };
  const [entry] = await appendAudit(trx, [payload], now);
  return { rows, inserted, duplicates: rows - inserted, auditSeq: entry.seq };
}
