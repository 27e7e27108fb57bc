// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {IMRVOracle} from "../interfaces/IMRVOracle.sol";

/// @title MRVReportVerifier — EIP-712 verification of the MRVOracle's signed report batches, M of N signers
/// @notice Part of {MRVOracle} (see {IMRVOracle}): the batch digest (EIP-712 `SubmitReports(Report[] reports,
/// uint256 deadline)` under the domain `OpenTonne MRVOracle`, version 1, set by {MRVOracle}'s constructor), the
/// signer set (at most MAX_SIGNERS) and its quorum; a batch needs quorum signatures from distinct signers, given
/// in strictly ascending signer order.
abstract contract MRVReportVerifier is IMRVOracle, AccessControlDefaultAdminRules, EIP712 {
    /// @notice Most oracle signers (N).
    uint256 public constant MAX_SIGNERS = 20;
    /// @notice EIP-712 type hash of `Report`.
    // The type strings are hashed at compile time (constant keccak256), so their length costs no gas.
    /* solhint-disable gas-small-strings */
    bytes32 public constant REPORT_TYPEHASH =
        keccak256(
            "Report(bytes32 deviceId,address owner,uint32 day,uint64 energyWh,uint64 co2Grams,uint16 correlationBps,"
            "uint8 status,bytes32 evidenceHash)"
        );
    /// @notice EIP-712 type hash of `SubmitReports` (its referenced `Report` type appended, per EIP-712).
    bytes32 public constant SUBMIT_REPORTS_TYPEHASH =
        keccak256(
            "SubmitReports(Report[] reports,uint256 deadline)"
            "Report(bytes32 deviceId,address owner,uint32 day,uint64 energyWh,uint64 co2Grams,uint16 correlationBps,"
            "uint8 status,bytes32 evidenceHash)"
        );
    /* solhint-enable gas-small-strings */

    uint256 internal _signerCount;
    uint256 internal _quorum;
    mapping(address account => bool) internal _signers;

    // ───────────────────────────── signers ─────────────────────────────

    /// @inheritdoc IMRVOracle
    function addSigner(address signer) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (signer == address(0)) revert MRVOracleInvalidSigner(signer);
        if (_signers[signer]) revert MRVOracleSignerExists(signer);
        if (_signerCount == MAX_SIGNERS) revert MRVOracleTooManySigners(MAX_SIGNERS);
        _signers[signer] = true;
        ++_signerCount;
        emit SignerAdded(signer);
    }

    /// @inheritdoc IMRVOracle
    function removeSigner(address signer) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (!_signers[signer]) revert MRVOracleNotSigner(signer);
        uint256 remaining = _signerCount - 1;
        if (remaining < _quorum) revert MRVOracleInvalidQuorum(_quorum, remaining);
        _signers[signer] = false;
        _signerCount = remaining;
        emit SignerRemoved(signer);
    }

    /// @inheritdoc IMRVOracle
    function setQuorum(uint256 quorum_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (quorum_ == 0 || quorum_ > _signerCount) revert MRVOracleInvalidQuorum(quorum_, _signerCount);
        _quorum = quorum_;
        emit QuorumUpdated(quorum_, _signerCount);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc IMRVOracle
    function isSigner(address account) external view returns (bool) {
        return _signers[account];
    }

    /// @inheritdoc IMRVOracle
    function signerCount() external view returns (uint256) {
        return _signerCount;
    }

    /// @inheritdoc IMRVOracle
    function quorum() external view returns (uint256) {
        return _quorum;
    }

    /// @inheritdoc IMRVOracle
    function hashBatch(Report[] calldata reports, uint256 deadline) external view returns (bytes32) {
        return _hashBatch(reports, deadline);
    }

    // ───────────────────────────── internal ─────────────────────────────

    /// @dev EIP-712 digest of `SubmitReports(reports, deadline)`: the array member is the keccak256 of the
    /// concatenated struct hashes of its elements.
    function _hashBatch(Report[] calldata reports, uint256 deadline) internal view returns (bytes32) {
        uint256 n = reports.length;
        bytes32[] memory hashes = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            // A Report is a static struct: abi.encode gives its 7 members as 7 words, as EIP-712 encodes them.
            hashes[i] = keccak256(abi.encode(REPORT_TYPEHASH, reports[i]));
        }
        bytes32 reportsHash = keccak256(abi.encodePacked(hashes));
        bytes32 structHash = keccak256(abi.encode(SUBMIT_REPORTS_TYPEHASH, reportsHash, deadline));
        return _hashTypedDataV4(structHash);
    }

    /// @dev Requires ≥ quorum signatures, each a valid ECDSA signature of `digest` by an oracle signer, in
    /// strictly ascending signer order (hence distinct).
    function _checkSignatures(bytes32 digest, bytes[] calldata signatures) internal view {
        uint256 count = signatures.length;
        if (count < _quorum) revert MRVOracleQuorumNotMet(count, _quorum);
        address previous;
        for (uint256 i; i < count; ++i) {
            (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecoverCalldata(digest, signatures[i]);
            if (err != ECDSA.RecoverError.NoError) revert MRVOracleInvalidSignature(i);
            if (!_signers[signer]) revert MRVOracleUnknownSigner(i, signer);
            if (signer <= previous) revert MRVOracleSignersNotAscending(i, signer, previous);
            previous = signer;
        }
    }
}
