/**
 * Portfolio of the connected account (or any address typed in, read-only): holdings per batch grouped
 * by project and vintage, transfer, retire with the oldest-first preview, and the account's retirements.
 */
import { isAddress } from "ethers";
import { MAX_PAGE, type Batch, type ProjectBalance } from "opentonne";
import { useState } from "react";
import { useApp } from "../lib/app-state";
import { Loaded, useLoad } from "../lib/load";
import { dateTime, tonnes } from "../lib/format";
import { RetireForm } from "./RetireForm";
import { TransferForm } from "./TransferForm";

/** One project's holdings with the batches (for serials and vintages) they are in. */
export interface Holding {
  readonly projectId: bigint;
  readonly projectName: string;
  readonly balance: ProjectBalance;
  readonly batches: Map<string, Batch>;
}

/** Screen `#/portfolio`: the connected account, or any address typed in (read-only). */
export function Portfolio() {
  const { reader, wallet } = useApp();
  const [lookup, setLookup] = useState("");
  const account = wallet?.account ?? (isAddress(lookup) ? lookup : undefined);
  return (
    <>
      <h1>Portfolio</h1>
      {!wallet && (
        <p className="lead">
          Connect a wallet to transfer and retire, or look at any account read-only:{" "}
          <label>
            Account address <input value={lookup} onChange={(e) => setLookup(e.target.value.trim())} placeholder="0x…" size={44} />
          </label>
        </p>
      )}
      {account ? <Holdings account={account} canWrite={wallet !== undefined} /> : <p className="state empty">No account selected.</p>}
      <h2>Find a retirement certificate</h2>
      <CertificateLookup />
      {account && <Retirements account={account} />}
    </>
  );
}

function Holdings(props: { account: string; canWrite: boolean }) {
  const { reader } = useApp();
  const load = useLoad(async (): Promise<Holding[]> => {
    const projects = await reader.registry.listProjects({ limit: MAX_PAGE });
    const out: Holding[] = [];
    for (const p of projects.items) {
      const [balance, batches] = await Promise.all([reader.credits.balancesOfProject(props.account, p.id), reader.registry.getProjectBatches(p.id)]);
      if (balance.total > 0n) out.push({ projectId: p.id, projectName: p.name, balance, batches: new Map(batches.map((b) => [b.id.toString(), b])) });
    }
    return out;
  }, [reader, props.account]);
  return (
    <Loaded load={load} what="holdings" isEmpty={(h) => h.length === 0} empty="This account holds no credits.">
      {(holdings) => (
        <>
          <table data-testid="holdings">
            <caption>Holdings of {props.account}</caption>
            <thead>
              <tr>
                <th scope="col">Project</th>
                <th scope="col">Vintage</th>
                <th scope="col">Batch</th>
                <th scope="col">Serial</th>
                <th scope="col" className="num">Balance</th>
              </tr>
            </thead>
            <tbody>
              {holdings.flatMap((h) =>
                h.balance.vintages.flatMap((v) =>
                  v.batches.map((ba) => (
                    <tr key={ba.batchId.toString()} data-batch={ba.batchId.toString()}>
                      <td>
                        <a href={`#/project/${h.projectId}`}>{h.projectName}</a>
                      </td>
                      <td>{v.vintage}</td>
                      <td>
                        <a href={`#/batch/${ba.batchId}`}>#{ba.batchId.toString()}</a>
                      </td>
                      <td>
                        <code>{h.batches.get(ba.batchId.toString())?.serial}</code>
                      </td>
                      <td className="num">{tonnes(ba.amount)}</td>
                    </tr>
                  )),
                ),
              )}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>Total</th>
                <td className="num">{tonnes(holdings.reduce((s, h) => s + h.balance.total, 0n))}</td>
              </tr>
            </tfoot>
          </table>
          {props.canWrite && (
            <div className="forms">
              <TransferForm holdings={holdings} />
              <RetireForm holdings={holdings} account={props.account} />
            </div>
          )}
        </>
      )}
    </Loaded>
  );
}

function CertificateLookup() {
  const [id, setId] = useState("");
  return (
    <form
      className="inline"
      onSubmit={(e) => {
        e.preventDefault();
        if (/^\d+$/.test(id)) window.location.hash = `#/retirement/${id}`;
      }}
    >
      <label>
        Retirement id <input value={id} onChange={(e) => setId(e.target.value.trim())} inputMode="numeric" size={8} />
      </label>{" "}
      <button type="submit" disabled={!/^\d+$/.test(id)}>Open certificate</button>
    </form>
  );
}

function Retirements(props: { account: string }) {
  const { reader } = useApp();
  const load = useLoad(() => reader.credits.findRetirements({ account: props.account }), [reader, props.account]);
  return (
    <>
      <h2>Retirements by this account</h2>
      <Loaded load={load} what="retirements" isEmpty={(r) => r.length === 0} empty="This account has retired no credits.">
        {(list) => (
          <ul className="retirements">
            {list.map((r) => (
              <li key={r.id.toString()}>
                <a href={`#/retirement/${r.id}`}>Certificate #{r.id.toString()}</a> — {tonnes(r.amount)} for {r.details.beneficiaryName || r.beneficiary}, {dateTime(r.timestamp)}
              </li>
            ))}
          </ul>
        )}
      </Loaded>
    </>
  );
}
