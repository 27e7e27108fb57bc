import { ethers } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { CarbonCredits, ProjectRegistry } from "../../typechain-types";
import type { IProjectRegistry } from "../../typechain-types/contracts/registry/ProjectRegistry";
import type { ICarbonCredits } from "../../typechain-types/contracts/token/CarbonCredits";

/** 1 credit = 1 tCO2e = 1_000_000 units (grams CO2e). */
export const CREDIT = 1_000_000n;

/** Role ids, as the contracts compute them (contracts/libraries/Roles.sol). */
export const ROLES = {
  DEFAULT_ADMIN: ethers.ZeroHash,
  REGISTRAR: ethers.id("REGISTRAR_ROLE"),
  VERIFIER: ethers.id("VERIFIER_ROLE"),
  ISSUER: ethers.id("ISSUER_ROLE"),
  METADATA: ethers.id("METADATA_ROLE"),
  PAUSER: ethers.id("PAUSER_ROLE"),
  ESCROW: ethers.id("ESCROW_ROLE"),
} as const;

/** ProjectStatus enum values (IProjectRegistry.ProjectStatus). */
export const Status = { None: 0n, Pending: 1n, Approved: 2n, Rejected: 3n, Suspended: 4n, Deactivated: 5n } as const;

/** Delay before a new default admin can accept the role, seconds. */
export const ADMIN_DELAY = 3n * 24n * 3600n;

export const DEFAULT_URI = "https://meta.opentonne.org/batch/{id}.json";

export interface System {
  registry: ProjectRegistry;
  credits: CarbonCredits;
  admin: HardhatEthersSigner;
  registrar: HardhatEthersSigner;
  verifier: HardhatEthersSigner;
  issuer: HardhatEthersSigner;
  pauser: HardhatEthersSigner;
  metadata: HardhatEthersSigner;
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  carol: HardhatEthersSigner;
  outsider: HardhatEthersSigner;
}

/** Deploys registry + credits, binds them and hands each narrow role to its own account. */
export async function deploySystem(): Promise<System> {
  const [admin, registrar, verifier, issuer, pauser, metadata, alice, bob, carol, outsider] = await ethers.getSigners();
  const registry = await ethers.deployContract("ProjectRegistry", [admin.address, ADMIN_DELAY]);
  const credits = await ethers.deployContract("CarbonCredits", [
    admin.address,
    ADMIN_DELAY,
    await registry.getAddress(),
    DEFAULT_URI,
  ]);
  await registry.connect(admin).bindCredits(await credits.getAddress());
  await registry.connect(admin).grantRole(ROLES.REGISTRAR, registrar.address);
  await registry.connect(admin).grantRole(ROLES.VERIFIER, verifier.address);
  await credits.connect(admin).grantRole(ROLES.ISSUER, issuer.address);
  await credits.connect(admin).grantRole(ROLES.PAUSER, pauser.address);
  await credits.connect(admin).grantRole(ROLES.METADATA, metadata.address);
  return { registry, credits, admin, registrar, verifier, issuer, pauser, metadata, alice, bob, carol, outsider };
}

let serialCounter = 0;

/** A valid ProjectInput; override any field. */
export function projectInput(
  owner: string,
  over: Partial<IProjectRegistry.ProjectInputStruct> = {},
): IProjectRegistry.ProjectInputStruct {
  return {
    owner,
    name: "Plant 1 solar, Andhra Pradesh",
    standard: "VCS",
    methodology: "AMS-I.D",
    country: "IN",
    uri: "ipfs://project-metadata",
    estimatedCredits: 1_000n * CREDIT,
    ...over,
  };
}

/** A valid BatchInput with a fresh unique serial; override any field. */
export function batchInput(
  vintage: number,
  totalSupply: bigint,
  over: Partial<IProjectRegistry.BatchInputStruct> = {},
): IProjectRegistry.BatchInputStruct {
  const start = BigInt(Date.UTC(vintage, 0, 1) / 1000);
  const end = BigInt(Date.UTC(vintage, 11, 31) / 1000);
  return { serial: `VCS-TEST-${vintage}-${++serialCounter}`, vintage, startDate: start, endDate: end, totalSupply, ...over };
}

/** RetirementDetails for `beneficiary`; override any field. */
export function retirementDetails(
  beneficiary: string,
  over: Partial<ICarbonCredits.RetirementDetailsStruct> = {},
): ICarbonCredits.RetirementDetailsStruct {
  return {
    beneficiary,
    beneficiaryName: "Acme Textiles Pvt Ltd",
    reason: "offset claim: FY2026 scope 2",
    referenceId: "INV-2026-0042",
    consumptionCountry: "IN",
    ...over,
  };
}

/** Registers a project owned by `owner` and returns its id. */
export async function registerProject(sys: System, owner?: string): Promise<bigint> {
  await sys.registry.connect(sys.registrar).registerProject(projectInput(owner ?? sys.alice.address));
  return sys.registry.projectCount();
}

/** Registers and approves a project with batches of the given vintages and supplies; returns ids. */
export async function approvedProjectWithBatches(
  sys: System,
  batches: Array<[vintage: number, supply: bigint]>,
): Promise<{ projectId: bigint; batchIds: bigint[] }> {
  const projectId = await registerProject(sys);
  const batchIds: bigint[] = [];
  for (const [vintage, supply] of batches) {
    await sys.registry.connect(sys.registrar).addBatch(projectId, batchInput(vintage, supply));
    batchIds.push(await sys.registry.batchCount());
  }
  await sys.registry.connect(sys.verifier).approveProject(projectId);
  return { projectId, batchIds };
}

/**
 * deploySystem plus an approved project with vintages 2021, 2020, 2022 added in that order (stable
 * positions 0, 1, 2; 10 credits each) and a second approved project with one 2019 batch (`bOther`).
 */
export async function threeVintages() {
  const sys = await deploySystem();
  const {
    projectId,
    batchIds: [b2021, b2020, b2022],
  } = await approvedProjectWithBatches(sys, [
    [2021, 10n * CREDIT],
    [2020, 10n * CREDIT],
    [2022, 10n * CREDIT],
  ]);
  const other = await approvedProjectWithBatches(sys, [[2019, 10n * CREDIT]]);
  return { ...sys, projectId, b2021, b2020, b2022, otherProject: other.projectId, bOther: other.batchIds[0] };
}
