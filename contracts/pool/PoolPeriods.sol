// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {ICarbonPool} from "../interfaces/ICarbonPool.sol";
import {IProjectRegistry} from "../interfaces/IProjectRegistry.sol";
import {CalendarPeriods} from "../libraries/CalendarPeriods.sol";
import {PoolBase} from "./PoolBase.sol";

/// @title PoolPeriods — the CarbonPool's period lifecycle and its project series
/// @notice Part of {CarbonPool} (see {ICarbonPool}): open, close (mint the period's batch), cancel, abort and
/// sweep a period; register the pool project and its successor, and roll over to the successor when the
/// current project is full (BATCHES_PER_PROJECT) or no longer Approved.
abstract contract PoolPeriods is PoolBase {
    // ───────────────────────────── periods ─────────────────────────────

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

    // ───────────────────────────── internal ─────────────────────────────

    /// @dev Checks that `periodId` is open and past its end plus its close grace, then frees the pool for
    /// the next period: its dates are taken (`_lastEnd`). Shared by close and abort.
    function _endOpenPeriod(uint256 periodId) internal returns (Period storage p) {
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
    function _issuingProject() internal returns (uint256 project) {
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
    function _addPeriodBatch(uint256 project, uint256 periodId, Period storage p) internal returns (uint256) {
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
}
