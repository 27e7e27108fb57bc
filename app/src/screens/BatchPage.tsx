/** A vintage batch: supply bar, serial, dates, token metadata URI, on-chain market data and the price and volume chart. */
import { useApp } from "../lib/app-state";
import { Loaded, useLoad } from "../lib/load";
import { date, dateTime, tonnes } from "../lib/format";
import { SupplyBar } from "../components/SupplyBar";
import { PriceChart } from "../components/PriceChart";

/** Screen `#/batch/<id>`; `id` is the batch id as typed in the URL. */
export function BatchPage(props: { id: string }) {
  const { reader } = useApp();
  const load = useLoad(async () => {
    const batch = await reader.registry.getBatch(BigInt(props.id));
    const [project, uri, market] = await Promise.all([reader.registry.getProject(batch.projectId), reader.credits.uri(batch.id), reader.market.marketData(batch.id)]);
    return { batch, project, uri, market };
  }, [reader, props.id]);
  return (
    <Loaded load={load} what={`batch #${props.id}`}>
      {({ batch: b, project, uri, market }) => (
        <>
          <p className="crumbs">
            <a href="#/registry">Registry</a> › <a href={`#/project/${project.id}`}>{project.name}</a> › batch #{b.id.toString()}
          </p>
          <h1>
            Vintage {b.vintage} — batch #{b.id.toString()}
          </h1>
          <SupplyBar batch={b} />
          <dl className="facts">
            <dt>Serial</dt>
            <dd><code data-testid="serial">{b.serial}</code></dd>
            <dt>Monitoring period</dt>
            <dd>{date(b.startDate)} … {date(b.endDate)}</dd>
            <dt>Supply cap</dt>
            <dd data-testid="supply">{tonnes(b.totalSupply)}</dd>
            <dt>Minted / retired / circulating</dt>
            <dd data-testid="ledger">{tonnes(b.minted)} / {tonnes(b.retired)} / {tonnes(b.circulating)}</dd>
            <dt>Token metadata URI</dt>
            <dd>{uri ? <code>{uri}</code> : <span className="muted">none</span>}</dd>
            <dt>Trades</dt>
            <dd>{market.tradeCount.toString()} trades, {tonnes(market.volume)} traded{market.lastTradeAt > 0n ? `, last ${dateTime(market.lastTradeAt)}` : ""}</dd>
          </dl>
          <h2>Price and volume</h2>
          <PriceChart batchId={b.id} />
        </>
      )}
    </Loaded>
  );
}
