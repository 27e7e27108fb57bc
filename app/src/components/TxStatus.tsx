/** Shows the write of form `owner`: waiting for the wallet, the pending hashes, then the result or the error in words. */
import { useApp } from "../lib/app-state";

/** The status line of the write started with `runTx(owner, …)`; nothing when another form's write is shown. */
export function TxStatus(props: { owner: string }) {
  const { tx } = useApp();
  if (tx.phase === "idle" || tx.owner !== props.owner) return null;
  const hashes = tx.hashes.length > 0 && (
    <ul className="hashes">
      {tx.hashes.map((h) => (
        <li key={h}>
          tx <code data-testid="tx-hash">{h}</code>
        </li>
      ))}
    </ul>
  );
  if (tx.phase === "signing") return <div className="tx pending" role="status">Waiting for the wallet…{hashes}</div>;
  if (tx.phase === "pending") return <div className="tx pending" role="status">Pending: waiting for the block…{hashes}</div>;
  if (tx.phase === "done") return <div className="tx done" role="status" data-testid="tx-done">✔ {tx.message}{hashes}</div>;
  return <div className="tx error" role="alert" data-testid="tx-error">✖ {tx.message}{hashes}</div>;
}
