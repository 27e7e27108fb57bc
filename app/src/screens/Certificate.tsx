/**
 * Retirement certificate `#/retirement/<id>`: read from the chain without a wallet (`getRetirementRecord`:
 * the stored retirement plus its `Retired` event), with the per-batch breakdown; printable.
 */
import { useApp } from "../lib/app-state";
import { Loaded, useLoad } from "../lib/load";
import { dateTime, tonnes } from "../lib/format";

/** Screen `#/retirement/<id>`: the certificate of retirement `id`; no wallet needed. */
export function Certificate(props: { id: string }) {
  const { reader, config } = useApp();
  const load = useLoad(async () => {
    if (!/^\d+$/.test(props.id) || BigInt(props.id) === 0n) throw new Error(`"${props.id}" is not a retirement id (1, 2, …)`);
    const record = await reader.credits.getRetirementRecord(BigInt(props.id));
    const batches = await Promise.all(
      record.batches.map(async (b) => {
        const batch = await reader.registry.getBatch(b.batchId);
        const project = await reader.registry.getProject(batch.projectId);
        return { ...b, batch, project };
      }),
    );
    return { record, batches };
  }, [reader, props.id]);
  return (
    <Loaded load={load} what={`retirement #${props.id}`}>
      {({ record: r, batches }) => (
        <article className="certificate" aria-labelledby="cert-title">
          <p className="crumbs no-print">
            <a href="#/portfolio">Portfolio</a> › certificate #{r.id.toString()}
          </p>
          <h1 id="cert-title">Retirement certificate #{r.id.toString()}</h1>
          <p className="cert-amount" data-testid="cert-amount">{tonnes(r.amount)}</p>
          <p>
            retired for <strong data-testid="cert-beneficiary-name">{r.details.beneficiaryName || "(no name given)"}</strong>
          </p>
          <dl className="facts">
            <dt>Beneficiary</dt>
            <dd><code data-testid="cert-beneficiary">{r.beneficiary}</code></dd>
            <dt>Retired by</dt>
            <dd><code data-testid="cert-account">{r.account}</code>{r.operator !== r.account && <> (sent by <code>{r.operator}</code>)</>}</dd>
            <dt>Reason</dt>
            <dd data-testid="cert-reason">{r.details.reason || "—"}</dd>
            <dt>Reference</dt>
            <dd data-testid="cert-reference">{r.details.referenceId || "—"}</dd>
            <dt>Consumption country</dt>
            <dd data-testid="cert-country">{r.details.consumptionCountry || "—"}</dd>
            <dt>Time</dt>
            <dd data-testid="cert-time">{dateTime(r.timestamp)}</dd>
            <dt>Transaction</dt>
            <dd><code data-testid="cert-tx">{r.transactionHash}</code> (block {r.blockNumber}, {config.networkName})</dd>
          </dl>
          <table data-testid="cert-batches">
            <caption>Credits retired, per batch</caption>
            <thead>
              <tr>
                <th scope="col">Project</th>
                <th scope="col">Vintage</th>
                <th scope="col">Serial</th>
                <th scope="col" className="num">Amount</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.batchId.toString()}>
                  <td>{b.project.name}</td>
                  <td>{b.batch.vintage}</td>
                  <td><code>{b.batch.serial}</code></td>
                  <td className="num">{tonnes(b.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">These credits are burned on CarbonCredits and can never be transferred or retired again.</p>
          <button type="button" className="no-print" onClick={() => window.print()}>Print</button>
        </article>
      )}
    </Loaded>
  );
}
