import { ethers } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { CreditMarketplace, MockUSD } from "../../typechain-types";
import type { Deployment } from "../../sdk";
import { ADMIN_DELAY } from "../helpers/fixtures";
import { MARKET_ROLES } from "../market/fixtures";
import { oracleSystem, type OracleSystem } from "../mrv-oracle/MRVOracle.fixtures";

/**
 * The whole system for SDK tests: {@link oracleSystem} (registry, credits, an approved pool with alice,
 * bob and carol, an MRVOracle with devices A/B/C and the March 2025 period open) plus a marketplace
 * (admin holds FEE_ADMIN and MARKET_ADMIN) with a 6-decimal MockUSD on the allow-list, and the
 * {@link Deployment} the SDK connects with.
 */
export interface SdkSystem extends OracleSystem {
  market: CreditMarketplace;
  usd: MockUSD;
  feeRecipient: HardhatEthersSigner;
  dave: HardhatEthersSigner;
  deployment: Deployment;
}

/** Deploys {@link SdkSystem}; use with `loadFixture`. */
export async function sdkSystem(): Promise<SdkSystem> {
  const ctx = await oracleSystem();
  const signers = await ethers.getSigners();
  const [feeRecipient, dave] = signers.slice(17, 19);
  const market = await ethers.deployContract("CreditMarketplace", [
    ctx.admin.address,
    ADMIN_DELAY,
    await ctx.credits.getAddress(),
    feeRecipient.address,
  ]);
  await market.connect(ctx.admin).grantRole(MARKET_ROLES.FEE_ADMIN, ctx.admin.address);
  await market.connect(ctx.admin).grantRole(MARKET_ROLES.MARKET_ADMIN, ctx.admin.address);
  await market.connect(ctx.admin).grantRole(MARKET_ROLES.PAUSER, ctx.pauser.address);
  await ctx.credits.connect(ctx.admin).grantRole(ethers.id("ESCROW_ROLE"), await market.getAddress());
  const usd = await ethers.deployContract("MockUSD", ["Mock USD", "mUSD"]);
  await market.connect(ctx.admin).setPaymentToken(await usd.getAddress(), true);
  const firstBlock = (await ctx.registry.deploymentTransaction()?.wait())?.blockNumber ?? 0;
  const deployment: Deployment = {
    registry: await ctx.registry.getAddress(),
    credits: await ctx.credits.getAddress(),
    market: await market.getAddress(),
    pool: ctx.poolAddress,
    oracle: ctx.mrvAddress,
    deploymentBlock: firstBlock,
  };
  return { ...ctx, market, usd, feeRecipient, dave, deployment };
}
