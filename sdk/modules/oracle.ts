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
import { TypedDataEncoder, getAddress, id as keccakUtf8, isHexString, type Signer, type TypedDataDomain, type TypedDataField } from "ethers";
import type { MRVOracle } from "../../typechain-types";
import type { IMRVOracle } from "../../typechain-types/contracts/oracle/MRVOracle";
import { InvalidArgumentError } from "../errors/base";
import { Module, type TxResult, type WriteOptions } from "../internal/module";
import * as check from "../internal/validate";

/** Verification outcome of a device-day, as `IMRVOracle.ReportStatus` (`None`: not reported; never valid in a report). */
export const ReportStatus = { None: 0, Verified: 1, Flagged: 2, Pending: 3 } as const;
/** A report status name. */
export type ReportStatusName = keyof typeof ReportStatus;
const REPORT_STATUS_NAMES = Object.keys(ReportStatus) as ReportStatusName[];

/** EIP-712 domain name of the MRVOracle. */
export const MRV_EIP712_NAME = "OpenTonne MRVOracle";
/** EIP-712 domain version of the MRVOracle. */
export const MRV_EIP712_VERSION = "1";

/**
 * The EIP-712 types the oracle signers sign (primary type `SubmitReports`), for ethers
 * `signer.signTypedData(mrvDomain(chainId, oracle), MRV_EIP712_TYPES, { reports, deadline })` with
 * `reports` as {@link reportMessage} builds them.
 */
export const MRV_EIP712_TYPES: Readonly<Record<string, TypedDataField[]>> = Object.freeze({
  SubmitReports: [
    { name: "reports", type: "Report[]" },
    { name: "deadline", type: "uint256" },
  ],
  Report: [
    { name: "deviceId", type: "bytes32" },
    { name: "owner", type: "address" },
    { name: "day", type: "uint32" },
    { name: "energyWh", type: "uint64" },
    { name: "co2Grams", type: "uint64" },
    { name: "correlationBps", type: "uint16" },
    { name: "status", type: "uint8" },
    { name: "evidenceHash", type: "bytes32" },
  ],
});

/** The contract's limits (MRVOracle constants). */
export const MRV_LIMITS = Object.freeze({
  /** Most reports in one batch. */
  maxBatchSize: 100,
  /** Most oracle signers. */
  maxSigners: 20,
  /** Highest emission factor, g CO2 per kWh. */
  maxEmissionFactorGPerKWh: 10_000n,
  /** Highest device capacity, W. */
  maxCapacityW: 1_000_000_000_000n,
  /** Highest correlation, bps. */
  maxCorrelationBps: 10_000,
  /** Highest |latitude|, microdegrees. */
  maxLatMicroDeg: 90_000_000,
  /** Highest |longitude|, microdegrees. */
  maxLonMicroDeg: 180_000_000,
});

/** Seconds in a UTC day. */
export const SECONDS_PER_UTC_DAY = 86_400;

const BYTES32_ZERO = `0x${"0".repeat(64)}`;
const ZERO_ADDRESS = `0x${"0".repeat(40)}`;

// ───────────── helpers (pure) ─────────────

/** The EIP-712 domain of the MRVOracle at `verifyingContract` on `chainId`. @throws {@link InvalidArgumentError} on a malformed address. */
export function mrvDomain(chainId: bigint | number, verifyingContract: string): TypedDataDomain {
  return {
    name: MRV_EIP712_NAME,
    version: MRV_EIP712_VERSION,
    chainId: BigInt(chainId),
    verifyingContract: check.address("verifyingContract", verifyingContract),
  };
}

/**
 * A device id from an inverter's key (e.g. a Kaggle `SOURCE_KEY`): keccak256 of its UTF-8 bytes, as the
 * contracts' tests and the end-to-end pipeline derive it. `deviceIdOf("inverter-A")` = `ethers.id("inverter-A")`.
 * @throws {@link InvalidArgumentError} on an empty key.
 */
export function deviceIdOf(key: string): string {
  return keccakUtf8(check.nonEmpty("key", key));
}

/**
 * The UTC day number (days since 1970-01-01) of `at`, a `Date` or unix seconds: `floor(seconds / 86400)`.
 * @throws {@link InvalidArgumentError} on an invalid or pre-1970 date.
 */
export function utcDayOf(at: Date | number | bigint): number {
  return Number(check.unixSeconds("at", at) / BigInt(SECONDS_PER_UTC_DAY));
}

/** 00:00:00 UTC of UTC day number `day`, as a `Date`. @throws {@link InvalidArgumentError} unless `day` is a uint32. */
export function dateOfUtcDay(day: number): Date {
  return new Date(Number(check.unsigned("day", day, 32)) * SECONDS_PER_UTC_DAY * 1000);
}

/**
 * CO2 avoided, grams, exactly as the contract checks a report: `floor(energyWh × emissionFactorGPerKWh / 1000)`.
 * @throws {@link InvalidArgumentError} on a negative input.
 */
export function co2GramsFor(energyWh: bigint | number, emissionFactorGPerKWh: bigint | number): bigint {
  return (check.unsigned("energyWh", energyWh) * check.unsigned("emissionFactorGPerKWh", emissionFactorGPerKWh)) / 1000n;
}

/** Decimal degrees → the contract's microdegrees (rounded to the nearest). @throws {@link InvalidArgumentError} when not finite. */
export function toMicroDegrees(degrees: number): number {
  if (typeof degrees !== "number" || !Number.isFinite(degrees)) throw new InvalidArgumentError("degrees", degrees, "expected a finite number");
  return Math.round(degrees * 1e6);
}

/** Microdegrees → decimal degrees. */
export function fromMicroDegrees(microDegrees: number | bigint): number {
  return Number(microDegrees) / 1e6;
}

// ───────────── types ─────────────

/** A device's registration fields (`IMRVOracle.DeviceInput`). */
export interface OracleDeviceInput {
  /** The pool member credited with the device's verified CO2 (not zero). */
  readonly owner: string;
  /** Latitude, microdegrees (−90e6..90e6); see {@link toMicroDegrees}. */
  readonly latMicroDeg: number;
  /** Longitude, microdegrees (−180e6..180e6). */
  readonly lonMicroDeg: number;
  /** AC rating, W (1..1e12); a day's energy may not exceed `capacityW × 24` Wh. */
  readonly capacityW: bigint | number;
  /** Baseline emission factor, g CO2 per kWh (1..10,000; seed 004 diesel baseline 1200). */
  readonly emissionFactorGPerKWh: bigint | number;
}

/** A registered device (`IMRVOracle.Device`). */
export interface OracleDevice {
  /** bytes32 device id. */
  readonly id: string;
  readonly owner: string;
  /** Microdegrees. */
  readonly latMicroDeg: number;
  /** Microdegrees. */
  readonly lonMicroDeg: number;
  /** Decimal degrees (`latMicroDeg / 1e6`). */
  readonly latitude: number;
  /** Decimal degrees (`lonMicroDeg / 1e6`). */
  readonly longitude: number;
  /** Registered and not deactivated (only active devices may be reported). */
  readonly active: boolean;
  /** AC rating, W. */
  readonly capacityW: bigint;
  /** g CO2 per kWh. */
  readonly emissionFactorGPerKWh: bigint;
  /** Most energy a report may give for one day: `capacityW × 24`, Wh. */
  readonly maxDailyEnergyWh: bigint;
  /** First UTC day credited to `owner` (0 until the owner is first changed). */
  readonly ownerFromDay: number;
  /** The owner before the last change (zero address if never changed), credited for days `previousOwnerFromDay` … `ownerFromDay − 1`. */
  readonly previousOwner: string;
  /** First UTC day credited to `previousOwner`; earlier days can no longer be reported. */
  readonly previousOwnerFromDay: number;
}

/** One device-day report as the SDK takes it (signed and submitted as `IMRVOracle.Report`). */
export interface OracleReportInput {
  /** bytes32 device id (see {@link deviceIdOf}). */
  readonly deviceId: string;
  /** The beneficiary: the device's owner for `day` ({@link OracleModule.ownerOf}); signed, so nobody can redirect the report. */
  readonly owner: string;
  /** UTC day number, or a `Date` / unix seconds inside the day. The day must have ended. */
  readonly day: number | Date;
  /** Measured AC energy of the day, Wh. */
  readonly energyWh: bigint;
  /** CO2 avoided, grams: must equal `co2GramsFor(energyWh, device factor)`. */
  readonly co2Grams: bigint;
  /** Pearson r of output vs irradiance, bps (0..10,000). */
  readonly correlationBps: number;
  /** `"Verified"` (credited to the pool), `"Flagged"` or `"Pending"` (stored for audit). */
  readonly status: Exclude<ReportStatusName, "None">;
  /** SHA-256 of the day's canonical evidence, bytes32, not zero. */
  readonly evidenceHash: string;
}

/** A report as the EIP-712 message and the contract take it (status numeric, day a number). */
export interface ReportMessage {
  readonly deviceId: string;
  readonly owner: string;
  readonly day: number;
  readonly energyWh: bigint;
  readonly co2Grams: bigint;
  readonly correlationBps: number;
  readonly status: number;
  readonly evidenceHash: string;
}

/**
 * A device-day as the chain holds it: its state (`IMRVOracle.ReportRecord`: status, superseded flag) and
 * the values of the report that gave it that status (its `ReportSubmitted` event). Zero values and the
 * zero address / hash when not reported.
 */
export interface OracleReportRecord {
  readonly deviceId: string;
  /** UTC day number. */
  readonly day: number;
  /** `"None"` when not reported. */
  readonly status: ReportStatusName;
  readonly reported: boolean;
  /** True when a `Pending` report of the day was superseded by this final status. */
  readonly supersededPending: boolean;
  /** The owner credited. */
  readonly owner: string;
  /** bps. */
  readonly correlationBps: number;
  /** Wh. */
  readonly energyWh: bigint;
  /** Grams. */
  readonly co2Grams: bigint;
  /** SHA-256 of the day's evidence, as signed. */
  readonly evidenceHash: string;
  /** The first 16 bytes of the evidence hash. */
  readonly evidencePrefix: string;
  /** Pool period credited (Verified), else 0. */
  readonly periodId: bigint;
}

/** One report of a relayed batch (decoded from `ReportSubmitted`). */
export interface SubmittedReport {
  readonly deviceId: string;
  /** UTC day number. */
  readonly day: number;
  /** The device owner (pool member). */
  readonly owner: string;
  readonly status: ReportStatusName;
  /** Wh. */
  readonly energyWh: bigint;
  /** Grams. */
  readonly co2Grams: bigint;
  /** bps. */
  readonly correlationBps: number;
  readonly evidenceHash: string;
  /** Pool period credited with `co2Grams` (Verified), 0 for Flagged / Pending. */
  readonly periodId: bigint;
  /** The day was Pending and this final status supersedes it. */
  readonly supersedesPending: boolean;
}

/** The batch summary (decoded from `BatchSubmitted`). */
export interface ReportBatchSubmitted {
  /** EIP-712 digest that was signed. */
  readonly digest: string;
  readonly relayer: string;
  /** Reports in the batch. */
  readonly count: bigint;
  /** Grams of CO2 credited to the pool. */
  readonly verifiedGrams: bigint;
  /** Pool period credited (0 if no Verified report). */
  readonly periodId: bigint;
}

/** Where an event was emitted: its block and transaction. */
export interface EventPosition {
  readonly blockNumber: number;
  readonly transactionHash: string;
}

/** What {@link OracleModule.submitReports} returns besides the hash and receipt. */
export interface SubmitReportsResult {
  /** Per report, in batch order. */
  readonly reports: SubmittedReport[];
  readonly batch: ReportBatchSubmitted;
}

// ───────────── validation ─────────────

function bytes32(name: string, value: string, nonZero: boolean): string {
  if (typeof value !== "string" || !isHexString(value, 32)) throw new InvalidArgumentError(name, value, "expected a 0x-prefixed 32-byte hex string");
  if (nonZero && value === BYTES32_ZERO) throw new InvalidArgumentError(name, value, "must not be zero");
  return value.toLowerCase();
}

function dayNumber(name: string, day: number | bigint | Date): number {
  if (day instanceof Date) {
    if (Number.isNaN(day.getTime()) || day.getTime() < 0) throw new InvalidArgumentError(name, day, "invalid or pre-1970 date");
    return Math.floor(day.getTime() / 1000 / SECONDS_PER_UTC_DAY);
  }
  return Number(check.unsigned(name, day, 32));
}

function blockNumber(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new InvalidArgumentError(name, value, "expected a block number ≥ 0");
  return value;
}

function deviceInput(input: OracleDeviceInput): IMRVOracle.DeviceInputStruct {
  if (input === null || typeof input !== "object") throw new InvalidArgumentError("input", input, "expected the device's fields");
  const int = (name: string, v: number, max: number) => {
    if (!Number.isSafeInteger(v) || Math.abs(v) > max) throw new InvalidArgumentError(name, v, `expected an integer from −${max} to ${max} microdegrees`);
    return v;
  };
  const capacityW = check.unsigned("input.capacityW", input.capacityW, 64);
  if (capacityW === 0n || capacityW > MRV_LIMITS.maxCapacityW) throw new InvalidArgumentError("input.capacityW", input.capacityW, "expected 1 to 1e12 W");
  const ef = check.unsigned("input.emissionFactorGPerKWh", input.emissionFactorGPerKWh, 32);
  if (ef === 0n || ef > MRV_LIMITS.maxEmissionFactorGPerKWh) {
    throw new InvalidArgumentError("input.emissionFactorGPerKWh", input.emissionFactorGPerKWh, "expected 1 to 10,000 g/kWh");
  }
  return {
    owner: check.address("input.owner", input.owner),
    latMicroDeg: int("input.latMicroDeg", input.latMicroDeg, MRV_LIMITS.maxLatMicroDeg),
    lonMicroDeg: int("input.lonMicroDeg", input.lonMicroDeg, MRV_LIMITS.maxLonMicroDeg),
    capacityW,
    emissionFactorGPerKWh: ef,
  };
}

/**
 * Checks `reports` (1..100, every field in range, owner an address, status not `None`, evidence hash not zero) and returns
 * them as the EIP-712 message / contract argument.
 * @throws {@link InvalidArgumentError} naming the report and field, e.g. `reports[2].correlationBps`.
 */
export function reportMessage(reports: readonly OracleReportInput[]): ReportMessage[] {
  if (!Array.isArray(reports) || reports.length === 0) throw new InvalidArgumentError("reports", reports, "expected a non-empty array of reports");
  if (reports.length > MRV_LIMITS.maxBatchSize) throw new InvalidArgumentError("reports", reports.length, `at most ${MRV_LIMITS.maxBatchSize} reports per batch`);
  return reports.map((r, i) => {
    const at = `reports[${i}]`;
    if (r === null || typeof r !== "object") throw new InvalidArgumentError(at, r, "expected a report");
    const correlationBps = r.correlationBps;
    if (!Number.isSafeInteger(correlationBps) || correlationBps < 0 || correlationBps > MRV_LIMITS.maxCorrelationBps) {
      throw new InvalidArgumentError(`${at}.correlationBps`, correlationBps, "expected an integer from 0 to 10,000 bps");
    }
    const status = check.enumValue(`${at}.status`, r.status, ReportStatus);
    if (status === ReportStatus.None) throw new InvalidArgumentError(`${at}.status`, r.status, "expected Verified, Flagged or Pending");
    return {
      deviceId: bytes32(`${at}.deviceId`, r.deviceId, true),
      owner: check.address(`${at}.owner`, r.owner),
      day: dayNumber(`${at}.day`, r.day),
      energyWh: check.unsigned(`${at}.energyWh`, r.energyWh, 64),
      co2Grams: check.unsigned(`${at}.co2Grams`, r.co2Grams, 64),
      correlationBps,
      status,
      evidenceHash: bytes32(`${at}.evidenceHash`, r.evidenceHash, true),
    };
  });
}

// ───────────── module ─────────────

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
