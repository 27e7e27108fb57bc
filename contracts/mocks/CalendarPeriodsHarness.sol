// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {CalendarPeriods} from "../libraries/CalendarPeriods.sol";

/// @title CalendarPeriodsHarness — exposes {CalendarPeriods} to the tests (never deployed)
contract CalendarPeriodsHarness {
    /// @notice See {CalendarPeriods-daysFromCivil}.
    function daysFromCivil(uint256 year, uint256 month, uint256 day) external pure returns (uint256) {
        return CalendarPeriods.daysFromCivil(year, month, day);
    }

    /// @notice See {CalendarPeriods-civilFromDays}.
    function civilFromDays(uint256 dayNumber) external pure returns (uint256 year, uint256 month, uint256 day) {
        return CalendarPeriods.civilFromDays(dayNumber);
    }

    /// @notice See {CalendarPeriods-civilFromTimestamp}.
    function civilFromTimestamp(uint256 timestamp) external pure returns (uint256 year, uint256 month, uint256 day) {
        return CalendarPeriods.civilFromTimestamp(timestamp);
    }

    /// @notice See {CalendarPeriods-monthStart}.
    function monthStart(uint256 year, uint256 month) external pure returns (uint256) {
        return CalendarPeriods.monthStart(year, month);
    }

    /// @notice See {CalendarPeriods-periodOf}.
    function periodOf(
        CalendarPeriods.Kind kind,
        uint256 timestamp
    ) external pure returns (uint256 start, uint256 end, uint256 year) {
        return CalendarPeriods.periodOf(kind, timestamp);
    }
}
