// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IPauseClock — how long a pausable contract has been paused, in total
/// @notice Lets a contract that depends on another one's pause (the marketplace on CarbonCredits)
/// give back time lost to it: a deadline measured against this clock moves by every paused second.
interface IPauseClock {
    /// @notice Total seconds this contract has spent paused since deployment, including the pause in
    /// progress (unix seconds elapsed while `paused()` was true). Never decreases.
    function pausedSeconds() external view returns (uint256);
}
