import { InvalidValueError, MalformedRowError } from "./errors";
import { DEVICE_ID_RE } from "./evidence";
import { lineOfKey, readJson } from "./json";
import type { Device } from "./types";
import { requireJsonNumber } from "./values";

/** Devices by id. */
export type DeviceRegistry = ReadonlyMap<string, Device>;

/**
 * Loads a device registry JSON file:
 *
 * ```json
 * { "devices": { "1BY6WEcLGh8j5v7": { "capacityW": 1400000, "emissionFactorGPerKWh": 1200, "lat": 14.82, "lon": 78.28 } } }
 * ```
 *
 * `capacityW`: AC rating, W, > 0; `emissionFactorGPerKWh`: integer g CO2/kWh, > 0 (seed 004:
 * 1200); `lat` −90..90 and `lon` −180..180, decimal degrees. Ids match DEVICE_ID_RE. Errors
 * (MalformedRowError, InvalidValueError) name the file, the line of the device's key and the field
 * path (`devices.<id>.capacityW`).
 */
export function loadDeviceRegistry(file: string): DeviceRegistry {
  const doc = readJson(file);
  const root = doc.value as { devices?: unknown } | null;
  const devices = root && typeof root === "object" ? root.devices : undefined;
  if (typeof devices !== "object" || devices === null || Array.isArray(devices)) {
    throw new MalformedRowError({ file, line: 1, field: "devices" }, "expected an object of devices by id");
  }
  const out = new Map<string, Device>();
  for (const [id, raw] of Object.entries(devices as Record<string, unknown>)) {
    const line = lineOfKey(doc.text, id);
    const at = (field: string) => ({ file, line, field: `devices.${id}.${field}` });
    if (!DEVICE_ID_RE.test(id)) throw new InvalidValueError({ file, line, field: `devices.${id}` }, id, "device id must match [A-Za-z0-9._:-]{1,64}");
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      throw new MalformedRowError({ file, line, field: `devices.${id}` }, "expected an object");
    }
    const d = raw as Record<string, unknown>;
    const capacityW = requireJsonNumber(d.capacityW, at("capacityW"), { min: 1 });
    const ef = requireJsonNumber(d.emissionFactorGPerKWh, at("emissionFactorGPerKWh"), { min: 1 });
    if (!Number.isInteger(ef)) throw new InvalidValueError(at("emissionFactorGPerKWh"), String(ef), "must be an integer (g CO2 per kWh)");
    const lat = requireJsonNumber(d.lat, at("lat"), { min: -90 });
    const lon = requireJsonNumber(d.lon, at("lon"), { min: -180 });
    if (lat > 90) throw new InvalidValueError(at("lat"), String(lat), "latitude above 90");
    if (lon > 180) throw new InvalidValueError(at("lon"), String(lon), "longitude above 180");
    out.set(id, { id, capacityW, emissionFactorGPerKWh: ef, lat, lon });
  }
  return out;
}
