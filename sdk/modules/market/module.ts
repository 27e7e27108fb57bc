/**
 * The `market` module class (`CreditMarketplace`): reads, tenders (buyers), proposals (sellers),
 * listings, fees and admin. Units, the cost and fee formulas and `{ approve: true }`: see `index.ts`.
 */
import { Contract, type TransactionReceipt } from "ethers";
import type { CarbonCredits, CreditMarketplace } from "../../../typechain-types";
import type { TradeEvent } from "../../../typechain-types/contracts/market/CreditMarketplace";
import { InvalidArgumentError } from "../../errors/base";
import { CarbonCreditsAbi } from "../../generated/abis";
import type { Context } from "../../internal/context";
import { Module, type TxResult, type WriteOptions } from "../../internal/module";
import { page, pageIds, type Page, type PageOptions } from "../../internal/paging";
import * as check from "../../internal/validate";
import type { LogPosition, Unsubscribe, WatchOptions } from "../../internal/watch";
import { costUp, feeDown } from "../../units";
import { retiredFromReceipt, toRetirementDetails, type RetireResult, type RetirementDetailsInput } from "../credits";
import { ensureAllowance, ensureOperator, refuseApproveWhenPreparing, type MarketCalls } from "./approvals";
import { toListing, toProposal, toQuote, toTender, toTrade } from "./decode";
import { awardTerms, buyTerms, listingArgs, listingMatcher, marketValue, tenderArgs } from "./inputs";
import type { ApproveOptions, Approved, AwardTerms, BuyTerms, Listing, ListingFilter, ListingInput, MarketData, PriceQuote, Proposal, Quote, Tender, TenderInput, Trade, TradeFilter, TradeRecord } from "./types";

/** The `market` module: see the file header. */
export class MarketModule extends Module<CreditMarketplace> {
  private readonly credits: CarbonCredits;

  /** @param ctx shared connection; @param contract the CreditMarketplace contract; @param name module name. */
  constructor(ctx: Context, contract: CreditMarketplace, name: string) {
    super(ctx, contract, name);
    this.credits = new Contract(ctx.addresses.credits, CarbonCreditsAbi as never, ctx.runner) as unknown as CarbonCredits;
  }

  // ───────────── reads ─────────────

  /** One tender, status as seen now. @throws `MarketplaceUnknownTenderError`. */
  async getTender(tenderId: bigint | number): Promise<Tender> {
    const id = check.unsigned("tenderId", tenderId);
    const t = await this.read("getTender", () => this.contract.getTender(id));
    return toTender(id, t);
  }

  /**
   * End of the tender's award window as seen now, unix seconds: `deadline + 7 days` plus every second
   * the marketplace or CarbonCredits has been paused since the tender was created (so a pause never
   * costs the buyer award time). Awards strictly before it; release from it on.
   * @throws `MarketplaceUnknownTenderError`.
   */
  async awardClosesAt(tenderId: bigint | number): Promise<bigint> {
    const id = check.unsigned("tenderId", tenderId);
    return this.read("awardClosesAt", () => this.contract.awardClosesAt(id));
  }

  /** One proposal, status as seen now. @throws `MarketplaceUnknownProposalError`. */
  async getProposal(proposalId: bigint | number): Promise<Proposal> {
    const id = check.unsigned("proposalId", proposalId);
    const p = await this.read("getProposal", () => this.contract.getProposal(id));
    return toProposal(id, p);
  }

  /** One listing, status as seen now. @throws `MarketplaceUnknownListingError`. */
  async getListing(listingId: bigint | number): Promise<Listing> {
    const id = check.unsigned("listingId", listingId);
    const l = await this.read("getListing", () => this.contract.getListing(id));
    return toListing(id, l);
  }

  /** Number of tenders; ids run from 1. */
  async tenderCount(): Promise<bigint> {
    return this.read("tenderCount", () => this.contract.tenderCount());
  }

  /** Number of proposals (all tenders); ids run from 1. */
  async proposalCount(): Promise<bigint> {
    return this.read("proposalCount", () => this.contract.proposalCount());
  }

  /** Number of listings; ids run from 1. */
  async listingCount(): Promise<bigint> {
    return this.read("listingCount", () => this.contract.listingCount());
  }

  /** Tenders in id order, paged (`offset` 0 = tender 1). */
  async listTenders(options: PageOptions = {}): Promise<Page<Tender>> {
    const { offset, limit } = page(options);
    const total = await this.tenderCount();
    return { items: await Promise.all(pageIds(offset, limit, total).map((id) => this.getTender(id))), total };
  }

  /**
   * Listings in id order, paged (`offset` 0 = listing 1) — optionally only those with `status`
   * (as seen now, e.g. `"Active"`), of `batchId`, or by `seller`; then `offset`/`limit` and `total`
   * count the matching listings (every listing is read, 50 at a time).
   * @throws {@link InvalidArgumentError} for an unknown key, status name or a malformed address.
   */
  async listListings(options: PageOptions & ListingFilter = {}): Promise<Page<Listing>> {
    const matches = listingMatcher(options);
    const { offset, limit } = page(options);
    const total = await this.listingCount();
    if (matches === undefined) {
      return { items: await Promise.all(pageIds(offset, limit, total).map((id) => this.getListing(id))), total };
    }
    const matching: Listing[] = [];
    for (let from = 0; BigInt(from) < total; from += 50) {
      const chunk = await Promise.all(pageIds(from, 50, total).map((id) => this.getListing(id)));
      matching.push(...chunk.filter(matches));
    }
    return { items: matching.slice(offset, offset + limit), total: BigInt(matching.length) };
  }

  /**
   * A tender's proposals in submission order, paged. The contract keeps no per-tender index, so
   * the ids come from the `ProposalSubmitted` events (indexed by tender) since the deployment block.
   * @throws `MarketplaceUnknownTenderError`.
   */
  async getTenderProposals(tenderId: bigint | number, options: PageOptions = {}): Promise<Page<Proposal>> {
    const id = check.unsigned("tenderId", tenderId);
    const { offset, limit } = page(options);
    await this.read("getTenderProposals", () => this.contract.getTender(id));
    const logs = await this.queryEvents("getTenderProposals", this.contract.filters.ProposalSubmitted(id));
    const ids = logs.map((log) => log.args.proposalId);
    const items = await Promise.all(ids.slice(offset, offset + limit).map((pid) => this.getProposal(pid)));
    return { items, total: BigInt(ids.length) };
  }

  /** Token units escrowed for the tender now: its budget while Open/UnderReview, else 0. */
  async tenderEscrow(tenderId: bigint | number): Promise<bigint> {
    const id = check.unsigned("tenderId", tenderId);
    return this.read("tenderEscrow", () => this.contract.tenderEscrow(id));
  }

  /** Grams CO2e escrowed for the proposal now: its amount until accepted, withdrawn or reclaimed, else 0. */
  async proposalEscrow(proposalId: bigint | number): Promise<bigint> {
    const id = check.unsigned("proposalId", proposalId);
    return this.read("proposalEscrow", () => this.contract.proposalEscrow(id));
  }

  /**
   * What a trade of `amount` grams at `pricePerCredit` costs now, computed locally exactly as the
   * contract does (`costUp`, then `feeDown` of the cost), at the marketplace's CURRENT fee rate — the
   * rate a new proposal or listing would lock in — or at `options.feeBps`. The buyer pays `cost`; the
   * seller receives `sellerProceeds = cost − fee`. For an existing listing or proposal (which keep
   * the rate they were made at) use {@link MarketModule.quoteBuy} / {@link MarketModule.quoteAward}.
   * @throws {@link InvalidArgumentError} when `amount` or `pricePerCredit` ≤ 0.
   */
  async quote(amount: bigint, pricePerCredit: bigint, options: { feeBps?: number | bigint } = {}): Promise<PriceQuote> {
    const a = check.positive("amount", amount);
    const p = check.positive("pricePerCredit", pricePerCredit);
    const bps = options.feeBps === undefined ? await this.feeBps() : Number(check.unsigned("options.feeBps", options.feeBps, 16));
    const cost = costUp(a, p);
    const fee = feeDown(cost, bps);
    return { amount: a, pricePerCredit: p, feeBps: bps, cost, fee, sellerProceeds: cost - fee, refund: 0n };
  }

  /**
   * What buying `amount` grams of listing `listingId` costs (contract view, at the listing's fee rate;
   * fill rules not checked). @throws `MarketplaceUnknownListingError`.
   */
  async quoteBuy(listingId: bigint | number, amount: bigint): Promise<Quote> {
    const id = check.unsigned("listingId", listingId);
    const a = check.positive("amount", amount);
    return toQuote(await this.read("quoteBuy", () => this.contract.quoteBuy(id, a)));
  }

  /** What awarding `proposalId` costs, charges, pays and refunds now (contract view). @throws `MarketplaceUnknownProposalError`. */
  async quoteAward(proposalId: bigint | number): Promise<Quote> {
    const id = check.unsigned("proposalId", proposalId);
    return toQuote(await this.read("quoteAward", () => this.contract.quoteAward(id)));
  }

  /** The fee rate for offers made now, bps (1 bps = 0.01 %; max 1,000). */
  async feeBps(): Promise<number> {
    return Number(await this.read("feeBps", () => this.contract.feeBps()));
  }

  /** The account allowed to withdraw accrued fees. */
  async feeRecipient(): Promise<string> {
    return this.read("feeRecipient", () => this.contract.feeRecipient());
  }

  /** Fees of `token` accrued and not yet withdrawn, token units. */
  async accruedFees(token: string): Promise<bigint> {
    const t = check.address("token", token);
    return this.read("accruedFees", () => this.contract.accruedFees(t));
  }

  /** Whether `token` is on the payment-token allow-list. */
  async isPaymentToken(token: string): Promise<boolean> {
    const t = check.address("token", token);
    return this.read("isPaymentToken", () => this.contract.isPaymentToken(t));
  }

  /** The payment-token allow-list now, rebuilt from `PaymentTokenSet` events since the deployment block (in order first allowed). */
  async paymentTokens(): Promise<string[]> {
    const logs = await this.queryEvents("paymentTokens", this.contract.filters.PaymentTokenSet());
    const allowed = new Map<string, boolean>();
    for (const log of logs) {
      allowed.delete(log.args.token);
      allowed.set(log.args.token, log.args.allowed);
    }
    return [...allowed].filter(([, ok]) => ok).map(([token]) => token);
  }

  /** Market data of batch `batchId` (all zero if never traded). */
  async marketData(batchId: bigint | number): Promise<MarketData> {
    const id = check.unsigned("batchId", batchId);
    const m = await this.read("marketData", () => this.contract.marketData(id));
    return { lastPaymentToken: m.lastPaymentToken, lastTradeAt: m.lastTradeAt, tradeCount: m.tradeCount, lastPricePerCredit: m.lastPricePerCredit, volume: m.volume };
  }

  /** Cumulative value (token units) of all trades of `batchId` paid in `token`. */
  async tradedValue(batchId: bigint | number, token: string): Promise<bigint> {
    const id = check.unsigned("batchId", batchId);
    const t = check.address("token", token);
    return this.read("tradedValue", () => this.contract.tradedValue(id, t));
  }

  /** Trades matching `filter` (batch, buyer, seller), oldest first, from `Trade` events — price history per batch, trade history per account. */
  async findTrades(filter: TradeFilter = {}): Promise<TradeRecord[]> {
    check.knownKeys("filter", filter, ["batchId", "buyer", "seller", "fromBlock", "toBlock"]);
    const batchId = filter.batchId === undefined ? undefined : check.unsigned("filter.batchId", filter.batchId);
    const buyer = filter.buyer === undefined ? undefined : check.address("filter.buyer", filter.buyer);
    const seller = filter.seller === undefined ? undefined : check.address("filter.seller", filter.seller);
    const logs = await this.queryEvents("findTrades", this.contract.filters.Trade(batchId, buyer, seller), filter.fromBlock, filter.toBlock);
    return logs.map((log) => ({ ...toTrade(log.args), blockNumber: log.blockNumber, transactionHash: log.transactionHash }));
  }

  /**
   * Calls `listener` with every new trade (award or listing fill; `kind` by name), optionally only of
   * `batchId` / `buyer` / `seller`, polling the RPC (works over HTTP). @returns the unsubscribe function.
   */
  watchTrades(listener: (trade: Trade & LogPosition) => void, options: WatchOptions & Pick<TradeFilter, "batchId" | "buyer" | "seller"> = {}): Unsubscribe {
    const batchId = options.batchId === undefined ? undefined : check.unsigned("options.batchId", options.batchId);
    const buyer = options.buyer === undefined ? undefined : check.address("options.buyer", options.buyer);
    const seller = options.seller === undefined ? undefined : check.address("options.seller", options.seller);
    return this.watchEvents("watchTrades", this.contract.filters.Trade(batchId, buyer, seller), (log) => toTrade(log.args), listener, options);
  }

  /** Whether entry (create tender, propose, award, list, buy) is paused. */
  async paused(): Promise<boolean> {
    return this.read("paused", () => this.contract.paused());
  }

  // ───────────── tenders (buyers) ─────────────

  /**
   * Opens a tender and escrows the buyer's maximum budget `costUp(creditsRequired, maxPricePerCredit)`.
   * Caller: anyone (the buyer). Not while paused. With `{ approve: true }` the SDK first approves the
   * budget when the marketplace's allowance is below it.
   * @returns `{ hash, receipt, tenderId, budget, approvalHash? }`.
   * @throws {@link InvalidArgumentError} (amounts ≤ 0 or above 2^128 − 1, malformed token, bad
   * deadline, empty vintage range) before any call; `MarketplacePaymentTokenNotAllowedError`,
   * `MarketplaceInvalidDeadlineError`, `ERC20InsufficientAllowanceError` / `ERC20InsufficientBalanceError`
   * (from the token, nested), `EnforcedPauseError`.
   */
  async createTender(input: TenderInput, options: ApproveOptions = {}): Promise<TxResult<{ tenderId: bigint; budget: bigint } & Approved>> {
    const args = tenderArgs(input);
    const budget = costUp(args.creditsRequired as bigint, args.maxPricePerCredit as bigint);
    const approvalHash = await ensureAllowance(this.calls, "createTender", args.paymentToken as string, budget, options, this.contract.createTender, [args]);
    const result = await this.write("createTender", this.contract.createTender, [args], (r) => {
      const e = this.event(r, "TenderCreated");
      return { tenderId: e.tenderId as bigint, budget: e.budget as bigint };
    }, options);
    return { ...result, approvalHash };
  }

  /**
   * Awards the tender to one pending proposal: credits to the buyer, `cost − fee` to the seller, the
   * fee accrues, `budget − cost` is refunded — atomically. Caller: the tender's buyer, while the tender
   * is Open/UnderReview and before `deadline + 7 days`. Not while paused. The buyer echoes the terms
   * it saw (pass the {@link Proposal} it read); any difference reverts.
   * @returns `{ hash, receipt, trade, refund }`.
   * @throws {@link InvalidArgumentError} before any call; `MarketplaceTermsMismatchError`,
   * `MarketplaceMaxCostExceededError`, `MarketplaceNotTenderBuyerError`, `MarketplaceTenderNotOpenError`,
   * `MarketplaceAwardWindowClosedError`, `MarketplaceProposalNotInTenderError`,
   * `MarketplaceProposalNotPendingError`, `EnforcedPauseError`.
   */
  async awardTender(tenderId: bigint | number, proposalId: bigint | number, terms: AwardTerms, options?: WriteOptions): Promise<TxResult<{ trade: Trade; refund: bigint }>> {
    const [price, amount, maxTotalCost] = awardTerms(terms);
    const args = [check.unsigned("tenderId", tenderId), check.unsigned("proposalId", proposalId), price, amount, maxTotalCost];
    return this.write("awardTender", this.contract.awardTender, args, (r) => ({
      trade: this.trade(r),
      refund: this.event(r, "TenderAwarded").refund as bigint,
    }), options);
  }

  /**
   * Awards a tender created with `retireOnAward` and retires the credits for the buyer in the same
   * transaction (offset in one step): the same checks, quote, fee, seller proceeds and refund as
   * {@link MarketModule.awardTender}, but the escrowed credits go straight to a retirement whose account
   * is the buyer and whose link is `{ source: "TenderAward", refId: tenderId, fill }` — never to the
   * buyer's balance. `details.beneficiary` defaults to the signer. Caller: the tender's buyer. Not while
   * the marketplace or CarbonCredits is paused, nor once the project is no longer Approved.
   * @returns `{ hash, receipt, trade, refund, retirement }` (`retirement`: id, amount, batches, account,
   * beneficiary, link — decoded from CarbonCredits' `Retired` event).
   * @throws {@link InvalidArgumentError} before any call (terms, retirement texts over 256 bytes,
   * malformed beneficiary); as {@link MarketModule.awardTender}, and `MarketplaceWrongAwardFormError`
   * for a tender without `retireOnAward`.
   */
  async awardTenderAndRetire(
    tenderId: bigint | number,
    proposalId: bigint | number,
    terms: AwardTerms,
    details: RetirementDetailsInput = {},
    options?: WriteOptions,
  ): Promise<TxResult<{ trade: Trade; refund: bigint; retirement: RetireResult }>> {
    const [price, amount, maxTotalCost] = awardTerms(terms);
    const buyer = await this.requireSigner("awardTenderAndRetire").getAddress();
    const args = [check.unsigned("tenderId", tenderId), check.unsigned("proposalId", proposalId), price, amount, maxTotalCost, toRetirementDetails(details, buyer)];
    return this.write("awardTenderAndRetire", this.contract.awardTenderAndRetire, args, (r) => ({
      trade: this.trade(r),
      refund: this.event(r, "TenderAwarded").refund as bigint,
      retirement: this.retirement(r),
    }), options);
  }

  /**
   * Cancels an open (or under-review) tender and refunds the whole budget. Caller: the tender's buyer.
   * Works while paused. @returns `{ hash, receipt, refund }`.
   * @throws `MarketplaceNotTenderBuyerError`, `MarketplaceTenderNotOpenError`, `MarketplaceUnknownTenderError`.
   */
  async cancelTender(tenderId: bigint | number, options?: WriteOptions): Promise<TxResult<{ refund: bigint }>> {
    return this.write("cancelTender", this.contract.cancelTender, [check.unsigned("tenderId", tenderId)], (r) => ({
      refund: this.event(r, "TenderCancelled").refund as bigint,
    }), options);
  }

  /**
   * Releases an unawarded tender from `deadline + 7 days` on: marks it Expired and refunds the budget
   * to its buyer. Caller: anyone. Works while paused. @returns `{ hash, receipt, refund }`.
   * @throws `MarketplaceGracePeriodNotOverError`, `MarketplaceTenderNotOpenError`, `MarketplaceUnknownTenderError`.
   */
  async releaseTender(tenderId: bigint | number, options?: WriteOptions): Promise<TxResult<{ refund: bigint }>> {
    return this.write("releaseTender", this.contract.releaseTender, [check.unsigned("tenderId", tenderId)], (r) => ({
      refund: this.event(r, "TenderReleased").refund as bigint,
    }), options);
  }

  // ───────────── proposals (sellers) ─────────────

  /**
   * Offers `amount` grams of batch `batchId` at `pricePerCredit` against an open tender and escrows
   * them. Caller: anyone but the buyer, strictly before the deadline. Not while paused. With
   * `{ approve: true }` the SDK first calls `setApprovalForAll(marketplace, true)` on CarbonCredits if needed.
   * @returns `{ hash, receipt, proposalId, approvalHash? }`.
   * @throws {@link InvalidArgumentError} before any call; `MarketplaceDeadlinePassedError`,
   * `MarketplacePriceAboveMaxError`, `MarketplaceAmountAboveRequiredError`, `MarketplaceBatchNotEligibleError`,
   * `MarketplaceProjectNotApprovedError`, `MarketplaceSelfTradeError`, `ERC1155MissingApprovalForAllError`
   * / `ERC1155InsufficientBalanceError` (from CarbonCredits, nested), `EnforcedPauseError`.
   */
  async submitProposal(
    tenderId: bigint | number,
    batchId: bigint | number,
    amount: bigint,
    pricePerCredit: bigint,
    options: ApproveOptions = {},
  ): Promise<TxResult<{ proposalId: bigint } & Approved>> {
    const args = [check.unsigned("tenderId", tenderId), check.unsigned("batchId", batchId), marketValue("amount", amount), marketValue("pricePerCredit", pricePerCredit)];
    const approvalHash = await ensureOperator(this.calls, "submitProposal", options, this.contract.submitProposal, args, args[1], args[2]);
    const result = await this.write("submitProposal", this.contract.submitProposal, args, (r) => ({
      proposalId: this.event(r, "ProposalSubmitted").proposalId as bigint,
    }), options);
    return { ...result, approvalHash };
  }

  /**
   * Withdraws a pending proposal of a still-open tender; its credits go back. Caller: the proposal's
   * seller. Works while paused. @returns `{ hash, receipt, amount }` (grams returned).
   * @throws `MarketplaceNotProposalSellerError`, `MarketplaceProposalNotPendingError`, `MarketplaceTenderNotOpenError`.
   */
  async withdrawProposal(proposalId: bigint | number, options?: WriteOptions): Promise<TxResult<{ amount: bigint }>> {
    return this.write("withdrawProposal", this.contract.withdrawProposal, [check.unsigned("proposalId", proposalId)], (r) => ({
      amount: this.event(r, "ProposalWithdrawn").amount as bigint,
    }), options);
  }

  /**
   * Returns a losing proposal's escrowed credits to its seller once the tender is Awarded (to
   * another), Cancelled or Expired. Caller: anyone. Works while paused. @returns `{ hash, receipt, amount }`.
   * @throws `MarketplaceTenderNotFinalError`, `MarketplaceProposalNotPendingError`.
   */
  async reclaimProposal(proposalId: bigint | number, options?: WriteOptions): Promise<TxResult<{ amount: bigint }>> {
    return this.write("reclaimProposal", this.contract.reclaimProposal, [check.unsigned("proposalId", proposalId)], (r) => ({
      amount: this.event(r, "ProposalReclaimed").amount as bigint,
    }), options);
  }

  // ───────────── listings ─────────────

  /**
   * Lists credits at a fixed price, escrowing them; fills of at least `minFill` (or the whole
   * remainder) are accepted strictly before `expiry`. Caller: anyone (the seller). Not while paused.
   * `{ approve: true }`: as {@link MarketModule.submitProposal}.
   * @returns `{ hash, receipt, listingId, approvalHash? }`.
   * @throws {@link InvalidArgumentError} (amount or price ≤ 0, minFill > amount, bad expiry, malformed
   * token) before any call; `MarketplacePaymentTokenNotAllowedError`, `MarketplaceInvalidDeadlineError`,
   * `MarketplaceProjectNotApprovedError`, `RegistryUnknownBatchError`, `ERC1155MissingApprovalForAllError`,
   * `ERC1155InsufficientBalanceError`, `EnforcedPauseError`.
   */
  async createListing(input: ListingInput, options: ApproveOptions = {}): Promise<TxResult<{ listingId: bigint } & Approved>> {
    const args = listingArgs(input);
    const approvalHash = await ensureOperator(this.calls, "createListing", options, this.contract.createListing, args, args[0] as bigint, args[1] as bigint);
    const result = await this.write("createListing", this.contract.createListing, args, (r) => ({
      listingId: this.event(r, "ListingCreated").listingId as bigint,
    }), options);
    return { ...result, approvalHash };
  }

  /**
   * Buys `amount` grams of a listing (partial fills allowed): pays `costUp(amount, price)`, the seller
   * gets `cost − fee`, the credits come to the signer. Caller: anyone but the seller, strictly before
   * the expiry. Not while paused. The buyer echoes the price it saw (pass the {@link Listing} it read).
   * With `{ approve: true }` the SDK first approves the cost when the allowance is below it.
   * @returns `{ hash, receipt, trade, remaining, approvalHash? }` (`remaining`: grams left in the listing).
   * @throws {@link InvalidArgumentError} before any call; `MarketplaceListingExpiredError`,
   * `MarketplaceListingNotActiveError`, `MarketplaceAmountAboveRemainingError`, `MarketplaceBelowMinFillError`,
   * `MarketplaceTermsMismatchError`, `MarketplaceMaxCostExceededError`, `MarketplaceSelfTradeError`,
   * `ERC20InsufficientAllowanceError` / `ERC20InsufficientBalanceError` (from the token, nested), `EnforcedPauseError`.
   */
  async buy(
    listingId: bigint | number,
    amount: bigint,
    terms: BuyTerms,
    options: ApproveOptions = {},
  ): Promise<TxResult<{ trade: Trade; remaining: bigint } & Approved>> {
    const id = check.unsigned("listingId", listingId);
    const a = marketValue("amount", amount);
    const { price, cost, maxTotalCost } = buyTerms(a, terms);
    const args = [id, a, price, maxTotalCost];
    let approvalHash: string | undefined;
    if (options.approve) {
      refuseApproveWhenPreparing(this.calls, "buy");
      const listing = await this.getListing(id);
      approvalHash = await ensureAllowance(this.calls, "buy", listing.paymentToken, cost, options, this.contract.buy, args);
    }
    const result = await this.write("buy", this.contract.buy, args, (r) => ({
      trade: this.trade(r),
      remaining: this.event(r, "ListingFilled").remaining as bigint,
    }), options);
    return { ...result, approvalHash };
  }

  /**
   * Buys `amount` grams of a listing and retires them for the signer in the same transaction (offset in
   * one step): the same checks, quote, payment and fee as {@link MarketModule.buy}, but the credits go
   * from escrow straight to a retirement whose account is the signer and whose link is
   * `{ source: "ListingFill", refId: listingId, fill }` — never to the signer's balance, and no
   * CarbonCredits approval is needed. `details.beneficiary` defaults to the signer. Not while the
   * marketplace or CarbonCredits is paused, nor once the project is no longer Approved.
   * `{ approve: true }`: as {@link MarketModule.buy}.
   * @returns `{ hash, receipt, trade, remaining, retirement, approvalHash? }`.
   * @throws {@link InvalidArgumentError} before any call (terms, retirement texts over 256 bytes,
   * malformed beneficiary); as {@link MarketModule.buy}.
   */
  async buyAndRetire(
    listingId: bigint | number,
    amount: bigint,
    terms: BuyTerms,
    details: RetirementDetailsInput = {},
    options: ApproveOptions = {},
  ): Promise<TxResult<{ trade: Trade; remaining: bigint; retirement: RetireResult } & Approved>> {
    const id = check.unsigned("listingId", listingId);
    const a = marketValue("amount", amount);
    const { price, cost, maxTotalCost } = buyTerms(a, terms);
    const buyer = await this.requireSigner("buyAndRetire").getAddress();
    const args = [id, a, price, maxTotalCost, toRetirementDetails(details, buyer)];
    let approvalHash: string | undefined;
    if (options.approve) {
      const listing = await this.getListing(id);
      approvalHash = await ensureAllowance(this.calls, "buyAndRetire", listing.paymentToken, cost, options, this.contract.buyAndRetire, args);
    }
    const result = await this.write("buyAndRetire", this.contract.buyAndRetire, args, (r) => ({
      trade: this.trade(r),
      remaining: this.event(r, "ListingFilled").remaining as bigint,
      retirement: this.retirement(r),
    }), options);
    return { ...result, approvalHash };
  }

  /**
   * Cancels a listing (active or expired) and returns the unsold credits. Caller: the seller. Works
   * while paused. @returns `{ hash, receipt, returned }` (grams).
   * @throws `MarketplaceNotListingSellerError`, `MarketplaceListingNotActiveError`, `MarketplaceUnknownListingError`.
   */
  async cancelListing(listingId: bigint | number, options?: WriteOptions): Promise<TxResult<{ returned: bigint }>> {
    return this.write("cancelListing", this.contract.cancelListing, [check.unsigned("listingId", listingId)], (r) => ({
      returned: this.event(r, "ListingCancelled").returned as bigint,
    }), options);
  }

  // ───────────── fees and admin ─────────────

  /**
   * Pays all accrued fees of `token` to the signer. Caller: the fee recipient. Works while paused.
   * @returns `{ hash, receipt, amount }` (token units). @throws `MarketplaceNotFeeRecipientError`, `MarketplaceNothingToWithdrawError`.
   */
  async withdrawFees(token: string, options?: WriteOptions): Promise<TxResult<{ amount: bigint }>> {
    return this.write("withdrawFees", this.contract.withdrawFees, [check.address("token", token)], (r) => ({
      amount: this.event(r, "FeesWithdrawn").amount as bigint,
    }), options);
  }

  /** Sets the fee rate (bps) for offers made from now on. Caller: FEE_ADMIN_ROLE. @throws `MarketplaceFeeTooHighError` above 1,000 bps. */
  async setFeeBps(feeBps: number | bigint, options?: WriteOptions): Promise<TxResult> {
    return this.write("setFeeBps", this.contract.setFeeBps, [check.unsigned("feeBps", feeBps)], undefined, options);
  }

  /** Sets the account allowed to withdraw fees. Caller: FEE_ADMIN_ROLE. @throws `MarketplaceInvalidFeeRecipientError` (zero address). */
  async setFeeRecipient(recipient: string, options?: WriteOptions): Promise<TxResult> {
    return this.write("setFeeRecipient", this.contract.setFeeRecipient, [check.address("recipient", recipient)], undefined, options);
  }

  /**
   * Adds `token` to (`allowed = true`) or removes it from the payment-token allow-list. Caller:
   * MARKET_ADMIN_ROLE. @throws `MarketplaceInvalidPaymentTokenError` (no code, when allowing).
   */
  async setPaymentToken(token: string, allowed: boolean, options?: WriteOptions): Promise<TxResult> {
    if (typeof allowed !== "boolean") throw new InvalidArgumentError("allowed", allowed, "expected a boolean");
    return this.write("setPaymentToken", this.contract.setPaymentToken, [check.address("token", token), allowed], undefined, options);
  }

  /** Stops entry (create tender, propose, award, list, buy); exits keep working. Caller: PAUSER_ROLE. */
  async pause(options?: WriteOptions): Promise<TxResult> {
    return this.write("pause", this.contract.pause, [], undefined, options);
  }

  /** Resumes entry. Caller: PAUSER_ROLE. */
  async unpause(options?: WriteOptions): Promise<TxResult> {
    return this.write("unpause", this.contract.unpause, [], undefined, options);
  }

  // ───────────── internals ─────────────

  /** What the escrow-approval helpers (`approvals.ts`) use of this module, bound to this object or its prepare form. */
  private get calls(): MarketCalls {
    return {
      name: this.name,
      ctx: this.ctx,
      credits: this.credits,
      isPreparing: this.isPreparing,
      read: (method, call) => this.read(method, call),
      send: (method, fn, args, options) => this.write(method, fn, args, undefined, options),
      requireSigner: (method) => this.requireSigner(method),
    };
  }

  private trade(receipt: TransactionReceipt): Trade {
    return toTrade(this.event(receipt, "Trade") as unknown as TradeEvent.OutputObject);
  }

  /** The one-step offset's retirement, from CarbonCredits' `Retired` event in `receipt`. */
  private retirement(receipt: TransactionReceipt): RetireResult {
    return retiredFromReceipt(this.credits.interface, this.ctx.addresses.credits, receipt);
  }
}
