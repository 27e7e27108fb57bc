import { getPosition } from "suncalc";
import { DAY_S } from "./time";

/**
 * Solar geometry for the oracle (suncalc: NOAA/Meeus-style solar position, apparent altitude with
 * refraction). Used to know when readings are expected — from the sun at the device's registered
 * site, not from the data — and for the QCRad irradiance limits.
 */

/** Apparent solar altitude, degrees, at unix time `t` (s) and site `lat`/`lon` (decimal degrees). */
export function solarAltitudeDeg(t: number, lat: number, lon: number): number {
  return getPosition(new Date(t * 1000), lat, lon).altitude;
}

/** cos(solar zenith angle) at `t`, clipped at 0 when the sun is below the horizon. */
export function cosZenith(t: number, lat: number, lon: number): number {
  return Math.max(0, Math.sin((solarAltitudeDeg(t, lat, lon) * Math.PI) / 180));
}

/**
 * The reading intervals the sun makes us expect on UTC day `day`: the starts `t` of the grid
 * intervals `[t, t + stepS)` (grid: `t ≡ phaseS (mod stepS)`) whose midpoint has the sun above the
 * horizon at the site. A reading missing from one of these lowers coverage even when the irradiance
 * file lacks the same interval (a gap shared by both files). Ascending, unix seconds.
 */
export function sunExpectedSlots(day: number, lat: number, lon: number, stepS: number, phaseS = 0): number[] {
  return memo(`slots:${day}:${lat}:${lon}:${stepS}:${phaseS}`, () => computeSlots(day, lat, lon, stepS, phaseS));
}

/** Small memo for solar geometry shared by devices of one site (bounded: cleared past 50,000 keys). */
const cache = new Map<string, unknown>();
function memo<T>(key: string, f: () => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  if (cache.size > 50_000) cache.clear();
  const v = f();
  cache.set(key, v);
  return v;
}

function computeSlots(day: number, lat: number, lon: number, stepS: number, phaseS: number): number[] {
  const out: number[] = [];
  const start = day * DAY_S;
  const first = start + ((((phaseS - start) % stepS) + stepS) % stepS);
  for (let t = first; t < start + DAY_S; t += stepS) {
    if (solarAltitudeDeg(t + stepS / 2, lat, lon) > 0) out.push(t);
  }
  return out;
}

/** Solar constant, W/m² (the value QCRad uses). */
export const SOLAR_CONSTANT_WM2 = 1367;

/** Extraterrestrial irradiance at the Earth–Sun distance of unix time `t`: `1367 × (1 + 0.033 cos(2π · doy / 365))` W/m². */
export function extraterrestrialWm2(t: number): number {
  const d = new Date(t * 1000);
  const doy = Math.floor((t * 1000 - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  return SOLAR_CONSTANT_WM2 * (1 + 0.033 * Math.cos((2 * Math.PI * doy) / 365));
}

/**
 * Upper "physically possible" limit of global horizontal irradiance, W/m² (BSRN QCRad, Long &
 * Shi 2008; pvanalytics `quality.irradiance.check_ghi_limits_qcrad`): `Sa × 1.5 × μ0^1.2 + 100`,
 * with `Sa` the extraterrestrial irradiance and `μ0` = cos(zenith) at the interval midpoint.
 * At night (μ0 = 0) the limit is 100 W/m².
 */
export function qcradGhiLimitWm2(t: number, durationS: number, lat: number, lon: number): number {
  const mid = t + durationS / 2;
  const site = siteQcrad(lat, lon);
  let limit = site.get(mid);
  if (limit === undefined) {
    if (site.size > 50_000) site.clear();
    limit = extraterrestrialWm2(mid) * 1.5 * Math.pow(cosZenith(mid, lat, lon), 1.2) + 100;
    site.set(mid, limit);
  }
  return limit;
}

/** QCRad limits by site (latitude → longitude → interval midpoint): numeric keys, no string per lookup. */
const qcradBySite = new Map<number, Map<number, Map<number, number>>>();
function siteQcrad(lat: number, lon: number): Map<number, number> {
  let byLon = qcradBySite.get(lat);
  if (byLon === undefined) qcradBySite.set(lat, (byLon = new Map()));
  let site = byLon.get(lon);
  if (site === undefined) byLon.set(lon, (site = new Map()));
  return site;
}
