/**
 * The batched reads of the property tests (test/helpers/read-lens.ts, contracts/mocks/ReadLens.sol)
 * return what the direct calls return, follow state changes despite their decode memo, and name a
 * reverted read. Titled @skip-on-coverage: it checks a test helper, and reaches only view functions
 * the contract tests reach.
 */
import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { CREDIT, approvedProjectWithBatches, deploySystem } from "./fixtures";
import { Reads, deployReadLens } from "./read-lens";

async function system() {
  const sys = await deploySystem();
  const { projectId, batchIds } = await approvedProjectWithBatches(sys, [
    [2021, 10n * CREDIT],
    [2020, 5n * CREDIT],
  ]);
  await sys.credits.connect(sys.issuer).mint(sys.alice.address, batchIds[0], 3n * CREDIT);
  return { ...sys, projectId, batchIds, lens: await deployReadLens() };
}

describe("test helper: Reads through ReadLens.readPacked @skip-on-coverage", () => {
  it("returns what each direct call returns: single values, structs and several outputs", async () => {
    const { registry, credits, alice, bob, projectId, batchIds, lens } = await loadFixture(system);
    const q = new Reads(lens);
    const reads = Promise.all([
      q.read(registry, "projectCount"),
      q.read(registry, "getBatch", batchIds[0]),
      q.read(credits, "balanceOfBatch", [alice.address, bob.address], [batchIds[0], batchIds[0]]),
      q.read(credits, "balancesOfProject", alice.address, projectId),
      q.read(registry, "projectBatches", projectId),
    ]);
    await q.flush();
    const [count, batch, balances, held, order] = await reads;
    expect(count).to.equal(await registry.projectCount());
    expect([...batch]).to.deep.equal([...(await registry.getBatch(batchIds[0]))]);
    expect([...balances]).to.deep.equal([3n * CREDIT, 0n]);
    const direct = await credits.balancesOfProject(alice.address, projectId);
    expect([[...held[0]], [...held[1]]]).to.deep.equal([[...direct[0]], [...direct[1]]]);
    expect([...held[0]]).to.deep.equal([batchIds[0]]);
    expect([...order]).to.deep.equal([batchIds[1], batchIds[0]]); // vintage order: 2020, then 2021
  });

  it("decodes a read again once its return data changes, and reuses the value while it does not", async () => {
    const { credits, issuer, alice, batchIds, lens } = await loadFixture(system);
    const read = async () => {
      const q = new Reads(lens);
      const value = q.read(credits, "balanceOfBatch", [alice.address], [batchIds[0]]);
      await q.flush();
      return value;
    };
    const first = await read();
    expect(await read()).to.equal(first); // the same bytes: the same decoded value
    await credits.connect(issuer).mint(alice.address, batchIds[0], 1n);
    const after = await read();
    expect([...after]).to.deep.equal([3n * CREDIT + 1n]);
    expect([...first]).to.deep.equal([3n * CREDIT]);
  });

  it("rejects every read of a batch with ReadLensCallReverted naming the reverted read, and the next batch works", async () => {
    const { registry, lens } = await loadFixture(system);
    const q = new Reads(lens);
    const count = q.read(registry, "projectCount");
    const unknown = q.read(registry, "getProject", 999n);
    await q.flush();
    await expect(count).to.be.rejectedWith(/ReadLensCallReverted\(1, 0x/);
    await expect(unknown).to.be.rejectedWith(/ReadLensCallReverted\(1, 0x/);
    const next = new Reads(lens);
    const again = next.read(registry, "projectCount");
    await next.flush();
    expect(await again).to.equal(1n);
  });
});
