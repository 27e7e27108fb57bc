// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IMRVOracle — signed dMRV reports of solar inverters, credited to the CarbonPool (Lumix dMRV engine)
/// @notice Devices (solar inverters) are registered by the DEVICE_REGISTRAR_ROLE. Off-chain oracle
/// signers (`oracle/src/lib`) verify each device-day and sign batches of reports with EIP-712; anyone may
/// relay a batch that carries at least `quorum` valid signatures of distinct oracle signers (M-of-N,
/// 1-of-1 by default). Each device-day gets one final status (VERIFIED or FLAGGED; no double counting);
/// a PENDING day may be superseded once by a final status in a later signed report. VERIFIED reports
/// add their CO2 grams to the device owner's contribution in the pool's OPEN period
/// (`ICarbonPool.recordContribution`; this contract holds the pool's ORACLE_ROLE); FLAGGED and PENDING
/// reports are recorded for audit only. Every report, whatever its status, must be for a day inside
/// the pool's open period (the days a VERIFIED report could still be posted for). Every report emits
/// {ReportSubmitted}.
///
/// Ownership: each signed report names the owner it credits, which must be the device's owner for
/// that day. An owner change ({updateDevice}) applies only to days from the UTC day after the change;
/// earlier days keep the previous owner, so a report signed before the change cannot be redirected.
///
/// Units: energy in watt-hours (Wh); CO2 in grams; emission factors in grams CO2 per kWh; capacity in
/// watts (AC rating); correlation in basis points (Pearson r × 10 000, rounded down); location in
/// microdegrees (degrees × 1e6, WGS 84); days as UTC day numbers (days since 1970-01-01); deadlines and
/// period bounds in unix seconds (UTC).
///
/// CO2 rule (checked on-chain, the same as `oracle/src/lib/co2.ts`):
/// `co2Grams == floor(energyWh × emissionFactorGPerKWh / 1000)` — rounded down, never a fraction of a
/// gram more than was avoided.
///
/// Signing (EIP-712, domain `{name: "OpenTonne MRVOracle", version: "1", chainId, verifyingContract}`):
/// `Report(bytes32 deviceId,address owner,uint32 day,uint64 energyWh,uint64 co2Grams,uint16 correlationBps,`
/// `uint8 status,bytes32 evidenceHash)` (one line, no space after the comma) and
/// `SubmitReports(Report[] reports,uint256 deadline)`; one signature per signer over the whole batch;
/// signatures ordered by strictly ascending signer address (so no signer counts twice).
///
/// Scale: `submitReports` loops only over the reports and signatures it is given (at most
/// {MAX_BATCH_SIZE} reports and {MAX_SIGNERS} signatures); nothing loops over devices or history.
interface IMRVOracle {
    /// @notice Lumix dMRV engine verification outcome of a device-day. `None` marks a device-day not reported and
    /// is never valid in a report.
    enum ReportStatus {
        None,
        Verified,
        Flagged,
        Pending
    }

    /// @notice A device's registration fields, as given to {registerDevice} and {updateDevice}.
    /// @param owner The pool member credited with the device's verified CO2 (not zero).
    /// @param latMicroDeg Latitude, microdegrees (−90e6..90e6).
    /// @param lonMicroDeg Longitude, microdegrees (−180e6..180e6).
    /// @param capacityW AC rating, watts (1..MAX_CAPACITY_W); a day's energy may not exceed `capacityW × 24` Wh.
    /// @param emissionFactorGPerKWh Baseline emission factor, g CO2 per kWh (1..MAX_EMISSION_FACTOR;
    /// Lumix dMRV engine: 1200 for a diesel-generator baseline).
    struct DeviceInput {
        address owner;
        int32 latMicroDeg;
        int32 lonMicroDeg;
        uint64 capacityW;
        uint32 emissionFactorGPerKWh;
    }

    /// @notice A device as {getDevice} returns it.
    /// @param owner The current owner: credited for the days from `ownerFromDay` on.
    /// @param latMicroDeg Latitude, microdegrees.
    /// @param lonMicroDeg Longitude, microdegrees.
    /// @param active Registered and not deactivated, or reactivated (only active devices may be reported).
    /// @param capacityW AC rating, watts.
    /// @param emissionFactorGPerKWh Baseline emission factor, g CO2 per kWh.
    /// @param ownerFromDay First UTC day credited to `owner` (0 until the owner is first changed).
    /// @param previousOwner The owner before the last owner change (zero if never changed): credited for
    /// the days from `previousOwnerFromDay` to `ownerFromDay − 1`.
    /// @param previousOwnerFromDay First UTC day credited to `previousOwner`. Days before it can no longer
    /// be reported (their owner was replaced twice since; see {updateDevice}).
    struct Device {
        address owner;
        int32 latMicroDeg;
        int32 lonMicroDeg;
        bool active;
        uint64 capacityW;
        uint32 emissionFactorGPerKWh;
        uint32 ownerFromDay;
        address previousOwner;
        uint32 previousOwnerFromDay;
    }

    /// @notice One device-day report, as signed by the oracle signers (EIP-712 type `Report`).
    /// @param deviceId The device (e.g. keccak256 of the inverter's SOURCE_KEY).
    /// @param owner The beneficiary: must be the device's owner for `day` ({ownerOf}); a report naming
    /// anyone else is refused (MRVOracleWrongOwner), so nobody can redirect a signed tonne.
    /// @param day UTC day number (days since 1970-01-01); the day must have ended.
    /// @param energyWh Measured AC energy of the day, Wh.
    /// @param co2Grams CO2 avoided, grams: must equal `floor(energyWh × emissionFactorGPerKWh / 1000)`.
    /// @param correlationBps Pearson r of output vs irradiance, bps (0..10 000; 0 when undefined).
    /// @param status Verified, Flagged or Pending (not None).
    /// @param evidenceHash SHA-256 of the day's canonical evidence (readings + irradiance), not zero.
    struct Report {
        bytes32 deviceId;
        address owner;
        uint32 day;
        uint64 energyWh;
        uint64 co2Grams;
        uint16 correlationBps;
        ReportStatus status;
        bytes32 evidenceHash;
    }

    /// @notice The on-chain state of a device-day. Four bits per device-day, 64 devices of one day share a
    /// storage slot (a new slot costs 22,100 gas; one per report would put a report above its 60,000-gas
    /// budget). The report's values (owner, energy, CO2, correlation, full evidence hash, pool period) are
    /// in its {ReportSubmitted} event, covered by the signatures; `day` is an indexed topic, so the event
    /// of a device-day is found with a filter on (deviceId, day).
    /// @param status The current status (None: not reported).
    /// @param supersededPending True when a Pending report of the day was superseded by this final status.
    struct ReportRecord {
        ReportStatus status;
        bool supersededPending;
    }

    // ───────────────────────────── events ─────────────────────────────

    /// @notice Device `deviceId` was registered (active) with the given fields.
    event DeviceRegistered(
        bytes32 indexed deviceId,
        address indexed owner,
        int32 latMicroDeg,
        int32 lonMicroDeg,
        uint64 capacityW,
        uint32 emissionFactorGPerKWh
    );
    /// @notice Device `deviceId`'s fields were replaced (its active flag is unchanged). `owner` is
    /// credited for the days from `ownerFromDay` on (earlier days keep their owner).
    event DeviceUpdated(
        bytes32 indexed deviceId,
        address indexed owner,
        int32 latMicroDeg,
        int32 lonMicroDeg,
        uint64 capacityW,
        uint32 emissionFactorGPerKWh,
        uint32 ownerFromDay
    );
    /// @notice Device `deviceId` was deactivated: it can no longer be reported.
    event DeviceDeactivated(bytes32 indexed deviceId);
    /// @notice Device `deviceId` was reactivated: its days that were never reported can be reported again.
    event DeviceActivated(bytes32 indexed deviceId);
    /// @notice `signer` became an oracle signer.
    event SignerAdded(address indexed signer);
    /// @notice `signer` is no longer an oracle signer.
    event SignerRemoved(address indexed signer);
    /// @notice The number of signatures required per batch is now `quorum` (of `signerCount` signers).
    event QuorumUpdated(uint256 quorum, uint256 signerCount);
    /// @notice Device `deviceId`'s day `day` was reported (owner `owner`). For Verified, `co2Grams` were
    /// added to `owner`'s contribution in pool period `periodId` (0 for Flagged / Pending).
    /// `supersedesPending`: the day had a Pending report, which this final status replaces.
    event ReportSubmitted(
        bytes32 indexed deviceId,
        uint32 indexed day,
        address indexed owner,
        ReportStatus status,
        uint64 energyWh,
        uint64 co2Grams,
        uint16 correlationBps,
        bytes32 evidenceHash,
        uint256 periodId,
        bool supersedesPending
    );
    /// @notice A batch with EIP-712 digest `digest` was relayed by `relayer`: `count` reports, of which
    /// `verifiedGrams` grams of CO2 were credited to pool period `periodId` (0 if none were Verified).
    event BatchSubmitted(
        bytes32 indexed digest,
        address indexed relayer,
        uint256 count,
        uint256 verifiedGrams,
        uint256 periodId
    );

    // ───────────────────────────── errors ─────────────────────────────

    /// @notice A constructor address (`what`: "pool", "signer") is zero.
    error MRVOracleInvalidAddress(string what, address value);
    /// @notice The device id is zero.
    error MRVOracleInvalidDeviceId(bytes32 deviceId);
    /// @notice The device `deviceId` is already registered.
    error MRVOracleDeviceExists(bytes32 deviceId);
    /// @notice No device `deviceId` is registered.
    error MRVOracleUnknownDevice(bytes32 deviceId);
    /// @notice Device `deviceId` is deactivated.
    error MRVOracleDeviceInactive(bytes32 deviceId);
    /// @notice Device `deviceId` is already active (it cannot be activated again).
    error MRVOracleDeviceActive(bytes32 deviceId);
    /// @notice The device owner is the zero address.
    error MRVOracleInvalidOwner(address owner);
    /// @notice The location is out of range (|lat| ≤ 90e6, |lon| ≤ 180e6 microdegrees).
    error MRVOracleInvalidLocation(int32 latMicroDeg, int32 lonMicroDeg);
    /// @notice The capacity is 0 or above `max` watts.
    error MRVOracleInvalidCapacity(uint64 capacityW, uint256 max);
    /// @notice The emission factor is 0 or above `max` g CO2 per kWh.
    error MRVOracleInvalidEmissionFactor(uint32 emissionFactorGPerKWh, uint256 max);
    /// @notice The signer address is zero.
    error MRVOracleInvalidSigner(address signer);
    /// @notice `signer` is already an oracle signer.
    error MRVOracleSignerExists(address signer);
    /// @notice `signer` is not an oracle signer.
    error MRVOracleNotSigner(address signer);
    /// @notice Adding a signer would exceed `max` signers.
    error MRVOracleTooManySigners(uint256 max);
    /// @notice `quorum` is 0 or above the `signerCount` signers (also when a removal would leave fewer
    /// signers than the quorum).
    error MRVOracleInvalidQuorum(uint256 quorum, uint256 signerCount);
    /// @notice The batch holds no reports.
    error MRVOracleEmptyBatch();
    /// @notice The batch holds `count` reports, more than `max`.
    error MRVOracleBatchTooLarge(uint256 count, uint256 max);
    /// @notice The signature deadline `deadline` (unix seconds) is before now `nowTime`.
    error MRVOracleSignatureExpired(uint256 deadline, uint256 nowTime);
    /// @notice `count` signatures were given; `quorum` are required.
    error MRVOracleQuorumNotMet(uint256 count, uint256 quorum);
    /// @notice Signature `index` is malformed (not a valid ECDSA signature).
    error MRVOracleInvalidSignature(uint256 index);
    /// @notice Signature `index` recovers to `signer`, which is not an oracle signer (a wrong key, or any
    /// change of the signed batch or deadline).
    error MRVOracleUnknownSigner(uint256 index, address signer);
    /// @notice Signature `index` recovers to `signer`, not above the previous signer `previous`
    /// (signatures must be ordered by strictly ascending signer address; a duplicate is rejected).
    error MRVOracleSignersNotAscending(uint256 index, address signer, address previous);
    /// @notice Report `index` has status None.
    error MRVOracleInvalidStatus(uint256 index, ReportStatus status);
    /// @notice Report `index` has a zero evidence hash.
    error MRVOracleMissingEvidence(uint256 index);
    /// @notice Report `index` gives a correlation `correlationBps` above 10 000 bps.
    error MRVOracleInvalidCorrelation(uint256 index, uint16 correlationBps);
    /// @notice Device `deviceId`'s day `day` has not ended: it is not before the current UTC day `currentDay`.
    error MRVOracleDayNotOver(bytes32 deviceId, uint32 day, uint256 currentDay);
    /// @notice Device `deviceId`'s day `day` already has status `status`: a final one (Verified, Flagged),
    /// or Pending and the new report is Pending too (earlier, or earlier in the same batch).
    error MRVOracleAlreadyReported(bytes32 deviceId, uint32 day, ReportStatus status);
    /// @notice Report `index` names owner `owner`; device `deviceId`'s owner for day `day` is `expected`.
    error MRVOracleWrongOwner(uint256 index, bytes32 deviceId, uint32 day, address owner, address expected);
    /// @notice Device `deviceId`'s day `day` is before `firstDay`, the first day of the owner history it
    /// keeps (its owner was changed twice since): the day can no longer be reported.
    error MRVOracleOwnerUnknown(bytes32 deviceId, uint32 day, uint32 firstDay);
    /// @notice {registerDevice}: `max` devices are registered already.
    error MRVOracleTooManyDevices(uint256 max);
    /// @notice Device `deviceId`'s day `day` reports `energyWh`, above its capacity × 24 h = `maxWh`.
    error MRVOracleEnergyAboveCapacity(bytes32 deviceId, uint32 day, uint64 energyWh, uint256 maxWh);
    /// @notice Device `deviceId`'s day `day` reports `co2Grams`; floor(energyWh × factor / 1000) is `expected`.
    error MRVOracleCo2Mismatch(bytes32 deviceId, uint32 day, uint64 co2Grams, uint256 expected);
    /// @notice A report (any status) of device `deviceId` for day `day` does not fall inside the pool's open
    /// period `periodId` [`start`, `end`] (unix seconds; `periodId` 0: no period is open).
    error MRVOracleDayOutsideOpenPeriod(bytes32 deviceId, uint32 day, uint256 periodId, uint256 start, uint256 end);

    // ───────────────────────────── devices ─────────────────────────────

    /// @notice Registers device `deviceId` (active).
    /// @dev Caller: DEVICE_REGISTRAR_ROLE. Emits {DeviceRegistered}.
    /// Reverts: MRVOracleInvalidDeviceId (zero), MRVOracleDeviceExists, MRVOracleInvalidOwner,
    /// MRVOracleInvalidLocation, MRVOracleInvalidCapacity, MRVOracleInvalidEmissionFactor,
    /// MRVOracleTooManyDevices (2^24 devices registered), AccessControlUnauthorizedAccount.
    /// @param deviceId The device id, e.g. keccak256 of the inverter's SOURCE_KEY (not zero).
    /// @param input The device's fields (units in {DeviceInput}).
    function registerDevice(bytes32 deviceId, DeviceInput calldata input) external;

    /// @notice Replaces the fields of device `deviceId` (owner, location, capacity, emission factor); its
    /// active flag and its past reports are unchanged. Later reports use the new location, capacity and
    /// factor. A new owner is credited only for the days from the UTC day after this call
    /// (`ownerFromDay = today + 1`); the days up to today keep the previous owner, so reports already
    /// signed for them (naming that owner) stay valid and cannot be redirected. The device keeps two
    /// owners: a second owner change once the first has taken effect makes the days before the first
    /// change unreportable (MRVOracleOwnerUnknown) — post them first. A second change the same day (before
    /// the first took effect) just corrects the new owner.
    /// @dev Caller: DEVICE_REGISTRAR_ROLE. Emits {DeviceUpdated} (with `ownerFromDay`).
    /// Reverts: MRVOracleUnknownDevice, MRVOracleInvalidOwner, MRVOracleInvalidLocation,
    /// MRVOracleInvalidCapacity, MRVOracleInvalidEmissionFactor, AccessControlUnauthorizedAccount.
    function updateDevice(bytes32 deviceId, DeviceInput calldata input) external;

    /// @notice Deactivates device `deviceId`: no more reports are accepted for it until {activateDevice} (past
    /// ones stay).
    /// @dev Caller: DEVICE_REGISTRAR_ROLE. Emits {DeviceDeactivated}.
    /// Reverts: MRVOracleUnknownDevice, MRVOracleDeviceInactive (already), AccessControlUnauthorizedAccount.
    function deactivateDevice(bytes32 deviceId) external;

    /// @notice Reactivates device `deviceId` after {deactivateDevice} (e.g. an inverter back from repair):
    /// reports are accepted for it again. Its fields (owner, location, capacity in W, emission factor in
    /// g CO2/kWh) are kept — call {updateDevice} first if they changed — and its past reports stay: a
    /// device-day already reported is still refused (MRVOracleAlreadyReported), so reactivation cannot
    /// double count. Days of the inactive spell that were never reported may be reported (each once).
    /// @dev Caller: DEVICE_REGISTRAR_ROLE. Emits {DeviceActivated}.
    /// Reverts: MRVOracleUnknownDevice (never registered), MRVOracleDeviceActive (already active),
    /// AccessControlUnauthorizedAccount.
    /// @param deviceId The device to reactivate.
    function activateDevice(bytes32 deviceId) external;

    // ───────────────────────────── signers ─────────────────────────────

    /// @notice Adds oracle signer `signer` (the quorum is unchanged).
    /// @dev Caller: DEFAULT_ADMIN_ROLE. Emits {SignerAdded}.
    /// Reverts: MRVOracleInvalidSigner (zero), MRVOracleSignerExists, MRVOracleTooManySigners,
    /// AccessControlUnauthorizedAccount.
    function addSigner(address signer) external;

    /// @notice Removes oracle signer `signer`. The remaining signers must still reach the quorum (lower it
    /// first with {setQuorum}).
    /// @dev Caller: DEFAULT_ADMIN_ROLE. Emits {SignerRemoved}.
    /// Reverts: MRVOracleNotSigner, MRVOracleInvalidQuorum (signer count would drop below the quorum),
    /// AccessControlUnauthorizedAccount.
    function removeSigner(address signer) external;

    /// @notice Sets the number of distinct oracle signatures a batch needs (M of the N signers).
    /// @dev Caller: DEFAULT_ADMIN_ROLE. Emits {QuorumUpdated}.
    /// Reverts: MRVOracleInvalidQuorum (0 or > signer count), AccessControlUnauthorizedAccount.
    function setQuorum(uint256 quorum) external;

    // ───────────────────────────── reports ─────────────────────────────

    /// @notice Applies a signed batch of device-day reports, all or nothing. For each report, in order:
    /// the device must be registered and active; `owner` must be the device's owner for the day
    /// ({ownerOf}); the day must have ended (`day < block.timestamp / 1 days`) and lie inside the pool's
    /// open period (whatever the status); the day must have no status yet, or be Pending and the new
    /// status final (Verified or Flagged: a Pending day is superseded once); status not None; evidence
    /// hash not zero; correlation ≤ 10 000 bps; energy ≤ capacity × 24 Wh; `co2Grams == floor(energyWh ×
    /// emissionFactorGPerKWh / 1000)`. A Verified report's grams are added to its owner's contribution in
    /// the open period (consecutive Verified reports of the same owner are summed into one pool call);
    /// Flagged and Pending reports are recorded for audit only.
    /// @dev Caller: anyone (a relayer); the authority is the signatures: at least `quorum` EIP-712
    /// signatures over `SubmitReports(reports, deadline)` by distinct oracle signers, in strictly ascending
    /// signer order. Not while paused. nonReentrant. Emits {ReportSubmitted} per report, then
    /// {BatchSubmitted} (and the pool's ContributionRecorded).
    /// Reverts: MRVOracleEmptyBatch, MRVOracleBatchTooLarge, MRVOracleSignatureExpired,
    /// MRVOracleQuorumNotMet, MRVOracleInvalidSignature, MRVOracleUnknownSigner,
    /// MRVOracleSignersNotAscending, MRVOracleUnknownDevice, MRVOracleDeviceInactive, MRVOracleWrongOwner,
    /// MRVOracleOwnerUnknown, MRVOracleDayNotOver, MRVOracleAlreadyReported, MRVOracleInvalidStatus,
    /// MRVOracleMissingEvidence, MRVOracleInvalidCorrelation, MRVOracleEnergyAboveCapacity, MRVOracleCo2Mismatch,
    /// MRVOracleDayOutsideOpenPeriod, the pool's CarbonPoolNotMember (owner not an active member) /
    /// EnforcedPause / CarbonPoolGramsOverflow, EnforcedPause, ReentrancyGuardReentrantCall.
    /// @param reports The reports (1..MAX_BATCH_SIZE).
    /// @param deadline Last unix second at which the signatures are valid.
    /// @param signatures 65-byte ECDSA signatures of the batch digest ({hashBatch}), ascending by signer.
    function submitReports(Report[] calldata reports, uint256 deadline, bytes[] calldata signatures) external;

    /// @notice Stops {submitReports}. Caller: PAUSER_ROLE. Emits Paused.
    /// Reverts: EnforcedPause, AccessControlUnauthorizedAccount.
    function pause() external;

    /// @notice Resumes {submitReports}. Caller: PAUSER_ROLE. Emits Unpaused.
    /// Reverts: ExpectedPause, AccessControlUnauthorizedAccount.
    function unpause() external;

    // ───────────────────────────── views ─────────────────────────────

    /// @notice The CarbonPool credited with Verified reports.
    function pool() external view returns (address);

    /// @notice Device `deviceId` (all zero when unknown).
    function getDevice(bytes32 deviceId) external view returns (Device memory);

    /// @notice The state of device `deviceId` on UTC day `day` (status None when not reported). The
    /// report's values are in its {ReportSubmitted} event (filter on `deviceId` and `day`).
    function getReport(bytes32 deviceId, uint32 day) external view returns (ReportRecord memory);

    /// @notice The owner a report of device `deviceId` for UTC day `day` must name: the current owner from
    /// `ownerFromDay` on, the previous owner before it (see {Device}).
    /// Reverts: MRVOracleUnknownDevice, MRVOracleOwnerUnknown (day before the kept owner history).
    function ownerOf(bytes32 deviceId, uint32 day) external view returns (address);

    /// @notice Whether device `deviceId`'s UTC day `day` has been reported (any status).
    function isReported(bytes32 deviceId, uint32 day) external view returns (bool);

    /// @notice Whether `account` is an oracle signer.
    function isSigner(address account) external view returns (bool);

    /// @notice Number of oracle signers (N).
    function signerCount() external view returns (uint256);

    /// @notice Signatures a batch needs (M).
    function quorum() external view returns (uint256);

    /// @notice The EIP-712 digest the signers sign for `reports` and `deadline` (domain included).
    function hashBatch(Report[] calldata reports, uint256 deadline) external view returns (bytes32);
}
