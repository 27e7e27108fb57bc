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
/// @dev 17 state variables (solhint's default cap is 15): the period, member and project-series state of
/// one pool, each read by a different entry point; grouping them into structs would add a slot read to
/// the hot record path without saving storage.
// solhint-disable-next-line max-states-count
contract CarbonPool is ICarbonPool, AccessControlDefaultAdminRules, ERC1155Holder, Pausable, ReentrancyGuardTransient {
    /// @notice Role allowed to register the pool project, open / close periods, admit / remove members,
    /// set pool parameters and sweep dust (see {Roles}).
    bytes32 public constant POOL_MANAGER_ROLE = Roles.POOL_MANAGER_ROLE;
    /// @notice Role allowed to record verified contributions (the MRVOracle; see {Roles}).
    bytes32 public constant ORACLE_ROLE = Roles.ORACLE_ROLE;
    /// @notice Role allowed to pause and unpause (see {Roles}).
    bytes32 public constant PAUSER_ROLE = Roles.PAUSER_ROLE;
    /// @notice Cap on a member's grams in a period and on a period's eligible grams: 2^72 − 1 g, the
    /// registry's cap on a batch's supply (one unit per gram), so a close never fails on supply. It also
    /// keeps every allocation product inside 256 bits (see {PoolMath-hybridShareDown}).
    uint256 public constant MAX_GRAMS = type(uint72).max;
    /// @notice Earliest period year: the registry's MIN_VINTAGE (a period's year is its batch's vintage).
    uint256 public constant MIN_PERIOD_YEAR = 1990;
    /// @notice Latest period year: the registry's MAX_VINTAGE.
    uint256 public constant MAX_PERIOD_YEAR = 2200;
    /// @notice Batches the pool adds to one registry project before moving to its successor: the
    /// registry's MAX_BATCHES_PER_PROJECT.
    uint256 public constant BATCHES_PER_PROJECT = 128;
    /// @notice Prefix of the serial of each period batch: `OTPOOL-<pool address>-<periodId>` (the
    /// registry reserves the namespace `OTPOOL-<owner>-` to the owner's self-managed projects).
    string public constant SERIAL_PREFIX = "OTPOOL-";
    /// @notice Default close grace: 2 days after a period's end, so device-days verified on the last day
    /// and relayed the day after still count.
    uint32 public constant DEFAULT_CLOSE_GRACE = 2 days;
    /// @notice Shortest close grace allowed: 1 day (a UTC day must be over before it can be reported).
    uint32 public constant MIN_CLOSE_GRACE = 1 days;
    /// @notice Longest close grace allowed: 30 days.
    uint32 public constant MAX_CLOSE_GRACE = 30 days;
    /// @notice Default claim window: 365 days after the close.
    uint32 public constant DEFAULT_CLAIM_WINDOW = 365 days;
    /// @notice Shortest claim window allowed: 30 days.
    uint32 public constant MIN_CLAIM_WINDOW = 30 days;
    /// @notice Longest claim window allowed: 3650 days (10 years).
    uint32 public constant MAX_CLAIM_WINDOW = 3650 days;

    IProjectRegistry private immutable _registry;
    ICarbonCredits private immutable _credits;

    uint256 private _projectId;
    uint256 private _successorProjectId;
    address private _treasury;
    AllocationMethod private _method;
    uint16 private _hybridBps;
    uint40 private _lastEnd; // end of the last closed or aborted period (cancelled ones free their dates)
    uint128 private _minContribution;
    uint32 private _periodCount;
    uint32 private _openPeriodId;
    uint32 private _rulesFrom; // an aborted period whose method and minimum the next period keeps (0: none)
    uint16 private _projectBatches; // batches the pool added to _projectId (<= BATCHES_PER_PROJECT)
    uint32 private _closeGrace;
    uint32 private _claimWindow;
    uint256 private _memberCount;

    mapping(uint256 periodId => Period) private _periods;
    mapping(address member => Member) private _members;
    mapping(uint256 periodId => mapping(address member => MemberPeriod)) private _memberPeriods;

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
    ) AccessControlDefaultAdminRules(adminTransferDelay, admin) {
        if (registry_ == address(0)) revert CarbonPoolInvalidAddress("registry", registry_);
        if (credits_ == address(0)) revert CarbonPoolInvalidAddress("credits", credits_);
        if (treasury_ == address(0)) revert CarbonPoolInvalidTreasury(treasury_);
        _registry = IProjectRegistry(registry_);
        _credits = ICarbonCredits(credits_);
        _treasury = treasury_;
        _closeGrace = DEFAULT_CLOSE_GRACE;
        _claimWindow = DEFAULT_CLAIM_WINDOW;
    }

    // ───────────────────────────── manager ─────────────────────────────

    /// @inheritdoc ICarbonPool
    function registerPoolProject(
        IProjectRegistry.ProjectInput calldata input
    ) external onlyRole(POOL_MANAGER_ROLE) returns (uint256 projectId_) {
        if (_successorProjectId != 0) revert CarbonPoolSuccessorAlreadyRegistered(_successorProjectId);
        if (input.owner != address(this)) revert CarbonPoolInvalidProjectOwner(input.owner, address(this));
        projectId_ = _registry.registerSelfManagedProject(input); // the trusted registry makes no callback
        bool successor = _projectId != 0;
        if (successor) _successorProjectId = projectId_;
        else _projectId = projectId_;
        emit PoolProjectRegistered(projectId_, input.name, successor);
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
        if (start > block.timestamp) revert CarbonPoolPeriodNotStarted(start, block.timestamp);
        if (start <= _lastEnd) revert CarbonPoolPeriodOverlaps(start, _lastEnd);
        (AllocationMethod method, uint16 hybridBps, uint128 minimum) = (_method, _hybridBps, _minContribution);
        uint256 rulesFrom = _rulesFrom;
        if (rulesFrom != 0) {
            Period storage aborted = _periods[rulesFrom];
            (method, hybridBps, minimum) = (aborted.method, aborted.hybridBps, aborted.minContribution);
        }
        if (method == AllocationMethod.EqualShare && minimum == 0) revert CarbonPoolEqualShareNeedsMinimum();
        periodId = uint256(_periodCount) + 1;
        Period storage p = _periods[periodId];
        p.status = PeriodStatus.Open;
        p.kind = kind;
        p.method = method;
        p.hybridBps = hybridBps;
        p.start = uint40(start); // start <= block.timestamp < 2^40
        p.end = uint40(end); // year <= MAX_PERIOD_YEAR, so end < 2^40
        p.closeGrace = _closeGrace;
        p.claimWindow = _claimWindow;
        p.minContribution = minimum;
        _periodCount = uint32(periodId); // one period per calendar month at most: far below 2^32
        _openPeriodId = uint32(periodId);
        emit PeriodOpened(periodId, kind, start, end, minimum, method, hybridBps, p.closeGrace, p.claimWindow);
    }

    /// @inheritdoc ICarbonPool
    function closePeriod(uint256 periodId) external onlyRole(POOL_MANAGER_ROLE) whenNotPaused nonReentrant {
        Period storage p = _endOpenPeriod(periodId);
        uint256 amount = p.eligibleGrams; // one unit per verified gram: never more than was verified
        p.status = PeriodStatus.Closed;
        p.closedAt = uint40(block.timestamp);
        p.credits = uint128(amount);
        _rulesFrom = 0;
        uint256 batchId;
        uint256 project;
        if (amount != 0) {
            project = _issuingProject();
            batchId = _addPeriodBatch(project, periodId, p);
            p.batchId = batchId;
            _credits.mint(address(this), batchId, amount);
        }
        emit PeriodClosed(
            periodId,
            p.method,
            p.hybridBps,
            amount,
            batchId,
            project,
            amount,
            p.eligibleCount,
            p.weightSum
        );
    }

    /// @inheritdoc ICarbonPool
    function cancelPeriod(uint256 periodId) external onlyRole(POOL_MANAGER_ROLE) {
        Period storage p = _periods[periodId];
        if (p.status != PeriodStatus.Open) revert CarbonPoolPeriodNotOpen(periodId, p.status);
        if (p.recordCount != 0) revert CarbonPoolPeriodHasContributions(periodId, p.recordCount);
        p.status = PeriodStatus.Cancelled;
        _openPeriodId = 0; // _lastEnd is untouched: the dates can be opened again
        emit PeriodCancelled(periodId);
    }

    /// @inheritdoc ICarbonPool
    function abortPeriod(uint256 periodId) external onlyRole(POOL_MANAGER_ROLE) {
        Period storage p = _endOpenPeriod(periodId);
        p.status = PeriodStatus.Aborted;
        _rulesFrom = uint32(periodId);
        emit PeriodAborted(periodId, p.recordCount, p.eligibleGrams);
    }

    /// @inheritdoc ICarbonPool
    function sweepDust(uint256 periodId) external onlyRole(POOL_MANAGER_ROLE) whenNotPaused nonReentrant {
        Period storage p = _periods[periodId];
        if (p.status != PeriodStatus.Closed) revert CarbonPoolPeriodNotClosed(periodId, p.status);
        if (p.dustSwept) revert CarbonPoolNoDust(periodId);
        if (block.timestamp <= _claimDeadline(p) && p.claimedCount < p.eligibleCount) {
            revert CarbonPoolClaimsOutstanding(periodId, p.claimedCount, p.eligibleCount);
        }
        uint256 amount = p.credits - p.claimedUnits; // Σ claims <= credits (PoolMath: one floor per member)
        if (amount == 0) revert CarbonPoolNoDust(periodId);
        p.dustSwept = true;
        address to = _treasury;
        emit DustSwept(periodId, to, amount);
        IERC1155(address(_credits)).safeTransferFrom(address(this), to, p.batchId, amount, "");
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
    function claimable(uint256 periodId, address member) external view returns (uint256) {
        Period storage p = _periods[periodId];
        MemberPeriod storage mp = _memberPeriods[periodId][member];
        if (p.status != PeriodStatus.Closed || block.timestamp > _claimDeadline(p)) return 0;
        if (mp.claimed || !_isEligible(mp.grams, p.minContribution)) return 0;
        return _shareDown(p, mp);
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

    /// @dev Checks that `periodId` is open and past its end plus its close grace, then frees the pool for
    /// the next period: its dates are taken (`_lastEnd`). Shared by close and abort.
    function _endOpenPeriod(uint256 periodId) private returns (Period storage p) {
        p = _periods[periodId];
        if (p.status != PeriodStatus.Open) revert CarbonPoolPeriodNotOpen(periodId, p.status);
        uint256 closableAfter = uint256(p.end) + p.closeGrace;
        if (block.timestamp <= closableAfter) revert CarbonPoolPeriodNotEnded(periodId, closableAfter, block.timestamp);
        _openPeriodId = 0;
        _lastEnd = p.end;
    }

    /// @dev The project the next period batch goes into: the current one, or — when it holds
    /// BATCHES_PER_PROJECT batches, or a successor is waiting and the current one is not Approved — the
    /// successor, which becomes current (the caller adds one batch).
    function _issuingProject() private returns (uint256 project) {
        project = _projectId;
        uint256 successor = _successorProjectId;
        bool full = _projectBatches >= BATCHES_PER_PROJECT;
        if (full || (successor != 0 && _registry.projectStatus(project) != IProjectRegistry.ProjectStatus.Approved)) {
            if (successor == 0) revert CarbonPoolProjectFull(project, BATCHES_PER_PROJECT);
            emit PoolProjectRolledOver(project, successor);
            project = successor;
            _projectId = successor;
            _successorProjectId = 0;
            _projectBatches = 0;
        }
        ++_projectBatches; // <= BATCHES_PER_PROJECT
    }

    /// @dev Adds closed period `periodId`'s batch (supply = its credits) to `project`.
    function _addPeriodBatch(uint256 project, uint256 periodId, Period storage p) private returns (uint256) {
        (uint256 year, , ) = CalendarPeriods.civilFromTimestamp(p.start);
        return
            _registry.addBatch(
                project,
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
                    totalSupply: p.credits // <= MAX_GRAMS = the registry's supply cap
                })
            );
    }

    /// @dev A member's first record in open period `periodId`: takes the grams its last period passes on
    /// (below that period's minimum, or all of an aborted period's — whose eligibility then stops counting),
    /// fixes its participation score for the period (MSME pool rules) before this period's grams count, and
    /// counts the member among the period's contributors.
    function _enterPeriod(
        Member storage m,
        Period storage p,
        address member,
        uint256 periodId
    ) private returns (uint256 carried, uint256 score) {
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
    function _carryableFrom(uint256 last, address member) private view returns (uint256) {
        Period storage lp = _periods[last];
        uint256 lastGrams = _memberPeriods[last][member].grams;
        if (lp.status == PeriodStatus.Aborted) return lastGrams;
        return _isEligible(lastGrams, lp.minContribution) ? 0 : lastGrams;
    }

    /// @dev Whether `m`'s history bit 0 stands for period `last` and `last` was aborted (so the
    /// allocation it records never happened).
    function _countsAborted(Member storage m, uint256 last) private view returns (bool) {
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
    ) private {
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

    /// @dev Last second at which period `p`'s members can claim: its close plus its claim window.
    function _claimDeadline(Period storage p) private view returns (uint256) {
        return uint256(p.closedAt) + p.claimWindow;
    }

    /// @dev Marks `member`'s allocation of closed period `periodId` claimed and returns its batch and
    /// units (rounded down); emits {AllocationClaimed}. The caller moves or retires the credits.
    function _takeAllocation(uint256 periodId, address member) private returns (uint256 batchId, uint256 amount) {
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

    /// @dev Eligible = non-zero grams at or above the period's minimum.
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
