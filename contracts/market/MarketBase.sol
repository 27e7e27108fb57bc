// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IPauseClock} from "../interfaces/IPauseClock.sol";
import {ICarbonCredits} from "../interfaces/ICarbonCredits.sol";
import {ICreditMarketplace} from "../interfaces/ICreditMarketplace.sol";
import {IProjectRegistry} from "../interfaces/IProjectRegistry.sol";
import {PauseClock} from "../libraries/PauseClock.sol";
import {Roles} from "../libraries/Roles.sol";

/// @title MarketBase — the marketplace's state, limits and the checks and settlement legs every flow shares
/// @notice Part of {CreditMarketplace} (see {ICreditMarketplace}): the tender/proposal flows
/// ({MarketTenders}) and the listing flows ({MarketListings}) build on it. Holds no external function
/// but the public constants and `feeRecipient`.
abstract contract MarketBase is
    ICreditMarketplace,
    AccessControlDefaultAdminRules,
    PauseClock,
    ReentrancyGuardTransient,
    ERC1155Holder
{
    using SafeERC20 for IERC20;

    /// @notice Role allowed to set the fee rate and the fee recipient (see {Roles}).
    bytes32 public constant FEE_ADMIN_ROLE = Roles.FEE_ADMIN_ROLE;
    /// @notice Role allowed to manage the payment-token allow-list (see {Roles}).
    bytes32 public constant MARKET_ADMIN_ROLE = Roles.MARKET_ADMIN_ROLE;
    /// @notice Role allowed to pause and unpause (see {Roles}).
    bytes32 public constant PAUSER_ROLE = Roles.PAUSER_ROLE;
    /// @notice Fee rate at deployment: 250 bps = 2.5 %.
    uint256 public constant DEFAULT_FEE_BPS = 250;
    /// @notice Cap on the fee rate: 1000 bps = 10 %.
    uint256 public constant MAX_FEE_BPS = 1_000;
    /// @notice After a tender's deadline the buyer has this long (seconds) to award; from
    /// `deadline + GRACE_PERIOD` on, anyone may release it.
    uint256 public constant GRACE_PERIOD = 7 days;
    /// @notice Longest a tender deadline or a listing expiry may lie ahead, seconds.
    uint256 public constant MAX_DURATION = 365 days;
    /// @notice Largest amount (units) or price (token units per credit) accepted; keeps both in 128 bits.
    uint256 public constant MAX_VALUE = type(uint128).max;
    /// @notice Smallest trade in units (1,000 g = 1 kg CO2e): the floor of every listing's minimum fill,
    /// of a tender's `creditsRequired` and of a proposal's amount.
    uint256 public constant MIN_TRADE = 1_000;

    /// @dev One trade's parties and terms, kept in memory to stay within the stack limit.
    struct Fill {
        uint256 batchId;
        address buyer;
        address seller;
        address token;
        uint256 amount;
        uint256 price;
    }

    IERC1155 internal immutable _credits;
    IProjectRegistry internal immutable _registry;

    /// @inheritdoc ICreditMarketplace
    address public feeRecipient;
    uint16 internal _feeBps;

    uint256 internal _tenderCount;
    uint256 internal _proposalCount;
    uint256 internal _listingCount;

    mapping(uint256 tenderId => Tender) internal _tenders;
    mapping(uint256 proposalId => Proposal) internal _proposals;
    mapping(uint256 listingId => Listing) internal _listings;
    mapping(address token => bool) internal _paymentTokens;
    mapping(address token => uint256) internal _accruedFees;
    mapping(uint256 batchId => MarketData) internal _marketData;
    mapping(uint256 batchId => mapping(address token => uint256)) internal _tradedValue;

    /// @dev Stores the credits contract, its registry and the fee recipient; sets the default fee rate.
    /// Reverts: MarketplaceInvalidCredits, MarketplaceInvalidFeeRecipient.
    constructor(address credits_, address feeRecipient_) {
        if (credits_ == address(0)) revert MarketplaceInvalidCredits(credits_);
        if (feeRecipient_ == address(0)) revert MarketplaceInvalidFeeRecipient(feeRecipient_);
        _credits = IERC1155(credits_);
        _registry = IProjectRegistry(ICarbonCredits(credits_).registry());
        feeRecipient = feeRecipient_;
        _feeBps = uint16(DEFAULT_FEE_BPS);
        emit FeeRecipientSet(address(0), feeRecipient_);
        emit FeeBpsSet(0, DEFAULT_FEE_BPS);
    }

    // ───────────────────────────── checks ─────────────────────────────

    /// @dev The batch's project and vintage; reverts unless the batch exists and its project is Approved.
    function _approvedBatch(uint256 batchId) internal view returns (uint256 projectId, uint32 vintage) {
        IProjectRegistry.Batch memory b = _registry.getBatch(batchId); // reverts RegistryUnknownBatch
        projectId = b.projectId;
        IProjectRegistry.ProjectStatus status = _registry.projectStatus(projectId);
        if (status != IProjectRegistry.ProjectStatus.Approved) revert MarketplaceProjectNotApproved(projectId, status);
        vintage = b.vintage;
    }

    /// @dev Seconds this marketplace and CarbonCredits have been paused, summed (overlaps count twice).
    function _pauseClock() internal view returns (uint256) {
        return pausedSeconds() + IPauseClock(address(_credits)).pausedSeconds();
    }

    /// @dev Settlement re-checks what entry checked: CarbonCredits is not paused (its pause lets this
    /// contract's exits through, not trades) and the batch's project is still Approved.
    function _checkSettlement(uint256 batchId) internal view {
        if (Pausable(address(_credits)).paused()) revert EnforcedPause();
        _approvedBatch(batchId);
    }

    function _checkMinTrade(uint256 amount) internal pure {
        if (amount < MIN_TRADE) revert MarketplaceBelowMinimumTrade(amount, MIN_TRADE);
    }

    function _checkPaymentToken(address token) internal view {
        if (!_paymentTokens[token]) revert MarketplacePaymentTokenNotAllowed(token);
    }

    function _checkAmount(uint256 amount) internal pure {
        if (amount == 0) revert MarketplaceZeroAmount();
        if (amount > MAX_VALUE) revert MarketplaceValueTooLarge(amount, MAX_VALUE);
    }

    function _checkPrice(uint256 price) internal pure {
        if (price == 0) revert MarketplaceZeroPrice();
        if (price > MAX_VALUE) revert MarketplaceValueTooLarge(price, MAX_VALUE);
    }

    function _checkDeadline(uint256 deadline) internal view {
        uint256 latest = block.timestamp + MAX_DURATION;
        if (deadline <= block.timestamp || deadline > latest) {
            revert MarketplaceInvalidDeadline(deadline, block.timestamp, latest);
        }
    }

    // ───────────────────────────── settlement ─────────────────────────────

    /// @dev Retires the fill's escrowed credits in the buyer's name, linked to the trade (no transfer to
    /// the buyer, so no receiver hook runs).
    function _retire(
        Fill memory f,
        ICarbonCredits.RetirementDetails calldata details,
        ICarbonCredits.RetirementSource source,
        uint256 refId,
        uint256 tradeNumber
    ) internal returns (uint256) {
        return
            ICarbonCredits(address(_credits)).retireFromEscrow(
                f.buyer,
                f.batchId,
                f.amount,
                details,
                ICarbonCredits.RetirementLink(source, refId, tradeNumber)
            );
    }

    /// @dev Accrues the fee and updates the batch's market data, then emits {Trade}. O(1). Returns the
    /// trade's number in the batch (its `tradeCount` after it).
    function _recordTrade(Fill memory f, Quote memory q, TradeKind kind, uint256 refId) internal returns (uint256) {
        _accruedFees[f.token] += q.fee;
        MarketData storage m = _marketData[f.batchId];
        m.lastPaymentToken = f.token;
        m.lastTradeAt = uint40(block.timestamp);
        m.tradeCount += 1;
        m.lastPricePerCredit = uint128(f.price); // every stored price is <= MAX_VALUE
        m.volume += uint128(f.amount); // every stored amount is <= MAX_VALUE; the sum is checked
        _tradedValue[f.batchId][f.token] += q.cost;
        emit Trade(f.batchId, f.buyer, f.seller, f.token, f.amount, f.price, q.cost, q.fee, kind, refId);
        return m.tradeCount;
    }

    /// @dev Pulls exactly `amount` of `token` from `from`; reverts MarketplaceShortPayment if the balance
    /// delta differs (fee-on-transfer and rebasing tokens).
    function _pull(address token, address from, uint256 amount) internal {
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(from, address(this), amount);
        uint256 afterwards = IERC20(token).balanceOf(address(this));
        uint256 received = afterwards > before ? afterwards - before : 0;
        if (received != amount) revert MarketplaceShortPayment(token, amount, received);
    }

    // ───────────────────────────── ERC-165 ─────────────────────────────

    /// @notice ERC-165: AccessControl(DefaultAdminRules), ERC-1155 receiver, ERC-165.
    function supportsInterface(
        bytes4 interfaceId
    ) public view override(AccessControlDefaultAdminRules, ERC1155Holder) returns (bool) {
        return
            AccessControlDefaultAdminRules.supportsInterface(interfaceId) ||
            ERC1155Holder.supportsInterface(interfaceId);
    }
}
