/**
 * Errors in words. The SDK decodes every revert into a typed error (`ContractRevertError` subclasses
 * named after the contract's custom error, with the decoded fields); this turns the ones a user meets
 * into a sentence and every other one into its humanised name plus fields, so nothing is swallowed.
 */
import { ContractRevertError, InvalidArgumentError, OpenTonneError, SignerRequiredError, WrongChainError } from "opentonne";

import { tonnes } from "./format";

type Fields = Record<string, unknown>;
const t = (v: unknown) => (typeof v === "bigint" ? tonnes(v) : String(v));

/** A sentence per custom error a user of the screens can cause (fields by their Solidity names). */
const WORDS: Record<string, (f: Fields) => string> = {
  MarketplaceListingExpired: () => "This listing has expired",
  MarketplaceListingNotActive: () => "This listing is no longer active (sold out, cancelled or expired)",
  MarketplaceAmountAboveRemaining: (f) => `The amount is above what the listing still has (${t(f.remaining)})`,
  MarketplaceBelowMinFill: (f) => `The amount is below the listing's minimum fill (${t(f.minFill)})`,
  MarketplaceTermsMismatch: () => "The price changed since you loaded the page; reload and check the new terms",
  MarketplaceMaxCostExceeded: () => "The cost is above your slippage cap",
  MarketplaceSelfTrade: () => "You cannot buy your own listing or propose to your own tender",
  MarketplaceNotListingSeller: () => "Only the seller can cancel this listing",
  MarketplaceNotTenderBuyer: () => "Only the tender's buyer can do this",
  MarketplaceNotProposalSeller: () => "Only the proposal's seller can withdraw it",
  MarketplaceTenderNotOpen: () => "This tender is not open any more",
  MarketplaceDeadlinePassed: () => "The tender's deadline has passed",
  MarketplacePriceAboveMax: () => "The price is above the tender's maximum price",
  MarketplaceAmountAboveRequired: () => "The amount is above what the tender asks for",
  MarketplaceBatchNotEligible: () => "This batch does not meet the tender's project or vintage terms",
  MarketplaceProposalNotPending: () => "This proposal is not pending any more",
  MarketplaceTenderNotFinal: () => "The tender is still open; its proposals can be reclaimed once it is awarded, cancelled or expired",
  MarketplaceAwardWindowClosed: () => "The award window of this tender has closed",
  MarketplaceGracePeriodNotOver: () => "The tender's award grace period is not over yet",
  MarketplaceInvalidDeadline: () => "The deadline must be in the future and at most 365 days ahead",
  MarketplacePaymentTokenNotAllowed: () => "This payment token is not accepted by the marketplace",
  MarketplaceProjectNotApproved: () => "The project of this batch is not approved",
  ERC20InsufficientBalance: () => "Your payment-token balance is too low for this purchase",
  ERC20InsufficientAllowance: () => "The marketplace is not allowed to spend enough of your payment token",
  ERC1155InsufficientBalance: (f) => `You do not hold enough credits of this batch (balance ${t(f.balance)}, needed ${t(f.needed)})`,
  ERC1155MissingApprovalForAll: () => "The marketplace is not approved to move your credits",
  ERC1155InvalidReceiver: () => "The recipient cannot receive credits",
  CarbonCreditsInsufficientProjectBalance: (f) => `You do not hold enough credits of this project (available ${t(f.available)}, requested ${t(f.requested)})`,
  CarbonCreditsFieldTooLong: () => "A retirement text is too long (at most 256 bytes)",
  CarbonCreditsInvalidBeneficiary: () => "The beneficiary address is not valid",
  CarbonCreditsZeroAmount: () => "The amount must be above zero",
  CarbonPoolAlreadyClaimed: () => "This allocation has already been claimed",
  CarbonPoolNotEligible: () => "You are not eligible for this period's allocation",
  CarbonPoolPeriodNotClosed: () => "The period is not closed yet",
  CarbonPoolNotMember: () => "This account is not a pool member",
  CarbonPoolEmptyClaim: () => "Nothing to claim",
  EnforcedPause: () => "The contract is paused",
  AccessControlUnauthorizedAccount: () => "This account does not have the role this action needs",
};

/** "MarketplaceListingExpired" → "Marketplace listing expired". */
export function humanize(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2").split(" ");
  return words.map((w, i) => (i === 0 || /^[A-Z0-9]+$/.test(w) ? w : w.toLowerCase())).join(" ");
}

/** The decoded fields of a typed revert, by name (the generated classes carry them as own properties). */
function fieldsOf(error: ContractRevertError): Fields {
  const skip = new Set(["errorName", "signature", "args", "data", "action", "message", "name", "stack", "cause"]);
  return Object.fromEntries(Object.entries(error).filter(([k]) => !skip.has(k)));
}

/** Wallet rejections (EIP-1193 code 4001, ethers `ACTION_REJECTED`) found anywhere in the cause chain. */
function isUserRejection(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (e.code === 4001 || e.code === "ACTION_REJECTED") return true;
  }
  return false;
}

/** The words shown for `error` (never empty). */
export function errorMessage(error: unknown): string {
  if (isUserRejection(error)) return "You rejected the request in your wallet; nothing was sent";
  if (error instanceof ContractRevertError) {
    const words = WORDS[error.errorName];
    const fields = fieldsOf(error);
    const sentence = words ? words(fields) : humanize(error.errorName);
    return `${sentence} (${error.errorName})`;
  }
  if (error instanceof InvalidArgumentError) return `Check ${error.argument}: ${error.reason}`;
  if (error instanceof SignerRequiredError) return "Connect a wallet first: this action sends a transaction";
  if (error instanceof WrongChainError) return `Your wallet is on chain ${error.actual}; switch to chain ${error.expected}`;
  if (error instanceof OpenTonneError) return error.message;
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
