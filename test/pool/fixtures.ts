import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { CarbonPool } from "../../typechain-types";
import type { IProjectRegistry } from "../../typechain-types/contracts/registry/ProjectRegistry";
import { ADMIN_DELAY, ROLES, deploySystem, type System } from "../helpers/fixtures";

/** Pool role ids, as contracts/libraries/Roles.sol computes them. */
export const POOL_ROLES = {
  POOL_MANAGER: ethers.id("POOL_MANAGER_ROLE"),
  ORACLE: ethers.id("ORACLE_ROLE"),
  PAUSER: ROLES.PAUSER,
} as const;

/** CalendarPeriods.Kind. */
export const Kind = { Monthly: 0, Quarterly: 1, Yearly: 2 } as const;
/** ICarbonPool.PeriodStatus. */
export const PeriodStatus = { None: 0n, Open: 1n, Closed: 2n, Cancelled: 3n, Aborted: 4n } as const;

/** CarbonPool's default close grace and claim window, seconds. */
export const DEFAULT_CLOSE_GRACE = 2n * 86_400n;
export const DEFAULT_CLAIM_WINDOW = 365n * 86_400n;

/** Seed 000's pool id, used as the pool project's name. */
export const POOL_NAME = "indian_carbon_market_pool";

/** Grams per kilogram. */
export const KG = 1_000n;

export interface PoolSystem extends System {
  pool: CarbonPool;
  poolAddress: string;
  manager: HardhatEthersSigner;
  oracle: HardhatEthersSigner;
  treasury: HardhatEthersSigner;
  /** Seven more accounts for members (besides alice, bob, carol). */
  extra: HardhatEthersSigner[];
}

/** The pool project's registration input (owner = the pool). */
export function poolProjectInput(
  poolAddress: string,
  over: Partial<IProjectRegistry.ProjectInputStruct> = {},
): IProjectRegistry.ProjectInputStruct {
  return {
    owner: poolAddress,
    name: POOL_NAME,
    standard: "ICM",
    methodology: "AMS-I.D",
    country: "IN",
    uri: "ipfs://pool-metadata",
    estimatedCredits: 0n,
    ...over,
  };
}

/**
 * deploySystem plus a CarbonPool with REGISTRAR_ROLE on the registry and ISSUER_ROLE on the token, its
 * own manager, oracle and treasury accounts, and the system's pauser as its pauser. No project yet.
 */
export async function deployPool(): Promise<PoolSystem> {
  const sys = await deploySystem();
  const signers = await ethers.getSigners();
  const [manager, oracle, treasury, ...extra] = signers.slice(10);
  const pool = await ethers.deployContract("CarbonPool", [
    sys.admin.address,
    ADMIN_DELAY,
    await sys.registry.getAddress(),
    await sys.credits.getAddress(),
    treasury.address,
  ]);
  const poolAddress = await pool.getAddress();
  await sys.registry.connect(sys.admin).grantRole(ROLES.REGISTRAR, poolAddress);
  await sys.credits.connect(sys.admin).grantRole(ROLES.ISSUER, poolAddress);
  await sys.credits.connect(sys.admin).grantRole(ROLES.ESCROW, poolAddress);
  await pool.connect(sys.admin).grantRole(POOL_ROLES.POOL_MANAGER, manager.address);
  await pool.connect(sys.admin).grantRole(POOL_ROLES.ORACLE, oracle.address);
  await pool.connect(sys.admin).grantRole(POOL_ROLES.PAUSER, sys.pauser.address);
  return { ...sys, pool, poolAddress, manager, oracle, treasury, extra: extra.slice(0, 7) };
}

/** deployPool plus the pool project registered and approved, and alice, bob, carol admitted. */
export async function approvedPool(): Promise<PoolSystem & { projectId: bigint }> {
  const ctx = await deployPool();
  await ctx.pool.connect(ctx.manager).registerPoolProject(poolProjectInput(ctx.poolAddress));
  const projectId = await ctx.pool.projectId();
  await ctx.registry.connect(ctx.verifier).approveProject(projectId);
  for (const m of [ctx.alice, ctx.bob, ctx.carol]) await ctx.pool.connect(ctx.manager).admitMember(m.address);
  return { ...ctx, projectId };
}

/** Unix seconds of 00:00:00 UTC on year-month-day (month 1..12). */
export function utc(year: number, month: number, day = 1): bigint {
  return BigInt(Date.UTC(year, month - 1, day) / 1000);
}

/** Moves the chain to unix time `at` if it is not there yet (a pool period can open only once started). */
export async function reach(at: bigint): Promise<void> {
  if (BigInt(await time.latest()) < at) await time.increaseTo(at);
}

/** Opens the monthly period of `year-month` (moving the chain to its 15th if needed) and returns its id. */
export async function openMonth(ctx: PoolSystem, year: number, month: number): Promise<bigint> {
  const at = utc(year, month, 15);
  await reach(at);
  await ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, at);
  return ctx.pool.periodCount();
}

/** Moves the chain past the end plus the close grace of `periodId` (if it is not already): it can close. */
export async function passEnd(ctx: PoolSystem, periodId: bigint): Promise<void> {
  const { end, closeGrace } = await ctx.pool.getPeriod(periodId);
  if (BigInt(await time.latest()) <= end + closeGrace) await time.increaseTo(end + closeGrace + 1n);
}
