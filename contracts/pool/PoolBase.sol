// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICarbonCredits} from "../interfaces/ICarbonCredits.sol";
import {ICarbonPool} from "../interfaces/ICarbonPool.sol";
import {IProjectRegistry} from "../interfaces/IProjectRegistry.sol";
import {Roles} from "../libraries/Roles.sol";

/// @title PoolBase — the CarbonPool's state, limits and the rules every part shares
/// @notice Part of {CarbonPool} (see {ICarbonPool}): the period lifecycle ({PoolPeriods}) and the claims
/// ({PoolClaims}) build on it. Its only external functions are the public constants and the receiver hooks.
/// @dev 17 state variables (solhint's default cap is 15): the period, member and project-series state of
/// one pool, each read by a different entry point; grouping them into structs would add a slot read to
/// the hot record path without saving storage.
// solhint-disable-next-line max-states-count
abstract contract PoolBase is
    ICarbonPool,
    AccessControlDefaultAdminRules,
    ERC1155Holder,
    Pausable,
    ReentrancyGuardTransient
{
    /// @notice Role allowed to register the pool project, open / close periods, admit / remove members,
    /// set pool parameters and sweep dust (see {Roles}).
    bytes32 public constant POOL_MANAGER_ROLE = Roles.POOL_MANAGER_ROLE;
    /// @notice Role allowed to record verified contributions (the MRVOracle; see {Roles}).
    bytes32 public constant ORACLE_ROLE = Roles.ORACLE_ROLE;
    /// @notice Role allowed to pause and unpause (see {Roles}).
    bytes32 public constant PAUSER_ROLE = Roles.PAUSER_ROLE;
    /// @notice Cap on a member's grams in a period and on a period's eligible grams: 2^72 − 1 g, the
    /// registry's cap on a batch's supply (one unit per gram), so a close never fails on supply. It also
    /// keeps every allocation product inside 256 bits (see {PoolMath-hybridShareDown}).
    uint256 public constant MAX_GRAMS = type(uint72).max;
    /// @notice Earliest period year: the registry's MIN_VINTAGE (a period's year is its batch's vintage).
    uint256 public constant MIN_PERIOD_YEAR = 1990;
    /// @notice Latest period year: the registry's MAX_VINTAGE.
    uint256 public constant MAX_PERIOD_YEAR = 2200;
    /// @notice Batches the pool adds to one registry project before moving to its successor: the
    /// registry's MAX_BATCHES_PER_PROJECT.
    uint256 public constant BATCHES_PER_PROJECT = 128;
    /// @notice Prefix of the serial of each period batch: `OTPOOL-<pool address>-<periodId>` (the
    /// registry reserves the namespace `OTPOOL-<owner>-` to the owner's self-managed projects).
    string public constant SERIAL_PREFIX = "OTPOOL-";
    /// @notice Default close grace: 2 days after a period's end, so device-days verified on the last day
    /// and relayed the day after still count.
    uint32 public constant DEFAULT_CLOSE_GRACE = 2 days;
    /// @notice Shortest close grace allowed: 1 day (a UTC day must be over before it can be reported).
    uint32 public constant MIN_CLOSE_GRACE = 1 days;
    /// @notice Longest close grace allowed: 30 days.
    uint32 public constant MAX_CLOSE_GRACE = 30 days;
    /// @notice Default claim window: 365 days after the close.
    uint32 public constant DEFAULT_CLAIM_WINDOW = 365 days;
    /// @notice Shortest claim window allowed: 30 days.
    uint32 public constant MIN_CLAIM_WINDOW = 30 days;
    /// @notice Longest claim window allowed: 3650 days (10 years).
    uint32 public constant MAX_CLAIM_WINDOW = 3650 days;

    IProjectRegistry internal immutable _registry;
    ICarbonCredits internal immutable _credits;

    uint256 internal _projectId;
    uint256 internal _successorProjectId;
    address internal _treasury;
    AllocationMethod internal _method;
    uint16 internal _hybridBps;
    uint40 internal _lastEnd; // end of the last closed or aborted period (cancelled ones free their dates)
    uint128 internal _minContribution;
    uint32 internal _periodCount;
    uint32 internal _openPeriodId;
    uint32 internal _rulesFrom; // an aborted period whose method and minimum the next period keeps (0: none)
    uint16 internal _projectBatches; // batches the pool added to _projectId (<= BATCHES_PER_PROJECT)
    uint32 internal _closeGrace;
    uint32 internal _claimWindow;
    uint256 internal _memberCount;

    mapping(uint256 periodId => Period) internal _periods;
    mapping(address member => Member) internal _members;
    mapping(uint256 periodId => mapping(address member => MemberPeriod)) internal _memberPeriods;

    /// @dev Stores the registry, the credits token and the treasury; sets the default period timings.
    /// Reverts: CarbonPoolInvalidAddress, CarbonPoolInvalidTreasury.
    constructor(address registry_, address credits_, address treasury_) {
        if (registry_ == address(0)) revert CarbonPoolInvalidAddress("registry", registry_);
        if (credits_ == address(0)) revert CarbonPoolInvalidAddress("credits", credits_);
        if (treasury_ == address(0)) revert CarbonPoolInvalidTreasury(treasury_);
        _registry = IProjectRegistry(registry_);
        _credits = ICarbonCredits(credits_);
        _treasury = treasury_;
        _closeGrace = DEFAULT_CLOSE_GRACE;
        _claimWindow = DEFAULT_CLAIM_WINDOW;
    }

    // ───────────────────────────── ERC-1155 receiver, ERC-165 ─────────────────────────────

    /// @notice Accepts only the pool's own mint of a period's credits (CarbonCredits calling, the pool
    /// as operator); anything else reverts CarbonPoolUnsolicitedTransfer, so nothing gets stuck here.
    function onERC1155Received(
        address operator,
        address,
        uint256,
        uint256,
        bytes memory
    ) public view override returns (bytes4) {
        if (msg.sender != address(_credits) || operator != address(this)) {
            revert CarbonPoolUnsolicitedTransfer(msg.sender, operator);
        }
        return this.onERC1155Received.selector;
    }

    /// @notice Always reverts CarbonPoolUnsolicitedTransfer: the pool only ever receives single mints.
    function onERC1155BatchReceived(
        address operator,
        address,
        uint256[] memory,
        uint256[] memory,
        bytes memory
    ) public view override returns (bytes4) {
        revert CarbonPoolUnsolicitedTransfer(msg.sender, operator);
    }

    /// @notice ERC-165: AccessControl(DefaultAdminRules), ERC-1155 receiver, ERC-165.
    /// @param interfaceId The interface identifier (ERC-165).
    /// @return Whether the interface is supported.
    function supportsInterface(
        bytes4 interfaceId
    ) public view override(AccessControlDefaultAdminRules, ERC1155Holder) returns (bool) {
        return
            AccessControlDefaultAdminRules.supportsInterface(interfaceId) ||
            ERC1155Holder.supportsInterface(interfaceId);
    }

    // ───────────────────────────── internal ─────────────────────────────

    /// @dev Last second at which period `p`'s members can claim: its close plus its claim window.
    function _claimDeadline(Period storage p) internal view returns (uint256) {
        return uint256(p.closedAt) + p.claimWindow;
    }

    /// @dev Eligible = non-zero grams at or above the period's minimum.
    function _isEligible(uint256 grams, uint256 minimum) internal pure returns (bool) {
        return grams != 0 && grams >= minimum;
    }
}
