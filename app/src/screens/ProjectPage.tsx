/** A project: its fields, metadata URI, and its vintage batches in registry order with their supply bars and serials. */
import { useApp } from "../lib/app-state";
import { Loaded, useLoad } from "../lib/load";
import { date, dateTime } from "../lib/format";
import { SupplyBar } from "../components/SupplyBar";

/** Screen `#/project/<id>`; `id` is the project id as typed in the URL. */
export function ProjectPage(props: { id: string }) {
  const { reader } = useApp();
  const load = useLoad(async () => {
    const [project, batches] = await Promise.all([reader.registry.getProject(BigInt(props.id)), reader.registry.getProjectBatches(BigInt(props.id))]);
    return { project, batches };
  }, [reader, props.id]);
  return (
    <Loaded load={load} what={`project #${props.id}`}>
      {({ project: p, batches }) => (
        <>
          <p className="crumbs">
            <a href="#/registry">Registry</a> › project #{p.id.toString()}
          </p>
          <h1>{p.name}</h1>
          <dl className="facts">
            <dt>Status</dt>
            <dd><span className={`status ${p.status.toLowerCase()}`}>{p.status}</span></dd>
            <dt>Standard / methodology</dt>
            <dd>{p.standard} · {p.methodology}</dd>
            <dt>Country</dt>
            <dd>{p.country}</dd>
            <dt>Owner</dt>
            <dd><code>{p.owner}</code></dd>
            <dt>Registered</dt>
            <dd>{dateTime(p.createdAt)}</dd>
            <dt>Metadata URI</dt>
            <dd>{p.uri ? <a href={p.uri} rel="noreferrer">{p.uri}</a> : <span className="muted">none</span>}</dd>
          </dl>
          <h2>Vintage batches</h2>
          {batches.length === 0 ? (
            <p className="state empty">This project has no vintage batch yet.</p>
          ) : (
            <ol className="batches">
              {batches.map((b) => (
                <li key={b.id.toString()} className="card">
                  <h3>
                    <a href={`#/batch/${b.id}`}>Vintage {b.vintage} — batch #{b.id.toString()}</a>
                  </h3>
                  <p>
                    Serial <code>{b.serial}</code> · monitoring {date(b.startDate)} … {date(b.endDate)}
                  </p>
                  <SupplyBar batch={b} />
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </Loaded>
  );
}
