/**
 * Typed errors of the off-chain oracle. Every error about bad input names where it is: the file,
 * the 1-based line (when the format has lines) and the field (CSV column or JSON path), so an
 * operator can open the file at the right place. Nothing is ever half-applied: readers throw
 * before the pipeline writes any output.
 */

/** Where a bad value sits: file path, 1-based line (CSV line or JSON line), field name or path. */
export interface InputLocation {
  readonly file: string;
  readonly line?: number;
  readonly field?: string;
}

function where(loc: InputLocation): string {
  const line = loc.line === undefined ? "" : `:${loc.line}`;
  const field = loc.field === undefined ? "" : ` field "${loc.field}"`;
  return `${loc.file}${line}${field}`;
}

/** Base class of every bad-input error: `message` is `"<file>:<line> field "<field>": <detail>"`. */
export class OracleInputError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly field: string | undefined;
  /** What is wrong, without the location prefix. */
  readonly detail: string;

  constructor(loc: InputLocation, detail: string) {
    super(`${where(loc)}: ${detail}`);
    this.name = new.target.name;
    this.file = loc.file;
    this.line = loc.line;
    this.field = loc.field;
    this.detail = detail;
  }
}

/** A row or document that cannot be read at all: wrong column count, missing column, bad JSON. */
export class MalformedRowError extends OracleInputError {}

/** A value that parses but is not allowed: non-numeric, negative, not finite, bad timestamp. */
export class InvalidValueError extends OracleInputError {
  /** The raw text (or JSON value rendered as text) that was rejected. */
  readonly value: string;
  constructor(loc: InputLocation, value: string, detail: string) {
    super(loc, `${detail} (got ${JSON.stringify(value)})`);
    this.value = value;
  }
}

/** A reading for a device that the device registry does not hold. */
export class UnknownDeviceError extends OracleInputError {
  readonly deviceId: string;
  constructor(loc: InputLocation, deviceId: string) {
    super(loc, `unknown device ${JSON.stringify(deviceId)}: it is not in the device registry`);
    this.deviceId = deviceId;
  }
}

/** A timestamp not strictly after the previous one of the same series (device or irradiance site). */
export class TimestampOrderError extends OracleInputError {
  /** Previous and offending timestamps, unix seconds. */
  readonly previous: number;
  readonly current: number;
  constructor(loc: InputLocation, previous: number, current: number) {
    super(
      loc,
      `timestamp ${new Date(current * 1000).toISOString()} is not after the previous one ` +
        `${new Date(previous * 1000).toISOString()} of the same series (out of order or duplicate)`,
    );
    this.previous = previous;
    this.current = current;
  }
}

/** Two units for the same quantity in one input (e.g. W and kW rows in one file). */
export class MixedUnitsError extends OracleInputError {
  readonly expected: string;
  readonly found: string;
  constructor(loc: InputLocation, expected: string, found: string) {
    super(loc, `mixed units: expected ${JSON.stringify(expected)} like the rest of the input, found ${JSON.stringify(found)}`);
    this.expected = expected;
    this.found = found;
  }
}

/** The offline NASA POWER client was asked for a request that is not in its on-disk cache. */
export class IrradianceCacheMissError extends Error {
  readonly url: string;
  readonly cachePath: string;
  constructor(url: string, cachePath: string) {
    super(`offline mode: NASA POWER request is not cached (expected ${cachePath}) for ${url}`);
    this.name = "IrradianceCacheMissError";
    this.url = url;
    this.cachePath = cachePath;
  }
}

/** The NASA POWER API answered with a non-2xx status, or the request failed. */
export class NasaPowerHttpError extends Error {
  readonly url: string;
  /** HTTP status, or undefined when no response arrived (network error, timeout). */
  readonly status: number | undefined;
  constructor(url: string, status: number | undefined, detail: string) {
    super(`NASA POWER request failed${status === undefined ? "" : ` with HTTP ${status}`}: ${detail} (${url})`);
    this.name = "NasaPowerHttpError";
    this.url = url;
    this.status = status;
  }
}

/** The irradiance series cannot be paired with the readings (e.g. irradiance finer than readings). */
export class ResolutionMismatchError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = "ResolutionMismatchError";
  }
}

/** An audit log that cannot be extended because its chain is broken or a line is unreadable. */
export class AuditLogError extends Error {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, detail: string) {
    super(`${file}:${line}: ${detail}`);
    this.name = "AuditLogError";
    this.file = file;
    this.line = line;
  }
}

/** Two readings of one device whose intervals overlap (e.g. the same day in two files): energy would be counted twice. */
export class OverlappingReadingsError extends OracleInputError {}

/** A file that cannot be read at all (missing, unreadable, bad gzip): names the file and the system's reason. */
export class InputFileError extends OracleInputError {}

/** Readings and irradiance name different plants or sites (e.g. another plant's sensor file). */
export class SiteMismatchError extends OracleInputError {
  readonly readingsSite: string;
  readonly irradianceSite: string;
  constructor(loc: InputLocation, readingsSite: string, irradianceSite: string, irradianceAt: string) {
    super(loc, `plant/site ${JSON.stringify(readingsSite)} of the readings differs from ${JSON.stringify(irradianceSite)} of the irradiance (${irradianceAt}): files of two different plants`);
    this.readingsSite = readingsSite;
    this.irradianceSite = irradianceSite;
  }
}

/** The irradiance series does not cover the readings' period (e.g. a sensor file of another month): names both ranges. */
export class IrradiancePeriodError extends OracleInputError {}
