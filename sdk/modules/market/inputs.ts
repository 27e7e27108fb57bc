/**
 * Argument checks of the `market` module (internal): amounts and prices within the marketplace's
 * `MAX_VALUE`, deadlines, tender and listing inputs, the terms a buyer echoes, listing filters.
 * Each throws an {@link InvalidArgumentError} naming the bad input before any call.
 */
import type { ICreditMarketplace } from "../../../typechain-types/contracts/market/CreditMarketplace";
import { InvalidArgumentError } from "../../errors/base";
import * as check from "../../internal/validate";
import { costUp } from "../../units";
import { ListingStatus, MARKET_MAX_VALUE, type AwardTerms, type BuyTerms, type Listing, type ListingFilter, type ListingInput, type ListingStatusName, type TenderInput } from "./types";

const LISTING_FILTER_KEYS = ["offset", "limit", "status", "batchId", "seller"] as const;
const LISTING_NAMES = Object.keys(ListingStatus) as ListingStatusName[];

/** An amount or price: > 0 and ≤ MAX_VALUE (2^128 − 1). */
export function marketValue(name: string, value: bigint): bigint {
  check.positive(name, value);
  if (value > MARKET_MAX_VALUE) throw new InvalidArgumentError(name, value, "above the marketplace's MAX_VALUE (2^128 − 1)");
  return value;
}

/** A deadline / expiry: a valid date or unix seconds, > 0. */
export function deadline(name: string, value: Date | number | bigint): bigint {
  const seconds = check.unixSeconds(name, value);
  if (seconds === 0n) throw new InvalidArgumentError(name, value, "must be a time in the future");
  return seconds;
}

/** A {@link TenderInput} as `createTender` takes it (vintage range not empty, amounts within MAX_VALUE, deadline > 0). */
export function tenderArgs(input: TenderInput): ICreditMarketplace.TenderInputStruct {
  if (input === null || typeof input !== "object") throw new InvalidArgumentError("input", input, "expected a TenderInput");
  const minVintage = Number(check.unsigned("input.minVintage", input.minVintage ?? 0, 32));
  const maxVintage = Number(check.unsigned("input.maxVintage", input.maxVintage ?? 0, 32));
  if (minVintage !== 0 && maxVintage !== 0 && minVintage > maxVintage) {
    throw new InvalidArgumentError("input.maxVintage", input.maxVintage, "is below input.minVintage");
  }
  return {
    paymentToken: check.address("input.paymentToken", input.paymentToken),
    projectId: check.unsigned("input.projectId", input.projectId ?? 0, 32),
    minVintage,
    maxVintage,
    creditsRequired: marketValue("input.creditsRequired", input.creditsRequired),
    maxPricePerCredit: marketValue("input.maxPricePerCredit", input.maxPricePerCredit),
    deadline: deadline("input.deadline", input.deadline),
    retireOnAward: check.boolean("input.retireOnAward", input.retireOnAward ?? false),
  };
}

/** A {@link ListingInput} as `createListing` takes it: `[batchId, amount, pricePerCredit, paymentToken, minFill, expiry]` (minFill ≤ amount). */
export function listingArgs(input: ListingInput): unknown[] {
  if (input === null || typeof input !== "object") throw new InvalidArgumentError("input", input, "expected a ListingInput");
  const amount = marketValue("input.amount", input.amount);
  const minFill = check.unsigned("input.minFill", input.minFill ?? 0n);
  if (minFill > amount) throw new InvalidArgumentError("input.minFill", input.minFill, "is above input.amount");
  return [
    check.unsigned("input.batchId", input.batchId),
    amount,
    marketValue("input.pricePerCredit", input.pricePerCredit),
    check.address("input.paymentToken", input.paymentToken),
    minFill,
    deadline("input.expiry", input.expiry),
  ];
}

/** The {@link AwardTerms} as `[pricePerCredit, amount, maxTotalCost]` (default `maxTotalCost`: `costUp(amount, pricePerCredit)`). */
export function awardTerms(terms: AwardTerms): [bigint, bigint, bigint] {
  if (terms === null || typeof terms !== "object") throw new InvalidArgumentError("terms", terms, "expected { pricePerCredit, amount, maxTotalCost? }");
  const price = check.positive("terms.pricePerCredit", terms.pricePerCredit);
  const amount = check.positive("terms.amount", terms.amount);
  const maxTotalCost = terms.maxTotalCost === undefined ? costUp(amount, price) : check.unsigned("terms.maxTotalCost", terms.maxTotalCost);
  return [price, amount, maxTotalCost];
}

/** The {@link BuyTerms} of buying `amount` grams: the price, the cost `costUp(amount, price)` and `maxTotalCost` (default: the cost). */
export function buyTerms(amount: bigint, terms: BuyTerms): { price: bigint; cost: bigint; maxTotalCost: bigint } {
  if (terms === null || typeof terms !== "object") throw new InvalidArgumentError("terms", terms, "expected { pricePerCredit, maxTotalCost? }");
  const price = check.positive("terms.pricePerCredit", terms.pricePerCredit);
  const cost = costUp(amount, price);
  const maxTotalCost = terms.maxTotalCost === undefined ? cost : check.unsigned("terms.maxTotalCost", terms.maxTotalCost);
  return { price, cost, maxTotalCost };
}

/**
 * The test a listing must pass under `options`' {@link ListingFilter} (status as seen now, batch,
 * seller), or `undefined` when no filter is set. Unknown keys are refused.
 */
export function listingMatcher(options: ListingFilter & { readonly offset?: number; readonly limit?: number }): ((l: Listing) => boolean) | undefined {
  check.knownKeys("options", options, LISTING_FILTER_KEYS);
  const status = options.status === undefined ? undefined : LISTING_NAMES[check.enumValue("options.status", options.status, ListingStatus)];
  const batchId = options.batchId === undefined ? undefined : check.unsigned("options.batchId", options.batchId);
  const seller = options.seller === undefined ? undefined : check.address("options.seller", options.seller);
  if (status === undefined && batchId === undefined && seller === undefined) return undefined;
  return (l) => (status === undefined || l.status === status) && (batchId === undefined || l.batchId === batchId) && (seller === undefined || l.seller === seller);
}
