/**
 * Oracle fleet: every reporting device with its owner and totals by status, and the fleet chart per
 * day (on-chain); then, when an oracle node URL is set, the node's devices and their audits.
 */
import { FleetChart } from "../components/FleetChart";
import { useApp } from "../lib/app-state";
import { fleetDays } from "../lib/fleet";
import { Loaded, useLoad } from "../lib/load";
import { kwh, short, tonnes } from "../lib/format";
import { OracleNodePanel } from "./OracleNodePanel";

/** Screen `#/fleet`. */
export function Fleet() {
  const { reader } = useApp();
  const load = useLoad(async () => {
    const [summary, reports] = await Promise.all([reader.history.fleetSummary(), reader.oracle.reportHistory()]);
    return { summary, days: fleetDays(reports) };
  }, [reader]);
  return (
    <>
      <h1>Oracle fleet</h1>
      <p className="lead">Device-day reports on MRVOracle: only VERIFIED days are credited to the pool; PENDING and FLAGGED days are kept for audit.</p>
      <Loaded load={load} what="the fleet" isEmpty={(f) => f.summary.devices.length === 0} empty="No device has reported yet.">
        {({ summary: s, days }) => (
          <>
            <p>
              {s.devices.length} devices · {s.total.days} device-days · verified {s.verified.days} ({kwh(s.verified.energyWh)}, {tonnes(s.verified.co2Grams)}) · pending {s.pending.days} · flagged {s.flagged.days}
            </p>
            <FleetChart days={days} label={`Energy per day, ${days.length} days: verified vs pending and flagged`} />
            <table data-testid="devices">
              <thead>
                <tr>
                  <th scope="col">Device</th>
                  <th scope="col">Owner</th>
                  <th scope="col" className="num">Verified days</th>
                  <th scope="col" className="num">Pending</th>
                  <th scope="col" className="num">Flagged</th>
                  <th scope="col" className="num">Verified energy</th>
                  <th scope="col" className="num">Verified CO2</th>
                </tr>
              </thead>
              <tbody>
                {s.devices.map((d) => (
                  <tr key={d.deviceId}>
                    <td><a href={`#/device/${d.deviceId}`}><code>{short(d.deviceId)}</code></a></td>
                    <td><code title={d.owner}>{short(d.owner)}</code></td>
                    <td className="num">{d.verified.days}</td>
                    <td className="num">{d.pending.days}</td>
                    <td className="num">{d.flagged.days}</td>
                    <td className="num">{kwh(d.verified.energyWh)}</td>
                    <td className="num">{tonnes(d.verified.co2Grams)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Loaded>
      <OracleNodePanel />
    </>
  );
}
