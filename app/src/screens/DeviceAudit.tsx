/**
 * The audit of one device-day from the oracle node (`#/audit/<node device id>/<YYYY-MM-DD>`): the
 * day picker, the power vs irradiance chart with the thresholds, the status and reasons, the evidence
 * hash, the audit entry, and whether the MRVOracle's record (read through the SDK) matches the node.
 */
import { deviceIdOf } from "opentonne";
import { AuditChart } from "../components/AuditChart";
import { useApp } from "../lib/app-state";
import { auditPoints, chainMatch, readingLimitKW, thresholdRows } from "../lib/audit";
import { kwh, tonnes } from "../lib/format";
import { Loaded, useLoad } from "../lib/load";
import { useNodeUrl } from "../lib/node-url";
import { OracleNodeClient, type NodeAudit } from "../lib/oracle-node";

/** Screen `#/audit/<id>[/<date>]`; without a date the device's latest verified day is shown (a given date is audited even without a result). */
export function DeviceAudit(props: { id: string; date?: string }) {
  const { url } = useNodeUrl();
  const days = useLoad(async () => (url ? new OracleNodeClient(url).results(props.id) : []), [url, props.id]);
  const crumbs = (
    <p className="crumbs">
      <a href="#/fleet">Oracle fleet</a> › node device {props.id}
    </p>
  );
  if (!url) {
    return (
      <>
        {crumbs}
        <h1>Audit of device {props.id}</h1>
        <p className="state empty">No oracle node is configured: set its URL on the <a href="#/fleet">Oracle fleet</a> screen to see this device&apos;s audits.</p>
      </>
    );
  }
  return (
    <>
      {crumbs}
      <h1>Audit of device {props.id}</h1>
      <Loaded load={days} what={`the days of device ${props.id} from ${url}`}>
        {(list) => {
          const date = props.date ?? list.at(-1)?.date;
          return (
            <>
              {list.length > 0 ? (
                <label>
                  Day (UTC){" "}
                  <select value={date} onChange={(e) => (window.location.hash = `#/audit/${encodeURIComponent(props.id)}/${e.target.value}`)}>
                    {date && !list.some((r) => r.date === date) && <option value={date}>{date} — no result</option>}
                    {list.map((r) => (
                      <option key={r.date} value={r.date}>{r.date} — {r.status}</option>
                    ))}
                  </select>
                </label>
              ) : (
                <p className="state empty">The node has verified no day of this device yet.</p>
              )}
              {/* keyed: another day starts from "Loading…", never shows the previous day's audit meanwhile */}
              {date && <DayAudit key={`${url} ${props.id} ${date}`} url={url} id={props.id} date={date} />}
            </>
          );
        }}
      </Loaded>
    </>
  );
}

function DayAudit(props: { url: string; id: string; date: string }) {
  const audit = useLoad(() => new OracleNodeClient(props.url).audit(props.id, props.date), [props.url, props.id, props.date]);
  return (
    <Loaded load={audit} what={`the audit of ${props.id} on ${props.date}`}>
      {(a) => <AuditView a={a} />}
    </Loaded>
  );
}

/** The audit of a day, and the chain's record of it (the on-chain id is `deviceIdOf(node id)`, as the posting library derives it). */
function AuditView(props: { a: NodeAudit }) {
  const { reader } = useApp();
  const { a } = props;
  const r = a.result;
  const chain = useLoad(() => reader.oracle.getReport(deviceIdOf(a.device.id), a.day), [reader, a.device.id, a.day]);
  const points = auditPoints(a);
  return (
    <>
      <h2>
        {a.date}: <span className={`status ${(r?.status ?? "none").toLowerCase()}`} data-testid="audit-status">{r?.status ?? "not verified yet"}</span>
      </h2>
      {r && (
        <>
          <h3>Reasons</h3>
          {r.reasons && r.reasons.length > 0 ? (
            <ul data-testid="audit-reasons">{r.reasons.map((x) => <li key={x}>{x}</li>)}</ul>
          ) : (
            <p data-testid="audit-reasons-none">No rule failed: the day is {r.status}.</p>
          )}
          {r.notes && r.notes.length > 0 && (
            <>
              <h3>Notes</h3>
              <ul className="muted">{r.notes.map((x) => <li key={x}>{x}</li>)}</ul>
            </>
          )}
        </>
      )}
      <AuditChart points={points} limitKW={readingLimitKW(a)} label={`AC power vs irradiance of ${a.device.id} on ${a.date} (UTC): ${a.power.length} readings, ${a.irradiance.samples.length} irradiance samples`} />
      <p className="muted">
        {a.power.length} readings, {a.irradiance.samples.length} {a.irradiance.kind} irradiance samples. Theoretical maximum = capacity {(a.device.capacityW / 1000).toLocaleString("en-US")} kW × min(1, irradiance / {a.thresholds.stcIrradianceWm2} W/m²); a reading above the limit line (capacity × (1 + {a.thresholds.tolerance})) flags the day.
      </p>
      <table data-testid="thresholds" className="compact">
        <caption>The day&apos;s values against the thresholds it was verified with</caption>
        <thead>
          <tr><th scope="col">Rule</th><th scope="col" className="num">This day</th><th scope="col" className="num">Threshold</th></tr>
        </thead>
        <tbody>
          {thresholdRows(a).map((t) => (
            <tr key={t.rule}><td>{t.rule}</td><td className="num">{t.value}</td><td className="num">{t.threshold}</td></tr>
          ))}
        </tbody>
      </table>
      <dl className="facts">
        {r?.energyWh !== undefined && (<><dt>Credited energy</dt><dd>{kwh(BigInt(r.energyWh))}</dd></>)}
        {r?.co2Grams !== undefined && (<><dt>CO2 avoided</dt><dd>{tonnes(BigInt(r.co2Grams))}</dd></>)}
        <dt>Evidence hash</dt>
        <dd><code data-testid="audit-evidence">{r?.evidenceHash ?? "—"}</code></dd>
        <dt>Posting</dt>
        <dd data-testid="audit-post">{r ? `${r.post.state}${r.post.txHash ? ` in ${r.post.txHash}` : ""}${r.post.error ? ` (${r.post.error})` : ""}` : "—"}</dd>
        <dt>On-chain (MRVOracle)</dt>
        <dd data-testid="chain-match">
          {!r ? "—" : chain.status === "loading" ? "Reading the chain…" : chain.status === "error" ? `Could not read the chain: ${chain.message}` : chainMatch(r, chain.data).text}
        </dd>
      </dl>
      <h3>Audit entry</h3>
      {a.auditEntry ? (
        <dl className="facts" data-testid="audit-entry">
          <dt>Sequence</dt><dd>{a.auditEntry.seq}</dd>
          <dt>Time</dt><dd>{a.auditEntry.time}</dd>
          <dt>Type</dt><dd>{String(a.auditEntry.payload.type ?? "—")}</dd>
          <dt>Entry hash</dt><dd><code>{a.auditEntry.hash}</code></dd>
          <dt>Previous hash</dt><dd><code>{a.auditEntry.prevHash}</code></dd>
        </dl>
      ) : (
        <p className="state empty">No audit entry: the day is not verified yet.</p>
      )}
    </>
  );
}
