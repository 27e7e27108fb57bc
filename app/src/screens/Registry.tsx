/** Registry: every project with its status, standard, methodology and country. */
import { MAX_PAGE } from "opentonne";
import { useApp } from "../lib/app-state";
import { Loaded, useLoad } from "../lib/load";
import { tonnes } from "../lib/format";

/** Screen `#/registry` (also `#/`). */
export function Registry() {
  const { reader } = useApp();
  const load = useLoad(() => reader.registry.listProjects({ limit: MAX_PAGE }), [reader]);
  return (
    <>
      <h1>Registry</h1>
      <p className="lead">Projects registered on the ProjectRegistry; each issues credits in vintage batches (1 credit = 1 tCO2e).</p>
      <Loaded load={load} what="projects" isEmpty={(p) => p.items.length === 0} empty="No project is registered yet.">
        {(page) => (
          <table>
            <caption>{page.total.toString()} projects</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Project</th>
                <th scope="col">Status</th>
                <th scope="col">Standard</th>
                <th scope="col">Methodology</th>
                <th scope="col">Country</th>
                <th scope="col" className="num">Estimated</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((p) => (
                <tr key={p.id.toString()}>
                  <td>{p.id.toString()}</td>
                  <td>
                    <a href={`#/project/${p.id}`}>{p.name}</a>
                  </td>
                  <td>
                    <span className={`status ${p.status.toLowerCase()}`}>{p.status}</span>
                  </td>
                  <td>{p.standard}</td>
                  <td>{p.methodology}</td>
                  <td>{p.country}</td>
                  <td className="num">{tonnes(p.estimatedCredits)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </>
  );
}
