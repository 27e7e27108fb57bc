/** One device: its registration on MRVOracle and its device-day reports (status, energy, CO2, correlation, evidence hash). */
import { FleetChart } from "../components/FleetChart";
import { useApp } from "../lib/app-state";
import { fleetDays } from "../lib/fleet";
import { Loaded, useLoad } from "../lib/load";
import { kwh, percentBps, short, tonnes } from "../lib/format";
import { dateOfUtcDay } from "opentonne";

/** Screen `#/device/<id>`; `id` is the device's bytes32 id on MRVOracle. */
export function DevicePage(props: { id: string }) {
  const { reader } = useApp();
  const load = useLoad(async () => {
    const [device, reports] = await Promise.all([reader.oracle.getDevice(props.id), reader.oracle.reportHistory({ deviceId: props.id })]);
    if (!device) throw new Error(`device ${props.id} is not registered on MRVOracle`);
    return { device, reports };
  }, [reader, props.id]);
  return (
    <Loaded load={load} what={`device ${short(props.id)}`}>
      {({ device: d, reports }) => (
        <>
          <p className="crumbs">
            <a href="#/fleet">Oracle fleet</a> › device {short(d.id)}
          </p>
          <h1>Device {short(d.id)}</h1>
          <dl className="facts">
            <dt>Device id</dt>
            <dd><code>{d.id}</code></dd>
            <dt>Owner</dt>
            <dd><code>{d.owner}</code></dd>
            <dt>Location</dt>
            <dd>{d.latitude.toFixed(4)}, {d.longitude.toFixed(4)}</dd>
            <dt>Capacity</dt>
            <dd>{(Number(d.capacityW) / 1000).toFixed(1)} kW (at most {kwh(d.maxDailyEnergyWh)} per day)</dd>
            <dt>Grid emission factor</dt>
            <dd>{d.emissionFactorGPerKWh.toString()} g CO2 / kWh</dd>
            <dt>Active</dt>
            <dd>{d.active ? "yes" : "no"}</dd>
          </dl>
          {reports.length === 0 ? (
            <p className="state empty">This device has no report yet.</p>
          ) : (
            <>
              <FleetChart days={fleetDays(reports)} label={`Energy per day of device ${short(d.id)}`} />
              <table data-testid="reports">
                <caption>{reports.length} device-day reports</caption>
                <thead>
                  <tr>
                    <th scope="col">Day (UTC)</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">Energy</th>
                    <th scope="col" className="num">CO2 avoided</th>
                    <th scope="col" className="num">Correlation</th>
                    <th scope="col">Evidence hash</th>
                  </tr>
                </thead>
                <tbody>
                  {reports.map((r) => (
                    <tr key={r.day}>
                      <td>{dateOfUtcDay(r.day).toISOString().slice(0, 10)}</td>
                      <td><span className={`status ${r.status.toLowerCase()}`}>{r.status}</span></td>
                      <td className="num">{kwh(r.energyWh)}</td>
                      <td className="num">{tonnes(r.co2Grams)}</td>
                      <td className="num">{percentBps(r.correlationBps)}</td>
                      <td><code title={r.evidenceHash}>{short(r.evidenceHash)}</code></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </Loaded>
  );
}
