/**
 * OT-11 (info): one absent member locked the dust. `sweepDust` needed every eligible member to have
 * claimed. Now each period has a claim window (default 365 days from its close, fixed at open): after
 * it, everything still unclaimed (dust and absent members' shares) can be swept to the treasury, and a
 * late claim reverts CarbonPoolClaimWindowOver — the late claimer's share went to the treasury.
 */
import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { DEFAULT_CLAIM_WINDOW, KG, Kind, approvedPool, passEnd } from "../pool/fixtures";
import { Method } from "../pool/poolReference";

/** An EqualShare period of 1,000,001 g among 3 members (333,333 each, 2 units of dust), closed. */
async function closedPeriod() {
  const ctx = await approvedPool();
  await ctx.pool.connect(ctx.manager).setMinContribution(1n);
  await ctx.pool.connect(ctx.manager).setAllocationMethod(Method.EqualShare, 0);
  await ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, await time.latest());
  const periodId = await ctx.pool.periodCount();
  await ctx.pool.connect(ctx.oracle).recordContribution(ctx.alice.address, periodId, 500n * KG);
  await ctx.pool.connect(ctx.oracle).recordContribution(ctx.bob.address, periodId, 300n * KG);
  await ctx.pool.connect(ctx.oracle).recordContribution(ctx.carol.address, periodId, 200n * KG + 1n);
  await passEnd(ctx, periodId);
  await ctx.pool.connect(ctx.manager).closePeriod(periodId);
  await ctx.pool.connect(ctx.alice).claim([periodId]);
  await ctx.pool.connect(ctx.bob).claim([periodId]);
  return { ...ctx, periodId }; // carol is absent
}

describe("OT-11 one absent member locks the dust", () => {
  it("attack (absent member): inside the window the sweep waits; after it, dust and the unclaimed share go to the treasury", async () => {
    const ctx = await loadFixture(closedPeriod);
    const p = await ctx.pool.getPeriod(ctx.periodId);
    expect(p.claimWindow).to.equal(DEFAULT_CLAIM_WINDOW);
    const deadline = p.closedAt + p.claimWindow;
    await expect(ctx.pool.connect(ctx.manager).sweepDust(ctx.periodId))
      .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolClaimsOutstanding")
      .withArgs(ctx.periodId, 2n, 3n);
    await time.increaseTo(deadline + 1n);
    expect(await ctx.pool.claimable(ctx.periodId, ctx.carol.address)).to.equal(0n);
    const unclaimed = p.credits - p.claimedUnits; // carol's 333,333 + 2 units of dust
    expect(unclaimed).to.equal(333_335n);
    await expect(ctx.pool.connect(ctx.manager).sweepDust(ctx.periodId))
      .to.emit(ctx.pool, "DustSwept")
      .withArgs(ctx.periodId, ctx.treasury.address, unclaimed);
    expect(await ctx.credits.balanceOf(ctx.poolAddress, p.batchId)).to.equal(0n);
    expect(await ctx.credits.balanceOf(ctx.treasury.address, p.batchId)).to.equal(unclaimed);
    await expect(ctx.pool.connect(ctx.carol).claim([ctx.periodId]))
      .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolClaimWindowOver")
      .withArgs(ctx.periodId, deadline);
    await expect(ctx.pool.connect(ctx.manager).sweepDust(ctx.periodId))
      .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolNoDust")
      .withArgs(ctx.periodId);
  });

  it("honest path: a member claiming on the window's last second gets its share", async () => {
    const ctx = await loadFixture(closedPeriod);
    const p = await ctx.pool.getPeriod(ctx.periodId);
    await time.setNextBlockTimestamp(p.closedAt + p.claimWindow);
    await ctx.pool.connect(ctx.carol).claim([ctx.periodId]);
    expect(await ctx.credits.balanceOf(ctx.carol.address, p.batchId)).to.equal(333_333n);
    await ctx.pool.connect(ctx.manager).sweepDust(ctx.periodId); // everyone claimed: the 2 units of dust
    expect(await ctx.credits.balanceOf(ctx.treasury.address, p.batchId)).to.equal(2n);
  });
});
