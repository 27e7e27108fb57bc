// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ICarbonCredits} from "../interfaces/ICarbonCredits.sol";
import {IProjectRegistry} from "../interfaces/IProjectRegistry.sol";
import {ReservedSerials} from "../libraries/ReservedSerials.sol";
import {Roles} from "../libraries/Roles.sol";
import {VintageRanks} from "../libraries/VintageRanks.sol";

/// @title ProjectRegistry — projects, their status, and their vintage batches with supply caps
/// @notice See {IProjectRegistry}. Keeps the issuance ledger (`minted`, `retired` per batch) that
/// the bound CarbonCredits contract updates on every mint and retirement, so both Bitgreen carbon-credits pallet
/// invariants are enforced in one place.
contract ProjectRegistry is IProjectRegistry, AccessControlDefaultAdminRules {
    using VintageRanks for VintageRanks.Ranks;

    /// @notice Role allowed to register projects, add batches and edit metadata (see {Roles}).
    bytes32 public constant REGISTRAR_ROLE = Roles.REGISTRAR_ROLE;
    /// @notice Role allowed to approve, reject, suspend, reinstate and deactivate projects (see {Roles}).
    bytes32 public constant VERIFIER_ROLE = Roles.VERIFIER_ROLE;
    /// @notice Maximum batches per project; bounds every loop over a project's batches.
    uint256 public constant MAX_BATCHES_PER_PROJECT = 128;
    /// @notice Oldest accepted vintage year (the Kyoto Protocol's base year).
    uint32 public constant MIN_VINTAGE = 1990;
    /// @notice Latest accepted vintage year.
    uint32 public constant MAX_VINTAGE = 2200;
    /// @notice Maximum length of short text fields (name, standard, methodology, country, serial), bytes.
    uint256 public constant MAX_SHORT_TEXT = 128;
    /// @notice Maximum length of a URI or a reason, bytes.
    uint256 public constant MAX_LONG_TEXT = 512;
    /// @notice Serial namespace reserved for self-managed pool projects: `OTPOOL-<owner address>-…`.
    string public constant RESERVED_SERIAL_PREFIX = "OTPOOL-";
    /// @dev See StoredBatch.positionFlags.
    uint8 private constant ISSUABLE = 0x80;
    uint8 private constant POSITION_BITS = 0x7f;

    /// @inheritdoc IProjectRegistry
    address public credits;

    uint32 private _projectCount;
    uint256 private _batchCount;

    mapping(uint256 projectId => Project) private _projects;
    mapping(uint256 projectId => uint256[]) private _projectBatches;
    /// @dev Per project: the vintage index of each stable position (see StoredBatch), so a holder's
    /// set of held positions is put in vintage order without reading the project's batch list.
    mapping(uint256 projectId => VintageRanks.Ranks) private _vintageRanks;
    /// @dev A batch as stored: the fields of {IProjectRegistry-Batch} plus `positionFlags` in the
    /// batch's first slot. Bits 0–6: the batch's stable position in its project (how many batches the
    /// project had when it was added, 0–127; unlike the vintage index it never changes). Bit 7
    /// (ISSUABLE) mirrors "the batch's project is Approved", so that recording an issuance reads one
    /// slot, not the batch's and the project's; every status change to or from Approved rewrites it
    /// for each of the project's batches (≤ MAX_BATCHES_PER_PROJECT).
    struct StoredBatch {
        uint32 projectId;
        uint72 minted;
        uint72 retired;
        uint72 totalSupply;
        uint8 positionFlags;
        uint32 vintage;
        uint40 startDate;
        uint40 endDate;
        string serial;
    }

    mapping(uint256 batchId => StoredBatch) private _batches;
    mapping(bytes32 serialHash => uint256 batchId) private _batchBySerial;
    mapping(uint256 projectId => bool) private _selfManaged;

    /// @notice Deploys the registry.
    /// @param admin Receives DEFAULT_ADMIN_ROLE (a multisig in production).
    /// @param adminTransferDelay Delay in seconds before a new default admin can accept the role.
    constructor(address admin, uint48 adminTransferDelay) AccessControlDefaultAdminRules(adminTransferDelay, admin) {}

    modifier onlyCredits() {
        if (msg.sender != credits) revert RegistryUnauthorizedLedger(msg.sender);
        _;
    }

    // ───────────────────────────── registrar ─────────────────────────────

    /// @inheritdoc IProjectRegistry
    function registerProject(
        ProjectInput calldata input
    ) external onlyRole(REGISTRAR_ROLE) returns (uint256 projectId) {
        projectId = _register(input);
    }

    /// @inheritdoc IProjectRegistry
    function registerSelfManagedProject(
        ProjectInput calldata input
    ) external onlyRole(REGISTRAR_ROLE) returns (uint256 projectId) {
        if (input.owner != msg.sender) revert RegistryNotSelfOwned(input.owner, msg.sender);
        projectId = _register(input);
        _selfManaged[projectId] = true;
    }

    /// @inheritdoc IProjectRegistry
    function addBatch(
        uint256 projectId,
        BatchInput calldata input
    ) external onlyRole(REGISTRAR_ROLE) returns (uint256 batchId) {
        Project storage p = _existingProject(projectId);
        _checkBatchAuthor(projectId, p.owner, input.serial);
        if (p.status != ProjectStatus.Pending && p.status != ProjectStatus.Approved) {
            revert RegistryProjectNotOpenForBatches(projectId, p.status);
        }
        uint256[] storage ids = _projectBatches[projectId];
        uint256 count = ids.length;
        if (count >= MAX_BATCHES_PER_PROJECT) revert RegistryBatchCapReached(projectId, MAX_BATCHES_PER_PROJECT);
        _checkText("serial", input.serial, MAX_SHORT_TEXT, true);
        bytes32 serialHash = keccak256(bytes(input.serial));
        uint256 existing = _batchBySerial[serialHash];
        if (existing != 0) revert RegistryDuplicateSerial(input.serial, existing);
        if (input.vintage < MIN_VINTAGE || input.vintage > MAX_VINTAGE) revert RegistryInvalidVintage(input.vintage);
        if (input.startDate > input.endDate) revert RegistryInvalidBatchDates(input.startDate, input.endDate);
        if (input.totalSupply == 0 || input.totalSupply > type(uint72).max) {
            revert RegistryInvalidBatchSupply(input.totalSupply);
        }

        batchId = ++_batchCount;
        StoredBatch storage b = _batches[batchId];
        b.projectId = uint32(projectId); // projectId <= _projectCount, a uint32
        b.totalSupply = uint72(input.totalSupply); // checked above
        // count < MAX_BATCHES_PER_PROJECT = 128: the stable position fits POSITION_BITS.
        b.positionFlags = uint8(count) | (p.status == ProjectStatus.Approved ? ISSUABLE : 0);
        b.vintage = input.vintage;
        b.startDate = input.startDate;
        b.endDate = input.endDate;
        b.serial = input.serial;
        _batchBySerial[serialHash] = batchId;

        uint256 position = _insertInVintageOrder(projectId, ids, batchId, input);
        // Every batch before the cursor is fully minted; a new batch inserted there is not.
        if (position < p.issuanceCursor) {
            p.issuanceCursor = uint16(position);
            emit IssuanceCursorAdvanced(projectId, position);
        }
        emit BatchAdded(batchId, projectId, input.serial, input.vintage, input.totalSupply, position);
        // The bound token keeps each batch's (project, stable position) for its per-project balance
        // index. A ledger without code (an account bound to call the record functions directly) has
        // nothing to keep.
        address ledger = credits;
        if (ledger.code.length != 0) ICarbonCredits(ledger).registerBatch(batchId, projectId, count);
    }

    /// @inheritdoc IProjectRegistry
    function setProjectURI(uint256 projectId, string calldata uri) external onlyRole(REGISTRAR_ROLE) {
        Project storage p = _existingProject(projectId);
        _checkText("uri", uri, MAX_LONG_TEXT, false);
        p.uri = uri;
        emit ProjectURIUpdated(projectId, uri);
    }

    // ───────────────────────────── verifier ─────────────────────────────

    /// @inheritdoc IProjectRegistry
    function approveProject(uint256 projectId) external onlyRole(VERIFIER_ROLE) {
        _transition(projectId, ProjectStatus.Pending, ProjectStatus.Pending, ProjectStatus.Approved, "");
    }

    /// @inheritdoc IProjectRegistry
    function rejectProject(uint256 projectId, string calldata reason) external onlyRole(VERIFIER_ROLE) {
        _transition(projectId, ProjectStatus.Pending, ProjectStatus.Pending, ProjectStatus.Rejected, reason);
    }

    /// @inheritdoc IProjectRegistry
    function suspendProject(uint256 projectId, string calldata reason) external onlyRole(VERIFIER_ROLE) {
        _transition(projectId, ProjectStatus.Approved, ProjectStatus.Approved, ProjectStatus.Suspended, reason);
    }

    /// @inheritdoc IProjectRegistry
    function reinstateProject(uint256 projectId) external onlyRole(VERIFIER_ROLE) {
        _transition(projectId, ProjectStatus.Suspended, ProjectStatus.Suspended, ProjectStatus.Approved, "");
    }

    /// @inheritdoc IProjectRegistry
    function deactivateProject(uint256 projectId, string calldata reason) external onlyRole(VERIFIER_ROLE) {
        _transition(projectId, ProjectStatus.Approved, ProjectStatus.Suspended, ProjectStatus.Deactivated, reason);
    }

    // ───────────────────────────── ledger ─────────────────────────────

    /// @inheritdoc IProjectRegistry
    function bindCredits(address credits_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (credits_ == address(0)) revert RegistryInvalidCredits(credits_);
        if (credits != address(0)) revert RegistryCreditsAlreadyBound(credits);
        if (_batchCount != 0) revert RegistryBatchesBeforeBinding(_batchCount);
        credits = credits_;
        emit CreditsBound(credits_);
    }

    /// @inheritdoc IProjectRegistry
    function recordIssuance(
        uint256 batchId,
        uint256 amount
    ) external onlyCredits returns (uint256 projectId, uint256 position) {
        if (amount == 0) revert RegistryZeroAmount();
        StoredBatch storage b = _batches[batchId];
        projectId = b.projectId;
        if (projectId == 0) revert RegistryUnknownBatch(batchId);
        uint8 flags = b.positionFlags;
        position = flags & POSITION_BITS;
        // ISSUABLE mirrors the project's status (see StoredBatch): one slot read, not two.
        if (flags & ISSUABLE == 0) revert RegistryProjectNotApproved(projectId, _projects[projectId].status);
        uint256 available = b.totalSupply - b.minted;
        if (amount > available) revert RegistryExceedsBatchSupply(batchId, amount, available);
        uint72 mintedAfter = b.minted + uint72(amount); // amount <= available < 2^72
        b.minted = mintedAfter;
        emit IssuanceRecorded(batchId, amount, mintedAfter);
        if (amount == available) _advanceCursor(projectId, _projects[projectId]);
    }

    /// @inheritdoc IProjectRegistry
    function recordProjectIssuance(
        uint256 projectId,
        uint256 amount
    )
        external
        onlyCredits
        returns (uint256[] memory batchIds, uint256[] memory amounts, uint256[] memory positions)
    {
        if (amount == 0) revert RegistryZeroAmount();
        Project storage p = _existingProject(projectId);
        if (p.status != ProjectStatus.Approved) revert RegistryProjectNotApproved(projectId, p.status);
        uint256[] storage ids = _projectBatches[projectId];
        uint256 count = ids.length;
        uint256 cursor = p.issuanceCursor;
        batchIds = new uint256[](count - cursor);
        amounts = new uint256[](count - cursor);
        positions = new uint256[](count - cursor);
        uint256 touched;
        uint256 left = amount;
        for (uint256 i = cursor; i < count && left > 0; ++i) {
            uint256 batchId = ids[i];
            StoredBatch storage b = _batches[batchId];
            uint256 room = b.totalSupply - b.minted;
            if (room == 0) continue;
            uint256 take = left < room ? left : room;
            uint72 mintedAfter = b.minted + uint72(take); // take <= room < 2^72
            b.minted = mintedAfter;
            left -= take;
            batchIds[touched] = batchId;
            amounts[touched] = take;
            positions[touched] = b.positionFlags & POSITION_BITS;
            ++touched;
            emit IssuanceRecorded(batchId, take, mintedAfter);
        }
        if (left > 0) revert RegistryExceedsProjectSupply(projectId, amount, amount - left);
        assembly ("memory-safe") {
            // Shrink the arrays to the batches actually touched (touched <= allocated length).
            mstore(batchIds, touched)
            mstore(amounts, touched)
            mstore(positions, touched)
        }
        _advanceCursor(projectId, p);
    }

    /// @inheritdoc IProjectRegistry
    function recordRetirement(uint256 batchId, uint256 amount) external onlyCredits {
        if (amount == 0) revert RegistryZeroAmount();
        StoredBatch storage b = _batches[batchId];
        if (b.projectId == 0) revert RegistryUnknownBatch(batchId);
        uint256 available = b.minted - b.retired;
        if (amount > available) revert RegistryExceedsMinted(batchId, amount, available);
        uint72 retiredAfter = b.retired + uint72(amount); // amount <= available < 2^72
        b.retired = retiredAfter;
        emit RetirementRecorded(batchId, amount, retiredAfter);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc IProjectRegistry
    function getProject(uint256 projectId) external view returns (Project memory) {
        return _existingProject(projectId);
    }

    /// @inheritdoc IProjectRegistry
    function projectStatus(uint256 projectId) external view returns (ProjectStatus) {
        return _projects[projectId].status;
    }

    /// @inheritdoc IProjectRegistry
    function isSelfManaged(uint256 projectId) external view returns (bool) {
        return _selfManaged[projectId];
    }

    /// @inheritdoc IProjectRegistry
    function projectCount() external view returns (uint256) {
        return _projectCount;
    }

    /// @inheritdoc IProjectRegistry
    function getBatch(uint256 batchId) external view returns (Batch memory) {
        return _toBatch(_existingBatch(batchId));
    }

    /// @inheritdoc IProjectRegistry
    function getBatches(uint256[] calldata batchIds) external view returns (Batch[] memory batches) {
        batches = new Batch[](batchIds.length);
        for (uint256 i = 0; i < batchIds.length; ++i) batches[i] = _toBatch(_existingBatch(batchIds[i]));
    }

    /// @inheritdoc IProjectRegistry
    function batchCount() external view returns (uint256) {
        return _batchCount;
    }

    /// @inheritdoc IProjectRegistry
    function projectBatches(uint256 projectId) external view returns (uint256[] memory) {
        _existingProject(projectId);
        return _projectBatches[projectId];
    }

    /// @inheritdoc IProjectRegistry
    function projectBatchesSlice(
        uint256 projectId,
        uint256 start,
        uint256 count
    ) external view returns (uint256[] memory batchIds, uint256 total) {
        _existingProject(projectId);
        uint256[] storage ids = _projectBatches[projectId];
        total = ids.length;
        uint256 end = start < total ? (count < total - start ? start + count : total) : start;
        batchIds = new uint256[](end - start);
        for (uint256 i = start; i < end; ++i) batchIds[i - start] = ids[i];
    }

    /// @inheritdoc IProjectRegistry
    function positionsOldestFirst(
        uint256 projectId,
        uint256 positionSet
    ) external view returns (uint256[] memory positions) {
        _existingProject(projectId);
        (bool ok, uint256[] memory ordered, uint256 missing) = _vintageRanks[projectId].order(positionSet);
        if (!ok) revert RegistryUnknownPosition(projectId, missing);
        return ordered;
    }

    /// @inheritdoc IProjectRegistry
    function batchesAtPositions(
        uint256 projectId,
        uint256[] calldata positions
    ) external view returns (uint256[] memory batchIds) {
        VintageRanks.Ranks storage ranks = _vintageRanks[projectId];
        uint256[] storage ids = _projectBatches[projectId];
        batchIds = new uint256[](positions.length);
        for (uint256 i = 0; i < positions.length; ++i) {
            uint256 rank = ranks.stored(positions[i]);
            if (rank == 0) revert RegistryUnknownPosition(projectId, positions[i]);
            batchIds[i] = ids[rank - 1];
        }
    }

    /// @inheritdoc IProjectRegistry
    function batchIdBySerial(string calldata serial) external view returns (uint256) {
        return _batchBySerial[keccak256(bytes(serial))];
    }

    /// @inheritdoc IProjectRegistry
    function remainingSupply(uint256 batchId) external view returns (uint256) {
        StoredBatch storage b = _existingBatch(batchId);
        return b.totalSupply - b.minted;
    }

    /// @inheritdoc IProjectRegistry
    function circulatingSupply(uint256 batchId) external view returns (uint256) {
        StoredBatch storage b = _batches[batchId];
        return b.minted - b.retired;
    }

    // ───────────────────────────── internal ─────────────────────────────

    /// @dev Checks and stores a new project in status Pending.
    function _register(ProjectInput calldata input) private returns (uint256 projectId) {
        if (input.owner == address(0)) revert RegistryInvalidOwner(input.owner);
        _checkText("name", input.name, MAX_SHORT_TEXT, true);
        _checkText("standard", input.standard, MAX_SHORT_TEXT, false);
        _checkText("methodology", input.methodology, MAX_SHORT_TEXT, false);
        _checkText("country", input.country, MAX_SHORT_TEXT, false);
        _checkText("uri", input.uri, MAX_LONG_TEXT, false);

        projectId = ++_projectCount;
        Project storage p = _projects[projectId];
        p.owner = input.owner;
        p.status = ProjectStatus.Pending;
        p.createdAt = uint40(block.timestamp);
        p.estimatedCredits = input.estimatedCredits;
        p.name = input.name;
        p.standard = input.standard;
        p.methodology = input.methodology;
        p.country = input.country;
        p.uri = input.uri;
        emit ProjectRegistered(projectId, input.owner, input.name, input.standard);
    }

    /// @dev A self-managed project takes batches from its owner only; the reserved serial namespace is
    /// open only to `OTPOOL-<caller>-…` serials on a self-managed project (whose owner is then the caller).
    function _checkBatchAuthor(uint256 projectId, address owner, string calldata serial) private view {
        bool selfManaged = _selfManaged[projectId];
        if (selfManaged && msg.sender != owner) revert RegistrySelfManagedProject(projectId, owner, msg.sender);
        if (
            ReservedSerials.isReserved(serial, RESERVED_SERIAL_PREFIX) &&
            !(selfManaged && ReservedSerials.isOwnedBy(serial, RESERVED_SERIAL_PREFIX, msg.sender))
        ) {
            revert RegistryReservedSerial(serial, msg.sender);
        }
    }

    function _existingProject(uint256 projectId) private view returns (Project storage p) {
        p = _projects[projectId];
        if (p.status == ProjectStatus.None) revert RegistryUnknownProject(projectId);
    }

    function _existingBatch(uint256 batchId) private view returns (StoredBatch storage b) {
        b = _batches[batchId];
        if (b.projectId == 0) revert RegistryUnknownBatch(batchId);
    }

    function _toBatch(StoredBatch storage b) private view returns (Batch memory) {
        return Batch(b.projectId, b.minted, b.retired, b.totalSupply, b.vintage, b.startDate, b.endDate, b.serial);
    }

    /// @dev Moves `projectId` to `to` if its status is `fromA` or `fromB`; a change to or from
    /// Approved rewrites the ISSUABLE flag of each of the project's batches.
    function _transition(
        uint256 projectId,
        ProjectStatus fromA,
        ProjectStatus fromB,
        ProjectStatus to,
        string memory reason
    ) private {
        Project storage p = _existingProject(projectId);
        ProjectStatus from = p.status;
        if (from != fromA && from != fromB) revert RegistryInvalidStatusTransition(projectId, from, to);
        _checkText("reason", reason, MAX_LONG_TEXT, false);
        p.status = to;
        bool issuable = to == ProjectStatus.Approved;
        if (issuable != (from == ProjectStatus.Approved)) {
            uint256[] storage ids = _projectBatches[projectId];
            uint256 count = ids.length;
            for (uint256 i = 0; i < count; ++i) {
                StoredBatch storage b = _batches[ids[i]];
                b.positionFlags = (b.positionFlags & POSITION_BITS) | (issuable ? ISSUABLE : 0);
            }
        }
        emit ProjectStatusChanged(projectId, from, to, reason);
    }

    /// @dev Inserts `batchId` (the project's `ids.length`-th batch, its stable position) into vintage
    /// order: shifts later vintages right by one (bounded by the cap) and records its vintage index
    /// for its stable position. Returns the vintage index.
    function _insertInVintageOrder(
        uint256 projectId,
        uint256[] storage ids,
        uint256 batchId,
        BatchInput calldata input
    ) private returns (uint256 position) {
        uint256 stable = ids.length;
        position = stable;
        ids.push(batchId);
        while (position > 0) {
            StoredBatch storage prev = _batches[ids[position - 1]];
            if (!VintageRanks.isOlder(input.vintage, input.startDate, prev.vintage, prev.startDate)) break;
            ids[position] = ids[position - 1];
            --position;
        }
        ids[position] = batchId;
        _vintageRanks[projectId].insert(stable, position);
    }

    /// @dev Moves the forward-only issuance cursor past every fully minted batch at its front.
    function _advanceCursor(uint256 projectId, Project storage p) private {
        uint256[] storage ids = _projectBatches[projectId];
        uint256 count = ids.length;
        uint256 cursor = p.issuanceCursor;
        uint256 start = cursor;
        while (cursor < count) {
            StoredBatch storage b = _batches[ids[cursor]];
            if (b.minted < b.totalSupply) break;
            ++cursor;
        }
        if (cursor != start) {
            p.issuanceCursor = uint16(cursor); // cursor <= count <= MAX_BATCHES_PER_PROJECT
            emit IssuanceCursorAdvanced(projectId, cursor);
        }
    }

    function _checkText(string memory field, string memory value, uint256 maxLength, bool required) private pure {
        uint256 length = bytes(value).length;
        if (required && length == 0) revert RegistryEmptyField(field);
        if (length > maxLength) revert RegistryFieldTooLong(field, length, maxLength);
    }
}
