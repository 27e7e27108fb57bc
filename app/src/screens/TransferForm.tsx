/** Transfer credits of one batch to another account. */
import { isAddress } from "ethers";
import { useState } from "react";
import { TxStatus } from "../components/TxStatus";
import { useApp, useBusy } from "../lib/app-state";
import { parseTonnes, short, tonnes } from "../lib/format";
import type { Holding } from "./Portfolio";

/** The transfer form over the connected account's `holdings`. */
export function TransferForm(props: { holdings: Holding[] }) {
  const { runTx } = useApp();
  const busy = useBusy();
  const options = props.holdings.flatMap((h) => h.balance.vintages.flatMap((v) => v.batches.map((b) => ({ ...b, label: `${h.projectName} · ${v.vintage} · #${b.batchId}` }))));
  const [batch, setBatch] = useState(options[0]?.batchId.toString() ?? "");
  const [to, setTo] = useState("");
  const [amount, setAmount] = useState("");
  const grams = parseTonnes(amount);
  const valid = grams !== undefined && isAddress(to) && batch !== "";
  return (
    <form
      className="card"
      aria-label="Transfer credits"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        void runTx("transfer", async (ot) => {
          await ot.credits.transfer(to, BigInt(batch), grams!);
          return `Sent ${tonnes(grams!)} of batch #${batch} to ${short(to)}`;
        });
      }}
    >
      <h3>Transfer</h3>
      <label>
        Batch
        <select value={batch} onChange={(e) => setBatch(e.target.value)}>
          {options.map((o) => (
            <option key={o.batchId.toString()} value={o.batchId.toString()}>
              {o.label} ({tonnes(o.amount)})
            </option>
          ))}
        </select>
      </label>
      <label>
        Recipient address <input name="to" value={to} onChange={(e) => setTo(e.target.value.trim())} placeholder="0x…" />
      </label>
      <label>
        Amount (tCO2e) <input name="amount" value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" />
      </label>
      <button type="submit" disabled={!valid || busy}>Transfer</button>
      <TxStatus owner="transfer" />
    </form>
  );
}
