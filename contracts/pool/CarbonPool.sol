// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ICarbonPool} from "../interfaces/ICarbonPool.sol";
import {PoolMath} from "../libraries/PoolMath.sol";
import {PoolBase} from "./PoolBase.sol";
import {PoolClaims} from "./PoolClaims.sol";
import {PoolPeriods} from "./PoolPeriods.sol";

/// @title CarbonPool — one MSME carbon pool: per-period aggregation and pull-based allocation
/// @notice See {ICarbonPool}. One pool per deployment; every operation is O(1) in the number of members.
/// Parts: {PoolBase} (state, limits, receiver hooks), {PoolPeriods} (period lifecycle, project series) and
/// {PoolClaims} (claims); this contract adds membership, pool settings, the oracle's records and the views.
contract CarbonPool is PoolPeriods, PoolClaims {
    /// @notice Deploys a pool: Proportional allocation, no minimum, close grace DEFAULT_CLOSE_GRACE, claim
    /// window DEFAULT_CLAIM_WINDOW. One credit unit per verified gram, always.
    /// @param admin Receives DEFAULT_ADMIN_ROLE (a multisig in production).
    /// @param adminTransferDelay Delay in seconds before a new default admin can accept the role.
    /// @param registry_ The ProjectRegistry (not zero; reverts CarbonPoolInvalidAddress("registry", …)).
    /// @param credits_ The CarbonCredits token (not zero; reverts CarbonPoolInvalidAddress("credits", …)).
    /// @param treasury_ Receives swept units (not zero; reverts CarbonPoolInvalidTreasury).
    constructor(
        address admin,
        uint48 adminTransferDelay,
        address registry_,
        address credits_,
        address treasury_
    ) AccessControlDefaultAdminRules(adminTransferDelay, admin) PoolBase(registry_, credits_, treasury_) {}

    // ───────────────────────────── manager ─────────────────────────────

    /// @inheritdoc ICarbonPool
    function admitMember(address member) external onlyRole(POOL_MANAGER_ROLE) {
        if (member == address(0)) revert CarbonPoolInvalidMember(member);
        Member storage m = _members[member];
        if (m.active) revert CarbonPoolAlreadyMember(member);
        m.active = true;
        ++_memberCount;
        emit MemberAdmitted(member);
    }

    /// @inheritdoc ICarbonPool
    function removeMember(address member) external onlyRole(POOL_MANAGER_ROLE) {
        Member storage m = _members[member];
        if (!m.active) revert CarbonPoolNotMember(member);
        m.active = false;
        --_memberCount;
        uint256 periodId = _openPeriodId;
        uint256 withdrawn;
        if (periodId != 0 && m.lastPeriodId == periodId) {
            MemberPeriod storage mp = _memberPeriods[periodId][member];
            withdrawn = mp.grams;
            Period storage p = _periods[periodId];
            if (_isEligible(withdrawn, p.minContribution)) {
                // Undo exactly what crossing the minimum and the later records added (see recordContribution).
                p.eligibleGrams -= uint128(withdrawn);
                p.weightSum -= uint128(PoolMath.performanceWeight(withdrawn, mp.score));
                --p.eligibleCount;
                --m.allocationCount;
                m.history &= ~uint16(1); // bit 0 is this period: it was set when the member became eligible
            }
            if (withdrawn != 0) {
                mp.grams = 0;
                // withdrawn <= MAX_GRAMS; carried grams are cleared by the member's next record, before
                // any later removal can add to them, so the sum stays below 2^73 < 2^96.
                m.carriedGrams += uint96(withdrawn);
                m.hasCarried = true;
            }
        }
        emit MemberRemoved(member, periodId, withdrawn);
    }

    /// @inheritdoc ICarbonPool
    function setAllocationMethod(AllocationMethod method, uint16 hybridBps) external onlyRole(POOL_MANAGER_ROLE) {
        if (method == AllocationMethod.Hybrid ? hybridBps > PoolMath.BPS : hybridBps != 0) {
            revert CarbonPoolInvalidHybridWeight(method, hybridBps);
        }
        _method = method;
        _hybridBps = hybridBps;
        emit AllocationMethodUpdated(method, hybridBps);
    }

    /// @inheritdoc ICarbonPool
    function setMinContribution(uint128 grams) external onlyRole(POOL_MANAGER_ROLE) {
        _minContribution = grams;
        emit MinContributionUpdated(grams);
    }

    /// @inheritdoc ICarbonPool
    function setPeriodTimings(uint32 closeGrace, uint32 claimWindow) external onlyRole(POOL_MANAGER_ROLE) {
        if (closeGrace < MIN_CLOSE_GRACE || closeGrace > MAX_CLOSE_GRACE) {
            revert CarbonPoolInvalidDuration("closeGrace", closeGrace, MIN_CLOSE_GRACE, MAX_CLOSE_GRACE);
        }
        if (claimWindow < MIN_CLAIM_WINDOW || claimWindow > MAX_CLAIM_WINDOW) {
            revert CarbonPoolInvalidDuration("claimWindow", claimWindow, MIN_CLAIM_WINDOW, MAX_CLAIM_WINDOW);
        }
        _closeGrace = closeGrace;
        _claimWindow = claimWindow;
        emit PeriodTimingsUpdated(closeGrace, claimWindow);
    }

    /// @inheritdoc ICarbonPool
    function setTreasury(address treasury_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (treasury_ == address(0)) revert CarbonPoolInvalidTreasury(treasury_);
        _treasury = treasury_;
        emit TreasuryUpdated(treasury_);
    }

    /// @inheritdoc ICarbonPool
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc ICarbonPool
    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    // ───────────────────────────── oracle ─────────────────────────────

    /// @inheritdoc ICarbonPool
    function recordContribution(
        address member,
        uint256 periodId,
        uint256 grams
    ) external onlyRole(ORACLE_ROLE) whenNotPaused {
        if (grams == 0) revert CarbonPoolZeroAmount();
        if (grams > MAX_GRAMS) revert CarbonPoolGramsOverflow(grams, MAX_GRAMS);
        Member storage m = _members[member];
        if (!m.active) revert CarbonPoolNotMember(member);
        Period storage p = _periods[periodId];
        if (p.status != PeriodStatus.Open) revert CarbonPoolPeriodNotOpen(periodId, p.status);
        MemberPeriod storage mp = _memberPeriods[periodId][member];
        bool first = m.lastPeriodId != periodId;
        uint256 before;
        uint256 score;
        uint256 carried;
        if (first) {
            (carried, score) = _enterPeriod(m, p, member, periodId);
        } else {
            before = mp.grams;
            score = mp.score;
        }
        if (m.hasCarried) {
            carried += m.carriedGrams;
            m.carriedGrams = 0;
            m.hasCarried = false;
        }
        if (carried != 0) emit ContributionCarriedForward(member, periodId, carried);
        uint256 added = grams + carried;
        uint256 memberGrams = before + added;
        if (memberGrams > MAX_GRAMS) revert CarbonPoolGramsOverflow(memberGrams, MAX_GRAMS);
        if (first) {
            // One fresh slot per member and period, written once (score <= MAX_SCORE = 100).
            _memberPeriods[periodId][member] = MemberPeriod(uint128(memberGrams), uint8(score), false);
        } else {
            mp.grams = uint128(memberGrams);
        }
        m.totalGrams += uint128(grams); // grams <= MAX_GRAMS; carried grams were counted when recorded
        bool eligible = _isEligible(memberGrams, p.minContribution);
        if (eligible) _join(p, m, periodId, score, before, added);
        emit ContributionRecorded(periodId, member, grams, memberGrams, score, eligible);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc ICarbonPool
    function registry() external view returns (address) {
        return address(_registry);
    }

    /// @inheritdoc ICarbonPool
    function credits() external view returns (address) {
        return address(_credits);
    }

    /// @inheritdoc ICarbonPool
    function projectId() external view returns (uint256) {
        return _projectId;
    }

    /// @inheritdoc ICarbonPool
    function poolProjects() external view returns (uint256 successorProjectId, uint256 currentProjectBatches) {
        return (_successorProjectId, _projectBatches);
    }

    /// @inheritdoc ICarbonPool
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc ICarbonPool
    function allocationMethod() external view returns (AllocationMethod method, uint16 hybridBps) {
        return (_method, _hybridBps);
    }

    /// @inheritdoc ICarbonPool
    function minContribution() external view returns (uint128) {
        return _minContribution;
    }

    /// @inheritdoc ICarbonPool
    function periodTimings() external view returns (uint32 closeGrace, uint32 claimWindow) {
        return (_closeGrace, _claimWindow);
    }

    /// @inheritdoc ICarbonPool
    function periodCount() external view returns (uint256) {
        return _periodCount;
    }

    /// @inheritdoc ICarbonPool
    function openPeriodId() external view returns (uint256) {
        return _openPeriodId;
    }

    /// @inheritdoc ICarbonPool
    function memberCount() external view returns (uint256) {
        return _memberCount;
    }

    /// @inheritdoc ICarbonPool
    function isMember(address account) external view returns (bool) {
        return _members[account].active;
    }

    /// @inheritdoc ICarbonPool
    function getPeriod(uint256 periodId) external view returns (Period memory) {
        return _periods[periodId];
    }

    /// @inheritdoc ICarbonPool
    function getMember(address member) external view returns (Member memory) {
        return _members[member];
    }

    /// @inheritdoc ICarbonPool
    function getMemberPeriod(uint256 periodId, address member) external view returns (MemberPeriod memory) {
        return _memberPeriods[periodId][member];
    }

    /// @inheritdoc ICarbonPool
    function carriedForward(address member) external view returns (uint256 grams) {
        Member storage m = _members[member];
        grams = m.carriedGrams;
        uint256 last = m.lastPeriodId;
        if (last != 0 && last != _openPeriodId) grams += _carryableFrom(last, member);
    }

    /// @inheritdoc ICarbonPool
    function participationScore(address member) external view returns (uint256) {
        Member storage m = _members[member];
        uint256 next = _openPeriodId != 0 ? _openPeriodId : uint256(_periodCount) + 1;
        uint256 history = m.history;
        uint256 last = m.lastPeriodId;
        if (last != next && _countsAborted(m, last)) history &= ~uint256(1);
        uint256 recent = PoolMath.recentAllocations(history, m.historyAnchor, next);
        return PoolMath.participationScore(recent, m.totalGrams);
    }

    /// @inheritdoc ICarbonPool
    function carbonEfficiency(address member) external view returns (uint256) {
        Member storage m = _members[member];
        return PoolMath.carbonEfficiencyDown(m.claimedUnits, m.totalGrams);
    }

    // ───────────────────────────── internal ─────────────────────────────

    /// @dev A member's first record in open period `periodId`: takes the grams its last period passes on
    /// (below that period's minimum, or all of an aborted period's — whose eligibility then stops counting),
    /// fixes its participation score for the period (MSME pool rules) before this period's grams count, and
    /// counts the member among the period's contributors.
    function _enterPeriod(
        Member storage m,
        Period storage p,
        address member,
        uint256 periodId
    ) internal returns (uint256 carried, uint256 score) {
        uint256 last = m.lastPeriodId;
        if (last != 0) {
            carried = _carryableFrom(last, member);
            if (_countsAborted(m, last)) {
                m.history &= ~uint16(1);
                --m.allocationCount;
            }
        }
        uint256 recent = PoolMath.recentAllocations(m.history, m.historyAnchor, periodId);
        score = PoolMath.participationScore(recent, m.totalGrams);
        m.lastPeriodId = uint32(periodId); // periodId <= _periodCount, a uint32
        ++p.recordCount; // <= members ever admitted, far below 2^32
    }

    /// @dev Grams of `member`'s record in the ended period `last` that pass on to its next period: all of
    /// them when `last` was aborted, those below the minimum when it closed (else, and for none, 0).
    function _carryableFrom(uint256 last, address member) internal view returns (uint256) {
        Period storage lp = _periods[last];
        uint256 lastGrams = _memberPeriods[last][member].grams;
        if (lp.status == PeriodStatus.Aborted) return lastGrams;
        return _isEligible(lastGrams, lp.minContribution) ? 0 : lastGrams;
    }

    /// @dev Whether `m`'s history bit 0 stands for period `last` and `last` was aborted (so the
    /// allocation it records never happened).
    function _countsAborted(Member storage m, uint256 last) internal view returns (bool) {
        return
            last != 0 &&
            m.historyAnchor == last &&
            (m.history & 1) != 0 &&
            _periods[last].status == PeriodStatus.Aborted;
    }

    /// @dev Adds an eligible member's new grams to the period's totals. On crossing the minimum
    /// (`before` was not eligible) the member's whole grams join and it is counted; afterwards only
    /// `added`. Weights use the member's score for the period, so `W` stays a plain sum.
    function _join(
        Period storage p,
        Member storage m,
        uint256 periodId,
        uint256 score,
        uint256 before,
        uint256 added
    ) internal {
        bool wasEligible = _isEligible(before, p.minContribution);
        uint256 joining = wasEligible ? added : before + added;
        uint256 eligibleGrams = p.eligibleGrams + joining;
        if (eligibleGrams > MAX_GRAMS) revert CarbonPoolGramsOverflow(eligibleGrams, MAX_GRAMS);
        p.eligibleGrams = uint128(eligibleGrams);
        // weight <= MAX_GRAMS × 200 < 2^80 per period: fits uint128
        p.weightSum += uint128(PoolMath.performanceWeight(joining, score));
        if (!wasEligible) {
            ++p.eligibleCount;
            ++m.allocationCount;
            m.history = PoolMath.reanchor(m.history, m.historyAnchor, periodId) | 1;
            m.historyAnchor = uint32(periodId);
        }
    }
}
