import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import {
  CREDIT,
  batchInput,
  deploySystem,
  registerProject,
  retirementDetails,
  threeVintages,
  type System,
} from "../helpers/fixtures";

/**
 * The held-batch index behind CarbonCredits' balances (ProjectBalances): per holder and project one
 * record with the set of held stable positions and the balance of one "primary" batch, other batches'
 * balances in their own slots; and the registry's stable positions (positionsOldestFirst,
 * batchesAtPositions). Every branch of crediting and debiting a primary or another batch is driven
 * here and read back through balanceOf and balancesOfProject (the index, oldest vintage first).
 */

async function held(sys: System, holder: string, projectId: bigint) {
  const [ids, amounts] = await sys.credits.balancesOfProject(holder, projectId);
  return { ids: Array.from(ids), amounts: Array.from(amounts) };
}

describe("CarbonCredits held-batch index (ProjectBalances)", () => {
  it("keeps balances and the held set exact through primary and other batches, filled, emptied and refilled", async () => {
    const sys = await loadFixture(threeVintages);
    const { credits, issuer, alice, bob } = sys;
    const a = alice.address;
    const send = (id: bigint, amount: bigint) => credits.connect(alice).safeTransferFrom(a, bob.address, id, amount, "0x");

    await credits.connect(issuer).mint(a, sys.b2021, 3n * CREDIT); // primary
    await credits.connect(issuer).mint(a, sys.b2022, 2n * CREDIT); // another batch
    await credits.connect(issuer).mint(a, sys.b2021, CREDIT); // adds to the primary
    await credits.connect(issuer).mint(a, sys.b2022, CREDIT); // adds to another batch
    expect(await held(sys, a, sys.projectId)).to.deep.equal({ ids: [sys.b2021, sys.b2022], amounts: [4n * CREDIT, 3n * CREDIT] });

    // Overdrawing either kind reverts with the balance it has.
    await expect(send(sys.b2021, 4n * CREDIT + 1n))
      .to.be.revertedWithCustomError(credits, "ERC1155InsufficientBalance")
      .withArgs(a, 4n * CREDIT, 4n * CREDIT + 1n, sys.b2021);
    await expect(send(sys.b2022, 3n * CREDIT + 1n))
      .to.be.revertedWithCustomError(credits, "ERC1155InsufficientBalance")
      .withArgs(a, 3n * CREDIT, 3n * CREDIT + 1n, sys.b2022);

    await send(sys.b2021, CREDIT); // primary, partly
    await send(sys.b2022, CREDIT); // another, partly
    expect(await held(sys, a, sys.projectId)).to.deep.equal({ ids: [sys.b2021, sys.b2022], amounts: [3n * CREDIT, 2n * CREDIT] });

    await send(sys.b2021, 3n * CREDIT); // primary emptied: the primary spot is free again
    expect(await credits.balanceOf(a, sys.b2021)).to.equal(0n);
    expect(await held(sys, a, sys.projectId)).to.deep.equal({ ids: [sys.b2022], amounts: [2n * CREDIT] });

    await credits.connect(issuer).mint(a, sys.b2022, CREDIT); // another batch held while no primary is
    await credits.connect(issuer).mint(a, sys.b2020, CREDIT); // a new batch takes the free primary spot
    expect(await held(sys, a, sys.projectId)).to.deep.equal({ ids: [sys.b2020, sys.b2022], amounts: [CREDIT, 3n * CREDIT] });

    await send(sys.b2022, 3n * CREDIT); // another batch emptied
    expect(await credits.balanceOf(a, sys.b2022)).to.equal(0n);
    expect(await held(sys, a, sys.projectId)).to.deep.equal({ ids: [sys.b2020], amounts: [CREDIT] });

    // Bob received each of them: 2021 first (his primary), then 2022.
    expect(await held(sys, bob.address, sys.projectId)).to.deep.equal({
      ids: [sys.b2021, sys.b2022],
      amounts: [4n * CREDIT, 4n * CREDIT],
    });
    expect(await credits.balanceOfBatch([bob.address, bob.address, a], [sys.b2021, sys.b2022, sys.b2020])).to.deep.equal([
      4n * CREDIT,
      4n * CREDIT,
      CREDIT,
    ]);
  });

  it("keeps one record per project: a batch transfer across two projects moves both", async () => {
    const sys = await loadFixture(threeVintages);
    const { credits, issuer, alice, bob } = sys;
    await credits.connect(issuer).mint(alice.address, sys.b2022, 2n * CREDIT);
    await credits.connect(issuer).mint(alice.address, sys.bOther, 2n * CREDIT);
    await credits
      .connect(alice)
      .safeBatchTransferFrom(alice.address, bob.address, [sys.b2022, sys.bOther, sys.b2022], [CREDIT, 2n * CREDIT, CREDIT], "0x");
    expect(await held(sys, alice.address, sys.projectId)).to.deep.equal({ ids: [], amounts: [] });
    expect(await held(sys, alice.address, sys.otherProject)).to.deep.equal({ ids: [], amounts: [] });
    expect(await held(sys, bob.address, sys.projectId)).to.deep.equal({ ids: [sys.b2022], amounts: [2n * CREDIT] });
    expect(await held(sys, bob.address, sys.otherProject)).to.deep.equal({ ids: [sys.bOther], amounts: [2n * CREDIT] });
  });

  it("retireProject takes the oldest held vintage first, also for a vintage added after the holder's credits", async () => {
    const sys = await loadFixture(threeVintages);
    const { credits, registry, issuer, alice, registrar } = sys;
    await credits.connect(issuer).mint(alice.address, sys.b2022, 2n * CREDIT);
    await credits.connect(issuer).mint(alice.address, sys.b2021, 2n * CREDIT);
    // 2018 is added last (stable position 3) but is the oldest vintage.
    await registry.connect(registrar).addBatch(sys.projectId, batchInput(2018, 10n * CREDIT));
    const b2018 = await registry.batchCount();
    await credits.connect(issuer).mint(alice.address, b2018, CREDIT);
    const [ids, amounts] = await credits.previewRetireProject(alice.address, sys.projectId, 4n * CREDIT);
    expect([Array.from(ids), Array.from(amounts)]).to.deep.equal([
      [b2018, sys.b2021, sys.b2022],
      [CREDIT, 2n * CREDIT, CREDIT],
    ]);
    await expect(credits.connect(alice).retireProject(alice.address, sys.projectId, 4n * CREDIT, retirementDetails(alice.address)))
      .to.emit(credits, "TransferBatch")
      .withArgs(alice.address, alice.address, ethers.ZeroAddress, [b2018, sys.b2021, sys.b2022], [CREDIT, 2n * CREDIT, CREDIT]);
    expect(await held(sys, alice.address, sys.projectId)).to.deep.equal({ ids: [sys.b2022], amounts: [CREDIT] });
  });

  // Not under coverage (79 s there, 2.5 s here): OT-04 fills a project's 128 positions too, and
  // coverage reaches the same locations without this test (npm run coverage:compare).
  it("finds the newest of 128 vintages (positions in all four words), added newest first @skip-on-coverage", async function () {
    this.timeout(120_000);
    const sys = await loadFixture(deploySystem);
    const { credits, registry, issuer, alice, bob, registrar, verifier } = sys;
    const projectId = await registerProject(sys);
    // Each batch is older than all before it: every addBatch moves every earlier position one later.
    for (let i = 0; i < 128; i++) await registry.connect(registrar).addBatch(projectId, batchInput(2117 - i, CREDIT));
    await registry.connect(verifier).approveProject(projectId);
    const ids = Array.from(await registry.projectBatches(projectId));
    expect(ids).to.deep.equal(Array.from({ length: 128 }, (_, i) => BigInt(128 - i)));
    const all = (1n << 128n) - 1n;
    expect(Array.from(await registry.positionsOldestFirst(projectId, all))).to.deep.equal(
      Array.from({ length: 128 }, (_, i) => BigInt(127 - i)),
    );
    expect(Array.from(await registry.batchesAtPositions(projectId, [0n, 31n, 32n, 127n]))).to.deep.equal([1n, 32n, 33n, 128n]);

    const newest = ids[127]; // stable position 0
    const mid = ids[60]; // stable position 67 (third word)
    await credits.connect(issuer).mint(alice.address, newest, CREDIT);
    await credits.connect(issuer).mint(alice.address, mid, CREDIT);
    await credits.connect(alice).retireProject(alice.address, projectId, CREDIT + 1n, retirementDetails(bob.address));
    expect(await held(sys, alice.address, projectId)).to.deep.equal({ ids: [newest], amounts: [CREDIT - 1n] });
  });

  it("an id that is not a batch has balance 0 and moves only as a zero-value transfer", async () => {
    const sys = await loadFixture(threeVintages);
    const { credits, alice, bob } = sys;
    expect(await credits.balanceOf(alice.address, 999n)).to.equal(0n);
    await expect(credits.connect(alice).safeTransferFrom(alice.address, bob.address, 999n, 0n, "0x"))
      .to.emit(credits, "TransferSingle")
      .withArgs(alice.address, alice.address, bob.address, 999n, 0n);
    await expect(credits.connect(alice).safeTransferFrom(alice.address, bob.address, 999n, 1n, "0x"))
      .to.be.revertedWithCustomError(credits, "ERC1155InsufficientBalance")
      .withArgs(alice.address, 0n, 1n, 999n);
    expect(await held(sys, bob.address, sys.projectId)).to.deep.equal({ ids: [], amounts: [] });
  });

  it("safeBatchTransferFrom with ids and values of different lengths reverts ERC1155InvalidArrayLength", async () => {
    const sys = await loadFixture(threeVintages);
    const { credits, issuer, alice, bob } = sys;
    await credits.connect(issuer).mint(alice.address, sys.b2021, CREDIT);
    await expect(credits.connect(alice).safeBatchTransferFrom(alice.address, bob.address, [sys.b2021, sys.b2020], [1n], "0x"))
      .to.be.revertedWithCustomError(credits, "ERC1155InvalidArrayLength")
      .withArgs(2n, 1n);
  });

  it("registerBatch is the registry's only: anyone else reverts CarbonCreditsUnauthorizedRegistry", async () => {
    const sys = await loadFixture(threeVintages);
    for (const caller of [sys.outsider, sys.admin, sys.issuer]) {
      await expect(sys.credits.connect(caller).registerBatch(sys.b2021, sys.otherProject, 5n))
        .to.be.revertedWithCustomError(sys.credits, "CarbonCreditsUnauthorizedRegistry")
        .withArgs(caller.address);
    }
  });
});
