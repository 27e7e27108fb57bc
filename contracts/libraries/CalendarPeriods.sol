// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title CalendarPeriods — UTC calendar months, quarters and years from unix seconds
/// @notice Proleptic Gregorian calendar, UTC, no leap seconds (as unix time). Converts between days
/// since 1970-01-01 and civil dates with Howard Hinnant's `days_from_civil` / `civil_from_days`
/// algorithms ("chrono-Compatible Low-Level Date Algorithms", howardhinnant.github.io/date_algorithms),
/// restricted to dates on or after 1970-01-01 so that every intermediate value is unsigned.
/// Period bounds are `[start, end]` in unix seconds, both inclusive: `start` is 00:00:00 UTC of the
/// first day, `end` is 23:59:59 UTC of the last day (= next period's start − 1).
library CalendarPeriods {
    /// @notice The kinds of calendar period: a calendar month, a calendar quarter (Jan–Mar, Apr–Jun,
    /// Jul–Sep, Oct–Dec) or a calendar year.
    enum Kind {
        Monthly,
        Quarterly,
        Yearly
    }

    /// @notice Seconds in a UTC day (unix time has no leap seconds).
    uint256 internal constant SECONDS_PER_DAY = 86_400;
    /// @notice Months in a year.
    uint256 internal constant MONTHS_PER_YEAR = 12;
    /// @notice Months in a calendar quarter.
    uint256 internal constant MONTHS_PER_QUARTER = 3;
    /// @notice Largest day-of-month accepted by {daysFromCivil}.
    uint256 internal constant MAX_DAY_OF_MONTH = 31;
    /// @notice First year representable (unix epoch); earlier dates would need signed arithmetic.
    uint256 internal constant MIN_YEAR = 1970;

    // Hinnant's constants. An "era" is a 400-year cycle of the Gregorian calendar; years are counted
    // from March 1 so that the leap day is the last day of the shifted year.
    /// @dev Days in a 400-year era: 400 × 365 + 97 leap days.
    uint256 private constant DAYS_PER_ERA = 146_097;
    /// @dev Years in an era.
    uint256 private constant YEARS_PER_ERA = 400;
    /// @dev Days from 0000-03-01 (day 0 of era 0) to 1970-01-01.
    uint256 private constant EPOCH_SHIFT_DAYS = 719_468;
    /// @dev Days in a common year.
    uint256 private constant DAYS_PER_YEAR = 365;
    /// @dev Day-of-era at which the 4-, 100- and 400-year leap corrections apply (see Hinnant).
    uint256 private constant DAYS_4Y_LESS_1 = 1_460;
    uint256 private constant DAYS_100Y_LESS_1 = 36_524;
    uint256 private constant DAYS_400Y_LESS_1 = 146_096;
    /// @dev Leap years every 4 years, except every 100, except every 400.
    uint256 private constant LEAP_CYCLE = 4;
    uint256 private constant CENTURY = 100;
    /// @dev Month-of-year from day-of-year in the March-based year: `(5·doy + 2) / 153`, and back
    /// `(153·mp + 2) / 5` — the 153-day five-month cycle of month lengths 31,30,31,30,31.
    uint256 private constant MONTH_CYCLE_DAYS = 153;
    uint256 private constant MONTH_CYCLE_MONTHS = 5;
    uint256 private constant MONTH_CYCLE_OFFSET = 2;
    /// @dev March is month 0 of the shifted year; March..December are shifted months 0..9.
    uint256 private constant MARCH = 3;
    uint256 private constant SHIFTED_MONTHS_BEFORE_JANUARY = 10;
    uint256 private constant SHIFTED_JANUARY_OFFSET = 9;
    uint256 private constant FEBRUARY = 2;

    /// @notice Thrown for a civil date before 1970-01-01 or with an out-of-range month or day.
    error CalendarPeriodsInvalidDate(uint256 year, uint256 month, uint256 day);

    /// @notice Days since 1970-01-01 of the civil date `year-month-day` (Hinnant's `days_from_civil`).
    /// @dev Reverts CalendarPeriodsInvalidDate when `year < 1970`, `month ∉ 1..12` or `day ∉ 1..31`
    /// (a day past the month's end, e.g. Feb 30, is accepted and rolls into the next month, as in
    /// Hinnant's algorithm).
    function daysFromCivil(uint256 year, uint256 month, uint256 day) internal pure returns (uint256) {
        if (year < MIN_YEAR || month == 0 || month > MONTHS_PER_YEAR || day == 0 || day > MAX_DAY_OF_MONTH) {
            revert CalendarPeriodsInvalidDate(year, month, day);
        }
        uint256 y = month <= FEBRUARY ? year - 1 : year;
        uint256 era = y / YEARS_PER_ERA;
        uint256 yoe = y - era * YEARS_PER_ERA; // [0, 399]
        uint256 shiftedMonth = month > FEBRUARY ? month - MARCH : month + SHIFTED_JANUARY_OFFSET; // [0, 11]
        uint256 doy = (MONTH_CYCLE_DAYS * shiftedMonth + MONTH_CYCLE_OFFSET) / MONTH_CYCLE_MONTHS + day - 1; // [0, 365]
        uint256 doe = yoe * DAYS_PER_YEAR + yoe / LEAP_CYCLE - yoe / CENTURY + doy; // [0, 146096]
        // year >= 1970 puts the date on or after the epoch, so this does not underflow.
        return era * DAYS_PER_ERA + doe - EPOCH_SHIFT_DAYS;
    }

    /// @notice The civil date of day `dayNumber` (days since 1970-01-01) — Hinnant's `civil_from_days`.
    /// @return year Calendar year (≥ 1970).
    /// @return month 1..12.
    /// @return day 1..31.
    function civilFromDays(uint256 dayNumber) internal pure returns (uint256 year, uint256 month, uint256 day) {
        uint256 z = dayNumber + EPOCH_SHIFT_DAYS;
        uint256 era = z / DAYS_PER_ERA;
        uint256 doe = z - era * DAYS_PER_ERA; // [0, 146096]
        // [0, 399]
        uint256 yoe = (doe - doe / DAYS_4Y_LESS_1 + doe / DAYS_100Y_LESS_1 - doe / DAYS_400Y_LESS_1) /
            DAYS_PER_YEAR;
        uint256 doy = doe - (DAYS_PER_YEAR * yoe + yoe / LEAP_CYCLE - yoe / CENTURY); // [0, 365]
        uint256 mp = (MONTH_CYCLE_MONTHS * doy + MONTH_CYCLE_OFFSET) / MONTH_CYCLE_DAYS; // [0, 11]
        day = doy - (MONTH_CYCLE_DAYS * mp + MONTH_CYCLE_OFFSET) / MONTH_CYCLE_MONTHS + 1;
        month = mp < SHIFTED_MONTHS_BEFORE_JANUARY ? mp + MARCH : mp - SHIFTED_JANUARY_OFFSET;
        year = yoe + era * YEARS_PER_ERA + (month <= FEBRUARY ? 1 : 0);
    }

    /// @notice The civil date (UTC) of unix time `timestamp` (seconds).
    function civilFromTimestamp(uint256 timestamp) internal pure returns (uint256 year, uint256 month, uint256 day) {
        return civilFromDays(timestamp / SECONDS_PER_DAY);
    }

    /// @notice Unix seconds of 00:00:00 UTC on `year-month-01`. Reverts CalendarPeriodsInvalidDate.
    function monthStart(uint256 year, uint256 month) internal pure returns (uint256) {
        return daysFromCivil(year, month, 1) * SECONDS_PER_DAY;
    }

    /// @notice The UTC calendar period of kind `kind` containing unix time `timestamp` (seconds).
    /// @return start First second of the period (00:00:00 UTC of its first day), unix seconds.
    /// @return end Last second of the period (23:59:59 UTC of its last day), unix seconds.
    /// @return year Calendar year of the period (its vintage).
    function periodOf(
        Kind kind,
        uint256 timestamp
    ) internal pure returns (uint256 start, uint256 end, uint256 year) {
        uint256 month;
        (year, month, ) = civilFromTimestamp(timestamp);
        uint256 firstMonth;
        uint256 length;
        if (kind == Kind.Monthly) {
            firstMonth = month;
            length = 1;
        } else if (kind == Kind.Quarterly) {
            firstMonth = ((month - 1) / MONTHS_PER_QUARTER) * MONTHS_PER_QUARTER + 1;
            length = MONTHS_PER_QUARTER;
        } else {
            firstMonth = 1;
            length = MONTHS_PER_YEAR;
        }
        start = monthStart(year, firstMonth);
        // The month after the period: firstMonth + length ∈ 2..13; 13 is January of the next year.
        uint256 nextMonth = firstMonth + length;
        uint256 nextStart = nextMonth > MONTHS_PER_YEAR
            ? monthStart(year + 1, nextMonth - MONTHS_PER_YEAR)
            : monthStart(year, nextMonth);
        end = nextStart - 1;
    }
}
