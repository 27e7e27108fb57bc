/**
 * Buy part of a listing: the SDK's `quoteBuy` gives the cost the buyer pays, the fee and what the
 * seller receives; the slippage cap bounds `maxTotalCost`. The SDK approves the payment first when needed.
 */
import { useEffect, useState } from "react";
import type { Quote } from "opentonne";
import { TxStatus } from "../components/TxStatus";
import { useApp, useBusy, useToken } from "../lib/app-state";
import { errorMessage } from "../lib/errors";
import { maxCostWithSlippage, money, parseSlippageBps, parseTonnes, tonnes } from "../lib/format";
import type { ListingRow } from "./Market";

/** The buy form of one listing (`row`); `onClose` hides it. Needs a connected wallet to send. */
export function BuyForm(props: { row: ListingRow; onClose: () => void }) {
  const { reader, runTx, wallet } = useApp();
  const busy = useBusy();
  const l = props.row.listing;
  const token = useToken(l.paymentToken);
  const [amount, setAmount] = useState("");
  const [slippage, setSlippage] = useState("0.5");
  const [quote, setQuote] = useState<{ q?: Quote; error?: string }>({});
  const grams = parseTonnes(amount);
  const slippageBps = parseSlippageBps(slippage);

  useEffect(() => {
    let live = true;
    setQuote({});
    if (grams === undefined) return;
    reader.market
      .quoteBuy(l.id, grams)
      .then((q) => live && setQuote({ q }))
      .catch((e: unknown) => live && setQuote({ error: errorMessage(e) }));
    return () => {
      live = false;
    };
  }, [reader, l.id, grams]);

  const maxTotalCost = quote.q && slippageBps !== undefined ? maxCostWithSlippage(quote.q.cost, slippageBps) : undefined;
  return (
    <form
      className="card"
      aria-label={`Buy from listing ${l.id}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (grams === undefined || maxTotalCost === undefined) return;
        void runTx("buy", async (ot) => {
          const r = await ot.market.buy(l.id, grams, { pricePerCredit: l.pricePerCredit, maxTotalCost }, { approve: true });
          return `Bought ${tonnes(r.trade.amount)} for ${money(r.trade.cost, token)}; ${tonnes(r.remaining)} left in the listing`;
        });
      }}
    >
      <h3>Buy from listing #{l.id.toString()}</h3>
      <p>
        {tonnes(l.remaining)} of vintage {props.row.batch.vintage} (batch #{l.batchId.toString()}) at {money(l.pricePerCredit, token)} per tCO2e
        {l.minFill > 0n && <>, minimum fill {tonnes(l.minFill)}</>}.
      </p>
      {l.status !== "Active" && <p className="state error" data-testid="listing-status">This listing is now {l.status}.</p>}
      <label>
        Amount (tCO2e) <input name="amount" value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" />
      </label>
      <label>
        Slippage cap (%) <input name="slippage" value={slippage} onChange={(e) => setSlippage(e.target.value)} inputMode="decimal" size={5} aria-invalid={slippageBps === undefined} />
      </label>
      <div aria-live="polite" data-testid="quote">
        {quote.error && <p className="state error" role="alert">{quote.error}</p>}
        {quote.q && (
          <dl className="facts">
            <dt>Cost (you pay)</dt>
            <dd data-testid="quote-cost">{money(quote.q.cost, token)}</dd>
            <dt>Marketplace fee (from the seller's side)</dt>
            <dd data-testid="quote-fee">{money(quote.q.fee, token)}</dd>
            <dt>Seller receives</dt>
            <dd>{money(quote.q.sellerProceeds, token)}</dd>
            <dt>Total, at most (with slippage cap)</dt>
            <dd data-testid="quote-max">{maxTotalCost !== undefined ? money(maxTotalCost, token) : "—"}</dd>
          </dl>
        )}
      </div>
      <button type="submit" disabled={busy || !wallet || grams === undefined || maxTotalCost === undefined}>
        {wallet ? "Buy" : "Connect a wallet to buy"}
      </button>{" "}
      <button type="button" onClick={props.onClose}>Close</button>
      <TxStatus owner="buy" />
    </form>
  );
}
