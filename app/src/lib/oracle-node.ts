/**
 * A typed client of an oracle node's public read API (`opentonne-oracle serve`, docs/oracle-node.md):
 * the devices, the fleet summary, a device's day results and the per-device audit of a day. Reads
 * only: the node's write routes need the operator's API key and are not for browsers. Every failure
 * is an {@link OracleNodeError} naming the URL, the route and the HTTP status.
 */

/** A device registered on the node (`GET /devices`). */
export interface NodeDevice {
  /** The node's device id (for Plant 1, the inverter's SOURCE_KEY); on-chain id = `deviceIdOf(id)`. */
  readonly id: string;
  /** Rated AC capacity, W. */
  readonly capacityW: number;
  /** Grid emission factor, g CO2 per kWh. */
  readonly emissionFactorGPerKWh: number;
  readonly lat: number;
  readonly lon: number;
  /** The site whose irradiance the device is verified against. */
  readonly site: string;
  readonly owner: string | null;
}

/** A day's status as the oracle library decides it (NIGHT_ONLY days are never posted). */
export type NodeDayStatus = "VERIFIED" | "FLAGGED" | "PENDING" | "NIGHT_ONLY";

/** One row of the fleet summary (`GET /summary`): days by status, energy in kWh, CO2 in tonnes. */
export interface NodeSummaryRow {
  readonly deviceId: string;
  readonly days: number;
  readonly verified: number;
  readonly flagged: number;
  readonly pending: number;
  readonly energyKWh: number;
  readonly verifiedEnergyKWh: number;
  readonly verifiedTonnes: number;
  readonly totalTonnes: number;
}

/** `GET /summary`. */
export interface NodeSummary {
  readonly devices: readonly NodeSummaryRow[];
  readonly fleet: NodeSummaryRow;
}

/** A device-day result (`GET /results`): the library's result fields, then the node's posting state. */
export interface NodeDayResult {
  readonly deviceId: string;
  /** UTC day number (days since 1970-01-01). */
  readonly day: number;
  /** The UTC day as `YYYY-MM-DD`. */
  readonly date: string;
  readonly status: NodeDayStatus;
  /** One sentence per failed rule (empty when VERIFIED). */
  readonly reasons?: readonly string[];
  readonly faults?: readonly string[];
  readonly notes?: readonly string[];
  /** Credited energy, Wh. */
  readonly energyWh?: number;
  /** CO2 avoided, grams. */
  readonly co2Grams?: number;
  /** Pearson r of power vs irradiance in basis points; null when undefined. */
  readonly correlationBps?: number | null;
  /** Share 0..1 of the sun-expected intervals with a reading and irradiance. */
  readonly coverage?: number;
  /** Energy of the paired intervals and their theoretical maximum, Wh. */
  readonly pairedEnergyWh?: number;
  readonly theoreticalMaxWh?: number;
  /** `0x` + SHA-256 of the canonical evidence. */
  readonly evidenceHash?: string;
  readonly auditSeq: number;
  readonly verifiedAt: string;
  readonly post: { readonly state: string; readonly attempts: number; readonly error: string | null; readonly txHash: string | null; readonly blockNumber: number | null; readonly postedAt: string | null };
}

/** Thresholds the day was verified with (the library's VerificationThresholds; fractions 0..1, W/m²). */
export interface NodeThresholds {
  readonly minCorrelation: number;
  readonly tolerance: number;
  readonly minCoverage: number;
  readonly minPairs: number;
  readonly stcIrradianceWm2: number;
  readonly [rule: string]: number;
}

/** An entry of the node's hash-chained audit log. */
export interface NodeAuditEntry {
  readonly seq: number;
  /** ISO 8601 UTC. */
  readonly time: string;
  readonly prevHash: string;
  readonly payload: { readonly type?: string; readonly [field: string]: unknown };
  readonly hash: string;
}

/** `GET /devices/{id}/audit/{date}`: the day's series (unix seconds, W, W/m²), thresholds, result and audit entry. */
export interface NodeAudit {
  readonly device: NodeDevice;
  readonly date: string;
  readonly day: number;
  readonly thresholds: NodeThresholds;
  readonly power: ReadonlyArray<{ readonly t: number; readonly durationS: number; readonly acPowerW: number }>;
  readonly irradiance: { readonly kind: string; readonly samples: ReadonlyArray<{ readonly t: number; readonly durationS: number; readonly ghiWm2: number }> };
  readonly result: NodeDayResult | null;
  readonly auditEntry: NodeAuditEntry | null;
}

/**
 * A read of the node that failed. `status` is the HTTP status (0: no answer — unreachable, refused,
 * or blocked by CORS); the message names the URL and route and, when the node sent one,
 * its own message (e.g. "device x is not registered on this node").
 */
export class OracleNodeError extends Error {
  constructor(
    readonly url: string,
    readonly route: string,
    readonly status: number,
    readonly detail: string,
  ) {
    super(status === 0 ? `the oracle node at ${url} did not answer ${route}: ${detail}` : `the oracle node at ${url} answered ${route} with HTTP ${status}: ${detail}`);
    this.name = "OracleNodeError";
  }
}

/** Checks an oracle node URL typed by a user: an absolute http(s) URL, returned without trailing slashes. */
export function normalizeNodeUrl(text: string): string {
  const t = text.trim();
  let u: URL;
  try {
    u = new URL(t);
  } catch {
    throw new Error(`oracle node URL: ${JSON.stringify(t)} is not a URL (expected e.g. http://127.0.0.1:8787)`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error(`oracle node URL: ${JSON.stringify(t)} must be http(s)`);
  return t.replace(/\/+$/, "");
}

/** The read client of one node. `fetchImpl` is for tests (default: the browser's fetch). */
export class OracleNodeClient {
  readonly url: string;
  private readonly fetchImpl: typeof fetch;

  constructor(url: string, fetchImpl: typeof fetch = (...args) => fetch(...args)) {
    this.url = normalizeNodeUrl(url);
    this.fetchImpl = fetchImpl;
  }

  /** `GET route` as JSON; throws {@link OracleNodeError}. */
  async get<T>(route: string): Promise<T> {
    let res: Response;
    try {
      res = await this.fetchImpl(this.url + route, { headers: { accept: "application/json" } });
    } catch (error) {
      throw new OracleNodeError(this.url, route, 0, `${error instanceof Error ? error.message : String(error)} (is it running, and does it allow this page's origin — ORACLE_NODE_CORS_ORIGINS?)`);
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new OracleNodeError(this.url, route, res.status, `not JSON (is this an oracle node?): ${JSON.stringify(text.slice(0, 80))}`);
    }
    if (!res.ok) {
      const message = (body as { message?: unknown } | null)?.message;
      throw new OracleNodeError(this.url, route, res.status, typeof message === "string" ? message : res.statusText || "error");
    }
    return body as T;
  }

  /** `GET /devices`. */
  async devices(): Promise<NodeDevice[]> {
    return (await this.get<{ devices: NodeDevice[] }>("/devices")).devices;
  }

  /** `GET /summary`. */
  summary(): Promise<NodeSummary> {
    return this.get<NodeSummary>("/summary");
  }

  /** `GET /results?device=<id>`: the device's verified days, oldest first. */
  async results(deviceId: string): Promise<NodeDayResult[]> {
    return (await this.get<{ results: NodeDayResult[] }>(`/results?device=${encodeURIComponent(deviceId)}&limit=10000`)).results;
  }

  /** `GET /devices/{id}/audit/{date}` (`date` YYYY-MM-DD, UTC). */
  audit(deviceId: string, date: string): Promise<NodeAudit> {
    return this.get<NodeAudit>(`/devices/${encodeURIComponent(deviceId)}/audit/${encodeURIComponent(date)}`);
  }
}
