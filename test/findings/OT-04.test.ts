/**
 * OT-04 (medium): the pool stopped issuing for ever after 128 periods (the registry's 128-batch cap per
 * project), and a period could be blocked from closing by a registrar-added batch on the pool project, a
 * squatted `OTPOOL-…` serial on any project, the pool project being suspended, or grams above 2^72;
 * there was no abort. Now: pool projects are self-managed (only the pool adds their batches), the
 * registry reserves the `OTPOOL-<owner>-` serial namespace, the pool rolls over to a registered
 * successor project when the current one is full or not Approved, records above 2^72 − 1 g are refused
 * at record time, and the manager can abort a stuck period whose grams carry forward exactly once.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, setStorageAt, time } from "@nomicfoundation/hardhat-network-helpers";
import { Status } from "../helpers/fixtures";
import { KG, Kind, PeriodStatus, approvedPool, passEnd, poolProjectInput, type PoolSystem } from "../pool/fixtures";

/** Opens the month the chain is in (the first time), else the month after the last period. */
async function openNext(ctx: PoolSystem): Promise<bigint> {
  const count = await ctx.pool.periodCount();
  const at = count === 0n ? BigInt(await time.latest()) : (await ctx.pool.getPeriod(count)).end + 1n;
  if (BigInt(await time.latest()) < at) await time.increaseTo(at);
  await ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, at);
  return ctx.pool.periodCount();
}

/** Opens, records `grams` for alice, and closes one monthly period after the grace. */
async function period(ctx: PoolSystem, grams: bigint): Promise<bigint> {
  const id = await openNext(ctx);
  await ctx.pool.connect(ctx.oracle).recordContribution(ctx.alice.address, id, grams);
  await passEnd(ctx, id);
  await ctx.pool.connect(ctx.manager).closePeriod(id);
  return id;
}

/**
 * Sets the pool's count of batches added to its current project (`_projectBatches`, which
 * `poolProjects()` reads back) to `value` in storage: the rollover at the 128-batch cap without 128
 * real closes. The slot and byte offset are found, not assumed: each 16-bit field of the first 64
 * slots that holds the current count is tried until `poolProjects()` reads `value` back, and a wrong
 * candidate is restored at once.
 */
async function setProjectBatchCount(ctx: PoolSystem, value: bigint): Promise<void> {
  const current = (await ctx.pool.poolProjects()).currentProjectBatches;
  for (let slot = 0; slot < 64; slot++) {
    const word = BigInt(await ethers.provider.getStorage(ctx.poolAddress, slot));
    for (let offset = 0n; offset <= 240n; offset += 8n) {
      if (((word >> offset) & 0xffffn) !== current) continue;
      await setStorageAt(ctx.poolAddress, slot, (word & ~(0xffffn << offset)) | (value << offset));
      if ((await ctx.pool.poolProjects()).currentProjectBatches === value) return;
      await setStorageAt(ctx.poolAddress, slot, word);
    }
  }
  throw new Error(`no 16-bit field of the pool's first 64 storage slots holds its batch count ${current}`);
}

/**
 * With the pool's current project at `cap` batches (the last added by period `last`, 1 kg of alice's):
 * the next period's close reverts CarbonPoolProjectFull until a successor project is registered and
 * approved, then rolls over to it; alice claims `last` and the new period (1 + 7 kg) in one call.
 */
async function expectRolloverAtCap(ctx: PoolSystem & { projectId: bigint }, cap: bigint, last: bigint): Promise<void> {
  expect(await ctx.pool.poolProjects()).to.deep.equal([0n, cap]);
  const stuck = await openNext(ctx);
  await ctx.pool.connect(ctx.oracle).recordContribution(ctx.alice.address, stuck, 7n * KG);
  await passEnd(ctx, stuck);
  await expect(ctx.pool.connect(ctx.manager).closePeriod(stuck))
    .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolProjectFull")
    .withArgs(ctx.projectId, cap);
  await ctx.pool.connect(ctx.manager).registerPoolProject(poolProjectInput(ctx.poolAddress, { name: "pool_series_2" }));
  const successor = (await ctx.pool.poolProjects()).successorProjectId;
  await ctx.registry.connect(ctx.verifier).approveProject(successor);
  await expect(ctx.pool.connect(ctx.manager).closePeriod(stuck))
    .to.emit(ctx.pool, "PoolProjectRolledOver")
    .withArgs(ctx.projectId, successor);
  expect(await ctx.pool.projectId()).to.equal(successor);
  expect(await ctx.pool.poolProjects()).to.deep.equal([0n, 1n]);
  expect((await ctx.registry.getBatch((await ctx.pool.getPeriod(stuck)).batchId)).projectId).to.equal(successor);
  expect(await ctx.pool.connect(ctx.alice).claim.staticCall([last, stuck])).to.equal(8n * KG);
  await ctx.pool.connect(ctx.alice).claim([last, stuck]);
}

/**
 * The test that closes 128 real periods is titled @skip-on-coverage: under solidity-coverage it takes
 * ~80 s of CPU (every EVM step of ~80 M gas is traced). Coverage takes the one after it, which starts
 * the pool's count at 127 in storage and reaches the same locations (checked with
 * `npm run coverage:compare`, .solcover.js). Both run in `npm test`.
 */
describe("OT-04 the pool stops issuing for ever after 128 periods, and a period can be blocked from closing", () => {
  it("attack: a registrar cannot add batches to the pool's project nor squat OTPOOL- serials on any project", async () => {
    const ctx = await loadFixture(approvedPool);
    expect(await ctx.registry.isSelfManaged(ctx.projectId)).to.equal(true);
    const serial = `OTPOOL-${ctx.poolAddress.toLowerCase()}-1`;
    const batch = { serial: "REG-1", vintage: 2026, startDate: 0, endDate: 0, totalSupply: 10n };
    await expect(ctx.registry.connect(ctx.registrar).addBatch(ctx.projectId, batch))
      .to.be.revertedWithCustomError(ctx.registry, "RegistrySelfManagedProject")
      .withArgs(ctx.projectId, ctx.poolAddress, ctx.registrar.address);
    // The registrar's own ordinary project, and a self-managed project of its own: both refuse the pool's serials.
    await ctx.registry.connect(ctx.registrar).registerProject(poolProjectInput(ctx.registrar.address, { name: "squat" }));
    const own = await ctx.registry.projectCount();
    await ctx.registry.connect(ctx.registrar).registerSelfManagedProject(poolProjectInput(ctx.registrar.address, { name: "squat2" }));
    const ownManaged = await ctx.registry.projectCount();
    for (const [projectId, s] of [
      [own, serial],
      [ownManaged, serial],
      [own, "OTPOOL-anything"],
    ] as const) {
      await expect(ctx.registry.connect(ctx.registrar).addBatch(projectId, { ...batch, serial: s }))
        .to.be.revertedWithCustomError(ctx.registry, "RegistryReservedSerial")
        .withArgs(s, ctx.registrar.address);
    }
    await expect(ctx.registry.connect(ctx.registrar).registerSelfManagedProject(poolProjectInput(ctx.alice.address)))
      .to.be.revertedWithCustomError(ctx.registry, "RegistryNotSelfOwned")
      .withArgs(ctx.alice.address, ctx.registrar.address);
    // Its own namespace on its own self-managed project works; ordinary serials stay open.
    const mine = `OTPOOL-${ctx.registrar.address.toLowerCase()}-1`;
    await ctx.registry.connect(ctx.registrar).addBatch(ownManaged, { ...batch, serial: mine });
    await ctx.registry.connect(ctx.registrar).addBatch(own, batch);
    // Honest path: the pool's own close takes its serial.
    const id = await period(ctx, KG);
    expect((await ctx.registry.getBatch((await ctx.pool.getPeriod(id)).batchId)).serial).to.equal(serial);
  });

  it("outlives the 128-batch cap: the 129th close moves to the registered successor project; claims of both work @skip-on-coverage", async () => {
    const ctx = await loadFixture(approvedPool);
    const cap = await ctx.pool.BATCHES_PER_PROJECT();
    expect(cap).to.equal(await ctx.registry.MAX_BATCHES_PER_PROJECT());
    for (let i = 0n; i < cap; i++) await period(ctx, KG);
    // Period 128 (old project) and 129 (successor) in one claim; period 1's year-long claim window is over.
    await expectRolloverAtCap(ctx, cap, cap);
  });

  it("at the cap (the pool's batch count started at 127 in storage): the 128th close fills the project, the next moves to the registered successor; claims of both work", async () => {
    const ctx = await loadFixture(approvedPool);
    const cap = await ctx.pool.BATCHES_PER_PROJECT();
    await period(ctx, KG);
    await setProjectBatchCount(ctx, cap - 1n);
    const last = await period(ctx, KG);
    await expectRolloverAtCap(ctx, cap, last);
  });

  it("a suspended pool project: the manager aborts the stuck period, its grams carry forward once and are issued later", async () => {
    const ctx = await loadFixture(approvedPool);
    const p1 = await openNext(ctx);
    await ctx.pool.connect(ctx.oracle).recordContribution(ctx.alice.address, p1, 40n * KG);
    await ctx.pool.connect(ctx.oracle).recordContribution(ctx.bob.address, p1, 10n * KG);
    await ctx.registry.connect(ctx.verifier).suspendProject(ctx.projectId, "audit");
    await expect(ctx.pool.connect(ctx.manager).abortPeriod(p1)).to.be.revertedWithCustomError(ctx.pool, "CarbonPoolPeriodNotEnded");
    await passEnd(ctx, p1);
    await expect(ctx.pool.connect(ctx.manager).closePeriod(p1))
      .to.be.revertedWithCustomError(ctx.registry, "RegistryProjectNotOpenForBatches")
      .withArgs(ctx.projectId, Status.Suspended);
    await expect(ctx.pool.connect(ctx.manager).abortPeriod(p1)).to.emit(ctx.pool, "PeriodAborted").withArgs(p1, 2n, 50n * KG);
    expect((await ctx.pool.getPeriod(p1)).status).to.equal(PeriodStatus.Aborted);
    expect(await ctx.pool.carriedForward(ctx.alice.address)).to.equal(40n * KG);
    expect(await ctx.pool.participationScore(ctx.alice.address)).to.equal(0n); // the aborted period is no allocation
    await expect(ctx.pool.connect(ctx.alice).claim([p1]))
      .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolPeriodNotClosed")
      .withArgs(p1, PeriodStatus.Aborted);
    // A successor project, approved, takes the next close while the suspended one stays suspended.
    await ctx.pool.connect(ctx.manager).registerPoolProject(poolProjectInput(ctx.poolAddress, { name: "pool_series_2" }));
    const successor = (await ctx.pool.poolProjects()).successorProjectId;
    await ctx.registry.connect(ctx.verifier).approveProject(successor);
    const p2 = await openNext(ctx);
    await expect(ctx.pool.connect(ctx.oracle).recordContribution(ctx.alice.address, p2, KG))
      .to.emit(ctx.pool, "ContributionCarriedForward")
      .withArgs(ctx.alice.address, p2, 40n * KG);
    expect((await ctx.pool.getMember(ctx.alice.address)).allocationCount).to.equal(1n); // p2 only
    await passEnd(ctx, p2);
    await expect(ctx.pool.connect(ctx.manager).closePeriod(p2)).to.emit(ctx.pool, "PoolProjectRolledOver").withArgs(ctx.projectId, successor);
    expect((await ctx.pool.getPeriod(p2)).credits).to.equal(41n * KG); // alice's 40 kg once, bob's 10 kg still waiting
    expect(await ctx.pool.carriedForward(ctx.bob.address)).to.equal(10n * KG);
    expect(await ctx.pool.carriedForward(ctx.alice.address)).to.equal(0n);
  });

  it("grams above 2^72 − 1 are refused at record time, so a close never fails on the registry's supply cap", async () => {
    const ctx = await loadFixture(approvedPool);
    const max = await ctx.pool.MAX_GRAMS();
    expect(max).to.equal(2n ** 72n - 1n);
    const id = await openNext(ctx);
    await ctx.pool.connect(ctx.oracle).recordContribution(ctx.alice.address, id, max - 5n);
    await expect(ctx.pool.connect(ctx.oracle).recordContribution(ctx.bob.address, id, 6n))
      .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolGramsOverflow")
      .withArgs(max + 1n, max);
    await ctx.pool.connect(ctx.oracle).recordContribution(ctx.bob.address, id, 5n);
    await passEnd(ctx, id);
    await ctx.pool.connect(ctx.manager).closePeriod(id);
    expect((await ctx.pool.getPeriod(id)).credits).to.equal(max);
  });
});
