import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { Status } from "../helpers/fixtures";
import {
  CREDIT,
  ProposalStatus,
  TENDER_CREDITS,
  TENDER_MAX_PRICE,
  TenderStatus,
  TradeKind,
  USD,
  costUp,
  createTender,
  deployMarket,
  feeDown,
  submit,
  tenderInput,
  type Market,
} from "./fixtures";

/** A tender by carol with two pending proposals: alice 60 credits at 10 USD, bob 100 credits at 12 USD. */
async function tenderWithProposals() {
  const m = await deployMarket();
  const tenderId = await createTender(m);
  const pAlice = await submit(m, m.alice, tenderId, 60n * CREDIT, 10n * USD);
  const pBob = await submit(m, m.bob, tenderId, 100n * CREDIT, 12n * USD);
  return { ...m, tenderId, pAlice, pBob };
}

async function deadlineOf(m: Market, tenderId: bigint): Promise<bigint> {
  return (await m.market.getTender(tenderId)).deadline;
}

describe("CreditMarketplace: tenders and proposals", () => {
  describe("createTender", () => {
    it("escrows the maximum budget costUp(creditsRequired, maxPrice), stores the tender and emits TenderCreated", async () => {
      const m = await loadFixture(deployMarket);
      const input = await tenderInput(m, { projectId: m.projectId, minVintage: 2019, maxVintage: 2021 });
      const budget = costUp(TENDER_CREDITS, TENDER_MAX_PRICE);
      const tx = m.market.connect(m.carol).createTender(input);
      await expect(tx)
        .to.emit(m.market, "TenderCreated")
        .withArgs(1n, m.carol.address, m.usdAddress, TENDER_CREDITS, TENDER_MAX_PRICE, input.deadline, m.projectId, 2019, 2021, budget, false);
      await expect(tx).to.changeTokenBalances(m.usd, [m.carol, m.market], [-budget, budget]);
      const t = await m.market.getTender(1n);
      expect(t.buyer).to.equal(m.carol.address);
      expect(t.status).to.equal(TenderStatus.Open);
      expect(t.budget).to.equal(budget);
      expect(t.creditsRequired).to.equal(TENDER_CREDITS);
      expect(t.winningProposalId).to.equal(0n);
      expect(await m.market.tenderEscrow(1n)).to.equal(budget);
      expect(await m.market.tenderCount()).to.equal(1n);
    });

    it("rounds the budget up for a fractional amount", async () => {
      const m = await loadFixture(deployMarket);
      await createTender(m, { creditsRequired: 1_000n, maxPricePerCredit: 3n });
      expect((await m.market.getTender(1n)).budget).to.equal(1n); // 3e-3 rounded up
    });

    it("rejects a token off the allow-list with MarketplacePaymentTokenNotAllowed", async () => {
      const m = await loadFixture(deployMarket);
      const other = await ethers.deployContract("MockUSD", ["Other", "OTH"]);
      await expect(m.market.connect(m.carol).createTender(await tenderInput(m, { paymentToken: await other.getAddress() })))
        .to.be.revertedWithCustomError(m.market, "MarketplacePaymentTokenNotAllowed")
        .withArgs(await other.getAddress());
    });

    it("rejects zero and oversized amounts and prices", async () => {
      const m = await loadFixture(deployMarket);
      const max = await m.market.MAX_VALUE();
      await expect(m.market.connect(m.carol).createTender(await tenderInput(m, { creditsRequired: 0 }))).to.be.revertedWithCustomError(
        m.market,
        "MarketplaceZeroAmount",
      );
      await expect(m.market.connect(m.carol).createTender(await tenderInput(m, { maxPricePerCredit: 0 }))).to.be.revertedWithCustomError(
        m.market,
        "MarketplaceZeroPrice",
      );
      await expect(m.market.connect(m.carol).createTender(await tenderInput(m, { creditsRequired: max + 1n })))
        .to.be.revertedWithCustomError(m.market, "MarketplaceValueTooLarge")
        .withArgs(max + 1n, max);
      await expect(m.market.connect(m.carol).createTender(await tenderInput(m, { maxPricePerCredit: max + 1n })))
        .to.be.revertedWithCustomError(m.market, "MarketplaceValueTooLarge")
        .withArgs(max + 1n, max);
    });

    it("rejects a deadline not in the future or beyond MAX_DURATION with MarketplaceInvalidDeadline", async () => {
      const m = await loadFixture(deployMarket);
      const maxDuration = await m.market.MAX_DURATION();
      const now = BigInt(await time.latest());
      await time.setNextBlockTimestamp(now + 1n);
      await expect(m.market.connect(m.carol).createTender(await tenderInput(m, { deadline: now + 1n })))
        .to.be.revertedWithCustomError(m.market, "MarketplaceInvalidDeadline")
        .withArgs(now + 1n, now + 1n, now + 1n + maxDuration);
      const later = now + 2n + maxDuration + 1n;
      await time.setNextBlockTimestamp(now + 2n);
      await expect(m.market.connect(m.carol).createTender(await tenderInput(m, { deadline: later })))
        .to.be.revertedWithCustomError(m.market, "MarketplaceInvalidDeadline")
        .withArgs(later, now + 2n, now + 2n + maxDuration);
      // The latest accepted deadline is exactly now + MAX_DURATION.
      await time.setNextBlockTimestamp(now + 10n);
      await m.market.connect(m.carol).createTender(await tenderInput(m, { deadline: now + 10n + maxDuration }));
      expect((await m.market.getTender(1n)).deadline).to.equal(now + 10n + maxDuration);
    });

    it("rejects an empty vintage range with MarketplaceInvalidVintageRange", async () => {
      const m = await loadFixture(deployMarket);
      await expect(m.market.connect(m.carol).createTender(await tenderInput(m, { minVintage: 2022, maxVintage: 2021 })))
        .to.be.revertedWithCustomError(m.market, "MarketplaceInvalidVintageRange")
        .withArgs(2022, 2021);
    });

    it("fails with the token's error when the buyer's allowance is short, and changes nothing", async () => {
      const m = await loadFixture(deployMarket);
      await m.usd.connect(m.carol).approve(m.marketAddress, 1n);
      await expect(m.market.connect(m.carol).createTender(await tenderInput(m))).to.be.revertedWithCustomError(
        m.usd,
        "ERC20InsufficientAllowance",
      );
      expect(await m.market.tenderCount()).to.equal(0n);
    });
  });

  describe("submitProposal", () => {
    it("escrows the seller's credits at submission (property 9) and emits ProposalSubmitted", async () => {
      const m = await loadFixture(deployMarket);
      const tenderId = await createTender(m);
      const amount = 40n * CREDIT;
      const tx = m.market.connect(m.alice).submitProposal(tenderId, m.batch, amount, 11n * USD);
      await expect(tx)
        .to.emit(m.market, "ProposalSubmitted")
        .withArgs(tenderId, 1n, m.alice.address, m.batch, amount, 11n * USD);
      await expect(tx)
        .to.emit(m.credits, "TransferSingle")
        .withArgs(m.marketAddress, m.alice.address, m.marketAddress, m.batch, amount);
      expect(await m.credits.balanceOf(m.marketAddress, m.batch)).to.equal(amount);
      const p = await m.market.getProposal(1n);
      expect(p.seller).to.equal(m.alice.address);
      expect(p.tenderId).to.equal(tenderId);
      expect(p.status).to.equal(ProposalStatus.Pending);
      expect(p.feeBps).to.equal(await m.market.feeBps());
      expect(await m.market.proposalEscrow(1n)).to.equal(amount);
    });

    it("property 9: a seller without the credits cannot propose (ERC1155InsufficientBalance)", async () => {
      const m = await loadFixture(deployMarket);
      const tenderId = await createTender(m, { creditsRequired: 10_000n * CREDIT });
      const held = await m.credits.balanceOf(m.alice.address, m.batch);
      await expect(m.market.connect(m.alice).submitProposal(tenderId, m.batch, held + 1n, USD))
        .to.be.revertedWithCustomError(m.credits, "ERC1155InsufficientBalance")
        .withArgs(m.alice.address, held, held + 1n, m.batch);
      // A holder who never approved the marketplace cannot either.
      await m.credits.connect(m.alice).safeTransferFrom(m.alice.address, m.dave.address, m.batch, CREDIT, "0x");
      await expect(m.market.connect(m.dave).submitProposal(tenderId, m.batch, CREDIT, USD))
        .to.be.revertedWithCustomError(m.credits, "ERC1155MissingApprovalForAll")
        .withArgs(m.marketAddress, m.dave.address);
    });

    it("property 8: accepts a proposal one second before the deadline and rejects one exactly at it", async () => {
      const m = await loadFixture(deployMarket);
      const tenderId = await createTender(m);
      const deadline = await deadlineOf(m, tenderId);
      await time.setNextBlockTimestamp(deadline - 1n);
      await submit(m, m.alice, tenderId, CREDIT, USD);
      await time.setNextBlockTimestamp(deadline);
      await expect(m.market.connect(m.bob).submitProposal(tenderId, m.batch, CREDIT, USD))
        .to.be.revertedWithCustomError(m.market, "MarketplaceDeadlinePassed")
        .withArgs(tenderId, deadline);
    });

    it("property 8: rejects every proposal after the deadline", async () => {
      const m = await loadFixture(deployMarket);
      const tenderId = await createTender(m);
      const deadline = await deadlineOf(m, tenderId);
      await time.increaseTo(deadline + 3600n);
      await expect(m.market.connect(m.alice).submitProposal(tenderId, m.batch, CREDIT, USD))
        .to.be.revertedWithCustomError(m.market, "MarketplaceDeadlinePassed")
        .withArgs(tenderId, deadline);
    });

    it("rejects unknown and closed tenders", async () => {
      const m = await loadFixture(deployMarket);
      await expect(m.market.connect(m.alice).submitProposal(9n, m.batch, CREDIT, USD))
        .to.be.revertedWithCustomError(m.market, "MarketplaceUnknownTender")
        .withArgs(9n);
      const tenderId = await createTender(m);
      await m.market.connect(m.carol).cancelTender(tenderId);
      await expect(m.market.connect(m.alice).submitProposal(tenderId, m.batch, CREDIT, USD))
        .to.be.revertedWithCustomError(m.market, "MarketplaceTenderNotOpen")
        .withArgs(tenderId, TenderStatus.Cancelled);
    });

    it("rejects the buyer proposing to its own tender with MarketplaceSelfTrade", async () => {
      const m = await loadFixture(deployMarket);
      const tenderId = await createTender(m, {}, m.dave);
      await expect(m.market.connect(m.dave).submitProposal(tenderId, m.batch, CREDIT, USD))
        .to.be.revertedWithCustomError(m.market, "MarketplaceSelfTrade")
        .withArgs(m.dave.address);
    });

    it("checks amount in (0, creditsRequired] and price in (0, maxPrice]", async () => {
      const m = await loadFixture(deployMarket);
      const tenderId = await createTender(m);
      await expect(m.market.connect(m.alice).submitProposal(tenderId, m.batch, 0, USD)).to.be.revertedWithCustomError(
        m.market,
        "MarketplaceZeroAmount",
      );
      await expect(m.market.connect(m.alice).submitProposal(tenderId, m.batch, TENDER_CREDITS + 1n, USD))
        .to.be.revertedWithCustomError(m.market, "MarketplaceAmountAboveRequired")
        .withArgs(tenderId, TENDER_CREDITS + 1n, TENDER_CREDITS);
      await expect(m.market.connect(m.alice).submitProposal(tenderId, m.batch, CREDIT, 0)).to.be.revertedWithCustomError(
        m.market,
        "MarketplaceZeroPrice",
      );
      await expect(m.market.connect(m.alice).submitProposal(tenderId, m.batch, CREDIT, TENDER_MAX_PRICE + 1n))
        .to.be.revertedWithCustomError(m.market, "MarketplacePriceAboveMax")
        .withArgs(tenderId, TENDER_MAX_PRICE + 1n, TENDER_MAX_PRICE);
      // Both bounds are inclusive.
      await submit(m, m.alice, tenderId, TENDER_CREDITS, TENDER_MAX_PRICE);
    });

    it("enforces the tender's project and vintage constraints with MarketplaceBatchNotEligible", async () => {
      const m = await loadFixture(deployMarket);
      const byProject = await createTender(m, { projectId: m.projectId });
      await expect(m.market.connect(m.alice).submitProposal(byProject, m.otherBatch, CREDIT, USD))
        .to.be.revertedWithCustomError(m.market, "MarketplaceBatchNotEligible")
        .withArgs(byProject, m.otherBatch, m.otherProjectId, 2021);
      await submit(m, m.alice, byProject, CREDIT, USD, m.batch);

      const byVintage = await createTender(m, { minVintage: 2021, maxVintage: 2021 });
      await expect(m.market.connect(m.alice).submitProposal(byVintage, m.batch, CREDIT, USD))
        .to.be.revertedWithCustomError(m.market, "MarketplaceBatchNotEligible")
        .withArgs(byVintage, m.batch, m.projectId, 2020);
      await expect(m.market.connect(m.alice).submitProposal(byVintage, m.batch2022, CREDIT, USD))
        .to.be.revertedWithCustomError(m.market, "MarketplaceBatchNotEligible")
        .withArgs(byVintage, m.batch2022, m.projectId, 2022);
      await submit(m, m.alice, byVintage, CREDIT, USD, m.otherBatch);
    });

    it("rejects an unknown batch (RegistryUnknownBatch) and credits of a suspended or deactivated project", async () => {
      const m = await loadFixture(deployMarket);
      const tenderId = await createTender(m);
      await expect(m.market.connect(m.alice).submitProposal(tenderId, 99n, CREDIT, USD))
        .to.be.revertedWithCustomError(m.registry, "RegistryUnknownBatch")
        .withArgs(99n);
      await m.registry.connect(m.verifier).suspendProject(m.projectId, "audit");
      await expect(m.market.connect(m.alice).submitProposal(tenderId, m.batch, CREDIT, USD))
        .to.be.revertedWithCustomError(m.market, "MarketplaceProjectNotApproved")
        .withArgs(m.projectId, Status.Suspended);
      await m.registry.connect(m.verifier).deactivateProject(m.projectId, "closed");
      await expect(m.market.connect(m.alice).submitProposal(tenderId, m.batch, CREDIT, USD))
        .to.be.revertedWithCustomError(m.market, "MarketplaceProjectNotApproved")
        .withArgs(m.projectId, Status.Deactivated);
    });

    it("snapshots the fee rate: a later fee change does not alter the proposal's terms", async () => {
      const m = await loadFixture(tenderWithProposals);
      await m.market.connect(m.feeAdmin).setFeeBps(1_000n);
      const p = await m.market.getProposal(m.pAlice);
      expect(p.feeBps).to.equal(await m.market.DEFAULT_FEE_BPS());
      const cost = costUp(60n * CREDIT, 10n * USD);
      const q = await m.market.quoteAward(m.pAlice);
      expect(q.fee).to.equal(feeDown(cost, p.feeBps));
    });
  });

  describe("withdrawProposal", () => {
    it("returns the credits to the seller, marks it Withdrawn and emits ProposalWithdrawn", async () => {
      const m = await loadFixture(tenderWithProposals);
      const tx = m.market.connect(m.alice).withdrawProposal(m.pAlice);
      await expect(tx).to.emit(m.market, "ProposalWithdrawn").withArgs(m.pAlice, m.tenderId, m.alice.address, 60n * CREDIT);
      await expect(tx)
        .to.emit(m.credits, "TransferSingle")
        .withArgs(m.marketAddress, m.marketAddress, m.alice.address, m.batch, 60n * CREDIT);
      expect((await m.market.getProposal(m.pAlice)).status).to.equal(ProposalStatus.Withdrawn);
      expect(await m.market.proposalEscrow(m.pAlice)).to.equal(0n);
    });

    it("is allowed while UnderReview and while paused", async () => {
      const m = await loadFixture(tenderWithProposals);
      await time.increaseTo((await deadlineOf(m, m.tenderId)) + 1n);
      expect(await m.market.tenderStatus(m.tenderId)).to.equal(TenderStatus.UnderReview);
      await m.market.connect(m.pauser).pause();
      await m.market.connect(m.alice).withdrawProposal(m.pAlice);
    });

    it("rejects unknown proposals, other callers, non-pending proposals and finished tenders", async () => {
      const m = await loadFixture(tenderWithProposals);
      await expect(m.market.connect(m.alice).withdrawProposal(99n))
        .to.be.revertedWithCustomError(m.market, "MarketplaceUnknownProposal")
        .withArgs(99n);
      await expect(m.market.connect(m.bob).withdrawProposal(m.pAlice))
        .to.be.revertedWithCustomError(m.market, "MarketplaceNotProposalSeller")
        .withArgs(m.pAlice, m.bob.address);
      await m.market.connect(m.alice).withdrawProposal(m.pAlice);
      await expect(m.market.connect(m.alice).withdrawProposal(m.pAlice))
        .to.be.revertedWithCustomError(m.market, "MarketplaceProposalNotPending")
        .withArgs(m.pAlice, ProposalStatus.Withdrawn);
      await m.market.connect(m.carol).cancelTender(m.tenderId);
      await expect(m.market.connect(m.bob).withdrawProposal(m.pBob))
        .to.be.revertedWithCustomError(m.market, "MarketplaceTenderNotOpen")
        .withArgs(m.tenderId, TenderStatus.Cancelled);
    });
  });

  describe("cancelTender", () => {
    it("refunds the whole budget, marks it Cancelled and emits TenderCancelled; proposals become Rejected", async () => {
      const m = await loadFixture(tenderWithProposals);
      const budget = (await m.market.getTender(m.tenderId)).budget;
      const tx = m.market.connect(m.carol).cancelTender(m.tenderId);
      await expect(tx).to.emit(m.market, "TenderCancelled").withArgs(m.tenderId, m.carol.address, budget);
      await expect(tx).to.changeTokenBalances(m.usd, [m.carol, m.market], [budget, -budget]);
      expect(await m.market.tenderStatus(m.tenderId)).to.equal(TenderStatus.Cancelled);
      expect(await m.market.tenderEscrow(m.tenderId)).to.equal(0n);
      expect((await m.market.getProposal(m.pAlice)).status).to.equal(ProposalStatus.Rejected);
      expect((await m.market.getProposal(m.pBob)).status).to.equal(ProposalStatus.Rejected);
    });

    it("is allowed while UnderReview, after the grace period and while paused", async () => {
      const m = await loadFixture(tenderWithProposals);
      await time.increaseTo((await deadlineOf(m, m.tenderId)) + (await m.market.GRACE_PERIOD()) + 1n);
      await m.market.connect(m.pauser).pause();
      await m.market.connect(m.carol).cancelTender(m.tenderId);
      expect(await m.market.tenderStatus(m.tenderId)).to.equal(TenderStatus.Cancelled);
    });

    it("rejects unknown tenders, other callers and a second cancel", async () => {
      const m = await loadFixture(tenderWithProposals);
      await expect(m.market.connect(m.carol).cancelTender(9n))
        .to.be.revertedWithCustomError(m.market, "MarketplaceUnknownTender")
        .withArgs(9n);
      await expect(m.market.connect(m.dave).cancelTender(m.tenderId))
        .to.be.revertedWithCustomError(m.market, "MarketplaceNotTenderBuyer")
        .withArgs(m.tenderId, m.dave.address);
      await m.market.connect(m.carol).cancelTender(m.tenderId);
      await expect(m.market.connect(m.carol).cancelTender(m.tenderId))
        .to.be.revertedWithCustomError(m.market, "MarketplaceTenderNotOpen")
        .withArgs(m.tenderId, TenderStatus.Cancelled);
    });
  });

  describe("releaseTender", () => {
    it("is refused before deadline + GRACE_PERIOD and allowed to anyone exactly at it, refunding the buyer", async () => {
      const m = await loadFixture(tenderWithProposals);
      const releasableAt = (await deadlineOf(m, m.tenderId)) + (await m.market.GRACE_PERIOD());
      const budget = (await m.market.getTender(m.tenderId)).budget;
      await time.setNextBlockTimestamp(releasableAt - 1n);
      await expect(m.market.connect(m.outsider).releaseTender(m.tenderId))
        .to.be.revertedWithCustomError(m.market, "MarketplaceGracePeriodNotOver")
        .withArgs(m.tenderId, releasableAt);
      await time.setNextBlockTimestamp(releasableAt);
      // Exits work while paused; a pause after the window closed does not reopen it.
      await m.market.connect(m.pauser).pause();
      const tx = m.market.connect(m.outsider).releaseTender(m.tenderId);
      await expect(tx).to.emit(m.market, "TenderReleased").withArgs(m.tenderId, m.outsider.address, budget);
      await expect(tx).to.changeTokenBalances(m.usd, [m.carol, m.market], [budget, -budget]);
      expect(await m.market.tenderStatus(m.tenderId)).to.equal(TenderStatus.Expired);
      expect((await m.market.getProposal(m.pAlice)).status).to.equal(ProposalStatus.Rejected);
    });

    it("rejects unknown and finished tenders", async () => {
      const m = await loadFixture(tenderWithProposals);
      await expect(m.market.releaseTender(9n)).to.be.revertedWithCustomError(m.market, "MarketplaceUnknownTender").withArgs(9n);
      await m.market.connect(m.carol).cancelTender(m.tenderId);
      await expect(m.market.releaseTender(m.tenderId))
        .to.be.revertedWithCustomError(m.market, "MarketplaceTenderNotOpen")
        .withArgs(m.tenderId, TenderStatus.Cancelled);
    });
  });

  describe("awardTender", () => {
    it("settles atomically: credits to the buyer, cost − fee to the seller, fee accrued, budget rest refunded (property 10)", async () => {
      const m = await loadFixture(tenderWithProposals);
      const amount = 60n * CREDIT;
      const price = 10n * USD;
      const budget = (await m.market.getTender(m.tenderId)).budget;
      const cost = costUp(amount, price);
      const fee = feeDown(cost, await m.market.feeBps());
      const quote = await m.market.quoteAward(m.pAlice);
      expect([quote.cost, quote.fee, quote.sellerProceeds, quote.refund]).to.deep.equal([cost, fee, cost - fee, budget - cost]);

      const tx = m.market.connect(m.carol).awardTender(m.tenderId, m.pAlice, price, amount, cost);
      await expect(tx)
        .to.emit(m.market, "TenderAwarded")
        .withArgs(m.tenderId, m.pAlice, m.alice.address, amount, price, cost, fee, budget - cost);
      await expect(tx)
        .to.emit(m.market, "Trade")
        .withArgs(m.batch, m.carol.address, m.alice.address, m.usdAddress, amount, price, cost, fee, TradeKind.Award, m.pAlice);
      await expect(tx).to.changeTokenBalances(
        m.usd,
        [m.carol, m.alice, m.market],
        [budget - cost, cost - fee, -(budget - fee)],
      );
      expect(await m.credits.balanceOf(m.carol.address, m.batch)).to.equal(amount);
      expect(await m.market.accruedFees(m.usdAddress)).to.equal(fee);
      const t = await m.market.getTender(m.tenderId);
      expect(t.status).to.equal(TenderStatus.Awarded);
      expect(t.winningProposalId).to.equal(m.pAlice);
      expect(await m.market.tenderEscrow(m.tenderId)).to.equal(0n);
      expect(await m.market.proposalEscrow(m.pAlice)).to.equal(0n);
      const md = await m.market.marketData(m.batch);
      expect([md.lastPricePerCredit, md.volume, md.tradeCount, md.lastPaymentToken]).to.deep.equal([
        price,
        amount,
        1n,
        m.usdAddress,
      ]);
      expect(await m.market.tradedValue(m.batch, m.usdAddress)).to.equal(cost);
    });

    it("property 11: exactly one proposal is Accepted, every other is Rejected, and no second award is possible", async () => {
      const m = await loadFixture(tenderWithProposals);
      await m.market.connect(m.carol).awardTender(m.tenderId, m.pBob, 12n * USD, 100n * CREDIT, ethers.MaxUint256);
      expect((await m.market.getProposal(m.pBob)).status).to.equal(ProposalStatus.Accepted);
      expect((await m.market.getProposal(m.pAlice)).status).to.equal(ProposalStatus.Rejected);
      await expect(m.market.connect(m.carol).awardTender(m.tenderId, m.pAlice, 10n * USD, 60n * CREDIT, ethers.MaxUint256))
        .to.be.revertedWithCustomError(m.market, "MarketplaceTenderNotOpen")
        .withArgs(m.tenderId, TenderStatus.Awarded);
      // The loser reclaims; the winner's credits are the buyer's.
      await m.market.connect(m.outsider).reclaimProposal(m.pAlice);
      await expect(m.market.reclaimProposal(m.pBob))
        .to.be.revertedWithCustomError(m.market, "MarketplaceProposalNotPending")
        .withArgs(m.pBob, ProposalStatus.Accepted);
    });

    it("is allowed while UnderReview until one second before deadline + GRACE_PERIOD, and refused exactly at it", async () => {
      const m = await loadFixture(tenderWithProposals);
      const closesAt = (await deadlineOf(m, m.tenderId)) + (await m.market.GRACE_PERIOD());
      await time.setNextBlockTimestamp(closesAt);
      await expect(m.market.connect(m.carol).awardTender(m.tenderId, m.pAlice, 10n * USD, 60n * CREDIT, ethers.MaxUint256))
        .to.be.revertedWithCustomError(m.market, "MarketplaceAwardWindowClosed")
        .withArgs(m.tenderId, closesAt);

      const m2 = await loadFixture(tenderWithProposals);
      await time.setNextBlockTimestamp(closesAt - 1n);
      await m2.market.connect(m2.carol).awardTender(m2.tenderId, m2.pAlice, 10n * USD, 60n * CREDIT, ethers.MaxUint256);
      expect(await m2.market.tenderStatus(m2.tenderId)).to.equal(TenderStatus.Awarded);
    });

    it("checks the caller, the tender, the proposal and the echoed terms", async () => {
      const m = await loadFixture(tenderWithProposals);
      const award = (tender: bigint, proposal: bigint, price: bigint, amount: bigint, max: bigint) =>
        m.market.connect(m.carol).awardTender(tender, proposal, price, amount, max);
      await expect(award(9n, m.pAlice, 10n * USD, 60n * CREDIT, ethers.MaxUint256))
        .to.be.revertedWithCustomError(m.market, "MarketplaceUnknownTender")
        .withArgs(9n);
      await expect(m.market.connect(m.dave).awardTender(m.tenderId, m.pAlice, 10n * USD, 60n * CREDIT, ethers.MaxUint256))
        .to.be.revertedWithCustomError(m.market, "MarketplaceNotTenderBuyer")
        .withArgs(m.tenderId, m.dave.address);
      await expect(award(m.tenderId, 99n, 10n * USD, 60n * CREDIT, ethers.MaxUint256))
        .to.be.revertedWithCustomError(m.market, "MarketplaceUnknownProposal")
        .withArgs(99n);
      const otherTender = await createTender(m);
      const foreign = await submit(m, m.alice, otherTender, CREDIT, USD);
      await expect(award(m.tenderId, foreign, USD, CREDIT, ethers.MaxUint256))
        .to.be.revertedWithCustomError(m.market, "MarketplaceProposalNotInTender")
        .withArgs(foreign, m.tenderId, otherTender);
      await expect(award(m.tenderId, m.pAlice, 9n * USD, 60n * CREDIT, ethers.MaxUint256))
        .to.be.revertedWithCustomError(m.market, "MarketplaceTermsMismatch")
        .withArgs(9n * USD, 10n * USD, 60n * CREDIT, 60n * CREDIT);
      await expect(award(m.tenderId, m.pAlice, 10n * USD, 59n * CREDIT, ethers.MaxUint256))
        .to.be.revertedWithCustomError(m.market, "MarketplaceTermsMismatch")
        .withArgs(10n * USD, 10n * USD, 59n * CREDIT, 60n * CREDIT);
      const cost = costUp(60n * CREDIT, 10n * USD);
      await expect(award(m.tenderId, m.pAlice, 10n * USD, 60n * CREDIT, cost - 1n))
        .to.be.revertedWithCustomError(m.market, "MarketplaceMaxCostExceeded")
        .withArgs(cost, cost - 1n);
      await m.market.connect(m.alice).withdrawProposal(m.pAlice);
      await expect(award(m.tenderId, m.pAlice, 10n * USD, 60n * CREDIT, cost))
        .to.be.revertedWithCustomError(m.market, "MarketplaceProposalNotPending")
        .withArgs(m.pAlice, ProposalStatus.Withdrawn);
    });

    it("pays no refund when the winning proposal uses the whole budget", async () => {
      const m = await loadFixture(deployMarket);
      const tenderId = await createTender(m);
      const p = await submit(m, m.alice, tenderId, TENDER_CREDITS, TENDER_MAX_PRICE);
      const budget = (await m.market.getTender(tenderId)).budget;
      const tx = m.market.connect(m.carol).awardTender(tenderId, p, TENDER_MAX_PRICE, TENDER_CREDITS, budget);
      await expect(tx).to.changeTokenBalance(m.usd, m.carol, 0n);
      expect((await m.market.quoteAward(p)).refund).to.equal(0n);
    });
  });

  describe("reclaimProposal", () => {
    it("returns a losing proposal's credits to its seller, whoever calls, and emits ProposalReclaimed", async () => {
      const m = await loadFixture(tenderWithProposals);
      await m.market.connect(m.carol).awardTender(m.tenderId, m.pBob, 12n * USD, 100n * CREDIT, ethers.MaxUint256);
      await m.market.connect(m.pauser).pause(); // exits work while paused
      const tx = m.market.connect(m.outsider).reclaimProposal(m.pAlice);
      await expect(tx)
        .to.emit(m.market, "ProposalReclaimed")
        .withArgs(m.pAlice, m.tenderId, m.alice.address, m.outsider.address, 60n * CREDIT);
      await expect(tx)
        .to.emit(m.credits, "TransferSingle")
        .withArgs(m.marketAddress, m.marketAddress, m.alice.address, m.batch, 60n * CREDIT);
      expect((await m.market.getProposal(m.pAlice)).status).to.equal(ProposalStatus.Rejected);
      expect(await m.market.proposalEscrow(m.pAlice)).to.equal(0n);
      await expect(m.market.reclaimProposal(m.pAlice))
        .to.be.revertedWithCustomError(m.market, "MarketplaceProposalNotPending")
        .withArgs(m.pAlice, ProposalStatus.Rejected);
    });

    it("works after a cancel and after a release", async () => {
      const m = await loadFixture(tenderWithProposals);
      await m.market.connect(m.carol).cancelTender(m.tenderId);
      await m.market.reclaimProposal(m.pAlice);
      const t2 = await createTender(m);
      const p = await submit(m, m.bob, t2, CREDIT, USD);
      await time.increaseTo((await deadlineOf(m, t2)) + (await m.market.GRACE_PERIOD()));
      await m.market.releaseTender(t2);
      await m.market.reclaimProposal(p);
      expect(await m.market.proposalEscrow(p)).to.equal(0n);
    });

    it("is refused while the tender is Open or UnderReview with MarketplaceTenderNotFinal", async () => {
      const m = await loadFixture(tenderWithProposals);
      await expect(m.market.reclaimProposal(m.pAlice))
        .to.be.revertedWithCustomError(m.market, "MarketplaceTenderNotFinal")
        .withArgs(m.tenderId, TenderStatus.Open);
      await time.increaseTo(await deadlineOf(m, m.tenderId));
      await expect(m.market.reclaimProposal(m.pAlice))
        .to.be.revertedWithCustomError(m.market, "MarketplaceTenderNotFinal")
        .withArgs(m.tenderId, TenderStatus.UnderReview);
      await expect(m.market.reclaimProposal(99n)).to.be.revertedWithCustomError(m.market, "MarketplaceUnknownProposal").withArgs(99n);
    });
  });

  describe("state machines (seed 003 diagrams)", () => {
    it("tender: Open → UnderReview (time) → Awarded; views report each state", async () => {
      const m = await loadFixture(tenderWithProposals);
      expect(await m.market.tenderStatus(m.tenderId)).to.equal(TenderStatus.Open);
      expect(await m.market.tenderStatus(99n)).to.equal(TenderStatus.None);
      await time.increaseTo(await deadlineOf(m, m.tenderId));
      expect(await m.market.tenderStatus(m.tenderId)).to.equal(TenderStatus.UnderReview);
      expect((await m.market.getTender(m.tenderId)).status).to.equal(TenderStatus.UnderReview);
      expect((await m.market.getProposal(m.pAlice)).status).to.equal(ProposalStatus.Pending);
      await m.market.connect(m.carol).awardTender(m.tenderId, m.pAlice, 10n * USD, 60n * CREDIT, ethers.MaxUint256);
      expect(await m.market.tenderStatus(m.tenderId)).to.equal(TenderStatus.Awarded);
      await expect(m.market.getTender(99n)).to.be.revertedWithCustomError(m.market, "MarketplaceUnknownTender").withArgs(99n);
      await expect(m.market.getProposal(99n)).to.be.revertedWithCustomError(m.market, "MarketplaceUnknownProposal");
      await expect(m.market.quoteAward(99n)).to.be.revertedWithCustomError(m.market, "MarketplaceUnknownProposal");
    });

    it("tender: Open → Cancelled and UnderReview → Expired are final (no award, cancel, release or proposal after)", async () => {
      const m = await loadFixture(tenderWithProposals);
      await m.market.connect(m.carol).cancelTender(m.tenderId);
      for (const call of [
        () => m.market.connect(m.carol).cancelTender(m.tenderId),
        () => m.market.releaseTender(m.tenderId),
        () => m.market.connect(m.carol).awardTender(m.tenderId, m.pAlice, 10n * USD, 60n * CREDIT, ethers.MaxUint256),
        () => m.market.connect(m.bob).submitProposal(m.tenderId, m.batch, CREDIT, USD),
      ]) {
        await expect(call()).to.be.revertedWithCustomError(m.market, "MarketplaceTenderNotOpen").withArgs(m.tenderId, TenderStatus.Cancelled);
      }
      const t2 = await createTender(m);
      await time.increaseTo((await deadlineOf(m, t2)) + (await m.market.GRACE_PERIOD()));
      await m.market.releaseTender(t2);
      await expect(m.market.connect(m.carol).cancelTender(t2))
        .to.be.revertedWithCustomError(m.market, "MarketplaceTenderNotOpen")
        .withArgs(t2, TenderStatus.Expired);
    });

    it("proposal: Pending → Withdrawn, Pending → Accepted, Pending → Rejected → (reclaimed) stays Rejected", async () => {
      const m = await loadFixture(tenderWithProposals);
      const p3 = await submit(m, m.alice, m.tenderId, CREDIT, USD);
      await m.market.connect(m.alice).withdrawProposal(p3);
      expect((await m.market.getProposal(p3)).status).to.equal(ProposalStatus.Withdrawn);
      await m.market.connect(m.carol).awardTender(m.tenderId, m.pBob, 12n * USD, 100n * CREDIT, ethers.MaxUint256);
      expect((await m.market.getProposal(m.pBob)).status).to.equal(ProposalStatus.Accepted);
      expect((await m.market.getProposal(m.pAlice)).status).to.equal(ProposalStatus.Rejected);
      expect(await m.market.proposalEscrow(m.pAlice)).to.equal(60n * CREDIT);
      await m.market.reclaimProposal(m.pAlice);
      expect((await m.market.getProposal(m.pAlice)).status).to.equal(ProposalStatus.Rejected);
      // A withdrawn proposal has nothing to reclaim.
      await expect(m.market.reclaimProposal(p3))
        .to.be.revertedWithCustomError(m.market, "MarketplaceProposalNotPending")
        .withArgs(p3, ProposalStatus.Withdrawn);
    });

    it("award and cancel touch no losing proposal: their stored state is unchanged until reclaimed (O(1))", async () => {
      const m = await loadFixture(tenderWithProposals);
      const before = await m.market.proposalEscrow(m.pAlice);
      const tx = await m.market.connect(m.carol).awardTender(m.tenderId, m.pBob, 12n * USD, 100n * CREDIT, ethers.MaxUint256);
      const receipt = await tx.wait();
      const reclaims = receipt!.logs.filter((l) => l.address === m.marketAddress).map((l) => m.market.interface.parseLog(l)?.name);
      expect(reclaims).to.not.include("ProposalReclaimed");
      expect(await m.market.proposalEscrow(m.pAlice)).to.equal(before);
    });
  });
});
