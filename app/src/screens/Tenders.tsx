/**
 * Tenders: a buyer escrows a budget and asks for credits; sellers propose (escrowing credits); the
 * buyer awards one proposal; losers reclaim, sellers may withdraw while the tender is open. Each
 * tender shows where it is in its status machine: Open → UnderReview → Awarded | Cancelled | Expired.
 */
import { MAX_PAGE, type Proposal, type Tender } from "opentonne";
import { useState } from "react";
import { TxStatus } from "../components/TxStatus";
import { useApp, useBusy, useToken } from "../lib/app-state";
import { Loaded, useLoad } from "../lib/load";
import { chainNow, dateTime, money, parsePrice, parseTonnes, short, tonnes } from "../lib/format";

const MACHINE = ["Open", "UnderReview", "Awarded", "Cancelled", "Expired"] as const;

/** The tenders section of the market: every tender with its proposals and actions, and the open-a-tender form. */
export function Tenders() {
  const { reader } = useApp();
  const load = useLoad(async () => {
    const page = await reader.market.listTenders({ limit: MAX_PAGE });
    return Promise.all(page.items.map(async (tender) => ({ tender, proposals: (await reader.market.getTenderProposals(tender.id, { limit: MAX_PAGE })).items })));
  }, [reader]);
  return (
    <section aria-labelledby="tenders">
      <h2 id="tenders">Tenders</h2>
      <Loaded load={load} what="tenders" isEmpty={(t) => t.length === 0} empty="No tender has been opened yet.">
        {(list) => (
          <ol className="tenders">
            {list.map(({ tender, proposals }) => (
              <TenderCard key={tender.id.toString()} tender={tender} proposals={proposals} />
            ))}
          </ol>
        )}
      </Loaded>
      <TenderForm />
    </section>
  );
}

function StatusMachine(props: { status: Tender["status"] }) {
  return (
    <ol className="machine" aria-label={`Status: ${props.status}`}>
      {MACHINE.map((s) => (
        <li key={s} className={s === props.status ? "current" : ""} aria-current={s === props.status ? "step" : undefined}>
          {s}
        </li>
      ))}
    </ol>
  );
}

function TenderCard(props: { tender: Tender; proposals: Proposal[] }) {
  const { wallet, runTx } = useApp();
  const busy = useBusy();
  const t = props.tender;
  const token = useToken(t.paymentToken);
  const me = wallet?.account.toLowerCase();
  const isBuyer = me === t.buyer.toLowerCase();
  const final = t.status === "Awarded" || t.status === "Cancelled" || t.status === "Expired";
  const owner = `tender-${t.id}`;
  const act = (label: string, fn: Parameters<typeof runTx>[1]) => (
    <button type="button" disabled={busy} onClick={() => void runTx(owner, fn)}>
      {label}
    </button>
  );
  return (
    <li className="card" data-tender={t.id.toString()}>
      <h3>
        Tender #{t.id.toString()}: {tonnes(t.creditsRequired)} at ≤ {money(t.maxPricePerCredit, token)} / tCO2e
      </h3>
      <StatusMachine status={t.status} />
      <p>
        Buyer <code title={t.buyer}>{short(t.buyer)}</code> · budget {money(t.budget, token)} · deadline {dateTime(t.deadline)} · project {t.projectId === 0n ? "any" : `#${t.projectId}`} · vintages{" "}
        {t.minVintage || "any"}–{t.maxVintage || "any"}
      </p>
      {props.proposals.length === 0 ? (
        <p className="state empty">No proposal yet.</p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">Proposal</th>
              <th scope="col">Seller</th>
              <th scope="col">Batch</th>
              <th scope="col" className="num">Amount</th>
              <th scope="col" className="num">Price</th>
              <th scope="col">Status</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {props.proposals.map((p) => (
              <tr key={p.id.toString()}>
                <td>#{p.id.toString()}</td>
                <td><code title={p.seller}>{short(p.seller)}</code></td>
                <td><a href={`#/batch/${p.batchId}`}>#{p.batchId.toString()}</a></td>
                <td className="num">{tonnes(p.amount)}</td>
                <td className="num">{money(p.pricePerCredit, token)}</td>
                <td>{p.status}</td>
                <td>
                  {p.status === "Pending" && isBuyer && !final &&
                    act("Award", async (ot) => {
                      const r = await ot.market.awardTender(t.id, p.id, { pricePerCredit: p.pricePerCredit, amount: p.amount });
                      return `Awarded proposal #${p.id}: paid ${money(r.trade.cost, token)}, refund ${money(r.refund, token)}`;
                    })}
                  {p.status === "Pending" && me === p.seller.toLowerCase() && t.status === "Open" &&
                    act("Withdraw", async (ot) => `Withdrawn; ${tonnes((await ot.market.withdrawProposal(p.id)).amount)} returned`)}
                  {p.status === "Pending" && final && act("Reclaim", async (ot) => `Reclaimed ${tonnes((await ot.market.reclaimProposal(p.id)).amount)} for the seller`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {isBuyer && t.status === "Open" && act("Cancel tender", async (ot) => `Cancelled; ${money((await ot.market.cancelTender(t.id)).refund, token)} refunded`)}
      {wallet && !isBuyer && t.status === "Open" && <ProposeForm tender={t} />}
      <TxStatus owner={owner} />
    </li>
  );
}

function ProposeForm(props: { tender: Tender }) {
  const { runTx } = useApp();
  const busy = useBusy();
  const t = props.tender;
  const token = useToken(t.paymentToken);
  const [batch, setBatch] = useState("");
  const [amount, setAmount] = useState("");
  const [price, setPrice] = useState("");
  const grams = parseTonnes(amount);
  const units = token ? parsePrice(price, token.decimals) : undefined;
  const valid = /^\d+$/.test(batch) && grams !== undefined && units !== undefined;
  const owner = `tender-${t.id}`;
  return (
    <form
      className="inline"
      aria-label={`Propose to tender ${t.id}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        void runTx(owner, async (ot) => {
          const r = await ot.market.submitProposal(t.id, BigInt(batch), grams!, units!, { approve: true });
          return `Proposal #${r.proposalId} submitted; ${tonnes(grams!)} escrowed`;
        });
      }}
    >
      <label>
        Batch id <input value={batch} onChange={(e) => setBatch(e.target.value.trim())} size={5} inputMode="numeric" />
      </label>{" "}
      <label>
        Amount (tCO2e) <input value={amount} onChange={(e) => setAmount(e.target.value)} size={8} inputMode="decimal" />
      </label>{" "}
      <label>
        Price / tCO2e <input value={price} onChange={(e) => setPrice(e.target.value)} size={8} inputMode="decimal" />
      </label>{" "}
      <button type="submit" disabled={!valid || busy}>Propose</button>
    </form>
  );
}

function TenderForm() {
  const { tokens, wallet, runTx } = useApp();
  const busy = useBusy();
  const [amount, setAmount] = useState("");
  const [price, setPrice] = useState("");
  const [days, setDays] = useState("7");
  const [project, setProject] = useState("");
  const [minVintage, setMinVintage] = useState("");
  const [maxVintage, setMaxVintage] = useState("");
  const token = tokens[0];
  const grams = parseTonnes(amount);
  const units = token ? parsePrice(price, token.decimals) : undefined;
  const num = (s: string) => (s === "" ? 0 : /^\d+$/.test(s) ? Number(s) : undefined);
  const valid = grams !== undefined && units !== undefined && num(project) !== undefined && num(minVintage) !== undefined && num(maxVintage) !== undefined && /^\d+$/.test(days);
  if (!wallet || !token) return null;
  return (
    <form
      className="card"
      aria-label="Open a tender"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        void runTx("tender", async (ot) => {
          const deadline = (await chainNow(ot.provider)) + Number(days) * 86_400;
          const r = await ot.market.createTender(
            { paymentToken: token.address, creditsRequired: grams!, maxPricePerCredit: units!, deadline, projectId: num(project)!, minVintage: num(minVintage)!, maxVintage: num(maxVintage)! },
            { approve: true },
          );
          return `Tender #${r.tenderId} opened; ${money(r.budget, token)} escrowed`;
        });
      }}
    >
      <h3>Buy: open a tender</h3>
      <label>
        Credits wanted (tCO2e) <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" />
      </label>
      <label>
        Max price per tCO2e ({token.symbol}) <input value={price} onChange={(e) => setPrice(e.target.value)} inputMode="decimal" />
      </label>
      <label>
        Deadline in (days) <input value={days} onChange={(e) => setDays(e.target.value.trim())} inputMode="numeric" size={4} />
      </label>
      <label>
        Project id (empty = any) <input value={project} onChange={(e) => setProject(e.target.value.trim())} inputMode="numeric" size={5} />
      </label>
      <label>
        Vintages from / to (empty = any) <input aria-label="Minimum vintage" value={minVintage} onChange={(e) => setMinVintage(e.target.value.trim())} size={5} />{" "}
        <input aria-label="Maximum vintage" value={maxVintage} onChange={(e) => setMaxVintage(e.target.value.trim())} size={5} />
      </label>
      <button type="submit" disabled={!valid || busy}>Open tender</button>
      <TxStatus owner="tender" />
    </form>
  );
}
