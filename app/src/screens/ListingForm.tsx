/** Create a fixed-price listing (the SDK sets the marketplace as operator first when needed). */
import { useState } from "react";
import { TxStatus } from "../components/TxStatus";
import { useApp, useBusy } from "../lib/app-state";
import { chainNow, parsePrice, parseTonnes, tonnes } from "../lib/format";

/** The create-listing form; shown only with a connected wallet. */
export function ListingForm() {
  const { tokens, wallet, runTx } = useApp();
  const busy = useBusy();
  const [batch, setBatch] = useState("");
  const [amount, setAmount] = useState("");
  const [price, setPrice] = useState("");
  const [tokenAddress, setToken] = useState("");
  const [days, setDays] = useState("30");
  const [minFill, setMinFill] = useState("");
  const token = tokens.find((t) => t.address === tokenAddress) ?? tokens[0];
  const grams = parseTonnes(amount);
  const units = token ? parsePrice(price, token.decimals) : undefined;
  const min = minFill === "" ? 0n : parseTonnes(minFill);
  const valid = /^\d+$/.test(batch) && grams !== undefined && units !== undefined && min !== undefined && /^\d+$/.test(days) && Number(days) > 0;
  if (!wallet) return null;
  return (
    <form
      className="card"
      aria-label="Create a listing"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid || !token) return;
        void runTx("list", async (ot) => {
          const expiry = (await chainNow(ot.provider)) + Number(days) * 86_400;
          const r = await ot.market.createListing({ batchId: BigInt(batch), amount: grams!, pricePerCredit: units!, paymentToken: token.address, expiry, minFill: min }, { approve: true });
          return `Listed ${tonnes(grams!)} of batch #${batch} as listing #${r.listingId}`;
        });
      }}
    >
      <h3>Sell: create a listing</h3>
      <label>
        Batch id <input name="batch" value={batch} onChange={(e) => setBatch(e.target.value.trim())} inputMode="numeric" size={6} />
      </label>
      <label>
        Amount (tCO2e) <input name="amount" value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" />
      </label>
      <label>
        Price per tCO2e <input name="price" value={price} onChange={(e) => setPrice(e.target.value)} inputMode="decimal" />
      </label>
      <label>
        Payment token
        <select value={token?.address ?? ""} onChange={(e) => setToken(e.target.value)}>
          {tokens.map((t) => (
            <option key={t.address} value={t.address}>{t.symbol}</option>
          ))}
        </select>
      </label>
      <label>
        Expires in (days) <input name="days" value={days} onChange={(e) => setDays(e.target.value.trim())} inputMode="numeric" size={4} />
      </label>
      <label>
        Minimum fill (tCO2e, optional) <input name="minFill" value={minFill} onChange={(e) => setMinFill(e.target.value)} inputMode="decimal" />
      </label>
      <button type="submit" disabled={!valid || busy}>List</button>
      <TxStatus owner="list" />
    </form>
  );
}
