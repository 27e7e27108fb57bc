import { ethers, type Signer, type TypedDataDomain } from "ethers";
import type { DayStatus, DeviceDayResult } from "./types";
import { dayToIsoDate } from "./time";
import { ICarbonPool__factory, MRVOracle__factory, type MRVOracle } from "../../../typechain-types";
import type { IMRVOracle } from "../../../typechain-types/contracts/oracle/MRVOracle";
import { MRV_EIP712_TYPES, deviceIdOf } from "../../../sdk/modules/oracle";
import { scanLogs, resolveRange } from "../../../sdk/internal/logs";
import { BatchRevertedError, PostingConfigError } from "./post-errors";

export { BatchRevertedError, PostingConfigError } from "./post-errors";

/**
 * Posting (issue 5): puts the pipeline's verified device-days on-chain through MRVOracle.submitReports.
 *
 * Idempotent and resumable: every device-day already on-chain with a final status (VERIFIED, FLAGGED),
 * or PENDING and still PENDING in this run, is skipped; a day on-chain as PENDING that this run finds
 * VERIFIED or FLAGGED is posted again (the contract lets a PENDING day be superseded once). Each batch
 * is all or nothing on-chain, so re-running after a crash (or a failed batch) posts exactly what is missing.
 * Each report names the device's owner for its day as the chain records it (MRVOracle.ownerOf).
 * Nothing is sent before every check has passed for the batch about to go out: the batch is
 * simulated (`staticCall`) with its signatures first.
 */

/** Most reports per batch (MRVOracle.MAX_BATCH_SIZE). */
export const MAX_BATCH_SIZE = 100;
/** Default reports per batch (≈ 2.4 M gas for VERIFIED reports, far below a block). */
export const DEFAULT_BATCH_SIZE = 50;
/** Default validity of the batch signatures, seconds after the latest block. */
export const DEFAULT_DEADLINE_S = 3600;

/** IMRVOracle.ReportStatus of each pipeline status. */
export const REPORT_STATUS: Readonly<Record<DayStatus, number>> = { VERIFIED: 1, FLAGGED: 2, PENDING: 3 };
/** Pipeline status of each IMRVOracle.ReportStatus (index; 0 = not reported). */
const STATUS_NAME: readonly (DayStatus | undefined)[] = [undefined, "VERIFIED", "FLAGGED", "PENDING"];

/** The EIP-712 types of a batch (IMRVOracle, "Signing"): the SDK's {@link MRV_EIP712_TYPES}. */
export const SUBMIT_REPORTS_TYPES = MRV_EIP712_TYPES;

/** The on-chain device id of a pipeline device id (inverter SOURCE_KEY): keccak256 of its UTF-8 bytes (the SDK's `deviceIdOf`). */
export function onChainDeviceId(deviceId: string): string {
  return deviceIdOf(deviceId);
}

/** One device-day in a posting summary (pipeline ids and units: Wh, g). */
export interface DeviceDayRef {
  /** The pipeline's device id (e.g. the inverter SOURCE_KEY). */
  readonly deviceId: string;
  /** UTC day number and the same day as `YYYY-MM-DD`. */
  readonly day: number;
  readonly date: string;
  readonly status: DayStatus;
  readonly energyWh: number;
  readonly co2Grams: number;
  /** Set when the day is on-chain as PENDING and this report (VERIFIED / FLAGGED) supersedes it. */
  readonly supersedesPending?: true;
}

/**
 * A device-day found on-chain already and skipped (a final status, or PENDING while this run's is PENDING
 * too): its on-chain status, and whether the on-chain report's evidence hash (from its ReportSubmitted
 * event) equals this run's.
 */
export interface AlreadyOnChain extends DeviceDayRef {
  readonly onChainStatus: DayStatus;
  readonly sameEvidence: boolean;
}

/** A device-day that cannot be posted now, and why (device not registered or inactive, day not over, outside the pool's open period, …). */
export interface NotPostable extends DeviceDayRef {
  readonly reason: string;
}

/** One batch: what it holds and, once sent, its transaction. */
export interface BatchOutcome {
  /** 0-based batch index. */
  readonly index: number;
  readonly reports: readonly DeviceDayRef[];
  /** EIP-712 digest signed (MRVOracle.hashBatch); undefined in a dry run without signers. */
  readonly digest?: string;
  /** Set once sent (never in a dry run). */
  readonly txHash?: string;
  readonly blockNumber?: number;
  readonly gasUsed?: bigint;
}

/** What postReports did (or, in a dry run, would do). */
export interface PostSummary {
  readonly dryRun: boolean;
  readonly chainId: bigint;
  readonly oracle: string;
  /** Device-days given. */
  readonly considered: number;
  /** Posted in this run (in a dry run: what would be posted). */
  readonly posted: readonly DeviceDayRef[];
  readonly alreadyOnChain: readonly AlreadyOnChain[];
  readonly notPostable: readonly NotPostable[];
  /** Batches sent in this run (in a dry run: planned, with no transaction). */
  readonly batches: readonly BatchOutcome[];
  /** Σ gasUsed of the batches sent. */
  readonly gasUsed: bigint;
}

/** Progress of postReports: first the on-chain checks, then the batches. */
export type PostProgress =
  | { readonly stage: "check"; readonly done: number; readonly total: number }
  | {
      readonly stage: "post";
      /** Reports posted so far (in a dry run: planned) and to post in all. */
      readonly done: number;
      readonly total: number;
      /** The batch just finished (0-based) and the number of batches. */
      readonly batch: number;
      readonly batches: number;
      readonly txHash?: string;
    };

/** Options of postReports. */
export interface PostOptions {
  /** The MRVOracle's address. */
  readonly oracle: string;
  /**
   * Sends the transactions and pays their gas; must be connected to a provider (its chain is the one
   * posted to). Anyone may relay: the authority is the signatures. In a dry run only its provider is used.
   */
  readonly relayer: Signer;
  /**
   * The oracle signers that sign each batch (EIP-712): at least the on-chain quorum, each an on-chain
   * oracle signer; their signatures are sent in ascending signer-address order. May be empty in a dry
   * run (then the batches are planned but not signed or simulated).
   */
  readonly signers: readonly Signer[];
  /** The pipeline's device-day results (runPipeline / the `verify` results JSON). */
  readonly results: readonly DeviceDayResult[];
  /** Reports per batch, 1..MAX_BATCH_SIZE (default DEFAULT_BATCH_SIZE). */
  readonly batchSize?: number;
  /** Signature validity after the latest block, seconds (default DEFAULT_DEADLINE_S). */
  readonly deadlineSeconds?: number;
  /** Plan, sign and simulate (`staticCall`) every batch, send nothing. */
  readonly dryRun?: boolean;
  /** Pipeline device id → on-chain bytes32 id (default onChainDeviceId: keccak256(utf8(id))). */
  readonly deviceIdOf?: (deviceId: string) => string;
  /**
   * First block to scan for the ReportSubmitted events of skipped days (to compare their evidence; default
   * 0). Give the oracle's deployment block on a long chain.
   */
  readonly fromBlock?: number;
  /**
   * Called during the checks and after each batch; a returned promise is awaited. An exception thrown
   * (or a rejection) here stops the run: what was sent stays sent, and a re-run posts the rest.
   */
  readonly onProgress?: (p: PostProgress) => void | Promise<void>;
}

/**
 * The contract's Report of a pipeline result: device id mapped by `deviceIdOf`, `owner` (the device's
 * owner for the day, MRVOracle.ownerOf), UTC day number, energy Wh and CO2 g as integers, correlation in
 * bps (a negative or undefined r is posted as 0, capped at 10,000), status 1/2/3, the evidence hash.
 * Throws PostingConfigError for a result that cannot be a report (non-integer or negative numbers,
 * malformed hash, malformed owner).
 */
export function toReport(r: DeviceDayResult, owner: string, deviceIdOf: (id: string) => string = onChainDeviceId): IMRVOracle.ReportStruct {
  const where = `result ${r.deviceId} ${r.date ?? r.day}`;
  const uint = (name: string, v: unknown, max: number) => {
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0 || v > max) {
      throw new PostingConfigError(`${where}: ${name} must be an integer in [0, ${max}] (got ${JSON.stringify(v)})`);
    }
    return v;
  };
  const status = REPORT_STATUS[r.status];
  if (status === undefined) throw new PostingConfigError(`${where}: status must be VERIFIED, FLAGGED or PENDING (got ${JSON.stringify(r.status)})`);
  if (typeof r.evidenceHash !== "string" || !ethers.isHexString(r.evidenceHash, 32)) {
    throw new PostingConfigError(`${where}: evidenceHash must be 0x + 64 hex digits (got ${JSON.stringify(r.evidenceHash)})`);
  }
  const c = r.correlationBps;
  if (c !== null && (typeof c !== "number" || !Number.isSafeInteger(c))) {
    throw new PostingConfigError(`${where}: correlationBps must be an integer or null (got ${JSON.stringify(c)})`);
  }
  const bps = c === null ? 0 : Math.min(10_000, Math.max(0, c));
  if (!ethers.isAddress(owner)) throw new PostingConfigError(`${where}: owner must be an address (got ${JSON.stringify(owner)})`);
  return {
    deviceId: deviceIdOf(r.deviceId),
    owner: ethers.getAddress(owner),
    day: uint("day", r.day, 2 ** 32 - 1),
    energyWh: BigInt(uint("energyWh", r.energyWh, Number.MAX_SAFE_INTEGER)),
    co2Grams: BigInt(uint("co2Grams", r.co2Grams, Number.MAX_SAFE_INTEGER)),
    correlationBps: bps,
    status,
    evidenceHash: r.evidenceHash,
  };
}

function ref(r: DeviceDayResult): DeviceDayRef {
  return { deviceId: r.deviceId, day: r.day, date: r.date ?? dayToIsoDate(r.day), status: r.status, energyWh: r.energyWh, co2Grams: r.co2Grams };
}

/** Maps `items` through `fn` with at most `limit` calls in flight, in order; reports progress. */
async function mapLimited<T, U>(
  items: readonly T[],
  limit: number,
  fn: (t: T) => Promise<U>,
  onDone?: (done: number) => void | Promise<void>,
): Promise<U[]> {
  const out: U[] = new Array(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
      await onDone?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** `Name(arg, …)` of a revert of the oracle (or the pool behind it), else the error's short message. */
export function describeRevert(err: unknown): string {
  const e = err as { data?: unknown; revert?: { name: string; args: unknown[] } | null; shortMessage?: string; message?: string };
  const fmt = (name: string, args: readonly unknown[]) => `${name}(${args.map((a) => String(a)).join(", ")})`;
  if (e?.revert) return fmt(e.revert.name, e.revert.args);
  if (typeof e?.data === "string" && e.data.length >= 10) {
    for (const iface of [MRVOracle__factory.createInterface(), ICarbonPool__factory.createInterface()]) {
      try {
        const parsed = iface.parseError(e.data);
        if (parsed) return fmt(parsed.name, [...parsed.args]);
      } catch {
        // not this contract's error: try the next interface, then fall back to the message below
      }
    }
  }
  return e?.shortMessage ?? e?.message ?? String(err);
}

/**
 * Posts verified device-days to MRVOracle.
 *
 * 1. Maps each result to a Report (toReport; the owner is the device's owner for the day, from its
 *    registration) and reads, for every device-day, its on-chain status: a final one, or PENDING while
 *    this run's is PENDING too, is skipped (with whether the on-chain evidence hash matches); a PENDING
 *    day this run finds VERIFIED or FLAGGED is posted again (`supersedesPending`).
 * 2. Reports what cannot be posted (`notPostable`, with the reason) instead of sending a batch that
 *    would revert: device not registered or deactivated; the day's owner no longer known (owner changed
 *    twice since); day not over; energy above capacity × 24 h; CO2 not equal to floor(energyWh × the
 *    on-chain emission factor / 1000); no open pool period containing the day (any status); for
 *    VERIFIED days, an owner who is not an active pool member.
 * 3. Splits the rest (in device, then day order) into batches of `batchSize`, and for each batch:
 *    signs it (EIP-712) with every signer in ascending address order, simulates it (`staticCall`),
 *    sends it from `relayer` and waits for the receipt. A refusal throws BatchRevertedError with the
 *    decoded custom error and what was posted before (`partial`).
 *
 * Idempotent: a re-run (also after a crash) finds what is on-chain and posts only the rest. With
 * `dryRun`, the batches are planned (and, given signers, signed and simulated) but nothing is sent.
 *
 * Throws PostingConfigError before anything is sent for a bad set-up: batch size outside
 * 1..MAX_BATCH_SIZE, no contract at `oracle`, the oracle paused, a signer that is not an oracle
 * signer, fewer signers than the quorum, a duplicate device-day in `results`, a malformed result.
 */
export async function postReports(opts: PostOptions): Promise<PostSummary> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const deadlineS = opts.deadlineSeconds ?? DEFAULT_DEADLINE_S;
  const dryRun = opts.dryRun ?? false;
  const deviceIdOf = opts.deviceIdOf ?? onChainDeviceId;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new PostingConfigError(`batch size must be an integer in [1, ${MAX_BATCH_SIZE}] (got ${batchSize})`);
  }
  if (!Number.isInteger(deadlineS) || deadlineS < 60) {
    throw new PostingConfigError(`deadline window must be an integer ≥ 60 seconds (got ${deadlineS})`);
  }
  if (!ethers.isAddress(opts.oracle)) throw new PostingConfigError(`oracle address is not an address: ${JSON.stringify(opts.oracle)}`);
  const provider = opts.relayer.provider;
  if (!provider) throw new PostingConfigError("the relayer signer is not connected to a provider");

  const { chainId } = await provider.getNetwork();
  if ((await provider.getCode(opts.oracle)) === "0x") {
    throw new PostingConfigError(`no contract at oracle address ${opts.oracle} on chain ${chainId}`);
  }
  const oracle: MRVOracle = MRVOracle__factory.connect(opts.oracle, opts.relayer);
  if (await oracle.paused()) throw new PostingConfigError(`the oracle ${opts.oracle} is paused: nothing can be posted`);

  // Signers: distinct, each an on-chain oracle signer, at least the quorum; ascending by address.
  const signerList = await Promise.all(opts.signers.map(async (s) => ({ s, address: ethers.getAddress(await s.getAddress()) })));
  const seen = new Set<string>();
  for (const { address } of signerList) {
    if (seen.has(address)) throw new PostingConfigError(`signer ${address} is given twice`);
    seen.add(address);
    if (!(await oracle.isSigner(address))) throw new PostingConfigError(`${address} is not an oracle signer of ${opts.oracle}`);
  }
  signerList.sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
  const quorum = await oracle.quorum();
  if (!(dryRun && signerList.length === 0) && BigInt(signerList.length) < quorum) {
    throw new PostingConfigError(`${signerList.length} signer(s) given; the oracle's quorum is ${quorum}`);
  }

  // Map and de-duplicate; device, then day order (consecutive reports of one owner share a pool call).
  const items = [...opts.results]
    .sort((a, b) => (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : a.day - b.day))
    .map((r) => ({ r, report: toReport(r, ethers.ZeroAddress, deviceIdOf) }));
  for (let i = 1; i < items.length; i++) {
    if (items[i].r.deviceId === items[i - 1].r.deviceId && items[i].r.day === items[i - 1].r.day) {
      throw new PostingConfigError(`device ${items[i].r.deviceId} day ${items[i].r.date} appears twice in the results`);
    }
  }

  // On-chain state: devices, the pool's open period, members, and every device-day's record.
  const latest = await provider.getBlock("latest");
  if (!latest) throw new PostingConfigError("the provider returned no latest block");
  const today = Math.floor(latest.timestamp / 86_400);
  const deviceIds = [...new Set(items.map((x) => String(x.report.deviceId)))];
  const devices = new Map<string, IMRVOracle.DeviceStructOutput>();
  await mapLimited(deviceIds, 16, async (id) => devices.set(id, await oracle.getDevice(id)));
  const pool = ICarbonPool__factory.connect(await oracle.pool(), provider);
  const periodId = await pool.openPeriodId();
  const period = periodId === 0n ? undefined : await pool.getPeriod(periodId);
  // The owner each report names: the device's owner for its day (undefined: not registered, or history gone).
  const withOwner = items.map((x) => {
    const owner = ownerOnDay(devices.get(String(x.report.deviceId)) as IMRVOracle.DeviceStructOutput, x.r.day);
    return { ...x, owner, report: { ...x.report, owner: owner ?? ethers.ZeroAddress } };
  });
  const owners = [...new Set(withOwner.map((x) => x.owner).filter((o): o is string => o !== undefined))];
  const member = new Map<string, boolean>();
  await mapLimited(owners, 16, async (o) => member.set(o, await pool.isMember(o)));
  const total = items.length;
  await opts.onProgress?.({ stage: "check", done: 0, total });
  const records = await mapLimited(items, 32, (x) => oracle.getReport(x.report.deviceId, x.report.day), (done) =>
    opts.onProgress?.({ stage: "check", done, total }),
  );

  const skipped: Array<{ x: (typeof withOwner)[number]; onChainStatus: DayStatus }> = [];
  const notPostable: NotPostable[] = [];
  const toPost: Array<(typeof withOwner)[number] & { supersedes: boolean }> = [];
  withOwner.forEach((x, i) => {
    const onChain = STATUS_NAME[Number(records[i].status)];
    const supersedes = onChain === "PENDING" && x.r.status !== "PENDING";
    if (onChain !== undefined && !supersedes) {
      skipped.push({ x, onChainStatus: onChain });
      return;
    }
    const device = devices.get(String(x.report.deviceId)) as IMRVOracle.DeviceStructOutput;
    const reason = whyNotPostable(x.r, x.report, device, x.owner, today, periodId, period, member);
    if (reason) notPostable.push({ ...ref(x.r), reason });
    else toPost.push({ ...x, supersedes });
  });
  const alreadyOnChain = await skippedWithEvidence(oracle, provider, skipped, opts.fromBlock ?? 0);

  const batches: BatchOutcome[] = [];
  const posted: DeviceDayRef[] = [];
  let gasUsed = 0n;
  const summary = (): PostSummary => ({
    dryRun,
    chainId,
    oracle: opts.oracle,
    considered: total,
    posted: [...posted],
    alreadyOnChain,
    notPostable,
    batches: [...batches],
    gasUsed,
  });
  const count = Math.ceil(toPost.length / batchSize);
  const domain: TypedDataDomain = { name: "OpenTonne MRVOracle", version: "1", chainId, verifyingContract: opts.oracle };
  for (let b = 0; b < count; b++) {
    const chunk = toPost.slice(b * batchSize, (b + 1) * batchSize);
    const reports = chunk.map((x) => x.report);
    const refs = chunk.map((x): DeviceDayRef => (x.supersedes ? { ...ref(x.r), supersedesPending: true } : ref(x.r)));
    let digest: string | undefined;
    let txHash: string | undefined;
    let blockNumber: number | undefined;
    let gas: bigint | undefined;
    if (signerList.length > 0) {
      const block = await provider.getBlock("latest");
      const deadline = BigInt((block as { timestamp: number }).timestamp + deadlineS);
      const signatures = await Promise.all(signerList.map(({ s }) => s.signTypedData(domain, SUBMIT_REPORTS_TYPES, { reports, deadline })));
      digest = ethers.TypedDataEncoder.hash(domain, SUBMIT_REPORTS_TYPES, { reports, deadline });
      try {
        await oracle.submitReports.staticCall(reports, deadline, signatures);
      } catch (err) {
        throw new BatchRevertedError(b, count, "simulation", describeRevert(err), summary(), { cause: err });
      }
      if (!dryRun) {
        let receipt;
        try {
          const tx = await oracle.submitReports(reports, deadline, signatures);
          txHash = tx.hash;
          receipt = await tx.wait();
        } catch (err) {
          throw new BatchRevertedError(b, count, "transaction", describeRevert(err), summary(), { cause: err });
        }
        if (!receipt) throw new BatchRevertedError(b, count, "transaction", "no receipt", summary());
        blockNumber = receipt.blockNumber;
        gas = receipt.gasUsed;
        gasUsed += receipt.gasUsed;
      }
    }
    batches.push({ index: b, reports: refs, digest, txHash, blockNumber, gasUsed: gas });
    posted.push(...refs);
    await opts.onProgress?.({ stage: "post", done: posted.length, total: toPost.length, batch: b, batches: count, txHash });
  }
  return summary();
}

/**
 * The owner device `device` credits for UTC day `day` (as MRVOracle.ownerOf): the current owner from
 * `ownerFromDay` on, the previous one from `previousOwnerFromDay`; undefined when not registered or the
 * day is before the owner history the device keeps.
 */
export function ownerOnDay(
  device: Pick<IMRVOracle.DeviceStructOutput, "owner" | "ownerFromDay" | "previousOwner" | "previousOwnerFromDay">,
  day: number,
): string | undefined {
  if (device.owner === ethers.ZeroAddress) return undefined;
  if (BigInt(day) >= device.ownerFromDay) return device.owner;
  if (BigInt(day) >= device.previousOwnerFromDay) return device.previousOwner;
  return undefined;
}

/**
 * The skipped days with their on-chain status and whether the on-chain evidence hash (from the day's
 * ReportSubmitted event, the latest if superseded) equals this run's: one chunked log scan per device
 * from `fromBlock`, only when something was skipped.
 */
async function skippedWithEvidence(
  oracle: MRVOracle,
  provider: NonNullable<Signer["provider"]>,
  skipped: ReadonlyArray<{ x: { r: DeviceDayResult; report: IMRVOracle.ReportStruct }; onChainStatus: DayStatus }>,
  fromBlock: number,
): Promise<AlreadyOnChain[]> {
  if (skipped.length === 0) return [];
  const ids = [...new Set(skipped.map((k) => String(k.x.report.deviceId)))];
  const range = await resolveRange(provider, fromBlock, {});
  const logs = await scanLogs(
    "post: evidence of skipped days",
    ids.map((id) => ({ contract: oracle, filter: oracle.filters.ReportSubmitted(id) })),
    range,
  );
  const evidence = new Map<string, string>();
  ids.forEach((id, i) => {
    for (const e of logs[i]) evidence.set(`${id}:${Number(e.args.day)}`, String(e.args.evidenceHash).toLowerCase());
  });
  return skipped.map(({ x, onChainStatus }) => ({
    ...ref(x.r),
    onChainStatus,
    sameEvidence: evidence.get(`${String(x.report.deviceId)}:${x.r.day}`) === x.r.evidenceHash.toLowerCase(),
  }));
}

/** Why a device-day cannot be posted now (the contract would refuse the batch), or undefined. */
function whyNotPostable(
  r: DeviceDayResult,
  report: IMRVOracle.ReportStruct,
  device: IMRVOracle.DeviceStructOutput,
  owner: string | undefined,
  today: number,
  periodId: bigint,
  period: { start: bigint; end: bigint } | undefined,
  member: ReadonlyMap<string, boolean>,
): string | undefined {
  if (device.owner === ethers.ZeroAddress) return `device not registered on the oracle (id ${report.deviceId})`;
  if (!device.active) return "device deactivated on the oracle";
  if (owner === undefined) {
    return `the device's owner for this day is no longer known on-chain (owner changed twice since; history starts on UTC day ${device.previousOwnerFromDay})`;
  }
  if (r.day >= today) return `day not over (UTC day ${r.day}; the chain's current day is ${today})`;
  const maxWh = device.capacityW * 24n;
  if (BigInt(r.energyWh) > maxWh) return `energy ${r.energyWh} Wh above the on-chain capacity × 24 h = ${maxWh} Wh`;
  const expected = (BigInt(r.energyWh) * device.emissionFactorGPerKWh) / 1000n;
  if (BigInt(r.co2Grams) !== expected) {
    return `co2Grams ${r.co2Grams} ≠ floor(energyWh × on-chain factor ${device.emissionFactorGPerKWh} / 1000) = ${expected} (emission factor differs from the registry)`;
  }
  // Every status: only days a VERIFIED report could still be posted for (inside the pool's open period).
  if (!period) return `${r.status} day but no pool period is open`;
  const start = BigInt(r.day) * 86_400n;
  if (start < period.start || start + 86_399n > period.end) {
    return `${r.status} day outside the pool's open period ${periodId} [${new Date(Number(period.start) * 1000).toISOString()}, ${new Date(Number(period.end) * 1000).toISOString()}]`;
  }
  if (r.status === "VERIFIED" && r.co2Grams > 0 && !member.get(owner)) return `VERIFIED day but the device owner ${owner} is not an active pool member`;
  return undefined;
}
