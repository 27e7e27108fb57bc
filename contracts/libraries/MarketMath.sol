// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title MarketMath — cost and fee arithmetic of the CreditMarketplace, rounding named in each function
/// @notice Amounts are credit units (grams CO2e, 1 credit = 1_000_000 units); prices are per whole credit
/// in the payment token's smallest unit; fees are basis points (docs/contracts.md, "Units").
library MarketMath {
    /// @notice Units per whole credit (1 tCO2e = 1_000_000 grams).
    uint256 internal constant UNITS_PER_CREDIT = 1_000_000;
    /// @notice Basis points in 100 %.
    uint256 internal constant BPS_DENOMINATOR = 10_000;

    /// @notice Cost of `amount` units at `pricePerCredit`: `ceil(amount * pricePerCredit / 1e6)`.
    /// Rounded up, so the seller is never short-changed. Full-precision (no overflow of the product).
    /// @param amount Credit units (grams CO2e).
    /// @param pricePerCredit Price of one whole credit, payment-token smallest units.
    /// @return cost Payment-token smallest units.
    function costUp(uint256 amount, uint256 pricePerCredit) internal pure returns (uint256 cost) {
        return Math.mulDiv(amount, pricePerCredit, UNITS_PER_CREDIT, Math.Rounding.Ceil);
    }

    /// @notice Fee on `cost` at `feeBps`: `floor(cost * feeBps / 10_000)`
    /// (CarbonCreditMarketplace design, property 12).
    /// Rounded down, in favour of the seller. Full-precision (no overflow of the product).
    /// @param cost Payment-token smallest units.
    /// @param feeBps Fee in basis points (≤ 10_000 for the result to be ≤ `cost`).
    /// @return fee Payment-token smallest units.
    function feeDown(uint256 cost, uint256 feeBps) internal pure returns (uint256 fee) {
        return Math.mulDiv(cost, feeBps, BPS_DENOMINATOR);
    }
}
