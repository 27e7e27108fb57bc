// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title FeeOnTransferERC20 — burns FEE_BPS of every transfer, so recipients get less than sent
contract FeeOnTransferERC20 is ERC20 {
    /// @notice Share of every transfer that is burned, basis points (1 %).
    uint256 public constant FEE_BPS = 100;
    uint256 private constant BPS = 10_000;

    constructor() ERC20("Fee On Transfer USD", "FOT") {}

    /// @notice Mints `amount` to `to`. Test helper: unrestricted.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) return super._update(from, to, value);
        uint256 fee = (value * FEE_BPS) / BPS;
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}
