// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ReadLens — many view calls in one `eth_call`, for tests that read back a whole state
/// @notice Test-only (contracts/mocks/, not deployed by Ignition, not measured by coverage). The
/// property tests check every contract's state after each step; sending each view call as its own
/// JSON-RPC request costs far more than the read itself, so they send one `readPacked` instead. It
/// calls each target with `staticcall` in order and returns the raw return data of each, which the
/// test decodes with the target's ABI — the same view functions, read at the same block.
/// @dev The reads come packed (not as an ABI array of structs) so that the test encodes them by
/// concatenation: ABI-encoding hundreds of (address, bytes) pairs per step cost the property tests
/// more CPU time than the reads themselves (test/helpers/read-lens.ts).
contract ReadLens {
    /// @notice Call `index` of a {readPacked} reverted; `reason` is its revert data.
    error ReadLensCallReverted(uint256 index, bytes reason);

    /// @notice `packed` ends inside the read that starts at byte `offset`.
    error ReadLensTruncatedRead(uint256 offset);

    /// @notice Performs every read with `staticcall`, in order. Anyone may call; changes nothing.
    /// @param packed The reads, one after another, each `target` (20 bytes) ‖ the length of `data`
    /// (4 bytes, big-endian) ‖ `data` (the ABI-encoded call).
    /// @return results The return data of each read, in order.
    /// @dev Reverts {ReadLensCallReverted} with the first failing read's index and revert data, and
    /// {ReadLensTruncatedRead} when `packed` ends inside a read.
    function readPacked(bytes calldata packed) external view returns (bytes[] memory results) {
        results = new bytes[](packed.length / 24); // at most this many reads; shortened below
        uint256 count = 0;
        uint256 offset = 0;
        while (offset < packed.length) {
            if (packed.length - offset < 24) revert ReadLensTruncatedRead(offset);
            address target = address(bytes20(packed[offset:offset + 20]));
            uint256 end = offset + 24 + uint32(bytes4(packed[offset + 20:offset + 24]));
            if (end > packed.length) revert ReadLensTruncatedRead(offset);
            (bool ok, bytes memory data) = target.staticcall(packed[offset + 24:end]);
            if (!ok) revert ReadLensCallReverted(count, data);
            results[count] = data;
            ++count;
            offset = end;
        }
        assembly ("memory-safe") {
            mstore(results, count) // the array's length: the reads made
        }
    }
}
