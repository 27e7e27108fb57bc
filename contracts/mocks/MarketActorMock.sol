// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {ERC165} from "@openzeppelin/contracts/utils/introspection/ERC165.sol";

/// @title MarketActorMock — a contract account acting as a marketplace buyer or seller in tests
/// @notice Forwards arbitrary calls (`execute`) so it can approve, create tenders, award and buy. Its
/// ERC-1155 receiver hooks accept, reject, or re-enter a target with stored calldata (bubbling reverts).
contract MarketActorMock is ERC165, IERC1155Receiver {
    /// @notice What the receiver hooks do.
    enum Mode {
        Accept,
        Reject,
        Reenter
    }

    /// @notice Raised by the hooks in `Reject` mode.
    error MarketActorRejects(uint256 id, uint256 value);

    /// @notice Current hook behaviour.
    Mode public mode;
    /// @notice Contract the hooks call in `Reenter` mode.
    address public reenterTarget;
    /// @notice Calldata of that call.
    bytes public reenterData;

    /// @notice Sets the hook behaviour (and the re-entrant call for `Reenter`).
    function setMode(Mode mode_, address target, bytes calldata data) external {
        mode = mode_;
        reenterTarget = target;
        reenterData = data;
    }

    /// @notice Calls `target` with `data` from this contract; bubbles any revert.
    function execute(address target, bytes calldata data) external returns (bytes memory ret) {
        bool ok;
        // solhint-disable-next-line avoid-low-level-calls
        (ok, ret) = target.call(data);
        if (!ok) _bubble(ret);
    }

    /// @inheritdoc IERC1155Receiver
    function onERC1155Received(address, address, uint256 id, uint256 value, bytes calldata) external returns (bytes4) {
        _hook(id, value);
        return this.onERC1155Received.selector;
    }

    /// @inheritdoc IERC1155Receiver
    function onERC1155BatchReceived(
        address,
        address,
        uint256[] calldata,
        uint256[] calldata,
        bytes calldata
    ) external returns (bytes4) {
        _hook(0, 0);
        return this.onERC1155BatchReceived.selector;
    }

    /// @inheritdoc ERC165
    function supportsInterface(bytes4 interfaceId) public view override(ERC165, IERC165) returns (bool) {
        return interfaceId == type(IERC1155Receiver).interfaceId || super.supportsInterface(interfaceId);
    }

    function _hook(uint256 id, uint256 value) private {
        if (mode == Mode.Reject) revert MarketActorRejects(id, value);
        if (mode == Mode.Reenter) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory ret) = reenterTarget.call(reenterData);
            if (!ok) _bubble(ret);
        }
    }

    function _bubble(bytes memory ret) private pure {
        assembly ("memory-safe") {
            revert(add(ret, 0x20), mload(ret))
        }
    }
}
