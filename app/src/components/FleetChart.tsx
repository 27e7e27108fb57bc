/** Stacked bars per UTC day: verified energy vs pending and flagged energy (kWh), drawn with Recharts. */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { FleetDay } from "../lib/fleet";

/** The chart of `days` (from `fleetDays`); `label` is its accessible name. */
export function FleetChart(props: { days: FleetDay[]; label: string }) {
  return (
    <div className="chart" role="img" aria-label={props.label} data-testid="fleet-chart">
      <ResponsiveContainer width="100%" height={280}>
        <BarChart data={props.days} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="date" />
          <YAxis label={{ value: "kWh", angle: -90, position: "insideLeft" }} />
          {/* Item text in the body colour: the series colours (the pending yellow) are too light for text. */}
          <Tooltip itemStyle={{ color: "#1c2430" }} />
          <Legend />
          <Bar dataKey="verifiedKWh" name="verified" stackId="e" fill="#1b7f4b" isAnimationActive={false} />
          <Bar dataKey="pendingKWh" name="pending" stackId="e" fill="#d9a400" isAnimationActive={false} />
          <Bar dataKey="flaggedKWh" name="flagged" stackId="e" fill="#b3261e" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
