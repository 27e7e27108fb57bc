import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import OpenTonneModule from "../../ignition/modules/OpenTonne";
import { output } from "../../tasks/lib";
import type { CarbonCredits, CarbonPool, CreditMarketplace, MRVOracle, MockUSD, ProjectRegistry } from "../../typechain-types";

/** 1 credit = 1,000,000 units. */
export const CREDIT = 1_000_000n;

/** The system deployed by the OpenTonne module (every role with the deployer) and its address file. */
export interface TaskFixture {
  registry: ProjectRegistry;
  credits: CarbonCredits;
  market: CreditMarketplace;
  pool: CarbonPool;
  oracle: MRVOracle;
  usd: MockUSD;
  addressesFile: string;
  deployer: HardhatEthersSigner;
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  outsider: HardhatEthersSigner;
}

let dir: string | undefined;

/** Deploys the OpenTonne module and writes its addresses to a temporary JSON file (`--addresses`). */
async function deployed(): Promise<TaskFixture> {
  const [deployer, alice, bob, outsider] = await ethers.getSigners();
  const r = await hre.ignition.deploy(OpenTonneModule, { parameters: { OpenTonne: { adminTransferDelay: 60n } } });
  const at = async <T>(name: string, c: { getAddress(): Promise<string> }) =>
    (await ethers.getContractAt(name, await c.getAddress())) as unknown as T;
  const f = {
    registry: await at<ProjectRegistry>("ProjectRegistry", r.registry),
    credits: await at<CarbonCredits>("CarbonCredits", r.credits),
    market: await at<CreditMarketplace>("CreditMarketplace", r.market),
    pool: await at<CarbonPool>("CarbonPool", r.pool),
    oracle: await at<MRVOracle>("MRVOracle", r.oracle),
    usd: await at<MockUSD>("MockUSD", r.usd),
  };
  dir ??= fs.mkdtempSync(path.join(os.tmpdir(), "opentonne-tasks-"));
  const addressesFile = path.join(dir, "addresses.json");
  const addresses: Record<string, string> = {};
  for (const key of ["registry", "credits", "market", "pool", "oracle"] as const) addresses[key] = await f[key].getAddress();
  fs.writeFileSync(addressesFile, JSON.stringify(addresses));
  return { ...f, addressesFile, deployer, alice, bob, outsider };
}

/** The deployed system, reverted to its fresh state (loadFixture). Silences the tasks' output. */
export async function fixture(): Promise<TaskFixture> {
  output.quiet = true;
  return loadFixture(deployed);
}

/** `hre.run(name, args)` with `--addresses` pointing at the fixture's file. */
export function run<T = Record<string, unknown>>(f: TaskFixture, name: string, args: Record<string, unknown> = {}): Promise<T> {
  return hre.run(name, { addresses: f.addressesFile, ...args }) as Promise<T>;
}

/**
 * Awaits `promise`, expects it to fail with an error named `errorName` (e.g. TaskArgumentError) whose
 * message matches `pattern`, and returns the error.
 */
export async function expectTaskError(
  promise: Promise<unknown>,
  errorName: string,
  pattern: RegExp,
): Promise<Error & Record<string, unknown>> {
  let caught: unknown;
  try {
    await promise;
  } catch (e) {
    caught = e;
  }
  expect(caught, "expected the task to fail").to.be.instanceOf(Error);
  const e = caught as Error & Record<string, unknown>;
  expect(e.name).to.equal(errorName);
  expect(e.message).to.match(pattern);
  return e;
}

/** Registers a project owned by `owner` through the task and returns its id. */
export async function registerProject(f: TaskFixture, owner = f.alice.address): Promise<bigint> {
  const r = await run<{ projectId: bigint }>(f, "registry:register", {
    name: "Plant 1 solar",
    owner,
    standard: "VCS",
    methodology: "AMS-I.D",
    country: "IN",
  });
  return r.projectId;
}

/** Registers, adds one 2024 batch of `supply` credits to, and approves a project; returns the ids. */
export async function approvedProject(f: TaskFixture, supply = "100", serial = "VCS-2024-1"): Promise<{ projectId: bigint; batchId: bigint }> {
  const projectId = await registerProject(f);
  const { batchId } = await run<{ batchId: bigint }>(f, "registry:add-batch", {
    project: projectId.toString(),
    serial,
    vintage: "2024",
    start: "2024-01-01",
    end: "2024-12-31",
    supply,
  });
  await run(f, "registry:approve", { project: projectId.toString() });
  return { projectId, batchId };
}
