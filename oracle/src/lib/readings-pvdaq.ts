import { readCsv } from "./csv";
import { InvalidValueError } from "./errors";
import { OrderGuard } from "./order";
import { parseIsoWithOffset } from "./time";
import type { PowerReading } from "./types";
import { parseNumberField } from "./values";

/** Options of the PVDAQ AC power reader. */
export interface PvdaqOptions {
  /** Device id to give the readings (the file holds one system and has no id column). */
  readonly deviceId: string;
  /** Interval length, seconds (default 900). */
  readonly intervalS?: number;
  /**
   * Largest night-time standby draw accepted, W (default 50). PVDAQ logs small negative AC power
   * at night (system 50: down to −6.4 W): the inverter's own consumption, not generation. Values
   * in `[-standbyDrawW, 0)` count as 0 W; anything more negative is rejected as bad input.
   */
  readonly standbyDrawW?: number;
}

/**
 * Reads NREL PVDAQ 15-minute AC power (`pvdaq50_serf_east_15min_ac_power.csv`): `measured_on`
 * (local time with offset, e.g. `2016-07-01 00:00:00-07:00`), `ac_power` in **W** (not kW).
 * Throws InvalidValueError (bad time, non-numeric, negative beyond standby draw) or
 * TimestampOrderError, naming file, line and field.
 */
export function readPvdaqAcPower(file: string, opts: PvdaqOptions): PowerReading[] {
  const durationS = opts.intervalS ?? 900;
  const standby = opts.standbyDrawW ?? 50;
  const order = new OrderGuard();
  return readCsv(file, ["measured_on", "ac_power"]).map(({ line, fields }) => {
    const at = (field: string) => ({ file, line, field });
    const t = parseIsoWithOffset(fields.measured_on.trim());
    if (t === undefined) throw new InvalidValueError(at("measured_on"), fields.measured_on, "not a date-time with an offset");
    const w = parseNumberField(fields.ac_power, at("ac_power"), { min: -standby });
    order.check(opts.deviceId, t, at("measured_on"));
    return { deviceId: opts.deviceId, t, durationS, acPowerW: Math.max(0, w), source: { file, line, deviceField: "(--device-id)" } };
  });
}
