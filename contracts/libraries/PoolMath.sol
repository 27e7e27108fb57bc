// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title PoolMath — the CarbonPool's allocation maths (MSME pool rules), pure and unit-tested alone
/// @notice Units: contributions in grams CO2e; credits in units (1 unit = 1 g CO2e, 1 credit =
/// 1_000_000 units); weights are grams × points; bps out of 10_000. Every share rounds DOWN
/// (the function names say so), and every method gives each eligible member
/// `floor(credits × x_m / X)` for member numbers `x_m` with `Σ x_m = X`, so per period
/// `credits − eligibleCount < Σ shares ≤ credits` (one floor per member, never two).
library PoolMath {
    /// @notice Basis points in a whole (hybrid weights are in bps).
    uint256 internal constant BPS = 10_000;
    /// @notice Maximum participation score (MSME pool rules: a 0–100 score).
    uint256 internal constant MAX_SCORE = 100;
    /// @notice Score points per recent allocation (MSME pool rules: `recentAllocations × 10`).
    uint256 internal constant POINTS_PER_ALLOCATION = 10;
    /// @notice Kilograms of lifetime CO2 reduced per score point (MSME pool rules: `totalCO2ReducedKg / 100`).
    uint256 internal constant KG_PER_POINT = 100;
    /// @notice Grams per kilogram.
    uint256 internal constant GRAMS_PER_KG = 1_000;
    /// @notice "Recent" = this many periods before the current one (the MSME pool rules' recent allocations).
    /// With 10 points each, a member eligible in all of them reaches the maximum score from history alone.
    uint256 internal constant RECENT_PERIODS = 10;
    /// @notice Width of a member's eligibility bitmap: bit 0 (the current period) plus the RECENT_PERIODS
    /// before it fit, with room to spare; 16 bits let the bitmap share a slot with the member's totals.
    uint256 internal constant HISTORY_BITS = 16;
    /// @notice Base points of the performance weight: weight per gram = BASE + score ∈ [100, 200], so a
    /// new member counts ×1 and a member with the maximum score ×2.
    uint256 internal constant PERFORMANCE_BASE = 100;

    /// @notice MSME pool rules: proportional allocation, rounded down:
    /// `floor(credits × memberGrams / totalGrams)` (member / total × credits). 0 when `totalGrams` is 0.
    function proportionalShareDown(
        uint256 credits,
        uint256 memberGrams,
        uint256 totalGrams
    ) internal pure returns (uint256) {
        if (totalGrams == 0) return 0;
        return Math.mulDiv(credits, memberGrams, totalGrams);
    }

    /// @notice MSME pool rules: equal-share allocation, rounded down: `floor(credits / eligibleCount)`.
    /// 0 when `eligibleCount` is 0.
    function equalShareDown(uint256 credits, uint256 eligibleCount) internal pure returns (uint256) {
        if (eligibleCount == 0) return 0;
        return credits / eligibleCount;
    }

    /// @notice MSME pool rules: performance-based allocation, rounded down:
    /// `floor(credits × memberWeight / totalWeight)`. 0 when `totalWeight` is 0.
    function performanceShareDown(
        uint256 credits,
        uint256 memberWeight,
        uint256 totalWeight
    ) internal pure returns (uint256) {
        if (totalWeight == 0) return 0;
        return Math.mulDiv(credits, memberWeight, totalWeight);
    }

    /// @notice MSME pool rules: hybrid allocation — `hybridBps` of performance-based, the rest proportional —
    /// with ONE rounding down:
    /// `floor(credits × ((BPS − h) × g × W + h × w × G) / (BPS × G × W))`
    /// where g/G are the member's / total eligible grams and w/W the member's / total performance
    /// weights. `h = 0` is proportional, `h = BPS` is performance-based. 0 when `G` or `W` is 0.
    /// @dev No overflow for `G ≤ 2^72` and `W ≤ 2^72 × 200` (the pool's caps): each product ≤ 2^166.
    function hybridShareDown(
        uint256 credits,
        uint256 memberGrams,
        uint256 totalGrams,
        uint256 memberWeight,
        uint256 totalWeight,
        uint256 hybridBps
    ) internal pure returns (uint256) {
        if (totalGrams == 0 || totalWeight == 0) return 0;
        uint256 numerator = (BPS - hybridBps) * memberGrams * totalWeight + hybridBps * memberWeight * totalGrams;
        return Math.mulDiv(credits, numerator, BPS * totalGrams * totalWeight);
    }

    /// @notice MSME pool rules: participation score: `min(100, recent × 10 + totalCO2ReducedKg / 100)` for `recent`
    /// recent allocations (see {recentAllocations})
    /// with `totalCO2ReducedKg = floor(totalGrams / 1000)` (kg rounded down, then points rounded down).
    function participationScore(uint256 recent, uint256 totalGrams) internal pure returns (uint256) {
        uint256 score = recent * POINTS_PER_ALLOCATION + totalGrams / GRAMS_PER_KG / KG_PER_POINT;
        return score < MAX_SCORE ? score : MAX_SCORE;
    }

    /// @notice Performance weight of `grams` contributed with participation score `score`:
    /// `grams × (PERFORMANCE_BASE + score)` (exact). Summable: the weight of a sum of contributions at
    /// one score is the sum of their weights.
    function performanceWeight(uint256 grams, uint256 score) internal pure returns (uint256) {
        return grams * (PERFORMANCE_BASE + score);
    }

    /// @notice Carbon efficiency (MSME pool rules: credits per kg CO2 reduced), in credit units per kg,
    /// rounded down: `floor(units × 1000 / grams)`. 0 when `grams` is 0.
    function carbonEfficiencyDown(uint256 units, uint256 grams) internal pure returns (uint256) {
        if (grams == 0) return 0;
        return Math.mulDiv(units, GRAMS_PER_KG, grams);
    }

    /// @notice Number of allocations among the RECENT_PERIODS periods before `periodId`, from a
    /// member's eligibility bitmap `history` whose bit k means "eligible in period `anchor − k`".
    /// @dev `periodId >= anchor` (period ids only grow). Loops over at most RECENT_PERIODS bits.
    function recentAllocations(
        uint256 history,
        uint256 anchor,
        uint256 periodId
    ) internal pure returns (uint256 count) {
        uint256 shift = periodId - anchor;
        if (shift > RECENT_PERIODS) return 0;
        // After the shift, bit k means "eligible in period periodId − k"; keep k = 1..RECENT_PERIODS.
        uint256 window = ((history << shift) >> 1) & ((1 << RECENT_PERIODS) - 1);
        while (window != 0) {
            window &= window - 1; // clears the lowest set bit (≤ RECENT_PERIODS iterations)
            ++count;
        }
    }

    /// @notice `history` re-anchored from period `anchor` to `periodId` (older bits shifted up, bits
    /// beyond HISTORY_BITS dropped), so that bit 0 now stands for `periodId`.
    function reanchor(uint16 history, uint256 anchor, uint256 periodId) internal pure returns (uint16) {
        uint256 shift = periodId - anchor;
        if (shift >= HISTORY_BITS) return 0;
        return uint16(uint256(history) << shift); // truncation drops periods older than 16: intended
    }
}
