// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title VintageRanks — a project's vintage order, indexed by its batches' stable positions
/// @notice A project's batches each have a stable position (0–127: how many batches the project had
/// when the batch was added) and a vintage index (their place oldest first, which shifts when an older
/// vintage is added later). `Ranks` keeps, for each stable position, 1 + its vintage index in one byte
/// (0: no batch), 32 to a word, so a set of positions (a 128-bit mask) can be put in vintage order by
/// reading at most four words — without reading the project's batch list.
library VintageRanks {
    /// @dev Byte `p` of the 128 (bits 8p..8p+7 of words[p / 32]) is 1 + the vintage index of position p.
    struct Ranks {
        uint256[4] words;
    }

    /// @dev True when (vintageA, startA) sorts strictly before (vintageB, startB): the vintage order
    /// of batches (older vintage year first, then earlier start date).
    function isOlder(uint32 vintageA, uint40 startA, uint32 vintageB, uint40 startB) internal pure returns (bool) {
        return vintageA < vintageB || (vintageA == vintageB && startA < startB);
    }

    /// @dev Position `position` was added with vintage index `vintageIndex`: every position at that
    /// vintage index or later moves one later. `position` is the number of positions already used.
    function insert(Ranks storage self, uint256 position, uint256 vintageIndex) internal {
        uint256 lastWord = position >> 5;
        for (uint256 w = 0; w <= lastWord; ++w) {
            uint256 word = self.words[w];
            uint256 updated = word;
            for (uint256 shift = 0; shift < 256; shift += 8) {
                // A stored byte is 1 + the vintage index (0: none), so "index ≥ vintageIndex" is
                // "byte > vintageIndex"; it stays ≤ 128 after the increment.
                if ((word >> shift) & 0xff > vintageIndex) updated += 1 << shift;
            }
            if (w == lastWord) updated |= (vintageIndex + 1) << ((position & 31) << 3);
            self.words[w] = updated;
        }
    }

    /// @dev 1 + the vintage index of `position`, or 0 when no batch has that position (or it is ≥ 128).
    function stored(Ranks storage self, uint256 position) internal view returns (uint256) {
        if (position >= 128) return 0;
        return (self.words[position >> 5] >> ((position & 31) << 3)) & 0xff;
    }

    /// @dev The positions of `positionSet` (bit p = position p) oldest vintage first, or, when one of
    /// them has no batch, that position as `missing` (then `ordered` is empty) and `ok` false. Each
    /// position's rank goes into a set of ranks and a rank → position table; reading the set of ranks
    /// lowest bit first lists the positions in vintage order, with no sort: O(positions in the set).
    function order(
        Ranks storage self,
        uint256 positionSet
    ) internal view returns (bool ok, uint256[] memory ordered, uint256 missing) {
        uint256[128] memory positionAt;
        uint256 rankSet;
        uint256 count;
        uint256 word;
        uint256 loaded = type(uint256).max;
        for (uint256 left = positionSet; left != 0; ++count) {
            uint256 position = lowestBit(left);
            left &= left - 1;
            if (position >= 128) return (false, ordered, position);
            if (position >> 5 != loaded) {
                // Positions come in increasing order, so each word is read once.
                loaded = position >> 5;
                word = self.words[loaded];
            }
            uint256 rank = (word >> ((position & 31) << 3)) & 0xff;
            if (rank == 0) return (false, ordered, position);
            rankSet |= 1 << (rank - 1);
            positionAt[rank - 1] = position;
        }
        ordered = new uint256[](count);
        for (uint256 i = 0; rankSet != 0; ++i) {
            ordered[i] = positionAt[lowestBit(rankSet)];
            rankSet &= rankSet - 1;
        }
        ok = true;
    }

    /// @dev The index of the lowest set bit of `x` (x ≠ 0).
    function lowestBit(uint256 x) internal pure returns (uint256) {
        unchecked {
            return Math.log2(x & (~x + 1));
        }
    }
}
