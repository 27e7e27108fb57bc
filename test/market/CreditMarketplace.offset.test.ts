/**
 * Offset in one step (issue 17): `buyAndRetire` and `awardTenderAndRetire` settle exactly as `buy` /
 * `awardTender` (same quote, payment, fee, refund) but retire the escrowed credits for the buyer: nothing
 * reaches the buyer's balance or stays with the marketplace, and the retirement record names the buyer,
 * carries the details and links the trade.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { ROLES, Status } from "../helpers/fixtures";
import {
  BUYER_USD,
  CREDIT,
  LISTING_PRICE,
  USD,
  TradeKind,
  costUp,
  createListing,
  createTender,
  deployMarket,
  feeDown,
  submit,
  tenderInput,
  type Market,
} from "./fixtures";

const Source = { Direct: 0n, ListingFill: 1n, TenderAward: 2n, PoolClaim: 3n } as const;
const FILL = 5n * CREDIT;

function details(beneficiary: string) {
  return {
    beneficiary,
    beneficiaryName: "Acme Textiles Pvt Ltd",
    reason: "offset claim: FY2026 scope 2",
    referenceId: "INV-2026-0042",
    consumptionCountry: "IN",
  };
}

/** What every party holds that a trade can change. */
async function snapshot(m: Market, buyer: HardhatEthersSigner) {
  return {
    buyerUsd: await m.usd.balanceOf(buyer.address),
    sellerUsd: await m.usd.balanceOf(m.alice.address),
    marketUsd: await m.usd.balanceOf(m.marketAddress),
    fees: await m.market.accruedFees(m.usdAddress),
    marketCredits: await m.credits.balanceOf(m.marketAddress, m.batch),
    buyerCredits: await m.credits.balanceOf(buyer.address, m.batch),
    supply: await m.credits.totalSupply(m.batch),
  };
}

async function listed() {
  const m = await deployMarket();
  const listingId = await createListing(m);
  return { ...m, listingId };
}

async function tenders() {
  const m = await deployMarket();
  const plain = await createTender(m);
  const plainP = await submit(m, m.alice, plain, 10n * CREDIT, 12n * USD);
  const retire = await createTender(m, { retireOnAward: true });
  const retireP = await submit(m, m.alice, retire, 10n * CREDIT, 12n * USD);
  return { ...m, plain, plainP, retire, retireP };
}

describe("CreditMarketplace: offset in one step", () => {
  describe("buyAndRetire", () => {
    it("moves payment and fee exactly as buy; the credits are retired, not held by buyer or marketplace", async () => {
      const m = await loadFixture(listed);
      const before = await snapshot(m, m.carol);
      await m.market.connect(m.dave).buy(m.listingId, FILL, LISTING_PRICE, ethers.MaxUint256);
      const afterBuy = await snapshot(m, m.carol);
      const cost = costUp(FILL, LISTING_PRICE);
      const fee = feeDown(cost, 250n);
      const d = details(m.bob.address);
      const [quotedCost, retirementId] = await m.market
        .connect(m.carol)
        .buyAndRetire.staticCall(m.listingId, FILL, LISTING_PRICE, cost, d);
      expect([quotedCost, retirementId]).to.deep.equal([cost, 1n]);
      const tx = m.market.connect(m.carol).buyAndRetire(m.listingId, FILL, LISTING_PRICE, cost, d);
      await expect(tx)
        .to.emit(m.market, "Trade")
        .withArgs(m.batch, m.carol.address, m.alice.address, m.usdAddress, FILL, LISTING_PRICE, cost, fee, TradeKind.Listing, m.listingId);
      await expect(tx)
        .to.emit(m.credits, "Retired")
        .withArgs(1n, m.carol.address, m.bob.address, m.marketAddress, FILL, [m.batch], [FILL], Object.values(d), [
          Source.ListingFill,
          m.listingId,
          2n, // the batch's second trade (dave's buy was the first)
        ]);
      await expect(tx).to.emit(m.credits, "TransferSingle").withArgs(m.marketAddress, m.marketAddress, ethers.ZeroAddress, m.batch, FILL);
      const after = await snapshot(m, m.carol);
      // Payment and fee: the same deltas as dave's plain buy.
      expect(after.buyerUsd - afterBuy.buyerUsd).to.equal(-cost);
      expect(after.sellerUsd - afterBuy.sellerUsd).to.equal(afterBuy.sellerUsd - before.sellerUsd);
      expect(after.fees - afterBuy.fees).to.equal(afterBuy.fees - before.fees);
      expect(after.fees - afterBuy.fees).to.equal(fee);
      expect(after.marketUsd - afterBuy.marketUsd).to.equal(fee);
      // Credits: out of escrow exactly as a buy, into retirement — the buyer never holds them.
      expect(after.marketCredits - afterBuy.marketCredits).to.equal(-FILL);
      expect(after.buyerCredits).to.equal(0n);
      expect(after.supply).to.equal(afterBuy.supply - FILL);
      expect((await m.registry.getBatch(m.batch)).retired).to.equal(FILL);
      const r = await m.credits.getRetirement(1n);
      expect([r.account, r.beneficiary, r.amount]).to.deep.equal([m.carol.address, m.bob.address, FILL]);
      expect((await m.market.getListing(m.listingId)).remaining).to.equal(50n * CREDIT - 2n * FILL);
      expect((await m.market.marketData(m.batch)).tradeCount).to.equal(2n);
    });

    it("keeps buy's rules: slippage cap, echoed price, min fill, pauses of either contract, project status", async () => {
      const m = await loadFixture(listed);
      const d = details(m.carol.address);
      const cost = costUp(FILL, LISTING_PRICE);
      const buyer = m.market.connect(m.carol);
      await expect(buyer.buyAndRetire(m.listingId, FILL, LISTING_PRICE, cost - 1n, d))
        .to.be.revertedWithCustomError(m.market, "MarketplaceMaxCostExceeded")
        .withArgs(cost, cost - 1n);
      await expect(buyer.buyAndRetire(m.listingId, FILL, LISTING_PRICE + 1n, cost, d)).to.be.revertedWithCustomError(
        m.market,
        "MarketplaceTermsMismatch",
      );
      await expect(buyer.buyAndRetire(m.listingId, CREDIT, LISTING_PRICE, cost, d)).to.be.revertedWithCustomError(
        m.market,
        "MarketplaceBelowMinFill",
      );
      await expect(m.market.connect(m.alice).buyAndRetire(m.listingId, FILL, LISTING_PRICE, cost, d)).to.be.revertedWithCustomError(
        m.market,
        "MarketplaceSelfTrade",
      );
      await m.market.connect(m.pauser).pause();
      await expect(buyer.buyAndRetire(m.listingId, FILL, LISTING_PRICE, cost, d)).to.be.revertedWithCustomError(m.market, "EnforcedPause");
      await m.market.connect(m.pauser).unpause();
      await m.credits.connect(m.pauser).pause();
      await expect(buyer.buyAndRetire(m.listingId, FILL, LISTING_PRICE, cost, d)).to.be.revertedWithCustomError(m.market, "EnforcedPause");
      await m.credits.connect(m.pauser).unpause();
      await m.registry.connect(m.verifier).suspendProject(m.projectId, "audit");
      await expect(buyer.buyAndRetire(m.listingId, FILL, LISTING_PRICE, cost, d))
        .to.be.revertedWithCustomError(m.market, "MarketplaceProjectNotApproved")
        .withArgs(m.projectId, Status.Suspended);
      // Bad details revert in CarbonCredits and nothing changes.
      await m.registry.connect(m.verifier).reinstateProject(m.projectId);
      await expect(buyer.buyAndRetire(m.listingId, FILL, LISTING_PRICE, cost, details(ethers.ZeroAddress)))
        .to.be.revertedWithCustomError(m.credits, "CarbonCreditsInvalidBeneficiary")
        .withArgs(ethers.ZeroAddress);
      await expect(buyer.buyAndRetire(m.listingId, FILL, LISTING_PRICE, cost, { ...d, reason: "x".repeat(257) }))
        .to.be.revertedWithCustomError(m.credits, "CarbonCreditsFieldTooLong")
        .withArgs("reason", 257n, 256n);
      expect((await m.market.getListing(m.listingId)).remaining).to.equal(50n * CREDIT);
      expect(await m.usd.balanceOf(m.carol.address)).to.equal(BUYER_USD);
      expect(await m.credits.retirementCount()).to.equal(0n);
    });

    it("a contract buyer whose ERC-1155 hooks reject, or a rejecting beneficiary, can neither block nor redirect it", async () => {
      const m = await loadFixture(listed);
      const actor = await ethers.deployContract("MarketActorMock");
      const actorAddress = await actor.getAddress();
      await actor.setMode(1, ethers.ZeroAddress, "0x"); // Reject every ERC-1155 transfer
      const rejecting = await ethers.deployContract("ERC1155ReceiverMock", ["0x00000000", "0x00000000", 1]);
      await m.usd.mint(actorAddress, BUYER_USD);
      await actor.execute(m.usdAddress, m.usd.interface.encodeFunctionData("approve", [m.marketAddress, ethers.MaxUint256]));
      const d = details(await rejecting.getAddress());
      const call = m.market.interface.encodeFunctionData("buyAndRetire", [m.listingId, FILL, LISTING_PRICE, ethers.MaxUint256, d]);
      await expect(actor.execute(m.marketAddress, call)).to.emit(m.credits, "Retired");
      const r = await m.credits.getRetirement(1n);
      expect([r.account, r.beneficiary]).to.deep.equal([actorAddress, await rejecting.getAddress()]);
      expect(await m.credits.balanceOf(actorAddress, m.batch)).to.equal(0n);
      // The plain buy to the same contract is what its hook can refuse.
      const plain = m.market.interface.encodeFunctionData("buy", [m.listingId, FILL, LISTING_PRICE, ethers.MaxUint256]);
      await expect(actor.execute(m.marketAddress, plain)).to.be.revertedWithCustomError(actor, "MarketActorRejects");
    });
  });

  describe("awardTenderAndRetire", () => {
    it("moves payment, fee and refund exactly as awardTender and retires the credits for the buyer", async () => {
      const m = await loadFixture(tenders);
      const price = 12n * USD;
      const amount = 10n * CREDIT;
      const quote = await m.market.quoteAward(m.retireP);
      expect(quote).to.deep.equal(await m.market.quoteAward(m.plainP));
      const s0 = await snapshot(m, m.carol);
      await m.market.connect(m.carol).awardTender(m.plain, m.plainP, price, amount, quote.cost);
      const s1 = await snapshot(m, m.carol);
      const d = details(m.dave.address);
      expect(await m.market.connect(m.carol).awardTenderAndRetire.staticCall(m.retire, m.retireP, price, amount, quote.cost, d)).to.equal(1n);
      const tx = m.market.connect(m.carol).awardTenderAndRetire(m.retire, m.retireP, price, amount, quote.cost, d);
      await expect(tx)
        .to.emit(m.market, "TenderAwarded")
        .withArgs(m.retire, m.retireP, m.alice.address, amount, price, quote.cost, quote.fee, quote.refund);
      await expect(tx)
        .to.emit(m.credits, "Retired")
        .withArgs(1n, m.carol.address, m.dave.address, m.marketAddress, amount, [m.batch], [amount], Object.values(d), [
          Source.TenderAward,
          m.retire,
          2n,
        ]);
      const s2 = await snapshot(m, m.carol);
      // Same token deltas as the plain award (refund included), same fee.
      expect(s2.buyerUsd - s1.buyerUsd).to.equal(s1.buyerUsd - s0.buyerUsd);
      expect(s2.sellerUsd - s1.sellerUsd).to.equal(s1.sellerUsd - s0.sellerUsd);
      expect(s2.fees - s1.fees).to.equal(quote.fee);
      expect(s2.marketUsd - s1.marketUsd).to.equal(s1.marketUsd - s0.marketUsd);
      // The plain award delivered the credits; the retiring one did not.
      expect(s1.buyerCredits - s0.buyerCredits).to.equal(amount);
      expect(s2.buyerCredits).to.equal(s1.buyerCredits);
      expect(s2.marketCredits - s1.marketCredits).to.equal(-amount);
      expect(s2.supply).to.equal(s1.supply - amount);
      expect(await m.market.tenderEscrow(m.retire)).to.equal(0n);
      expect(await m.market.proposalEscrow(m.retireP)).to.equal(0n);
      expect((await m.market.getTender(m.retire)).retireOnAward).to.equal(true);
    });

    it("each tender settles only by its own form (MarketplaceWrongAwardForm), not while paused; cancel still refunds a retire-on-award tender", async () => {
      const m = await loadFixture(tenders);
      const d = details(m.carol.address);
      const buyer = m.market.connect(m.carol);
      await expect(buyer.awardTender(m.retire, m.retireP, 12n * USD, 10n * CREDIT, ethers.MaxUint256))
        .to.be.revertedWithCustomError(m.market, "MarketplaceWrongAwardForm")
        .withArgs(m.retire, true);
      await expect(buyer.awardTenderAndRetire(m.plain, m.plainP, 12n * USD, 10n * CREDIT, ethers.MaxUint256, d))
        .to.be.revertedWithCustomError(m.market, "MarketplaceWrongAwardForm")
        .withArgs(m.plain, false);
      await expect(m.market.connect(m.dave).awardTenderAndRetire(m.retire, m.retireP, 12n * USD, 10n * CREDIT, ethers.MaxUint256, d))
        .to.be.revertedWithCustomError(m.market, "MarketplaceNotTenderBuyer");
      // The marketplace's own pause (whenNotPaused), then the token's pause (its retirement is refused).
      await m.market.connect(m.pauser).pause();
      await expect(buyer.awardTenderAndRetire(m.retire, m.retireP, 12n * USD, 10n * CREDIT, ethers.MaxUint256, d)).to.be.revertedWithCustomError(
        m.market,
        "EnforcedPause",
      );
      await m.market.connect(m.pauser).unpause();
      await m.credits.connect(m.pauser).pause();
      await expect(buyer.awardTenderAndRetire(m.retire, m.retireP, 12n * USD, 10n * CREDIT, ethers.MaxUint256, d)).to.be.revertedWithCustomError(
        m.market,
        "EnforcedPause",
      );
      await buyer.cancelTender(m.retire);
      await m.market.reclaimProposal(m.retireP);
      expect(await m.market.tenderEscrow(m.retire)).to.equal(0n);
      expect(await m.market.proposalEscrow(m.retireP)).to.equal(0n);
    });
  });

  describe("CarbonCredits.retireFromEscrow", () => {
    it("only ESCROW_ROLE may call it; it burns the caller's own credits and refuses a zero account", async () => {
      const m = await loadFixture(listed);
      const d = details(m.carol.address);
      const link = { source: Source.ListingFill, refId: 1n, fill: 1n };
      await expect(m.credits.connect(m.alice).retireFromEscrow(m.alice.address, m.batch, CREDIT, d, link))
        .to.be.revertedWithCustomError(m.credits, "AccessControlUnauthorizedAccount")
        .withArgs(m.alice.address, ROLES.ESCROW);
      await m.credits.connect(m.admin).grantRole(ROLES.ESCROW, m.outsider.address);
      // The outsider holds nothing: it cannot burn alice's credits, approved or not.
      await m.credits.connect(m.alice).setApprovalForAll(m.outsider.address, true);
      await expect(m.credits.connect(m.outsider).retireFromEscrow(m.alice.address, m.batch, CREDIT, d, link)).to.be.revertedWithCustomError(
        m.credits,
        "ERC1155InsufficientBalance",
      );
      await expect(m.credits.connect(m.outsider).retireFromEscrow(ethers.ZeroAddress, m.batch, CREDIT, d, link))
        .to.be.revertedWithCustomError(m.credits, "CarbonCreditsInvalidAccount")
        .withArgs(ethers.ZeroAddress);
      await expect(m.credits.connect(m.outsider).retireFromEscrow(m.carol.address, m.batch, 0n, d, link)).to.be.revertedWithCustomError(
        m.credits,
        "CarbonCreditsZeroAmount",
      );
      await m.credits.connect(m.pauser).pause();
      await expect(m.credits.connect(m.outsider).retireFromEscrow(m.carol.address, m.batch, CREDIT, d, link)).to.be.revertedWithCustomError(
        m.credits,
        "EnforcedPause",
      );
    });

    it("a marketplace without ESCROW_ROLE cannot offset in one step", async () => {
      const m = await loadFixture(listed);
      await m.credits.connect(m.admin).revokeRole(ROLES.ESCROW, m.marketAddress);
      await expect(
        m.market.connect(m.carol).buyAndRetire(m.listingId, FILL, LISTING_PRICE, ethers.MaxUint256, details(m.carol.address)),
      ).to.be.revertedWithCustomError(m.credits, "AccessControlUnauthorizedAccount");
      await m.market.connect(m.carol).createTender(await tenderInput(m, { retireOnAward: true }));
    });
  });
});
