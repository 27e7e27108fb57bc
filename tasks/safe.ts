/**
 * `--safe <file>`: instead of sending, the admin tasks append each simulated transaction to a
 * Safe{Wallet} Transaction Builder batch (JSON, version 1.0 — the format its "Load a batch" imports),
 * for the Safe's owners to review, sign and execute.
 */
import fs from "node:fs";
import { getAddress } from "ethers";

/** A Safe Transaction Builder batch being written by `--safe <file>`. */
export interface SafeBatch {
  file: string;
  /** The address the transactions are simulated from (`--safe-address`, else the signer). */
  from: string;
  chainId: number;
  transactions: Array<{ to: string; value: string; data: string; contractMethod: null; contractInputsValues: null }>;
}

/** The JSON the Safe{Wallet} Transaction Builder imports ("Load a batch"), version 1.0. */
export function safeBatchJson(batch: SafeBatch, name: string): object {
  return {
    version: "1.0",
    chainId: String(batch.chainId),
    createdAt: Date.now(),
    meta: { name, description: `OpenTonne admin tasks, simulated from ${batch.from}`, txBuilderVersion: "1.16.5", createdFromSafeAddress: batch.from },
    transactions: batch.transactions,
  };
}

/** Appends `tx` to `batch`, rewrites the batch file (named after `action`), returns the transaction's 0-based index. */
export function queueInSafe(batch: SafeBatch, tx: { to: string; data: string; value: bigint }, action: string): number {
  batch.transactions.push({ to: getAddress(tx.to), value: tx.value.toString(), data: tx.data, contractMethod: null, contractInputsValues: null });
  fs.writeFileSync(batch.file, JSON.stringify(safeBatchJson(batch, action), null, 2) + "\n");
  return batch.transactions.length - 1;
}
