import { IrradiancePeriodError, SiteMismatchError } from "./errors";
import { solarAltitudeDeg } from "./sun";
import { dayToIsoDate, utcDay } from "./time";
import type { Device, IrradianceSeries, PowerReading } from "./types";

/**
 * Cross-file consistency of readings and irradiance, checked before anything is verified so a
 * mismatch stops the run (exit non-zero, nothing written) instead of turning every day PENDING.
 */

/**
 * When the irradiance series carries a site id (Kaggle sensor `PLANT_ID`), every reading that
 * carries one must carry the same: otherwise SiteMismatchError at the first differing reading
 * (file, line, field `PLANT_ID`), naming the sensor's file and line too.
 */
export function assertSameSite(readings: readonly PowerReading[], series: IrradianceSeries): void {
  if (series.siteId === undefined) return;
  for (const r of readings) {
    if (r.siteId !== undefined && r.siteId !== series.siteId) {
      const at = series.siteRef ? `${series.siteRef.file}:${series.siteRef.line} field "${series.siteRef.field}"` : series.source;
      throw new SiteMismatchError({ file: r.source.file, line: r.source.line, field: "PLANT_ID" }, r.siteId, series.siteId, at);
    }
  }
}

const inSun = (r: PowerReading, d: Device) => solarAltitudeDeg(r.t + r.durationS / 2, d.lat, d.lon) > 0;

/**
 * The irradiance must cover the readings' daylight period: the UTC days of the first and of the
 * last reading taken with the sun up (at the device's site) must lie within the days of the
 * series' first and last sample. Otherwise IrradiancePeriodError naming both ranges. Readings of
 * one device sorted by t. Night-only edges (a file starting at local midnight) are not counted.
 */
export function assertIrradianceCovers(device: Device, readings: readonly PowerReading[], series: IrradianceSeries): void {
  const first = readings.find((r) => inSun(r, device));
  if (first === undefined) return;
  let last = first;
  for (let i = readings.length - 1; i >= 0; i--) {
    if (inSun(readings[i], device)) {
      last = readings[i];
      break;
    }
  }
  const s = series.samples;
  const sFirst = s.length > 0 ? utcDay(s[0].t) : undefined;
  const sLast = s.length > 0 ? utcDay(s[s.length - 1].t + s[s.length - 1].durationS - 1) : undefined;
  if (sFirst !== undefined && sLast !== undefined && utcDay(first.t) >= sFirst && utcDay(last.t) <= sLast) return;
  const irr = sFirst === undefined ? "no samples" : `${dayToIsoDate(sFirst)} … ${dayToIsoDate(sLast as number)}`;
  throw new IrradiancePeriodError(
    { file: series.source },
    `irradiance covers ${irr} (UTC days) but the daylight readings of ${device.id} run ${dayToIsoDate(utcDay(first.t))} … ${dayToIsoDate(utcDay(last.t))} ` +
      `(${first.source.file}:${first.source.line} … line ${last.source.line}): the irradiance does not cover the readings' period`,
  );
}
