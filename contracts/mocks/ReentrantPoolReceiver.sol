// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/// @title ReentrantPoolReceiver — an ERC-1155 receiver that calls back into a pool (tests only)
/// @notice On receiving tokens it sends `reentry` to `callee` and bubbles up any revert, to show that
/// CarbonPool's token-moving entry points are nonReentrant.
contract ReentrantPoolReceiver is ERC1155Holder {
    address public callee;
    bytes public reentry;

    /// @notice Sets the call made on every receipt (empty: none).
    function setReentry(address callee_, bytes calldata reentry_) external {
        callee = callee_;
        reentry = reentry_;
    }

    /// @notice Forwards `data` to `callee` as this contract (e.g. a claim).
    function forward(bytes calldata data) external {
        _call(data);
    }

    /// @notice Re-enters, then accepts.
    function onERC1155Received(
        address,
        address,
        uint256,
        uint256,
        bytes memory
    ) public override returns (bytes4) {
        if (reentry.length != 0) _call(reentry);
        return this.onERC1155Received.selector;
    }

    /// @notice Re-enters, then accepts.
    function onERC1155BatchReceived(
        address,
        address,
        uint256[] memory,
        uint256[] memory,
        bytes memory
    ) public override returns (bytes4) {
        if (reentry.length != 0) _call(reentry);
        return this.onERC1155BatchReceived.selector;
    }

    function _call(bytes memory data) private {
        Address.functionCall(callee, data); // bubbles the callee's revert data
    }
}
