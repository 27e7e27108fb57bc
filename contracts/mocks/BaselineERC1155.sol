// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";

/// @title BaselineERC1155 — a plain OpenZeppelin ERC-1155 with an open mint
/// @notice Only for the gas benchmark: the yardstick CarbonCredits' mint and transfer are compared to.
contract BaselineERC1155 is ERC1155("") {
    /// @notice Mints `value` of `id` to `to`; anyone may call (benchmark only).
    function mint(address to, uint256 id, uint256 value) external {
        _mint(to, id, value, "");
    }
}
