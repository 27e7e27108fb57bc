// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ICarbonCredits} from "../interfaces/ICarbonCredits.sol";
import {ICreditMarketplace} from "../interfaces/ICreditMarketplace.sol";
import {MarketMath} from "../libraries/MarketMath.sol";
import {MarketSettlement} from "../libraries/MarketSettlement.sol";
import {MarketBase} from "./MarketBase.sol";

/// @title MarketTenders — the tender and proposal flows of the CreditMarketplace
/// @notice Part of {CreditMarketplace} (see {ICreditMarketplace}): a buyer's tender escrows its budget, sellers'
/// proposals escrow their credits, one award settles one proposal; losers reclaim their credits afterwards.
abstract contract MarketTenders is MarketBase {
    using SafeERC20 for IERC20;

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
    function quoteAward(uint256 proposalId) external view returns (Quote memory) {
        Proposal storage p = _existingProposal(proposalId);
        return MarketSettlement.quoteCostUpFeeDown(p.amount, p.pricePerCredit, p.feeBps, _tenders[p.tenderId].budget);
    }

    // ───────────────────────────── internal ─────────────────────────────

    function _tenderStatus(uint256 tenderId) internal view returns (TenderStatus status) {
        Tender storage t = _tenders[tenderId];
        status = t.status;
        if (status == TenderStatus.Open && block.timestamp >= t.deadline) status = TenderStatus.UnderReview;
    }

    /// @dev The tender, which must exist and be stored Open (Open or UnderReview as seen now).
    function _openTender(uint256 tenderId) internal view returns (Tender storage t) {
        t = _tenders[tenderId];
        TenderStatus status = t.status;
        if (status == TenderStatus.None) revert MarketplaceUnknownTender(tenderId);
        if (status != TenderStatus.Open) revert MarketplaceTenderNotOpen(tenderId, status);
    }

    function _existingProposal(uint256 proposalId) internal view returns (Proposal storage p) {
        p = _proposals[proposalId];
        if (p.status == ProposalStatus.None) revert MarketplaceUnknownProposal(proposalId);
    }

    /// @dev The proposal, which must exist and be stored Pending (its credits are in escrow).
    function _pendingProposal(uint256 proposalId) internal view returns (Proposal storage p) {
        p = _existingProposal(proposalId);
        if (p.status != ProposalStatus.Pending) revert MarketplaceProposalNotPending(proposalId, p.status);
    }

    /// @dev End of the award window: `deadline + GRACE_PERIOD`, plus every second either contract has been
    /// paused since the tender was created (the time a pause took from the buyer).
    function _awardClosesAt(Tender storage t) internal view returns (uint256) {
        return uint256(t.deadline) + GRACE_PERIOD + _pauseClock() - t.pauseClockAtCreation;
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
    ) internal returns (Fill memory f, Quote memory q, uint256 tradeNumber) {
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
        q = MarketSettlement.quoteCostUpFeeDown(f.amount, f.price, p.feeBps, t.budget);
        if (q.cost > maxTotalCost) revert MarketplaceMaxCostExceeded(q.cost, maxTotalCost);

        t.status = TenderStatus.Awarded;
        t.winningProposalId = proposalId;
        p.status = ProposalStatus.Accepted;
        emit TenderAwarded(tenderId, proposalId, f.seller, f.amount, f.price, q.cost, q.fee, q.refund);
        tradeNumber = _recordTrade(f, q, TradeKind.Award, proposalId);
    }

    /// @dev The payment legs of an award from the escrowed budget: proceeds to the seller, refund to the buyer.
    function _payAward(Fill memory f, Quote memory q) internal {
        IERC20(f.token).safeTransfer(f.seller, q.sellerProceeds);
        if (q.refund > 0) IERC20(f.token).safeTransfer(f.buyer, q.refund);
    }
}
