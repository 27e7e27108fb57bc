import { ethers } from "hardhat";
import { CREDIT, gasOf, type GasTable, type SuiteResult } from "../lib";

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

/** Registry and credits against a plain OpenZeppelin ERC-1155 measured in the same run (issue #2). */
export async function foundationSuite(): Promise<SuiteResult> {
  const [admin, holder, other, third] = await ethers.getSigners();
  const gas: GasTable = {};

  const baseline = await ethers.deployContract("BaselineERC1155");
  gas["baseline.erc1155.mint.newHolder"] = await gasOf(baseline.mint(holder.address, 1, 10n * CREDIT));
  gas["baseline.erc1155.mint.existingHolder"] = await gasOf(baseline.mint(holder.address, 1, 10n * CREDIT));
  gas["baseline.erc1155.transfer"] = await gasOf(
    baseline.connect(holder).safeTransferFrom(holder.address, other.address, 1, CREDIT, "0x"),
  );

  const registry = await ethers.deployContract("ProjectRegistry", [admin.address, 0]);
  const credits = await ethers.deployContract("CarbonCredits", [admin.address, 0, await registry.getAddress(), ""]);
  await registry.bindCredits(await credits.getAddress());
  await registry.grantRole(await registry.REGISTRAR_ROLE(), admin.address);
  await registry.grantRole(await registry.VERIFIER_ROLE(), admin.address);
  await credits.grantRole(await credits.ISSUER_ROLE(), admin.address);

  gas["registry.registerProject"] = await gasOf(registry.registerProject(projectInput(admin.address)));
  gas["registry.addBatch"] = await gasOf(registry.addBatch(1, batchInput("VCS-1-2019", 2019, 100n * CREDIT)));
  await registry.addBatch(1, batchInput("VCS-1-2020", 2020, 100n * CREDIT));
  await registry.approveProject(1);

  gas["credits.mint.newHolder"] = await gasOf(credits.mint(holder.address, 1, 10n * CREDIT));
  gas["credits.mint.existingHolder"] = await gasOf(credits.mint(holder.address, 1, 10n * CREDIT));
  // Same scenario as the baseline transfer: 1 credit from a holder to an account holding none.
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
  // The first retirement of the deployment: the most expensive one.
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

  // A project with 128 vintages (the registry's cap): one holder holds only the newest, another only
  // the oldest; each retires 1 credit at project level.
  await registry.registerProject(projectInput(admin.address));
  const big = await registry.projectCount();
  for (let i = 0; i < 128; i++) await registry.addBatch(big, batchInput(`VCS-128-${1990 + i}`, 1990 + i, 10n * CREDIT));
  await registry.approveProject(big);
  const ids = await registry.projectBatches(big);
  await credits.mint(other.address, ids[127], 2n * CREDIT);
  await credits.mint(third.address, ids[0], 2n * CREDIT);
  gas["credits.retireProject.batches128.newest"] = await gasOf(
    credits.connect(other).retireProject(other.address, big, CREDIT, details),
  );
  gas["credits.retireProject.batches128.oldest"] = await gasOf(
    credits.connect(third).retireProject(third.address, big, CREDIT, details),
  );

  return {
    gas,
    targets: [
      { key: "credits.mint.newHolder", limit: 100_000, label: "< 100,000 (seed 003)" },
      {
        key: "credits.mint.newHolder",
        limit: 1.6 * gas["baseline.erc1155.mint.newHolder"],
        label: "≤ 1.6 × baseline mint",
      },
      {
        key: "credits.mint.existingHolder",
        limit: 1.55 * gas["baseline.erc1155.mint.existingHolder"],
        label: "≤ 1.55 × baseline mint to an existing holder",
      },
      { key: "credits.transfer", limit: 1.1 * gas["baseline.erc1155.transfer"], label: "≤ 1.10 × baseline transfer" },
      { key: "credits.retire", limit: 120_000, label: "≤ 120,000" },
      {
        key: "credits.retireProject.batches128.oldest",
        limit: 1.5 * gas["credits.retire"],
        label: "≤ 1.5 × credits.retire (holder of the oldest of 128 vintages)",
      },
      {
        key: "credits.retireProject.batches128.newest",
        limit: 1.5 * gas["credits.retire"],
        label: "≤ 1.5 × credits.retire (holder of the newest of 128 vintages)",
      },
    ],
  };
}
