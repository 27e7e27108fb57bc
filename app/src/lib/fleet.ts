/**
 * Per-day energy of device-day reports by status, for the fleet chart: Σ Wh of VERIFIED reports and
 * Σ Wh of PENDING and FLAGGED ones (not credited), per UTC day, oldest first.
 */
import { dateOfUtcDay, type SubmittedReport } from "opentonne";

/** One UTC day of the fleet chart, energies in kWh. */
export interface FleetDay {
  readonly day: number;
  readonly date: string;
  readonly verifiedKWh: number;
  readonly pendingKWh: number;
  readonly flaggedKWh: number;
}

/** Groups reports by UTC day (days without reports are absent). */
export function fleetDays(reports: ReadonlyArray<Pick<SubmittedReport, "day" | "status" | "energyWh">>): FleetDay[] {
  const byDay = new Map<number, { verified: bigint; pending: bigint; flagged: bigint }>();
  for (const r of reports) {
    const d = byDay.get(r.day) ?? { verified: 0n, pending: 0n, flagged: 0n };
    if (r.status === "Verified") d.verified += r.energyWh;
    else if (r.status === "Pending") d.pending += r.energyWh;
    else if (r.status === "Flagged") d.flagged += r.energyWh;
    byDay.set(r.day, d);
  }
  const kwh = (wh: bigint) => Number(wh) / 1000;
  return [...byDay.entries()]
    .sort(([a], [b]) => a - b)
    .map(([day, d]) => ({ day, date: dateOfUtcDay(day).toISOString().slice(0, 10), verifiedKWh: kwh(d.verified), pendingKWh: kwh(d.pending), flaggedKWh: kwh(d.flagged) }));
}
