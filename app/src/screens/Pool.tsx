/**
 * MSME pool: the periods (current and past, with each one's allocation method), the member
 * leaderboard of a period, and the connected member's contributions, allocation and claimable
 * credits with the claim button.
 */
import { MAX_PAGE, type PoolPeriod } from "opentonne";
import { useState } from "react";
import { TxStatus } from "../components/TxStatus";
import { useApp, useBusy } from "../lib/app-state";
import { Loaded, useLoad } from "../lib/load";
import { date, short, tonnes } from "../lib/format";

/** "Proportional", "Hybrid (70 % performance)" — the method is fixed when the period opens. */
export function methodLabel(p: Pick<PoolPeriod, "status" | "method" | "hybridBps">): string {
  return p.method === "Hybrid" ? `Hybrid (${p.hybridBps / 100} % performance)` : p.method;
}

/** Screen `#/pool`. */
export function Pool() {
  const { reader, wallet } = useApp();
  const load = useLoad(async () => {
    const [info, periods] = await Promise.all([reader.pool.getInfo(), reader.pool.listPeriods({ limit: MAX_PAGE })]);
    return { info, periods: periods.items };
  }, [reader]);
  return (
    <>
      <h1>MSME pool</h1>
      <Loaded load={load} what="the pool">
        {({ info, periods }) => (
          <>
            <p className="lead">
              {info.memberCount.toString()} members · 1 credit unit per verified gram CO2e · next periods: {info.allocation.method} · minimum
              contribution {tonnes(info.minContribution)} per period{info.paused ? " · paused" : ""}
            </p>
            <h2>Periods</h2>
            {periods.length === 0 ? (
              <p className="state empty">No period has been opened yet.</p>
            ) : (
              <table data-testid="periods">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Kind</th>
                    <th scope="col">From … to</th>
                    <th scope="col">Status</th>
                    <th scope="col">Allocation method</th>
                    <th scope="col" className="num">Eligible reduction</th>
                    <th scope="col" className="num">Credits</th>
                    <th scope="col" className="num">Claimed</th>
                  </tr>
                </thead>
                <tbody>
                  {[...periods].reverse().map((p) => (
                    <tr key={p.id.toString()}>
                      <td>{p.id.toString()}</td>
                      <td>{p.kind}</td>
                      <td>{date(p.start)} … {date(p.end)}</td>
                      <td>{p.status}</td>
                      <td>{methodLabel(p)}</td>
                      <td className="num">{tonnes(p.eligibleGrams)}</td>
                      <td className="num">{tonnes(p.credits)}</td>
                      <td className="num">{tonnes(p.claimedUnits)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {wallet && <MemberPanel account={wallet.account} periods={periods} />}
            {periods.length > 0 && <Leaderboard periods={periods} />}
          </>
        )}
      </Loaded>
    </>
  );
}

function Leaderboard(props: { periods: PoolPeriod[] }) {
  const { reader } = useApp();
  const [periodId, setPeriodId] = useState(props.periods[props.periods.length - 1].id.toString());
  const load = useLoad(() => reader.history.poolLeaderboard(BigInt(periodId), { top: 50 }), [reader, periodId]);
  return (
    <>
      <h2>Leaderboard</h2>
      <label>
        Period{" "}
        <select value={periodId} onChange={(e) => setPeriodId(e.target.value)}>
          {props.periods.map((p) => (
            <option key={p.id.toString()} value={p.id.toString()}>
              #{p.id.toString()} ({p.kind}, {date(p.start)})
            </option>
          ))}
        </select>
      </label>
      <Loaded load={load} what="the leaderboard" isEmpty={(l) => l.byReduction.length === 0} empty="No member has contributed in this period.">
        {(l) => (
          <table data-testid="leaderboard">
            <caption>
              {l.memberCount} members, {tonnes(l.totalGrams)} reduced{l.closed ? `; ${tonnes(l.credits)} allocated by ${l.method}` : " (open)"}
            </caption>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Member</th>
                <th scope="col" className="num">Reduction</th>
                <th scope="col" className="num">Score</th>
                <th scope="col">Eligible</th>
                <th scope="col" className="num">Allocated</th>
                <th scope="col">Claimed</th>
              </tr>
            </thead>
            <tbody>
              {l.byReduction.map((e) => (
                <tr key={e.member}>
                  <td>{e.rank}</td>
                  <td><code title={e.member}>{short(e.member)}</code></td>
                  <td className="num">{tonnes(e.grams)}</td>
                  <td className="num">{e.score}</td>
                  <td>{e.eligible ? "yes" : "no"}</td>
                  <td className="num">{tonnes(e.allocated)}</td>
                  <td>{e.hasClaimed ? "yes" : "no"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </>
  );
}

function MemberPanel(props: { account: string; periods: PoolPeriod[] }) {
  const { reader, runTx } = useApp();
  const busy = useBusy();
  const load = useLoad(async () => {
    const isMember = await reader.pool.isMember(props.account);
    if (!isMember) return undefined;
    const closed = props.periods.filter((p) => p.status === "Closed").map((p) => p.id);
    const [member, claimable, rows, claims] = await Promise.all([
      reader.pool.getMember(props.account),
      closed.length > 0 ? reader.pool.claimableMany(closed, props.account) : Promise.resolve({ total: 0n, periods: [] }),
      Promise.all(props.periods.map((p) => reader.pool.getMemberPeriod(p.id, props.account))),
      reader.pool.claimHistory({ member: props.account }),
    ]);
    return { member, claimable, rows, claims };
  }, [reader, props.account, props.periods]);
  return (
    <section aria-labelledby="member">
      <h2 id="member">Your membership</h2>
      <Loaded load={load} what="your membership" isEmpty={(m) => m === undefined} empty="The connected account is not a pool member.">
        {(m) => {
          const { member, claimable, rows, claims } = m!;
          const claimableOf = (id: bigint) => claimable.periods.find((c) => c.periodId === id)?.amount ?? 0n;
          // A period's allocation: what was claimed from it, or what is claimable now.
          const allocationOf = (id: bigint) => claims.filter((c) => c.periodId === id).reduce((s, c) => s + c.amount, 0n) + claimableOf(id);
          const due = claimable.periods.filter((p) => p.amount > 0n);
          return (
            <>
              <p>
                Total contributed {tonnes(member.totalGrams)} · claimed {tonnes(member.claimedUnits)} · carried forward {tonnes(member.carriedGrams)}
              </p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Period</th>
                    <th scope="col" className="num">Your reduction</th>
                    <th scope="col" className="num">Score</th>
                    <th scope="col" className="num">Allocation</th>
                    <th scope="col" className="num">Claimable</th>
                    <th scope="col">Claimed</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.periodId.toString()} data-member-period={r.periodId.toString()}>
                      <td>#{r.periodId.toString()}</td>
                      <td className="num">{tonnes(r.grams)}</td>
                      <td className="num">{r.score}</td>
                      <td className="num">{tonnes(allocationOf(r.periodId))}</td>
                      <td className="num">{tonnes(claimableOf(r.periodId))}</td>
                      <td>{r.claimed ? "yes" : "no"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p data-testid="claimable">Claimable now: {tonnes(claimable.total)}</p>
              <button
                type="button"
                disabled={busy || due.length === 0}
                onClick={() =>
                  void runTx("claim", async (ot) => {
                    const r = await ot.pool.claim(due.map((d) => d.periodId));
                    return `Claimed ${tonnes(r.total)} from ${r.claims.length} period(s)`;
                  })
                }
              >
                Claim {tonnes(claimable.total)}
              </button>
              <TxStatus owner="claim" />
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
