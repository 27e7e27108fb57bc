import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ADMIN_DELAY, CREDIT, batchInput, deploySystem, projectInput, threeVintages } from "../helpers/fixtures";

/**
 * Stable positions: a batch's position in its project is the number of batches the project had when
 * it was added; the ledger functions return it, positionsOldestFirst puts a set of positions in
 * vintage order and batchesAtPositions maps positions back to batch ids.
 */
describe("ProjectRegistry stable positions", () => {
  it("recordIssuance and recordProjectIssuance return the batches' stable positions", async () => {
    const base = await loadFixture(deploySystem);
    const ledger = base.carol;
    const registry = await ethers.deployContract("ProjectRegistry", [base.admin.address, ADMIN_DELAY]);
    await registry.connect(base.admin).bindCredits(ledger.address); // an account: addBatch tells it nothing
    await registry.connect(base.admin).grantRole(await registry.REGISTRAR_ROLE(), base.registrar.address);
    await registry.connect(base.admin).grantRole(await registry.VERIFIER_ROLE(), base.verifier.address);
    await registry.connect(base.registrar).registerProject(projectInput(base.alice.address));
    for (const vintage of [2021, 2019, 2020]) await registry.connect(base.registrar).addBatch(1n, batchInput(vintage, CREDIT));
    await registry.connect(base.verifier).approveProject(1n);
    const asLedger = registry.connect(ledger);
    expect([...(await asLedger.recordIssuance.staticCall(3n, 1n))]).to.deep.equal([1n, 2n]);
    const [ids, amounts, positions] = await asLedger.recordProjectIssuance.staticCall(1n, 2n * CREDIT + 1n);
    expect([Array.from(ids), Array.from(amounts), Array.from(positions)]).to.deep.equal([
      [2n, 3n, 1n],
      [CREDIT, CREDIT, 1n],
      [1n, 2n, 0n],
    ]);
  });

  it("positionsOldestFirst reverts RegistryUnknownProject and RegistryUnknownPosition; an empty set gives none", async () => {
    const sys = await loadFixture(threeVintages);
    const { registry, projectId } = sys;
    expect(Array.from(await registry.positionsOldestFirst(projectId, 0n))).to.deep.equal([]);
    expect(Array.from(await registry.positionsOldestFirst(projectId, 0b111n))).to.deep.equal([1n, 0n, 2n]);
    await expect(registry.positionsOldestFirst(99n, 1n)).to.be.revertedWithCustomError(registry, "RegistryUnknownProject").withArgs(99n);
    await expect(registry.positionsOldestFirst(projectId, 0b1001n))
      .to.be.revertedWithCustomError(registry, "RegistryUnknownPosition")
      .withArgs(projectId, 3n);
    await expect(registry.positionsOldestFirst(projectId, (1n << 200n) | 1n))
      .to.be.revertedWithCustomError(registry, "RegistryUnknownPosition")
      .withArgs(projectId, 200n);
  });

  it("batchesAtPositions maps positions to batch ids and reverts RegistryUnknownPosition", async () => {
    const sys = await loadFixture(threeVintages);
    const { registry, projectId } = sys;
    expect(Array.from(await registry.batchesAtPositions(projectId, [2n, 0n, 1n]))).to.deep.equal([sys.b2022, sys.b2021, sys.b2020]);
    await expect(registry.batchesAtPositions(projectId, [0n, 3n]))
      .to.be.revertedWithCustomError(registry, "RegistryUnknownPosition")
      .withArgs(projectId, 3n);
    await expect(registry.batchesAtPositions(projectId, [128n]))
      .to.be.revertedWithCustomError(registry, "RegistryUnknownPosition")
      .withArgs(projectId, 128n);
    await expect(registry.batchesAtPositions(99n, [0n])).to.be.revertedWithCustomError(registry, "RegistryUnknownPosition").withArgs(99n, 0n);
  });

  it("bindCredits reverts RegistryBatchesBeforeBinding once a batch exists (the token must learn every batch)", async () => {
    const sys = await loadFixture(deploySystem);
    const fresh = await ethers.deployContract("ProjectRegistry", [sys.admin.address, ADMIN_DELAY]);
    await fresh.connect(sys.admin).grantRole(await fresh.REGISTRAR_ROLE(), sys.registrar.address);
    await fresh.connect(sys.registrar).registerProject(projectInput(sys.alice.address));
    await fresh.connect(sys.registrar).addBatch(1n, batchInput(2021, CREDIT));
    await expect(fresh.connect(sys.admin).bindCredits(sys.bob.address))
      .to.be.revertedWithCustomError(fresh, "RegistryBatchesBeforeBinding")
      .withArgs(1n);
    expect(await fresh.credits()).to.equal(ethers.ZeroAddress);
  });
});
