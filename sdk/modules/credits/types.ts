/**
 * The `credits` module's shapes: retirement sources and links, balances, retirement inputs, records
 * and results, transfer options. Amounts are integer grams CO2e (1 credit = 1,000,000 units); times
 * are unix seconds.
 */
import type { WriteOptions } from "../../internal/module";

/** Longest retirement text field, in UTF-8 bytes (`CarbonCredits.MAX_RETIREMENT_TEXT`). */
export const MAX_RETIREMENT_TEXT = 256;

/** The default `reason` of {@link CreditsModule.use}: a "use" of credits (seed 000) is a retirement for an offset claim. */
export const USE_REASON = "offset claim";

/** Which path made a retirement (`ICarbonCredits.RetirementSource`): a holder's own retirement, or a one-step offset. */
export const RetirementSource = { Direct: 0, ListingFill: 1, TenderAward: 2, PoolClaim: 3 } as const;
/** Name of a {@link RetirementSource}. */
export type RetirementSourceName = keyof typeof RetirementSource;

/**
 * What a retirement came from (`ICarbonCredits.RetirementLink`, in every `Retired` event). Direct:
 * `refId` and `fill` are 0. ListingFill / TenderAward: `refId` is the listing / tender id and `fill` the
 * trade's number in its batch (`market.marketData(batchId).tradeCount` right after it; with the batch id
 * it identifies the marketplace's `Trade` event). PoolClaim: `refId` is the pool period id, `fill` 0.
 */
export interface RetirementLink {
  /** The path. */
  readonly source: RetirementSourceName;
  /** Listing id, tender id or pool period id (0 for Direct). */
  readonly refId: bigint;
  /** The trade's number in its batch (0 for Direct and PoolClaim). */
  readonly fill: bigint;
}

/** An amount of one batch. */
export interface BatchAmount {
  /** Batch id = ERC-1155 token id. */
  readonly batchId: bigint;
  /** Grams CO2e. */
  readonly amount: bigint;
}

/** A holder's balances of one vintage year of a project (several batches may share a vintage). */
export interface VintageBalance {
  /** Issuance year, e.g. 2024. */
  readonly vintage: number;
  /** Sum over `batches`, grams CO2e. */
  readonly amount: bigint;
  /** The non-zero balances of this vintage's batches, in the registry's order. */
  readonly batches: BatchAmount[];
}

/** A holder's balances in one project, grouped by vintage (oldest first). */
export interface ProjectBalance {
  /** The project. */
  readonly projectId: bigint;
  /** The holder (checksummed). */
  readonly account: string;
  /** All the holder's units of the project, grams CO2e. */
  readonly total: bigint;
  /** Oldest vintage first; only vintages with a non-zero balance. */
  readonly vintages: VintageBalance[];
}

/**
 * Who a retirement is for and why (`ICarbonCredits.RetirementDetails`). Every text is at most
 * {@link MAX_RETIREMENT_TEXT} UTF-8 bytes and may be empty.
 */
export interface RetirementDetailsInput {
  /** The account the offset claim is made for; default: the holder whose credits are retired. */
  readonly beneficiary?: string;
  /** Display name of the beneficiary, e.g. "Acme Textiles Pvt Ltd". */
  readonly beneficiaryName?: string;
  /** Purpose, e.g. "offset claim: FY2026 scope 2". */
  readonly reason?: string;
  /** External reference, e.g. an invoice or claim id. */
  readonly referenceId?: string;
  /** ISO 3166-1 alpha-2 country where the offset is claimed, e.g. "IN". */
  readonly consumptionCountry?: string;
}

/** The details of a retirement as emitted in its `Retired` event (beneficiary resolved). */
export interface RetirementDetails {
  /** Who the offset claim is for. */
  readonly beneficiary: string;
  /** Display name of the beneficiary (may be empty). */
  readonly beneficiaryName: string;
  /** Purpose of the retirement (may be empty). */
  readonly reason: string;
  /** External reference, e.g. an invoice id (may be empty). */
  readonly referenceId: string;
  /** ISO 3166-1 alpha-2 country of the claim (may be empty). */
  readonly consumptionCountry: string;
}

/** A retirement as stored on-chain (`getRetirement`). */
export interface Retirement {
  /** Retirement id, sequential from 1. */
  readonly id: bigint;
  /** The retiring account: the holder whose credits were burned, or the buyer / member of a one-step offset. */
  readonly account: string;
  /** Who the offset claim is for. */
  readonly beneficiary: string;
  /** Grams CO2e retired. */
  readonly amount: bigint;
  /** Block time, unix seconds. */
  readonly timestamp: bigint;
}

/** A retirement with what only its `Retired` event holds: the operator, the texts and the per-batch breakdown. */
export interface RetirementRecord extends Retirement {
  /** Who called CarbonCredits (the holder, its approved operator, or the marketplace / pool for a one-step offset). */
  readonly operator: string;
  /** The trade or claim the retirement came from. */
  readonly link: RetirementLink;
  /** Per-batch breakdown (vintage order for project-level retirements); sums to `amount`. */
  readonly batches: BatchAmount[];
  /** The texts and beneficiary of the `Retired` event. */
  readonly details: RetirementDetails;
  /** Block the retirement was mined in. */
  readonly blockNumber: number;
  /** Transaction of the retirement. */
  readonly transactionHash: string;
}

/** Filter of {@link CreditsModule.findRetirements}; every field is optional. */
export interface RetirementFilter {
  /** The holder whose credits were burned. */
  readonly account?: string;
  /** The beneficiary. */
  readonly beneficiary?: string;
  /** First block to search (default: the deployment block). */
  readonly fromBlock?: number;
  /** Last block to search (default: latest). */
  readonly toBlock?: number;
}


/** What a retirement write returns (besides `hash` and `receipt`), decoded from its `Retired` event. */
export interface RetireResult {
  /** The new retirement's id. */
  readonly retirementId: bigint;
  /** Grams CO2e retired. */
  readonly amount: bigint;
  /** Per-batch breakdown, oldest vintage first. */
  readonly batches: BatchAmount[];
  /** The retiring account (the signer, the holder, or the buyer / member of a one-step offset). */
  readonly account: string;
  /** Who the offset claim is for. */
  readonly beneficiary: string;
  /** The trade or claim the retirement came from (Direct for `retire` / `retireProject`). */
  readonly link: RetirementLink;
}

/** Options of transfers: `data` passed to the receiver hook (default `"0x"`). */
export interface TransferOptions extends WriteOptions {
  /** Bytes passed to `onERC1155Received` / `onERC1155BatchReceived` (hex, default `"0x"`). */
  readonly data?: string;
}
