/**
 * The `oracle` module's shapes: report statuses, device registrations and devices, report inputs,
 * EIP-712 report messages, stored reports and the decoded `ReportSubmitted` / `ReportBatchSubmitted`
 * events. Units: Wh, grams CO2, g CO2 per kWh, watts, bps, microdegrees, UTC day numbers.
 */

/** Verification outcome of a device-day, as `IMRVOracle.ReportStatus` (`None`: not reported; never valid in a report). */
export const ReportStatus = { None: 0, Verified: 1, Flagged: 2, Pending: 3 } as const;
/** A report status name. */
export type ReportStatusName = keyof typeof ReportStatus;

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
