/**
 * The oracle screen's view of a node's per-device audit (oracle-node.ts): the chart's points, the
 * day's measured values next to the thresholds they were judged by, and whether the chain holds the
 * same verdict. Nothing here re-verifies: the status and reasons are the node's (the oracle library's).
 */
import type { OracleReportRecord } from "opentonne";
import type { NodeAudit, NodeDayResult } from "./oracle-node";

/** One point of the audit chart, at interval start `t` (unix seconds); a series without a value there is absent. */
export interface AuditPoint {
  readonly t: number;
  /** Mean AC power over the interval, kW (from the node's readings). */
  readonly acKW?: number;
  /** Mean irradiance, W/m² (from the node's irradiance samples). */
  readonly ghiWm2?: number;
  /**
   * Theoretical maximum AC power at that irradiance, kW: `capacityW × min(1, ghi / stcIrradianceWm2)`
   * (the oracle library's theoreticalPowerW, oracle/src/lib/verify.ts — output scales with irradiance and
   * the inverter clips at its rating).
   */
  readonly maxKW?: number;
}

/** The chart's points, by `t` ascending: AC power from `power`, irradiance and theoretical maximum from `irradiance`. */
export function auditPoints(a: Pick<NodeAudit, "power" | "irradiance" | "thresholds" | "device">): AuditPoint[] {
  const byT = new Map<number, { t: number; acKW?: number; ghiWm2?: number; maxKW?: number }>();
  const at = (t: number) => byT.get(t) ?? byT.set(t, { t }).get(t)!;
  for (const p of a.power) at(p.t).acKW = p.acPowerW / 1000;
  for (const s of a.irradiance.samples) {
    const point = at(s.t);
    point.ghiWm2 = s.ghiWm2;
    point.maxKW = (a.device.capacityW * Math.min(1, s.ghiWm2 / a.thresholds.stcIrradianceWm2)) / 1000;
  }
  return [...byT.values()].sort((x, y) => x.t - y.t);
}

/** The per-reading limit drawn on the chart, kW: a reading above `capacityW × (1 + tolerance)` flags the day. */
export function readingLimitKW(a: Pick<NodeAudit, "thresholds" | "device">): number {
  return (a.device.capacityW * (1 + a.thresholds.tolerance)) / 1000;
}

/** A row of the thresholds table: the day's value (or "—") and the threshold as the library states it. */
export interface ThresholdRow {
  readonly rule: string;
  readonly value: string;
  readonly threshold: string;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The day's values against the thresholds it was verified with (PENDING / FLAGGED rules of the library). */
export function thresholdRows(a: Pick<NodeAudit, "thresholds" | "result">): ThresholdRow[] {
  const r = a.result;
  const t = a.thresholds;
  const ratio = r?.theoreticalMaxWh ? (r.pairedEnergyWh ?? 0) / r.theoreticalMaxWh : undefined;
  return [
    { rule: "Correlation r of power vs irradiance (else PENDING)", value: r?.correlationBps == null ? "—" : (r.correlationBps / 10_000).toFixed(4), threshold: `> ${t.minCorrelation}` },
    { rule: "Coverage of the sun-expected intervals (else PENDING)", value: r?.coverage === undefined ? "—" : pct(r.coverage), threshold: `≥ ${pct(t.minCoverage)}` },
    { rule: "(reading, irradiance) pairs (else PENDING)", value: "—", threshold: `≥ ${t.minPairs}` },
    { rule: "Output / theoretical maximum (else FLAGGED)", value: ratio === undefined ? "—" : ratio.toFixed(3), threshold: `≤ ${(1 + t.tolerance).toFixed(2)}` },
  ];
}

/** Whether the chain holds the node's verdict for the day. */
export interface ChainMatch {
  readonly kind: "match" | "differs" | "not-reported" | "not-posted";
  readonly text: string;
}

/**
 * Compares the node's result with the MRVOracle's record of the same device-day (`oracle.getReport`
 * through the SDK): status and evidence hash must both agree for a match. A NIGHT_ONLY day is never
 * posted, so it is "not-posted" whatever the chain holds.
 */
export function chainMatch(node: Pick<NodeDayResult, "status" | "evidenceHash">, chain: Pick<OracleReportRecord, "status" | "evidenceHash" | "reported">): ChainMatch {
  if (node.status === "NIGHT_ONLY") return { kind: "not-posted", text: "A night-only day is not posted on-chain." };
  if (!chain.reported) return { kind: "not-reported", text: `Not reported on-chain yet (the node says ${node.status}).` };
  const sameStatus = chain.status.toUpperCase() === node.status;
  const sameEvidence = (node.evidenceHash ?? "").toLowerCase() === chain.evidenceHash.toLowerCase();
  if (sameStatus && sameEvidence) return { kind: "match", text: `On-chain: ${chain.status}, the same evidence hash: matches the node.` };
  const diffs = [sameStatus ? "" : `status ${chain.status} on-chain vs ${node.status} on the node`, sameEvidence ? "" : "a different evidence hash"].filter((d) => d !== "");
  return { kind: "differs", text: `On-chain record differs from the node: ${diffs.join(", ")}.` };
}
