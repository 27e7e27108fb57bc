// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ICarbonPoolTypes} from "./ICarbonPoolTypes.sol";
import {CalendarPeriods} from "../libraries/CalendarPeriods.sol";

/// @title ICarbonPoolEvents — the pool's events
/// @notice Part of {ICarbonPool}, which inherits it; the contract-level documentation is there.
interface ICarbonPoolEvents is ICarbonPoolTypes {
    /// @notice A project was registered in the registry for the pool: the current one (`successor`
    /// false) or the successor that the pool moves to when the current one is full or not Approved.
    event PoolProjectRegistered(uint256 indexed projectId, string name, bool successor);
    /// @notice The pool moved its issuance from project `fromProjectId` to its successor `toProjectId`.
    event PoolProjectRolledOver(uint256 indexed fromProjectId, uint256 indexed toProjectId);
    /// @notice `member` was admitted.
    event MemberAdmitted(address indexed member);
    /// @notice `member` was removed; `withdrawnGrams` of its contribution to the open period `periodId`
    /// were taken out of the period's totals and kept as the member's carried grams (0 if none).
    event MemberRemoved(address indexed member, uint256 indexed periodId, uint256 withdrawnGrams);
    /// @notice Period `periodId` was opened with these bounds and fixed rules (grams, bps, seconds).
    event PeriodOpened(
        uint256 indexed periodId,
        CalendarPeriods.Kind kind,
        uint256 start,
        uint256 end,
        uint256 minContribution,
        AllocationMethod method,
        uint256 hybridBps,
        uint256 closeGrace,
        uint256 claimWindow
    );
    /// @notice `grams` were recorded for `member` in `periodId`; `memberGrams` is its total there (incl.
    /// carried-in grams), `score` its participation score for the period, `eligible` its eligibility.
    event ContributionRecorded(
        uint256 indexed periodId,
        address indexed member,
        uint256 grams,
        uint256 memberGrams,
        uint256 score,
        bool eligible
    );
    /// @notice `grams` below the minimum, of an aborted period, or withdrawn by a removal moved into
    /// `member`'s period `toPeriodId`.
    event ContributionCarriedForward(address indexed member, uint256 indexed toPeriodId, uint256 grams);
    /// @notice Period `periodId` was closed: `credits` units (= `eligibleGrams`) minted as batch `batchId`
    /// (0: none) of project `projectId`.
    event PeriodClosed(
        uint256 indexed periodId,
        AllocationMethod method,
        uint256 hybridBps,
        uint256 credits,
        uint256 batchId,
        uint256 projectId,
        uint256 eligibleGrams,
        uint256 eligibleCount,
        uint256 weightSum
    );
    /// @notice Open period `periodId` had no contribution and was cancelled; its dates are free again.
    event PeriodCancelled(uint256 indexed periodId);
    /// @notice Open period `periodId` was aborted after its close grace: no credits; the `recordCount`
    /// members' grams (`eligibleGrams` of them eligible) carry forward to each member's next period.
    event PeriodAborted(uint256 indexed periodId, uint256 recordCount, uint256 eligibleGrams);
    /// @notice `member` claimed `amount` units of batch `batchId` for period `periodId`.
    event AllocationClaimed(uint256 indexed periodId, address indexed member, uint256 batchId, uint256 amount);
    /// @notice `amount` unclaimed units of period `periodId` (rounding dust, or every unclaimed share once the
    /// claim window is over) were sent to `treasury`.
    event DustSwept(uint256 indexed periodId, address indexed treasury, uint256 amount);
    /// @notice The allocation method (and Hybrid weight, bps) for periods opened from now on.
    event AllocationMethodUpdated(AllocationMethod method, uint256 hybridBps);
    /// @notice The minimum contribution for periods opened from now on, grams.
    event MinContributionUpdated(uint256 grams);
    /// @notice The close grace and claim window (seconds) for periods opened from now on.
    event PeriodTimingsUpdated(uint256 closeGrace, uint256 claimWindow);
    /// @notice The treasury that receives swept units.
    event TreasuryUpdated(address indexed treasury);
}
