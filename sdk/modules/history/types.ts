/**
 * The `history` module's shapes: account transactions (one interface per kind), daily price candles,
 * pool leaderboards, the oracle fleet summary, and the options of each query. Amounts are integer
 * grams CO2e; prices per whole credit in the payment token's smallest unit; times unix seconds (UTC);
 * days UTC day numbers (days since 1970-01-01).
 */
import type { HistoryOptions } from "../../internal/logs";
import type { AllocationMethodName } from "../pool/types";

// ───────────── account transactions ─────────────

/** The kinds of {@link AccountTransaction}. */
export const ACCOUNT_TX_KINDS = ["mint", "transferIn", "transferOut", "retirement", "trade", "claim"] as const;
/** One of {@link ACCOUNT_TX_KINDS}. */
export type AccountTxKind = (typeof ACCOUNT_TX_KINDS)[number];

/** Where an account transaction happened and what it moved. */
export interface AccountTxBase {
  /** What happened (the discriminant). */
  readonly kind: AccountTxKind;
  /** Block number. */
  readonly blockNumber: number;
  /** Block time, unix seconds. */
  readonly timestamp: number;
  /** Transaction hash. */
  readonly transactionHash: string;
  /** Index of the event's log in its block. */
  readonly logIndex: number;
  /** Batch id (ERC-1155 token id). */
  readonly batchId: bigint;
  /** Grams CO2e. */
  readonly amount: bigint;
}

/** Credits minted to the account (an ERC-1155 transfer from the zero address). */
export interface MintTx extends AccountTxBase {
  /** Always `"mint"`. */
  readonly kind: "mint";
  /** Who sent the mint (the issuer or the pool). */
  readonly operator: string;
}

/** Credits received from another account (including from the marketplace's escrow and the pool). */
export interface TransferInTx extends AccountTxBase {
  /** Always `"transferIn"`. */
  readonly kind: "transferIn";
  /** The sender. */
  readonly from: string;
  /** Who sent the transaction. */
  readonly operator: string;
}

/** Credits sent to another account (including into the marketplace's escrow). */
export interface TransferOutTx extends AccountTxBase {
  /** Always `"transferOut"`. */
  readonly kind: "transferOut";
  /** The receiver. */
  readonly to: string;
  /** Who sent the transaction. */
  readonly operator: string;
}

/** Credits of one batch retired (burned) from the account; a multi-batch retirement gives one entry per batch. */
export interface RetirementTx extends AccountTxBase {
  /** Always `"retirement"`. */
  readonly kind: "retirement";
  /** The retirement record's id. */
  readonly retirementId: bigint;
  /** The whole retirement's amount over all its batches, grams CO2e. */
  readonly totalAmount: bigint;
  /** Who sent the transaction. */
  readonly operator: string;
  /** The account the offset claim is made for. */
  readonly beneficiary: string;
  /** Display name of the beneficiary. */
  readonly beneficiaryName: string;
  /** Purpose of the retirement. */
  readonly reason: string;
  /** External reference (invoice, claim id). */
  readonly referenceId: string;
  /** ISO 3166-1 alpha-2 country where the offset is claimed. */
  readonly consumptionCountry: string;
}

/** A marketplace trade (a tender award or a listing fill) in which the account bought or sold. */
export interface TradeTx extends AccountTxBase {
  /** Always `"trade"`. */
  readonly kind: "trade";
  /** Whether the account was the buyer or the seller. */
  readonly side: "buy" | "sell";
  /** The other party. */
  readonly counterparty: string;
  /** The ERC-20 paid with. */
  readonly paymentToken: string;
  /** Price per whole credit, in the payment token's smallest unit. */
  readonly pricePerCredit: bigint;
  /** What the buyer paid, token units (`ceil(amount × price / 1e6)`). */
  readonly cost: bigint;
  /** The marketplace fee taken from `cost`, token units. */
  readonly fee: bigint;
  /** `"Award"` (a tender) or `"Listing"` (a direct listing). */
  readonly tradeKind: "Award" | "Listing";
  /** The proposal id (Award) or the listing id (Listing). */
  readonly refId: bigint;
}

/** A pool allocation claimed by the account (the amount may be 0). */
export interface ClaimTx extends AccountTxBase {
  /** Always `"claim"`. */
  readonly kind: "claim";
  /** The pool period claimed. */
  readonly periodId: bigint;
}

/**
 * One entry of {@link HistoryModule.accountTransactions}. Each movement of the account's credits is
 * listed once: `mint`, `transferIn`, buy-side `trade`, `transferOut` and `retirement` entries are the
 * account's complete ERC-1155 ledger — per batch, mints, transfers in and purchases (`trade` with
 * `side: "buy"`: the credits delivered from the marketplace's escrow) minus transfers out and
 * retirements is its balance. A purchase is not also listed as a `transferIn` from the marketplace,
 * unless `trade` is left out of the kinds asked for. Sell-side `trade` entries move nothing of the
 * seller's (the credits left for the marketplace's escrow earlier, a `transferOut` when listed or
 * proposed); `claim` entries describe pool claims, whose credits also arrive as a `transferIn` from the pool.
 */
export type AccountTransaction = MintTx | TransferInTx | TransferOutTx | RetirementTx | TradeTx | ClaimTx;

/** Options of {@link HistoryModule.accountTransactions}. */
export interface AccountTransactionsOptions extends HistoryOptions {
  /** Only these kinds (default: all); the others' events are not queried. */
  readonly kinds?: readonly AccountTxKind[];
}

// ───────────── price history ─────────────

/** One UTC day of trades of a batch in one payment token. Prices per whole credit, in token units. */
export interface DailyCandle {
  /** UTC day number (days since 1970-01-01). */
  readonly day: number;
  /** The day as `YYYY-MM-DD` (UTC). */
  readonly date: string;
  /** Price of the day's first trade. */
  readonly open: bigint;
  /** Highest price of the day. */
  readonly high: bigint;
  /** Lowest price of the day. */
  readonly low: bigint;
  /** Price of the day's last trade. */
  readonly close: bigint;
  /** Grams CO2e traded. */
  readonly volume: bigint;
  /** Σ cost of the day's trades, token units. */
  readonly cost: bigint;
  /** Number of trades. */
  readonly trades: number;
}

/** A batch's daily candles in one payment token, oldest first; days without trades are absent. */
export interface PriceSeries {
  /** The batch. */
  readonly batchId: bigint;
  /** The ERC-20 the prices are in. */
  readonly paymentToken: string;
  /** One candle per UTC day with at least one trade, oldest first. */
  readonly candles: DailyCandle[];
}

/** Options of {@link HistoryModule.priceHistory}. */
export interface PriceHistoryOptions extends HistoryOptions {
  /** Only trades paid in this token (default: every token, one series each). */
  readonly paymentToken?: string;
}

// ───────────── pool leaderboard ─────────────

/** A member's standing in a pool period. */
export interface LeaderboardEntry {
  /** 1-based position in the list it is in. */
  readonly rank: number;
  /** The member. */
  readonly member: string;
  /** Grams counted in the period (records plus carried-in grams; 0 after a removal). */
  readonly grams: bigint;
  /** Participation score fixed at the member's first record in the period (0–100). */
  readonly score: number;
  /** Whether the member is eligible (grams ≥ the period's minimum, not removed). */
  readonly eligible: boolean;
  /** Credit units (grams CO2e) allocated by the close, as the contract computes the claim; 0 while open. */
  readonly allocated: bigint;
  /** Credit units claimed. */
  readonly claimed: bigint;
  /** Whether the member has claimed the period. */
  readonly hasClaimed: boolean;
}

/** What {@link HistoryModule.poolLeaderboard} returns. */
export interface PoolLeaderboard {
  /** The period. */
  readonly periodId: bigint;
  /** Whether the period was closed (its allocation is fixed). */
  readonly closed: boolean;
  /** Allocation method, once closed. */
  readonly method: AllocationMethodName | undefined;
  /** Credit units minted for the period at close (0 while open). */
  readonly credits: bigint;
  /** The period's batch id (0 while open, or when nothing was minted). */
  readonly batchId: bigint;
  /** Members with grams in the period. */
  readonly memberCount: number;
  /** Σ grams of all members in the period. */
  readonly totalGrams: bigint;
  /** Top members by grams (ties: lower address first); members with 0 grams are left out. */
  readonly byReduction: LeaderboardEntry[];
  /** Top members by credits allocated, then claimed (ties: lower address first); empty while open. */
  readonly byCredits: LeaderboardEntry[];
}

/** Options of {@link HistoryModule.poolLeaderboard}. */
export interface PoolLeaderboardOptions extends HistoryOptions {
  /** Entries per list (default 10, 1–500). */
  readonly top?: number;
}

// ───────────── oracle fleet ─────────────

/** Totals of a set of device-day reports. */
export interface ReportTotals {
  /** Device-days reported. */
  readonly days: number;
  /** Energy, Wh. */
  readonly energyWh: bigint;
  /** CO2 avoided, grams. */
  readonly co2Grams: bigint;
}

/** The reports of one device, by status. */
export interface DeviceSummary {
  /** Device id (bytes32). */
  readonly deviceId: string;
  /** Owner named by the device's most recent report. */
  readonly owner: string;
  /** Verified reports (credited to the pool). */
  readonly verified: ReportTotals;
  /** Flagged reports (audit only). */
  readonly flagged: ReportTotals;
  /** Pending reports (audit only). */
  readonly pending: ReportTotals;
  /** All reports. */
  readonly total: ReportTotals;
  /** First UTC day number reported. */
  readonly firstDay: number;
  /** Last UTC day number reported. */
  readonly lastDay: number;
}

/** The fleet: every reported device (ordered by device id) and the fleet's totals. */
export interface FleetSummary {
  /** One entry per device with at least one report, ordered by device id. */
  readonly devices: DeviceSummary[];
  /** Σ over devices of verified reports. */
  readonly verified: ReportTotals;
  /** Σ over devices of flagged reports. */
  readonly flagged: ReportTotals;
  /** Σ over devices of pending reports. */
  readonly pending: ReportTotals;
  /** Σ over devices of all reports. */
  readonly total: ReportTotals;
}

/** Options of {@link HistoryModule.fleetSummary}. */
export interface FleetSummaryOptions extends HistoryOptions {
  /** Only devices owned (at report time) by this account. */
  readonly owner?: string;
  /** Only these devices (bytes32 ids). */
  readonly deviceIds?: readonly string[];
  /** Only days ≥ this UTC day number. */
  readonly fromDay?: number;
  /** Only days ≤ this UTC day number. */
  readonly toDay?: number;
}
