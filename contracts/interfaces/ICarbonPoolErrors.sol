// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ICarbonPoolTypes} from "./ICarbonPoolTypes.sol";

/// @title ICarbonPoolErrors — the pool's custom errors
/// @notice Part of {ICarbonPool}, which inherits it; the contract-level documentation is there.
interface ICarbonPoolErrors is ICarbonPoolTypes {
    /// @notice A constructor address (`what`: "registry", "credits") is zero.
    error CarbonPoolInvalidAddress(string what, address value);
    /// @notice The treasury is the zero address.
    error CarbonPoolInvalidTreasury(address treasury);
    /// @notice The project's owner must be this pool.
    error CarbonPoolInvalidProjectOwner(address owner, address expected);
    /// @notice A successor project (`projectId`) is already registered and not yet in use.
    error CarbonPoolSuccessorAlreadyRegistered(uint256 projectId);
    /// @notice The pool's project is not registered yet.
    error CarbonPoolProjectNotRegistered();
    /// @notice Project `projectId` holds `batches` batches (the registry's cap) and no successor is registered.
    error CarbonPoolProjectFull(uint256 projectId, uint256 batches);
    /// @notice `member` is the zero address.
    error CarbonPoolInvalidMember(address member);
    /// @notice `member` is already an active member.
    error CarbonPoolAlreadyMember(address member);
    /// @notice `member` is not an active member.
    error CarbonPoolNotMember(address member);
    /// @notice A duration (`what`: "closeGrace", "claimWindow") of `value` seconds is outside `min..max`.
    error CarbonPoolInvalidDuration(string what, uint256 value, uint256 min, uint256 max);
    /// @notice EqualShare needs a non-zero minimum contribution (else a 1 g member gets an equal share).
    error CarbonPoolEqualShareNeedsMinimum();
    /// @notice Period `openPeriodId` is still open.
    error CarbonPoolPeriodAlreadyOpen(uint256 openPeriodId);
    /// @notice A new period starting at `start` would not begin after the last period's end `lastEnd`.
    error CarbonPoolPeriodOverlaps(uint256 start, uint256 lastEnd);
    /// @notice The period starting at `start` has not started yet (now is `nowTime`).
    error CarbonPoolPeriodNotStarted(uint256 start, uint256 nowTime);
    /// @notice The period's year `year` is outside the registry's vintage range `minYear..maxYear`.
    error CarbonPoolInvalidPeriodYear(uint256 year, uint256 minYear, uint256 maxYear);
    /// @notice Period `periodId` is not open (its status is `status`).
    error CarbonPoolPeriodNotOpen(uint256 periodId, PeriodStatus status);
    /// @notice Period `periodId` can be closed or aborted only after `closableAfter` (its end plus the
    /// close grace, unix seconds); now is `nowTime`.
    error CarbonPoolPeriodNotEnded(uint256 periodId, uint256 closableAfter, uint256 nowTime);
    /// @notice Period `periodId` has `recordCount` members with records, so it cannot be cancelled.
    error CarbonPoolPeriodHasContributions(uint256 periodId, uint256 recordCount);
    /// @notice Period `periodId` is not closed (its status is `status`).
    error CarbonPoolPeriodNotClosed(uint256 periodId, PeriodStatus status);
    /// @notice An amount of zero grams was given.
    error CarbonPoolZeroAmount();
    /// @notice A total (`total` grams) would exceed the cap `max` (2^72 − 1, the registry's batch supply cap).
    error CarbonPoolGramsOverflow(uint256 total, uint256 max);
    /// @notice `hybridBps` is not valid for `method` (> 10000 for Hybrid, non-zero otherwise).
    error CarbonPoolInvalidHybridWeight(AllocationMethod method, uint256 hybridBps);
    /// @notice `claim` was given no periods.
    error CarbonPoolEmptyClaim();
    /// @notice `member` has no allocation in period `periodId` (no record, below minimum, or removed).
    error CarbonPoolNotEligible(uint256 periodId, address member);
    /// @notice `member` already claimed period `periodId`.
    error CarbonPoolAlreadyClaimed(uint256 periodId, address member);
    /// @notice Period `periodId`'s claim window ended at `deadline` (unix seconds); its unclaimed units
    /// belong to the treasury.
    error CarbonPoolClaimWindowOver(uint256 periodId, uint256 deadline);
    /// @notice Only `claimedCount` of `eligibleCount` eligible members of `periodId` have claimed and the
    /// claim window is still running.
    error CarbonPoolClaimsOutstanding(uint256 periodId, uint256 claimedCount, uint256 eligibleCount);
    /// @notice Period `periodId` has nothing left to sweep.
    error CarbonPoolNoDust(uint256 periodId);
    /// @notice ERC-1155 tokens reached the pool other than by its own mint of a period's credits
    /// (`token` is the calling contract, `operator` who started the transfer); they would be stuck.
    error CarbonPoolUnsolicitedTransfer(address token, address operator);
}
