// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {PoolMath} from "../libraries/PoolMath.sol";

/// @title PoolMathHarness — exposes {PoolMath} to the tests (never deployed)
contract PoolMathHarness {
    /// @notice See {PoolMath-proportionalShareDown}.
    function proportionalShareDown(
        uint256 credits,
        uint256 memberGrams,
        uint256 totalGrams
    ) external pure returns (uint256) {
        return PoolMath.proportionalShareDown(credits, memberGrams, totalGrams);
    }

    /// @notice See {PoolMath-equalShareDown}.
    function equalShareDown(uint256 credits, uint256 eligibleCount) external pure returns (uint256) {
        return PoolMath.equalShareDown(credits, eligibleCount);
    }

    /// @notice See {PoolMath-performanceShareDown}.
    function performanceShareDown(
        uint256 credits,
        uint256 memberWeight,
        uint256 totalWeight
    ) external pure returns (uint256) {
        return PoolMath.performanceShareDown(credits, memberWeight, totalWeight);
    }

    /// @notice See {PoolMath-hybridShareDown}.
    function hybridShareDown(
        uint256 credits,
        uint256 memberGrams,
        uint256 totalGrams,
        uint256 memberWeight,
        uint256 totalWeight,
        uint256 hybridBps
    ) external pure returns (uint256) {
        return PoolMath.hybridShareDown(credits, memberGrams, totalGrams, memberWeight, totalWeight, hybridBps);
    }

    /// @notice See {PoolMath-participationScore}.
    function participationScore(uint256 recent, uint256 totalGrams) external pure returns (uint256) {
        return PoolMath.participationScore(recent, totalGrams);
    }

    /// @notice See {PoolMath-performanceWeight}.
    function performanceWeight(uint256 grams, uint256 score) external pure returns (uint256) {
        return PoolMath.performanceWeight(grams, score);
    }

    /// @notice See {PoolMath-carbonEfficiencyDown}.
    function carbonEfficiencyDown(uint256 units, uint256 grams) external pure returns (uint256) {
        return PoolMath.carbonEfficiencyDown(units, grams);
    }

    /// @notice See {PoolMath-recentAllocations}.
    function recentAllocations(uint256 history, uint256 anchor, uint256 periodId) external pure returns (uint256) {
        return PoolMath.recentAllocations(history, anchor, periodId);
    }

    /// @notice See {PoolMath-reanchor}.
    function reanchor(uint16 history, uint256 anchor, uint256 periodId) external pure returns (uint16) {
        return PoolMath.reanchor(history, anchor, periodId);
    }
}
