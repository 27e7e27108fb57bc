// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {ICarbonCredits} from "../interfaces/ICarbonCredits.sol";
import {ICarbonPool} from "../interfaces/ICarbonPool.sol";
import {PoolMath} from "../libraries/PoolMath.sol";
import {PoolBase} from "./PoolBase.sol";

/// @title PoolClaims — members' pull-based claims of a closed period's credits
/// @notice Part of {CarbonPool} (see {ICarbonPool}): each eligible member claims its share (rounded down, by
/// the period's allocation method) within the claim window, to its balance or straight into retirement.
abstract contract PoolClaims is PoolBase {
    // ───────────────────────────── claims ─────────────────────────────

    /// @inheritdoc ICarbonPool
    function claim(uint256[] calldata periodIds) external nonReentrant returns (uint256 total) {
        uint256 count = periodIds.length;
        if (count == 0) revert CarbonPoolEmptyClaim();
        address member = _msgSender();
        uint256[] memory batchIds = new uint256[](count);
        uint256[] memory amounts = new uint256[](count);
        uint256 transfers;
        for (uint256 i = 0; i < count; ++i) {
            (uint256 batchId, uint256 amount) = _takeAllocation(periodIds[i], member);
            if (amount != 0) {
                batchIds[transfers] = batchId;
                amounts[transfers] = amount;
                ++transfers;
                total += amount;
            }
        }
        Member storage m = _members[member];
        m.claimCount += uint32(count); // bounded by the calldata length
        m.claimedUnits += uint128(total);
        if (transfers != 0) {
            assembly ("memory-safe") {
                // Shrink to the non-zero transfers (transfers <= allocated length).
                mstore(batchIds, transfers)
                mstore(amounts, transfers)
            }
            IERC1155(address(_credits)).safeBatchTransferFrom(address(this), member, batchIds, amounts, "");
        }
    }

    /// @inheritdoc ICarbonPool
    function claimAndRetire(
        uint256 periodId,
        ICarbonCredits.RetirementDetails calldata details
    ) external nonReentrant returns (uint256 amount, uint256 retirementId) {
        address member = _msgSender();
        uint256 batchId;
        (batchId, amount) = _takeAllocation(periodId, member); // a zero share: CarbonCreditsZeroAmount below
        Member storage m = _members[member];
        m.claimCount += 1;
        m.claimedUnits += uint128(amount); // one period's share < 2^128
        retirementId = _credits.retireFromEscrow(
            member,
            batchId,
            amount,
            details,
            ICarbonCredits.RetirementLink(ICarbonCredits.RetirementSource.PoolClaim, periodId, 0)
        );
    }

    /// @inheritdoc ICarbonPool
    function claimable(uint256 periodId, address member) external view returns (uint256) {
        Period storage p = _periods[periodId];
        MemberPeriod storage mp = _memberPeriods[periodId][member];
        if (p.status != PeriodStatus.Closed || block.timestamp > _claimDeadline(p)) return 0;
        if (mp.claimed || !_isEligible(mp.grams, p.minContribution)) return 0;
        return _shareDown(p, mp);
    }

    // ───────────────────────────── internal ─────────────────────────────

    /// @dev Marks `member`'s allocation of closed period `periodId` claimed and returns its batch and
    /// units (rounded down); emits {AllocationClaimed}. The caller moves or retires the credits.
    function _takeAllocation(uint256 periodId, address member) internal returns (uint256 batchId, uint256 amount) {
        Period storage p = _periods[periodId];
        if (p.status != PeriodStatus.Closed) revert CarbonPoolPeriodNotClosed(periodId, p.status);
        uint256 deadline = _claimDeadline(p);
        if (block.timestamp > deadline) revert CarbonPoolClaimWindowOver(periodId, deadline);
        MemberPeriod storage mp = _memberPeriods[periodId][member];
        if (!_isEligible(mp.grams, p.minContribution)) revert CarbonPoolNotEligible(periodId, member);
        if (mp.claimed) revert CarbonPoolAlreadyClaimed(periodId, member);
        amount = _shareDown(p, mp);
        mp.claimed = true;
        ++p.claimedCount;
        p.claimedUnits += uint128(amount); // Σ shares <= credits < 2^128
        batchId = p.batchId;
        emit AllocationClaimed(periodId, member, batchId, amount);
    }

    /// @dev The member's share of a closed period by its method, rounded down (see {ICarbonPool}).
    function _shareDown(Period storage p, MemberPeriod storage mp) internal view returns (uint256) {
        uint256 amount = p.credits;
        AllocationMethod method = p.method;
        if (method == AllocationMethod.Proportional) {
            return PoolMath.proportionalShareDown(amount, mp.grams, p.eligibleGrams);
        }
        if (method == AllocationMethod.EqualShare) return PoolMath.equalShareDown(amount, p.eligibleCount);
        uint256 weight = PoolMath.performanceWeight(mp.grams, mp.score);
        if (method == AllocationMethod.PerformanceBased) {
            return PoolMath.performanceShareDown(amount, weight, p.weightSum);
        }
        return PoolMath.hybridShareDown(amount, mp.grams, p.eligibleGrams, weight, p.weightSum, p.hybridBps);
    }
}
