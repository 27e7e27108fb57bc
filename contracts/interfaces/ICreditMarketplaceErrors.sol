// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ICreditMarketplaceTypes} from "./ICreditMarketplaceTypes.sol";
import {IProjectRegistry} from "./IProjectRegistry.sol";

/// @title ICreditMarketplaceErrors — the marketplace's custom errors
/// @notice Part of {ICreditMarketplace}, which inherits it; the contract-level documentation is there.
interface ICreditMarketplaceErrors is ICreditMarketplaceTypes {
    /// @notice The CarbonCredits address given at deployment is zero.
    error MarketplaceInvalidCredits(address credits);
    /// @notice The fee recipient is the zero address.
    error MarketplaceInvalidFeeRecipient(address recipient);
    /// @notice `token` cannot be a payment token (zero address or no code).
    error MarketplaceInvalidPaymentToken(address token);
    /// @notice `token` is not on the payment-token allow-list.
    error MarketplacePaymentTokenNotAllowed(address token);
    /// @notice `feeBps` is above the cap `maxFeeBps`.
    error MarketplaceFeeTooHigh(uint256 feeBps, uint256 maxFeeBps);
    /// @notice Only the fee recipient may withdraw fees; `caller` is not it.
    error MarketplaceNotFeeRecipient(address caller);
    /// @notice No fees of `token` have accrued.
    error MarketplaceNothingToWithdraw(address token);
    /// @notice Pulling `expected` units of `token` delivered only `received` (e.g. a fee-on-transfer token).
    error MarketplaceShortPayment(address token, uint256 expected, uint256 received);
    /// @notice An amount of zero was given.
    error MarketplaceZeroAmount();
    /// @notice A price of zero was given.
    error MarketplaceZeroPrice();
    /// @notice `value` (an amount or a price) is above `max` (MAX_VALUE).
    error MarketplaceValueTooLarge(uint256 value, uint256 max);
    /// @notice `deadline` (a tender deadline or a listing expiry) is not in `(now, latest]`.
    error MarketplaceInvalidDeadline(uint256 deadline, uint256 now_, uint256 latest);
    /// @notice The vintage range is empty (`minVintage > maxVintage`, both non-zero).
    error MarketplaceInvalidVintageRange(uint32 minVintage, uint32 maxVintage);
    /// @notice No tender has id `tenderId`.
    error MarketplaceUnknownTender(uint256 tenderId);
    /// @notice No proposal has id `proposalId`.
    error MarketplaceUnknownProposal(uint256 proposalId);
    /// @notice No listing has id `listingId`.
    error MarketplaceUnknownListing(uint256 listingId);
    /// @notice Only the tender's buyer may do this; `caller` is not it.
    error MarketplaceNotTenderBuyer(uint256 tenderId, address caller);
    /// @notice The tender is `status` (Awarded, Cancelled or Expired), not open.
    error MarketplaceTenderNotOpen(uint256 tenderId, TenderStatus status);
    /// @notice The tender is still open (`status`: Open or UnderReview); losing proposals are only
    /// reclaimable once it is Awarded, Cancelled or Expired.
    error MarketplaceTenderNotFinal(uint256 tenderId, TenderStatus status);
    /// @notice Proposals are accepted strictly before `deadline`; it has passed (property 8).
    error MarketplaceDeadlinePassed(uint256 tenderId, uint256 deadline);
    /// @notice Awards are accepted strictly before `closesAt` (`deadline + GRACE_PERIOD`); it has passed.
    error MarketplaceAwardWindowClosed(uint256 tenderId, uint256 closesAt);
    /// @notice The tender can be released from `releasableAt` (`deadline + GRACE_PERIOD`) on; not yet.
    error MarketplaceGracePeriodNotOver(uint256 tenderId, uint256 releasableAt);
    /// @notice The proposal offers `amount` units, more than the tender's `creditsRequired`.
    error MarketplaceAmountAboveRequired(uint256 tenderId, uint256 amount, uint256 creditsRequired);
    /// @notice The proposal's `price` is above the tender's `maxPricePerCredit`.
    error MarketplacePriceAboveMax(uint256 tenderId, uint256 price, uint256 maxPricePerCredit);
    /// @notice Batch `batchId` (of project `projectId`, vintage `vintage`) does not meet the tender's
    /// project or vintage constraints.
    error MarketplaceBatchNotEligible(uint256 tenderId, uint256 batchId, uint256 projectId, uint32 vintage);
    /// @notice Project `projectId` is `status`, not Approved: its credits cannot be offered.
    error MarketplaceProjectNotApproved(uint256 projectId, IProjectRegistry.ProjectStatus status);
    /// @notice `account` would trade with itself (buyer = seller).
    error MarketplaceSelfTrade(address account);
    /// @notice Only the proposal's seller may do this; `caller` is not it.
    error MarketplaceNotProposalSeller(uint256 proposalId, address caller);
    /// @notice The proposal is `status`, not Pending.
    error MarketplaceProposalNotPending(uint256 proposalId, ProposalStatus status);
    /// @notice The proposal answers tender `actualTenderId`, not `tenderId`.
    error MarketplaceProposalNotInTender(uint256 proposalId, uint256 tenderId, uint256 actualTenderId);
    /// @notice The terms on-chain (`price`, `amount`) differ from what the caller saw (`expected…`).
    error MarketplaceTermsMismatch(uint256 expectedPrice, uint256 price, uint256 expectedAmount, uint256 amount);
    /// @notice The trade would cost `cost`, above the caller's `maxTotalCost`.
    error MarketplaceMaxCostExceeded(uint256 cost, uint256 maxTotalCost);
    /// @notice Only the listing's seller may do this; `caller` is not it.
    error MarketplaceNotListingSeller(uint256 listingId, address caller);
    /// @notice The listing is `status` (SoldOut or Cancelled), not active.
    error MarketplaceListingNotActive(uint256 listingId, ListingStatus status);
    /// @notice Fills are accepted strictly before `expiry`; it has passed.
    error MarketplaceListingExpired(uint256 listingId, uint256 expiry);
    /// @notice A listing's `minFill` is above its `amount`.
    error MarketplaceInvalidMinFill(uint256 minFill, uint256 amount);
    /// @notice The fill asks for `amount` units; only `remaining` are left.
    error MarketplaceAmountAboveRemaining(uint256 listingId, uint256 amount, uint256 remaining);
    /// @notice The fill of `amount` units is below the listing's `minFill` and is not the whole remainder.
    error MarketplaceBelowMinFill(uint256 listingId, uint256 amount, uint256 minFill);
    /// @notice Tender `tenderId` settles only by the other award function: it was created with
    /// `retireOnAward` = `retireOnAward` (true: {awardTenderAndRetire}; false: {awardTender}).
    error MarketplaceWrongAwardForm(uint256 tenderId, bool retireOnAward);
    /// @notice `amount` units is below the smallest trade `minimum` (MIN_TRADE).
    error MarketplaceBelowMinimumTrade(uint256 amount, uint256 minimum);
    /// @notice ERC-1155 tokens arrive only through the marketplace's own escrow transfers; `operator`
    /// sent `token` credits directly (they would be stuck).
    error MarketplaceUnsolicitedTransfer(address token, address operator);
}
