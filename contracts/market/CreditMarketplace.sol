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
import {IPauseClock} from "../interfaces/IPauseClock.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICarbonCredits} from "../interfaces/ICarbonCredits.sol";
import {ICreditMarketplace} from "../interfaces/ICreditMarketplace.sol";
import {IProjectRegistry} from "../interfaces/IProjectRegistry.sol";
import {MarketMath} from "../libraries/MarketMath.sol";
import {PauseClock} from "../libraries/PauseClock.sol";
import {Roles} from "../libraries/Roles.sol";

/// @title CreditMarketplace — escrowed tenders, proposals and fixed-price listings of carbon credits
/// @notice See {ICreditMarketplace}. Holds escrowed credits (ERC-1155, received only through its own
/// transfers) and escrowed payment tokens; never needs a role on CarbonCredits (sellers approve it).
/// Every function that moves tokens is `nonReentrant` and follows checks-effects-interactions.
contract CreditMarketplace is
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

    IERC1155 private immutable _credits;
    IProjectRegistry private immutable _registry;

    /// @inheritdoc ICreditMarketplace
    address public feeRecipient;
    uint16 private _feeBps;

    uint256 private _tenderCount;
    uint256 private _proposalCount;
    uint256 private _listingCount;

    mapping(uint256 tenderId => Tender) private _tenders;
    mapping(uint256 proposalId => Proposal) private _proposals;
    mapping(uint256 listingId => Listing) private _listings;
    mapping(address token => bool) private _paymentTokens;
    mapping(address token => uint256) private _accruedFees;
    mapping(uint256 batchId => MarketData) private _marketData;
    mapping(uint256 batchId => mapping(address token => uint256)) private _tradedValue;

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
    ) AccessControlDefaultAdminRules(adminTransferDelay, admin) {
        if (credits_ == address(0)) revert MarketplaceInvalidCredits(credits_);
        if (feeRecipient_ == address(0)) revert MarketplaceInvalidFeeRecipient(feeRecipient_);
        _credits = IERC1155(credits_);
        _registry = IProjectRegistry(ICarbonCredits(credits_).registry());
        feeRecipient = feeRecipient_;
        _feeBps = uint16(DEFAULT_FEE_BPS);
        emit FeeRecipientSet(address(0), feeRecipient_);
        emit FeeBpsSet(0, DEFAULT_FEE_BPS);
    }

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

    // ───────────────────────────── tenders ─────────────────────────────

    /// @inheritdoc ICreditMarketplace
    function createTender(
        TenderInput calldata input
    ) external whenNotPaused nonReentrant returns (uint256 tenderId) {
        _checkPaymentToken(input.paymentToken);
        _checkAmount(input.creditsRequired);
        _checkMinTrade(input.creditsRequired);
        _checkPrice(input.maxPricePerCredit);
        _checkDeadline(input.deadline);
        if (input.minVintage != 0 && input.maxVintage != 0 && input.minVintage > input.maxVintage) {
            revert MarketplaceInvalidVintageRange(input.minVintage, input.maxVintage);
        }
        uint256 budget = MarketMath.costUp(input.creditsRequired, input.maxPricePerCredit);

        tenderId = ++_tenderCount;
        Tender storage t = _tenders[tenderId];
        t.buyer = msg.sender;
        t.deadline = uint40(input.deadline); // checked <= now + MAX_DURATION
        t.status = TenderStatus.Open;
        t.retireOnAward = input.retireOnAward;
        t.projectId = input.projectId;
        t.paymentToken = input.paymentToken;
        t.minVintage = input.minVintage;
        t.maxVintage = input.maxVintage;
        t.creditsRequired = uint128(input.creditsRequired); // checked <= MAX_VALUE
        t.maxPricePerCredit = uint128(input.maxPricePerCredit); // checked <= MAX_VALUE
        t.budget = budget;
        t.pauseClockAtCreation = uint32(_pauseClock()); // paused seconds < 2^32 (136 years)
        emit TenderCreated(
            tenderId,
            msg.sender,
            input.paymentToken,
            input.creditsRequired,
            input.maxPricePerCredit,
            input.deadline,
            input.projectId,
            input.minVintage,
            input.maxVintage,
            budget,
            input.retireOnAward
        );
        _pull(input.paymentToken, msg.sender, budget);
    }

    /// @inheritdoc ICreditMarketplace
    function cancelTender(uint256 tenderId) external nonReentrant {
        Tender storage t = _openTender(tenderId);
        if (msg.sender != t.buyer) revert MarketplaceNotTenderBuyer(tenderId, msg.sender);
        t.status = TenderStatus.Cancelled;
        uint256 refund = t.budget;
        emit TenderCancelled(tenderId, msg.sender, refund);
        IERC20(t.paymentToken).safeTransfer(msg.sender, refund);
    }

    /// @inheritdoc ICreditMarketplace
    function releaseTender(uint256 tenderId) external nonReentrant {
        Tender storage t = _openTender(tenderId);
        uint256 releasableAt = _awardClosesAt(t);
        if (block.timestamp < releasableAt) revert MarketplaceGracePeriodNotOver(tenderId, releasableAt);
        t.status = TenderStatus.Expired;
        uint256 refund = t.budget;
        emit TenderReleased(tenderId, msg.sender, refund);
        IERC20(t.paymentToken).safeTransfer(t.buyer, refund);
    }

    /// @inheritdoc ICreditMarketplace
    function awardTender(
        uint256 tenderId,
        uint256 proposalId,
        uint256 expectedPrice,
        uint256 expectedAmount,
        uint256 maxTotalCost
    ) external whenNotPaused nonReentrant {
        (Fill memory f, Quote memory q, ) = _award(
            tenderId,
            proposalId,
            expectedPrice,
            expectedAmount,
            maxTotalCost,
            false
        );
        _credits.safeTransferFrom(address(this), f.buyer, f.batchId, f.amount, "");
        _payAward(f, q);
    }

    /// @inheritdoc ICreditMarketplace
    function awardTenderAndRetire(
        uint256 tenderId,
        uint256 proposalId,
        uint256 expectedPrice,
        uint256 expectedAmount,
        uint256 maxTotalCost,
        ICarbonCredits.RetirementDetails calldata details
    ) external whenNotPaused nonReentrant returns (uint256 retirementId) {
        (Fill memory f, Quote memory q, uint256 tradeNumber) = _award(
            tenderId,
            proposalId,
            expectedPrice,
            expectedAmount,
            maxTotalCost,
            true
        );
        retirementId = _retire(f, details, ICarbonCredits.RetirementSource.TenderAward, tenderId, tradeNumber);
        _payAward(f, q);
    }

    // ───────────────────────────── proposals ─────────────────────────────

    /// @inheritdoc ICreditMarketplace
    function submitProposal(
        uint256 tenderId,
        uint256 batchId,
        uint256 amount,
        uint256 pricePerCredit
    ) external whenNotPaused nonReentrant returns (uint256 proposalId) {
        Tender storage t = _openTender(tenderId);
        if (block.timestamp >= t.deadline) revert MarketplaceDeadlinePassed(tenderId, t.deadline);
        if (msg.sender == t.buyer) revert MarketplaceSelfTrade(msg.sender);
        if (amount == 0) revert MarketplaceZeroAmount();
        _checkMinTrade(amount);
        if (amount > t.creditsRequired) revert MarketplaceAmountAboveRequired(tenderId, amount, t.creditsRequired);
        if (pricePerCredit == 0) revert MarketplaceZeroPrice();
        if (pricePerCredit > t.maxPricePerCredit) {
            revert MarketplacePriceAboveMax(tenderId, pricePerCredit, t.maxPricePerCredit);
        }
        (uint256 projectId, uint32 vintage) = _approvedBatch(batchId);
        if (
            (t.projectId != 0 && t.projectId != projectId) ||
            (t.minVintage != 0 && vintage < t.minVintage) ||
            (t.maxVintage != 0 && vintage > t.maxVintage)
        ) revert MarketplaceBatchNotEligible(tenderId, batchId, projectId, vintage);

        proposalId = ++_proposalCount;
        Proposal storage p = _proposals[proposalId];
        p.seller = msg.sender;
        p.tenderId = uint64(tenderId); // tenderId <= _tenderCount, far below 2^64
        p.status = ProposalStatus.Pending;
        p.feeBps = _feeBps;
        p.batchId = batchId;
        p.amount = uint128(amount); // amount <= creditsRequired <= MAX_VALUE
        p.pricePerCredit = uint128(pricePerCredit); // price <= maxPricePerCredit <= MAX_VALUE
        emit ProposalSubmitted(tenderId, proposalId, msg.sender, batchId, amount, pricePerCredit);
        _credits.safeTransferFrom(msg.sender, address(this), batchId, amount, "");
    }

    /// @inheritdoc ICreditMarketplace
    function withdrawProposal(uint256 proposalId) external nonReentrant {
        Proposal storage p = _pendingProposal(proposalId);
        if (msg.sender != p.seller) revert MarketplaceNotProposalSeller(proposalId, msg.sender);
        uint256 tenderId = p.tenderId;
        TenderStatus status = _tenders[tenderId].status;
        if (status != TenderStatus.Open) revert MarketplaceTenderNotOpen(tenderId, status);
        p.status = ProposalStatus.Withdrawn;
        uint256 amount = p.amount;
        emit ProposalWithdrawn(proposalId, tenderId, msg.sender, amount);
        _credits.safeTransferFrom(address(this), msg.sender, p.batchId, amount, "");
    }

    /// @inheritdoc ICreditMarketplace
    function reclaimProposal(uint256 proposalId) external nonReentrant {
        Proposal storage p = _pendingProposal(proposalId);
        uint256 tenderId = p.tenderId;
        TenderStatus status = _tenders[tenderId].status;
        // A Pending proposal of an Awarded tender is a loser: the winner is Accepted.
        if (status == TenderStatus.Open) revert MarketplaceTenderNotFinal(tenderId, _tenderStatus(tenderId));
        p.status = ProposalStatus.Rejected;
        address seller = p.seller;
        uint256 amount = p.amount;
        emit ProposalReclaimed(proposalId, tenderId, seller, msg.sender, amount);
        _credits.safeTransferFrom(address(this), seller, p.batchId, amount, "");
    }

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
    function getTender(uint256 tenderId) external view returns (Tender memory t) {
        t = _tenders[tenderId];
        if (t.status == TenderStatus.None) revert MarketplaceUnknownTender(tenderId);
        t.status = _tenderStatus(tenderId);
    }

    /// @inheritdoc ICreditMarketplace
    function tenderStatus(uint256 tenderId) external view returns (TenderStatus) {
        return _tenderStatus(tenderId);
    }

    /// @inheritdoc ICreditMarketplace
    function awardClosesAt(uint256 tenderId) external view returns (uint256) {
        Tender storage t = _tenders[tenderId];
        if (t.status == TenderStatus.None) revert MarketplaceUnknownTender(tenderId);
        return _awardClosesAt(t);
    }

    /// @inheritdoc ICreditMarketplace
    function tenderEscrow(uint256 tenderId) external view returns (uint256) {
        Tender storage t = _tenders[tenderId];
        return t.status == TenderStatus.Open ? t.budget : 0;
    }

    /// @inheritdoc ICreditMarketplace
    function getProposal(uint256 proposalId) external view returns (Proposal memory p) {
        p = _existingProposal(proposalId);
        if (p.status == ProposalStatus.Pending && _tenders[p.tenderId].status != TenderStatus.Open) {
            p.status = ProposalStatus.Rejected;
        }
    }

    /// @inheritdoc ICreditMarketplace
    function proposalEscrow(uint256 proposalId) external view returns (uint256) {
        Proposal storage p = _proposals[proposalId];
        return p.status == ProposalStatus.Pending ? p.amount : 0;
    }

    /// @inheritdoc ICreditMarketplace
    function getListing(uint256 listingId) external view returns (Listing memory lst) {
        lst = _listings[listingId];
        if (lst.status == ListingStatus.None) revert MarketplaceUnknownListing(listingId);
        if (lst.status == ListingStatus.Active && block.timestamp >= lst.expiry) lst.status = ListingStatus.Expired;
    }

    /// @inheritdoc ICreditMarketplace
    function quoteAward(uint256 proposalId) external view returns (Quote memory) {
        Proposal storage p = _existingProposal(proposalId);
        return _quote(p.amount, p.pricePerCredit, p.feeBps, _tenders[p.tenderId].budget);
    }

    /// @inheritdoc ICreditMarketplace
    function quoteBuy(uint256 listingId, uint256 amount) external view returns (Quote memory) {
        Listing storage lst = _listings[listingId];
        if (lst.status == ListingStatus.None) revert MarketplaceUnknownListing(listingId);
        return _quote(amount, lst.pricePerCredit, lst.feeBps, 0);
    }

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

    /// @notice ERC-165: AccessControl(DefaultAdminRules), ERC-1155 receiver, ERC-165.
    function supportsInterface(
        bytes4 interfaceId
    ) public view override(AccessControlDefaultAdminRules, ERC1155Holder) returns (bool) {
        return
            AccessControlDefaultAdminRules.supportsInterface(interfaceId) ||
            ERC1155Holder.supportsInterface(interfaceId);
    }

    // ───────────────────────────── internal ─────────────────────────────

    function _tenderStatus(uint256 tenderId) private view returns (TenderStatus status) {
        Tender storage t = _tenders[tenderId];
        status = t.status;
        if (status == TenderStatus.Open && block.timestamp >= t.deadline) status = TenderStatus.UnderReview;
    }

    /// @dev The tender, which must exist and be stored Open (Open or UnderReview as seen now).
    function _openTender(uint256 tenderId) private view returns (Tender storage t) {
        t = _tenders[tenderId];
        TenderStatus status = t.status;
        if (status == TenderStatus.None) revert MarketplaceUnknownTender(tenderId);
        if (status != TenderStatus.Open) revert MarketplaceTenderNotOpen(tenderId, status);
    }

    function _existingProposal(uint256 proposalId) private view returns (Proposal storage p) {
        p = _proposals[proposalId];
        if (p.status == ProposalStatus.None) revert MarketplaceUnknownProposal(proposalId);
    }

    /// @dev The proposal, which must exist and be stored Pending (its credits are in escrow).
    function _pendingProposal(uint256 proposalId) private view returns (Proposal storage p) {
        p = _existingProposal(proposalId);
        if (p.status != ProposalStatus.Pending) revert MarketplaceProposalNotPending(proposalId, p.status);
    }

    /// @dev The listing, which must exist and be stored Active (Active or Expired as seen now).
    function _activeListing(uint256 listingId) private view returns (Listing storage lst) {
        lst = _listings[listingId];
        ListingStatus status = lst.status;
        if (status == ListingStatus.None) revert MarketplaceUnknownListing(listingId);
        if (status != ListingStatus.Active) revert MarketplaceListingNotActive(listingId, status);
    }

    /// @dev The batch's project and vintage; reverts unless the batch exists and its project is Approved.
    function _approvedBatch(uint256 batchId) private view returns (uint256 projectId, uint32 vintage) {
        IProjectRegistry.Batch memory b = _registry.getBatch(batchId); // reverts RegistryUnknownBatch
        projectId = b.projectId;
        IProjectRegistry.ProjectStatus status = _registry.projectStatus(projectId);
        if (status != IProjectRegistry.ProjectStatus.Approved) revert MarketplaceProjectNotApproved(projectId, status);
        vintage = b.vintage;
    }

    /// @dev Seconds this marketplace and CarbonCredits have been paused, summed (overlaps count twice).
    function _pauseClock() private view returns (uint256) {
        return pausedSeconds() + IPauseClock(address(_credits)).pausedSeconds();
    }

    /// @dev End of the award window: `deadline + GRACE_PERIOD`, plus every second either contract has been
    /// paused since the tender was created (the time a pause took from the buyer).
    function _awardClosesAt(Tender storage t) private view returns (uint256) {
        return uint256(t.deadline) + GRACE_PERIOD + _pauseClock() - t.pauseClockAtCreation;
    }

    /// @dev Settlement re-checks what entry checked: CarbonCredits is not paused (its pause lets this
    /// contract's exits through, not trades) and the batch's project is still Approved.
    function _checkSettlement(uint256 batchId) private view {
        if (Pausable(address(_credits)).paused()) revert EnforcedPause();
        _approvedBatch(batchId);
    }

    function _checkMinTrade(uint256 amount) private pure {
        if (amount < MIN_TRADE) revert MarketplaceBelowMinimumTrade(amount, MIN_TRADE);
    }

    function _checkPaymentToken(address token) private view {
        if (!_paymentTokens[token]) revert MarketplacePaymentTokenNotAllowed(token);
    }

    function _checkAmount(uint256 amount) private pure {
        if (amount == 0) revert MarketplaceZeroAmount();
        if (amount > MAX_VALUE) revert MarketplaceValueTooLarge(amount, MAX_VALUE);
    }

    function _checkPrice(uint256 price) private pure {
        if (price == 0) revert MarketplaceZeroPrice();
        if (price > MAX_VALUE) revert MarketplaceValueTooLarge(price, MAX_VALUE);
    }

    function _checkDeadline(uint256 deadline) private view {
        uint256 latest = block.timestamp + MAX_DURATION;
        if (deadline <= block.timestamp || deadline > latest) {
            revert MarketplaceInvalidDeadline(deadline, block.timestamp, latest);
        }
    }

    function _quote(
        uint256 amount,
        uint256 price,
        uint256 rateBps,
        uint256 budget
    ) private pure returns (Quote memory q) {
        q.cost = MarketMath.costUp(amount, price);
        q.fee = MarketMath.feeDown(q.cost, rateBps);
        unchecked {
            // fee <= cost because rateBps <= MAX_FEE_BPS < BPS_DENOMINATOR
            q.sellerProceeds = q.cost - q.fee;
        }
        // For an award cost <= budget: amount <= creditsRequired, price <= maxPrice, costUp is monotone.
        q.refund = budget > q.cost ? budget - q.cost : 0;
    }

    /// @dev Every check and state change of an award (both forms), up to the transfers: the tender must
    /// be of the form asked for (`toRetire`). Returns the trade, its quote and its number in the batch.
    function _award(
        uint256 tenderId,
        uint256 proposalId,
        uint256 expectedPrice,
        uint256 expectedAmount,
        uint256 maxTotalCost,
        bool toRetire
    ) private returns (Fill memory f, Quote memory q, uint256 tradeNumber) {
        Tender storage t = _openTender(tenderId);
        if (msg.sender != t.buyer) revert MarketplaceNotTenderBuyer(tenderId, msg.sender);
        if (t.retireOnAward != toRetire) revert MarketplaceWrongAwardForm(tenderId, t.retireOnAward);
        uint256 closesAt = _awardClosesAt(t);
        if (block.timestamp >= closesAt) revert MarketplaceAwardWindowClosed(tenderId, closesAt);
        Proposal storage p = _existingProposal(proposalId);
        if (p.tenderId != tenderId) revert MarketplaceProposalNotInTender(proposalId, tenderId, p.tenderId);
        // The tender is open, so a proposal of it is Pending or Withdrawn.
        if (p.status != ProposalStatus.Pending) revert MarketplaceProposalNotPending(proposalId, p.status);
        f = Fill(p.batchId, msg.sender, p.seller, t.paymentToken, p.amount, p.pricePerCredit);
        _checkSettlement(f.batchId);
        if (f.price != expectedPrice || f.amount != expectedAmount) {
            revert MarketplaceTermsMismatch(expectedPrice, f.price, expectedAmount, f.amount);
        }
        q = _quote(f.amount, f.price, p.feeBps, t.budget);
        if (q.cost > maxTotalCost) revert MarketplaceMaxCostExceeded(q.cost, maxTotalCost);

        t.status = TenderStatus.Awarded;
        t.winningProposalId = proposalId;
        p.status = ProposalStatus.Accepted;
        emit TenderAwarded(tenderId, proposalId, f.seller, f.amount, f.price, q.cost, q.fee, q.refund);
        tradeNumber = _recordTrade(f, q, TradeKind.Award, proposalId);
    }

    /// @dev Every check and state change of a listing fill (both forms), up to the transfers.
    function _fillListing(
        uint256 listingId,
        uint256 amount,
        uint256 expectedPrice,
        uint256 maxTotalCost
    ) private returns (Fill memory f, Quote memory q, uint256 tradeNumber) {
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
        q = _quote(amount, f.price, lst.feeBps, 0);
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
    function _payFill(Fill memory f, Quote memory q) private {
        _pull(f.token, f.buyer, q.cost);
        IERC20(f.token).safeTransfer(f.seller, q.sellerProceeds);
    }

    /// @dev The payment legs of an award from the escrowed budget: proceeds to the seller, refund to the buyer.
    function _payAward(Fill memory f, Quote memory q) private {
        IERC20(f.token).safeTransfer(f.seller, q.sellerProceeds);
        if (q.refund > 0) IERC20(f.token).safeTransfer(f.buyer, q.refund);
    }

    /// @dev Retires the fill's escrowed credits in the buyer's name, linked to the trade (no transfer to
    /// the buyer, so no receiver hook runs).
    function _retire(
        Fill memory f,
        ICarbonCredits.RetirementDetails calldata details,
        ICarbonCredits.RetirementSource source,
        uint256 refId,
        uint256 tradeNumber
    ) private returns (uint256) {
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
    function _recordTrade(Fill memory f, Quote memory q, TradeKind kind, uint256 refId) private returns (uint256) {
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
    function _pull(address token, address from, uint256 amount) private {
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(from, address(this), amount);
        uint256 afterwards = IERC20(token).balanceOf(address(this));
        uint256 received = afterwards > before ? afterwards - before : 0;
        if (received != amount) revert MarketplaceShortPayment(token, amount, received);
    }
}
