/**
 * Gas benchmark: runs each measured operation once on the in-process Hardhat network, prints a
 * table and writes `reports/gas.json` (operation name → gasUsed). Targets from issue #2 are
 * checked and reported; the script exits non-zero if one is missed.
 *
 * Usage: `npm run bench`
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ethers } from "hardhat";
import type { ContractTransactionResponse } from "ethers";

const CREDIT = 1_000_000n;
const ROLE = (name: string) => ethers.id(name);

async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await tx).wait();
  if (!receipt) throw new Error("no receipt");
  return Number(receipt.gasUsed);
}

function batchInput(serial: string, vintage: number, totalSupply: bigint) {
  const startDate = BigInt(Date.UTC(vintage, 0, 1) / 1000);
  const endDate = BigInt(Date.UTC(vintage, 11, 31) / 1000);
  return { serial, vintage, startDate, endDate, totalSupply };
}

function projectInput(owner: string) {
  return {
    owner,
    name: "Plant 1 solar, Andhra Pradesh",
    standard: "VCS",
    methodology: "AMS-I.D",
    country: "IN",
    uri: "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
    estimatedCredits: 1_000n * CREDIT,
  };
}

async function main(): Promise<void> {
  const [admin, holder, other, third] = await ethers.getSigners();
  const gas: Record<string, number> = {};

  // Baseline: a plain OpenZeppelin ERC-1155 measured in the same run.
  const baseline = await ethers.deployContract("BaselineERC1155");
  gas["baseline.erc1155.mint.newHolder"] = await gasOf(baseline.mint(holder.address, 1, 10n * CREDIT));
  gas["baseline.erc1155.transfer"] = await gasOf(
    baseline.connect(holder).safeTransferFrom(holder.address, other.address, 1, CREDIT, "0x"),
  );

  const registry = await ethers.deployContract("ProjectRegistry", [admin.address, 0]);
  const credits = await ethers.deployContract("CarbonCredits", [admin.address, 0, await registry.getAddress(), ""]);
  await registry.bindCredits(await credits.getAddress());
  await registry.grantRole(ROLE("REGISTRAR_ROLE"), admin.address);
  await registry.grantRole(ROLE("VERIFIER_ROLE"), admin.address);
  await credits.grantRole(ROLE("ISSUER_ROLE"), admin.address);

  gas["registry.registerProject"] = await gasOf(registry.registerProject(projectInput(admin.address)));
  gas["registry.addBatch"] = await gasOf(registry.addBatch(1, batchInput("VCS-1-2019", 2019, 100n * CREDIT)));
  await registry.addBatch(1, batchInput("VCS-1-2020", 2020, 100n * CREDIT));
  await registry.approveProject(1);

  gas["credits.mint.newHolder"] = await gasOf(credits.mint(holder.address, 1, 10n * CREDIT));
  gas["credits.mint.existingHolder"] = await gasOf(credits.mint(holder.address, 1, 10n * CREDIT));
  gas["credits.transfer"] = await gasOf(
    credits.connect(holder).safeTransferFrom(holder.address, other.address, 1, CREDIT, "0x"),
  );
  const details = {
    beneficiary: third.address,
    beneficiaryName: "Acme Textiles Pvt Ltd",
    reason: "offset claim: FY2026 scope 2",
    referenceId: "INV-2026-0042",
    consumptionCountry: "IN",
  };
  gas["credits.retire"] = await gasOf(credits.connect(holder).retire(holder.address, 1, CREDIT, details));

  // A project with three small vintages: a project-level mint and retirement spill across all three.
  await registry.registerProject(projectInput(admin.address));
  for (const year of [2018, 2019, 2020]) await registry.addBatch(2, batchInput(`GS-2-${year}`, year, 2n * CREDIT));
  await registry.addBatch(2, batchInput("GS-2-2021", 2021, 100n * CREDIT));
  await registry.approveProject(2);
  gas["credits.mintProject.spill3"] = await gasOf(credits.mintProject(other.address, 2, 5n * CREDIT));
  gas["credits.retireProject.spill3"] = await gasOf(
    credits.connect(other).retireProject(other.address, 2, 5n * CREDIT, details),
  );

  const targets: Array<[string, number, string]> = [
    ["credits.mint.newHolder", 100_000, "< 100,000 (seed 003)"],
    ["credits.mint.newHolder", 1.6 * gas["baseline.erc1155.mint.newHolder"], "≤ 1.6 × baseline mint"],
    ["credits.transfer", 1.1 * gas["baseline.erc1155.transfer"], "≤ 1.10 × baseline transfer"],
    ["credits.retire", 120_000, "≤ 120,000"],
  ];

  console.table(Object.entries(gas).map(([operation, gasUsed]) => ({ operation, gasUsed })));
  let missed = 0;
  for (const [key, limit, label] of targets) {
    const ok = gas[key] <= limit;
    if (!ok) missed++;
    console.log(`${ok ? "ok  " : "MISS"} ${key} = ${gas[key]} (target ${label}: ${Math.floor(limit)})`);
  }

  const out = path.join(__dirname, "..", "..", "reports", "gas.json");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(gas, null, 2) + "\n");
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
  if (missed > 0) {
    console.error(`${missed} gas target(s) missed`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
