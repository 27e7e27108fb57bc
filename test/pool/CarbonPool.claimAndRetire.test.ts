/**
 * Retire on issue (issue 17): a member claims its allocation of a closed period straight into a
 * retirement for a beneficiary. Same allocation as `claim`; the credits go from the pool's balance to
 * retirement (never to the member); the record names the member and links the claim (PoolClaim, period).
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { KG, approvedPool, openMonth, passEnd } from "./fixtures";

async function closedPeriod() {
  const ctx = await approvedPool();
  const year = new Date((await time.latest()) * 1000).getUTCFullYear() + 1;
  const periodId = await openMonth(ctx, year, 1);
  await ctx.pool.connect(ctx.oracle).recordContribution(ctx.alice.address, periodId, 600n * KG);
  await ctx.pool.connect(ctx.oracle).recordContribution(ctx.bob.address, periodId, 400n * KG);
  await passEnd(ctx, periodId);
  await ctx.pool.connect(ctx.manager).closePeriod(periodId);
  const batchId = (await ctx.pool.getPeriod(periodId)).batchId;
  return { ...ctx, periodId, batchId };
}

const details = (beneficiary: string) => ({
  beneficiary,
  beneficiaryName: "Sharma Textiles",
  reason: "offset claim: FY2026 scope 2",
  referenceId: "MSME-42",
  consumptionCountry: "IN",
});

describe("CarbonPool: claimAndRetire (retire on issue)", () => {
  it("retires exactly the allocation claim would give, for the member, linked to the period", async () => {
    const ctx = await loadFixture(closedPeriod);
    const expected = await ctx.pool.claimable(ctx.periodId, ctx.alice.address);
    expect(expected).to.be.greaterThan(0n);
    const d = details(ctx.carol.address);
    const poolBefore = await ctx.credits.balanceOf(ctx.poolAddress, ctx.batchId);
    const tx = ctx.pool.connect(ctx.alice).claimAndRetire(ctx.periodId, d);
    await expect(tx).to.emit(ctx.pool, "AllocationClaimed").withArgs(ctx.periodId, ctx.alice.address, ctx.batchId, expected);
    await expect(tx)
      .to.emit(ctx.credits, "Retired")
      .withArgs(1n, ctx.alice.address, ctx.carol.address, ctx.poolAddress, expected, [ctx.batchId], [expected], Object.values(d), [
        3n, // PoolClaim
        ctx.periodId,
        0n,
      ]);
    expect(await ctx.credits.balanceOf(ctx.alice.address, ctx.batchId)).to.equal(0n);
    expect(await ctx.credits.balanceOf(ctx.poolAddress, ctx.batchId)).to.equal(poolBefore - expected);
    const r = await ctx.credits.getRetirement(1n);
    expect([r.account, r.beneficiary, r.amount]).to.deep.equal([ctx.alice.address, ctx.carol.address, expected]);
    expect((await ctx.pool.getMember(ctx.alice.address)).claimedUnits).to.equal(expected);
    expect(await ctx.pool.claimable(ctx.periodId, ctx.alice.address)).to.equal(0n);
    // Claimed once: neither path can take it again; the other member's plain claim is untouched.
    await expect(ctx.pool.connect(ctx.alice).claimAndRetire(ctx.periodId, d)).to.be.revertedWithCustomError(ctx.pool, "CarbonPoolAlreadyClaimed");
    await expect(ctx.pool.connect(ctx.alice).claim([ctx.periodId])).to.be.revertedWithCustomError(ctx.pool, "CarbonPoolAlreadyClaimed");
    await ctx.pool.connect(ctx.bob).claim([ctx.periodId]);
    expect(await ctx.credits.totalSupply(ctx.batchId)).to.equal(
      (await ctx.credits.balanceOf(ctx.poolAddress, ctx.batchId)) + (await ctx.credits.balanceOf(ctx.bob.address, ctx.batchId)),
    );
  });

  it("refuses bad details, non-members, open periods and a paused token, changing nothing", async () => {
    const ctx = await loadFixture(closedPeriod);
    await expect(ctx.pool.connect(ctx.alice).claimAndRetire(ctx.periodId, details(ethers.ZeroAddress))).to.be.revertedWithCustomError(
      ctx.credits,
      "CarbonCreditsInvalidBeneficiary",
    );
    await expect(ctx.pool.connect(ctx.outsider).claimAndRetire(ctx.periodId, details(ctx.outsider.address)))
      .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolNotEligible")
      .withArgs(ctx.periodId, ctx.outsider.address);
    await expect(ctx.pool.connect(ctx.alice).claimAndRetire(99n, details(ctx.alice.address))).to.be.revertedWithCustomError(
      ctx.pool,
      "CarbonPoolPeriodNotClosed",
    );
    await ctx.credits.connect(ctx.pauser).pause();
    await expect(ctx.pool.connect(ctx.alice).claimAndRetire(ctx.periodId, details(ctx.alice.address))).to.be.revertedWithCustomError(
      ctx.credits,
      "EnforcedPause",
    );
    // A plain claim is an escrow exit: it still works while the token is paused (OT-05).
    await ctx.pool.connect(ctx.alice).claim([ctx.periodId]);
    expect(await ctx.credits.retirementCount()).to.equal(0n);
  });
});
