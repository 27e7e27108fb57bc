import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { IrradianceCacheMissError, MalformedRowError, NasaPowerHttpError } from "./errors";
import { parseNasaPower } from "./irradiance-nasa";
import { jsonErrorOffset, lineAt } from "./json";
import { dayToIsoDate } from "./time";
import type { IrradianceSeries } from "./types";

/** Public NASA POWER API host. */
export const NASA_POWER_BASE_URL = "https://power.larc.nasa.gov";

/** A point request for hourly ALLSKY_SFC_SW_DWN: site in decimal degrees, inclusive UTC day range. */
export interface NasaHourlyRequest {
  readonly lat: number;
  readonly lon: number;
  /** First and last UTC day numbers (inclusive). */
  readonly startDay: number;
  readonly endDay: number;
}

/** Options of NasaPowerClient. */
export interface NasaPowerClientOptions {
  /** Directory of the on-disk cache (created on first write). */
  readonly cacheDir: string;
  /** Read only the cache; a miss throws IrradianceCacheMissError. Default false. */
  readonly offline?: boolean;
  /** API host (default NASA_POWER_BASE_URL); tests point it at a local server. */
  readonly baseUrl?: string;
  /** Request timeout, ms (default 60 000). */
  readonly timeoutMs?: number;
}

/** What `hourly` returns: the parsed series, whether it came from the cache, and the cache file. */
export interface NasaHourlyResult {
  readonly series: IrradianceSeries;
  readonly fromCache: boolean;
  readonly cachePath: string;
}

const compactDate = (day: number) => dayToIsoDate(day).replaceAll("-", "");

/**
 * HTTP client for the NASA POWER hourly point API with an on-disk cache.
 *
 * The request URL is canonical (fixed parameter order, lat/lon with 4 decimals, community RE,
 * `time-standard=UTC`), and the cache file is `<cacheDir>/nasa-power-<sha256(path + query)>.json`
 * holding the raw response body, so the cache key is exactly the request. A response is parsed (and so
 * validated) before it is written, and written atomically (temp file + rename): a bad or partial
 * response is never cached. With `offline`, only the cache is read.
 */
export class NasaPowerClient {
  private readonly cacheDir: string;
  private readonly offline: boolean;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(opts: NasaPowerClientOptions) {
    this.cacheDir = opts.cacheDir;
    this.offline = opts.offline ?? false;
    this.baseUrl = (opts.baseUrl ?? NASA_POWER_BASE_URL).replace(/\/+$/, "");
    this.timeoutMs = opts.timeoutMs ?? 60_000;
  }

  /** The canonical request URL for `req`. */
  hourlyUrl(req: NasaHourlyRequest): string {
    const q = [
      "parameters=ALLSKY_SFC_SW_DWN",
      "community=RE",
      `longitude=${req.lon.toFixed(4)}`,
      `latitude=${req.lat.toFixed(4)}`,
      `start=${compactDate(req.startDay)}`,
      `end=${compactDate(req.endDay)}`,
      "format=JSON",
      "time-standard=UTC",
    ].join("&");
    return `${this.baseUrl}/api/temporal/hourly/point?${q}`;
  }

  /**
   * The cache file of `url`: keyed by SHA-256 of the path and query only, so the same data request
   * hits the same entry whichever host served it (the public API, a mirror, a test server).
   */
  cachePath(url: string): string {
    const u = new URL(url);
    const key = crypto.createHash("sha256").update(u.pathname + u.search).digest("hex");
    return path.join(this.cacheDir, `nasa-power-${key}.json`);
  }

  /**
   * Hourly GHI (W/m², UTC hours) for `req`, from the cache or the API. Throws
   * IrradianceCacheMissError (offline, not cached), NasaPowerHttpError (non-2xx, network error,
   * timeout) or the parser's errors for a response that is not valid NASA POWER JSON.
   */
  async hourly(req: NasaHourlyRequest): Promise<NasaHourlyResult> {
    const url = this.hourlyUrl(req);
    const cachePath = this.cachePath(url);
    if (fs.existsSync(cachePath)) {
      return { series: this.parse(url, fs.readFileSync(cachePath, "utf8"), cachePath), fromCache: true, cachePath };
    }
    if (this.offline) throw new IrradianceCacheMissError(url, cachePath);
    const body = await this.get(url);
    const series = this.parse(url, body, url);
    fs.mkdirSync(this.cacheDir, { recursive: true });
    const tmp = `${cachePath}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, body);
    fs.renameSync(tmp, cachePath);
    return { series, fromCache: false, cachePath };
  }

  private async get(url: string): Promise<string> {
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs), headers: { accept: "application/json" } });
    } catch (err) {
      throw new NasaPowerHttpError(url, undefined, (err as Error).message);
    }
    const body = await res.text();
    if (!res.ok) throw new NasaPowerHttpError(url, res.status, body.slice(0, 200));
    return body;
  }

  private parse(url: string, text: string, file: string): IrradianceSeries {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err;
      throw new MalformedRowError({ file, line: lineAt(text, jsonErrorOffset(text, err)) }, `invalid JSON: ${err.message}`);
    }
    return { ...parseNasaPower({ file, text, value }), source: url };
  }
}
