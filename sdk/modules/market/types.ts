/**
 * The `market` module's shapes: tender, proposal, listing and trade statuses (name → on-chain value),
 * the marketplace's value bound, the inputs of tenders and listings, the records as seen now, quotes,
 * trades, filters and the terms a buyer echoes. Amounts in grams CO2e; prices per whole credit in the
 * payment token's smallest unit; fees in bps; times in unix seconds.
 */
import type { WriteOptions } from "../../internal/module";

/** Tender states, as `ICreditMarketplaceTypes.TenderStatus` (name → on-chain value). `UnderReview` = Open past its deadline. */
export const TenderStatus = { None: 0, Open: 1, UnderReview: 2, Awarded: 3, Cancelled: 4, Expired: 5 } as const;
/** A tender status name. */
export type TenderStatusName = keyof typeof TenderStatus;
/** Proposal states, as `ICreditMarketplaceTypes.ProposalStatus`. `Rejected` is derived from the tender. */
export const ProposalStatus = { None: 0, Pending: 1, Accepted: 2, Rejected: 3, Withdrawn: 4 } as const;
/** A proposal status name. */
export type ProposalStatusName = keyof typeof ProposalStatus;
/** Listing states, as `ICreditMarketplaceTypes.ListingStatus`. `Expired` = Active at or after its expiry. */
export const ListingStatus = { None: 0, Active: 1, Expired: 2, SoldOut: 3, Cancelled: 4 } as const;
/** A listing status name. */
export type ListingStatusName = keyof typeof ListingStatus;
/** Where a trade came from, as `ICreditMarketplace.TradeKind`. */
export const TradeKind = { Award: 0, Listing: 1 } as const;
/** A trade kind name. */
export type TradeKindName = keyof typeof TradeKind;
/** Largest amount or price the marketplace accepts (`MAX_VALUE` = 2^128 − 1). */
export const MARKET_MAX_VALUE = (1n << 128n) - 1n;

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
