// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC1155Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @title ProjectBalances — ERC-1155 balances kept per holder and project, with an index of held batches
/// @notice Storage behind CarbonCredits' balances (it replaces OpenZeppelin ERC1155's). Each batch
/// (token id) has a project and a stable position in it (0–127, given by the registry when the batch
/// is added). Per (holder, project) one record holds:
/// - bits 0–127: the set of positions the holder has a non-zero balance of (the held-batch index),
/// - bits 128–199: the balance of one held batch (the "primary"; the first the holder receives while no
///   primary is held), and bits 200–206 its position,
/// so a holder's first batch of a project costs one new storage slot, as a plain ERC-1155 balance does,
/// and a project-level retirement finds the held batches without walking the project. Other batches'
/// balances have their own slot. Balances fit 72 bits: a batch's supply is at most 2^72 − 1.
abstract contract ProjectBalances is IERC1155Errors {
    uint256 private constant HELD = type(uint128).max;
    uint256 private constant PRIMARY_BALANCE = 128;
    uint256 private constant PRIMARY_POSITION = 200;
    uint256 private constant BALANCE_BITS = type(uint72).max;

    /// @dev Batch id → (projectId << 8) | position; 0 for an id that is not a batch.
    mapping(uint256 batchId => uint256 layout) private _layouts;
    mapping(address holder => mapping(uint256 projectId => uint256 record)) private _records;
    /// @dev Balances of the batches that are not the record's primary, by layout.
    mapping(address holder => mapping(uint256 layout => uint256 balance)) private _otherBalances;

    /// @dev Stores batch `batchId`'s project and position (called once per batch).
    function _setLayout(uint256 batchId, uint256 projectId, uint256 position) internal {
        _layouts[batchId] = (projectId << 8) | position;
    }

    /// @dev Batch `batchId`'s (projectId << 8) | position, 0 when it is not a batch.
    function _layoutOf(uint256 batchId) internal view returns (uint256) {
        return _layouts[batchId];
    }

    /// @dev The positions of `projectId` that `holder` has a non-zero balance of (bit p = position p).
    function _heldPositions(address holder, uint256 projectId) internal view returns (uint256) {
        return _records[holder][projectId] & HELD;
    }

    /// @dev `holder`'s balance of the batch with layout `layout` (0 for layout 0).
    function _balanceAt(address holder, uint256 layout) internal view returns (uint256) {
        uint256 record = _records[holder][layout >> 8];
        if (_isPrimary(record, layout)) return (record >> PRIMARY_BALANCE) & BALANCE_BITS;
        return _otherBalances[holder][layout];
    }

    /// @dev Adds `value` (> 0) to `holder`'s balance of the batch with layout `layout` (not 0).
    function _credit(address holder, uint256 layout, uint256 value) internal {
        uint256 projectId = layout >> 8;
        uint256 record = _records[holder][projectId];
        if (_isPrimary(record, layout)) {
            // primary + value ≤ the batch's minted units < 2^72: no carry into the position bits.
            _records[holder][projectId] = record + (value << PRIMARY_BALANCE);
            return;
        }
        uint256 bit = 1 << (layout & 0xff);
        if (record & bit == 0) {
            if (record >> PRIMARY_BALANCE == 0) {
                // No primary held: this batch becomes it (its own slot is zero, as it was not held).
                _records[holder][projectId] =
                    record | bit | (value << PRIMARY_BALANCE) | ((layout & 0xff) << PRIMARY_POSITION);
                return;
            }
            _records[holder][projectId] = record | bit;
        }
        _otherBalances[holder][layout] += value;
    }

    /// @dev Takes `value` (> 0) from `holder`'s balance of batch `batchId` (layout `layout`, 0 when it is
    /// not a batch). Reverts ERC1155InsufficientBalance when the balance is lower.
    function _debit(address holder, uint256 batchId, uint256 layout, uint256 value) internal {
        uint256 projectId = layout >> 8;
        uint256 record = _records[holder][projectId];
        uint256 bit = 1 << (layout & 0xff);
        if (_isPrimary(record, layout)) {
            uint256 primary = (record >> PRIMARY_BALANCE) & BALANCE_BITS;
            if (primary < value) revert ERC1155InsufficientBalance(holder, primary, value, batchId);
            // Emptied: the primary's balance and position are cleared with its held bit.
            _records[holder][projectId] = primary == value ? record & HELD & ~bit : record - (value << PRIMARY_BALANCE);
            return;
        }
        uint256 balance = _otherBalances[holder][layout];
        if (balance < value) revert ERC1155InsufficientBalance(holder, balance, value, batchId);
        unchecked {
            _otherBalances[holder][layout] = balance - value;
        }
        if (balance == value) _records[holder][projectId] = record & ~bit;
    }

    /// @dev Whether `record`'s primary is held and is the batch with layout `layout`.
    function _isPrimary(uint256 record, uint256 layout) private pure returns (bool) {
        return (record >> PRIMARY_BALANCE) & BALANCE_BITS != 0 && record >> PRIMARY_POSITION == layout & 0xff;
    }
}
