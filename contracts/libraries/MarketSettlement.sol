// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ICreditMarketplace} from "../interfaces/ICreditMarketplace.sol";
import {MarketMath} from "./MarketMath.sol";

/// @title MarketSettlement — the quote of a CreditMarketplace trade: cost rounded up, fee rounded down
/// @notice Amounts are credit units (grams CO2e, 1 credit = 1_000_000 units); prices are per whole credit
/// in the payment token's smallest unit; fee rates are basis points (docs/contracts.md, "Units").
library MarketSettlement {
    /// @notice What a trade of `amount` units at `price` costs and pays out, and what an award refunds:
    /// `cost = costUp(amount, price)` (rounded up, the seller is never short-changed),
    /// `fee = feeDown(cost, rateBps)` (rounded down, CarbonCreditMarketplace design, property 12),
    /// `sellerProceeds = cost − fee`, `refund = budget − cost` (0 when the budget does not exceed the cost).
    /// @param amount Credit units (grams CO2e).
    /// @param price Price of one whole credit, payment-token smallest units.
    /// @param rateBps Fee rate in basis points; at most the marketplace's MAX_FEE_BPS (< 10_000), so fee ≤ cost.
    /// @param budget An award's escrowed budget, payment-token smallest units; 0 for a listing fill.
    /// @return q The quote, payment-token smallest units.
    function quoteCostUpFeeDown(
        uint256 amount,
        uint256 price,
        uint256 rateBps,
        uint256 budget
    ) internal pure returns (ICreditMarketplace.Quote memory q) {
        q.cost = MarketMath.costUp(amount, price);
        q.fee = MarketMath.feeDown(q.cost, rateBps);
        unchecked {
            // fee <= cost because rateBps <= MAX_FEE_BPS < BPS_DENOMINATOR
            q.sellerProceeds = q.cost - q.fee;
        }
        // For an award cost <= budget: amount <= creditsRequired, price <= maxPrice, costUp is monotone.
        q.refund = budget > q.cost ? budget - q.cost : 0;
    }
}
