// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title MockUSD — a 6-decimal USD stablecoin for tests and benchmarks (anyone may mint)
contract MockUSD is ERC20 {
    uint8 private constant DECIMALS = 6;

    /// @param name_ Token name.
    /// @param symbol_ Token symbol.
    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_) {}

    /// @notice Mints `amount` smallest units to `to`. Test helper: unrestricted.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice 6, like USDC.
    function decimals() public pure override returns (uint8) {
        return DECIMALS;
    }
}
