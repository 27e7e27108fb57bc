/**
 * The audit chart of one device-day (Recharts): AC power and the theoretical maximum at the measured
 * irradiance (kW, left axis), the irradiance (W/m², right axis), and the per-reading limit
 * capacity × (1 + tolerance) as a reference line. Times are UTC.
 */
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AuditPoint } from "../lib/audit";

const hhmm = (t: number) => new Date(t * 1000).toISOString().slice(11, 16);

/** The chart of `points` (from `auditPoints`); `limitKW` from `readingLimitKW`; `label` is its accessible name. */
export function AuditChart(props: { points: AuditPoint[]; limitKW: number; label: string }) {
  // A tick every 3 hours from the UTC midnight of the first point.
  const start = props.points.length > 0 ? Math.floor(props.points[0].t / 86_400) * 86_400 : 0;
  const ticks = Array.from({ length: 9 }, (_, i) => start + i * 10_800);
  return (
    <div className="chart" role="img" aria-label={props.label} data-testid="audit-chart">
      <ResponsiveContainer width="100%" height={340}>
        <ComposedChart data={props.points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" domain={[start, start + 86_400]} ticks={ticks} tickFormatter={hhmm} label={{ value: "UTC", position: "insideBottomRight", offset: -4 }} />
          <YAxis yAxisId="kw" label={{ value: "kW", angle: -90, position: "insideLeft" }} />
          <YAxis yAxisId="wm2" orientation="right" label={{ value: "W/m²", angle: 90, position: "insideRight" }} />
          <Tooltip itemStyle={{ color: "#1c2430" }} labelFormatter={(t) => `${hhmm(Number(t))} UTC`} />
          <Legend />
          <ReferenceLine yAxisId="kw" y={props.limitKW} ifOverflow="extendDomain" stroke="#b3261e" strokeDasharray="6 3" label={{ value: "reading limit", position: "insideTopRight", fill: "#7d1a14" }} />
          <Line yAxisId="kw" type="linear" dataKey="acKW" name="AC power (kW)" stroke="#0b5d3b" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} className="series-ac" />
          <Line yAxisId="kw" type="linear" dataKey="maxKW" name="theoretical maximum (kW)" stroke="#5b4300" strokeDasharray="4 2" dot={false} connectNulls isAnimationActive={false} className="series-max" />
          <Line yAxisId="wm2" type="linear" dataKey="ghiWm2" name="irradiance (W/m²)" stroke="#0a4f86" dot={false} connectNulls isAnimationActive={false} className="series-ghi" />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
