/**
 * Errors of the oracle node's store and API. Each names what is wrong and where (the ingest row,
 * the interval, the device), and nothing was stored when one is thrown: every write is one
 * transaction.
 */

/** An interval (of a device's readings or a site's irradiance) that an ingest conflicts with. */
export interface ConflictInterval {
  /** Device id (readings) or site (irradiance). */
  readonly key: string;
  /** Interval start, unix seconds, and the same as ISO 8601 UTC. */
  readonly t: number;
  readonly start: string;
  readonly durationS: number;
}

/**
 * An ingested reading or sample differs from the one stored for the same interval, overlaps
 * another interval, or falls in a device-day that is already verified. HTTP 409. Nothing stored.
 */
export class IngestConflictError extends Error {
  readonly interval: ConflictInterval;
  /** 1-based row (line) of the request body, when known. */
  readonly row: number | undefined;
  constructor(interval: ConflictInterval, row: number | undefined, detail: string) {
    super(`${row === undefined ? "" : `row ${row}: `}interval ${interval.key} ${interval.start} (${interval.durationS} s): ${detail}`);
    this.name = "IngestConflictError";
    this.interval = interval;
    this.row = row;
  }
}

/** An ingest names a device or site the node does not know, or a value it cannot store. HTTP 422. Nothing stored. */
export class IngestRejectedError extends Error {
  readonly row: number | undefined;
  readonly field: string | undefined;
  constructor(row: number | undefined, field: string | undefined, detail: string) {
    super(`${row === undefined ? "" : `row ${row}`}${field === undefined ? "" : ` field "${field}"`}${row === undefined && field === undefined ? "" : ": "}${detail}`);
    this.name = "IngestRejectedError";
    this.row = row;
    this.field = field;
  }
}

/** Unix seconds → ISO 8601 UTC. */
export const iso = (t: number): string => new Date(t * 1000).toISOString();
