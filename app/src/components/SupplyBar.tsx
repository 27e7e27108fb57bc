/** A batch's supply as one bar: retired | circulating | not yet minted, with the figures in tCO2e. */
import type { Batch } from "opentonne";
import { supplyShares, tonnes } from "../lib/format";

/** The supply bar of `batch` (grams from `registry.getBatch`, shown in tCO2e). */
export function SupplyBar(props: { batch: Batch }) {
  const b = props.batch;
  const s = supplyShares(b);
  return (
    <figure className="supply">
      <div className="bar" role="img" aria-label={`Supply ${tonnes(b.totalSupply)}: ${tonnes(b.retired)} retired, ${tonnes(b.circulating)} circulating, ${tonnes(b.remaining)} not minted`}>
        <span className="retired" style={{ width: `${s.retired}%` }} />
        <span className="circulating" style={{ width: `${s.circulating}%` }} />
        <span className="unminted" style={{ width: `${s.unminted}%` }} />
      </div>
      <figcaption>
        <span className="key retired" /> retired {tonnes(b.retired)} · <span className="key circulating" /> circulating {tonnes(b.circulating)} ·{" "}
        <span className="key unminted" /> unminted {tonnes(b.remaining)} · minted {tonnes(b.minted)} of {tonnes(b.totalSupply)}
      </figcaption>
    </figure>
  );
}
