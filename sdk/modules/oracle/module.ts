/**
 * `oracle` — devices and signed device-day reports (`MRVOracle`, seed 004).
 *
 * Units: energy in watt-hours (Wh); CO2 in grams; emission factors in g CO2 per kWh; capacity in watts
 * (AC rating); correlation in basis points (Pearson r × 10,000); location in microdegrees (degrees ×
 * 1e6, WGS 84); days as UTC day numbers (days since 1970-01-01); deadlines in unix seconds.
 *
 * Ownership: every report names the owner it credits (`owner`, signed); it must be the device's owner for
 * that day ({@link OracleModule.ownerOf}). An owner change applies from the UTC day after it, so earlier
 * days (and reports signed for them) keep the previous owner. A `Pending` day may be superseded once by a
 * final status (`Verified` / `Flagged`) in a later signed batch; every report's day must lie inside the
 * pool's open period.
 *
 * Signing: oracle signers sign a batch `{ reports, deadline }` with EIP-712 ({@link MRV_EIP712_TYPES},
 * domain {@link mrvDomain}); {@link OracleModule.signReports} does it with ethers `Signer`s and orders the
 * signatures by ascending signer address as the contract requires; anyone may then relay the batch with
 * {@link OracleModule.submitReports}. Roles: DEVICE_REGISTRAR_ROLE (devices), DEFAULT_ADMIN_ROLE
 * (signers, quorum), PAUSER_ROLE.
 *
 * (This module is the on-chain client. The off-chain verification pipeline lives in `oracle/src/lib/`, a
 * separate Node-only library.)
 */
import { TypedDataEncoder, getAddress, isHexString, type Signer, type TypedDataDomain } from "ethers";
import type { MRVOracle } from "../../../typechain-types";
import { InvalidArgumentError } from "../../errors/base";
import { Module, type TxResult, type WriteOptions } from "../../internal/module";
import * as check from "../../internal/validate";
import { mrvDomain, reportMessage, MRV_EIP712_TYPES } from "./eip712";
import { BYTES32_ZERO, REPORT_STATUS_NAMES, ZERO_ADDRESS, blockNumber, bytes32, dayNumber, deviceInput } from "./inputs";
import type { OracleDevice, OracleDeviceInput, OracleReportInput, OracleReportRecord, SubmitReportsResult, SubmittedReport, EventPosition } from "./types";
import { fromMicroDegrees } from "./values";

/** The `oracle` module: see the file header. */
export class OracleModule extends Module<MRVOracle> {
  // ───────────── reads ─────────────

  /** The EIP-712 domain this oracle's signers sign under (from the connection; no call). */
  get domain(): TypedDataDomain {
    return mrvDomain(this.ctx.chainId, this.ctx.addresses.oracle);
  }

  /** The EIP-712 domain as the contract reports it (ERC-5267 `eip712Domain()`); equals {@link OracleModule.domain}. */
  async eip712Domain(): Promise<TypedDataDomain> {
    const d = await this.read("eip712Domain", () => this.contract.eip712Domain());
    return { name: d.name, version: d.version, chainId: d.chainId, verifyingContract: getAddress(d.verifyingContract) };
  }

  /** The CarbonPool credited with Verified reports. */
  async pool(): Promise<string> {
    return this.read("pool", () => this.contract.pool());
  }

  /** Whether report submission is paused. */
  async paused(): Promise<boolean> {
    return this.read("paused", () => this.contract.paused());
  }

  /**
   * Device `deviceId`, or `undefined` when none is registered (the contract returns an all-zero record).
   * @throws {@link InvalidArgumentError} unless `deviceId` is a bytes32 hex string.
   */
  async getDevice(deviceId: string): Promise<OracleDevice | undefined> {
    const id = bytes32("deviceId", deviceId, false);
    const d = await this.read("getDevice", () => this.contract.getDevice(id));
    if (d.owner === "0x0000000000000000000000000000000000000000") return undefined;
    const lat = Number(d.latMicroDeg);
    const lon = Number(d.lonMicroDeg);
    return {
      id,
      owner: d.owner,
      latMicroDeg: lat,
      lonMicroDeg: lon,
      latitude: fromMicroDegrees(lat),
      longitude: fromMicroDegrees(lon),
      active: d.active,
      capacityW: d.capacityW,
      emissionFactorGPerKWh: d.emissionFactorGPerKWh,
      maxDailyEnergyWh: d.capacityW * 24n,
      ownerFromDay: Number(d.ownerFromDay),
      previousOwner: d.previousOwner,
      previousOwnerFromDay: Number(d.previousOwnerFromDay),
    };
  }

  /**
   * The owner a report of device `deviceId` for `day` (UTC day number or a `Date` inside it) must name:
   * the current owner from `ownerFromDay` on, the previous owner before.
   * @throws {@link InvalidArgumentError} on a malformed id or day; `MRVOracleUnknownDeviceError`,
   * `MRVOracleOwnerUnknownError` (a day before the owner history the device keeps).
   */
  async ownerOf(deviceId: string, day: number | Date): Promise<string> {
    const id = bytes32("deviceId", deviceId, false);
    const d = dayNumber("day", day);
    return this.read("ownerOf", () => this.contract.ownerOf(id, d));
  }

  /**
   * The record of device `deviceId` on `day` (a UTC day number, or a `Date` inside the day): its on-chain
   * state (`getReport`) and, when reported, the values of the `ReportSubmitted` event that gave it that
   * state (one log query filtered on device and day). Status `"None"`, `reported: false` and zero values
   * when the day was not reported.
   */
  async getReport(deviceId: string, day: number | Date): Promise<OracleReportRecord> {
    const id = bytes32("deviceId", deviceId, false);
    const d = dayNumber("day", day);
    const r = await this.read("getReport", () => this.contract.getReport(id, d));
    const status = REPORT_STATUS_NAMES[Number(r.status)];
    const base = { deviceId: id, day: d, status, reported: status !== "None", supersededPending: r.supersededPending };
    if (status === "None") {
      return { ...base, owner: ZERO_ADDRESS, correlationBps: 0, energyWh: 0n, co2Grams: 0n, evidenceHash: BYTES32_ZERO, evidencePrefix: BYTES32_ZERO.slice(0, 34), periodId: 0n };
    }
    const logs = await this.queryEvents("getReport", this.contract.filters.ReportSubmitted(id, d));
    const e = logs[logs.length - 1];
    if (!e) throw new InvalidArgumentError("deviceId", id, `day ${d} is ${status} on-chain but its ReportSubmitted event is outside the scanned block range`);
    return {
      ...base,
      owner: e.args.owner,
      correlationBps: Number(e.args.correlationBps),
      energyWh: e.args.energyWh,
      co2Grams: e.args.co2Grams,
      evidenceHash: e.args.evidenceHash,
      evidencePrefix: e.args.evidenceHash.slice(0, 34),
      periodId: e.args.periodId,
    };
  }

  /** Whether device `deviceId`'s `day` (UTC day number or a `Date` inside it) was reported, any status. */
  async isReported(deviceId: string, day: number | Date): Promise<boolean> {
    const id = bytes32("deviceId", deviceId, false);
    const d = dayNumber("day", day);
    return this.read("isReported", () => this.contract.isReported(id, d));
  }

  /** Whether `account` is an oracle signer. */
  async isSigner(account: string): Promise<boolean> {
    const a = check.address("account", account);
    return this.read("isSigner", () => this.contract.isSigner(a));
  }

  /** Number of oracle signers (N). */
  async signerCount(): Promise<bigint> {
    return this.read("signerCount", () => this.contract.signerCount());
  }

  /** Signatures a batch needs (M). */
  async quorum(): Promise<bigint> {
    return this.read("quorum", () => this.contract.quorum());
  }

  /**
   * The current oracle signers, ascending by address: replayed from `SignerAdded` / `SignerRemoved`
   * events since the deployment block, then confirmed with `isSigner`.
   */
  async listSigners(): Promise<string[]> {
    const [added, removed] = await Promise.all([
      this.queryEvents("listSigners", this.contract.filters.SignerAdded()),
      this.queryEvents("listSigners", this.contract.filters.SignerRemoved()),
    ]);
    return this.read("listSigners", async () => {
      const candidates = new Set<string>();
      for (const e of [...added, ...removed]) candidates.add(getAddress(e.args.signer));
      const flags = await Promise.all([...candidates].map((a) => this.contract.isSigner(a)));
      return [...candidates].filter((_, i) => flags[i]).sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1));
    });
  }

  /**
   * The EIP-712 digest the signers sign for `reports` and `deadline`, as the contract computes it.
   * @throws {@link InvalidArgumentError} on a malformed report or deadline.
   */
  async hashBatch(reports: readonly OracleReportInput[], deadline: Date | number | bigint): Promise<string> {
    const msg = reportMessage(reports);
    const d = check.unixSeconds("deadline", deadline);
    return this.read("hashBatch", () => this.contract.hashBatch([...msg], d));
  }

  /** The same digest computed locally (no call): `TypedDataEncoder.hash(domain, MRV_EIP712_TYPES, { reports, deadline })`. */
  batchDigest(reports: readonly OracleReportInput[], deadline: Date | number | bigint): string {
    const msg = reportMessage(reports);
    const d = check.unixSeconds("deadline", deadline);
    return TypedDataEncoder.hash(this.domain, MRV_EIP712_TYPES, { reports: msg, deadline: d });
  }

  /**
   * Past reports from `ReportSubmitted` events (all statuses), oldest first, optionally only those of
   * `deviceId` and / or `owner`, in blocks `fromBlock` (default: the deployment block) to `toBlock`
   * (default: latest). Each carries the block number and transaction hash it was submitted in.
   * @throws {@link InvalidArgumentError} on a malformed device id or owner.
   */
  async reportHistory(
    filter: { readonly deviceId?: string; readonly owner?: string; readonly fromBlock?: number; readonly toBlock?: number } = {},
  ): Promise<Array<SubmittedReport & EventPosition>> {
    const deviceId = filter.deviceId === undefined ? undefined : bytes32("filter.deviceId", filter.deviceId, false);
    const owner = filter.owner === undefined ? undefined : check.address("filter.owner", filter.owner);
    const from = filter.fromBlock === undefined ? undefined : blockNumber("filter.fromBlock", filter.fromBlock);
    const to = filter.toBlock === undefined ? undefined : blockNumber("filter.toBlock", filter.toBlock);
    const logs = await this.queryEvents("reportHistory", this.contract.filters.ReportSubmitted(deviceId, undefined, owner), from, to);
    return logs.map((e) => ({
      deviceId: e.args.deviceId,
      day: Number(e.args.day),
      owner: e.args.owner,
      status: REPORT_STATUS_NAMES[Number(e.args.status)],
      energyWh: e.args.energyWh,
      co2Grams: e.args.co2Grams,
      correlationBps: Number(e.args.correlationBps),
      evidenceHash: e.args.evidenceHash,
      periodId: e.args.periodId,
      supersedesPending: e.args.supersedesPending,
      blockNumber: e.blockNumber,
      transactionHash: e.transactionHash,
    }));
  }

  // ───────────── signing (off-chain) ─────────────

  /**
   * Signs `{ reports, deadline }` with EIP-712 by each of `signers` (ethers `Signer`s holding the oracle
   * signer keys) and returns the signatures ordered by strictly ascending signer address, ready for
   * {@link OracleModule.submitReports}. No transaction; works on a read-only connection.
   * @throws {@link InvalidArgumentError} (malformed report, bad deadline, no signers, a signer twice)
   * before anything is signed.
   */
  async signReports(
    reports: readonly OracleReportInput[],
    deadline: Date | number | bigint,
    signers: readonly Signer[],
  ): Promise<string[]> {
    const msg = reportMessage(reports);
    const d = check.unixSeconds("deadline", deadline);
    if (!Array.isArray(signers) || signers.length === 0) throw new InvalidArgumentError("signers", signers, "expected at least one Signer");
    const withAddress = await Promise.all(
      signers.map(async (s, i) => {
        if (!s || typeof s.signTypedData !== "function") throw new InvalidArgumentError(`signers[${i}]`, s, "expected an ethers Signer");
        return { s, a: BigInt(await s.getAddress()) };
      }),
    );
    withAddress.sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : 0));
    for (let i = 1; i < withAddress.length; i++) {
      if (withAddress[i].a === withAddress[i - 1].a) {
        throw new InvalidArgumentError("signers", getAddress(`0x${withAddress[i].a.toString(16).padStart(40, "0")}`), "the same signer is listed twice");
      }
    }
    const domain = this.domain;
    const value = { reports: msg, deadline: d };
    const out: string[] = [];
    for (const { s } of withAddress) out.push(await s.signTypedData(domain, MRV_EIP712_TYPES, value));
    return out;
  }

  // ───────────── writes ─────────────

  /**
   * Relays a signed batch of device-day reports (all or nothing). Caller: anyone; the authority is at
   * least `quorum` signatures of distinct oracle signers, ascending by signer (see {@link OracleModule.signReports}).
   * Verified reports add their grams to the device owner's contribution in the pool's open period.
   * @returns `{ hash, receipt, reports, batch }`: each report as `ReportSubmitted` reports it (owner,
   * status name, credited period) and the `BatchSubmitted` summary (digest, verified grams, period).
   * @throws {@link InvalidArgumentError} (malformed report, bad deadline, no signatures or a non-hex one)
   * before any call; from the contract: `MRVOracleSignatureExpiredError`, `MRVOracleQuorumNotMetError`,
   * `MRVOracleInvalidSignatureError`, `MRVOracleUnknownSignerError`, `MRVOracleSignersNotAscendingError`,
   * `MRVOracleUnknownDeviceError`, `MRVOracleDeviceInactiveError`, `MRVOracleWrongOwnerError` (owner is
   * not the device's owner for the day), `MRVOracleOwnerUnknownError`, `MRVOracleDayNotOverError`,
   * `MRVOracleAlreadyReportedError` (a final status, or Pending over Pending), `MRVOracleEnergyAboveCapacityError`, `MRVOracleCo2MismatchError`,
   * `MRVOracleDayOutsideOpenPeriodError`, the pool's `CarbonPoolNotMemberError` / `EnforcedPauseError`,
   * `EnforcedPauseError`.
   */
  async submitReports(
    reports: readonly OracleReportInput[],
    deadline: Date | number | bigint,
    signatures: readonly string[],
    options?: WriteOptions,
  ): Promise<TxResult<SubmitReportsResult>> {
    const msg = reportMessage(reports);
    const d = check.unixSeconds("deadline", deadline);
    if (!Array.isArray(signatures) || signatures.length === 0) throw new InvalidArgumentError("signatures", signatures, "expected at least one signature");
    signatures.forEach((s, i) => {
      if (typeof s !== "string" || !isHexString(s) || s === "0x") throw new InvalidArgumentError(`signatures[${i}]`, s, "expected 0x-prefixed hex bytes");
    });
    return this.write("submitReports", this.contract.submitReports, [[...msg], d, [...signatures]], (r) => {
      const submitted = this.events(r, "ReportSubmitted").map((e) => ({
        deviceId: e.deviceId as string,
        day: Number(e.day),
        owner: e.owner as string,
        status: REPORT_STATUS_NAMES[Number(e.status)],
        energyWh: e.energyWh as bigint,
        co2Grams: e.co2Grams as bigint,
        correlationBps: Number(e.correlationBps),
        evidenceHash: e.evidenceHash as string,
        periodId: e.periodId as bigint,
        supersedesPending: e.supersedesPending as boolean,
      }));
      const b = this.event(r, "BatchSubmitted");
      return {
        reports: submitted,
        batch: {
          digest: b.digest as string,
          relayer: b.relayer as string,
          count: b.count as bigint,
          verifiedGrams: b.verifiedGrams as bigint,
          periodId: b.periodId as bigint,
        },
      };
    }, options);
  }

  /**
   * Registers device `deviceId` (active). Caller: DEVICE_REGISTRAR_ROLE.
   * @returns `{ hash, receipt, deviceId }`.
   * @throws {@link InvalidArgumentError} (zero or malformed id, malformed owner, location / capacity /
   * emission factor out of range) before any call; `MRVOracleDeviceExistsError`,
   * `MRVOracleInvalidOwnerError` (zero owner), `AccessControlUnauthorizedAccountError`.
   */
  async registerDevice(deviceId: string, input: OracleDeviceInput, options?: WriteOptions): Promise<TxResult<{ deviceId: string }>> {
    const id = bytes32("deviceId", deviceId, true);
    const args = deviceInput(input);
    return this.write("registerDevice", this.contract.registerDevice, [id, args], (r) => ({
      deviceId: this.event(r, "DeviceRegistered").deviceId as string,
    }), options);
  }

  /**
   * Replaces device `deviceId`'s fields (its active flag and past reports are unchanged; later reports use
   * the new location, capacity and factor). A new owner is credited only from the UTC day after this call
   * (`ownerFromDay`); earlier days keep the previous owner. Caller: DEVICE_REGISTRAR_ROLE.
   * @returns `{ hash, receipt, ownerFromDay }` (from `DeviceUpdated`).
   * @throws {@link InvalidArgumentError} as {@link OracleModule.registerDevice}; `MRVOracleUnknownDeviceError`,
   * `MRVOracleInvalidOwnerError`, `AccessControlUnauthorizedAccountError`.
   */
  async updateDevice(deviceId: string, input: OracleDeviceInput, options?: WriteOptions): Promise<TxResult<{ ownerFromDay: number }>> {
    const id = bytes32("deviceId", deviceId, true);
    const args = deviceInput(input);
    return this.write("updateDevice", this.contract.updateDevice, [id, args], (r) => ({
      ownerFromDay: Number(this.event(r, "DeviceUpdated").ownerFromDay),
    }), options);
  }

  /**
   * Deactivates device `deviceId`: no more reports are accepted for it (past ones stay). Caller:
   * DEVICE_REGISTRAR_ROLE.
   * @throws `MRVOracleUnknownDeviceError`, `MRVOracleDeviceInactiveError` (already inactive),
   * `AccessControlUnauthorizedAccountError`.
   */
  async deactivateDevice(deviceId: string, options?: WriteOptions): Promise<TxResult> {
    return this.write("deactivateDevice", this.contract.deactivateDevice, [bytes32("deviceId", deviceId, true)], undefined, options);
  }

  /**
   * Reactivates a deactivated device `deviceId`: reports are accepted again; its fields and past
   * reports are kept, and days already reported stay refused. Caller: DEVICE_REGISTRAR_ROLE.
   * @throws `MRVOracleUnknownDeviceError`, `MRVOracleDeviceActiveError` (already active),
   * `AccessControlUnauthorizedAccountError`.
   */
  async activateDevice(deviceId: string, options?: WriteOptions): Promise<TxResult> {
    return this.write("activateDevice", this.contract.activateDevice, [bytes32("deviceId", deviceId, true)], undefined, options);
  }

  /**
   * Adds oracle signer `signer` (quorum unchanged). Caller: DEFAULT_ADMIN_ROLE.
   * @throws `MRVOracleInvalidSignerError` (zero), `MRVOracleSignerExistsError`, `MRVOracleTooManySignersError`,
   * `AccessControlUnauthorizedAccountError`.
   */
  async addSigner(signer: string, options?: WriteOptions): Promise<TxResult> {
    return this.write("addSigner", this.contract.addSigner, [check.address("signer", signer)], undefined, options);
  }

  /**
   * Removes oracle signer `signer`; the remaining signers must still reach the quorum (lower it first).
   * Caller: DEFAULT_ADMIN_ROLE.
   * @throws `MRVOracleNotSignerError`, `MRVOracleInvalidQuorumError`, `AccessControlUnauthorizedAccountError`.
   */
  async removeSigner(signer: string, options?: WriteOptions): Promise<TxResult> {
    return this.write("removeSigner", this.contract.removeSigner, [check.address("signer", signer)], undefined, options);
  }

  /**
   * Sets the number of distinct signatures a batch needs (M of N). Caller: DEFAULT_ADMIN_ROLE.
   * @returns `{ hash, receipt, quorum, signerCount }` (from `QuorumUpdated`).
   * @throws {@link InvalidArgumentError} when `quorum` ≤ 0 before any call; `MRVOracleInvalidQuorumError`
   * (above the signer count), `AccessControlUnauthorizedAccountError`.
   */
  async setQuorum(quorum: bigint | number, options?: WriteOptions): Promise<TxResult<{ quorum: bigint; signerCount: bigint }>> {
    const q = check.unsigned("quorum", quorum);
    if (q === 0n) throw new InvalidArgumentError("quorum", quorum, "must be at least 1");
    return this.write("setQuorum", this.contract.setQuorum, [q], (r) => {
      const e = this.event(r, "QuorumUpdated");
      return { quorum: e.quorum as bigint, signerCount: e.signerCount as bigint };
    }, options);
  }

  /** Stops report submission. Caller: PAUSER_ROLE. @throws `EnforcedPauseError` when already paused. */
  async pause(options?: WriteOptions): Promise<TxResult> {
    return this.write("pause", this.contract.pause, [], undefined, options);
  }

  /** Resumes report submission. Caller: PAUSER_ROLE. @throws `ExpectedPauseError` when not paused. */
  async unpause(options?: WriteOptions): Promise<TxResult> {
    return this.write("unpause", this.contract.unpause, [], undefined, options);
  }
}
