import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deploySystem, approvedProjectWithBatches, CREDIT, retirementDetails } from "./fixtures";

describe("smoke", () => {
  it("mints and retires", async () => {
    const sys = await loadFixture(deploySystem);
    const { projectId, batchIds } = await approvedProjectWithBatches(sys, [[2020, 5n * CREDIT], [2019, 5n * CREDIT]]);
    expect(await sys.registry.projectBatches(projectId)).to.deep.equal([batchIds[1], batchIds[0]]);
    await sys.credits.connect(sys.issuer).mintProject(sys.alice.address, projectId, 7n * CREDIT);
    expect(await sys.credits.balanceOf(sys.alice.address, batchIds[1])).to.equal(5n * CREDIT);
    await sys.credits.connect(sys.alice).retireProject(sys.alice.address, projectId, 6n * CREDIT, retirementDetails(sys.bob.address));
    expect(await sys.credits.totalSupply(batchIds[0])).to.equal(1n * CREDIT);
  });
});
