/**
 * What the oracle signers sign: the MRVOracle's EIP-712 domain and types, device ids from inverter
 * keys, and the checked report message of a batch.
 */
import { id as keccakUtf8, type TypedDataDomain, type TypedDataField } from "ethers";
import { InvalidArgumentError } from "../../errors/base";
import * as check from "../../internal/validate";
import { bytes32, dayNumber } from "./inputs";
import { ReportStatus, type OracleReportInput, type ReportMessage } from "./types";
import { MRV_LIMITS } from "./values";

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
