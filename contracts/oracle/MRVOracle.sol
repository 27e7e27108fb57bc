// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ICarbonPool} from "../interfaces/ICarbonPool.sol";
import {IMRVOracle} from "../interfaces/IMRVOracle.sol";
import {Roles} from "../libraries/Roles.sol";
import {MRVReportVerifier} from "./MRVReportVerifier.sol";

/// @title MRVOracle — EIP-712 signed, M-of-N device-day reports of solar inverters (Lumix dMRV engine)
/// @notice See {IMRVOracle}. Holds ORACLE_ROLE on the CarbonPool; every batch is all or nothing and costs
/// O(reports + signatures).
/// The signed-batch verification (EIP-712 digest, M-of-N signer set and quorum) is {MRVReportVerifier}; this
/// contract adds devices, the per-day report records and the hand-over of verified grams to the pool.
contract MRVOracle is MRVReportVerifier, Pausable, ReentrancyGuardTransient {
    /// @notice Role allowed to register, update, deactivate and reactivate devices (see {Roles}).
    bytes32 public constant DEVICE_REGISTRAR_ROLE = Roles.DEVICE_REGISTRAR_ROLE;
    /// @notice Role allowed to pause and unpause (see {Roles}).
    bytes32 public constant PAUSER_ROLE = Roles.PAUSER_ROLE;
    /// @notice Most reports in one batch.
    uint256 public constant MAX_BATCH_SIZE = 100;
    /// @notice Highest accepted emission factor, g CO2 per kWh (10 kg/kWh, far above any fuel's; Lumix dMRV engine
    /// diesel baseline: 1200).
    uint256 public constant MAX_EMISSION_FACTOR = 10_000;
    /// @notice Highest device capacity, watts (1 TW, far above any inverter); fits the 40 bits a device
    /// keeps for it (2^40 ≈ 1.1e12).
    uint256 public constant MAX_CAPACITY_W = 1e12;
    /// @notice Highest correlation, bps (r = 1).
    uint256 public constant MAX_CORRELATION_BPS = 10_000;
    /// @notice Highest |latitude|, microdegrees.
    int32 public constant MAX_LAT_MICRODEG = 90_000_000;
    /// @notice Highest |longitude|, microdegrees.
    int32 public constant MAX_LON_MICRODEG = 180_000_000;
    /// @notice Most devices ever registered (device indexes are 24-bit).
    uint256 public constant MAX_DEVICES = 1 << 24;

    /// @dev Bits per device-day in {_dayStates}: status (2 bits), superseded-Pending flag (1 bit), 1 spare.
    uint256 private constant _STATE_BITS = 4;
    uint256 private constant _STATE_MASK = 0xF;
    uint256 private constant _SUPERSEDED_BIT = 4;
    /// @dev log2 of the devices sharing one state word (64 × 4 bits = 256).
    uint256 private constant _DEVICES_PER_WORD_LOG2 = 6;

    /// @dev What {submitReports} reads of a device: ONE slot (160 + 40 + 16 + 24 + 8 + 8 bits). The casts
    /// at registration cannot truncate: capacity ≤ MAX_CAPACITY_W < 2^40, factor ≤ MAX_EMISSION_FACTOR <
    /// 2^16, index < MAX_DEVICES = 2^24.
    struct DeviceCore {
        address owner;
        uint40 capacityW;
        uint16 emissionFactorGPerKWh;
        uint24 index;
        bool active;
        bool ownerChanged;
    }

    /// @dev The rest of a device: owner history (read by {submitReports} only once the owner was changed)
    /// and location.
    struct DeviceExtra {
        address previousOwner;
        uint32 ownerFromDay;
        uint32 previousOwnerFromDay;
        int32 latMicroDeg;
        int32 lonMicroDeg;
    }

    ICarbonPool private immutable _pool;

    uint256 private _deviceCount;
    mapping(bytes32 deviceId => DeviceCore) private _core;
    mapping(bytes32 deviceId => DeviceExtra) private _extra;
    /// @dev Device-day states, 4 bits each: word `(day << 24) | (index >> 6)`, bits `(index & 63) × 4`.
    mapping(uint256 key => uint256 word) private _dayStates;

    /// @dev Per-batch context kept in memory (avoids stack-too-deep): the current UTC day and the pool's
    /// open period (id 0 and bounds 0 when none is open).
    struct BatchContext {
        uint256 today;
        bool anyVerified;
        uint256 periodId;
        uint256 start;
        uint256 end;
    }

    /// @notice Deploys the oracle with one signer and a 1-of-1 quorum.
    /// @param admin Receives DEFAULT_ADMIN_ROLE (a multisig in production).
    /// @param adminTransferDelay Delay in seconds before a new default admin can accept the role.
    /// @param pool_ The CarbonPool (not zero; reverts MRVOracleInvalidAddress("pool", …)).
    /// @param signer The first oracle signer (not zero; reverts MRVOracleInvalidAddress("signer", …)).
    constructor(
        address admin,
        uint48 adminTransferDelay,
        address pool_,
        address signer
    ) AccessControlDefaultAdminRules(adminTransferDelay, admin) EIP712("OpenTonne MRVOracle", "1") {
        if (pool_ == address(0)) revert MRVOracleInvalidAddress("pool", pool_);
        if (signer == address(0)) revert MRVOracleInvalidAddress("signer", signer);
        _pool = ICarbonPool(pool_);
        _signers[signer] = true;
        _signerCount = 1;
        _quorum = 1;
        emit SignerAdded(signer);
        emit QuorumUpdated(1, 1);
    }

    // ───────────────────────────── devices ─────────────────────────────

    /// @inheritdoc IMRVOracle
    function registerDevice(bytes32 deviceId, DeviceInput calldata input) external onlyRole(DEVICE_REGISTRAR_ROLE) {
        if (deviceId == bytes32(0)) revert MRVOracleInvalidDeviceId(deviceId);
        if (_core[deviceId].owner != address(0)) revert MRVOracleDeviceExists(deviceId);
        _checkDeviceInput(input);
        uint256 index = _deviceCount;
        if (index == MAX_DEVICES) revert MRVOracleTooManyDevices(MAX_DEVICES);
        _deviceCount = index + 1;
        _core[deviceId] = DeviceCore({
            owner: input.owner,
            capacityW: uint40(input.capacityW),
            emissionFactorGPerKWh: uint16(input.emissionFactorGPerKWh),
            index: uint24(index),
            active: true,
            ownerChanged: false
        });
        DeviceExtra storage x = _extra[deviceId];
        x.latMicroDeg = input.latMicroDeg;
        x.lonMicroDeg = input.lonMicroDeg;
        emit DeviceRegistered(
            deviceId,
            input.owner,
            input.latMicroDeg,
            input.lonMicroDeg,
            input.capacityW,
            input.emissionFactorGPerKWh
        );
    }

    /// @inheritdoc IMRVOracle
    function updateDevice(bytes32 deviceId, DeviceInput calldata input) external onlyRole(DEVICE_REGISTRAR_ROLE) {
        DeviceCore storage d = _core[deviceId];
        address current = d.owner;
        if (current == address(0)) revert MRVOracleUnknownDevice(deviceId);
        _checkDeviceInput(input);
        DeviceExtra storage x = _extra[deviceId];
        if (input.owner != current) {
            uint256 today = block.timestamp / 1 days;
            // Before the last change took effect (the same day): only correct the new owner. Otherwise the
            // current owner keeps the days up to today and becomes the previous owner.
            if (!d.ownerChanged || x.ownerFromDay <= today) {
                x.previousOwner = current;
                x.previousOwnerFromDay = x.ownerFromDay;
                // UTC day numbers fit 32 bits until the year 11 million.
                x.ownerFromDay = uint32(today + 1);
                d.ownerChanged = true;
            }
            d.owner = input.owner;
        }
        d.capacityW = uint40(input.capacityW);
        d.emissionFactorGPerKWh = uint16(input.emissionFactorGPerKWh);
        x.latMicroDeg = input.latMicroDeg;
        x.lonMicroDeg = input.lonMicroDeg;
        emit DeviceUpdated(
            deviceId,
            input.owner,
            input.latMicroDeg,
            input.lonMicroDeg,
            input.capacityW,
            input.emissionFactorGPerKWh,
            x.ownerFromDay
        );
    }

    /// @inheritdoc IMRVOracle
    function deactivateDevice(bytes32 deviceId) external onlyRole(DEVICE_REGISTRAR_ROLE) {
        DeviceCore storage d = _core[deviceId];
        if (d.owner == address(0)) revert MRVOracleUnknownDevice(deviceId);
        if (!d.active) revert MRVOracleDeviceInactive(deviceId);
        d.active = false;
        emit DeviceDeactivated(deviceId);
    }

    /// @inheritdoc IMRVOracle
    function activateDevice(bytes32 deviceId) external onlyRole(DEVICE_REGISTRAR_ROLE) {
        DeviceCore storage d = _core[deviceId];
        if (d.owner == address(0)) revert MRVOracleUnknownDevice(deviceId);
        if (d.active) revert MRVOracleDeviceActive(deviceId);
        d.active = true;
        emit DeviceActivated(deviceId);
    }

    // ───────────────────────────── reports ─────────────────────────────

    /// @inheritdoc IMRVOracle
    function submitReports(
        Report[] calldata reports,
        uint256 deadline,
        bytes[] calldata signatures
    ) external whenNotPaused nonReentrant {
        uint256 n = reports.length;
        if (n == 0) revert MRVOracleEmptyBatch();
        if (n > MAX_BATCH_SIZE) revert MRVOracleBatchTooLarge(n, MAX_BATCH_SIZE);
        if (block.timestamp > deadline) revert MRVOracleSignatureExpired(deadline, block.timestamp);
        bytes32 digest = _hashBatch(reports, deadline);
        _checkSignatures(digest, signatures);

        BatchContext memory ctx;
        ctx.today = block.timestamp / 1 days;
        _loadPeriod(ctx);
        // Verified grams per run of consecutive reports of the same owner: one pool call per run.
        address[] memory owners = new address[](n);
        uint256[] memory grams = new uint256[](n);
        uint256 runs;
        uint256 verifiedGrams;
        for (uint256 i; i < n; ++i) {
            Report calldata r = reports[i];
            _record(i, r, ctx);
            if (r.status == ReportStatus.Verified && r.co2Grams != 0) {
                address owner = r.owner;
                if (runs == 0 || owners[runs - 1] != owner) owners[runs++] = owner;
                grams[runs - 1] += r.co2Grams;
                verifiedGrams += r.co2Grams;
            }
        }
        // Interactions last: every report is checked and stored before the (trusted) pool is called.
        for (uint256 k; k < runs; ++k) {
            _pool.recordContribution(owners[k], ctx.periodId, grams[k]);
        }
        emit BatchSubmitted(digest, msg.sender, n, verifiedGrams, ctx.anyVerified ? ctx.periodId : 0);
    }

    /// @inheritdoc IMRVOracle
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc IMRVOracle
    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc IMRVOracle
    function pool() external view returns (address) {
        return address(_pool);
    }

    /// @inheritdoc IMRVOracle
    function getDevice(bytes32 deviceId) external view returns (Device memory device) {
        DeviceCore memory d = _core[deviceId];
        DeviceExtra memory x = _extra[deviceId];
        device = Device({
            owner: d.owner,
            latMicroDeg: x.latMicroDeg,
            lonMicroDeg: x.lonMicroDeg,
            active: d.active,
            capacityW: d.capacityW,
            emissionFactorGPerKWh: d.emissionFactorGPerKWh,
            ownerFromDay: x.ownerFromDay,
            previousOwner: x.previousOwner,
            previousOwnerFromDay: x.previousOwnerFromDay
        });
    }

    /// @inheritdoc IMRVOracle
    function getReport(bytes32 deviceId, uint32 day) external view returns (ReportRecord memory record) {
        DeviceCore memory d = _core[deviceId];
        if (d.owner == address(0)) return record;
        (uint256 key, uint256 shift) = _stateSlot(d.index, day);
        uint256 state = (_dayStates[key] >> shift) & _STATE_MASK;
        record.status = ReportStatus(state & 3);
        record.supersededPending = state & _SUPERSEDED_BIT != 0;
    }

    /// @inheritdoc IMRVOracle
    function isReported(bytes32 deviceId, uint32 day) external view returns (bool) {
        DeviceCore memory d = _core[deviceId];
        if (d.owner == address(0)) return false;
        (uint256 key, uint256 shift) = _stateSlot(d.index, day);
        return (_dayStates[key] >> shift) & 3 != 0;
    }

    /// @inheritdoc IMRVOracle
    function ownerOf(bytes32 deviceId, uint32 day) external view returns (address) {
        DeviceCore memory d = _core[deviceId];
        if (d.owner == address(0)) revert MRVOracleUnknownDevice(deviceId);
        return _ownerOn(deviceId, d, day);
    }

    // ───────────────────────────── internal ─────────────────────────────

    /// @dev Validates a device's registration fields.
    function _checkDeviceInput(DeviceInput calldata input) private pure {
        if (input.owner == address(0)) revert MRVOracleInvalidOwner(input.owner);
        if (
            input.latMicroDeg > MAX_LAT_MICRODEG ||
            input.latMicroDeg < -MAX_LAT_MICRODEG ||
            input.lonMicroDeg > MAX_LON_MICRODEG ||
            input.lonMicroDeg < -MAX_LON_MICRODEG
        ) revert MRVOracleInvalidLocation(input.latMicroDeg, input.lonMicroDeg);
        if (input.capacityW == 0 || input.capacityW > MAX_CAPACITY_W) {
            revert MRVOracleInvalidCapacity(input.capacityW, MAX_CAPACITY_W);
        }
        if (input.emissionFactorGPerKWh == 0 || input.emissionFactorGPerKWh > MAX_EMISSION_FACTOR) {
            revert MRVOracleInvalidEmissionFactor(input.emissionFactorGPerKWh, MAX_EMISSION_FACTOR);
        }
    }

    /// @dev The owner of day `day` of device `deviceId` (core `d`): see {IMRVOracle-ownerOf}.
    function _ownerOn(bytes32 deviceId, DeviceCore memory d, uint32 day) private view returns (address) {
        if (!d.ownerChanged) return d.owner;
        DeviceExtra storage x = _extra[deviceId];
        if (day >= x.ownerFromDay) return d.owner;
        uint32 first = x.previousOwnerFromDay;
        if (day < first) revert MRVOracleOwnerUnknown(deviceId, day, first);
        return x.previousOwner;
    }

    /// @dev The state word key of device index `index` on day `day`, and the bit offset of its 4 bits.
    function _stateSlot(uint256 index, uint32 day) private pure returns (uint256 key, uint256 shift) {
        key = (uint256(day) << 24) | (index >> _DEVICES_PER_WORD_LOG2);
        shift = (index & ((1 << _DEVICES_PER_WORD_LOG2) - 1)) * _STATE_BITS;
    }

    /// @dev Checks report `i`, stores its state and emits {ReportSubmitted}.
    function _record(uint256 i, Report calldata r, BatchContext memory ctx) private {
        bytes32 deviceId = r.deviceId;
        uint32 day = r.day;
        DeviceCore memory d = _core[deviceId];
        if (d.owner == address(0)) revert MRVOracleUnknownDevice(deviceId);
        if (!d.active) revert MRVOracleDeviceInactive(deviceId);
        if (day >= ctx.today) revert MRVOracleDayNotOver(deviceId, day, ctx.today);
        {
            address expected = _ownerOn(deviceId, d, day);
            if (r.owner != expected) revert MRVOracleWrongOwner(i, deviceId, day, r.owner, expected);
        }
        ReportStatus status = r.status;
        if (status == ReportStatus.None) revert MRVOracleInvalidStatus(i, status);
        if (r.evidenceHash == bytes32(0)) revert MRVOracleMissingEvidence(i);
        if (r.correlationBps > MAX_CORRELATION_BPS) revert MRVOracleInvalidCorrelation(i, r.correlationBps);
        {
            uint256 maxWh = uint256(d.capacityW) * 24;
            if (r.energyWh > maxWh) revert MRVOracleEnergyAboveCapacity(deviceId, day, r.energyWh, maxWh);
            // Cannot overflow: energyWh < 2^64 and the factor < 2^16.
            uint256 expectedCo2 = (uint256(r.energyWh) * d.emissionFactorGPerKWh) / 1000;
            if (r.co2Grams != expectedCo2) revert MRVOracleCo2Mismatch(deviceId, day, r.co2Grams, expectedCo2);
        }
        // Every status: only days a Verified report could still be posted for (inside the open period).
        {
            uint256 dayStart = uint256(day) * 1 days;
            if (ctx.periodId == 0 || dayStart < ctx.start || dayStart + (1 days - 1) > ctx.end) {
                revert MRVOracleDayOutsideOpenPeriod(deviceId, day, ctx.periodId, ctx.start, ctx.end);
            }
        }
        bool supersedes = _setState(deviceId, d.index, day, status);
        if (status == ReportStatus.Verified) ctx.anyVerified = true;
        emit ReportSubmitted(
            deviceId,
            day,
            r.owner,
            status,
            r.energyWh,
            r.co2Grams,
            r.correlationBps,
            r.evidenceHash,
            status == ReportStatus.Verified ? ctx.periodId : 0,
            supersedes
        );
    }

    /// @dev Sets device-day (`index`, `day`) to `status`: allowed when it has no status, or is Pending and
    /// `status` is final (then the superseded flag is set and true returned).
    function _setState(
        bytes32 deviceId,
        uint256 index,
        uint32 day,
        ReportStatus status
    ) private returns (bool supersedes) {
        (uint256 key, uint256 shift) = _stateSlot(index, day);
        uint256 word = _dayStates[key];
        ReportStatus previous = ReportStatus((word >> shift) & 3);
        uint256 state = uint256(status);
        if (previous != ReportStatus.None) {
            if (previous != ReportStatus.Pending || status == ReportStatus.Pending) {
                revert MRVOracleAlreadyReported(deviceId, day, previous);
            }
            supersedes = true;
            state |= _SUPERSEDED_BIT;
        }
        _dayStates[key] = (word & ~(_STATE_MASK << shift)) | (state << shift);
    }

    /// @dev Reads the pool's open period (id 0 and bounds 0 when none is open).
    function _loadPeriod(BatchContext memory ctx) private view {
        uint256 periodId = _pool.openPeriodId();
        ctx.periodId = periodId;
        if (periodId != 0) {
            ICarbonPool.Period memory p = _pool.getPeriod(periodId);
            ctx.start = p.start;
            ctx.end = p.end;
        }
    }
}
