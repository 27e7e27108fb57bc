import type { ContractTransactionResponse } from "ethers";

/** Operation name → gas used by its transaction. */
export type GasTable = Record<string, number>;

/** A gas target: `gas[key] <= limit`, described by `label`. */
export interface Target {
  key: string;
  limit: number;
  label: string;
}

/** What one benchmark suite measured and the targets it must meet. */
export interface SuiteResult {
  gas: GasTable;
  targets: Target[];
}

/** 1 credit = 1 tCO2e = 1_000_000 units (grams CO2e). */
export const CREDIT = 1_000_000n;

/** Waits for `tx` and returns its `gasUsed` as a number. Throws if there is no receipt. */
export async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await tx).wait();
  if (!receipt) throw new Error("transaction has no receipt");
  return Number(receipt.gasUsed);
}
