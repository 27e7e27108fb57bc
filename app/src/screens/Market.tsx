/**
 * Market: open listings (filter by project and vintage, sort by price) with the buy form, the
 * seller's create / cancel, the tenders, and a per-batch price and volume chart.
 */
import { MAX_PAGE, type Batch, type Listing } from "opentonne";
import { useMemo, useState } from "react";
import { PriceChart } from "../components/PriceChart";
import { TxStatus } from "../components/TxStatus";
import { useApp, useBusy, useToken } from "../lib/app-state";
import { Loaded, useLoad } from "../lib/load";
import { dateTime, money, short, tonnes } from "../lib/format";
import { BuyForm } from "./BuyForm";
import { ListingForm } from "./ListingForm";
import { Tenders } from "./Tenders";

/** A listing with its batch (for the project and vintage filters). */
export interface ListingRow {
  readonly listing: Listing;
  readonly batch: Batch;
}

/** Screen `#/market`: listings, buy, sell, tenders, price chart. */
export function Market() {
  const { reader } = useApp();
  const load = useLoad(async () => {
    const page = await reader.market.listListings({ limit: MAX_PAGE });
    const ids = [...new Set(page.items.map((l) => l.batchId.toString()))];
    const batches = new Map((await Promise.all(ids.map((id) => reader.registry.getBatch(BigInt(id))))).map((b) => [b.id.toString(), b]));
    const projects = new Map((await reader.registry.listProjects({ limit: MAX_PAGE })).items.map((p) => [p.id.toString(), p.name]));
    return { rows: page.items.map((listing) => ({ listing, batch: batches.get(listing.batchId.toString())! })), projects };
  }, [reader]);
  return (
    <>
      <h1>Market</h1>
      <Loaded load={load} what="listings">
        {({ rows, projects }) => <MarketBody rows={rows} projects={projects} />}
      </Loaded>
      <Tenders />
    </>
  );
}

function MarketBody(props: { rows: ListingRow[]; projects: Map<string, string> }) {
  const [project, setProject] = useState("");
  const [vintage, setVintage] = useState("");
  const [sort, setSort] = useState<"asc" | "desc">("asc");
  const [selected, setSelected] = useState<string>();
  const [chartBatch, setChartBatch] = useState(props.rows[0]?.batch.id.toString() ?? "");
  const active = props.rows.filter((r) => r.listing.status === "Active");
  const vintages = [...new Set(active.map((r) => r.batch.vintage))].sort();
  const shown = useMemo(
    () =>
      active
        .filter((r) => (project === "" || r.batch.projectId.toString() === project) && (vintage === "" || r.batch.vintage.toString() === vintage))
        .sort((a, b) => {
          const d = a.listing.pricePerCredit - b.listing.pricePerCredit;
          return (d < 0n ? -1 : d > 0n ? 1 : 0) * (sort === "asc" ? 1 : -1);
        }),
    [active, project, vintage, sort],
  );
  // From all listings, not only the active ones: a listing that expires or sells out while its buy
  // form is open keeps the form, with the write's outcome and the new status.
  const chosen = props.rows.find((r) => r.listing.id.toString() === selected);
  const batchIds = [...new Set(props.rows.map((r) => r.batch.id.toString()))];
  return (
    <>
      <h2>Open listings</h2>
      <div className="filters">
        <label>
          Project
          <select value={project} onChange={(e) => setProject(e.target.value)}>
            <option value="">all</option>
            {[...props.projects].map(([id, name]) => (
              <option key={id} value={id}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          Vintage
          <select value={vintage} onChange={(e) => setVintage(e.target.value)}>
            <option value="">all</option>
            {vintages.map((v) => (
              <option key={v} value={v}>{v}</option>
            ))}
          </select>
        </label>
        <label>
          Sort by price
          <select value={sort} onChange={(e) => setSort(e.target.value as "asc" | "desc")}>
            <option value="asc">lowest first</option>
            <option value="desc">highest first</option>
          </select>
        </label>
      </div>
      {shown.length === 0 ? (
        <p className="state empty">{active.length === 0 ? "No listing is open." : "No open listing matches the filters."}</p>
      ) : (
        <table data-testid="listings">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Project</th>
              <th scope="col">Vintage · batch</th>
              <th scope="col" className="num">Remaining</th>
              <th scope="col" className="num">Price / tCO2e</th>
              <th scope="col">Min fill</th>
              <th scope="col">Expires</th>
              <th scope="col">Seller</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <ListingRowView key={r.listing.id.toString()} row={r} project={props.projects.get(r.batch.projectId.toString()) ?? ""} onBuy={() => setSelected(r.listing.id.toString())} />
            ))}
          </tbody>
        </table>
      )}
      {chosen && <BuyForm key={chosen.listing.id.toString()} row={chosen} onClose={() => setSelected(undefined)} />}
      <ListingForm />
      <h2>Price and volume</h2>
      {batchIds.length === 0 ? (
        <p className="state empty">No batch has been listed yet.</p>
      ) : (
        <>
          <label>
            Batch{" "}
            <select value={chartBatch} onChange={(e) => setChartBatch(e.target.value)}>
              {batchIds.map((id) => (
                <option key={id} value={id}>#{id}</option>
              ))}
            </select>
          </label>
          {chartBatch && <PriceChart batchId={BigInt(chartBatch)} />}
        </>
      )}
    </>
  );
}

function ListingRowView(props: { row: ListingRow; project: string; onBuy: () => void }) {
  const { wallet, runTx } = useApp();
  const busy = useBusy();
  const l = props.row.listing;
  const token = useToken(l.paymentToken);
  const mine = wallet !== undefined && wallet.account.toLowerCase() === l.seller.toLowerCase();
  const owner = `cancel-${l.id}`;
  return (
    <tr data-listing={l.id.toString()}>
      <td>{l.id.toString()}</td>
      <td>{props.project}</td>
      <td>
        <a href={`#/batch/${l.batchId}`}>{props.row.batch.vintage} · #{l.batchId.toString()}</a>
      </td>
      <td className="num">{tonnes(l.remaining)}</td>
      <td className="num">{money(l.pricePerCredit, token)}</td>
      <td>{l.minFill > 0n ? tonnes(l.minFill) : "any"}</td>
      <td>{dateTime(l.expiry)}</td>
      <td><code title={l.seller}>{short(l.seller)}</code></td>
      <td>
        {mine ? (
          <>
            <button type="button" disabled={busy} onClick={() => void runTx(owner, async (ot) => `Cancelled; ${tonnes((await ot.market.cancelListing(l.id)).returned)} returned to you`)}>
              Cancel
            </button>
            <TxStatus owner={owner} />
          </>
        ) : (
          <button type="button" onClick={props.onBuy} aria-label={`Buy from listing ${l.id}`}>Buy</button>
        )}
      </td>
    </tr>
  );
}
