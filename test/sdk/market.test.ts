import { expect } from "chai";
import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import {
  AccessControlUnauthorizedAccountError,
  ERC1155MissingApprovalForAllError,
  ERC20InsufficientAllowanceError,
  ERC20InsufficientBalanceError,
  EnforcedPauseError,
  InvalidArgumentError,
  MarketplaceBelowMinFillError,
  MarketplaceDeadlinePassedError,
  MarketplaceFeeTooHighError,
  MarketplaceGracePeriodNotOverError,
  MarketplaceInvalidPaymentTokenError,
  MarketplaceListingExpiredError,
  MarketplaceMaxCostExceededError,
  MarketplaceNotTenderBuyerError,
  MarketplacePaymentTokenNotAllowedError,
  MarketplacePriceAboveMaxError,
  MarketplaceTenderNotFinalError,
  MarketplaceTermsMismatchError,
  MarketplaceUnknownTenderError,
  costUp,
  feeDown,
  type OpenTonne,
} from "../../sdk";
import { CREDIT } from "../helpers/fixtures";
import { MARKET_ROLES } from "../market/fixtures";
import { HELD_2020A, HELD_2022, USD, tradingSetup, type TradingSystem } from "./tradingFixtures";

const DAY = 24n * 3600n;
const GRACE = 7n * DAY;

async function now(): Promise<bigint> {
  return BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
}

/** A tender of `credits` units at ≤ `maxPrice`, deadline in 3 days, any project. */
async function tenderInput(sys: TradingSystem, credits = 100n * CREDIT, maxPrice = 15n * USD) {
  return { paymentToken: sys.usdAddress, creditsRequired: credits, maxPricePerCredit: maxPrice, deadline: (await now()) + 3n * DAY };
}

/** Carol's open tender (approve: true) and alice's and bob's proposals (approve: true). */
async function tenderWithProposals(sys: TradingSystem, as: (s: TradingSystem["alice"]) => Promise<OpenTonne>) {
  const carol = await as(sys.carol);
  const alice = await as(sys.alice);
  const bob = await as(sys.bob);
  const { tenderId, budget } = await carol.market.createTender(await tenderInput(sys), { approve: true });
  const pa = await alice.market.submitProposal(tenderId, sys.b2020a, 60n * CREDIT + 123_457n, 12n * USD + 345_679n, { approve: true });
  const pb = await bob.market.submitProposal(tenderId, sys.b2022, 100n * CREDIT, 14n * USD, { approve: true });
  return { carol, alice, bob, tenderId, budget, aliceProposal: pa.proposalId, bobProposal: pb.proposalId };
}

describe("SDK: market", () => {
  describe("tenders", () => {
    it("createTender without allowance decodes ERC20InsufficientAllowanceError from the token (nested) and sends nothing", async () => {
      const { sys, as } = await tradingSetup();
      const carol = await as(sys.carol);
      const input = await tenderInput(sys);
      const before = await ethers.provider.getBlockNumber();
      const err = await carol.market.createTender(input).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ERC20InsufficientAllowanceError);
      const e = err as ERC20InsufficientAllowanceError;
      expect([e.spender, e.allowance, e.needed]).to.deep.equal([sys.marketAddress, 0n, costUp(input.creditsRequired, input.maxPricePerCredit)]);
      expect(e.action).to.equal("market.createTender");
      expect(await ethers.provider.getBlockNumber()).to.equal(before);
    });

    it("createTender with { approve: true } approves the budget only when the allowance is short, escrows it and returns the tender id", async () => {
      const { sys, as } = await tradingSetup();
      const carol = await as(sys.carol);
      const input = await tenderInput(sys);
      const budget = costUp(input.creditsRequired, input.maxPricePerCredit);
      const first = await carol.market.createTender(input, { approve: true });
      expect(first.approvalHash).to.be.a("string");
      expect(first.tenderId).to.equal(1n);
      expect(first.budget).to.equal(budget);
      expect(await sys.usd.balanceOf(sys.marketAddress)).to.equal(budget);
      expect(await sys.usd.allowance(sys.carol.address, sys.marketAddress)).to.equal(0n);
      // Enough allowance already: no approval is sent (one transaction only).
      await sys.usd.connect(sys.carol).approve(sys.marketAddress, budget * 2n);
      const blockBefore = await ethers.provider.getBlockNumber();
      const second = await carol.market.createTender(input, { approve: true });
      expect(second.approvalHash).to.equal(undefined);
      expect(await ethers.provider.getBlockNumber()).to.equal(blockBefore + 1);
      expect(await sys.usd.allowance(sys.carol.address, sys.marketAddress)).to.equal(budget);
      const t = await carol.market.getTender(second.tenderId);
      expect(t).to.deep.include({
        id: 2n,
        buyer: sys.carol.address,
        status: "Open",
        paymentToken: sys.usdAddress,
        creditsRequired: input.creditsRequired,
        maxPricePerCredit: input.maxPricePerCredit,
        deadline: input.deadline,
        budget,
        projectId: 0n,
        minVintage: 0,
        maxVintage: 0,
        winningProposalId: 0n,
      });
      expect(await carol.market.tenderEscrow(second.tenderId)).to.equal(budget);
      const page = await carol.market.listTenders({ offset: 1 });
      expect(page.total).to.equal(2n);
      expect(page.items.map((x) => x.id)).to.deep.equal([2n]);
    });

    it("submitProposal without approval decodes ERC1155MissingApprovalForAllError (nested); { approve: true } sets it once", async () => {
      const { sys, as } = await tradingSetup();
      const carol = await as(sys.carol);
      const alice = await as(sys.alice);
      const { tenderId } = await carol.market.createTender(await tenderInput(sys), { approve: true });
      const err = await alice.market.submitProposal(tenderId, sys.b2020a, 10n * CREDIT, 10n * USD).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ERC1155MissingApprovalForAllError);
      expect((err as ERC1155MissingApprovalForAllError).operator).to.equal(sys.marketAddress);
      // Simulated first: a proposal failing for another reason sends no approval.
      const tooDear = await alice.market.submitProposal(tenderId, sys.b2020a, 10n * CREDIT, 16n * USD, { approve: true }).catch((e: unknown) => e);
      expect(tooDear).to.be.instanceOf(MarketplacePriceAboveMaxError);
      expect((tooDear as MarketplacePriceAboveMaxError).maxPricePerCredit).to.equal(15n * USD);
      expect(await sys.credits.isApprovedForAll(sys.alice.address, sys.marketAddress)).to.equal(false);
      const first = await alice.market.submitProposal(tenderId, sys.b2020a, 10n * CREDIT, 10n * USD, { approve: true });
      expect(first.approvalHash).to.be.a("string");
      expect(await sys.credits.isApprovedForAll(sys.alice.address, sys.marketAddress)).to.equal(true);
      const second = await alice.market.submitProposal(tenderId, sys.b2022, 5n * CREDIT, 11n * USD, { approve: true });
      expect(second.approvalHash).to.equal(undefined);
      expect(second.proposalId).to.equal(first.proposalId + 1n);
      expect(await sys.credits.balanceOf(sys.marketAddress, sys.b2020a)).to.equal(10n * CREDIT);
      expect(await alice.market.proposalEscrow(first.proposalId)).to.equal(10n * CREDIT);
      expect(await alice.market.getProposal(second.proposalId)).to.deep.equal({
        id: second.proposalId,
        tenderId,
        seller: sys.alice.address,
        status: "Pending",
        feeBps: 250,
        batchId: sys.b2022,
        amount: 5n * CREDIT,
        pricePerCredit: 11n * USD,
      });
    });

    it("getTenderProposals pages a tender's proposals in submission order", async () => {
      const { sys, as } = await tradingSetup();
      const { carol, alice, tenderId, aliceProposal, bobProposal } = await tenderWithProposals(sys, as);
      // A proposal to another tender is not listed.
      const other = await carol.market.createTender(await tenderInput(sys), { approve: true });
      await alice.market.submitProposal(other.tenderId, sys.b2022, 1_000n, 1n);
      const all = await carol.market.getTenderProposals(tenderId);
      expect(await carol.market.proposalCount()).to.equal(3n);
      expect(all.total).to.equal(2n);
      expect(all.items.map((p) => p.id)).to.deep.equal([aliceProposal, bobProposal]);
      const second = await carol.market.getTenderProposals(tenderId, { offset: 1, limit: 1 });
      expect(second.items.map((p) => p.seller)).to.deep.equal([sys.bob.address]);
      const err = await carol.market.getTenderProposals(99n).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(MarketplaceUnknownTenderError);
    });

    it("awardTender with wrong terms decodes MarketplaceTermsMismatchError; with the proposal as read it settles and returns the trade", async () => {
      const { sys, as } = await tradingSetup();
      const { carol, alice, bob, tenderId, budget, aliceProposal, bobProposal } = await tenderWithProposals(sys, as);
      const proposal = await carol.market.getProposal(aliceProposal);
      const wrong = await carol.market.awardTender(tenderId, aliceProposal, { ...proposal, amount: proposal.amount - 1n }).catch((e: unknown) => e);
      expect(wrong).to.be.instanceOf(MarketplaceTermsMismatchError);
      const w = wrong as MarketplaceTermsMismatchError;
      expect([w.expectedPrice, w.price, w.expectedAmount, w.amount]).to.deep.equal([proposal.pricePerCredit, proposal.pricePerCredit, proposal.amount - 1n, proposal.amount]);
      const capped = await carol.market.awardTender(tenderId, aliceProposal, { ...proposal, maxTotalCost: 1n }).catch((e: unknown) => e);
      expect(capped).to.be.instanceOf(MarketplaceMaxCostExceededError);
      const notBuyer = await bob.market.awardTender(tenderId, aliceProposal, proposal).catch((e: unknown) => e);
      expect(notBuyer).to.be.instanceOf(MarketplaceNotTenderBuyerError);

      const quote = await carol.market.quoteAward(aliceProposal);
      const local = await carol.market.quote(proposal.amount, proposal.pricePerCredit);
      expect([local.cost, local.fee, local.sellerProceeds]).to.deep.equal([quote.cost, quote.fee, quote.sellerProceeds]);
      expect(quote.refund).to.equal(budget - quote.cost);
      const usdBefore = { carol: await sys.usd.balanceOf(sys.carol.address), alice: await sys.usd.balanceOf(sys.alice.address) };
      const res = await carol.market.awardTender(tenderId, aliceProposal, proposal);
      expect(res.trade).to.deep.equal({
        kind: "Award",
        refId: aliceProposal,
        batchId: sys.b2020a,
        buyer: sys.carol.address,
        seller: sys.alice.address,
        paymentToken: sys.usdAddress,
        amount: proposal.amount,
        pricePerCredit: proposal.pricePerCredit,
        cost: quote.cost,
        fee: quote.fee,
      });
      expect(res.refund).to.equal(quote.refund);
      expect(await sys.usd.balanceOf(sys.carol.address)).to.equal(usdBefore.carol + quote.refund);
      expect(await sys.usd.balanceOf(sys.alice.address)).to.equal(usdBefore.alice + quote.sellerProceeds);
      expect(await sys.credits.balanceOf(sys.carol.address, sys.b2020a)).to.equal(proposal.amount);
      expect(await carol.market.accruedFees(sys.usdAddress)).to.equal(quote.fee);
      expect((await carol.market.getTender(tenderId)).status).to.equal("Awarded");
      expect((await carol.market.getTender(tenderId)).winningProposalId).to.equal(aliceProposal);
      expect((await carol.market.getProposal(aliceProposal)).status).to.equal("Accepted");

      // The losing proposal is Rejected and reclaimable by anyone, back to its seller.
      expect((await carol.market.getProposal(bobProposal)).status).to.equal("Rejected");
      const reclaimed = await alice.market.reclaimProposal(bobProposal);
      expect(reclaimed.amount).to.equal(100n * CREDIT);
      expect(await sys.credits.balanceOf(sys.bob.address, sys.b2022)).to.equal(HELD_2022);
    });

    it("proposals stop at the deadline (MarketplaceDeadlinePassedError); release waits for the grace period and refunds", async () => {
      const { sys, as } = await tradingSetup();
      const { carol, alice, bob, tenderId, budget, bobProposal } = await tenderWithProposals(sys, as);
      const t = await carol.market.getTender(tenderId);
      await time.increaseTo(t.deadline);
      expect((await carol.market.getTender(tenderId)).status).to.equal("UnderReview");
      const late = await alice.market.submitProposal(tenderId, sys.b2020a, 1n, 1n).catch((e: unknown) => e);
      expect(late).to.be.instanceOf(MarketplaceDeadlinePassedError);
      expect((late as MarketplaceDeadlinePassedError).deadline).to.equal(t.deadline);
      const notFinal = await bob.market.reclaimProposal(bobProposal).catch((e: unknown) => e);
      expect(notFinal).to.be.instanceOf(MarketplaceTenderNotFinalError);
      const early = await bob.market.releaseTender(tenderId).catch((e: unknown) => e);
      expect(early).to.be.instanceOf(MarketplaceGracePeriodNotOverError);
      expect((early as MarketplaceGracePeriodNotOverError).releasableAt).to.equal(t.deadline + GRACE);
      await time.increaseTo(t.deadline + GRACE);
      const carolBefore = await sys.usd.balanceOf(sys.carol.address);
      const released = await bob.market.releaseTender(tenderId);
      expect(released.refund).to.equal(budget);
      expect(await sys.usd.balanceOf(sys.carol.address)).to.equal(carolBefore + budget);
      expect((await carol.market.getTender(tenderId)).status).to.equal("Expired");
      expect(await carol.market.tenderEscrow(tenderId)).to.equal(0n);
      await bob.market.reclaimProposal(bobProposal);
      expect(await bob.market.proposalEscrow(bobProposal)).to.equal(0n);
    });

    it("withdrawProposal returns the seller's credits; cancelTender refunds the whole budget", async () => {
      const { sys, as } = await tradingSetup();
      const { carol, alice, tenderId, budget, aliceProposal } = await tenderWithProposals(sys, as);
      const withdrawn = await alice.market.withdrawProposal(aliceProposal);
      expect(withdrawn.amount).to.equal(60n * CREDIT + 123_457n);
      expect(await sys.credits.balanceOf(sys.alice.address, sys.b2020a)).to.equal(HELD_2020A);
      expect((await alice.market.getProposal(aliceProposal)).status).to.equal("Withdrawn");
      const carolBefore = await sys.usd.balanceOf(sys.carol.address);
      const cancelled = await carol.market.cancelTender(tenderId);
      expect(cancelled.refund).to.equal(budget);
      expect(await sys.usd.balanceOf(sys.carol.address)).to.equal(carolBefore + budget);
      expect((await carol.market.getTender(tenderId)).status).to.equal("Cancelled");
    });
  });

  describe("listings", () => {
    it("createListing (approve) returns the listing id; a partial buy (approve) moves exactly the quote: buyer, seller, fees", async () => {
      const { sys, as } = await tradingSetup();
      const alice = await as(sys.alice);
      const dave = await as(sys.dave);
      const fees = await as(sys.feeRecipient);
      const price = 12n * USD + 345_679n; // 12.345679 USD per credit: cost rounds up, fee rounds down
      const created = await alice.market.createListing(
        { batchId: sys.b2020a, amount: 500n * CREDIT, pricePerCredit: price, paymentToken: sys.usdAddress, minFill: CREDIT, expiry: (await now()) + 10n * DAY },
        { approve: true },
      );
      expect(created.approvalHash).to.be.a("string");
      expect(created.listingId).to.equal(1n);
      const listing = await dave.market.getListing(created.listingId);
      expect(listing).to.deep.include({ seller: sys.alice.address, status: "Active", feeBps: 250, remaining: 500n * CREDIT, minFill: CREDIT, pricePerCredit: price });

      const amount = 123n * CREDIT + 456_789n;
      const quote = await dave.market.quote(amount, price);
      expect(quote.cost).to.equal((amount * price + CREDIT - 1n) / CREDIT);
      expect(quote.fee).to.equal((quote.cost * 250n) / 10_000n);
      expect(await dave.market.quoteBuy(created.listingId, amount)).to.deep.equal({ cost: quote.cost, fee: quote.fee, sellerProceeds: quote.sellerProceeds, refund: 0n });
      const before = {
        dave: await sys.usd.balanceOf(sys.dave.address),
        alice: await sys.usd.balanceOf(sys.alice.address),
        recipient: await sys.usd.balanceOf(sys.feeRecipient.address),
      };
      const bought = await dave.market.buy(created.listingId, amount, listing, { approve: true });
      expect(bought.approvalHash).to.be.a("string");
      expect(bought.remaining).to.equal(500n * CREDIT - amount);
      expect(bought.trade).to.deep.include({ kind: "Listing", refId: created.listingId, buyer: sys.dave.address, seller: sys.alice.address, amount, cost: quote.cost, fee: quote.fee });
      expect(await sys.usd.balanceOf(sys.dave.address)).to.equal(before.dave - quote.cost);
      expect(await sys.usd.balanceOf(sys.alice.address)).to.equal(before.alice + quote.sellerProceeds);
      expect(await sys.credits.balanceOf(sys.dave.address, sys.b2020a)).to.equal(amount);
      const withdrawn = await fees.market.withdrawFees(sys.usdAddress);
      expect(withdrawn.amount).to.equal(quote.fee);
      expect(await sys.usd.balanceOf(sys.feeRecipient.address)).to.equal(before.recipient + quote.fee);
      expect(quote.cost).to.equal(quote.sellerProceeds + quote.fee);

      const data = await dave.market.marketData(sys.b2020a);
      expect(data).to.deep.include({ tradeCount: 1n, volume: amount, lastPricePerCredit: price, lastPaymentToken: sys.usdAddress });
      expect(await dave.market.tradedValue(sys.b2020a, sys.usdAddress)).to.equal(quote.cost);
      const trades = await dave.market.findTrades({ batchId: sys.b2020a, buyer: sys.dave.address });
      expect(trades).to.have.length(1);
      expect(trades[0]).to.deep.include({ ...bought.trade, transactionHash: bought.hash });
      expect(await dave.market.findTrades({ seller: sys.bob.address })).to.deep.equal([]);

      // The allowance is now used up exactly; a second buy without approve fails in the token (nested).
      const short = await dave.market.buy(created.listingId, CREDIT, listing).catch((e: unknown) => e);
      expect(short).to.be.instanceOf(ERC20InsufficientAllowanceError);
      expect((short as ERC20InsufficientAllowanceError).needed).to.equal(costUp(CREDIT, price));
    });

    it("buy: fill rules and a buyer without funds decode their errors; the approve option is skipped when the allowance suffices", async () => {
      const { sys, as } = await tradingSetup();
      const bob = await as(sys.bob);
      const carol = await as(sys.carol);
      const outsider = await as(sys.outsider);
      const { listingId } = await bob.market.createListing(
        { batchId: sys.b2022, amount: 10n * CREDIT, pricePerCredit: 9n * USD, paymentToken: sys.usdAddress, minFill: 2n * CREDIT, expiry: (await now()) + DAY },
        { approve: true },
      );
      const listing = await carol.market.getListing(listingId);
      // { approve: true } simulates first: a buy failing for another reason sends no approval.
      const blockBeforeBelow = await ethers.provider.getBlockNumber();
      const below = await carol.market.buy(listingId, CREDIT, listing, { approve: true }).catch((e: unknown) => e);
      expect(below).to.be.instanceOf(MarketplaceBelowMinFillError);
      expect((below as MarketplaceBelowMinFillError).minFill).to.equal(2n * CREDIT);
      expect(await ethers.provider.getBlockNumber()).to.equal(blockBeforeBelow);
      expect(await sys.usd.allowance(sys.carol.address, sys.marketAddress)).to.equal(0n);
      const mismatch = await carol.market.buy(listingId, 2n * CREDIT, { pricePerCredit: 8n * USD }).catch((e: unknown) => e);
      expect(mismatch).to.be.instanceOf(MarketplaceTermsMismatchError);

      await sys.usd.connect(sys.carol).approve(sys.marketAddress, 1_000n * USD);
      const blockBefore = await ethers.provider.getBlockNumber();
      const res = await carol.market.buy(listingId, 2n * CREDIT, listing, { approve: true });
      expect(res.approvalHash).to.equal(undefined);
      expect(await ethers.provider.getBlockNumber()).to.equal(blockBefore + 1);
      expect(await sys.usd.allowance(sys.carol.address, sys.marketAddress)).to.equal(1_000n * USD - 18n * USD);

      await sys.usd.connect(sys.outsider).approve(sys.marketAddress, 1_000n * USD);
      const poor = await outsider.market.buy(listingId, 2n * CREDIT, listing).catch((e: unknown) => e);
      expect(poor).to.be.instanceOf(ERC20InsufficientBalanceError);
      expect((poor as ERC20InsufficientBalanceError).sender).to.equal(sys.outsider.address);
      expect((poor as ERC20InsufficientBalanceError).needed).to.equal(18n * USD);
    });

    it("buying an expired listing decodes MarketplaceListingExpiredError; the seller cancels it to get the rest back", async () => {
      const { sys, as } = await tradingSetup();
      const alice = await as(sys.alice);
      const carol = await as(sys.carol);
      const expiry = (await now()) + DAY;
      const { listingId } = await alice.market.createListing(
        { batchId: sys.b2022, amount: 10n * CREDIT, pricePerCredit: 5n * USD, paymentToken: sys.usdAddress, expiry: new Date(Number(expiry) * 1000) },
        { approve: true },
      );
      expect((await carol.market.getListing(listingId)).expiry).to.equal(expiry);
      await time.increaseTo(expiry);
      const listing = await carol.market.getListing(listingId);
      expect(listing.status).to.equal("Expired");
      const blockBefore = await ethers.provider.getBlockNumber();
      const err = await carol.market.buy(listingId, CREDIT, listing, { approve: true }).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(MarketplaceListingExpiredError);
      expect(await ethers.provider.getBlockNumber()).to.equal(blockBefore);
      expect((err as MarketplaceListingExpiredError).expiry).to.equal(expiry);
      const cancelled = await alice.market.cancelListing(listingId);
      expect(cancelled.returned).to.equal(10n * CREDIT);
      expect(await sys.credits.balanceOf(sys.alice.address, sys.b2022)).to.equal(HELD_2022);
      expect((await alice.market.getListing(listingId)).status).to.equal("Cancelled");
      const page = await alice.market.listListings();
      expect(page.items.map((l) => l.status)).to.deep.equal(["Cancelled"]);
    });
  });

  describe("admin", () => {
    it("fee rate, fee recipient and payment tokens: setters, reads and their errors", async () => {
      const { sys, as } = await tradingSetup();
      const admin = await as(sys.admin);
      expect(await admin.market.feeBps()).to.equal(250);
      await admin.market.setFeeBps(100);
      expect(await admin.market.feeBps()).to.equal(100);
      const q = await admin.market.quote(CREDIT, 1_000n * USD);
      expect(q.fee).to.equal(feeDown(1_000n * USD, 100));
      expect((await admin.market.quote(CREDIT, 1_000n * USD, { feeBps: 0 })).fee).to.equal(0n);
      const tooHigh = await admin.market.setFeeBps(1_001).catch((e: unknown) => e);
      expect(tooHigh).to.be.instanceOf(MarketplaceFeeTooHighError);
      expect((tooHigh as MarketplaceFeeTooHighError).maxFeeBps).to.equal(1_000n);

      await admin.market.setFeeRecipient(sys.dave.address);
      expect(await admin.market.feeRecipient()).to.equal(sys.dave.address);

      const other = await ethers.deployContract("MockUSD", ["Other", "OTH"]);
      const otherAddress = await other.getAddress();
      expect(await admin.market.paymentTokens()).to.deep.equal([sys.usdAddress]);
      const noCode = await admin.market.setPaymentToken(sys.dave.address, true).catch((e: unknown) => e);
      expect(noCode).to.be.instanceOf(MarketplaceInvalidPaymentTokenError);
      expect((noCode as MarketplaceInvalidPaymentTokenError).token).to.equal(sys.dave.address);
      await admin.market.setPaymentToken(otherAddress, true);
      expect(await admin.market.isPaymentToken(otherAddress)).to.equal(true);
      expect(await admin.market.paymentTokens()).to.deep.equal([sys.usdAddress, otherAddress]);
      await admin.market.setPaymentToken(sys.usdAddress, false);
      expect(await admin.market.paymentTokens()).to.deep.equal([otherAddress]);
      const carol = await as(sys.carol);
      const blockBefore = await ethers.provider.getBlockNumber();
      const notAllowed = await carol.market.createTender(await tenderInput(sys), { approve: true }).catch((e: unknown) => e);
      expect(notAllowed).to.be.instanceOf(MarketplacePaymentTokenNotAllowedError);
      expect(await ethers.provider.getBlockNumber()).to.equal(blockBefore); // no approval sent either

      const denied = await carol.market.setFeeBps(0).catch((e: unknown) => e);
      expect(denied).to.be.instanceOf(AccessControlUnauthorizedAccountError);
      expect((denied as AccessControlUnauthorizedAccountError).neededRole).to.equal(MARKET_ROLES.FEE_ADMIN);
    });

    it("pause stops entry with EnforcedPauseError but not exits; unpause resumes (PAUSER)", async () => {
      const { sys, as } = await tradingSetup();
      const pauser = await as(sys.pauser);
      const carol = await as(sys.carol);
      const { tenderId } = await carol.market.createTender(await tenderInput(sys), { approve: true });
      await pauser.market.pause();
      expect(await carol.market.paused()).to.equal(true);
      const err = await carol.market.createTender(await tenderInput(sys), { approve: true }).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(EnforcedPauseError);
      await carol.market.cancelTender(tenderId);
      await pauser.market.unpause();
      expect(await carol.market.paused()).to.equal(false);
      await carol.market.createTender(await tenderInput(sys), { approve: true });
    });
  });

  it("bad arguments are refused before any call with InvalidArgumentError naming the argument", async () => {
    const { sys, as } = await tradingSetup();
    const carol = await as(sys.carol);
    const input = await tenderInput(sys);
    const listing = { batchId: sys.b2022, amount: CREDIT, pricePerCredit: USD, paymentToken: sys.usdAddress, expiry: input.deadline };
    const before = await ethers.provider.getBlockNumber();
    const cases: Array<[Promise<unknown>, string]> = [
      [carol.market.createTender({ ...input, creditsRequired: 0n }, { approve: true }), "input.creditsRequired"],
      [carol.market.createTender({ ...input, maxPricePerCredit: -5n }), "input.maxPricePerCredit"],
      [carol.market.createTender({ ...input, creditsRequired: 1n << 128n }), "input.creditsRequired"],
      [carol.market.createTender({ ...input, paymentToken: "usd" }), "input.paymentToken"],
      [carol.market.createTender({ ...input, deadline: new Date("not a date") }), "input.deadline"],
      [carol.market.createTender({ ...input, deadline: 0 }), "input.deadline"],
      [carol.market.createTender({ ...input, minVintage: 2024, maxVintage: 2020 }), "input.maxVintage"],
      [carol.market.submitProposal(1n, sys.b2022, 0n, USD, { approve: true }), "amount"],
      [carol.market.submitProposal(1n, sys.b2022, CREDIT, 0n), "pricePerCredit"],
      [carol.market.awardTender(1n, 1n, { pricePerCredit: USD, amount: 0n }), "terms.amount"],
      [carol.market.awardTender(1n, -1n, { pricePerCredit: USD, amount: 1n }), "proposalId"],
      [carol.market.createListing({ ...listing, amount: 0n }, { approve: true }), "input.amount"],
      [carol.market.createListing({ ...listing, minFill: 2n * CREDIT }), "input.minFill"],
      [carol.market.createListing({ ...listing, expiry: -1 }), "input.expiry"],
      [carol.market.buy(1n, 0n, { pricePerCredit: USD }, { approve: true }), "amount"],
      [carol.market.buy(1n, CREDIT, { pricePerCredit: 0n }), "terms.pricePerCredit"],
      [carol.market.quote(0n, USD), "amount"],
      [carol.market.setFeeRecipient("0x00"), "recipient"],
      [carol.market.withdrawFees("0x00"), "token"],
      [carol.market.listTenders({ limit: 501 }), "limit"],
    ];
    for (const [promise, argument] of cases) {
      const err = await promise.catch((e: unknown) => e);
      expect(err, argument).to.be.instanceOf(InvalidArgumentError);
      expect((err as InvalidArgumentError).argument, argument).to.equal(argument);
    }
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
  });
});
