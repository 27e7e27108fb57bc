/**
 * OT-07 (low): a far-future period locked the pool. `openPeriod` accepted a period starting years
 * ahead, and nothing could cancel it (one period open at a time). Now a period must have started, and
 * the manager can cancel an open period that has no contributions (its dates become free again).
 */
import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { KG, Kind, PeriodStatus, approvedPool, utc } from "../pool/fixtures";

describe("OT-07 a far-future period locks the pool", () => {
  it("attack: opening a period that starts years ahead reverts CarbonPoolPeriodNotStarted; nothing opens", async () => {
    const ctx = await loadFixture(approvedPool);
    const now = BigInt(await time.latest());
    await time.setNextBlockTimestamp(now + 1n);
    await expect(ctx.pool.connect(ctx.manager).openPeriod(Kind.Yearly, utc(2150, 6)))
      .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolPeriodNotStarted")
      .withArgs(utc(2150, 1), now + 1n);
    expect(await ctx.pool.openPeriodId()).to.equal(0n);
  });

  it("an open period without contributions can be cancelled and its dates reopened; one with contributions cannot", async () => {
    const ctx = await loadFixture(approvedPool);
    const now = await time.latest();
    await ctx.pool.connect(ctx.manager).openPeriod(Kind.Yearly, now); // wrong kind: meant monthly
    await expect(ctx.pool.connect(ctx.manager).cancelPeriod(1n)).to.emit(ctx.pool, "PeriodCancelled").withArgs(1n);
    expect((await ctx.pool.getPeriod(1n)).status).to.equal(PeriodStatus.Cancelled);
    expect(await ctx.pool.openPeriodId()).to.equal(0n);
    await expect(ctx.pool.connect(ctx.oracle).recordContribution(ctx.alice.address, 1n, KG))
      .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolPeriodNotOpen")
      .withArgs(1n, PeriodStatus.Cancelled);
    await ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, now); // same dates: free again
    await ctx.pool.connect(ctx.oracle).recordContribution(ctx.alice.address, 2n, KG);
    await expect(ctx.pool.connect(ctx.manager).cancelPeriod(2n))
      .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolPeriodHasContributions")
      .withArgs(2n, 1n);
    await expect(ctx.pool.connect(ctx.manager).cancelPeriod(1n))
      .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolPeriodNotOpen")
      .withArgs(1n, PeriodStatus.Cancelled);
    expect((await ctx.pool.getPeriod(2n)).status).to.equal(PeriodStatus.Open);
  });
});
