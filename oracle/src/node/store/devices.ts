import type { Kysely, Transaction } from "kysely";
import type { Device, DeviceRegistry } from "../../lib";
import type { Database, DevicesTable } from "../db/schema";
import { appendAudit } from "./audit";
import { textOrder } from "../db/open";

/** A device as the node keeps it: the library's Device plus the irradiance site and the owner. */
export interface NodeDevice extends Device {
  /** Irradiance site (the key of the irradiance series that verifies it). */
  readonly site: string;
  /** On-chain owner address, when given (informational). */
  readonly owner: string | null;
}

/** A device row as a NodeDevice. */
export function toNodeDevice(r: DevicesTable): NodeDevice {
  return {
    id: r.id,
    capacityW: r.capacity_w,
    emissionFactorGPerKWh: Number(r.emission_factor_g_per_kwh),
    lat: r.lat,
    lon: r.lon,
    site: r.site,
    owner: r.owner,
  };
}

/**
 * Registers (or updates) `registry`'s devices, each on `siteOf(id)`, with an audit entry
 * `{ type: "devices", devices: [...] }` in the same transaction. Returns how many were new and how
 * many changed. A device already stored with the same fields is left as it is.
 */
export async function upsertDevices(
  trx: Transaction<Database>,
  registry: DeviceRegistry,
  siteOf: (id: string) => string,
  ownerOf: (id: string) => string | null,
  now: Date,
): Promise<{ created: number; updated: number; unchanged: number }> {
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const changes: Record<string, string | number | null>[] = [];
  for (const d of registry.values()) {
    const row = { id: d.id, capacity_w: d.capacityW, emission_factor_g_per_kwh: d.emissionFactorGPerKWh, lat: d.lat, lon: d.lon, site: siteOf(d.id), owner: ownerOf(d.id) };
    const old = await trx.selectFrom("devices").selectAll().where("id", "=", d.id).executeTakeFirst();
    if (!old) {
      await trx.insertInto("devices").values({ ...row, created_at: now.toISOString() }).execute();
      created++;
    } else if ((Object.keys(row) as (keyof typeof row)[]).some((k) => (k === "emission_factor_g_per_kwh" ? Number(old[k]) : old[k]) !== row[k])) {
      await trx.updateTable("devices").set(row).where("id", "=", d.id).execute();
      updated++;
    } else {
      unchanged++;
      continue;
    }
    changes.push(row);
  }
  if (changes.length > 0) await appendAudit(trx, [{ type: "devices", devices: changes }], now);
  return { created, updated, unchanged };
}

/** All devices, sorted by id. */
export async function listDevices(db: Kysely<Database>): Promise<NodeDevice[]> {
  return (await db.selectFrom("devices").selectAll().orderBy(textOrder(db, "id")).execute()).map(toNodeDevice);
}

/** One device, or undefined. */
export async function getDevice(db: Kysely<Database>, id: string): Promise<NodeDevice | undefined> {
  const r = await db.selectFrom("devices").selectAll().where("id", "=", id).executeTakeFirst();
  return r ? toNodeDevice(r) : undefined;
}
