// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ICarbonCredits} from "./ICarbonCredits.sol";
import {ICreditMarketplaceErrors} from "./ICreditMarketplaceErrors.sol";
import {ICreditMarketplaceEvents} from "./ICreditMarketplaceEvents.sol";
import {ICreditMarketplaceTypes} from "./ICreditMarketplaceTypes.sol";

/// @title ICreditMarketplace — tenders, proposals and direct listings of carbon credits
/// (rules from the CarbonCreditMarketplace design)
/// @notice Everything is escrowed in this contract and settled atomically:
/// - a **tender** is a buyer's request for `creditsRequired` units at ≤ `maxPricePerCredit` by a
///   deadline; the buyer's maximum budget `costUp(creditsRequired, maxPricePerCredit)` is escrowed at
///   creation, so an award can never fail for lack of funds;
/// - a **proposal** is a seller's offer of one batch against a tender; its credits are escrowed at
///   submission (CarbonCreditMarketplace design, property 9, made stronger);
/// - an **award** picks exactly one pending proposal (property 11) and in one transaction sends the
///   credits to the buyer, `cost − fee` to the seller, accrues the fee and refunds the unused budget
///   (property 10). Losing proposals are not touched (award and cancel are O(1) in the number of
///   proposals); their sellers, or anyone, reclaim their credits afterwards;
/// - a **listing** is a fixed-price offer with partial fills, a minimum fill and an expiry.
///
/// Offset in one step: {buyAndRetire} fills a listing and {awardTenderAndRetire} awards a tender created
/// with `retireOnAward`, on the same terms, quote and fee as {buy} / {awardTender}, but the credits go
/// from escrow straight to retirement (CarbonCredits `retireFromEscrow`, through this contract's
/// ESCROW_ROLE): they never reach the buyer's balance, need no approval and call no receiver hook. The
/// retirement names the buyer as the retiring account and links the trade (source, listing or tender
/// id, and the trade's number in its batch) in its `Retired` event, so every retirement, whatever the
/// path, is one query on CarbonCredits' `Retired` events.
///
/// Units (docs/contracts.md, "Units"): credit amounts are integer grams CO2e (1 credit = 1_000_000 units);
/// prices are per whole credit in the payment token's smallest unit; the cost of a trade is
/// `ceil(amount × price / 1e6)` (rounded up: the seller is never short-changed) and its fee
/// `floor(cost × feeBps / 10_000)` (rounded down; property 12), both in payment-token units.
/// Times are unix seconds.
///
/// Payment is in allow-listed ERC-20 tokens only. Every pull of payment tokens checks the balance
/// delta, so fee-on-transfer or otherwise short-paying tokens revert. Native ETH is not accepted:
/// an ETH leg would need a second settlement path (push-payments to arbitrary contracts can re-enter
/// or fail on purpose and block awards and refunds), so buyers use a wrapped or stable token instead.
///
/// Fees: the fee rate in force when a seller commits (submits a proposal or creates a listing) is
/// stored with the offer and used for its trades, so a later fee change never alters agreed terms.
/// Fees accrue per payment token in this contract and are pulled by the fee recipient.
///
/// Pausing stops entry (create tender, propose, list, buy, award) but never exit (cancel tender,
/// release, withdraw and reclaim proposals, cancel listing, withdraw fees): a pause never traps
/// anyone's assets. That holds for a pause of CarbonCredits too: this contract holds its ESCROW_ROLE
/// there, so its exits still move escrowed credits out, while fills and awards stop (EnforcedPause).
/// Every second either contract is paused is added to open tenders' award windows ({awardClosesAt}).
///
/// Settlement re-checks the project: a fill or an award of a batch whose project is no longer
/// Approved (suspended, deactivated) reverts MarketplaceProjectNotApproved; exits stay open.
///
/// Smallest trade: MIN_TRADE units (1 kg CO2e). Listings, tenders and proposals below it are refused
/// and every listing's minimum fill is at least MIN_TRADE (a fill may be smaller only when it takes the
/// whole remainder), so splitting a trade into fills too small to pay a fee is not possible.
///
/// Market data is a record, not a price oracle: `lastPricePerCredit` is whatever the last trade paid,
/// which any two colluding accounts can set with one MIN_TRADE fill. For a price use the volume-weighted
/// `tradedValue(batchId, token) × 1e6 / volume` over the token's trades, or the {Trade} events.
interface ICreditMarketplace is ICreditMarketplaceTypes, ICreditMarketplaceEvents, ICreditMarketplaceErrors {
    // ───────────────────────────── structs ─────────────────────────────

    /// @notice What a buyer supplies to open a tender.
    /// @param paymentToken Allow-listed ERC-20 the budget is escrowed and paid in.
    /// @param projectId Only batches of this project are eligible (0 = any project).
    /// @param minVintage Only batches of this vintage year or later (0 = no lower bound).
    /// @param maxVintage Only batches of this vintage year or earlier (0 = no upper bound).
    /// @param creditsRequired Units wanted (grams CO2e), > 0, ≤ MAX_VALUE.
    /// @param maxPricePerCredit Highest acceptable price per whole credit (token units), > 0, ≤ MAX_VALUE.
    /// @param deadline Last moment proposals are accepted is `deadline − 1`: unix seconds, strictly in
    /// the future and at most MAX_DURATION from now.
    /// @param retireOnAward When true the tender can only be settled by {awardTenderAndRetire} (the credits
    /// are retired for the buyer on award), else only by {awardTender}. Sellers see it before proposing.
    struct TenderInput {
        address paymentToken;
        uint32 projectId;
        uint32 minVintage;
        uint32 maxVintage;
        uint256 creditsRequired;
        uint256 maxPricePerCredit;
        uint256 deadline;
        bool retireOnAward;
    }

    /// @notice A tender as stored (see {getTender} for the status as seen now).
    /// @param buyer Who created it; receives the credits and every refund.
    /// @param deadline See {TenderInput}.
    /// @param status See {TenderStatus}.
    /// @param retireOnAward See {TenderInput}.
    /// @param projectId See {TenderInput}.
    /// @param paymentToken See {TenderInput}.
    /// @param minVintage See {TenderInput}.
    /// @param maxVintage See {TenderInput}.
    /// @param creditsRequired See {TenderInput}.
    /// @param maxPricePerCredit See {TenderInput}.
    /// @param budget `costUp(creditsRequired, maxPricePerCredit)`, escrowed while the tender is open.
    /// @param winningProposalId The accepted proposal (0 until awarded).
    /// @param pauseClockAtCreation Seconds this marketplace and CarbonCredits had been paused (summed)
    /// when the tender was created; the award window grows by every paused second after it.
    struct Tender {
        address buyer;
        uint40 deadline;
        TenderStatus status;
        bool retireOnAward;
        uint32 projectId;
        address paymentToken;
        uint32 minVintage;
        uint32 maxVintage;
        uint32 pauseClockAtCreation;
        uint128 creditsRequired;
        uint128 maxPricePerCredit;
        uint256 budget;
        uint256 winningProposalId;
    }

    /// @notice A proposal as stored (see {getProposal} for the status as seen now).
    /// @param seller Who offered the credits; receives the proceeds or the credits back.
    /// @param tenderId The tender it answers.
    /// @param status See {ProposalStatus}.
    /// @param feeBps Fee rate in force at submission, used if it wins.
    /// @param batchId The batch (= ERC-1155 token id) of the credits offered.
    /// @param amount Units offered and escrowed (grams CO2e).
    /// @param pricePerCredit Price per whole credit (token units).
    struct Proposal {
        address seller;
        uint64 tenderId;
        ProposalStatus status;
        uint16 feeBps;
        uint256 batchId;
        uint128 amount;
        uint128 pricePerCredit;
    }

    /// @notice A listing as stored (see {getListing} for the status as seen now).
    /// @param seller Who listed; receives the proceeds and, on cancel, the rest of the credits.
    /// @param expiry Fills are accepted strictly before this time (unix seconds).
    /// @param status See {ListingStatus}.
    /// @param feeBps Fee rate in force at listing, used for every fill.
    /// @param paymentToken Allow-listed ERC-20 buyers pay in.
    /// @param batchId The batch (= ERC-1155 token id) listed.
    /// @param remaining Units still for sale and escrowed (grams CO2e).
    /// @param pricePerCredit Price per whole credit (token units).
    /// @param minFill Smallest fill in units, except a fill taking the whole remainder.
    /// @param amount Units originally listed.
    struct Listing {
        address seller;
        uint40 expiry;
        ListingStatus status;
        uint16 feeBps;
        address paymentToken;
        uint256 batchId;
        uint128 remaining;
        uint128 pricePerCredit;
        uint128 minFill;
        uint128 amount;
    }

    /// @notice On-chain market data of one batch, updated by every trade in O(1).
    /// @param lastPaymentToken Token of the last trade.
    /// @param lastTradeAt Time of the last trade, unix seconds (0: never traded).
    /// @param tradeCount Number of trades.
    /// @param lastPricePerCredit Price per whole credit of the last trade (in `lastPaymentToken` units).
    /// Not a price oracle: one small trade between colluding accounts sets it to any value.
    /// @param volume Cumulative units traded (grams CO2e), all tokens together.
    struct MarketData {
        address lastPaymentToken;
        uint40 lastTradeAt;
        uint48 tradeCount;
        uint128 lastPricePerCredit;
        uint128 volume;
    }

    /// @notice A quote: what a trade would cost and pay out, in payment-token units.
    /// @param cost What the buyer pays: `costUp(amount, price)`.
    /// @param fee What the fee recipient accrues: `feeDown(cost, feeBps)`.
    /// @param sellerProceeds What the seller receives: `cost − fee`.
    /// @param refund For an award: the unused budget returned to the buyer (`budget − cost`); 0 for a fill.
    struct Quote {
        uint256 cost;
        uint256 fee;
        uint256 sellerProceeds;
        uint256 refund;
    }

    // ───────────────────────────── admin ─────────────────────────────

    /// @notice Adds `token` to (`allowed = true`) or removes it from the payment-token allow-list.
    /// Removal stops new tenders, listings and fills in `token`; open escrows in it still settle and refund.
    /// @dev Caller: MARKET_ADMIN_ROLE. Emits {PaymentTokenSet}.
    /// Reverts: MarketplaceInvalidPaymentToken (zero address or no code, when allowing),
    /// AccessControlUnauthorizedAccount.
    function setPaymentToken(address token, bool allowed) external;

    /// @notice Sets the fee rate, in basis points, for offers made from now on (≤ MAX_FEE_BPS).
    /// @dev Caller: FEE_ADMIN_ROLE. Emits {FeeBpsSet}.
    /// Reverts: MarketplaceFeeTooHigh, AccessControlUnauthorizedAccount.
    function setFeeBps(uint256 feeBps) external;

    /// @notice Sets the account allowed to withdraw accrued fees (not zero).
    /// @dev Caller: FEE_ADMIN_ROLE. Emits {FeeRecipientSet}.
    /// Reverts: MarketplaceInvalidFeeRecipient, AccessControlUnauthorizedAccount.
    function setFeeRecipient(address recipient) external;

    /// @notice Pays all accrued fees of `token` to the caller, the fee recipient. Works while paused.
    /// @dev Caller: the fee recipient. Emits {FeesWithdrawn}.
    /// Reverts: MarketplaceNotFeeRecipient, MarketplaceNothingToWithdraw, ReentrancyGuardReentrantCall.
    /// @return amount Token units paid.
    function withdrawFees(address token) external returns (uint256 amount);

    /// @notice Stops entry: createTender, submitProposal, awardTender, createListing, buy.
    /// @dev Caller: PAUSER_ROLE. Emits Paused. Reverts: EnforcedPause, AccessControlUnauthorizedAccount.
    function pause() external;

    /// @notice Resumes entry.
    /// @dev Caller: PAUSER_ROLE. Emits Unpaused. Reverts: ExpectedPause, AccessControlUnauthorizedAccount.
    function unpause() external;

    // ───────────────────────────── tenders ─────────────────────────────

    /// @notice Opens a tender and escrows the buyer's maximum budget
    /// `costUp(creditsRequired, maxPricePerCredit)` (the caller must have approved it).
    /// @dev Caller: anyone (the buyer). Not while paused. Emits {TenderCreated}.
    /// Reverts: MarketplacePaymentTokenNotAllowed, MarketplaceZeroAmount, MarketplaceBelowMinimumTrade
    /// (creditsRequired < MIN_TRADE), MarketplaceZeroPrice,
    /// MarketplaceValueTooLarge, MarketplaceInvalidDeadline, MarketplaceInvalidVintageRange,
    /// MarketplaceShortPayment, the token's own errors (allowance, balance), EnforcedPause,
    /// ReentrancyGuardReentrantCall.
    /// @return tenderId The new tender's id (sequential from 1).
    function createTender(TenderInput calldata input) external returns (uint256 tenderId);

    /// @notice Cancels an open (or under-review) tender and refunds the whole budget to the buyer.
    /// Pending proposals become Rejected and reclaimable; nothing loops over them. Works while paused.
    /// @dev Caller: the tender's buyer. Emits {TenderCancelled}.
    /// Reverts: MarketplaceUnknownTender, MarketplaceNotTenderBuyer, MarketplaceTenderNotOpen,
    /// ReentrancyGuardReentrantCall.
    function cancelTender(uint256 tenderId) external;

    /// @notice Releases a tender nobody awarded: from {awardClosesAt} on (`deadline + GRACE_PERIOD` plus the
    /// time lost to pauses), anyone may mark it Expired, which refunds the whole budget to the buyer.
    /// Works while paused (this contract or CarbonCredits).
    /// @dev Caller: anyone. Emits {TenderReleased}.
    /// Reverts: MarketplaceUnknownTender, MarketplaceTenderNotOpen, MarketplaceGracePeriodNotOver,
    /// ReentrancyGuardReentrantCall.
    function releaseTender(uint256 tenderId) external;

    /// @notice Awards the tender to one pending proposal, atomically (property 10): the proposal's credits
    /// go to the buyer, `cost − fee` to the seller, the fee accrues, `budget − cost` goes back to the buyer.
    /// Allowed while the tender is Open or UnderReview and strictly before {awardClosesAt}
    /// (`deadline + GRACE_PERIOD` plus the seconds either contract has been paused since creation), and
    /// only while the proposal's project is Approved and CarbonCredits is not paused.
    /// The caller echoes the terms it saw; any difference reverts. Exactly one proposal wins (property
    /// 11); every other becomes Rejected without being touched (O(1)).
    /// @dev Caller: the tender's buyer. Not while paused. Emits {TenderAwarded} and {Trade}.
    /// Reverts: MarketplaceUnknownTender, MarketplaceNotTenderBuyer, MarketplaceTenderNotOpen,
    /// MarketplaceWrongAwardForm (a `retireOnAward` tender), MarketplaceAwardWindowClosed,
    /// MarketplaceUnknownProposal, MarketplaceProposalNotInTender,
    /// MarketplaceProposalNotPending, MarketplaceProjectNotApproved, MarketplaceTermsMismatch,
    /// MarketplaceMaxCostExceeded, the receiver hook's error if the buyer rejects the credits, the token's
    /// error if a payment leg fails, EnforcedPause (this contract or CarbonCredits),
    /// ReentrancyGuardReentrantCall.
    /// @param expectedPrice The proposal's price per credit the buyer saw.
    /// @param expectedAmount The proposal's amount (units) the buyer saw.
    /// @param maxTotalCost The most the buyer accepts to pay (token units).
    function awardTender(
        uint256 tenderId,
        uint256 proposalId,
        uint256 expectedPrice,
        uint256 expectedAmount,
        uint256 maxTotalCost
    ) external;

    /// @notice Awards a tender created with `retireOnAward` and retires the proposal's credits for the
    /// buyer in the same transaction: exactly the checks, quote, fee, seller proceeds and refund of
    /// {awardTender}, but the escrowed credits are retired (`details`: beneficiary, name, reason,
    /// reference, consumption country) instead of sent — the retirement's account is the buyer and its
    /// link is (TenderAward, `tenderId`, the trade's number in its batch).
    /// @dev Caller: the tender's buyer. Not while paused (this contract or CarbonCredits). Emits
    /// {TenderAwarded}, {Trade} and CarbonCredits' TransferSingle (to zero) and `Retired`.
    /// Reverts: as {awardTender} (MarketplaceWrongAwardForm for a tender without `retireOnAward`), and
    /// CarbonCreditsInvalidBeneficiary, CarbonCreditsFieldTooLong for bad `details`.
    /// @return retirementId The CarbonCredits retirement id.
    function awardTenderAndRetire(
        uint256 tenderId,
        uint256 proposalId,
        uint256 expectedPrice,
        uint256 expectedAmount,
        uint256 maxTotalCost,
        ICarbonCredits.RetirementDetails calldata details
    ) external returns (uint256 retirementId);

    // ───────────────────────────── proposals ─────────────────────────────

    /// @notice Offers `amount` units of `batchId` at `pricePerCredit` against an open tender and escrows
    /// them (the caller must have `setApprovalForAll` the marketplace on CarbonCredits). Accepted strictly
    /// before the deadline (property 8): at `block.timestamp == deadline` it reverts.
    /// The batch must meet the tender's project and vintage constraints and its project must be Approved.
    /// @dev Caller: anyone but the tender's buyer (the seller). Not while paused. Emits {ProposalSubmitted}.
    /// Reverts: MarketplaceUnknownTender, MarketplaceTenderNotOpen, MarketplaceDeadlinePassed,
    /// MarketplaceSelfTrade, MarketplaceZeroAmount, MarketplaceBelowMinimumTrade (amount < MIN_TRADE),
    /// MarketplaceAmountAboveRequired, MarketplaceZeroPrice,
    /// MarketplacePriceAboveMax, RegistryUnknownBatch, MarketplaceBatchNotEligible,
    /// MarketplaceProjectNotApproved, ERC1155MissingApprovalForAll, ERC1155InsufficientBalance,
    /// EnforcedPause (of this contract or of CarbonCredits), ReentrancyGuardReentrantCall.
    /// @return proposalId The new proposal's id (sequential from 1, across tenders).
    function submitProposal(
        uint256 tenderId,
        uint256 batchId,
        uint256 amount,
        uint256 pricePerCredit
    ) external returns (uint256 proposalId);

    /// @notice Withdraws a pending proposal of a tender that is still Open or UnderReview and returns its
    /// credits to the seller. Works while paused (this contract or CarbonCredits).
    /// @dev Caller: the proposal's seller. Emits {ProposalWithdrawn}.
    /// Reverts: MarketplaceUnknownProposal, MarketplaceNotProposalSeller, MarketplaceProposalNotPending,
    /// MarketplaceTenderNotOpen (use {reclaimProposal} then), ReentrancyGuardReentrantCall.
    function withdrawProposal(uint256 proposalId) external;

    /// @notice Returns the escrowed credits of a losing proposal (its tender Awarded to another proposal,
    /// Cancelled or Expired) to its seller. Works while paused (this contract or CarbonCredits).
    /// @dev Caller: anyone; the credits always go to the seller. Emits {ProposalReclaimed}.
    /// Reverts: MarketplaceUnknownProposal, MarketplaceProposalNotPending, MarketplaceTenderNotFinal,
    /// ReentrancyGuardReentrantCall.
    function reclaimProposal(uint256 proposalId) external;

    // ───────────────────────────── listings ─────────────────────────────

    /// @notice Lists `amount` units of `batchId` at a fixed `pricePerCredit` in `paymentToken`, escrowing
    /// them (the caller must have `setApprovalForAll` the marketplace). Fills of at least `minFill` units
    /// (or the whole remainder when smaller) are accepted strictly before `expiry`; a `minFill` below
    /// MIN_TRADE is stored as MIN_TRADE (so fills are never too small to pay a fee).
    /// @dev Caller: anyone (the seller). Not while paused. Emits {ListingCreated}.
    /// Reverts: MarketplacePaymentTokenNotAllowed, MarketplaceZeroAmount, MarketplaceBelowMinimumTrade
    /// (amount < MIN_TRADE), MarketplaceZeroPrice,
    /// MarketplaceValueTooLarge, MarketplaceInvalidMinFill, MarketplaceInvalidDeadline,
    /// RegistryUnknownBatch, MarketplaceProjectNotApproved, ERC1155MissingApprovalForAll,
    /// ERC1155InsufficientBalance, EnforcedPause, ReentrancyGuardReentrantCall.
    /// @param minFill Smallest fill in units (raised to MIN_TRADE if below; ≤ amount).
    /// @param expiry Unix seconds, in `(now, now + MAX_DURATION]`.
    /// @return listingId The new listing's id (sequential from 1).
    function createListing(
        uint256 batchId,
        uint256 amount,
        uint256 pricePerCredit,
        address paymentToken,
        uint256 minFill,
        uint256 expiry
    ) external returns (uint256 listingId);

    /// @notice Buys `amount` units of a listing: pulls `costUp(amount, price)` from the caller (balance
    /// delta checked), sends `cost − fee` to the seller, accrues the fee and sends the credits to the
    /// caller — atomically. The caller echoes the price it saw and caps the total cost (slippage guard).
    /// Only while the batch's project is Approved and CarbonCredits is not paused.
    /// @dev Caller: anyone but the seller. Not while paused. Emits {ListingFilled} and {Trade}.
    /// Reverts: MarketplaceUnknownListing, MarketplaceListingNotActive, MarketplaceListingExpired,
    /// MarketplaceSelfTrade, MarketplacePaymentTokenNotAllowed, MarketplaceZeroAmount,
    /// MarketplaceAmountAboveRemaining, MarketplaceBelowMinFill, MarketplaceProjectNotApproved,
    /// MarketplaceTermsMismatch, MarketplaceMaxCostExceeded, MarketplaceShortPayment, the token's and the
    /// receiver hook's errors, EnforcedPause (this contract or CarbonCredits), ReentrancyGuardReentrantCall.
    /// @param expectedPrice The listing's price per credit the buyer saw.
    /// @param maxTotalCost The most the buyer accepts to pay (token units).
    /// @return cost Token units paid.
    function buy(
        uint256 listingId,
        uint256 amount,
        uint256 expectedPrice,
        uint256 maxTotalCost
    ) external returns (uint256 cost);

    /// @notice Buys `amount` units of a listing and retires them for the caller in the same transaction:
    /// exactly the checks, quote, payment and fee of {buy}, but the escrowed credits are retired with
    /// `details` instead of sent — the retirement's account is the caller (the buyer) and its link is
    /// (ListingFill, `listingId`, the trade's number in its batch). No approval on CarbonCredits needed.
    /// @dev Caller: anyone but the seller. Not while paused (this contract or CarbonCredits). Emits
    /// {ListingFilled}, {Trade} and CarbonCredits' TransferSingle (to zero) and `Retired`.
    /// Reverts: as {buy}, and CarbonCreditsInvalidBeneficiary, CarbonCreditsFieldTooLong for bad `details`.
    /// @return cost Token units paid.
    /// @return retirementId The CarbonCredits retirement id.
    function buyAndRetire(
        uint256 listingId,
        uint256 amount,
        uint256 expectedPrice,
        uint256 maxTotalCost,
        ICarbonCredits.RetirementDetails calldata details
    ) external returns (uint256 cost, uint256 retirementId);

    /// @notice Cancels a listing (active or expired) and returns the unsold credits to the seller.
    /// Works while paused (this contract or CarbonCredits).
    /// @dev Caller: the listing's seller. Emits {ListingCancelled}.
    /// Reverts: MarketplaceUnknownListing, MarketplaceNotListingSeller, MarketplaceListingNotActive,
    /// ReentrancyGuardReentrantCall.
    function cancelListing(uint256 listingId) external;

    // ───────────────────────────── views ─────────────────────────────

    /// @notice The tender, with `status` as seen now (UnderReview derived from time).
    /// Reverts MarketplaceUnknownTender.
    function getTender(uint256 tenderId) external view returns (Tender memory);

    /// @notice The tender's status as seen now (`None` for an unknown id; never reverts).
    function tenderStatus(uint256 tenderId) external view returns (TenderStatus);

    /// @notice End of the tender's award window as seen now (unix seconds): awards are accepted strictly
    /// before it, release from it on. It is `deadline + GRACE_PERIOD` plus every second this marketplace or
    /// CarbonCredits has been paused since the tender was created (overlapping pauses count twice), so a
    /// pause never costs the buyer award time. While a pause lasts it moves forward with the clock.
    /// Reverts MarketplaceUnknownTender.
    function awardClosesAt(uint256 tenderId) external view returns (uint256);

    /// @notice Token units escrowed for the tender now: its budget while Open/UnderReview, else 0.
    function tenderEscrow(uint256 tenderId) external view returns (uint256);

    /// @notice The proposal, with `status` as seen now (Rejected derived from the tender).
    /// Reverts MarketplaceUnknownProposal.
    function getProposal(uint256 proposalId) external view returns (Proposal memory);

    /// @notice Credit units escrowed for the proposal now: its amount until it is accepted, withdrawn or
    /// reclaimed, else 0.
    function proposalEscrow(uint256 proposalId) external view returns (uint256);

    /// @notice The listing, with `status` as seen now (Expired derived from time).
    /// Reverts MarketplaceUnknownListing.
    function getListing(uint256 listingId) external view returns (Listing memory);

    /// @notice What awarding `proposalId` would cost, charge and pay out now (at the proposal's stored
    /// fee rate), including the buyer's refund. Reverts MarketplaceUnknownProposal.
    function quoteAward(uint256 proposalId) external view returns (Quote memory);

    /// @notice What buying `amount` units of `listingId` would cost, charge and pay out (at the listing's
    /// stored fee rate; `refund` is 0). Does not check fill rules. Reverts MarketplaceUnknownListing.
    function quoteBuy(uint256 listingId, uint256 amount) external view returns (Quote memory);

    /// @notice Market data of batch `batchId` (all zero if never traded).
    function marketData(uint256 batchId) external view returns (MarketData memory);

    /// @notice Cumulative value (token units) of all trades of `batchId` paid in `token`.
    function tradedValue(uint256 batchId, address token) external view returns (uint256);

    /// @notice Fees of `token` accrued and not yet withdrawn (token units).
    function accruedFees(address token) external view returns (uint256);

    /// @notice Whether `token` is on the payment-token allow-list.
    function isPaymentToken(address token) external view returns (bool);

    /// @notice The fee rate for offers made now, basis points.
    function feeBps() external view returns (uint256);

    /// @notice The account allowed to withdraw accrued fees.
    function feeRecipient() external view returns (address);

    /// @notice Number of tenders; ids run from 1 to this number.
    function tenderCount() external view returns (uint256);

    /// @notice Number of proposals; ids run from 1 to this number.
    function proposalCount() external view returns (uint256);

    /// @notice Number of listings; ids run from 1 to this number.
    function listingCount() external view returns (uint256);

    /// @notice The CarbonCredits (ERC-1155) contract whose credits are traded.
    function credits() external view returns (address);

    /// @notice The ProjectRegistry read for batches and project status.
    function registry() external view returns (address);
}
