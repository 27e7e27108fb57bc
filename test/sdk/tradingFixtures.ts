import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { OpenTonne } from "../../sdk";
import { CREDIT, approvedProjectWithBatches } from "../helpers/fixtures";
import { sdkSystem, type SdkSystem } from "./fixtures";

/** 1 USD in the 6-decimal MockUSD's smallest units. */
export const USD = 1_000_000n;
/** Credits alice and bob hold in each 2020 batch / the 2022 batch. */
export const HELD_2020A = 1_000n * CREDIT;
export const HELD_2020B = 50n * CREDIT;
export const HELD_2022 = 100n * CREDIT;
/** MockUSD minted to carol and dave (no approvals given). */
export const BUYER_USD = 1_000_000n * USD;

/**
 * {@link sdkSystem} plus an approved project with two 2020 batches (`b2020a`, `b2020b`) and one 2022
 * batch (`b2022`), credits of each held by alice and bob (sellers, no marketplace approval), and
 * MockUSD held by carol and dave (buyers, no allowance).
 */
export interface TradingSystem extends SdkSystem {
  tradeProjectId: bigint;
  b2020a: bigint;
  b2020b: bigint;
  b2022: bigint;
  usdAddress: string;
  marketAddress: string;
}

/** Deploys {@link TradingSystem}; use with `loadFixture`. */
export async function tradingSystem(): Promise<TradingSystem> {
  const sys = await sdkSystem();
  const { projectId, batchIds } = await approvedProjectWithBatches(sys, [
    [2020, 10_000n * CREDIT],
    [2020, 10_000n * CREDIT],
    [2022, 10_000n * CREDIT],
  ]);
  const [b2020a, b2020b, b2022] = batchIds;
  for (const holder of [sys.alice, sys.bob]) {
    await sys.credits.connect(sys.issuer).mint(holder.address, b2020a, HELD_2020A);
    await sys.credits.connect(sys.issuer).mint(holder.address, b2020b, HELD_2020B);
    await sys.credits.connect(sys.issuer).mint(holder.address, b2022, HELD_2022);
  }
  for (const buyer of [sys.carol, sys.dave]) await sys.usd.mint(buyer.address, BUYER_USD);
  return {
    ...sys,
    tradeProjectId: projectId,
    b2020a,
    b2020b,
    b2022,
    usdAddress: await sys.usd.getAddress(),
    marketAddress: await sys.market.getAddress(),
  };
}

/** Loads {@link tradingSystem} and returns it with `as(signer)`: an SDK client connected as that signer. */
export async function tradingSetup() {
  const sys = await loadFixture(tradingSystem);
  const as = (signer: HardhatEthersSigner) => OpenTonne.connect(signer, { addresses: sys.deployment });
  return { sys, as };
}
