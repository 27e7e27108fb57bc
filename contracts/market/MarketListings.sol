// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ICarbonCredits} from "../interfaces/ICarbonCredits.sol";
import {ICreditMarketplace} from "../interfaces/ICreditMarketplace.sol";
import {MarketSettlement} from "../libraries/MarketSettlement.sol";
import {MarketBase} from "./MarketBase.sol";

/// @title MarketListings — the fixed-price listing flows of the CreditMarketplace
/// @notice Part of {CreditMarketplace} (see {ICreditMarketplace}): a seller escrows credits at a fixed price with
/// a minimum fill and an expiry; buyers fill it in parts, paying on the spot.
abstract contract MarketListings is MarketBase {
    using SafeERC20 for IERC20;

    // ───────────────────────────── listings ─────────────────────────────

    /// @inheritdoc ICreditMarketplace
    function createListing(
        uint256 batchId,
        uint256 amount,
        uint256 pricePerCredit,
        address paymentToken,
        uint256 minFill,
        uint256 expiry
    ) external whenNotPaused nonReentrant returns (uint256 listingId) {
        _checkPaymentToken(paymentToken);
        _checkAmount(amount);
        _checkMinTrade(amount);
        _checkPrice(pricePerCredit);
        if (minFill > amount) revert MarketplaceInvalidMinFill(minFill, amount);
        if (minFill < MIN_TRADE) minFill = MIN_TRADE; // <= amount, checked above
        _checkDeadline(expiry);
        _approvedBatch(batchId);

        listingId = ++_listingCount;
        Listing storage lst = _listings[listingId];
        lst.seller = msg.sender;
        lst.expiry = uint40(expiry); // checked <= now + MAX_DURATION
        lst.status = ListingStatus.Active;
        lst.feeBps = _feeBps;
        lst.paymentToken = paymentToken;
        lst.batchId = batchId;
        lst.remaining = uint128(amount); // checked <= MAX_VALUE
        lst.pricePerCredit = uint128(pricePerCredit); // checked <= MAX_VALUE
        lst.minFill = uint128(minFill); // minFill <= amount
        lst.amount = uint128(amount);
        emit ListingCreated(listingId, msg.sender, batchId, paymentToken, amount, pricePerCredit, minFill, expiry);
        _credits.safeTransferFrom(msg.sender, address(this), batchId, amount, "");
    }

    /// @inheritdoc ICreditMarketplace
    function buy(
        uint256 listingId,
        uint256 amount,
        uint256 expectedPrice,
        uint256 maxTotalCost
    ) external whenNotPaused nonReentrant returns (uint256 cost) {
        (Fill memory f, Quote memory q, ) = _fillListing(listingId, amount, expectedPrice, maxTotalCost);
        _payFill(f, q);
        _credits.safeTransferFrom(address(this), msg.sender, f.batchId, amount, "");
        return q.cost;
    }

    /// @inheritdoc ICreditMarketplace
    function buyAndRetire(
        uint256 listingId,
        uint256 amount,
        uint256 expectedPrice,
        uint256 maxTotalCost,
        ICarbonCredits.RetirementDetails calldata details
    ) external whenNotPaused nonReentrant returns (uint256 cost, uint256 retirementId) {
        (Fill memory f, Quote memory q, uint256 tradeNumber) =
            _fillListing(listingId, amount, expectedPrice, maxTotalCost);
        _payFill(f, q);
        retirementId = _retire(f, details, ICarbonCredits.RetirementSource.ListingFill, listingId, tradeNumber);
        cost = q.cost;
    }

    /// @inheritdoc ICreditMarketplace
    function cancelListing(uint256 listingId) external nonReentrant {
        Listing storage lst = _activeListing(listingId);
        if (msg.sender != lst.seller) revert MarketplaceNotListingSeller(listingId, msg.sender);
        uint256 returned = lst.remaining;
        lst.status = ListingStatus.Cancelled;
        lst.remaining = 0;
        emit ListingCancelled(listingId, msg.sender, returned);
        _credits.safeTransferFrom(address(this), msg.sender, lst.batchId, returned, "");
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc ICreditMarketplace
    function getListing(uint256 listingId) external view returns (Listing memory lst) {
        lst = _listings[listingId];
        if (lst.status == ListingStatus.None) revert MarketplaceUnknownListing(listingId);
        if (lst.status == ListingStatus.Active && block.timestamp >= lst.expiry) lst.status = ListingStatus.Expired;
    }

    /// @inheritdoc ICreditMarketplace
    function quoteBuy(uint256 listingId, uint256 amount) external view returns (Quote memory) {
        Listing storage lst = _listings[listingId];
        if (lst.status == ListingStatus.None) revert MarketplaceUnknownListing(listingId);
        return MarketSettlement.quoteCostUpFeeDown(amount, lst.pricePerCredit, lst.feeBps, 0);
    }

    // ───────────────────────────── internal ─────────────────────────────

    /// @dev The listing, which must exist and be stored Active (Active or Expired as seen now).
    function _activeListing(uint256 listingId) internal view returns (Listing storage lst) {
        lst = _listings[listingId];
        ListingStatus status = lst.status;
        if (status == ListingStatus.None) revert MarketplaceUnknownListing(listingId);
        if (status != ListingStatus.Active) revert MarketplaceListingNotActive(listingId, status);
    }

    /// @dev Every check and state change of a listing fill (both forms), up to the transfers.
    function _fillListing(
        uint256 listingId,
        uint256 amount,
        uint256 expectedPrice,
        uint256 maxTotalCost
    ) internal returns (Fill memory f, Quote memory q, uint256 tradeNumber) {
        Listing storage lst = _activeListing(listingId);
        if (block.timestamp >= lst.expiry) revert MarketplaceListingExpired(listingId, lst.expiry);
        f = Fill(lst.batchId, msg.sender, lst.seller, lst.paymentToken, amount, lst.pricePerCredit);
        if (msg.sender == f.seller) revert MarketplaceSelfTrade(msg.sender);
        if (!_paymentTokens[f.token]) revert MarketplacePaymentTokenNotAllowed(f.token);
        if (amount == 0) revert MarketplaceZeroAmount();
        uint256 remaining = lst.remaining;
        if (amount > remaining) revert MarketplaceAmountAboveRemaining(listingId, amount, remaining);
        if (amount < lst.minFill && amount != remaining) revert MarketplaceBelowMinFill(listingId, amount, lst.minFill);
        _checkSettlement(f.batchId);
        if (f.price != expectedPrice) revert MarketplaceTermsMismatch(expectedPrice, f.price, amount, amount);
        q = MarketSettlement.quoteCostUpFeeDown(amount, f.price, lst.feeBps, 0);
        if (q.cost > maxTotalCost) revert MarketplaceMaxCostExceeded(q.cost, maxTotalCost);

        unchecked {
            remaining -= amount; // amount <= remaining, checked above
        }
        lst.remaining = uint128(remaining); // remaining < the stored uint128
        if (remaining == 0) lst.status = ListingStatus.SoldOut;
        emit ListingFilled(listingId, msg.sender, amount, remaining);
        tradeNumber = _recordTrade(f, q, TradeKind.Listing, listingId);
    }

    /// @dev The payment legs of a fill: the cost from the buyer (delta-checked), the proceeds to the seller.
    function _payFill(Fill memory f, Quote memory q) internal {
        _pull(f.token, f.buyer, q.cost);
        IERC20(f.token).safeTransfer(f.seller, q.sellerProceeds);
    }
}
