/**
 * OT-10 (low): the allocation method was chosen after the contributions were known. At close the
 * manager picked the method favouring whom they liked (EqualShare turned a 1 g member into 500 t of a
 * 1,000 t period). Now the method and its weight are fixed when the period opens, and EqualShare needs
 * a non-zero minimum contribution.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { CREDIT } from "../helpers/fixtures";
import { Kind, approvedPool, passEnd } from "../pool/fixtures";
import { Method } from "../pool/poolReference";

describe("OT-10 the allocation method is chosen after the contributions are known", () => {
  it("attack: after seeing 999.999999 t vs 1 g, the manager cannot switch the open period to EqualShare", async () => {
    const ctx = await loadFixture(approvedPool);
    await ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, await time.latest()); // Proportional
    const periodId = await ctx.pool.periodCount();
    await ctx.pool.connect(ctx.oracle).recordContribution(ctx.alice.address, periodId, 1_000n * CREDIT - 1n);
    await ctx.pool.connect(ctx.oracle).recordContribution(ctx.bob.address, periodId, 1n);
    await passEnd(ctx, periodId);
    // The old close took the method as an argument; that entry point is gone.
    const old = new ethers.Interface(["function closePeriod(uint256,uint8,uint16)"]);
    await expect(
      ctx.manager.sendTransaction({ to: ctx.poolAddress, data: old.encodeFunctionData("closePeriod", [periodId, Method.EqualShare, 0]) }),
    ).to.be.reverted;
    // Changing the pool's setting now only affects later periods (and EqualShare with no minimum cannot open).
    await ctx.pool.connect(ctx.manager).setAllocationMethod(Method.EqualShare, 0);
    await ctx.pool.connect(ctx.manager).closePeriod(periodId);
    expect((await ctx.pool.getPeriod(periodId)).method).to.equal(BigInt(Method.Proportional));
    expect(await ctx.pool.claimable(periodId, ctx.bob.address)).to.equal(1n); // 1 g earns 1 unit, not 500 t
    expect(await ctx.pool.claimable(periodId, ctx.alice.address)).to.equal(1_000n * CREDIT - 1n);
    await expect(ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, (await ctx.pool.getPeriod(periodId)).end + 1n))
      .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolEqualShareNeedsMinimum");
  });

  it("honest path: EqualShare chosen before the period, with a 1 t minimum, splits equally among eligible members", async () => {
    const ctx = await loadFixture(approvedPool);
    await ctx.pool.connect(ctx.manager).setAllocationMethod(Method.EqualShare, 0);
    await ctx.pool.connect(ctx.manager).setMinContribution(CREDIT); // seed 000's threshold: 1 t
    await ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, await time.latest());
    const periodId = await ctx.pool.periodCount();
    await ctx.pool.connect(ctx.oracle).recordContribution(ctx.alice.address, periodId, 3n * CREDIT);
    await ctx.pool.connect(ctx.oracle).recordContribution(ctx.bob.address, periodId, CREDIT);
    await ctx.pool.connect(ctx.oracle).recordContribution(ctx.carol.address, periodId, 1n); // below: carried forward
    await passEnd(ctx, periodId);
    await ctx.pool.connect(ctx.manager).closePeriod(periodId);
    expect(await ctx.pool.claimable(periodId, ctx.alice.address)).to.equal(2n * CREDIT);
    expect(await ctx.pool.claimable(periodId, ctx.bob.address)).to.equal(2n * CREDIT);
    expect(await ctx.pool.claimable(periodId, ctx.carol.address)).to.equal(0n);
    expect(await ctx.pool.carriedForward(ctx.carol.address)).to.equal(1n);
  });
});
