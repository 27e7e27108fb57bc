/**
 * `market` — tenders, proposals and direct listings (`CreditMarketplace`, seed 003).
 *
 * Units: credit amounts are integer grams CO2e (1 credit = 1,000,000 units); prices are per whole
 * credit in the payment token's smallest unit; fees are basis points; times are unix seconds.
 * A trade costs the buyer `costUp(amount, price)` = `ceil(amount × price / 1e6)`; the fee
 * `feeDown(cost, feeBps)` = `floor(cost × feeBps / 10,000)` is taken out of the SELLER's proceeds
 * (`cost − fee`) and accrues in the marketplace for the fee recipient to withdraw. The fee rate of a
 * proposal or listing is the one in force when the seller committed.
 *
 * Writes that move the caller's tokens into escrow accept `{ approve: true }`: before the write the
 * SDK sends the missing ERC-20 `approve` (buyers) or ERC-1155 `setApprovalForAll` (sellers) to the
 * marketplace — only when the current allowance / approval is insufficient — and reports its hash as
 * `approvalHash`. Before any approval the SDK checks what an approval cannot fix — the caller's
 * payment-token balance (buyers) or credit balance (sellers), thrown as the token's own
 * `ERC20InsufficientBalanceError` / `ERC1155InsufficientBalanceError` — and simulates the write: if it
 * would fail for any other reason than the missing approval, its error is thrown and nothing is sent.
 */
import { Contract, type TransactionReceipt } from "ethers";
import type { CarbonCredits, CreditMarketplace } from "../../typechain-types";
import type { ICreditMarketplace, TradeEvent } from "../../typechain-types/contracts/market/CreditMarketplace";
import { InvalidArgumentError } from "../errors/base";
import { revertError, toSdkError } from "../errors/decode";
import { ERC1155InsufficientBalanceError, ERC1155MissingApprovalForAllError, ERC20InsufficientAllowanceError, ERC20InsufficientBalanceError } from "../generated/errors";
import { CarbonCreditsAbi } from "../generated/abis";
import type { Context } from "../internal/context";
import { Module, type SendableMethod, type TxResult, type WriteOptions } from "../internal/module";
import { retiredFromReceipt, toRetirementDetails, type RetireResult, type RetirementDetailsInput } from "./credits";
import { page, type Page, type PageOptions } from "../internal/paging";
import * as check from "../internal/validate";
import type { LogPosition, Unsubscribe, WatchOptions } from "../internal/watch";
import { costUp, feeDown } from "../units";

/** Tender states, as `ICreditMarketplace.TenderStatus` (name → on-chain value). `UnderReview` = Open past its deadline. */
export const TenderStatus = { None: 0, Open: 1, UnderReview: 2, Awarded: 3, Cancelled: 4, Expired: 5 } as const;
/** A tender status name. */
export type TenderStatusName = keyof typeof TenderStatus;
/** Proposal states, as `ICreditMarketplace.ProposalStatus`. `Rejected` is derived from the tender. */
export const ProposalStatus = { None: 0, Pending: 1, Accepted: 2, Rejected: 3, Withdrawn: 4 } as const;
/** A proposal status name. */
export type ProposalStatusName = keyof typeof ProposalStatus;
/** Listing states, as `ICreditMarketplace.ListingStatus`. `Expired` = Active at or after its expiry. */
export const ListingStatus = { None: 0, Active: 1, Expired: 2, SoldOut: 3, Cancelled: 4 } as const;
/** A listing status name. */
export type ListingStatusName = keyof typeof ListingStatus;
/** Where a trade came from, as `ICreditMarketplace.TradeKind`. */
export const TradeKind = { Award: 0, Listing: 1 } as const;
/** A trade kind name. */
export type TradeKindName = keyof typeof TradeKind;

const TENDER_NAMES = Object.keys(TenderStatus) as TenderStatusName[];
const PROPOSAL_NAMES = Object.keys(ProposalStatus) as ProposalStatusName[];
const LISTING_NAMES = Object.keys(ListingStatus) as ListingStatusName[];
const KIND_NAMES = Object.keys(TradeKind) as TradeKindName[];

/** Largest amount or price the marketplace accepts (`MAX_VALUE` = 2^128 − 1). */
export const MARKET_MAX_VALUE = (1n << 128n) - 1n;

const ERC20_ABI = [
  "function allowance(address owner, address spender) view returns (uint256)",
  "function approve(address spender, uint256 amount) returns (bool)",
  "function balanceOf(address account) view returns (uint256)",
] as const;

/** Options of writes that escrow the caller's tokens. */
export interface ApproveOptions extends WriteOptions {
  /**
   * Send the missing approval first: ERC-20 `approve(marketplace, needed)` for buyers, ERC-1155
   * `setApprovalForAll(marketplace, true)` for sellers — only when the current one is insufficient,
   * and only after a simulation shows the write would fail for nothing but that approval.
   */
  readonly approve?: boolean;
}

/** What a buyer supplies to open a tender. */
export interface TenderInput {
  /** Allow-listed ERC-20 the budget is escrowed and paid in. */
  readonly paymentToken: string;
  /** Grams CO2e wanted, > 0. */
  readonly creditsRequired: bigint;
  /** Highest acceptable price per whole credit, payment-token units, > 0. */
  readonly maxPricePerCredit: bigint;
  /** Proposals are accepted strictly before this time (a Date or unix seconds), at most 365 days ahead. */
  readonly deadline: Date | number | bigint;
  /** Only batches of this project (default 0 = any). */
  readonly projectId?: bigint | number;
  /** Only vintages ≥ this year (default 0 = no bound). */
  readonly minVintage?: number;
  /** Only vintages ≤ this year (default 0 = no bound). */
  readonly maxVintage?: number;
  /**
   * Retire on award (default false): the tender then settles only by
   * {@link MarketModule.awardTenderAndRetire}, which retires the credits for the buyer in the same
   * transaction; otherwise only by {@link MarketModule.awardTender}.
   */
  readonly retireOnAward?: boolean;
}

/** A tender, with its status as seen now. */
export interface Tender {
  /** Tender id, sequential from 1. */
  readonly id: bigint;
  /** Who opened it; receives the credits and every refund. */
  readonly buyer: string;
  /** Unix seconds; proposals strictly before, awards until `deadline + 7 days`. */
  readonly deadline: bigint;
  /** As seen now (`UnderReview` derived from time). */
  readonly status: TenderStatusName;
  /** 0 = any project. */
  readonly projectId: bigint;
  /** ERC-20 the budget is escrowed and paid in. */
  readonly paymentToken: string;
  /** 0 = no bound. */
  readonly minVintage: number;
  /** 0 = no bound. */
  readonly maxVintage: number;
  /** Grams CO2e. */
  readonly creditsRequired: bigint;
  /** Payment-token units per whole credit. */
  readonly maxPricePerCredit: bigint;
  /** `costUp(creditsRequired, maxPricePerCredit)`, payment-token units, escrowed while open. */
  readonly budget: bigint;
  /** The accepted proposal, 0 until awarded. */
  readonly winningProposalId: bigint;
  /** Whether it settles by award-and-retire (see {@link TenderInput.retireOnAward}). */
  readonly retireOnAward: boolean;
}

/** A proposal, with its status as seen now. */
export interface Proposal {
  /** Proposal id, sequential from 1 across tenders. */
  readonly id: bigint;
  /** The tender it answers. */
  readonly tenderId: bigint;
  /** Who offered the credits; receives the proceeds or the credits back. */
  readonly seller: string;
  /** As seen now (`Rejected` derived from the tender). */
  readonly status: ProposalStatusName;
  /** Fee rate (bps) in force at submission, used if it wins. */
  readonly feeBps: number;
  /** Batch (= ERC-1155 token id) offered. */
  readonly batchId: bigint;
  /** Grams CO2e offered and escrowed. */
  readonly amount: bigint;
  /** Payment-token units per whole credit. */
  readonly pricePerCredit: bigint;
}

/** What a seller supplies to list credits at a fixed price. */
export interface ListingInput {
  /** Batch (= ERC-1155 token id) to sell. */
  readonly batchId: bigint | number;
  /** Grams CO2e to sell (escrowed), > 0. */
  readonly amount: bigint;
  /** Payment-token units per whole credit, > 0. */
  readonly pricePerCredit: bigint;
  /** Allow-listed ERC-20 buyers pay in. */
  readonly paymentToken: string;
  /** Fills are accepted strictly before this time (a Date or unix seconds), at most 365 days ahead. */
  readonly expiry: Date | number | bigint;
  /** Smallest fill, grams CO2e, ≤ amount (default 0 = any); a fill of the whole remainder is always allowed. */
  readonly minFill?: bigint;
}

/** A listing, with its status as seen now. */
export interface Listing {
  /** Listing id, sequential from 1. */
  readonly id: bigint;
  /** Who listed; receives the proceeds and, on cancel, the rest of the credits. */
  readonly seller: string;
  /** Unix seconds; fills strictly before. */
  readonly expiry: bigint;
  /** As seen now (`Expired` derived from time). */
  readonly status: ListingStatusName;
  /** Fee rate (bps) in force at listing, used for every fill. */
  readonly feeBps: number;
  /** ERC-20 buyers pay in. */
  readonly paymentToken: string;
  /** Batch (= ERC-1155 token id) listed. */
  readonly batchId: bigint;
  /** Grams CO2e still for sale. */
  readonly remaining: bigint;
  /** Payment-token units per whole credit. */
  readonly pricePerCredit: bigint;
  /** Grams CO2e. */
  readonly minFill: bigint;
  /** Grams CO2e originally listed. */
  readonly amount: bigint;
}

/** A quote, in payment-token units. The buyer pays `cost`; the fee comes out of the seller's side. */
export interface Quote {
  /** What the buyer pays in total: `costUp(amount, price)`. */
  readonly cost: bigint;
  /** What accrues to the fee recipient: `feeDown(cost, feeBps)`. */
  readonly fee: bigint;
  /** What the seller receives: `cost − fee`. */
  readonly sellerProceeds: bigint;
  /** For an award: the unused budget returned to the buyer; 0 otherwise. */
  readonly refund: bigint;
}

/** A local quote at a given fee rate (see {@link MarketModule.quote}). */
export interface PriceQuote extends Quote {
  /** Grams CO2e. */
  readonly amount: bigint;
  /** Payment-token units per whole credit. */
  readonly pricePerCredit: bigint;
  /** The fee rate used, bps. */
  readonly feeBps: number;
}

/** One trade (an award or a listing fill), from the `Trade` event. Amounts in grams, money in token units. */
export interface Trade {
  /** `Award` (a tender award) or `Listing` (a listing fill). */
  readonly kind: TradeKindName;
  /** The proposal id (Award) or the listing id (Listing). */
  readonly refId: bigint;
  /** Batch (= ERC-1155 token id) traded. */
  readonly batchId: bigint;
  /** Who received the credits. */
  readonly buyer: string;
  /** Who received `cost − fee`. */
  readonly seller: string;
  /** ERC-20 paid in. */
  readonly paymentToken: string;
  /** Grams CO2e traded. */
  readonly amount: bigint;
  /** Payment-token units per whole credit. */
  readonly pricePerCredit: bigint;
  /** Paid by the buyer. */
  readonly cost: bigint;
  /** Accrued for the fee recipient; the seller got `cost − fee`. */
  readonly fee: bigint;
}

/** A {@link Trade} with where it was mined (from {@link MarketModule.findTrades}). */
export interface TradeRecord extends Trade {
  /** Block the trade was mined in. */
  readonly blockNumber: number;
  /** Transaction of the trade. */
  readonly transactionHash: string;
}

/** Filter of {@link MarketModule.listListings}; every field is optional. */
export interface ListingFilter {
  /** Only listings with this status as seen now (`Expired` = Active past its expiry). */
  readonly status?: ListingStatusName;
  /** Only listings of this batch. */
  readonly batchId?: bigint | number;
  /** Only listings by this seller. */
  readonly seller?: string;
}

const LISTING_FILTER_KEYS = ["offset", "limit", "status", "batchId", "seller"] as const;

/** Filter of {@link MarketModule.findTrades}; every field is optional (an unknown key is refused). */
export interface TradeFilter {
  /** Only trades of this batch. */
  readonly batchId?: bigint | number;
  /** Only trades with this buyer. */
  readonly buyer?: string;
  /** Only trades with this seller. */
  readonly seller?: string;
  /** Default: the deployment block. */
  readonly fromBlock?: number;
  /** Default: latest. */
  readonly toBlock?: number;
}

/** On-chain market data of one batch. */
export interface MarketData {
  /** Token of the last trade (zero address if never traded). */
  readonly lastPaymentToken: string;
  /** Unix seconds, 0 if never traded. */
  readonly lastTradeAt: bigint;
  /** Number of trades. */
  readonly tradeCount: bigint;
  /** In `lastPaymentToken` units per whole credit. */
  readonly lastPricePerCredit: bigint;
  /** Cumulative grams CO2e traded. */
  readonly volume: bigint;
}

/** The terms a buyer saw and accepts when awarding: a {@link Proposal} object fits. */
export interface AwardTerms {
  /** The proposal's price per credit as seen. */
  readonly pricePerCredit: bigint;
  /** The proposal's amount (grams CO2e) as seen. */
  readonly amount: bigint;
  /** Most the buyer pays (token units); default `costUp(amount, pricePerCredit)`. */
  readonly maxTotalCost?: bigint;
}

/** The terms a buyer saw and accepts when buying: a {@link Listing} object fits. */
export interface BuyTerms {
  /** The listing's price per credit as seen. */
  readonly pricePerCredit: bigint;
  /** Most the buyer pays (token units); default `costUp(amount, pricePerCredit)`. */
  readonly maxTotalCost?: bigint;
}

/** `approvalHash`: the approval transaction the SDK sent first, when `{ approve: true }` needed one. */
export interface Approved {
  /** Hash of the approval transaction sent before the write; `undefined` when none was needed or asked for. */
  readonly approvalHash?: string;
}

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
    return {
      id,
      buyer: t.buyer,
      deadline: t.deadline,
      status: TENDER_NAMES[Number(t.status)],
      projectId: t.projectId,
      paymentToken: t.paymentToken,
      minVintage: Number(t.minVintage),
      maxVintage: Number(t.maxVintage),
      creditsRequired: t.creditsRequired,
      maxPricePerCredit: t.maxPricePerCredit,
      budget: t.budget,
      winningProposalId: t.winningProposalId,
      retireOnAward: t.retireOnAward,
    };
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
    return {
      id,
      tenderId: p.tenderId,
      seller: p.seller,
      status: PROPOSAL_NAMES[Number(p.status)],
      feeBps: Number(p.feeBps),
      batchId: p.batchId,
      amount: p.amount,
      pricePerCredit: p.pricePerCredit,
    };
  }

  /** One listing, status as seen now. @throws `MarketplaceUnknownListingError`. */
  async getListing(listingId: bigint | number): Promise<Listing> {
    const id = check.unsigned("listingId", listingId);
    const l = await this.read("getListing", () => this.contract.getListing(id));
    return {
      id,
      seller: l.seller,
      expiry: l.expiry,
      status: LISTING_NAMES[Number(l.status)],
      feeBps: Number(l.feeBps),
      paymentToken: l.paymentToken,
      batchId: l.batchId,
      remaining: l.remaining,
      pricePerCredit: l.pricePerCredit,
      minFill: l.minFill,
      amount: l.amount,
    };
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
    return { items: await Promise.all(range(offset, limit, total).map((id) => this.getTender(id))), total };
  }

  /**
   * Listings in id order, paged (`offset` 0 = listing 1) — optionally only those with `status`
   * (as seen now, e.g. `"Active"`), of `batchId`, or by `seller`; then `offset`/`limit` and `total`
   * count the matching listings (every listing is read, 50 at a time).
   * @throws {@link InvalidArgumentError} for an unknown key, status name or a malformed address.
   */
  async listListings(options: PageOptions & ListingFilter = {}): Promise<Page<Listing>> {
    check.knownKeys("options", options, LISTING_FILTER_KEYS);
    const { offset, limit } = page(options);
    const total = await this.listingCount();
    const status = options.status === undefined ? undefined : LISTING_NAMES[check.enumValue("options.status", options.status, ListingStatus)];
    const batchId = options.batchId === undefined ? undefined : check.unsigned("options.batchId", options.batchId);
    const seller = options.seller === undefined ? undefined : check.address("options.seller", options.seller);
    if (status === undefined && batchId === undefined && seller === undefined) {
      return { items: await Promise.all(range(offset, limit, total).map((id) => this.getListing(id))), total };
    }
    const matching: Listing[] = [];
    for (let from = 0; BigInt(from) < total; from += 50) {
      const chunk = await Promise.all(range(from, 50, total).map((id) => this.getListing(id)));
      matching.push(...chunk.filter((l) => (status === undefined || l.status === status) && (batchId === undefined || l.batchId === batchId) && (seller === undefined || l.seller === seller)));
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
    if (input === null || typeof input !== "object") throw new InvalidArgumentError("input", input, "expected a TenderInput");
    const minVintage = Number(check.unsigned("input.minVintage", input.minVintage ?? 0, 32));
    const maxVintage = Number(check.unsigned("input.maxVintage", input.maxVintage ?? 0, 32));
    if (minVintage !== 0 && maxVintage !== 0 && minVintage > maxVintage) {
      throw new InvalidArgumentError("input.maxVintage", input.maxVintage, "is below input.minVintage");
    }
    const args: ICreditMarketplace.TenderInputStruct = {
      paymentToken: check.address("input.paymentToken", input.paymentToken),
      projectId: check.unsigned("input.projectId", input.projectId ?? 0, 32),
      minVintage,
      maxVintage,
      creditsRequired: marketValue("input.creditsRequired", input.creditsRequired),
      maxPricePerCredit: marketValue("input.maxPricePerCredit", input.maxPricePerCredit),
      deadline: deadline("input.deadline", input.deadline),
      retireOnAward: check.boolean("input.retireOnAward", input.retireOnAward ?? false),
    };
    const budget = costUp(args.creditsRequired as bigint, args.maxPricePerCredit as bigint);
    const approvalHash = await this.ensureAllowance("createTender", args.paymentToken as string, budget, options, this.contract.createTender, [args]);
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
    if (terms === null || typeof terms !== "object") throw new InvalidArgumentError("terms", terms, "expected { pricePerCredit, amount, maxTotalCost? }");
    const price = check.positive("terms.pricePerCredit", terms.pricePerCredit);
    const amount = check.positive("terms.amount", terms.amount);
    const maxTotalCost = terms.maxTotalCost === undefined ? costUp(amount, price) : check.unsigned("terms.maxTotalCost", terms.maxTotalCost);
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
    if (terms === null || typeof terms !== "object") throw new InvalidArgumentError("terms", terms, "expected { pricePerCredit, amount, maxTotalCost? }");
    const price = check.positive("terms.pricePerCredit", terms.pricePerCredit);
    const amount = check.positive("terms.amount", terms.amount);
    const maxTotalCost = terms.maxTotalCost === undefined ? costUp(amount, price) : check.unsigned("terms.maxTotalCost", terms.maxTotalCost);
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
    const approvalHash = await this.ensureOperator("submitProposal", options, this.contract.submitProposal, args, args[1], args[2]);
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
    if (input === null || typeof input !== "object") throw new InvalidArgumentError("input", input, "expected a ListingInput");
    const amount = marketValue("input.amount", input.amount);
    const minFill = check.unsigned("input.minFill", input.minFill ?? 0n);
    if (minFill > amount) throw new InvalidArgumentError("input.minFill", input.minFill, "is above input.amount");
    const args = [
      check.unsigned("input.batchId", input.batchId),
      amount,
      marketValue("input.pricePerCredit", input.pricePerCredit),
      check.address("input.paymentToken", input.paymentToken),
      minFill,
      deadline("input.expiry", input.expiry),
    ];
    const approvalHash = await this.ensureOperator("createListing", options, this.contract.createListing, args, args[0] as bigint, amount);
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
    if (terms === null || typeof terms !== "object") throw new InvalidArgumentError("terms", terms, "expected { pricePerCredit, maxTotalCost? }");
    const price = check.positive("terms.pricePerCredit", terms.pricePerCredit);
    const cost = costUp(a, price);
    const maxTotalCost = terms.maxTotalCost === undefined ? cost : check.unsigned("terms.maxTotalCost", terms.maxTotalCost);
    const args = [id, a, price, maxTotalCost];
    let approvalHash: string | undefined;
    if (options.approve) {
      this.refuseApproveWhenPreparing("buy");
      const listing = await this.getListing(id);
      approvalHash = await this.ensureAllowance("buy", listing.paymentToken, cost, options, this.contract.buy, args);
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
    if (terms === null || typeof terms !== "object") throw new InvalidArgumentError("terms", terms, "expected { pricePerCredit, maxTotalCost? }");
    const price = check.positive("terms.pricePerCredit", terms.pricePerCredit);
    const cost = costUp(a, price);
    const maxTotalCost = terms.maxTotalCost === undefined ? cost : check.unsigned("terms.maxTotalCost", terms.maxTotalCost);
    const buyer = await this.requireSigner("buyAndRetire").getAddress();
    const args = [id, a, price, maxTotalCost, toRetirementDetails(details, buyer)];
    let approvalHash: string | undefined;
    if (options.approve) {
      const listing = await this.getListing(id);
      approvalHash = await this.ensureAllowance("buyAndRetire", listing.paymentToken, cost, options, this.contract.buyAndRetire, args);
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

  /**
   * With `approve`, sends `approve(marketplace, needed)` when the signer's allowance of `token` is
   * below `needed` — only after checking everything the approval cannot fix: the signer's balance of
   * `token` (an {@link ERC20InsufficientBalanceError} as the token would raise it, nothing sent) and a
   * simulation of the write (`fn(...args)`), so that a write that would fail for any other reason
   * than the missing allowance throws its error without an approval being sent.
   */
  private async ensureAllowance(
    method: string,
    token: string,
    needed: bigint,
    options: ApproveOptions,
    fn: SendableMethod,
    args: readonly unknown[],
  ): Promise<string | undefined> {
    if (!options.approve) return undefined;
    this.refuseApproveWhenPreparing(method);
    const owner = await this.requireSigner(method).getAddress();
    const erc20 = new Contract(token, ERC20_ABI, this.ctx.runner);
    const allowance = (await this.read(`${method}.allowance`, () => erc20.allowance(owner, this.ctx.addresses.market))) as bigint;
    if (allowance >= needed) return undefined;
    const balance = (await this.read(`${method}.balanceOf`, () => erc20.balanceOf(owner))) as bigint;
    if (balance < needed) throw revertError(`${this.name}.${method}`, ERC20InsufficientBalanceError, [owner, balance, needed]);
    await this.preflight(method, fn, args, ERC20InsufficientAllowanceError);
    return this.sendApproval(`${method}.approve`, erc20.approve as unknown as SendableMethod, [this.ctx.addresses.market, needed], options);
  }

  /**
   * With `approve`, sends `setApprovalForAll(marketplace, true)` on CarbonCredits when the signer has
   * not — after checking the signer holds `amount` of `batchId` (an {@link ERC1155InsufficientBalanceError}
   * as CarbonCredits would raise it, nothing sent) and simulating the write, as {@link MarketModule.ensureAllowance} does.
   */
  private async ensureOperator(
    method: string,
    options: ApproveOptions,
    fn: SendableMethod,
    args: readonly unknown[],
    batchId: bigint,
    amount: bigint,
  ): Promise<string | undefined> {
    if (!options.approve) return undefined;
    this.refuseApproveWhenPreparing(method);
    const owner = await this.requireSigner(method).getAddress();
    const ok = await this.read(`${method}.isApprovedForAll`, () => this.credits.isApprovedForAll(owner, this.ctx.addresses.market));
    if (ok) return undefined;
    const balance = await this.read(`${method}.balanceOf`, () => this.credits.balanceOf(owner, batchId));
    if (balance < amount) throw revertError(`${this.name}.${method}`, ERC1155InsufficientBalanceError, [owner, balance, amount, batchId]);
    await this.preflight(method, fn, args, ERC1155MissingApprovalForAllError);
    return this.sendApproval(`${method}.setApprovalForAll`, this.credits.setApprovalForAll, [this.ctx.addresses.market, true], options);
  }

  /** Sends an approval before the write; an explicit `nonce` override would be taken by it, so it is refused. */
  private async sendApproval(method: string, fn: SendableMethod, args: readonly unknown[], options: ApproveOptions): Promise<string> {
    if (options.overrides?.nonce !== undefined && options.overrides.nonce !== null) {
      throw new InvalidArgumentError("options.overrides.nonce", options.overrides.nonce, "an approval must be sent first; send it yourself or drop the nonce");
    }
    const { hash } = await this.write(method, fn, args, undefined, options);
    return hash;
  }

  private refuseApproveWhenPreparing(method: string): void {
    if (this.isPreparing) {
      throw new InvalidArgumentError("options.approve", true, `market.prepare.${method} prepares one transaction: prepare the approval separately (credits.prepare.setApprovalForAll, or the token's approve)`);
    }
  }

  /**
   * Simulates `fn(...args)`; the missing-approval error `tolerated` is expected (the approval is
   * about to be sent), any other revert is thrown as its SDK error. The marketplace checks every
   * other condition before it pulls tokens, so those surface here.
   */
  private async preflight(method: string, fn: SendableMethod, args: readonly unknown[], tolerated: abstract new (...a: never[]) => Error): Promise<void> {
    try {
      await fn.staticCall(...args);
    } catch (error) {
      const e = toSdkError(`${this.name}.${method}`, error);
      if (e instanceof tolerated) return;
      throw e;
    }
  }

  private trade(receipt: TransactionReceipt): Trade {
    return toTrade(this.event(receipt, "Trade") as unknown as TradeEvent.OutputObject);
  }

  /** The one-step offset's retirement, from CarbonCredits' `Retired` event in `receipt`. */
  private retirement(receipt: TransactionReceipt): RetireResult {
    return retiredFromReceipt(this.credits.interface, this.ctx.addresses.credits, receipt);
  }
}

/** Ids `offset + 1 … ≤ total`, at most `limit`. */
function range(offset: number, limit: number, total: bigint): bigint[] {
  const ids: bigint[] = [];
  for (let id = BigInt(offset) + 1n; id <= total && ids.length < limit; id++) ids.push(id);
  return ids;
}

/** An amount or price: > 0 and ≤ MAX_VALUE (2^128 − 1). */
function marketValue(name: string, value: bigint): bigint {
  check.positive(name, value);
  if (value > MARKET_MAX_VALUE) throw new InvalidArgumentError(name, value, "above the marketplace's MAX_VALUE (2^128 − 1)");
  return value;
}

/** A deadline / expiry: a valid date or unix seconds, > 0. */
function deadline(name: string, value: Date | number | bigint): bigint {
  const seconds = check.unixSeconds(name, value);
  if (seconds === 0n) throw new InvalidArgumentError(name, value, "must be a time in the future");
  return seconds;
}

function toQuote(q: ICreditMarketplace.QuoteStructOutput): Quote {
  return { cost: q.cost, fee: q.fee, sellerProceeds: q.sellerProceeds, refund: q.refund };
}

function toTrade(a: TradeEvent.OutputObject): Trade {
  return {
    kind: KIND_NAMES[Number(a.kind)],
    refId: a.refId,
    batchId: a.batchId,
    buyer: a.buyer,
    seller: a.seller,
    paymentToken: a.paymentToken,
    amount: a.amount,
    pricePerCredit: a.pricePerCredit,
    cost: a.cost,
    fee: a.fee,
  };
}
