// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ICreditMarketplaceTypes} from "./ICreditMarketplaceTypes.sol";

/// @title ICreditMarketplaceEvents — the marketplace's events
/// @notice Part of {ICreditMarketplace}, which inherits it; the contract-level documentation is there.
interface ICreditMarketplaceEvents is ICreditMarketplaceTypes {
    /// @notice `token` was added to (`allowed`) or removed from the payment-token allow-list.
    event PaymentTokenSet(address indexed token, bool allowed);
    /// @notice The fee rate changed (basis points). Applies to offers made from now on.
    event FeeBpsSet(uint256 previousFeeBps, uint256 newFeeBps);
    /// @notice The fee recipient changed.
    event FeeRecipientSet(address indexed previousRecipient, address indexed newRecipient);
    /// @notice `amount` accrued fees of `token` were paid to `recipient`.
    event FeesWithdrawn(address indexed token, address indexed recipient, uint256 amount);

    /// @notice A tender was opened and `budget` (token units) escrowed from `buyer`.
    event TenderCreated(
        uint256 indexed tenderId,
        address indexed buyer,
        address indexed paymentToken,
        uint256 creditsRequired,
        uint256 maxPricePerCredit,
        uint256 deadline,
        uint32 projectId,
        uint32 minVintage,
        uint32 maxVintage,
        uint256 budget,
        bool retireOnAward
    );
    /// @notice The buyer cancelled the tender; `refund` (the whole budget) went back to the buyer.
    event TenderCancelled(uint256 indexed tenderId, address indexed buyer, uint256 refund);
    /// @notice `caller` released an unawarded tender after its grace period; `refund` went to the buyer.
    event TenderReleased(uint256 indexed tenderId, address indexed caller, uint256 refund);
    /// @notice The tender was awarded to `proposalId`. `cost − fee` went to `seller`, `refund` to the buyer.
    event TenderAwarded(
        uint256 indexed tenderId,
        uint256 indexed proposalId,
        address indexed seller,
        uint256 amount,
        uint256 pricePerCredit,
        uint256 cost,
        uint256 fee,
        uint256 refund
    );
    /// @notice A proposal was submitted and its `amount` units of `batchId` escrowed from `seller`.
    event ProposalSubmitted(
        uint256 indexed tenderId,
        uint256 indexed proposalId,
        address indexed seller,
        uint256 batchId,
        uint256 amount,
        uint256 pricePerCredit
    );
    /// @notice The seller withdrew a pending proposal; its `amount` units went back to the seller.
    event ProposalWithdrawn(
        uint256 indexed proposalId,
        uint256 indexed tenderId,
        address indexed seller,
        uint256 amount
    );
    /// @notice `caller` reclaimed a losing proposal's `amount` units for its `seller`.
    event ProposalReclaimed(
        uint256 indexed proposalId,
        uint256 indexed tenderId,
        address indexed seller,
        address caller,
        uint256 amount
    );
    /// @notice A listing was created and its `amount` units of `batchId` escrowed from `seller`.
    event ListingCreated(
        uint256 indexed listingId,
        address indexed seller,
        uint256 indexed batchId,
        address paymentToken,
        uint256 amount,
        uint256 pricePerCredit,
        uint256 minFill,
        uint256 expiry
    );
    /// @notice `buyer` bought `amount` units of a listing; `remaining` units are left.
    event ListingFilled(uint256 indexed listingId, address indexed buyer, uint256 amount, uint256 remaining);
    /// @notice The seller cancelled a listing; the `returned` unsold units went back to the seller.
    event ListingCancelled(uint256 indexed listingId, address indexed seller, uint256 returned);
    /// @notice One trade (an award or a listing fill): enough to rebuild price history per batch and each
    /// buyer's and seller's trade history. `refId` is the proposal id (Award) or the listing id (Listing).
    event Trade(
        uint256 indexed batchId,
        address indexed buyer,
        address indexed seller,
        address paymentToken,
        uint256 amount,
        uint256 pricePerCredit,
        uint256 cost,
        uint256 fee,
        TradeKind kind,
        uint256 refId
    );
}
