// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ReadLens — many view calls in one `eth_call`, for tests that read back a whole state
/// @notice Test-only (contracts/mocks/, not deployed by Ignition, not measured by coverage). The
/// property tests check every contract's state after each step; sending each view call as its own
/// JSON-RPC request costs far more than the read itself, so they send one `readAll` instead. It
/// calls each target with `staticcall` in order and returns the raw return data of each, which the
/// test decodes with the target's ABI — the same view functions, read at the same block.
contract ReadLens {
    /// @notice One view call: `target` called with the ABI-encoded `data`.
    struct Read {
        address target;
        bytes data;
    }

    /// @notice Call `index` of a {readAll} reverted; `reason` is its revert data.
    error ReadLensCallReverted(uint256 index, bytes reason);

    /// @notice Performs every read with `staticcall`, in order. Anyone may call; changes nothing.
    /// @param reads The calls to make.
    /// @return results The return data of each call, in the order of `reads`.
    /// @dev Reverts {ReadLensCallReverted} with the first failing call's index and revert data.
    function readAll(Read[] calldata reads) external view returns (bytes[] memory results) {
        results = new bytes[](reads.length);
        for (uint256 i = 0; i < reads.length; ++i) {
            (bool ok, bytes memory data) = reads[i].target.staticcall(reads[i].data);
            if (!ok) revert ReadLensCallReverted(i, data);
            results[i] = data;
        }
    }
}
