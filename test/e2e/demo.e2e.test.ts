import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { JsonRpcProvider } from "ethers";
import { OpenTonne, ReportStatus } from "../../sdk";
import { loadDeviceRegistry, readKaggleGeneration, readKaggleSensor, runPipeline, type DeviceDayResult } from "../../oracle/src/lib";
import { MockUSD__factory } from "../../typechain-types";
import { onChainDeviceId, REPORT_STATUS } from "../../oracle/src/lib/post";
import { formatSummary, type DemoReport } from "../../scripts/demo/report";
import { MEMBERS, PLAN, PLANT1 } from "../../scripts/demo/scenario";
import { startHardhatNode, type HardhatNode } from "../helpers/node";

const ROOT = path.join(__dirname, "..", "..");

/** The JSON report with its decimal strings turned back into bigint where the report type has bigint. */
type Json = DemoReport;
const big = (v: unknown) => BigInt(v as string);

/** SIGKILLs a still-running child's process group (npx and the hardhat process behind it). */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** Runs `npx hardhat run scripts/demo/main.ts --network localhost` against `url`; resolves with its output once it exits 0. */
function runDemoAgainst(url: string, env: Record<string, string>, track: (c: ChildProcess) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["hardhat", "run", "--no-compile", "scripts/demo/main.ts", "--network", "localhost"], {
      cwd: ROOT,
      detached: true, // own process group: the after hook can kill npx and hardhat together
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env, LOCALHOST_RPC_URL: url, FORCE_COLOR: "0" },
    });
    track(child);
    // Safety net besides the after hook: if this process exits first, the demo's group goes with it.
    const onExit = () => killGroup(child);
    process.once("exit", onExit);
    child.once("exit", () => process.removeListener("exit", onExit));
    let out = "";
    let err = "";
    child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (err += c.toString()));
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) resolve(out);
      else reject(new Error(`demo exited with code ${code} signal ${signal}\n--- stdout\n${out}\n--- stderr\n${err}`));
    });
  });
}

describe("npm run demo, end to end against `npx hardhat node` over JSON-RPC @skip-on-coverage", function () {
  let node: HardhatNode | undefined;
  let demo: ChildProcess | undefined;
  let provider: JsonRpcProvider | undefined;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "opentonne-demo-e2e-"));
  const reportPath = path.join(tmp, "demo.json");
  const deploymentId = `demo-e2e-${process.pid}-${Date.now()}`;

  let stdout = "";
  let report: Json;
  let ot: OpenTonne;
  let pipeline: DeviceDayResult[];

  before(async function () {
    this.timeout(110_000);
    node = await startHardhatNode();
    stdout = await runDemoAgainst(node.url, { DEMO_REPORT: reportPath, DEMO_DEPLOYMENT_ID: deploymentId }, (c) => (demo = c));
    report = JSON.parse(fs.readFileSync(reportPath, "utf8")) as Json;
    provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true, polling: false });
    const a = report.addresses!;
    ot = await OpenTonne.connect(provider, {
      chainId: 31337,
      addresses: { registry: a.registry, credits: a.credits, market: a.market, pool: a.pool, oracle: a.oracle, deploymentBlock: a.deploymentBlock },
    });
    // The same pipeline, run here independently over the committed fixture.
    pipeline = runPipeline(readKaggleGeneration(PLANT1.generation), loadDeviceRegistry(PLANT1.devices), () => readKaggleSensor(PLANT1.sensor)).results;
  });

  after(async function () {
    this.timeout(20_000);
    provider?.destroy();
    if (demo) killGroup(demo);
    await node?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(path.join(ROOT, "ignition", "deployments", deploymentId), { recursive: true, force: true });
  });

  it("ran every step over JSON-RPC on chain 31337 and printed the summary of exactly what it reported", function () {
    expect(report.network).to.deep.equal({ name: "localhost", chainId: "31337" });
    expect(report.steps.map((s) => s.name)).to.have.length(13);
    expect((report as Json & { error?: string }).error).to.equal(undefined);
    // The printed summary is the report's (same numbers, same tables).
    const parsed = { ...report } as unknown as Record<string, unknown>;
    expect(stdout).to.include("[13/13] Fee recipient withdraws the marketplace fees");
    expect(stdout).to.include(formatSummary(revive(parsed)));
  });

  it("deployed the whole system: every address has code and the gas per step adds up", async function () {
    for (const a of Object.values(report.addresses!)) if (typeof a === "string") expect(await provider!.getCode(a)).to.not.equal("0x");
    let total = 0n;
    for (const s of report.steps) {
      const sum = s.txs.reduce((acc, t) => acc + big(t.gasUsed), 0n);
      expect(big(s.gasUsed), s.name).to.equal(sum);
      total += sum;
      for (const t of s.txs) {
        const rc = await provider!.getTransactionReceipt(t.hash);
        expect(rc?.status, `${s.name}: ${t.label}`).to.equal(1);
        expect(rc!.gasUsed, `${s.name}: ${t.label}`).to.equal(big(t.gasUsed));
      }
    }
    expect(big(report.totalGas)).to.equal(total);
  });

  it("stored every Plant 1 device-day on MRVOracle with the status, energy, CO2 and evidence the pipeline computed", async function () {
    expect(pipeline).to.have.length(22 * 8);
    expect(report.deviceDays).to.have.length(pipeline.length);
    const counts = { VERIFIED: 0, FLAGGED: 0, PENDING: 0 };
    for (const [i, r] of pipeline.entries()) {
      counts[r.status]++;
      const reported = report.deviceDays![i];
      expect([reported.deviceId, reported.day, reported.status, reported.co2Grams]).to.deep.equal([r.deviceId, r.day, r.status, r.co2Grams]);
      const rec = await ot.oracle.getReport(onChainDeviceId(r.deviceId), r.day);
      expect(ReportStatus[rec.status], `${r.deviceId} ${r.date}`).to.equal(REPORT_STATUS[r.status]);
      expect(rec.energyWh).to.equal(BigInt(r.energyWh));
      expect(rec.co2Grams).to.equal(BigInt(r.co2Grams));
      expect(rec.evidenceHash).to.equal(r.evidenceHash);
    }
    // Real outages make some days PENDING; most are VERIFIED.
    expect(counts.PENDING).to.be.greaterThan(0);
    expect(counts.VERIFIED).to.be.greaterThan(counts.PENDING);
    const f = report.fleet!;
    expect([f.deviceDays, f.verified, f.flagged, f.pending, f.posted]).to.deep.equal([176, counts.VERIFIED, counts.FLAGGED, counts.PENDING, 176]);
    expect(f.verifiedTonnes).to.be.closeTo(pipeline.filter((r) => r.status === "VERIFIED").reduce((a, r) => a + r.co2Grams, 0) / 1e6, 1e-9);
  });

  it("credited each member with its inverters' VERIFIED CO2, allocated proportionally, and every member claimed", async function () {
    const p = report.pool!;
    const period = await ot.pool.contract.getPeriod(big(p.periodId));
    expect(period.status).to.equal(2n); // Closed
    expect(period.method).to.equal(0n); // Proportional
    expect((await ot.pool.getPeriod(big(p.periodId)))?.method).to.equal(PLAN.allocation.method);
    const verified = new Map<string, bigint>();
    for (const r of pipeline) if (r.status === "VERIFIED") verified.set(r.deviceId, (verified.get(r.deviceId) ?? 0n) + BigInt(r.co2Grams));
    let total = 0n;
    let claimedTotal = 0n;
    expect(p.members.map((m) => m.name)).to.deep.equal(MEMBERS.map((m) => m.name));
    expect(p.members.flatMap((m) => m.devices).sort()).to.deep.equal([...new Set(pipeline.map((r) => r.deviceId))].sort());
    for (const m of p.members) {
      const grams = m.devices.reduce((a, d) => a + (verified.get(d) ?? 0n), 0n);
      const mp = await ot.pool.contract.getMemberPeriod(big(p.periodId), m.address);
      expect(mp.grams, m.name).to.equal(grams);
      expect(big(m.contributionGrams), m.name).to.equal(grams);
      expect(mp.claimed, m.name).to.equal(true);
      // Proportional at 1 unit per gram: floor(C × g / G) with C = G is g itself.
      expect(big(m.allocated), m.name).to.equal(grams);
      expect(big(m.claimed), m.name).to.equal(grams);
      expect((await ot.pool.contract.getMember(m.address)).claimedUnits, m.name).to.equal(grams);
      expect(await ot.pool.contract.claimable(big(p.periodId), m.address)).to.equal(0n);
      total += grams;
      claimedTotal += big(m.claimed);
    }
    expect(period.eligibleGrams).to.equal(total);
    expect(period.credits).to.equal(total);
    expect(big(p.credits)).to.equal(total);
    expect(period.claimedUnits).to.equal(claimedTotal);
    expect(period.batchId).to.equal(big(p.batchId));
  });

  it("settled the listing fill and the tender award: credits and MockUSD balances, fees, proposal states", async function () {
    const l = report.listing!;
    const t = report.tender!;
    const poolBatch = big(report.pool!.batchId);
    const solarBatch = big(report.solarProject!.batchId);
    const usd = MockUSD__factory.connect(report.addresses!.usd, provider!);
    const bal = (who: string, id: bigint) => ot.credits.contract.balanceOf(who, id);
    const member = (addr: string) => report.pool!.members.find((m) => m.address === addr)!;

    // Listing: 100 listed, 40 bought, 60 still escrowed in the market.
    const listing = await ot.market.contract.getListing(big(l.listingId));
    expect(listing.seller).to.equal(l.seller);
    expect(listing.remaining).to.equal(big(l.listed) - big(l.bought));
    expect(big(l.remaining)).to.equal(listing.remaining);
    expect(await bal(l.seller, poolBatch)).to.equal(big(member(l.seller).claimed) - big(l.listed));
    expect(await bal(l.buyer, poolBatch)).to.equal(big(member(l.buyer).claimed) + big(l.bought));
    expect(await bal(report.addresses!.market, poolBatch)).to.equal(listing.remaining);
    expect(big(l.cost)).to.equal((big(l.bought) * big(l.pricePerCredit) + 999_999n) / 1_000_000n);
    expect(big(l.fee)).to.equal((big(l.cost) * 250n) / 10_000n);
    expect(await usd.balanceOf(l.seller)).to.equal(big(l.cost) - big(l.fee));
    expect(await usd.balanceOf(l.buyer)).to.equal(PLAN.usdFunding - big(l.cost));

    // Tender: the developer's proposal won; the member's lost and its credits went back to it.
    const tender = await ot.market.contract.getTender(big(t.tenderId));
    expect(await ot.market.contract.tenderStatus(big(t.tenderId))).to.equal(3n); // Awarded
    expect(tender.winningProposalId).to.equal(big(t.winningProposalId));
    const [win, lose] = t.proposals;
    expect((await ot.market.contract.getProposal(big(win.proposalId))).status).to.equal(2n); // Accepted
    expect((await ot.market.contract.getProposal(big(lose.proposalId))).status).to.equal(3n); // Rejected
    expect(await ot.market.contract.proposalEscrow(big(lose.proposalId))).to.equal(0n);
    expect(await bal(lose.seller, poolBatch)).to.equal(big(member(lose.seller).claimed));
    expect(win.seller).to.equal(report.accounts.developer);
    // The developer also sold the one-step offset's credits (step 12): the tender's and the offset's.
    const offset = report.retirements[0];
    const offsetCost = big(offset.trade!.cost);
    const offsetFee = big(offset.trade!.fee);
    expect(await bal(report.accounts.developer, solarBatch)).to.equal(PLAN.solarBatch.mint - big(t.amount) - big(offset.amount));
    expect(await usd.balanceOf(report.accounts.developer)).to.equal(big(t.sellerProceeds) + offsetCost - offsetFee);
    expect(big(t.cost)).to.equal((big(t.amount) * big(t.pricePerCredit) + 999_999n) / 1_000_000n);
    expect(await usd.balanceOf(t.buyer)).to.equal(PLAN.usdFunding - big(t.cost) - offsetCost);
    const md = await ot.market.contract.marketData(solarBatch);
    expect(md.lastPricePerCredit).to.equal(PLAN.retirement.price);
    expect(md.tradeCount).to.equal(2n);

    // Fees: the three trades' fees, withdrawn by the fee recipient; nothing left accrued.
    expect(big(report.fees!.withdrawn)).to.equal(big(l.fee) + big(t.fee) + offsetFee);
    expect(await usd.balanceOf(report.accounts.feeRecipient)).to.equal(big(l.fee) + big(t.fee) + offsetFee);
    expect(await ot.market.contract.accruedFees(report.addresses!.usd)).to.equal(0n);
  });

  it("the corporate buyer offset in one step: the retirement names it, links the listing fill and came in the trade's transaction", async function () {
    expect(report.retirements).to.have.length(1);
    const x = report.retirements[0];
    const rec = await ot.credits.contract.getRetirement(big(x.retirementId));
    expect(rec.account).to.equal(report.accounts.corporate);
    expect(rec.beneficiary).to.equal(x.beneficiary);
    expect(rec.amount).to.equal(big(x.amount));
    expect(big(x.amount)).to.equal(PLAN.retirement.amount);
    const [ev] = await ot.credits.contract.queryFilter(ot.credits.contract.filters.Retired(big(x.retirementId)), report.addresses!.deploymentBlock);
    expect(ev.args.details.beneficiaryName).to.equal(PLAN.retirement.beneficiaryName);
    expect(ev.args.details.reason).to.equal(x.reason);
    expect(ev.args.batchIds).to.deep.equal([big(x.batchId)]);
    expect(ev.transactionHash).to.equal(x.txHash);
    expect(ev.args.operator).to.equal(report.addresses!.market);
    expect(ev.args.link.source).to.equal(1n); // ListingFill
    expect(ev.args.link.refId).to.equal(big(x.trade!.refId));
    expect(ev.args.link[2]).to.equal(big(x.trade!.fill)); // by position: `fill` is also an Array method of the Result
    const [trade] = await ot.market.contract.queryFilter(ot.market.contract.filters.Trade(big(x.batchId), report.accounts.corporate), ev.blockNumber, ev.blockNumber);
    expect(trade.transactionHash).to.equal(x.txHash);
    expect(trade.args.refId).to.equal(big(x.trade!.refId));
    expect(trade.args.cost).to.equal(big(x.trade!.cost));
    const batch = await ot.registry.getBatch(big(x.batchId));
    expect(batch.retired).to.equal(big(x.amount));
    // The retired credits never reached the buyer: it holds exactly what the tender award gave it.
    expect(await ot.credits.contract.balanceOf(report.accounts.corporate, big(x.batchId))).to.equal(big(report.tender!.amount));
  });
});

/** The report as the demo held it in memory (bigint fields back from their JSON strings), for formatSummary. */
function revive(json: Record<string, unknown>): DemoReport {
  const BIG = new Set([
    "chainId", "projectId", "batchId", "supply", "minted", "gasUsed", "periodId", "eligibleGrams", "credits", "dust",
    "verifiedGrams", "contributionGrams", "allocated", "claimed", "listingId", "listed", "pricePerCredit", "bought", "cost",
    "fee", "sellerProceeds", "remaining", "tenderId", "creditsRequired", "maxPricePerCredit", "proposalId", "amount",
    "winningProposalId", "refund", "retirementId", "feeBps", "accrued", "withdrawn", "totalGas", "refId", "fill",
  ]);
  return JSON.parse(JSON.stringify(json), (k, v: unknown) => (BIG.has(k) && typeof v === "string" && /^\d+$/.test(v) ? BigInt(v) : v)) as DemoReport;
}
