/**
 * The oracle node part of the oracle screen: the node URL setting and, when a node is set, its fleet
 * summary and devices (each linking to its audit, `#/audit/<id>`). Without a URL it says what one adds.
 */
import { useState, type FormEvent } from "react";
import { deviceIdOf } from "opentonne";
import { Loaded, useLoad } from "../lib/load";
import { useNodeUrl } from "../lib/node-url";
import { OracleNodeClient } from "../lib/oracle-node";

const n1 = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 1 });
const t3 = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 3 });

/** The URL form: save a URL for this browser, or forget the saved one. */
export function NodeUrlForm() {
  const setting = useNodeUrl();
  const [text, setText] = useState(setting.url ?? "");
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    try {
      setting.save(text);
      setError(undefined);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <form className="inline" aria-label="Oracle node URL" onSubmit={submit}>
      <label>
        Oracle node URL{" "}
        <input name="nodeUrl" type="url" size={34} value={text} placeholder="http://127.0.0.1:8787" onChange={(e) => setText(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby="node-url-help" />
      </label>
      <button type="submit">Use this node</button>
      {setting.source === "saved" && (
        <button type="button" onClick={() => { setting.clear(); setText(""); }}>Forget saved URL</button>
      )}
      <span id="node-url-help" className="muted">
        {setting.source === "saved" ? "Saved in this browser." : setting.source === "config" ? "From the app's configuration." : "Not set."}
      </span>
      {error && <p className="state error" role="alert">{error}</p>}
    </form>
  );
}

/** The node section of `#/fleet`. */
export function OracleNodePanel() {
  const { url } = useNodeUrl();
  const load = useLoad(async () => {
    if (!url) return undefined;
    const node = new OracleNodeClient(url);
    const [summary, devices] = await Promise.all([node.summary(), node.devices()]);
    return { summary, devices };
  }, [url]);
  return (
    <section aria-labelledby="node-heading">
      <h2 id="node-heading">Oracle node audits</h2>
      <NodeUrlForm />
      {!url ? (
        <p className="state empty" data-testid="node-none">
          No oracle node is configured, so this screen shows on-chain data only. Set the URL of an oracle node (<code>opentonne-oracle serve</code>) to see each device-day&apos;s audit: AC power vs irradiance over the day, the thresholds, the status and reasons, the evidence hash and the audit entry.
        </p>
      ) : (
        <Loaded load={load} what={`the oracle node at ${url}`} isEmpty={(d) => !d || d.devices.length === 0} empty="The oracle node has no device registered yet.">
          {(d) => {
            const { summary, devices } = d!;
            const rows = new Map(summary.devices.map((r) => [r.deviceId, r]));
            const f = summary.fleet;
            return (
              <>
                <p data-testid="node-fleet">
                  Node {url}: {devices.length} devices · {f.days} device-days · verified {f.verified} ({n1(f.verifiedEnergyKWh)} kWh, {t3(f.verifiedTonnes)} tCO2e) · pending {f.pending} · flagged {f.flagged}
                </p>
                <table data-testid="node-devices">
                  <caption>Devices on the oracle node; choose one to audit its days</caption>
                  <thead>
                    <tr>
                      <th scope="col">Device (node id)</th>
                      <th scope="col">Site</th>
                      <th scope="col" className="num">Capacity</th>
                      <th scope="col" className="num">Days</th>
                      <th scope="col" className="num">Verified</th>
                      <th scope="col" className="num">Pending</th>
                      <th scope="col" className="num">Flagged</th>
                      <th scope="col" className="num">Energy</th>
                      <th scope="col">On-chain</th>
                    </tr>
                  </thead>
                  <tbody>
                    {devices.map((dev) => {
                      const r = rows.get(dev.id);
                      return (
                        <tr key={dev.id} data-device={dev.id}>
                          <td><a href={`#/audit/${encodeURIComponent(dev.id)}`}>Audit {dev.id}</a></td>
                          <td>{dev.site}</td>
                          <td className="num">{n1(dev.capacityW / 1000)} kW</td>
                          <td className="num">{r?.days ?? 0}</td>
                          <td className="num">{r?.verified ?? 0}</td>
                          <td className="num">{r?.pending ?? 0}</td>
                          <td className="num">{r?.flagged ?? 0}</td>
                          <td className="num">{n1(r?.energyKWh ?? 0)} kWh</td>
                          <td><a href={`#/device/${deviceIdOf(dev.id)}`}>reports of {dev.id}</a></td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </>
            );
          }}
        </Loaded>
      )}
    </section>
  );
}
