import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { Status } from "../helpers/fixtures";
import {
  CREDIT,
  LISTING_CREDITS,
  LISTING_MIN_FILL,
  LISTING_PRICE,
  ListingStatus,
  TradeKind,
  USD,
  costUp,
  createListing,
  deployMarket,
  feeDown,
} from "./fixtures";

/** A fresh market with one default listing by alice. */
async function withListing() {
  const m = await deployMarket();
  const listingId = await createListing(m);
  return { ...m, listingId };
}

/**
 * An expiry 1,000 s after the chain's present. A block first: after loadFixture's revert the latest
 * block is the snapshot's, while the next block's time follows the clock, so on a slow run (coverage
 * beside other work) "latest + 1,000 s" could already be in the past.
 */
async function soon(): Promise<bigint> {
  await mine();
  return BigInt(await time.latest()) + 1000n;
}

describe("CreditMarketplace: direct listings", () => {
  describe("createListing", () => {
    it("escrows the credits, stores the listing and emits ListingCreated", async () => {
      const m = await loadFixture(deployMarket);
      const expiry = await soon();
      const tx = m.market
        .connect(m.alice)
        .createListing(m.batch, LISTING_CREDITS, LISTING_PRICE, m.usdAddress, LISTING_MIN_FILL, expiry);
      await expect(tx)
        .to.emit(m.market, "ListingCreated")
        .withArgs(1n, m.alice.address, m.batch, m.usdAddress, LISTING_CREDITS, LISTING_PRICE, LISTING_MIN_FILL, expiry);
      await expect(tx)
        .to.emit(m.credits, "TransferSingle")
        .withArgs(m.marketAddress, m.alice.address, m.marketAddress, m.batch, LISTING_CREDITS);
      const l = await m.market.getListing(1n);
      expect([l.seller, l.status, l.remaining, l.amount, l.pricePerCredit, l.minFill, l.expiry, l.feeBps]).to.deep.equal([
        m.alice.address,
        ListingStatus.Active,
        LISTING_CREDITS,
        LISTING_CREDITS,
        LISTING_PRICE,
        LISTING_MIN_FILL,
        expiry,
        await m.market.feeBps(),
      ]);
      expect(await m.market.listingCount()).to.equal(1n);
    });

    it("rejects bad input: token, amount, price, min fill, expiry", async () => {
      const m = await loadFixture(deployMarket);
      const max = await m.market.MAX_VALUE();
      const expiry = await soon();
      const list = (amount: bigint, price: bigint, token: string, minFill: bigint, exp: bigint) =>
        m.market.connect(m.alice).createListing(m.batch, amount, price, token, minFill, exp);
      await expect(list(CREDIT, USD, m.alice.address, 0n, expiry))
        .to.be.revertedWithCustomError(m.market, "MarketplacePaymentTokenNotAllowed")
        .withArgs(m.alice.address);
      await expect(list(0n, USD, m.usdAddress, 0n, expiry)).to.be.revertedWithCustomError(m.market, "MarketplaceZeroAmount");
      await expect(list(max + 1n, USD, m.usdAddress, 0n, expiry))
        .to.be.revertedWithCustomError(m.market, "MarketplaceValueTooLarge")
        .withArgs(max + 1n, max);
      await expect(list(CREDIT, 0n, m.usdAddress, 0n, expiry)).to.be.revertedWithCustomError(m.market, "MarketplaceZeroPrice");
      await expect(list(CREDIT, USD, m.usdAddress, CREDIT + 1n, expiry))
        .to.be.revertedWithCustomError(m.market, "MarketplaceInvalidMinFill")
        .withArgs(CREDIT + 1n, CREDIT);
      const now = BigInt(await time.latest());
      await time.setNextBlockTimestamp(now + 1n);
      await expect(list(CREDIT, USD, m.usdAddress, 0n, now))
        .to.be.revertedWithCustomError(m.market, "MarketplaceInvalidDeadline")
        .withArgs(now, now + 1n, now + 1n + (await m.market.MAX_DURATION()));
    });

    it("refuses credits of a suspended or deactivated project, and an unknown batch", async () => {
      const m = await loadFixture(deployMarket);
      await expect(createListing(m, { batchId: 99n })).to.be.revertedWithCustomError(m.registry, "RegistryUnknownBatch").withArgs(99n);
      await m.registry.connect(m.verifier).suspendProject(m.projectId, "audit");
      await expect(createListing(m))
        .to.be.revertedWithCustomError(m.market, "MarketplaceProjectNotApproved")
        .withArgs(m.projectId, Status.Suspended);
      await m.registry.connect(m.verifier).deactivateProject(m.projectId, "closed");
      await expect(createListing(m))
        .to.be.revertedWithCustomError(m.market, "MarketplaceProjectNotApproved")
        .withArgs(m.projectId, Status.Deactivated);
    });

    it("fails with ERC1155InsufficientBalance when the seller lacks the credits", async () => {
      const m = await loadFixture(deployMarket);
      const held = await m.credits.balanceOf(m.alice.address, m.batch);
      await expect(createListing(m, { amount: held + 1n, minFill: 0n }))
        .to.be.revertedWithCustomError(m.credits, "ERC1155InsufficientBalance")
        .withArgs(m.alice.address, held, held + 1n, m.batch);
    });
  });

  describe("buy", () => {
    it("property 12: charges cost = ceil(amount × price / 1e6), fee = floor(cost × feeBps / 10000), pays cost − fee", async () => {
      const m = await loadFixture(withListing);
      const amount = 7_654_321n; // 7.654321 credits: the cost is fractional
      const cost = costUp(amount, LISTING_PRICE);
      const fee = feeDown(cost, await m.market.feeBps());
      // Rounded up to the smallest unit: cost ≥ the exact value > cost − 1.
      expect(cost * CREDIT >= amount * LISTING_PRICE && (cost - 1n) * CREDIT < amount * LISTING_PRICE).to.equal(true);
      const q = await m.market.quoteBuy(m.listingId, amount);
      expect([q.cost, q.fee, q.sellerProceeds, q.refund]).to.deep.equal([cost, fee, cost - fee, 0n]);

      const tx = m.market.connect(m.carol).buy(m.listingId, amount, LISTING_PRICE, cost);
      await expect(tx).to.changeTokenBalances(m.usd, [m.carol, m.alice, m.market], [-cost, cost - fee, fee]);
      await expect(tx)
        .to.emit(m.market, "Trade")
        .withArgs(m.batch, m.carol.address, m.alice.address, m.usdAddress, amount, LISTING_PRICE, cost, fee, TradeKind.Listing, m.listingId);
      await expect(tx).to.emit(m.market, "ListingFilled").withArgs(m.listingId, m.carol.address, amount, LISTING_CREDITS - amount);
      expect(await m.credits.balanceOf(m.carol.address, m.batch)).to.equal(amount);
      expect(await m.market.accruedFees(m.usdAddress)).to.equal(fee);
      expect((await m.market.getListing(m.listingId)).remaining).to.equal(LISTING_CREDITS - amount);
    });

    it("fills partially, then the whole remainder even below the minimum fill, then is SoldOut", async () => {
      const m = await loadFixture(withListing);
      await m.market.connect(m.carol).buy(m.listingId, LISTING_CREDITS - 2n * CREDIT, LISTING_PRICE, ethers.MaxUint256);
      // 2 credits < min fill 5, but it is the whole remainder.
      await m.market.connect(m.dave).buy(m.listingId, 2n * CREDIT, LISTING_PRICE, ethers.MaxUint256);
      const l = await m.market.getListing(m.listingId);
      expect(l.status).to.equal(ListingStatus.SoldOut);
      expect(l.remaining).to.equal(0n);
      await expect(m.market.connect(m.carol).buy(m.listingId, CREDIT, LISTING_PRICE, ethers.MaxUint256))
        .to.be.revertedWithCustomError(m.market, "MarketplaceListingNotActive")
        .withArgs(m.listingId, ListingStatus.SoldOut);
      const md = await m.market.marketData(m.batch);
      expect([md.volume, md.tradeCount, md.lastPricePerCredit]).to.deep.equal([LISTING_CREDITS, 2n, LISTING_PRICE]);
      expect(await m.market.tradedValue(m.batch, m.usdAddress)).to.equal(
        costUp(LISTING_CREDITS - 2n * CREDIT, LISTING_PRICE) + costUp(2n * CREDIT, LISTING_PRICE),
      );
    });

    it("rejects every bad fill with its error", async () => {
      const m = await loadFixture(withListing);
      const buy = (amount: bigint, price: bigint = LISTING_PRICE, max: bigint = ethers.MaxUint256) =>
        m.market.connect(m.carol).buy(m.listingId, amount, price, max);
      await expect(m.market.connect(m.carol).buy(99n, CREDIT, LISTING_PRICE, 0n))
        .to.be.revertedWithCustomError(m.market, "MarketplaceUnknownListing")
        .withArgs(99n);
      await expect(m.market.connect(m.alice).buy(m.listingId, LISTING_MIN_FILL, LISTING_PRICE, ethers.MaxUint256))
        .to.be.revertedWithCustomError(m.market, "MarketplaceSelfTrade")
        .withArgs(m.alice.address);
      await expect(buy(0n)).to.be.revertedWithCustomError(m.market, "MarketplaceZeroAmount");
      await expect(buy(LISTING_CREDITS + 1n))
        .to.be.revertedWithCustomError(m.market, "MarketplaceAmountAboveRemaining")
        .withArgs(m.listingId, LISTING_CREDITS + 1n, LISTING_CREDITS);
      await expect(buy(LISTING_MIN_FILL - 1n))
        .to.be.revertedWithCustomError(m.market, "MarketplaceBelowMinFill")
        .withArgs(m.listingId, LISTING_MIN_FILL - 1n, LISTING_MIN_FILL);
      await expect(buy(LISTING_MIN_FILL, LISTING_PRICE - 1n))
        .to.be.revertedWithCustomError(m.market, "MarketplaceTermsMismatch")
        .withArgs(LISTING_PRICE - 1n, LISTING_PRICE, LISTING_MIN_FILL, LISTING_MIN_FILL);
      const cost = costUp(LISTING_MIN_FILL, LISTING_PRICE);
      await expect(buy(LISTING_MIN_FILL, LISTING_PRICE, cost - 1n))
        .to.be.revertedWithCustomError(m.market, "MarketplaceMaxCostExceeded")
        .withArgs(cost, cost - 1n);
      await m.market.connect(m.marketAdmin).setPaymentToken(m.usdAddress, false);
      await expect(buy(LISTING_MIN_FILL))
        .to.be.revertedWithCustomError(m.market, "MarketplacePaymentTokenNotAllowed")
        .withArgs(m.usdAddress);
    });

    it("accepts a fill one second before expiry and refuses one exactly at it (status Expired)", async () => {
      const m = await loadFixture(withListing);
      const expiry = (await m.market.getListing(m.listingId)).expiry;
      await time.setNextBlockTimestamp(expiry - 1n);
      await m.market.connect(m.carol).buy(m.listingId, LISTING_MIN_FILL, LISTING_PRICE, ethers.MaxUint256);
      await time.setNextBlockTimestamp(expiry);
      await expect(m.market.connect(m.carol).buy(m.listingId, LISTING_MIN_FILL, LISTING_PRICE, ethers.MaxUint256))
        .to.be.revertedWithCustomError(m.market, "MarketplaceListingExpired")
        .withArgs(m.listingId, expiry);
      expect((await m.market.getListing(m.listingId)).status).to.equal(ListingStatus.Expired);
    });

    it("fails with the token's error when the buyer cannot pay, and changes nothing", async () => {
      const m = await loadFixture(withListing);
      await expect(m.market.connect(m.outsider).buy(m.listingId, LISTING_MIN_FILL, LISTING_PRICE, ethers.MaxUint256)).to.be.revertedWithCustomError(
        m.usd,
        "ERC20InsufficientAllowance",
      );
      expect((await m.market.getListing(m.listingId)).remaining).to.equal(LISTING_CREDITS);
      expect((await m.market.marketData(m.batch)).tradeCount).to.equal(0n);
    });
  });

  describe("cancelListing", () => {
    it("returns the unsold credits to the seller, marks it Cancelled and emits ListingCancelled", async () => {
      const m = await loadFixture(withListing);
      await m.market.connect(m.carol).buy(m.listingId, 10n * CREDIT, LISTING_PRICE, ethers.MaxUint256);
      const tx = m.market.connect(m.alice).cancelListing(m.listingId);
      await expect(tx).to.emit(m.market, "ListingCancelled").withArgs(m.listingId, m.alice.address, LISTING_CREDITS - 10n * CREDIT);
      await expect(tx)
        .to.emit(m.credits, "TransferSingle")
        .withArgs(m.marketAddress, m.marketAddress, m.alice.address, m.batch, LISTING_CREDITS - 10n * CREDIT);
      const l = await m.market.getListing(m.listingId);
      expect([l.status, l.remaining]).to.deep.equal([ListingStatus.Cancelled, 0n]);
    });

    it("works after expiry and while paused", async () => {
      const m = await loadFixture(withListing);
      await time.increaseTo((await m.market.getListing(m.listingId)).expiry + 1n);
      await m.market.connect(m.pauser).pause();
      await m.market.connect(m.alice).cancelListing(m.listingId);
      expect(await m.credits.balanceOf(m.marketAddress, m.batch)).to.equal(0n);
    });

    it("rejects unknown listings, other callers and a second cancel", async () => {
      const m = await loadFixture(withListing);
      await expect(m.market.connect(m.alice).cancelListing(99n)).to.be.revertedWithCustomError(m.market, "MarketplaceUnknownListing").withArgs(99n);
      await expect(m.market.connect(m.bob).cancelListing(m.listingId))
        .to.be.revertedWithCustomError(m.market, "MarketplaceNotListingSeller")
        .withArgs(m.listingId, m.bob.address);
      await m.market.connect(m.alice).cancelListing(m.listingId);
      await expect(m.market.connect(m.alice).cancelListing(m.listingId))
        .to.be.revertedWithCustomError(m.market, "MarketplaceListingNotActive")
        .withArgs(m.listingId, ListingStatus.Cancelled);
    });
  });

  describe("views", () => {
    it("getListing and quoteBuy revert for unknown listings; marketData is zero for an untraded batch", async () => {
      const m = await loadFixture(withListing);
      await expect(m.market.getListing(99n)).to.be.revertedWithCustomError(m.market, "MarketplaceUnknownListing").withArgs(99n);
      await expect(m.market.quoteBuy(99n, CREDIT)).to.be.revertedWithCustomError(m.market, "MarketplaceUnknownListing").withArgs(99n);
      const md = await m.market.marketData(m.otherBatch);
      expect([md.volume, md.tradeCount, md.lastTradeAt, md.lastPricePerCredit]).to.deep.equal([0n, 0n, 0n, 0n]);
    });

    it("market data follows the last trade and sums volume across listings of different sellers", async () => {
      const m = await loadFixture(withListing);
      const second = await createListing(m, { price: 20n * USD }, m.bob);
      await m.market.connect(m.carol).buy(m.listingId, 5n * CREDIT, LISTING_PRICE, ethers.MaxUint256);
      await m.market.connect(m.dave).buy(second, 6n * CREDIT, 20n * USD, ethers.MaxUint256);
      const md = await m.market.marketData(m.batch);
      expect([md.lastPricePerCredit, md.volume, md.tradeCount, md.lastTradeAt]).to.deep.equal([
        20n * USD,
        11n * CREDIT,
        2n,
        BigInt(await time.latest()),
      ]);
    });
  });
});
