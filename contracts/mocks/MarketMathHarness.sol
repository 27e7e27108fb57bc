// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {MarketMath} from "../libraries/MarketMath.sol";

/// @title MarketMathHarness — exposes the internal MarketMath functions to unit tests
contract MarketMathHarness {
    /// @notice See {MarketMath-costUp}.
    function costUp(uint256 amount, uint256 pricePerCredit) external pure returns (uint256) {
        return MarketMath.costUp(amount, pricePerCredit);
    }

    /// @notice See {MarketMath-feeDown}.
    function feeDown(uint256 cost, uint256 feeBps) external pure returns (uint256) {
        return MarketMath.feeDown(cost, feeBps);
    }
}
