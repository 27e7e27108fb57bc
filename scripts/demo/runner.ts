import type { ContractTransactionResponse, TransactionReceipt } from "ethers";
import { OpenTonneError } from "../../sdk/errors/base";
import { toSdkError } from "../../sdk/errors/decode";
import { BatchRevertedError, PostingConfigError } from "../../oracle/src/lib/post";

/** One transaction of a step. */
export interface TxRecord {
  readonly label: string;
  readonly hash: string;
  readonly gasUsed: bigint;
}

/** What one step did: its transactions, their gas and its duration. */
export interface StepRecord {
  readonly index: number;
  readonly name: string;
  readonly txs: TxRecord[];
  gasUsed: bigint;
  ms: number;
}

/** A step failed: names the step and carries the decoded contract error (or the original message). */
export class DemoStepError extends Error {
  constructor(
    readonly step: string,
    readonly index: number,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`step ${index} "${step}" failed: ${reason}`, options);
    this.name = "DemoStepError";
  }
}

/** What a step function gets: send transactions (recorded with their gas), record ones sent elsewhere, print notes. */
export interface StepContext {
  /** Sends (awaits) a transaction, waits for its receipt, records hash and gas under `label`. A revert is decoded. */
  send(label: string, tx: Promise<ContractTransactionResponse>): Promise<TransactionReceipt>;
  /**
   * Awaits an SDK write (`{ hash, receipt, approvalHash? }`), records it — and the approval the SDK sent
   * first, if any — under `label`, and returns its result. A revert is reported with the SDK's decoded error.
   */
  sdk<T extends SdkWrite>(label: string, write: Promise<T>): Promise<T>;
  /** Records a transaction sent by a library (the SDK, postReports, Ignition). */
  record(label: string, hash: string, gasUsed: bigint): void;
  /** Prints an indented progress line under the step. */
  note(text: string): void;
}

/** The shape of an SDK write result. */
export interface SdkWrite {
  readonly hash: string;
  readonly receipt: TransactionReceipt;
  readonly approvalHash?: string;
}

/** Decodes any error into a readable reason: custom errors by name and arguments, else the message. */
export function describeError(action: string, error: unknown): string {
  if (error instanceof BatchRevertedError || error instanceof PostingConfigError) return error.message;
  const sdk = toSdkError(action, error);
  if (sdk instanceof OpenTonneError) return sdk.message;
  const e = error as { shortMessage?: string; message?: string };
  return e?.shortMessage ?? e?.message ?? String(error);
}

/**
 * Runs the demo's steps in order, printing progress (`[i/n] name …`, then gas and time), and keeps a
 * record of each step's transactions. A failing step throws {@link DemoStepError}: nothing is swallowed.
 */
export class StepRunner {
  readonly steps: StepRecord[] = [];

  constructor(
    private readonly total: number,
    private readonly print: (line: string) => void = (line) => console.log(line),
  ) {}

  async step<T>(name: string, fn: (ctx: StepContext) => Promise<T>): Promise<T> {
    const rec: StepRecord = { index: this.steps.length + 1, name, txs: [], gasUsed: 0n, ms: 0 };
    this.steps.push(rec);
    const width = String(this.total).length;
    this.print(`[${String(rec.index).padStart(width)}/${this.total}] ${name} …`);
    const started = Date.now();
    const record = (label: string, hash: string, gasUsed: bigint) => {
      rec.txs.push({ label, hash, gasUsed });
      rec.gasUsed += gasUsed;
    };
    const ctx: StepContext = {
      send: async (label, txPromise) => {
        let receipt: TransactionReceipt | null;
        try {
          const tx = await txPromise;
          receipt = await tx.wait();
        } catch (error) {
          throw new DemoStepError(name, rec.index, `${label}: ${describeError(label, error)}`, { cause: error });
        }
        if (!receipt) throw new DemoStepError(name, rec.index, `${label}: no receipt`);
        record(label, receipt.hash, receipt.gasUsed);
        return receipt;
      },
      sdk: async (label, write) => {
        let result;
        try {
          result = await write;
        } catch (error) {
          throw new DemoStepError(name, rec.index, `${label}: ${describeError(label, error)}`, { cause: error });
        }
        if (result.approvalHash) {
          const approval = await result.receipt.provider.getTransactionReceipt(result.approvalHash);
          record(`${label} (approval sent by the SDK)`, result.approvalHash, approval?.gasUsed ?? 0n);
        }
        record(label, result.hash, result.receipt.gasUsed);
        return result;
      },
      record,
      note: (text) => this.print(`${" ".repeat(width * 2 + 4)}${text}`),
    };
    let result: T;
    try {
      result = await fn(ctx);
    } catch (error) {
      if (error instanceof DemoStepError) throw error;
      throw new DemoStepError(name, rec.index, describeError(name, error), { cause: error });
    }
    rec.ms = Date.now() - started;
    const gas = rec.txs.length === 0 ? "no transactions" : `${rec.txs.length} tx, ${rec.gasUsed.toLocaleString("en-US")} gas`;
    this.print(`${" ".repeat(width * 2 + 4)}done: ${gas}, ${(rec.ms / 1000).toFixed(1)} s`);
    return result;
  }
}
