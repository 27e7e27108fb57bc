// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {IPauseClock} from "../interfaces/IPauseClock.sol";

/// @title PauseClock — OpenZeppelin Pausable that also counts the seconds spent paused
/// @notice See {IPauseClock}. Two extra storage writes per pause/unpause, nothing on other paths.
abstract contract PauseClock is Pausable, IPauseClock {
    /// @dev Block time of the current pause (meaningful only while paused), unix seconds.
    uint40 private _pausedAt;
    /// @dev Seconds spent in finished pauses.
    uint40 private _pausedTotal;

    /// @inheritdoc IPauseClock
    function pausedSeconds() public view returns (uint256) {
        return paused() ? uint256(_pausedTotal) + block.timestamp - _pausedAt : _pausedTotal;
    }

    function _pause() internal virtual override {
        super._pause();
        _pausedAt = uint40(block.timestamp);
    }

    function _unpause() internal virtual override {
        super._unpause();
        _pausedTotal += uint40(block.timestamp) - _pausedAt;
    }
}
