/**
 * OT-12 (info): fills of a few grams paid no fee (`floor(cost × bps / 10_000)` rounds to 0), so a trade
 * split into 1 g fills dodged the fee, and a 1 g trade between two accounts set `lastPricePerCredit` to
 * any value. Every trade is now at least MIN_TRADE units (1 kg): listings, tenders and proposals below
 * it are refused, and a listing's minimum fill is raised to it (only the whole remainder may be
 * smaller). `lastPricePerCredit` is documented as a record, not a price oracle.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { CREDIT, USD, createListing, deployMarket, feeDown, tenderInput } from "../market/fixtures";

const KG = 1_000n;

describe("OT-12: tiny fills cannot dodge fees or set the last price", () => {
  it("a 1 g fill of a listing created with minFill 0 reverts MarketplaceBelowMinFill (the floor is MIN_TRADE)", async () => {
    const m = await loadFixture(deployMarket);
    expect(await m.market.MIN_TRADE()).to.equal(KG);
    const listingId = await createListing(m, { minFill: 0n, price: 1_000_000n * USD });
    expect((await m.market.getListing(listingId)).minFill).to.equal(KG);
    await expect(m.market.connect(m.carol).buy(listingId, 1n, 1_000_000n * USD, ethers.MaxUint256))
      .to.be.revertedWithCustomError(m.market, "MarketplaceBelowMinFill")
      .withArgs(listingId, 1n, KG);
    expect((await m.market.marketData(m.batch)).tradeCount).to.equal(0n);
  });

  it("listings, tenders and proposals below MIN_TRADE are refused with MarketplaceBelowMinimumTrade", async () => {
    const m = await loadFixture(deployMarket);
    const expiry = (await ethers.provider.getBlock("latest"))!.timestamp + 86_400;
    await expect(m.market.connect(m.alice).createListing(m.batch, KG - 1n, USD, m.usdAddress, 0n, expiry))
      .to.be.revertedWithCustomError(m.market, "MarketplaceBelowMinimumTrade")
      .withArgs(KG - 1n, KG);
    await expect(m.market.connect(m.carol).createTender(await tenderInput(m, { creditsRequired: 1n })))
      .to.be.revertedWithCustomError(m.market, "MarketplaceBelowMinimumTrade")
      .withArgs(1n, KG);
    await m.market.connect(m.carol).createTender(await tenderInput(m));
    await expect(m.market.connect(m.alice).submitProposal(1n, m.batch, 999n, USD))
      .to.be.revertedWithCustomError(m.market, "MarketplaceBelowMinimumTrade")
      .withArgs(999n, KG);
  });

  it("honest path: a MIN_TRADE fill pays its fee at a 1 USD price; the remainder below it may still be taken", async () => {
    const m = await loadFixture(deployMarket);
    const listingId = await createListing(m, { amount: KG + 500n, minFill: 0n, price: USD });
    const cost = (KG * USD) / CREDIT; // 1,000 units of the 6-decimal token = 0.001 USD
    await expect(m.market.connect(m.carol).buy(listingId, KG, USD, cost))
      .to.emit(m.market, "Trade")
      .withArgs(m.batch, m.carol.address, m.alice.address, m.usdAddress, KG, USD, cost, feeDown(cost, 250n), 1n, listingId);
    expect(feeDown(cost, 250n)).to.be.greaterThan(0n);
    await m.market.connect(m.carol).buy(listingId, 500n, USD, ethers.MaxUint256);
    expect((await m.market.getListing(listingId)).remaining).to.equal(0n);
  });
});
