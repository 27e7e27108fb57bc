import type { DeviceDayResult } from "./types";

/** Totals of one device (or the fleet). Energy in kWh and CO2 in tonnes, for people. */
export interface SummaryRow {
  /** Device id, or "FLEET" for the totals. */
  readonly deviceId: string;
  readonly days: number;
  readonly verified: number;
  readonly flagged: number;
  readonly pending: number;
  /** Measured energy of all reported days, kWh (= Σ energyWh / 1000). */
  readonly energyKWh: number;
  /** Energy of VERIFIED days only, kWh. */
  readonly verifiedEnergyKWh: number;
  /** CO2 of VERIFIED days, tonnes (= Σ co2Grams / 1e6): what would be credited. */
  readonly verifiedTonnes: number;
  /** CO2 of all reported days, tonnes. */
  readonly totalTonnes: number;
}

/** Per-device rows (sorted by id) and the fleet row. */
export interface Summary {
  readonly devices: SummaryRow[];
  readonly fleet: SummaryRow;
}

function row(deviceId: string, rs: readonly DeviceDayResult[]): SummaryRow {
  let wh = 0;
  let verifiedWh = 0;
  let grams = 0;
  let verifiedGrams = 0;
  const count = { VERIFIED: 0, FLAGGED: 0, PENDING: 0 };
  for (const r of rs) {
    count[r.status]++;
    wh += r.energyWh;
    grams += r.co2Grams;
    if (r.status === "VERIFIED") {
      verifiedWh += r.energyWh;
      verifiedGrams += r.co2Grams;
    }
  }
  return {
    deviceId,
    days: rs.length,
    verified: count.VERIFIED,
    flagged: count.FLAGGED,
    pending: count.PENDING,
    energyKWh: wh / 1000,
    verifiedEnergyKWh: verifiedWh / 1000,
    verifiedTonnes: verifiedGrams / 1e6,
    totalTonnes: grams / 1e6,
  };
}

/** Summarises device-day results per device and for the fleet. */
export function summarize(results: readonly DeviceDayResult[]): Summary {
  const by = new Map<string, DeviceDayResult[]>();
  for (const r of results) {
    const list = by.get(r.deviceId);
    if (list) list.push(r);
    else by.set(r.deviceId, [r]);
  }
  const devices = [...by.keys()].sort().map((id) => row(id, by.get(id) as DeviceDayResult[]));
  return { devices, fleet: row("FLEET", results) };
}

/** A fixed-width text table of a summary (one line per device, then the fleet). */
export function formatSummary(s: Summary): string {
  const head = ["device", "days", "verified", "flagged", "pending", "energy kWh", "verified kWh", "verified t", "total t"];
  const cells = (r: SummaryRow) => [
    r.deviceId,
    String(r.days),
    String(r.verified),
    String(r.flagged),
    String(r.pending),
    r.energyKWh.toFixed(1),
    r.verifiedEnergyKWh.toFixed(1),
    r.verifiedTonnes.toFixed(3),
    r.totalTonnes.toFixed(3),
  ];
  const rows = [head, ...s.devices.map(cells), cells(s.fleet)];
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [fmt(head), rule, ...s.devices.map((r) => fmt(cells(r))), rule, fmt(cells(s.fleet))].join("\n");
}
