import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { InvalidArgumentError, OpenTonne, type AccountTransaction, type TradeTx } from "../../sdk";
import { CREDIT, batchInput, projectInput, retirementDetails } from "../helpers/fixtures";
import { USD } from "../market/fixtures";
import { co2Of, dayOf, makeReport, RStatus, submit } from "../mrv-oracle/MRVOracle.fixtures";
import { Kind, passEnd, utc } from "../pool/fixtures";
import { sdkSystem } from "./fixtures";

const DAY = 86_400;

/**
 * The whole system, then a history made with the contracts directly:
 * - a project with one batch; 1,000 credits minted to alice; alice sends 50 to bob and retires 10;
 * - alice lists three times (10, 12, 9 USD); carol buys four times on day D (10, 12, 9, 10 USD) and
 *   once on day D + 1 (12 USD);
 * - oracle reports for devices A (alice: 2 verified, 1 flagged) and B (bob: 1 verified, 1 pending);
 *   carol's and dave's grams recorded directly, dave removed; the period closed (Proportional, the method
 *   it was opened with);
 *   alice and bob claim, carol does not.
 */
async function historyFixture() {
  const sys = await sdkSystem();
  const { registry, credits, market, usd, pool, alice, bob, carol, dave } = sys;
  await registry.connect(sys.registrar).registerProject(projectInput(alice.address));
  const projectId = await registry.projectCount();
  await registry.connect(sys.registrar).addBatch(projectId, batchInput(2024, 10_000n * CREDIT));
  const batchId = await registry.batchCount();
  await registry.connect(sys.verifier).approveProject(projectId);

  await credits.connect(sys.issuer).mint(alice.address, batchId, 1_000n * CREDIT);
  await credits.connect(alice).safeTransferFrom(alice.address, bob.address, batchId, 50n * CREDIT, "0x");
  await credits.connect(alice).retire(alice.address, batchId, 10n * CREDIT, retirementDetails(alice.address));

  const marketAddress = await market.getAddress();
  const usdAddress = await usd.getAddress();
  await credits.connect(alice).setApprovalForAll(marketAddress, true);
  await usd.mint(carol.address, 1_000_000n * USD);
  await usd.connect(carol).approve(marketAddress, ethers.MaxUint256);
  const expiry = BigInt(await time.latest()) + 90n * 86_400n;
  const listings: Record<number, bigint> = {};
  for (const price of [10, 12, 9]) {
    await market.connect(alice).createListing(batchId, 20n * CREDIT, BigInt(price) * USD, usdAddress, CREDIT, expiry);
    listings[price] = await market.listingCount();
  }
  const dayD = Math.floor((await time.latest()) / DAY) + 1;
  const buys: Array<[offset: number, price: number, credits: bigint]> = [
    [3_600, 10, 5n],
    [7_200, 12, 3n],
    [10_800, 9, 2n],
    [14_400, 10, 1n],
    [DAY + 3_600, 12, 2n],
  ];
  for (const [offset, price, n] of buys) {
    await time.setNextBlockTimestamp(dayD * DAY + offset);
    await market.connect(carol).buy(listings[price], n * CREDIT, BigInt(price) * USD, ethers.MaxUint256);
  }

  const { devA, devB, periodId, year, month } = sys;
  const reports = [
    makeReport(devA, dayOf(year, month, 1)),
    makeReport(devA, dayOf(year, month, 2), { energyWh: 50_000n }),
    makeReport(devA, dayOf(year, month, 3), { energyWh: 30_000n, status: RStatus.Flagged }),
    makeReport(devB, dayOf(year, month, 1), { energyWh: 20_000n }),
    makeReport(devB, dayOf(year, month, 2), { energyWh: 25_000n, status: RStatus.Pending }),
  ];
  await submit(sys, reports);
  await pool.connect(sys.manager).admitMember(dave.address);
  await pool.connect(sys.oracle).recordContribution(carol.address, periodId, 70_000n);
  await pool.connect(sys.oracle).recordContribution(dave.address, periodId, 90_000n);
  await pool.connect(sys.manager).removeMember(dave.address);
  await pool.connect(sys.manager).closePeriod(periodId);
  await pool.connect(alice).claim([periodId]);
  await pool.connect(bob).claim([periodId]);

  const ot = await OpenTonne.connect(ethers.provider, { addresses: sys.deployment });
  return { sys, ot, batchId, dayD, buys, reports, usdAddress, marketAddress };
}

/** Signed effect of a ledger entry on the account's balance of its batch (a purchase is its buy-side trade). */
function ledgerDelta(tx: AccountTransaction): bigint {
  if (tx.kind === "mint" || tx.kind === "transferIn" || (tx.kind === "trade" && tx.side === "buy")) return tx.amount;
  if (tx.kind === "transferOut" || tx.kind === "retirement") return -tx.amount;
  return 0n;
}

/** ethers.provider, except that getLogs refuses ranges over `maxRange` blocks (as many public RPCs do). */
function limited(maxRange: number, refused: Array<[number, number]>) {
  const target = ethers.provider;
  const proxy: typeof target = new Proxy(target, {
    get(t, key) {
      if (key === "provider") return proxy;
      if (key === "getLogs") {
        return async (filter: { fromBlock: number; toBlock: number }) => {
          if (filter.toBlock - filter.fromBlock + 1 > maxRange) {
            refused.push([filter.fromBlock, filter.toBlock]);
            throw new Error(`query exceeds max block range ${maxRange}`);
          }
          return t.getLogs(filter);
        };
      }
      const value = Reflect.get(t, key, t);
      return typeof value === "function" ? value.bind(t) : value;
    },
  });
  return proxy;
}

describe("SDK: history", () => {
  it("accountTransactions lists mint, transfers, retirement, trades and claim, newest first, typed and timed", async () => {
    const { sys, ot, batchId, dayD, marketAddress } = await loadFixture(historyFixture);
    const txs = await ot.history.accountTransactions(sys.alice.address);
    // Newest first.
    for (let i = 1; i < txs.length; i++) {
      expect(txs[i - 1].blockNumber > txs[i].blockNumber || (txs[i - 1].blockNumber === txs[i].blockNumber && txs[i - 1].logIndex >= txs[i].logIndex)).to.equal(true);
    }
    const ofKind = <K extends AccountTransaction["kind"]>(kind: K) => txs.filter((t): t is Extract<AccountTransaction, { kind: K }> => t.kind === kind);
    const periodBatch = (await sys.pool.getPeriod(sys.periodId)).batchId;
    const claimed = await sys.pool.getMember(sys.alice.address);

    expect(ofKind("mint").map((t) => [t.batchId, t.amount, t.operator])).to.deep.equal([[batchId, 1_000n * CREDIT, sys.issuer.address]]);
    // Out: 50 to bob, then three listings into the marketplace's escrow (newest first).
    expect(ofKind("transferOut").map((t) => [t.to, t.amount])).to.deep.equal([
      [marketAddress, 20n * CREDIT],
      [marketAddress, 20n * CREDIT],
      [marketAddress, 20n * CREDIT],
      [sys.bob.address, 50n * CREDIT],
    ]);
    const [retirement] = ofKind("retirement");
    expect(retirement).to.include({ batchId, amount: 10n * CREDIT, totalAmount: 10n * CREDIT, retirementId: 1n, beneficiary: sys.alice.address });
    expect(retirement).to.include({ beneficiaryName: "Acme Textiles Pvt Ltd", reason: "offset claim: FY2026 scope 2", consumptionCountry: "IN" });

    const trades = ofKind("trade");
    expect(trades.map((t) => [t.side, t.counterparty, t.pricePerCredit, t.amount, t.tradeKind])).to.deep.equal([
      ["sell", sys.carol.address, 12n * USD, 2n * CREDIT, "Listing"],
      ["sell", sys.carol.address, 10n * USD, 1n * CREDIT, "Listing"],
      ["sell", sys.carol.address, 9n * USD, 2n * CREDIT, "Listing"],
      ["sell", sys.carol.address, 12n * USD, 3n * CREDIT, "Listing"],
      ["sell", sys.carol.address, 10n * USD, 5n * CREDIT, "Listing"],
    ]);
    expect(trades[4].timestamp).to.equal(dayD * DAY + 3_600);
    expect(trades[0].timestamp).to.equal(dayD * DAY + DAY + 3_600);
    expect(trades[4].cost).to.equal(50n * USD);
    const block = await ethers.provider.getBlock(trades[4].blockNumber);
    expect(trades[4].transactionHash).to.be.oneOf(block!.transactions);

    // The pool claim, and the claimed credits arriving from the pool as a transfer in the same transaction.
    const [claim] = ofKind("claim");
    expect(claim).to.include({ periodId: sys.periodId, batchId: periodBatch, amount: claimed.claimedUnits });
    const fromPool = ofKind("transferIn").find((t) => t.transactionHash === claim.transactionHash);
    expect(fromPool).to.include({ from: sys.poolAddress, batchId: periodBatch, amount: claimed.claimedUnits });
    expect(claim.amount > 0n).to.equal(true);

    // The ledger entries add up to the balances.
    for (const id of [batchId, periodBatch]) {
      const sum = txs.filter((t) => t.batchId === id).reduce((s, t) => s + ledgerDelta(t), 0n);
      expect(sum, `batch ${id}`).to.equal(await sys.credits.balanceOf(sys.alice.address, id));
    }
    // Timestamps are the blocks' times.
    for (const t of txs.slice(0, 3)) expect(t.timestamp).to.equal((await ethers.provider.getBlock(t.blockNumber))!.timestamp);
  });

  it("accountTransactions: the buyer's side (each purchase once), and the kinds filter", async () => {
    const { sys, ot, usdAddress, marketAddress } = await loadFixture(historyFixture);
    const buys = (await ot.history.accountTransactions(sys.carol.address, { kinds: ["trade"] })) as TradeTx[];
    expect(buys.map((t) => [t.kind, t.side, t.counterparty, t.paymentToken])).to.deep.equal(
      Array(5).fill(["trade", "buy", sys.alice.address, usdAddress]),
    );
    // Without trades asked for, the purchases are the transfers in from the marketplace's escrow.
    const received = await ot.history.accountTransactions(sys.carol.address, { kinds: ["transferIn"] });
    expect(received.map((t) => t.amount)).to.deep.equal([2n, 1n, 2n, 3n, 5n].map((n) => n * CREDIT));
    // With everything asked for, each purchase is listed once, as its trade (issue 13: not twice).
    const all = await ot.history.accountTransactions(sys.carol.address);
    const inMarketTxs = all.filter((t) => buys.some((b) => b.transactionHash === t.transactionHash));
    expect(inMarketTxs.map((t) => t.kind)).to.deep.equal(Array(5).fill("trade"));
    expect(all.filter((t) => t.kind === "transferIn" && t.from === marketAddress)).to.deep.equal([]);
    for (const id of new Set(all.map((t) => t.batchId))) {
      const sum = all.filter((t) => t.batchId === id).reduce((s, t) => s + ledgerDelta(t), 0n);
      expect(sum, `carol's batch ${id}`).to.equal(await sys.credits.balanceOf(sys.carol.address, id));
    }
    expect(await ot.history.accountTransactions(sys.outsider.address)).to.deep.equal([]);
    await expect(ot.history.accountTransactions("0x1234")).to.be.rejectedWith(InvalidArgumentError, /account/);
    await expect(ot.history.accountTransactions(sys.carol.address, { kinds: ["bogus" as never] })).to.be.rejectedWith(InvalidArgumentError, /kinds/);
  });

  it("chunked scans give the same results as one scan, and report progress after each chunk", async () => {
    const { sys, ot, batchId } = await loadFixture(historyFixture);
    const latest = await ethers.provider.getBlockNumber();
    const from = sys.deployment.deploymentBlock;
    const total = latest - from + 1;
    const whole = await ot.history.accountTransactions(sys.alice.address, { chunkSize: 1_000_000 });
    const calls: Array<[number, number]> = [];
    const chunked = await ot.history.accountTransactions(sys.alice.address, { chunkSize: 7, onProgress: (done, t) => calls.push([done, t]) });
    expect(chunked).to.deep.equal(whole);
    expect(whole.length).to.be.greaterThan(10);
    expect(calls.length).to.equal(Math.ceil(total / 7));
    expect(calls.at(-1)).to.deep.equal([total, total]);
    calls.forEach(([done, t], i) => {
      expect(t).to.equal(total);
      expect(done).to.equal(Math.min((i + 1) * 7, total));
    });
    expect(await ot.history.priceHistory(batchId, { chunkSize: 3 })).to.deep.equal(await ot.history.priceHistory(batchId));
    expect(await ot.history.poolLeaderboard(sys.periodId, { chunkSize: 5 })).to.deep.equal(await ot.history.poolLeaderboard(sys.periodId));
    expect(await ot.history.fleetSummary({ chunkSize: 2 })).to.deep.equal(await ot.history.fleetSummary());
    // A block range before the trades finds none of them; bad ranges are refused.
    expect(await ot.history.accountTransactions(sys.carol.address, { toBlock: from + 1 })).to.deep.equal([]);
    await expect(ot.history.priceHistory(batchId, { chunkSize: 0 })).to.be.rejectedWith(InvalidArgumentError, /chunkSize/);
    await expect(ot.history.priceHistory(batchId, { fromBlock: 10, toBlock: 9 })).to.be.rejectedWith(InvalidArgumentError, /toBlock/);
  });

  it("a chunk the provider refuses is split and retried; an error on a single block is thrown", async () => {
    const { sys, ot } = await loadFixture(historyFixture);
    const refused: Array<[number, number]> = [];
    const viaLimited = await OpenTonne.connect(limited(4, refused), { addresses: sys.deployment });
    const expected = await ot.history.accountTransactions(sys.alice.address);
    expect(await viaLimited.history.accountTransactions(sys.alice.address, { chunkSize: 1_000 })).to.deep.equal(expected);
    expect(refused.length).to.be.greaterThan(0);
    const broken = await OpenTonne.connect(limited(0, []), { addresses: sys.deployment });
    await expect(broken.history.fleetSummary()).to.be.rejectedWith(/max block range 0/);
  });

  it("the modules' event reads (trades, reports, claims, payment tokens) use the same chunked, splitting scan", async () => {
    const { sys, ot } = await loadFixture(historyFixture);
    const refused: Array<[number, number]> = [];
    const viaLimited = await OpenTonne.connect(limited(4, refused), { addresses: sys.deployment });
    const trades = await ot.market.findTrades();
    expect(trades.length).to.be.greaterThan(0);
    expect(await viaLimited.market.findTrades()).to.deep.equal(trades);
    const reports = await ot.oracle.reportHistory();
    expect(reports.length).to.be.greaterThan(0);
    expect(await viaLimited.oracle.reportHistory()).to.deep.equal(reports);
    expect(await viaLimited.pool.claimHistory()).to.deep.equal(await ot.pool.claimHistory());
    expect(await viaLimited.market.paymentTokens()).to.deep.equal(await ot.market.paymentTokens());
    expect(refused.length).to.be.greaterThan(0);
  });

  it("priceHistory: daily OHLCV per payment token, a day with several trades and a day with one", async () => {
    const { ot, batchId, dayD, usdAddress } = await loadFixture(historyFixture);
    const series = await ot.history.priceHistory(batchId);
    expect(series).to.have.length(1);
    expect(series[0]).to.include({ batchId, paymentToken: usdAddress });
    const dateOf = (day: number) => new Date(day * DAY * 1000).toISOString().slice(0, 10);
    expect(series[0].candles).to.deep.equal([
      {
        day: dayD,
        date: dateOf(dayD),
        open: 10n * USD,
        high: 12n * USD,
        low: 9n * USD,
        close: 10n * USD,
        volume: 11n * CREDIT,
        cost: (5n * 10n + 3n * 12n + 2n * 9n + 1n * 10n) * USD,
        trades: 4,
      },
      { day: dayD + 1, date: dateOf(dayD + 1), open: 12n * USD, high: 12n * USD, low: 12n * USD, close: 12n * USD, volume: 2n * CREDIT, cost: 24n * USD, trades: 1 },
    ]);
    expect(await ot.history.priceHistory(batchId, { paymentToken: ethers.ZeroAddress })).to.deep.equal([]);
    expect(await ot.history.priceHistory(batchId + 100n)).to.deep.equal([]);
  });

  it("poolLeaderboard: members by reduction and by credits allocated, equal to the contract's claims", async () => {
    const { sys, ot, reports } = await loadFixture(historyFixture);
    const board = await ot.history.poolLeaderboard(sys.periodId);
    const period = await sys.pool.getPeriod(sys.periodId);
    const verified = (dev: string) => reports.filter((r) => r.deviceId === dev && r.status === RStatus.Verified).reduce((s, r) => s + co2Of(r.energyWh), 0n);
    const gramsA = verified(sys.devA);
    const gramsB = verified(sys.devB);
    expect([gramsA, gramsB]).to.deep.equal([108_000n, 24_000n]);
    expect(board).to.include({ periodId: sys.periodId, closed: true, method: "Proportional", credits: period.credits, batchId: period.batchId, memberCount: 3 });
    expect(board.totalGrams).to.equal(gramsA + gramsB + 70_000n);
    expect(board.totalGrams).to.equal(period.eligibleGrams);
    // dave was removed: his grams left the period and he is not on the board.
    expect(board.byReduction.map((e) => [e.rank, e.member, e.grams])).to.deep.equal([
      [1, sys.alice.address, gramsA],
      [2, sys.carol.address, 70_000n],
      [3, sys.bob.address, gramsB],
    ]);
    for (const e of board.byReduction) {
      const mp = await sys.pool.getMemberPeriod(sys.periodId, e.member);
      expect([e.grams, e.score, e.eligible]).to.deep.equal([mp.grams, Number(mp.score), true]);
    }
    const aliceClaim = (await sys.pool.getMember(sys.alice.address)).claimedUnits;
    const bobClaim = (await sys.pool.getMember(sys.bob.address)).claimedUnits;
    const carolClaimable = await sys.pool.claimable(sys.periodId, sys.carol.address);
    expect(board.byCredits.map((e) => [e.rank, e.member, e.allocated, e.claimed, e.hasClaimed])).to.deep.equal([
      [1, sys.alice.address, aliceClaim, aliceClaim, true],
      [2, sys.carol.address, carolClaimable, 0n, false],
      [3, sys.bob.address, bobClaim, bobClaim, true],
    ]);
    expect(aliceClaim + bobClaim + carolClaimable <= period.credits).to.equal(true);
    const top1 = await ot.history.poolLeaderboard(sys.periodId, { top: 1 });
    expect(top1.byReduction.map((e) => e.member)).to.deep.equal([sys.alice.address]);
    expect(top1.byCredits.map((e) => e.member)).to.deep.equal([sys.alice.address]);
    await expect(ot.history.poolLeaderboard(sys.periodId, { top: 0 })).to.be.rejectedWith(InvalidArgumentError, /top/);
  });

  it("poolLeaderboard: allocations equal the contract's claimable amounts under every method, with unequal scores", async () => {
    const { sys, ot } = await loadFixture(historyFixture);
    const members = [sys.alice, sys.bob, sys.carol];
    // April–July 2025, one period per method; March (closed in the fixture) gives everyone a history.
    const methods: Array<[name: string, method: number, bps: number]> = [
      ["Proportional", 0, 0],
      ["EqualShare", 1, 0],
      ["PerformanceBased", 2, 0],
      ["Hybrid", 3, 2_500],
    ];
    for (const [i, [name, method, bps]] of methods.entries()) {
      if (method === 1) await sys.pool.connect(sys.manager).setMinContribution(1n); // EqualShare needs a minimum
      await sys.pool.connect(sys.manager).setAllocationMethod(method, bps); // fixed when the period opens
      await sys.pool.connect(sys.manager).openPeriod(Kind.Monthly, utc(2025, 4 + i, 15));
      const periodId = await sys.pool.periodCount();
      for (const [j, m] of members.entries()) await sys.pool.connect(sys.oracle).recordContribution(m.address, periodId, 1_000_003n * BigInt(j + 1) + 7n * BigInt(i));
      await passEnd(sys, periodId);
      await sys.pool.connect(sys.manager).closePeriod(periodId);
      const board = await ot.history.poolLeaderboard(periodId);
      expect(board.method).to.equal(name);
      const scores = new Set(board.byReduction.map((e) => e.score));
      expect(scores.size, `${name}: unequal scores`).to.be.greaterThan(1);
      expect(board.byCredits).to.have.length(3);
      for (const e of board.byCredits) {
        expect(e.allocated, `${name} ${e.member}`).to.equal(await sys.pool.claimable(periodId, e.member));
        expect(e.score).to.equal(Number((await sys.pool.getMemberPeriod(periodId, e.member)).score));
      }
    }
  });

  it("poolLeaderboard of an open period: grams so far, nothing allocated", async () => {
    const sys = await loadFixture(sdkSystem);
    await sys.pool.connect(sys.oracle).recordContribution(sys.bob.address, sys.periodId, 5_000n);
    await sys.pool.connect(sys.oracle).recordContribution(sys.alice.address, sys.periodId, 5_000n);
    await sys.pool.connect(sys.oracle).recordContribution(sys.bob.address, sys.periodId, 1_000n);
    const ot = await OpenTonne.connect(ethers.provider, { addresses: sys.deployment });
    const board = await ot.history.poolLeaderboard(sys.periodId);
    expect(board).to.include({ closed: false, method: undefined, credits: 0n, batchId: 0n, memberCount: 2, totalGrams: 11_000n });
    expect(board.byReduction.map((e) => [e.member, e.grams, e.allocated])).to.deep.equal([
      [sys.bob.address, 6_000n, 0n],
      [sys.alice.address, 5_000n, 0n],
    ]);
    expect(board.byCredits).to.deep.equal([]);
  });

  it("fleetSummary: verified / flagged / pending device-days, energy and CO2 per device and fleet, with filters", async () => {
    const { sys, ot, reports } = await loadFixture(historyFixture);
    const fleet = await ot.history.fleetSummary();
    const totals = (dev: string | undefined, status: number | undefined) => {
      const rs = reports.filter((r) => (dev === undefined || r.deviceId === dev) && (status === undefined || r.status === status));
      return { days: rs.length, energyWh: rs.reduce((s, r) => s + r.energyWh, 0n), co2Grams: rs.reduce((s, r) => s + r.co2Grams, 0n) };
    };
    const expected = (dev: string, owner: string, firstDay: number, lastDay: number) => ({
      deviceId: dev,
      owner,
      verified: totals(dev, RStatus.Verified),
      flagged: totals(dev, RStatus.Flagged),
      pending: totals(dev, RStatus.Pending),
      total: totals(dev, undefined),
      firstDay,
      lastDay,
    });
    const { year, month } = sys;
    const devA = expected(sys.devA, sys.alice.address, dayOf(year, month, 1), dayOf(year, month, 3));
    const devB = expected(sys.devB, sys.bob.address, dayOf(year, month, 1), dayOf(year, month, 2));
    expect(fleet.devices).to.deep.equal([devA, devB].sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1)));
    expect(fleet.verified).to.deep.equal({ days: 3, energyWh: 110_000n, co2Grams: 132_000n });
    expect(fleet.flagged).to.deep.equal(totals(undefined, RStatus.Flagged));
    expect(fleet.pending).to.deep.equal(totals(undefined, RStatus.Pending));
    expect(fleet.total).to.deep.equal(totals(undefined, undefined));

    expect((await ot.history.fleetSummary({ owner: sys.bob.address })).devices).to.deep.equal([devB]);
    expect((await ot.history.fleetSummary({ deviceIds: [sys.devA] })).devices).to.deep.equal([devA]);
    expect((await ot.history.fleetSummary({ deviceIds: [sys.devA, sys.devB] })).devices).to.have.length(2);
    const day2 = await ot.history.fleetSummary({ fromDay: dayOf(year, month, 2), toDay: dayOf(year, month, 2) });
    expect(day2.total.days).to.equal(2);
    expect(day2.devices.map((d) => [d.firstDay, d.lastDay])).to.deep.equal(Array(2).fill([dayOf(year, month, 2), dayOf(year, month, 2)]));
    await expect(ot.history.fleetSummary({ deviceIds: ["0x12"] })).to.be.rejectedWith(InvalidArgumentError, /deviceIds\[0\]/);
  });
});
