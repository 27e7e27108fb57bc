// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ICreditMarketplace} from "../interfaces/ICreditMarketplace.sol";
import {MarketBase} from "./MarketBase.sol";
import {MarketListings} from "./MarketListings.sol";
import {MarketTenders} from "./MarketTenders.sol";


/// @title CreditMarketplace — escrowed tenders, proposals and fixed-price listings of carbon credits
/// @notice See {ICreditMarketplace}. Holds escrowed credits (ERC-1155, received only through its own
/// transfers) and escrowed payment tokens; never needs a role on CarbonCredits (sellers approve it).
/// The flows live in {MarketTenders} (tenders, proposals, awards) and {MarketListings} (listings, fills), on the
/// shared state, checks and settlement legs of {MarketBase}; this contract adds administration, the ERC-1155
/// receiver hooks and the counters.
contract CreditMarketplace is MarketTenders, MarketListings {
    using SafeERC20 for IERC20;

    /// @notice Deploys the marketplace with the default fee rate.
    /// @param admin Receives DEFAULT_ADMIN_ROLE (a multisig in production).
    /// @param adminTransferDelay Delay in seconds before a new default admin can accept the role.
    /// @param credits_ The CarbonCredits contract (not zero; its registry is read from it).
    /// @param feeRecipient_ The account that withdraws fees (not zero).
    /// Reverts: MarketplaceInvalidCredits, MarketplaceInvalidFeeRecipient.
    constructor(
        address admin,
        uint48 adminTransferDelay,
        address credits_,
        address feeRecipient_
    ) AccessControlDefaultAdminRules(adminTransferDelay, admin) MarketBase(credits_, feeRecipient_) {}

    // ───────────────────────────── admin ─────────────────────────────

    /// @inheritdoc ICreditMarketplace
    function setPaymentToken(address token, bool allowed) external onlyRole(MARKET_ADMIN_ROLE) {
        if (allowed && token.code.length == 0) revert MarketplaceInvalidPaymentToken(token);
        _paymentTokens[token] = allowed;
        emit PaymentTokenSet(token, allowed);
    }

    /// @inheritdoc ICreditMarketplace
    function setFeeBps(uint256 newFeeBps) external onlyRole(FEE_ADMIN_ROLE) {
        if (newFeeBps > MAX_FEE_BPS) revert MarketplaceFeeTooHigh(newFeeBps, MAX_FEE_BPS);
        emit FeeBpsSet(_feeBps, newFeeBps);
        _feeBps = uint16(newFeeBps); // newFeeBps <= MAX_FEE_BPS < 2^16
    }

    /// @inheritdoc ICreditMarketplace
    function setFeeRecipient(address recipient) external onlyRole(FEE_ADMIN_ROLE) {
        if (recipient == address(0)) revert MarketplaceInvalidFeeRecipient(recipient);
        emit FeeRecipientSet(feeRecipient, recipient);
        feeRecipient = recipient;
    }

    /// @inheritdoc ICreditMarketplace
    function withdrawFees(address token) external nonReentrant returns (uint256 amount) {
        if (msg.sender != feeRecipient) revert MarketplaceNotFeeRecipient(msg.sender);
        amount = _accruedFees[token];
        if (amount == 0) revert MarketplaceNothingToWithdraw(token);
        _accruedFees[token] = 0;
        emit FeesWithdrawn(token, msg.sender, amount);
        IERC20(token).safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc ICreditMarketplace
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc ICreditMarketplace
    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    // ───────────────────────────── ERC-1155 receiver ─────────────────────────────

    /// @notice Accepts CarbonCredits only from the marketplace's own escrow transfers; anything else
    /// reverts MarketplaceUnsolicitedTransfer (credits sent directly would be stuck).
    function onERC1155Received(
        address operator,
        address,
        uint256,
        uint256,
        bytes memory
    ) public view override returns (bytes4) {
        if (msg.sender != address(_credits) || operator != address(this)) {
            revert MarketplaceUnsolicitedTransfer(msg.sender, operator);
        }
        return this.onERC1155Received.selector;
    }

    /// @notice Always reverts MarketplaceUnsolicitedTransfer: the marketplace never batch-transfers to itself.
    function onERC1155BatchReceived(
        address operator,
        address,
        uint256[] memory,
        uint256[] memory,
        bytes memory
    ) public view override returns (bytes4) {
        revert MarketplaceUnsolicitedTransfer(msg.sender, operator);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc ICreditMarketplace
    function marketData(uint256 batchId) external view returns (MarketData memory) {
        return _marketData[batchId];
    }

    /// @inheritdoc ICreditMarketplace
    function tradedValue(uint256 batchId, address token) external view returns (uint256) {
        return _tradedValue[batchId][token];
    }

    /// @inheritdoc ICreditMarketplace
    function accruedFees(address token) external view returns (uint256) {
        return _accruedFees[token];
    }

    /// @inheritdoc ICreditMarketplace
    function isPaymentToken(address token) external view returns (bool) {
        return _paymentTokens[token];
    }

    /// @inheritdoc ICreditMarketplace
    function feeBps() external view returns (uint256) {
        return _feeBps;
    }

    /// @inheritdoc ICreditMarketplace
    function tenderCount() external view returns (uint256) {
        return _tenderCount;
    }

    /// @inheritdoc ICreditMarketplace
    function proposalCount() external view returns (uint256) {
        return _proposalCount;
    }

    /// @inheritdoc ICreditMarketplace
    function listingCount() external view returns (uint256) {
        return _listingCount;
    }

    /// @inheritdoc ICreditMarketplace
    function credits() external view returns (address) {
        return address(_credits);
    }

    /// @inheritdoc ICreditMarketplace
    function registry() external view returns (address) {
        return address(_registry);
    }
}
