import crypto from "node:crypto";
import type { IrradianceSample, PowerReading } from "./types";

/** First line of every evidence document; bump the version if the format ever changes. */
export const EVIDENCE_FORMAT = "opentonne/evidence/v1";

/** A device id that can appear in evidence: 1–64 of `A–Z a–z 0–9 . _ : -` (no separators or newlines). */
export const DEVICE_ID_RE = /^[A-Za-z0-9._:-]{1,64}$/;

/** Value × 1000 rounded to the nearest integer (halves away from zero): W → mW, W/m² → mW/m². */
const milli = (x: number) => (x < 0 ? -Math.round(-x * 1000) : Math.round(x * 1000));

/**
 * Canonical serialisation of one device-day's evidence (UTF-8, every line ends with `\n`):
 *
 * ```
 * opentonne/evidence/v1
 * device=<device id>
 * day=<UTC day number>
 * readings=<count>
 * <t>,<durationS>,<mean AC power in integer mW>        one line per reading, ascending t
 * irradiance=<count>
 * <t>,<durationS>,<mean irradiance in integer mW/m²>   one line per sample, ascending t
 * ```
 *
 * `t` is unix seconds (interval start), all numbers are base-10 integers without leading zeros or
 * `+`; power and irradiance are rounded to the nearest milli-unit, so the text (and its hash) is
 * reproducible from the data in any language. Readings are the day's readings (start in the day);
 * irradiance samples are those whose start is in the day.
 */
export function canonicalEvidence(
  deviceId: string,
  day: number,
  readings: readonly PowerReading[],
  irradiance: readonly IrradianceSample[],
): string {
  if (!DEVICE_ID_RE.test(deviceId)) throw new RangeError(`device id ${JSON.stringify(deviceId)} cannot be serialised`);
  const rs = [...readings].sort((a, b) => a.t - b.t);
  const is = [...irradiance].sort((a, b) => a.t - b.t);
  const lines = [EVIDENCE_FORMAT, `device=${deviceId}`, `day=${day}`, `readings=${rs.length}`];
  for (const r of rs) lines.push(`${r.t},${r.durationS},${milli(r.acPowerW)}`);
  lines.push(`irradiance=${is.length}`);
  for (const s of is) lines.push(`${s.t},${s.durationS},${milli(s.ghiWm2)}`);
  return lines.join("\n") + "\n";
}

/** `0x` + lowercase hex SHA-256 (Node crypto) of the UTF-8 bytes of `text`: a bytes32 for the chain. */
export function sha256Hex(text: string): string {
  return "0x" + crypto.createHash("sha256").update(text, "utf8").digest("hex");
}

/** Evidence hash of a device-day: sha256Hex(canonicalEvidence(...)). */
export function evidenceHash(
  deviceId: string,
  day: number,
  readings: readonly PowerReading[],
  irradiance: readonly IrradianceSample[],
): string {
  return sha256Hex(canonicalEvidence(deviceId, day, readings, irradiance));
}
