// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IProjectRegistry — carbon projects and their vintage batches
/// @notice A project (a solar plant, a cookstove programme, an MSME pool, …) is registered by the
/// registrar, decided on by the verifier, and issues credits in vintage batches. Each batch is one
/// vintage of one project, mirrors one issuance of an off-chain registry (identified by its unique
/// serial) and is one ERC-1155 token id of the CarbonCredits contract.
/// Units: amounts are integer grams CO2e (1 credit = 1 tCO2e = 1_000_000 units), dates are unix
/// seconds, vintages are calendar years (Bitgreen carbon-credits pallet: `issuance_year`).
/// Invariants (Bitgreen carbon-credits pallet): for every batch `minted <= totalSupply` and
/// `retired <= minted`; credits
/// are only ever issued into an `Approved` project (CarbonCreditMarketplace design, property 7).
interface IProjectRegistry {
    /// @notice Lifecycle of a project. `Pending → Approved | Rejected`, `Approved ⇄ Suspended`,
    /// `Approved | Suspended → Deactivated`. `Rejected` and `Deactivated` are final.
    enum ProjectStatus {
        None,
        Pending,
        Approved,
        Rejected,
        Suspended,
        Deactivated
    }

    /// @notice What the registrar supplies to register a project.
    /// @param owner The project developer / NGO / pool contract that owns the project (not zero).
    /// @param name Human-readable name, 1–128 bytes.
    /// @param standard Certification standard, e.g. "VCS", "GS", "ICM" (≤ 128 bytes).
    /// @param methodology Methodology id, e.g. "AMS-I.D" (≤ 128 bytes).
    /// @param country ISO 3166-1 alpha-2 host country code, e.g. "IN" (≤ 128 bytes).
    /// @param uri Off-chain metadata URI (≤ 512 bytes; may be empty).
    /// @param estimatedCredits Expected lifetime issuance in units (grams CO2e); informational.
    struct ProjectInput {
        address owner;
        string name;
        string standard;
        string methodology;
        string country;
        string uri;
        uint128 estimatedCredits;
    }

    /// @notice A registered project as stored.
    /// @param owner See {ProjectInput}.
    /// @param status Current lifecycle state.
    /// @param createdAt Registration time, unix seconds.
    /// @param issuanceCursor Index into the project's vintage-ordered batch list of the first batch
    /// that may still have unminted supply; every batch before it is fully minted (forward-only).
    /// @param estimatedCredits See {ProjectInput}.
    struct Project {
        address owner;
        ProjectStatus status;
        uint40 createdAt;
        uint16 issuanceCursor;
        uint128 estimatedCredits;
        string name;
        string standard;
        string methodology;
        string country;
        string uri;
    }

    /// @notice What the registrar supplies to add a vintage batch.
    /// @param serial The off-chain registry's serial / UUID for this issuance, 1–128 bytes, unique
    /// system-wide (no double tokenization of the same off-chain credits).
    /// @param vintage Issuance year (calendar year, MIN_VINTAGE..MAX_VINTAGE).
    /// @param startDate First day of the monitoring period, unix seconds.
    /// @param endDate Last day of the monitoring period, unix seconds, `>= startDate`.
    /// @param totalSupply Credits this batch may ever mint, in units (grams CO2e); `> 0`, fits uint72.
    struct BatchInput {
        string serial;
        uint32 vintage;
        uint40 startDate;
        uint40 endDate;
        uint256 totalSupply;
    }

    /// @notice A vintage batch as stored. `projectId | minted | retired | totalSupply` share one
    /// storage slot, so issuance and retirement each touch a single slot (uint72 holds up to
    /// 4.7e21 grams = 4.7e15 tCO2e per batch).
    /// @param projectId The project this batch belongs to.
    /// @param minted Units minted so far (grams CO2e).
    /// @param retired Units retired (burned) so far (grams CO2e).
    /// @param totalSupply Cap on `minted` (grams CO2e).
    /// @param vintage Issuance year.
    /// @param startDate Monitoring period start, unix seconds.
    /// @param endDate Monitoring period end, unix seconds.
    /// @param serial Off-chain registry serial.
    struct Batch {
        uint32 projectId;
        uint72 minted;
        uint72 retired;
        uint72 totalSupply;
        uint32 vintage;
        uint40 startDate;
        uint40 endDate;
        string serial;
    }

    // ───────────────────────────── events ─────────────────────────────

    /// @notice A project was registered, in status `Pending`.
    event ProjectRegistered(uint256 indexed projectId, address indexed owner, string name, string standard);
    /// @notice A project's status changed. `reason` is free text from the verifier (may be empty).
    event ProjectStatusChanged(
        uint256 indexed projectId,
        ProjectStatus indexed from,
        ProjectStatus indexed to,
        string reason
    );
    /// @notice A project's metadata URI changed.
    event ProjectURIUpdated(uint256 indexed projectId, string uri);
    /// @notice A vintage batch was added; `position` is its index in the project's vintage order.
    event BatchAdded(
        uint256 indexed batchId,
        uint256 indexed projectId,
        string serial,
        uint32 vintage,
        uint256 totalSupply,
        uint256 position
    );
    /// @notice The CarbonCredits contract was bound as the only ledger allowed to record issuance
    /// and retirement. Happens once.
    event CreditsBound(address indexed credits);
    /// @notice Issuance was recorded against a batch (grams CO2e).
    event IssuanceRecorded(uint256 indexed batchId, uint256 amount, uint256 mintedAfter);
    /// @notice A project's forward-only issuance cursor advanced to `cursor`.
    event IssuanceCursorAdvanced(uint256 indexed projectId, uint256 cursor);
    /// @notice Retirement was recorded against a batch (grams CO2e).
    event RetirementRecorded(uint256 indexed batchId, uint256 amount, uint256 retiredAfter);

    // ───────────────────────────── errors ─────────────────────────────

    /// @notice No project has id `projectId`.
    error RegistryUnknownProject(uint256 projectId);
    /// @notice No batch has id `batchId`.
    error RegistryUnknownBatch(uint256 batchId);
    /// @notice The project owner is the zero address.
    error RegistryInvalidOwner(address owner);
    /// @notice A required text field (`field`) is empty.
    error RegistryEmptyField(string field);
    /// @notice A text field (`field`) is `length` bytes, above `maxLength`.
    error RegistryFieldTooLong(string field, uint256 length, uint256 maxLength);
    /// @notice `from → to` is not an allowed status transition (includes deciding twice).
    error RegistryInvalidStatusTransition(uint256 projectId, ProjectStatus from, ProjectStatus to);
    /// @notice Batches can be added only while the project is `Pending` or `Approved`.
    error RegistryProjectNotOpenForBatches(uint256 projectId, ProjectStatus status);
    /// @notice Credits can be issued only into an `Approved` project (CarbonCreditMarketplace design, property 7).
    error RegistryProjectNotApproved(uint256 projectId, ProjectStatus status);
    /// @notice The project already has MAX_BATCHES_PER_PROJECT batches.
    error RegistryBatchCapReached(uint256 projectId, uint256 cap);
    /// @notice The batch's total supply is zero or does not fit in 72 bits.
    error RegistryInvalidBatchSupply(uint256 totalSupply);
    /// @notice The vintage year is outside MIN_VINTAGE..MAX_VINTAGE.
    error RegistryInvalidVintage(uint32 vintage);
    /// @notice `startDate` is after `endDate`.
    error RegistryInvalidBatchDates(uint40 startDate, uint40 endDate);
    /// @notice The serial is already used by `existingBatchId`.
    error RegistryDuplicateSerial(string serial, uint256 existingBatchId);
    /// @notice Minting `requested` units would exceed the batch's remaining supply `available`.
    error RegistryExceedsBatchSupply(uint256 batchId, uint256 requested, uint256 available);
    /// @notice Minting `requested` units would exceed the project's remaining supply `available`.
    error RegistryExceedsProjectSupply(uint256 projectId, uint256 requested, uint256 available);
    /// @notice Retiring `requested` units would exceed the batch's unretired minted units.
    error RegistryExceedsMinted(uint256 batchId, uint256 requested, uint256 available);
    /// @notice The caller is not the bound CarbonCredits contract.
    error RegistryUnauthorizedLedger(address caller);
    /// @notice The CarbonCredits contract is already bound (to `credits`).
    error RegistryCreditsAlreadyBound(address credits);
    /// @notice The address given as CarbonCredits is the zero address.
    error RegistryInvalidCredits(address credits);
    /// @notice An amount of zero was given.
    error RegistryZeroAmount();
    /// @notice A self-managed project must be owned by its registrant: `owner` is not the caller `caller`.
    error RegistryNotSelfOwned(address owner, address caller);
    /// @notice Project `projectId` is self-managed: only its owner `owner` adds its batches, not `caller`.
    error RegistrySelfManagedProject(uint256 projectId, address owner, address caller);
    /// @notice `serial` is in the reserved `OTPOOL-` namespace, which only `OTPOOL-<caller>-…` serials on a
    /// self-managed project of the caller `caller` may use.
    error RegistryReservedSerial(string serial, address caller);
    /// @notice `batchCount` batches exist already: the CarbonCredits contract is bound before the first
    /// batch, so that it learns every batch's project and stable position.
    error RegistryBatchesBeforeBinding(uint256 batchCount);
    /// @notice Project `projectId` has no batch at stable position `position`.
    error RegistryUnknownPosition(uint256 projectId, uint256 position);

    // ───────────────────────────── registrar ─────────────────────────────

    /// @notice Registers a project in status `Pending`.
    /// @dev Caller: REGISTRAR_ROLE. Emits {ProjectRegistered}.
    /// Reverts: RegistryInvalidOwner, RegistryEmptyField("name"), RegistryFieldTooLong(field, …),
    /// AccessControlUnauthorizedAccount.
    /// @param input The project's fields (see {ProjectInput}).
    /// @return projectId The new project's id (sequential from 1).
    function registerProject(ProjectInput calldata input) external returns (uint256 projectId);

    /// @notice Registers a SELF-MANAGED project in status `Pending`: owned by the caller (a contract such
    /// as the CarbonPool), and only the caller can ever add its batches — another registrar cannot fill
    /// its 128-batch cap or mix foreign batches into it. Its owner alone may use serials in the reserved
    /// namespace `OTPOOL-<owner address, lowercase hex>-…` on it.
    /// @dev Caller: REGISTRAR_ROLE, and `input.owner` must be the caller. Emits {ProjectRegistered}.
    /// Reverts: RegistryNotSelfOwned, then as {registerProject}.
    /// @param input The project's fields (see {ProjectInput}); `owner` = the caller.
    /// @return projectId The new project's id (sequential from 1).
    function registerSelfManagedProject(ProjectInput calldata input) external returns (uint256 projectId);

    /// @notice Adds a vintage batch to a `Pending` or `Approved` project, inserted in vintage order
    /// (by `vintage`, then `startDate`, then insertion order).
    /// @dev Caller: REGISTRAR_ROLE. Emits {BatchAdded} (and {IssuanceCursorAdvanced} when the batch is
    /// inserted before the issuance cursor, moving it back). O(batches of the project) ≤ cap.
    /// A self-managed project takes batches from its owner only; a serial starting `OTPOOL-` (the pool
    /// namespace) is accepted only as `OTPOOL-<caller, lowercase hex>-…` on a self-managed project of the
    /// caller, so nobody can squat a pool's future serials on any project. The batch's stable position
    /// (see {positionsOldestFirst}) is the project's batch count before it; the bound credits contract
    /// is told it (`ICarbonCredits.registerBatch`, if the bound address has code).
    /// Reverts: RegistryUnknownProject, RegistrySelfManagedProject, RegistryReservedSerial,
    /// RegistryProjectNotOpenForBatches, RegistryBatchCapReached, RegistryEmptyField("serial"),
    /// RegistryFieldTooLong("serial", …), RegistryDuplicateSerial,
    /// RegistryInvalidVintage, RegistryInvalidBatchDates, RegistryInvalidBatchSupply,
    /// AccessControlUnauthorizedAccount, and whatever `registerBatch` reverts with.
    /// @return batchId The new batch id (sequential from 1), which is also its ERC-1155 token id.
    function addBatch(uint256 projectId, BatchInput calldata input) external returns (uint256 batchId);

    /// @notice Replaces a project's metadata URI (≤ 512 bytes).
    /// @dev Caller: REGISTRAR_ROLE. Emits {ProjectURIUpdated}.
    /// Reverts: RegistryUnknownProject, RegistryFieldTooLong("uri", …), AccessControlUnauthorizedAccount.
    function setProjectURI(uint256 projectId, string calldata uri) external;

    // ───────────────────────────── verifier ─────────────────────────────

    /// @notice `Pending → Approved`: the project may now be issued credits.
    /// @dev Caller: VERIFIER_ROLE. Emits {ProjectStatusChanged}.
    /// Gas grows with the project's batches (≤ MAX_BATCHES_PER_PROJECT): each batch's first storage
    /// slot carries a copy of "the project is Approved", so that a mint reads one slot.
    /// Reverts: RegistryUnknownProject, RegistryInvalidStatusTransition, AccessControlUnauthorizedAccount.
    function approveProject(uint256 projectId) external;

    /// @notice `Pending → Rejected` (final).
    /// @dev Caller: VERIFIER_ROLE. Emits {ProjectStatusChanged} with `reason`.
    /// Reverts: RegistryUnknownProject, RegistryInvalidStatusTransition, AccessControlUnauthorizedAccount.
    function rejectProject(uint256 projectId, string calldata reason) external;

    /// @notice `Approved → Suspended`: stops minting; holders can still transfer and retire.
    /// @dev Caller: VERIFIER_ROLE. Emits {ProjectStatusChanged} with `reason`.
    /// Gas grows with the project's batches (≤ MAX_BATCHES_PER_PROJECT): each batch's first storage
    /// slot carries a copy of "the project is Approved", so that a mint reads one slot.
    /// Reverts: RegistryUnknownProject, RegistryInvalidStatusTransition, AccessControlUnauthorizedAccount.
    function suspendProject(uint256 projectId, string calldata reason) external;

    /// @notice `Suspended → Approved`.
    /// @dev Caller: VERIFIER_ROLE. Emits {ProjectStatusChanged}.
    /// Gas grows with the project's batches (≤ MAX_BATCHES_PER_PROJECT): each batch's first storage
    /// slot carries a copy of "the project is Approved", so that a mint reads one slot.
    /// Reverts: RegistryUnknownProject, RegistryInvalidStatusTransition, AccessControlUnauthorizedAccount.
    function reinstateProject(uint256 projectId) external;

    /// @notice `Approved | Suspended → Deactivated` (final): no more minting or batches; holders can
    /// still transfer and retire what was minted.
    /// @dev Caller: VERIFIER_ROLE. Emits {ProjectStatusChanged} with `reason`.
    /// Gas grows with the project's batches (≤ MAX_BATCHES_PER_PROJECT): each batch's first storage
    /// slot carries a copy of "the project is Approved", so that a mint reads one slot.
    /// Reverts: RegistryUnknownProject, RegistryInvalidStatusTransition, AccessControlUnauthorizedAccount.
    function deactivateProject(uint256 projectId, string calldata reason) external;

    // ───────────────────────────── ledger (CarbonCredits only) ─────────────────────────────

    /// @notice Binds the CarbonCredits contract, the only caller of the `record*` functions. Once, and
    /// before the first batch is added: from then on {addBatch} tells the bound contract (if it has
    /// code) each new batch's project and stable position (`ICarbonCredits.registerBatch`).
    /// @dev Caller: DEFAULT_ADMIN_ROLE. Emits {CreditsBound}.
    /// Reverts: RegistryInvalidCredits (zero), RegistryCreditsAlreadyBound, RegistryBatchesBeforeBinding,
    /// AccessControlUnauthorizedAccount.
    function bindCredits(address credits) external;

    /// @notice Records the issuance of `amount` units into `batchId`.
    /// @dev Caller: the bound CarbonCredits. Emits {IssuanceRecorded} (and {IssuanceCursorAdvanced}
    /// if the batch is exhausted at the cursor).
    /// Reverts: RegistryUnauthorizedLedger, RegistryZeroAmount, RegistryUnknownBatch,
    /// RegistryProjectNotApproved, RegistryExceedsBatchSupply.
    /// @return projectId The batch's project.
    /// @return position The batch's stable position in its project (see {positionsOldestFirst}).
    function recordIssuance(uint256 batchId, uint256 amount) external returns (uint256 projectId, uint256 position);

    /// @notice Records a project-level issuance of `amount` units, oldest vintage with remaining
    /// supply first, spilling into the next vintages (Bitgreen carbon-credits pallet). Starts at the project's
    /// forward-only issuance cursor, so fully minted batches are never rescanned.
    /// @dev Caller: the bound CarbonCredits. Emits {IssuanceRecorded} per batch touched.
    /// Reverts: RegistryUnauthorizedLedger, RegistryZeroAmount, RegistryUnknownProject,
    /// RegistryProjectNotApproved, RegistryExceedsProjectSupply.
    /// @return batchIds The batches issued into, in vintage order.
    /// @return amounts Units issued into each batch (grams CO2e).
    /// @return positions Each batch's stable position in the project (see {positionsOldestFirst}).
    function recordProjectIssuance(
        uint256 projectId,
        uint256 amount
    ) external returns (uint256[] memory batchIds, uint256[] memory amounts, uint256[] memory positions);

    /// @notice Records the retirement of `amount` units of `batchId`.
    /// @dev Caller: the bound CarbonCredits. Emits {RetirementRecorded}.
    /// Reverts: RegistryUnauthorizedLedger, RegistryZeroAmount, RegistryUnknownBatch, RegistryExceedsMinted.
    function recordRetirement(uint256 batchId, uint256 amount) external;

    // ───────────────────────────── views ─────────────────────────────

    /// @notice The project `projectId`. Reverts RegistryUnknownProject.
    function getProject(uint256 projectId) external view returns (Project memory);

    /// @notice The project's status (`None` for an unknown id; never reverts).
    function projectStatus(uint256 projectId) external view returns (ProjectStatus);

    /// @notice Whether `projectId` is self-managed (see {registerSelfManagedProject}); false when unknown.
    function isSelfManaged(uint256 projectId) external view returns (bool);

    /// @notice Number of registered projects; ids run from 1 to this number.
    function projectCount() external view returns (uint256);

    /// @notice The batch `batchId`. Reverts RegistryUnknownBatch.
    function getBatch(uint256 batchId) external view returns (Batch memory);

    /// @notice The batches `batchIds`, in the order given (one call for many batches, e.g. all of a
    /// project's). Reverts RegistryUnknownBatch on the first unknown id.
    function getBatches(uint256[] calldata batchIds) external view returns (Batch[] memory);

    /// @notice Number of batches system-wide; batch ids run from 1 to this number.
    function batchCount() external view returns (uint256);

    /// @notice The project's batch ids in vintage order (oldest first). Reverts RegistryUnknownProject.
    function projectBatches(uint256 projectId) external view returns (uint256[] memory);

    /// @notice Part of {projectBatches}: the batch ids at vintage positions `start` to
    /// `start + count - 1` (fewer at the end; none when `start` ≥ the number of batches), and that
    /// number. Lets a caller walk a project's batches oldest first and stop early, reading only what
    /// it walks. Reverts RegistryUnknownProject.
    function projectBatchesSlice(
        uint256 projectId,
        uint256 start,
        uint256 count
    ) external view returns (uint256[] memory batchIds, uint256 total);

    /// @notice The stable positions in `positionSet` (bit p set = position p) in vintage order, oldest
    /// first (ties in the order they were added, as {projectBatches}). A batch's stable position is the
    /// number of batches its project had when it was added (0–127); unlike its vintage index it never
    /// changes, so a holder's set of held batches can be kept as a 128-bit mask of positions. Reads at
    /// most four storage words whatever the set's size, never the project's batch list.
    /// Reverts RegistryUnknownProject, RegistryUnknownPosition (a position with no batch).
    function positionsOldestFirst(
        uint256 projectId,
        uint256 positionSet
    ) external view returns (uint256[] memory positions);

    /// @notice The batch ids at stable positions `positions` of project `projectId` (see
    /// {positionsOldestFirst}), in the order given. Reverts RegistryUnknownPosition (a position with no
    /// batch; every position of an unknown project).
    function batchesAtPositions(
        uint256 projectId,
        uint256[] calldata positions
    ) external view returns (uint256[] memory batchIds);

    /// @notice The batch id registered under `serial`, or 0 if none.
    function batchIdBySerial(string calldata serial) external view returns (uint256);

    /// @notice Units still mintable in the batch (`totalSupply - minted`). Reverts RegistryUnknownBatch.
    function remainingSupply(uint256 batchId) external view returns (uint256);

    /// @notice Units in circulation for the batch (`minted - retired`); 0 for an unknown batch.
    function circulatingSupply(uint256 batchId) external view returns (uint256);

    /// @notice The bound CarbonCredits contract (zero until {bindCredits}).
    function credits() external view returns (address);
}
