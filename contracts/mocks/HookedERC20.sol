// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title HookedERC20 — a malicious payment token for tests
/// @notice On every transfer it can (1) call back into `hookTarget` with `hookData` (a re-entrancy
/// attack, bubbling the callee's revert) and (2) refuse transfers to a blocked recipient.
contract HookedERC20 is ERC20 {
    /// @notice A transfer to `to` was refused (it is blocked).
    error HookedERC20Blocked(address to);

    /// @notice Contract called on each transfer (zero: no call).
    address public hookTarget;
    /// @notice Calldata of that call.
    bytes public hookData;
    /// @notice Recipients whose incoming transfers revert.
    mapping(address account => bool) public blocked;

    constructor() ERC20("Hooked USD", "HUSD") {}

    /// @notice Mints `amount` to `to`. Test helper: unrestricted.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Arms (or, with a zero target, disarms) the re-entrant call.
    function setHook(address target, bytes calldata data) external {
        hookTarget = target;
        hookData = data;
    }

    /// @notice Blocks or unblocks incoming transfers to `account`.
    function setBlocked(address account, bool isBlocked) external {
        blocked[account] = isBlocked;
    }

    /// @notice 6, like USDC.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (blocked[to]) revert HookedERC20Blocked(to);
        super._update(from, to, value);
        address target = hookTarget;
        if (target != address(0) && from != address(0) && to != address(0)) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory ret) = target.call(hookData);
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(ret, 0x20), mload(ret))
                }
            }
        }
    }
}
