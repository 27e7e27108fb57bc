/**
 * Retirements, encoded and decoded: the checked `RetirementDetails` the contracts take, the
 * `Retired` event of a receipt (direct retirements and the market's and pool's one-step offsets) and
 * the record a `Retired` log and its stored retirement make.
 */
import { toUtf8Bytes, type Interface, type Log, type TransactionReceipt } from "ethers";
import type { ICarbonCredits, RetiredEvent } from "../../../typechain-types/contracts/token/CarbonCredits";
import { InvalidArgumentError, OpenTonneError } from "../../errors/base";
import * as check from "../../internal/validate";
import { MAX_RETIREMENT_TEXT, RetirementSource, type Retirement, type RetirementDetailsInput, type RetirementLink, type RetirementRecord, type RetireResult, type RetirementSourceName } from "./types";

const SOURCE_NAMES = Object.keys(RetirementSource) as RetirementSourceName[];

/**
 * The CarbonCredits `Retired` event of `receipt` (emitted by `creditsAddress`), decoded: used for direct
 * retirements and for the one-step offsets of the market and pool modules.
 * @throws {@link OpenTonneError} when the receipt holds no such event.
 */
export function retiredFromReceipt(credits: Interface, creditsAddress: string, receipt: TransactionReceipt): RetireResult {
  for (const log of receipt.logs as Log[]) {
    if (log.address.toLowerCase() !== creditsAddress.toLowerCase()) continue;
    const e = credits.parseLog({ topics: [...log.topics], data: log.data });
    if (e?.name !== "Retired") continue;
    const a = e.args;
    const batchIds = a.batchIds as bigint[];
    const amounts = a.amounts as bigint[];
    return {
      retirementId: a.retirementId as bigint,
      amount: a.amount as bigint,
      batches: batchIds.map((batchId, i) => ({ batchId, amount: amounts[i] })),
      account: a.account as string,
      beneficiary: a.beneficiary as string,
      link: toLink(a.link),
    };
  }
  throw new OpenTonneError(`credits: expected a Retired event in transaction ${receipt.hash}`);
}

/** The link tuple of a decoded `Retired` event; read by position (`fill` is also an Array method of ethers' Result). */
function toLink(l: unknown): RetirementLink {
  const [source, refId, fill] = l as [bigint, bigint, bigint];
  return { source: SOURCE_NAMES[Number(source)], refId, fill };
}

/**
 * Checks the retirement texts (each ≤ {@link MAX_RETIREMENT_TEXT} UTF-8 bytes) and resolves the
 * beneficiary (default: `holder`), as the contracts take them.
 * @throws {@link InvalidArgumentError} naming the bad field.
 */
export function toRetirementDetails(details: RetirementDetailsInput, holder: string): ICarbonCredits.RetirementDetailsStruct {
  return toDetails(details, holder);
}

/** Checks the retirement texts and resolves the beneficiary (default: `holder`). */
export function toDetails(details: RetirementDetailsInput, holder: string): ICarbonCredits.RetirementDetailsStruct {
  if (details === null || typeof details !== "object") throw new InvalidArgumentError("details", details, "expected an object");
  return {
    beneficiary: details.beneficiary === undefined ? holder : check.address("details.beneficiary", details.beneficiary),
    beneficiaryName: retirementText("details.beneficiaryName", details.beneficiaryName),
    reason: retirementText("details.reason", details.reason),
    referenceId: retirementText("details.referenceId", details.referenceId),
    consumptionCountry: retirementText("details.consumptionCountry", details.consumptionCountry),
  };
}

function retirementText(name: string, value: string | undefined): string {
  if (value === undefined) return "";
  const s = text(name, value);
  const bytes = toUtf8Bytes(s).length;
  if (bytes > MAX_RETIREMENT_TEXT) throw new InvalidArgumentError(name, value, `${bytes} UTF-8 bytes, at most ${MAX_RETIREMENT_TEXT}`);
  return s;
}

/** `value` when it is a string. @throws {@link InvalidArgumentError} naming `name`. */
export function text(name: string, value: string): string {
  if (typeof value !== "string") throw new InvalidArgumentError(name, value, "expected a string");
  return value;
}

/** Combines a `Retired` log with the stored record (for its timestamp). */
export function toRecord(log: RetiredEvent.Log, stored: Retirement): RetirementRecord {
  const a = log.args;
  const d = a.details;
  return {
    id: a.retirementId,
    account: a.account,
    beneficiary: a.beneficiary,
    amount: a.amount,
    timestamp: stored.timestamp,
    operator: a.operator,
    link: toLink(a.link),
    batches: a.batchIds.map((batchId, i) => ({ batchId, amount: a.amounts[i] })),
    details: {
      beneficiary: d.beneficiary,
      beneficiaryName: d.beneficiaryName,
      reason: d.reason,
      referenceId: d.referenceId,
      consumptionCountry: d.consumptionCountry,
    },
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
  };
}
