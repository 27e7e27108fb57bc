import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { HookedERC20, MarketActorMock } from "../../typechain-types";
import {
  BUYER_USD,
  CREDIT,
  LISTING_PRICE,
  ProposalStatus,
  TenderStatus,
  USD,
  costUp,
  createListing,
  deployMarket,
  submit,
  tenderInput,
  type Market,
} from "./fixtures";

const Mode = { Accept: 0, Reject: 1, Reenter: 2 } as const;

/** A market plus a contract buyer (MarketActorMock) funded with stablecoin that approved the marketplace. */
async function withContractBuyer() {
  const m = await deployMarket();
  const actor = await ethers.deployContract("MarketActorMock");
  const actorAddress = await actor.getAddress();
  await m.usd.mint(actorAddress, BUYER_USD);
  await actor.execute(m.usdAddress, m.usd.interface.encodeFunctionData("approve", [m.marketAddress, ethers.MaxUint256]));
  await actor.execute(m.marketAddress, m.market.interface.encodeFunctionData("createTender", [await tenderInput(m)]));
  const tenderId = await m.market.tenderCount();
  const proposalId = await submit(m, m.alice, tenderId, 10n * CREDIT, 10n * USD);
  const other = await submit(m, m.bob, tenderId, 20n * CREDIT, 11n * USD);
  return { ...m, actor, actorAddress, tenderId, proposalId, other };
}

/** A market whose tender by carol is paid in a hooked (malicious) token, with one proposal by alice. */
async function withHookedToken() {
  const m = await deployMarket();
  const token = await ethers.deployContract("HookedERC20");
  const tokenAddress = await token.getAddress();
  await m.market.connect(m.marketAdmin).setPaymentToken(tokenAddress, true);
  for (const buyer of [m.carol, m.dave]) {
    await token.mint(buyer.address, BUYER_USD);
    await token.connect(buyer).approve(m.marketAddress, ethers.MaxUint256);
  }
  await m.market.connect(m.carol).createTender(await tenderInput(m, { paymentToken: tokenAddress }));
  const tenderId = await m.market.tenderCount();
  const proposalId = await submit(m, m.alice, tenderId, 10n * CREDIT, 10n * USD);
  const other = await submit(m, m.bob, tenderId, 20n * CREDIT, 11n * USD);
  return { ...m, token, tokenAddress, tenderId, proposalId, other };
}

/** Everything an award could change, to prove a failed award changed nothing (property 10). */
async function snapshot(m: Market, token: { balanceOf(a: string): Promise<bigint> }, accounts: string[], tenderId: bigint, proposalIds: bigint[]) {
  const addresses = [...accounts, m.marketAddress];
  return {
    tokens: await Promise.all(addresses.map((a) => token.balanceOf(a))),
    credits: await Promise.all(addresses.map((a) => m.credits.balanceOf(a, m.batch))),
    tender: (await m.market.getTender(tenderId)).toString(),
    proposals: await Promise.all(proposalIds.map(async (id) => (await m.market.getProposal(id)).toString())),
    fees: await m.market.accruedFees(await (token as unknown as { getAddress(): Promise<string> }).getAddress()),
    market: (await m.market.marketData(m.batch)).toString(),
  };
}

async function awardVia(actor: MarketActorMock, m: Market, tenderId: bigint, proposalId: bigint) {
  const p = await m.market.getProposal(proposalId);
  return actor.execute(
    m.marketAddress,
    m.market.interface.encodeFunctionData("awardTender", [tenderId, proposalId, p.pricePerCredit, p.amount, ethers.MaxUint256]),
  );
}

describe("CreditMarketplace: atomicity, re-entrancy, hostile tokens", () => {
  describe("property 10: award atomicity — a failing leg leaves nothing changed", () => {
    it("property 10: a buyer contract whose ERC-1155 hook reverts: the award reverts and every balance and status is unchanged", async () => {
      const m = await loadFixture(withContractBuyer);
      await m.actor.setMode(Mode.Reject, ethers.ZeroAddress, "0x");
      const accounts = [m.actorAddress, m.alice.address, m.bob.address];
      const before = await snapshot(m, m.usd, accounts, m.tenderId, [m.proposalId, m.other]);
      await expect(awardVia(m.actor, m, m.tenderId, m.proposalId))
        .to.be.revertedWithCustomError(m.actor, "MarketActorRejects")
        .withArgs(m.batch, 10n * CREDIT);
      expect(await snapshot(m, m.usd, accounts, m.tenderId, [m.proposalId, m.other])).to.deep.equal(before);
      expect(await m.market.tenderStatus(m.tenderId)).to.equal(TenderStatus.Open);
      // No funds are stuck: the buyer cancels and gets the whole budget back; sellers reclaim.
      await m.actor.execute(m.marketAddress, m.market.interface.encodeFunctionData("cancelTender", [m.tenderId]));
      await m.market.reclaimProposal(m.proposalId);
      expect(await m.usd.balanceOf(m.actorAddress)).to.equal(BUYER_USD);
    });

    it("property 10: a payment token that blocks the seller: the award reverts and nothing changes; another proposal can still win", async () => {
      const m = await loadFixture(withHookedToken);
      await m.token.setBlocked(m.alice.address, true);
      const accounts = [m.carol.address, m.alice.address, m.bob.address];
      const before = await snapshot(m, m.token, accounts, m.tenderId, [m.proposalId, m.other]);
      await expect(m.market.connect(m.carol).awardTender(m.tenderId, m.proposalId, 10n * USD, 10n * CREDIT, ethers.MaxUint256))
        .to.be.revertedWithCustomError(m.token, "HookedERC20Blocked")
        .withArgs(m.alice.address);
      expect(await snapshot(m, m.token, accounts, m.tenderId, [m.proposalId, m.other])).to.deep.equal(before);
      expect((await m.market.getProposal(m.proposalId)).status).to.equal(ProposalStatus.Pending);
      // The other proposal can still win.
      await m.market.connect(m.carol).awardTender(m.tenderId, m.other, 11n * USD, 20n * CREDIT, ethers.MaxUint256);
      expect(await m.credits.balanceOf(m.carol.address, m.batch)).to.equal(20n * CREDIT);
    });

    it("a buy by a contract that rejects the credits reverts and leaves the listing, payment and fees unchanged", async () => {
      const m = await loadFixture(withContractBuyer);
      const listingId = await createListing(m, {}, m.bob);
      await m.actor.setMode(Mode.Reject, ethers.ZeroAddress, "0x");
      const before = await snapshot(m, m.usd, [m.actorAddress, m.bob.address], m.tenderId, []);
      const remaining = (await m.market.getListing(listingId)).remaining;
      await expect(
        m.actor.execute(m.marketAddress, m.market.interface.encodeFunctionData("buy", [listingId, 10n * CREDIT, LISTING_PRICE, ethers.MaxUint256])),
      ).to.be.revertedWithCustomError(m.actor, "MarketActorRejects");
      expect(await snapshot(m, m.usd, [m.actorAddress, m.bob.address], m.tenderId, [])).to.deep.equal(before);
      expect((await m.market.getListing(listingId)).remaining).to.equal(remaining);
    });
  });

  describe("property 13: re-entrancy is blocked", () => {
    it("property 13: through the ERC-1155 receiver hook, a buyer re-entering cancelTender during its award is stopped", async () => {
      const m = await loadFixture(withContractBuyer);
      // After receiving the credits, try to also take the whole budget back.
      await m.actor.setMode(Mode.Reenter, m.marketAddress, m.market.interface.encodeFunctionData("cancelTender", [m.tenderId]));
      const before = await snapshot(m, m.usd, [m.actorAddress, m.alice.address], m.tenderId, [m.proposalId]);
      await expect(awardVia(m.actor, m, m.tenderId, m.proposalId)).to.be.revertedWithCustomError(
        m.market,
        "ReentrancyGuardReentrantCall",
      );
      expect(await snapshot(m, m.usd, [m.actorAddress, m.alice.address], m.tenderId, [m.proposalId])).to.deep.equal(before);
      // With an honest hook the same award goes through.
      await m.actor.setMode(Mode.Accept, ethers.ZeroAddress, "0x");
      await awardVia(m.actor, m, m.tenderId, m.proposalId);
      expect(await m.credits.balanceOf(m.actorAddress, m.batch)).to.equal(10n * CREDIT);
    });

    it("through the ERC-1155 receiver hook: a buyer re-entering buy during a fill is stopped", async () => {
      const m = await loadFixture(withContractBuyer);
      const listingId = await createListing(m, {}, m.bob);
      const again = m.market.interface.encodeFunctionData("buy", [listingId, 10n * CREDIT, LISTING_PRICE, ethers.MaxUint256]);
      await m.actor.setMode(Mode.Reenter, m.marketAddress, again);
      await expect(m.actor.execute(m.marketAddress, again)).to.be.revertedWithCustomError(m.market, "ReentrancyGuardReentrantCall");
      expect((await m.market.marketData(m.batch)).tradeCount).to.equal(0n);
    });

    it("property 13: through a malicious payment token, re-entering any token-moving function during an award is stopped", async () => {
      const m = await loadFixture(withHookedToken);
      const accounts = [m.carol.address, m.alice.address, m.bob.address];
      const iface = m.market.interface;
      const expiry = (await m.market.getTender(m.tenderId)).deadline;
      for (const data of [
        iface.encodeFunctionData("reclaimProposal", [m.other]),
        iface.encodeFunctionData("withdrawProposal", [m.other]),
        iface.encodeFunctionData("withdrawFees", [m.tokenAddress]),
        iface.encodeFunctionData("cancelTender", [m.tenderId]),
        iface.encodeFunctionData("releaseTender", [m.tenderId]),
        iface.encodeFunctionData("awardTender", [m.tenderId, m.other, 11n * USD, 20n * CREDIT, ethers.MaxUint256]),
        iface.encodeFunctionData("createTender", [await tenderInput(m, { paymentToken: m.tokenAddress })]),
        iface.encodeFunctionData("submitProposal", [m.tenderId, m.batch, CREDIT, USD]),
        iface.encodeFunctionData("createListing", [m.batch, CREDIT, USD, m.tokenAddress, 0n, expiry]),
        iface.encodeFunctionData("buy", [1n, CREDIT, USD, ethers.MaxUint256]),
        iface.encodeFunctionData("cancelListing", [1n]),
      ]) {
        await m.token.setHook(m.marketAddress, data);
        const before = await snapshot(m, m.token, accounts, m.tenderId, [m.proposalId, m.other]);
        await expect(
          m.market.connect(m.carol).awardTender(m.tenderId, m.proposalId, 10n * USD, 10n * CREDIT, ethers.MaxUint256),
        ).to.be.revertedWithCustomError(m.market, "ReentrancyGuardReentrantCall");
        expect(await snapshot(m, m.token, accounts, m.tenderId, [m.proposalId, m.other])).to.deep.equal(before);
      }
    });

    it("through a malicious payment token: re-entering during the payment pull of a buy or a tender is stopped", async () => {
      const m = await loadFixture(withHookedToken);
      const listingId = await createListing(m, { token: m.tokenAddress }, m.bob);
      await m.token.setHook(
        m.marketAddress,
        m.market.interface.encodeFunctionData("cancelListing", [listingId]),
      );
      await expect(m.market.connect(m.dave).buy(listingId, 10n * CREDIT, LISTING_PRICE, ethers.MaxUint256)).to.be.revertedWithCustomError(
        m.market,
        "ReentrancyGuardReentrantCall",
      );
      await expect(m.market.connect(m.dave).createTender(await tenderInput(m, { paymentToken: m.tokenAddress }))).to.be.revertedWithCustomError(
        m.market,
        "ReentrancyGuardReentrantCall",
      );
      expect((await m.market.getListing(listingId)).remaining).to.equal((await m.market.getListing(listingId)).amount);
    });
  });

  describe("fee-on-transfer tokens", () => {
    async function withFeeToken() {
      const m = await deployMarket();
      const fot = await ethers.deployContract("FeeOnTransferERC20");
      const fotAddress = await fot.getAddress();
      await m.market.connect(m.marketAdmin).setPaymentToken(fotAddress, true);
      await fot.mint(m.carol.address, BUYER_USD);
      await fot.connect(m.carol).approve(m.marketAddress, ethers.MaxUint256);
      return { ...m, fot, fotAddress };
    }

    async function shortfall(fot: { FEE_BPS(): Promise<bigint> }, amount: bigint): Promise<bigint> {
      return amount - (amount * (await fot.FEE_BPS())) / 10_000n;
    }

    it("a tender budget paid in a fee-on-transfer token is rejected with MarketplaceShortPayment", async () => {
      const m = await loadFixture(withFeeToken);
      const input = await tenderInput(m, { paymentToken: m.fotAddress });
      const budget = costUp(BigInt(input.creditsRequired), BigInt(input.maxPricePerCredit));
      await expect(m.market.connect(m.carol).createTender(input))
        .to.be.revertedWithCustomError(m.market, "MarketplaceShortPayment")
        .withArgs(m.fotAddress, budget, await shortfall(m.fot, budget));
      expect(await m.market.tenderCount()).to.equal(0n);
    });

    it("a listing fill paid in a fee-on-transfer token is rejected with MarketplaceShortPayment", async () => {
      const m = await loadFixture(withFeeToken);
      const listingId = await createListing(m, { token: m.fotAddress });
      const cost = costUp(10n * CREDIT, LISTING_PRICE);
      await expect(m.market.connect(m.carol).buy(listingId, 10n * CREDIT, LISTING_PRICE, ethers.MaxUint256))
        .to.be.revertedWithCustomError(m.market, "MarketplaceShortPayment")
        .withArgs(m.fotAddress, cost, await shortfall(m.fot, cost));
      expect((await m.market.getListing(listingId)).remaining).to.equal((await m.market.getListing(listingId)).amount);
    });
  });

  it("no native ETH: the marketplace has no payable entry and refuses plain ETH transfers", async () => {
    const m = await loadFixture(deployMarket);
    const signer: HardhatEthersSigner = m.carol;
    await expect(signer.sendTransaction({ to: m.marketAddress, value: 1n })).to.be.reverted;
    expect(await ethers.provider.getBalance(m.marketAddress)).to.equal(0n);
  });
});
