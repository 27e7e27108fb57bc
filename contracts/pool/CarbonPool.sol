// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {ICarbonCredits} from "../interfaces/ICarbonCredits.sol";
import {ICarbonPool} from "../interfaces/ICarbonPool.sol";
import {IProjectRegistry} from "../interfaces/IProjectRegistry.sol";
import {CalendarPeriods} from "../libraries/CalendarPeriods.sol";
import {PoolMath} from "../libraries/PoolMath.sol";
import {Roles} from "../libraries/Roles.sol";

/// @title CarbonPool — one MSME carbon pool: per-period aggregation and pull-based allocation
/// @notice See {ICarbonPool}. One pool per deployment; every operation is O(1) in the number of members.
contract CarbonPool is ICarbonPool, AccessControlDefaultAdminRules, ERC1155Holder, Pausable, ReentrancyGuardTransient {
    /// @notice Role allowed to register the pool project, open / close periods, admit / remove members,
    /// set pool parameters and sweep dust (see {Roles}).
    bytes32 public constant POOL_MANAGER_ROLE = Roles.POOL_MANAGER_ROLE;
    /// @notice Role allowed to record verified contributions (the MRVOracle; see {Roles}).
    bytes32 public constant ORACLE_ROLE = Roles.ORACLE_ROLE;
    /// @notice Role allowed to pause and unpause (see {Roles}).
    bytes32 public constant PAUSER_ROLE = Roles.PAUSER_ROLE;
    /// @notice Cap on a member's grams in a period and on a period's eligible grams (2^96 − 1 g ≈ 7.9e22 t),
    /// which keeps every allocation product inside 256 bits (see {PoolMath-hybridShareDown}).
    uint256 public constant MAX_GRAMS = type(uint96).max;
    /// @notice Earliest period year: the registry's MIN_VINTAGE (a period's year is its batch's vintage).
    uint256 public constant MIN_PERIOD_YEAR = 1990;
    /// @notice Latest period year: the registry's MAX_VINTAGE.
    uint256 public constant MAX_PERIOD_YEAR = 2200;
    /// @notice Prefix of the serial of each period batch: `OTPOOL-<pool address>-<periodId>`.
    string public constant SERIAL_PREFIX = "OTPOOL-";

    IProjectRegistry private immutable _registry;
    ICarbonCredits private immutable _credits;

    uint256 private _projectId;
    address private _treasury;
    uint64 private _rateNumerator;
    uint64 private _rateDenominator;
    uint128 private _minContribution;
    uint32 private _periodCount;
    uint32 private _openPeriodId;
    uint256 private _memberCount;

    mapping(uint256 periodId => Period) private _periods;
    mapping(address member => Member) private _members;
    mapping(uint256 periodId => mapping(address member => MemberPeriod)) private _memberPeriods;

    /// @notice Deploys a pool with the default conversion rate 1 / 1 (1 unit per gram) and no minimum.
    /// @param admin Receives DEFAULT_ADMIN_ROLE (a multisig in production).
    /// @param adminTransferDelay Delay in seconds before a new default admin can accept the role.
    /// @param registry_ The ProjectRegistry (not zero; reverts CarbonPoolInvalidAddress("registry", …)).
    /// @param credits_ The CarbonCredits token (not zero; reverts CarbonPoolInvalidAddress("credits", …)).
    /// @param treasury_ Receives swept dust (not zero; reverts CarbonPoolInvalidTreasury).
    constructor(
        address admin,
        uint48 adminTransferDelay,
        address registry_,
        address credits_,
        address treasury_
    ) AccessControlDefaultAdminRules(adminTransferDelay, admin) {
        if (registry_ == address(0)) revert CarbonPoolInvalidAddress("registry", registry_);
        if (credits_ == address(0)) revert CarbonPoolInvalidAddress("credits", credits_);
        if (treasury_ == address(0)) revert CarbonPoolInvalidTreasury(treasury_);
        _registry = IProjectRegistry(registry_);
        _credits = ICarbonCredits(credits_);
        _treasury = treasury_;
        _rateNumerator = 1;
        _rateDenominator = 1;
    }

    // ───────────────────────────── manager ─────────────────────────────

    /// @inheritdoc ICarbonPool
    function registerPoolProject(
        IProjectRegistry.ProjectInput calldata input
    ) external onlyRole(POOL_MANAGER_ROLE) returns (uint256 projectId_) {
        if (_projectId != 0) revert CarbonPoolProjectAlreadyRegistered(_projectId);
        if (input.owner != address(this)) revert CarbonPoolInvalidProjectOwner(input.owner, address(this));
        projectId_ = _registry.registerProject(input); // the trusted registry makes no callback
        _projectId = projectId_;
        emit PoolProjectRegistered(projectId_, input.name);
    }

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
                m.history &= ~uint64(1); // bit 0 is this period: it was set when the member became eligible
            }
            mp.grams = 0;
            m.carriedGrams += uint128(withdrawn);
        }
        emit MemberRemoved(member, periodId, withdrawn);
    }

    /// @inheritdoc ICarbonPool
    function setConversionRate(uint64 numerator, uint64 denominator) external onlyRole(POOL_MANAGER_ROLE) {
        if (numerator == 0 || denominator == 0) revert CarbonPoolInvalidConversionRate(numerator, denominator);
        _rateNumerator = numerator;
        _rateDenominator = denominator;
        emit ConversionRateUpdated(numerator, denominator);
    }

    /// @inheritdoc ICarbonPool
    function setMinContribution(uint128 grams) external onlyRole(POOL_MANAGER_ROLE) {
        _minContribution = grams;
        emit MinContributionUpdated(grams);
    }

    /// @inheritdoc ICarbonPool
    function setTreasury(address treasury_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (treasury_ == address(0)) revert CarbonPoolInvalidTreasury(treasury_);
        _treasury = treasury_;
        emit TreasuryUpdated(treasury_);
    }

    /// @inheritdoc ICarbonPool
    function openPeriod(
        CalendarPeriods.Kind kind,
        uint40 timestamp
    ) external onlyRole(POOL_MANAGER_ROLE) whenNotPaused returns (uint256 periodId) {
        if (_projectId == 0) revert CarbonPoolProjectNotRegistered();
        if (_openPeriodId != 0) revert CarbonPoolPeriodAlreadyOpen(_openPeriodId);
        (uint256 start, uint256 end, uint256 year) = CalendarPeriods.periodOf(kind, timestamp);
        if (year < MIN_PERIOD_YEAR || year > MAX_PERIOD_YEAR) {
            revert CarbonPoolInvalidPeriodYear(year, MIN_PERIOD_YEAR, MAX_PERIOD_YEAR);
        }
        uint256 count = _periodCount;
        if (count != 0) {
            uint256 lastEnd = _periods[count].end;
            if (start <= lastEnd) revert CarbonPoolPeriodOverlaps(start, lastEnd);
        }
        periodId = count + 1;
        Period storage p = _periods[periodId];
        p.status = PeriodStatus.Open;
        p.kind = kind;
        p.start = uint40(start); // start <= timestamp < 2^40
        p.end = uint40(end); // year <= MAX_PERIOD_YEAR, so end < 2^40
        p.rateNumerator = _rateNumerator;
        p.rateDenominator = _rateDenominator;
        p.minContribution = _minContribution;
        _periodCount = uint32(periodId); // one period per calendar month at most: far below 2^32
        _openPeriodId = uint32(periodId);
        emit PeriodOpened(periodId, kind, start, end, p.minContribution, p.rateNumerator, p.rateDenominator);
    }

    /// @inheritdoc ICarbonPool
    function closePeriod(
        uint256 periodId,
        AllocationMethod method,
        uint16 hybridBps
    ) external onlyRole(POOL_MANAGER_ROLE) whenNotPaused nonReentrant {
        Period storage p = _periods[periodId];
        if (p.status != PeriodStatus.Open) revert CarbonPoolPeriodNotOpen(periodId, p.status);
        if (block.timestamp <= p.end) revert CarbonPoolPeriodNotEnded(periodId, p.end, block.timestamp);
        if (method == AllocationMethod.Hybrid ? hybridBps > PoolMath.BPS : hybridBps != 0) {
            revert CarbonPoolInvalidHybridWeight(method, hybridBps);
        }
        uint256 amount = PoolMath.creditsForGramsDown(p.eligibleGrams, p.rateNumerator, p.rateDenominator);
        p.status = PeriodStatus.Closed;
        p.method = method;
        p.hybridBps = hybridBps;
        // amount <= 2^96 × 2^64 < 2^160 may not fit; then addBatch below reverts (supply > 2^72) and
        // the truncated value is never kept.
        p.credits = uint128(amount);
        _openPeriodId = 0;
        uint256 batchId;
        if (amount != 0) {
            (uint256 year, , ) = CalendarPeriods.civilFromTimestamp(p.start);
            batchId = _registry.addBatch(
                _projectId,
                IProjectRegistry.BatchInput({
                    serial: string.concat(
                        SERIAL_PREFIX,
                        Strings.toHexString(address(this)),
                        "-",
                        Strings.toString(periodId)
                    ),
                    vintage: uint32(year), // MIN_PERIOD_YEAR <= year <= MAX_PERIOD_YEAR (checked at open)
                    startDate: p.start,
                    endDate: p.end,
                    totalSupply: amount
                })
            );
            p.batchId = batchId;
            _credits.mint(address(this), batchId, amount);
        }
        emit PeriodClosed(periodId, method, hybridBps, amount, batchId, p.eligibleGrams, p.eligibleCount, p.weightSum);
    }

    /// @inheritdoc ICarbonPool
    function sweepDust(uint256 periodId) external onlyRole(POOL_MANAGER_ROLE) whenNotPaused nonReentrant {
        Period storage p = _periods[periodId];
        if (p.status != PeriodStatus.Closed) revert CarbonPoolPeriodNotClosed(periodId, p.status);
        if (p.claimedCount < p.eligibleCount) {
            revert CarbonPoolClaimsOutstanding(periodId, p.claimedCount, p.eligibleCount);
        }
        uint256 dust = p.credits - p.claimedUnits; // Σ claims <= credits (PoolMath: one floor per member)
        if (dust == 0 || p.dustSwept) revert CarbonPoolNoDust(periodId);
        p.dustSwept = true;
        address to = _treasury;
        emit DustSwept(periodId, to, dust);
        IERC1155(address(_credits)).safeTransferFrom(address(this), to, p.batchId, dust, "");
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
        uint256 added = grams + _takeCarried(m, mp, member, periodId);
        uint256 before = mp.grams;
        uint256 memberGrams = before + added;
        if (memberGrams > MAX_GRAMS) revert CarbonPoolGramsOverflow(memberGrams, MAX_GRAMS);
        mp.grams = uint128(memberGrams);
        m.totalGrams += uint128(grams); // grams <= MAX_GRAMS; carried grams were counted when recorded
        bool eligible = _isEligible(memberGrams, p.minContribution);
        if (eligible) _join(p, m, mp, periodId, before, added);
        emit ContributionRecorded(periodId, member, grams, memberGrams, mp.score, eligible);
    }

    // ───────────────────────────── members ─────────────────────────────

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
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc ICarbonPool
    function conversionRate() external view returns (uint64 numerator, uint64 denominator) {
        return (_rateNumerator, _rateDenominator);
    }

    /// @inheritdoc ICarbonPool
    function minContribution() external view returns (uint128) {
        return _minContribution;
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
    function claimable(uint256 periodId, address member) external view returns (uint256) {
        Period storage p = _periods[periodId];
        MemberPeriod storage mp = _memberPeriods[periodId][member];
        if (p.status != PeriodStatus.Closed || mp.claimed || !_isEligible(mp.grams, p.minContribution)) return 0;
        return _shareDown(p, mp);
    }

    /// @inheritdoc ICarbonPool
    function carriedForward(address member) external view returns (uint256 grams) {
        Member storage m = _members[member];
        grams = m.carriedGrams;
        uint256 last = m.lastPeriodId;
        if (last != 0 && last != _openPeriodId) {
            uint256 lastGrams = _memberPeriods[last][member].grams;
            if (!_isEligible(lastGrams, _periods[last].minContribution)) grams += lastGrams;
        }
    }

    /// @inheritdoc ICarbonPool
    function participationScore(address member) external view returns (uint256) {
        Member storage m = _members[member];
        uint256 next = _openPeriodId != 0 ? _openPeriodId : uint256(_periodCount) + 1;
        uint256 recent = PoolMath.recentAllocations(m.history, m.historyAnchor, next);
        return PoolMath.participationScore(recent, m.totalGrams);
    }

    /// @inheritdoc ICarbonPool
    function carbonEfficiency(address member) external view returns (uint256) {
        Member storage m = _members[member];
        return PoolMath.carbonEfficiencyDown(m.claimedUnits, m.totalGrams);
    }

    /// @notice Accepts only the pool's own mint of a period's credits (CarbonCredits calling, the pool
    /// as operator); anything else reverts CarbonPoolUnsolicitedTransfer, so nothing gets stuck here.
    function onERC1155Received(
        address operator,
        address,
        uint256,
        uint256,
        bytes memory
    ) public view override returns (bytes4) {
        if (msg.sender != address(_credits) || operator != address(this)) {
            revert CarbonPoolUnsolicitedTransfer(msg.sender, operator);
        }
        return this.onERC1155Received.selector;
    }

    /// @notice Always reverts CarbonPoolUnsolicitedTransfer: the pool only ever receives single mints.
    function onERC1155BatchReceived(
        address operator,
        address,
        uint256[] memory,
        uint256[] memory,
        bytes memory
    ) public view override returns (bytes4) {
        revert CarbonPoolUnsolicitedTransfer(msg.sender, operator);
    }

    /// @notice ERC-165: AccessControl(DefaultAdminRules), ERC-1155 receiver, ERC-165.
    /// @param interfaceId The interface identifier (ERC-165).
    /// @return Whether the interface is supported.
    function supportsInterface(
        bytes4 interfaceId
    ) public view override(AccessControlDefaultAdminRules, ERC1155Holder) returns (bool) {
        return
            AccessControlDefaultAdminRules.supportsInterface(interfaceId) ||
            ERC1155Holder.supportsInterface(interfaceId);
    }

    // ───────────────────────────── internal ─────────────────────────────

    /// @dev Lazy carry-forward. Returns (and clears) the grams that join the member's period `periodId`:
    /// grams withdrawn by a removal, plus — on the member's first record in the period — the grams of its
    /// last period if it stayed below that period's minimum. On the first record it also fixes the
    /// member's participation score for the period (seed 000), before this period's grams count.
    function _takeCarried(
        Member storage m,
        MemberPeriod storage mp,
        address member,
        uint256 periodId
    ) private returns (uint256 carried) {
        carried = m.carriedGrams;
        uint256 last = m.lastPeriodId;
        if (last != periodId) {
            if (last != 0) {
                uint256 lastGrams = _memberPeriods[last][member].grams;
                if (!_isEligible(lastGrams, _periods[last].minContribution)) carried += lastGrams;
            }
            uint256 recent = PoolMath.recentAllocations(m.history, m.historyAnchor, periodId);
            mp.score = uint8(PoolMath.participationScore(recent, m.totalGrams)); // <= MAX_SCORE = 100
            m.lastPeriodId = uint32(periodId); // periodId <= _periodCount, a uint32
        }
        if (carried != 0) {
            m.carriedGrams = 0;
            emit ContributionCarriedForward(member, periodId, carried);
        }
    }

    /// @dev Adds an eligible member's new grams to the period's totals. On crossing the minimum
    /// (`before` was not eligible) the member's whole grams join and it is counted; afterwards only
    /// `added`. Weights use the member's score for the period, so `W` stays a plain sum.
    function _join(
        Period storage p,
        Member storage m,
        MemberPeriod storage mp,
        uint256 periodId,
        uint256 before,
        uint256 added
    ) private {
        bool wasEligible = _isEligible(before, p.minContribution);
        uint256 joining = wasEligible ? added : before + added;
        uint256 eligibleGrams = p.eligibleGrams + joining;
        if (eligibleGrams > MAX_GRAMS) revert CarbonPoolGramsOverflow(eligibleGrams, MAX_GRAMS);
        p.eligibleGrams = uint128(eligibleGrams);
        // weight <= MAX_GRAMS × 200 < 2^104 per period: fits uint128
        p.weightSum += uint128(PoolMath.performanceWeight(joining, mp.score));
        if (!wasEligible) {
            ++p.eligibleCount;
            ++m.allocationCount;
            m.history = PoolMath.reanchor(m.history, m.historyAnchor, periodId) | 1;
            m.historyAnchor = uint32(periodId);
        }
    }

    /// @dev Eligible = non-zero grams at or above the period's minimum.
    /// @dev Marks `member`'s allocation of closed period `periodId` claimed and returns its batch and
    /// units (rounded down); emits {AllocationClaimed}. The caller moves or retires the credits.
    function _takeAllocation(uint256 periodId, address member) private returns (uint256 batchId, uint256 amount) {
        Period storage p = _periods[periodId];
        if (p.status != PeriodStatus.Closed) revert CarbonPoolPeriodNotClosed(periodId, p.status);
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

    function _isEligible(uint256 grams, uint256 minimum) private pure returns (bool) {
        return grams != 0 && grams >= minimum;
    }

    /// @dev The member's share of a closed period by its method, rounded down (see {ICarbonPool}).
    function _shareDown(Period storage p, MemberPeriod storage mp) private view returns (uint256) {
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
