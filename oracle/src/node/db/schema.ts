/**
 * The oracle node's tables (Kysely types). Units are in the column names: W, Wh, W/m², seconds;
 * times are unix seconds (UTC), days UTC day numbers. Every write goes through one transaction.
 */
/** A registered device, mirroring the MRVOracle device registry (the chain stays the source of truth). */
export interface DevicesTable {
  id: string;
  capacity_w: number;
  emission_factor_g_per_kwh: number;
  lat: number;
  lon: number;
  /** Irradiance site whose series verifies this device (e.g. the plant's pyranometer). */
  site: string;
  /** Owner address on-chain, when known (informational; the chain's record is authoritative). */
  owner: string | null;
  created_at: string;
}

/** One inverter reading: mean AC power over `[t, t + duration_s)`. */
export interface ReadingsTable {
  device_id: string;
  t: number;
  duration_s: number;
  ac_power_w: number;
  total_yield_wh: number | null;
  /** Where it came from: the ingest request id and the 1-based row of its body. */
  source: string;
  line: number | null;
}

/** One irradiance sample of a site: mean GHI over `[t, t + duration_s)`. */
export interface IrradianceTable {
  site: string;
  t: number;
  duration_s: number;
  ghi_wm2: number;
  /** `sensor` or `satellite`. */
  kind: string;
  source: string;
}

/**
 * Posting lifecycle of a device-day: `unposted` (verified, waiting), `posted` (tx recorded, the
 * seed's SUBMITTED), `not-postable` (the chain would refuse it now; retried later), `dry-run`
 * (planned in dry-run mode), `failed` (an error; retried after `next_post_at`), `skip` (a
 * night-only fragment: nothing to report).
 */
export type PostState = "unposted" | "posted" | "not-postable" | "dry-run" | "failed" | "skip";

/** A verified device-day: the library's DeviceDayResult (JSON) and its posting state. */
export interface DeviceDaysTable {
  device_id: string;
  day: number;
  status: string;
  evidence_hash: string;
  /** JSON of the library's DeviceDayResult. */
  result_json: string;
  verified_at: string;
  audit_seq: number;
  post_state: PostState;
  post_attempts: number;
  /** Unix seconds before which posting is not retried (backoff). */
  next_post_at: number;
  post_error: string | null;
  tx_hash: string | null;
  block_number: number | null;
  posted_at: string | null;
}

/** The hash-chained audit log: entries as the library's AuditEntry (audit-log.ts). */
export interface AuditTable {
  seq: number;
  time: string;
  prev_hash: string;
  /** Canonical JSON of the payload. */
  payload: string;
  hash: string;
}

/** Kysely's bookkeeping of applied migrations is its own; this is the database shape. */
export interface Database {
  devices: DevicesTable;
  readings: ReadingsTable;
  irradiance: IrradianceTable;
  device_days: DeviceDaysTable;
  audit: AuditTable;
}

