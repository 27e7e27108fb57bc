import type { Device, IrradianceSample, PowerReading } from "../../../oracle/src/lib";

/** UTC day 18400 = 2020-05-18 (18400 × 86400 = 1 589 760 000). */
export const DAY = 18_400;
/** 06:00 UTC of DAY, unix seconds. */
export const MORNING = DAY * 86_400 + 6 * 3600;

/** A 1000 W test inverter at 1200 g/kWh. */
export const DEVICE: Device = { id: "inv-1", capacityW: 1000, emissionFactorGPerKWh: 1200, lat: 0, lon: 0 };

/** 15-minute readings from MORNING, one per power (W); `null` leaves that interval missing. */
export function readings(powers: readonly (number | null)[], step = 900, start = MORNING): PowerReading[] {
  const out: PowerReading[] = [];
  powers.forEach((p, i) => {
    if (p !== null) out.push({ deviceId: DEVICE.id, t: start + i * step, durationS: step, acPowerW: p, source: { file: "test", line: i + 2, deviceField: "device_id" } });
  });
  return out;
}

/** Irradiance samples from MORNING, one per value (W/m²); `null` leaves that sample missing. */
export function irradiance(ghi: readonly (number | null)[], step = 900, start = MORNING): IrradianceSample[] {
  const out: IrradianceSample[] = [];
  ghi.forEach((g, i) => {
    if (g !== null) out.push({ t: start + i * step, durationS: step, ghiWm2: g });
  });
  return out;
}

/** Starts of `n` intervals of `step` s from `start`: an explicit sun window for unit tests (DayContext.expectedSlots). */
export function slots(n: number, step = 900, start = MORNING): number[] {
  return Array.from({ length: n }, (_, i) => start + i * step);
}

/** A day context whose sun window is the 8 intervals (2 h) from MORNING. */
export const WINDOW8 = { expectedSlots: slots(8) };
