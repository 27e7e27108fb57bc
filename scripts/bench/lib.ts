import { ethers } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { ContractTransactionResponse } from "ethers";
import type { CarbonCredits, CarbonPool, ProjectRegistry } from "../../typechain-types";

/** Operation name → gas used by its transaction. */
export type GasTable = Record<string, number>;

/**
 * A gas target: `gas[key] <= limit`, described by `label`. A function limit is evaluated on the merged
 * table of every suite, so a target may compare with another suite's measurement.
 */
export interface Target {
  key: string;
  limit: number | ((gas: GasTable) => number);
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

/** A registry, a credits token and a pool whose registry project is registered and approved. */
export interface PoolDeployment {
  registry: ProjectRegistry;
  credits: CarbonCredits;
  pool: CarbonPool;
  poolAddress: string;
}

/**
 * Deploys ProjectRegistry, CarbonCredits and a CarbonPool (treasury = `admin`), wires the pool
 * (REGISTRAR_ROLE on the registry, ISSUER_ROLE on the token), makes `admin` the pool manager and the
 * registry verifier, registers the pool project `indian_carbon_market_pool` and approves it. No period
 * is open and no oracle is set: the caller does that.
 */
export async function deployApprovedPool(admin: HardhatEthersSigner): Promise<PoolDeployment> {
  const registry = await ethers.deployContract("ProjectRegistry", [admin.address, 0]);
  const credits = await ethers.deployContract("CarbonCredits", [admin.address, 0, await registry.getAddress(), ""]);
  await registry.bindCredits(await credits.getAddress());
  await registry.grantRole(await registry.VERIFIER_ROLE(), admin.address);
  const pool = await ethers.deployContract("CarbonPool", [
    admin.address,
    0,
    await registry.getAddress(),
    await credits.getAddress(),
    admin.address,
  ]);
  const poolAddress = await pool.getAddress();
  await registry.grantRole(await registry.REGISTRAR_ROLE(), poolAddress);
  await credits.grantRole(await credits.ISSUER_ROLE(), poolAddress);
  await pool.grantRole(await pool.POOL_MANAGER_ROLE(), admin.address);
  await pool.registerPoolProject({
    owner: poolAddress,
    name: "indian_carbon_market_pool",
    standard: "ICM",
    methodology: "AMS-I.D",
    country: "IN",
    uri: "",
    estimatedCredits: 0,
  });
  await registry.approveProject(await pool.projectId());
  return { registry, credits, pool, poolAddress };
}
