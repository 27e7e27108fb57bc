// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

/// @title ReservedSerials — the serial namespace reserved for the carbon pool's own batches
/// @notice Serials starting with `prefix` (the registry's RESERVED_SERIAL_PREFIX, "OTPOOL-") are reserved:
/// only a self-managed project's owner may add them, and only as `<prefix><owner, lowercase hex>-…`, so
/// no registrar can pre-empt or imitate a pool's period batches (docs/contracts.md, `addBatch`).
/// Comparisons are case-sensitive, as serials are.
library ReservedSerials {
    /// @dev Whether `serial` starts with `prefix`.
    function isReserved(string calldata serial, string memory prefix) internal pure returns (bool) {
        return startsWith(serial, bytes(prefix));
    }

    /// @dev Whether `serial` starts with `<prefix><owner as lowercase 0x-hex>-`.
    function isOwnedBy(string calldata serial, string memory prefix, address owner) internal pure returns (bool) {
        return startsWith(serial, bytes(string.concat(prefix, Strings.toHexString(owner), "-")));
    }

    /// @dev Whether `value` starts with the bytes of `prefix`.
    function startsWith(string calldata value, bytes memory prefix) internal pure returns (bool) {
        uint256 n = prefix.length;
        if (bytes(value).length < n) return false;
        return keccak256(bytes(value)[:n]) == keccak256(prefix);
    }
}
