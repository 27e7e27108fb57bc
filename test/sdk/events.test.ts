import { expect } from "chai";
import { ethers } from "hardhat";
import { InvalidArgumentError, UnknownAddressError, OpenTonne, type LogPosition, type ProjectStatusChange, type Trade } from "../../sdk";
import { CREDIT } from "../helpers/fixtures";
import { USD, tradingSetup } from "./tradingFixtures";

const FAST = { pollingInterval: 20 };

/** Waits until `check()` is true (polling every 10 ms, at most `ms`). */
async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting for the watcher");
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function now(): Promise<bigint> {
  return BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
}

describe("SDK: event subscriptions, filters, names, ERC-20 helper, address book", () => {
  it("market.watchTrades delivers decoded trades (kind by name) as they are mined, and stops on unsubscribe", async () => {
    const { sys, as } = await tradingSetup();
    const alice = await as(sys.alice);
    const dave = await as(sys.dave);
    const { listingId } = await alice.market.createListing(
      { batchId: sys.b2020a, amount: 100n * CREDIT, pricePerCredit: 10n * USD, paymentToken: sys.usdAddress, expiry: (await now()) + 86_400n },
      { approve: true },
    );
    const seen: Array<Trade & LogPosition> = [];
    const stop = dave.market.watchTrades((t) => seen.push(t), { ...FAST, seller: sys.alice.address });
    await new Promise((r) => setTimeout(r, 50)); // the first poll fixes the starting block
    const listing = await dave.market.getListing(listingId);
    const { hash } = await dave.market.buy(listingId, 2n * CREDIT, listing, { approve: true });
    await until(() => seen.length === 1);
    expect(seen[0]).to.deep.include({ kind: "Listing", refId: listingId, buyer: sys.dave.address, seller: sys.alice.address, amount: 2n * CREDIT, transactionHash: hash });
    expect(seen[0].blockNumber).to.be.a("number");
    stop();
    await dave.market.buy(listingId, CREDIT, listing, { approve: true });
    await new Promise((r) => setTimeout(r, 150));
    expect(seen).to.have.length(1);
  });

  it("registry.watchProjectStatus gives status names; fromBlock replays past events first; retirements are watched too", async () => {
    const { sys, as } = await tradingSetup();
    const registrar = await as(sys.registrar);
    const verifier = await as(sys.verifier);
    const from = await ethers.provider.getBlockNumber();
    const { projectId } = await registrar.registry.registerProject({ owner: sys.alice.address, name: "W", standard: "VCS", methodology: "M", country: "IN" });
    await registrar.registry.addBatch(projectId, { serial: "W-1", vintage: 2024, startDate: 1_704_067_200, endDate: 1_735_603_200, totalSupply: CREDIT });
    await verifier.registry.approveProject(projectId);
    const changes: ProjectStatusChange[] = [];
    const stop = verifier.registry.watchProjectStatus((c) => changes.push(c), { ...FAST, fromBlock: from, projectId });
    await until(() => changes.length === 1);
    expect(changes[0]).to.deep.include({ projectId, from: "Pending", to: "Approved", reason: "" });
    await verifier.registry.suspendProject(projectId, "audit");
    await until(() => changes.length === 2);
    expect(changes[1]).to.deep.include({ from: "Approved", to: "Suspended", reason: "audit" });
    stop();

    const alice = await as(sys.alice);
    const retired: bigint[] = [];
    const stopR = alice.credits.watchRetirements((r) => retired.push(r.amount), { ...FAST, account: sys.alice.address });
    await new Promise((r) => setTimeout(r, 50));
    await alice.credits.retire(sys.b2020a, 3n * CREDIT, { beneficiaryName: "Acme" });
    await until(() => retired.length === 1);
    expect(retired).to.deep.equal([3n * CREDIT]);
    stopR();
    expect(() => alice.credits.watchRetirements(() => undefined, { pollingInterval: 1 })).to.throw(InvalidArgumentError);
  });

  it("findRetirements refuses an unknown filter key; listListings filters by status, batch and seller", async () => {
    const { sys, as } = await tradingSetup();
    const alice = await as(sys.alice);
    const bob = await as(sys.bob);
    const err = await alice.credits.findRetirements({ holder: sys.alice.address } as never).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(InvalidArgumentError);
    expect((err as InvalidArgumentError).argument).to.equal("filter.holder");
    const expiry = (await now()) + 86_400n;
    const base = { amount: CREDIT, pricePerCredit: USD, paymentToken: sys.usdAddress, expiry };
    const a1 = await alice.market.createListing({ ...base, batchId: sys.b2020a }, { approve: true });
    await bob.market.createListing({ ...base, batchId: sys.b2022 }, { approve: true });
    const a2 = await alice.market.createListing({ ...base, batchId: sys.b2022 }, { approve: true });
    await alice.market.cancelListing(a1.listingId);
    const ids = (p: { items: Array<{ id: bigint }> }) => p.items.map((l) => l.id);
    expect(ids(await alice.market.listListings({ seller: sys.alice.address }))).to.deep.equal([1n, 3n]);
    expect(ids(await alice.market.listListings({ status: "Active" }))).to.deep.equal([2n, 3n]);
    expect(ids(await alice.market.listListings({ status: "Active", batchId: sys.b2022, seller: sys.alice.address }))).to.deep.equal([a2.listingId]);
    const paged = await alice.market.listListings({ status: "Active", offset: 1, limit: 1 });
    expect([ids(paged), paged.total]).to.deep.equal([[3n], 2n]);
    expect(await alice.market.listListings({ sellr: sys.alice.address } as never).catch((e: unknown) => e)).to.be.instanceOf(InvalidArgumentError);
    expect(await alice.market.findTrades({ token: sys.usdAddress } as never).catch((e: unknown) => e)).to.be.instanceOf(InvalidArgumentError);
  });

  it("Batch.supplyCap is the issuance cap; credits.circulatingSupply(id) what circulates", async () => {
    const { sys, as } = await tradingSetup();
    const alice = await as(sys.alice);
    const batch = await alice.registry.getBatch(sys.b2020a);
    expect(batch.supplyCap).to.equal(10_000n * CREDIT);
    expect(batch.totalSupply).to.equal(batch.supplyCap);
    expect(await alice.credits.circulatingSupply(sys.b2020a)).to.equal(batch.circulating);
    expect(batch.circulating).to.be.lessThan(batch.supplyCap);
  });

  it("erc20(token) and paymentToken(): balance, allowance, decimals, symbol; the deployment may record its payment token", async () => {
    const { sys, as } = await tradingSetup();
    const carol = await as(sys.carol);
    const usd = carol.erc20(sys.usdAddress);
    expect(await usd.decimals()).to.equal(6);
    expect(await usd.symbol()).to.equal("mUSD");
    expect(await usd.tokenName()).to.equal("Mock USD");
    expect(await usd.balanceOf(sys.carol.address)).to.equal(await sys.usd.balanceOf(sys.carol.address));
    await usd.approve(5n * USD);
    expect(await usd.allowance(sys.carol.address)).to.equal(5n * USD);
    expect(() => carol.paymentToken()).to.throw(UnknownAddressError);
    const withToken = await OpenTonne.connect(sys.carol, { addresses: { ...sys.deployment, paymentToken: sys.usdAddress } });
    expect(await withToken.paymentToken().allowance(sys.carol.address, sys.marketAddress)).to.equal(5n * USD);
  });

  it("connect accepts the chain-keyed address book export-addresses writes, and names a missing chain", async () => {
    const { sys } = await tradingSetup();
    const ot = await OpenTonne.connect(ethers.provider, { addresses: { "1": { ...sys.deployment, registry: sys.deployment.pool }, "31337": sys.deployment } });
    expect(ot.addresses.registry).to.equal(sys.deployment.registry);
    const err = await OpenTonne.connect(ethers.provider, { addresses: { "11155111": sys.deployment } }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(UnknownAddressError);
    expect((err as Error).message).to.match(/no entry for this chain \(it has: 11155111\)/);
  });
});
