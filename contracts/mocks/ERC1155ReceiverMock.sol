// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {ERC165} from "@openzeppelin/contracts/utils/introspection/ERC165.sol";

/// @title ERC1155ReceiverMock — a configurable ERC-1155 receiver for tests
/// @notice Accepts, returns a chosen (possibly wrong) magic value, or fails in one of several ways.
contract ERC1155ReceiverMock is ERC165, IERC1155Receiver {
    /// @notice How the hooks fail, if at all.
    enum RevertType {
        None,
        RevertWithoutMessage,
        RevertWithMessage,
        RevertWithCustomError,
        Panic
    }

    /// @notice Raised by the hooks when configured with `RevertWithCustomError`.
    error CustomError(bytes4 value);

    /// @notice Emitted by a successful `onERC1155Received`.
    event Received(address operator, address from, uint256 id, uint256 value, bytes data);
    /// @notice Emitted by a successful `onERC1155BatchReceived`.
    event BatchReceived(address operator, address from, uint256[] ids, uint256[] values, bytes data);

    bytes4 private immutable _recRetval;
    bytes4 private immutable _batRetval;
    RevertType private immutable _error;

    /// @param recRetval Value `onERC1155Received` returns.
    /// @param batRetval Value `onERC1155BatchReceived` returns.
    /// @param error_ How both hooks fail (None: they succeed).
    constructor(bytes4 recRetval, bytes4 batRetval, RevertType error_) {
        _recRetval = recRetval;
        _batRetval = batRetval;
        _error = error_;
    }

    /// @inheritdoc IERC1155Receiver
    function onERC1155Received(
        address operator,
        address from,
        uint256 id,
        uint256 value,
        bytes calldata data
    ) external returns (bytes4) {
        _fail(_recRetval);
        emit Received(operator, from, id, value, data);
        return _recRetval;
    }

    /// @inheritdoc IERC1155Receiver
    function onERC1155BatchReceived(
        address operator,
        address from,
        uint256[] calldata ids,
        uint256[] calldata values,
        bytes calldata data
    ) external returns (bytes4) {
        _fail(_batRetval);
        emit BatchReceived(operator, from, ids, values, data);
        return _batRetval;
    }

    function _fail(bytes4 value) private view {
        if (_error == RevertType.RevertWithoutMessage) {
            revert(); // solhint-disable-line gas-custom-errors
        } else if (_error == RevertType.RevertWithMessage) {
            revert("ERC1155ReceiverMock: reverting"); // solhint-disable-line gas-custom-errors
        } else if (_error == RevertType.RevertWithCustomError) {
            revert CustomError(value);
        } else if (_error == RevertType.Panic) {
            uint256 a = uint256(0) / uint256(0);
            a;
        }
    }
}
