import { ethers } from "hardhat";
import { setBalance } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { HDNodeWallet } from "ethers";
import {
  loadDeviceRegistry,
  readKaggleGeneration,
  readKaggleSensor,
  runPipeline,
  type DeviceDayResult,
} from "../../../oracle/src/lib";
import { onChainDeviceId } from "../../../oracle/src/lib/post";
import { Kind, approvedPool, utc, type PoolSystem } from "../../pool/fixtures";
import { deployOracle } from "../../mrv-oracle/MRVOracle.fixtures";
import { PLANT1_DEVICES, PLANT1_GENERATION, PLANT1_SENSOR } from "./fixtures";

/** The pipeline's results over the committed Plant 1 fixture (22 inverters × 8 UTC days, on-site sensor), computed once. */
let plant1Results: DeviceDayResult[] | undefined;
export function plant1(): DeviceDayResult[] {
  plant1Results ??= runPipeline(readKaggleGeneration(PLANT1_GENERATION), loadDeviceRegistry(PLANT1_DEVICES), () =>
    readKaggleSensor(PLANT1_SENSOR),
  ).results;
  return plant1Results;
}

/** A system to post Plant 1 to: pool (alice, bob, carol) with June 2020 open, MRVOracle 1-of-1, every inverter registered. */
export interface PostSystem extends Awaited<ReturnType<typeof deployOracle>>, PoolSystem {
  periodId: bigint;
  /** Pipeline device id → owner (alice, bob, carol in turn, by sorted id). */
  ownerOf: Map<string, HardhatEthersSigner>;
  /** An oracle signer whose private key the test holds (for the env-driven entry point), funded with ETH. */
  keySigner: HDNodeWallet;
}

/**
 * approvedPool + MRVOracle (1-of-1: the fixture's signer1) + a second oracle signer `keySigner` (random
 * key, funded; quorum stays 1), the pool's June 2020 period open, and every Plant 1 inverter of
 * devices.json registered on-chain (id keccak256(SOURCE_KEY), owners alice, bob, carol in turn).
 */
export async function postSystem(): Promise<PostSystem> {
  const ctx = await approvedPool();
  const o = await deployOracle(ctx);
  await ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, utc(2020, 6, 15));
  const periodId = await ctx.pool.periodCount();
  const registry = loadDeviceRegistry(PLANT1_DEVICES);
  const members = [ctx.alice, ctx.bob, ctx.carol];
  const ownerOf = new Map<string, HardhatEthersSigner>();
  [...registry.keys()].sort().forEach((id, i) => ownerOf.set(id, members[i % members.length]));
  for (const [id, owner] of ownerOf) {
    const d = registry.get(id)!;
    await o.mrv.connect(o.deviceRegistrar).registerDevice(onChainDeviceId(id), {
      owner: owner.address,
      latMicroDeg: Math.round(d.lat * 1e6),
      lonMicroDeg: Math.round(d.lon * 1e6),
      capacityW: BigInt(d.capacityW),
      emissionFactorGPerKWh: d.emissionFactorGPerKWh,
    });
  }
  const keySigner = ethers.Wallet.createRandom();
  await o.mrv.connect(ctx.admin).addSigner(keySigner.address);
  await setBalance(keySigner.address, ethers.parseEther("100"));
  return { ...ctx, ...o, periodId, ownerOf, keySigner };
}

/** Whether each of `results` is on-chain. */
export async function reportedFlags(ctx: PostSystem, results: readonly DeviceDayResult[]): Promise<boolean[]> {
  return Promise.all(results.map((r) => ctx.mrv.isReported(onChainDeviceId(r.deviceId), r.day)));
}

/** Σ VERIFIED co2Grams of `results` per owner address. */
export function verifiedGramsByOwner(ctx: PostSystem, results: readonly DeviceDayResult[]): Map<string, bigint> {
  const m = new Map<string, bigint>();
  for (const r of results) {
    if (r.status !== "VERIFIED") continue;
    const owner = ctx.ownerOf.get(r.deviceId)!.address;
    m.set(owner, (m.get(owner) ?? 0n) + BigInt(r.co2Grams));
  }
  return m;
}
