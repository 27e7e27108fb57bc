// The posting library's errors, in a module of their own without ethers, so that the CLI can name
// them in its error report without loading the chain code (oracle/src/cli/cli.ts).
import type { PostSummary } from "./post";

/** Bad posting input or set-up found before anything is sent (a result that cannot be a report, a signer that is not an oracle signer, no contract at the address, …). */
export class PostingConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PostingConfigError";
  }
}

/**
 * A batch was refused by the chain (in the simulation or the transaction). Batches before it were
 * posted (`partial`); nothing of this batch was. Re-running posts what is missing.
 */
export class BatchRevertedError extends Error {
  /** 0-based index of the batch that failed, of `batches`. */
  readonly batchIndex: number;
  /** Decoded custom error (e.g. `MRVOracleAlreadyReported(…)`), or the raw reason. */
  readonly reason: string;
  /** What was posted before the failure. */
  readonly partial: PostSummary;
  constructor(batchIndex: number, batches: number, stage: "simulation" | "transaction", reason: string, partial: PostSummary, options?: { cause?: unknown }) {
    super(
      `batch ${batchIndex + 1}/${batches} reverted in the ${stage}: ${reason}; ` +
        `${partial.posted.length} reports in ${partial.batches.length} earlier batches are on-chain, nothing of this batch was posted`,
      options,
    );
    this.name = "BatchRevertedError";
    this.batchIndex = batchIndex;
    this.reason = reason;
    this.partial = partial;
  }
}
