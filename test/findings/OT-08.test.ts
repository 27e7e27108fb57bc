/**
 * OT-08 (low): closing at the boundary lost late device-days. A period could close one second after it
 * ended, so VERIFIED days not yet relayed were lost. Now a period can close only after its end plus a
 * close grace (default 2 days, set per period at open), and records are accepted until the close.
 */
import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { DEFAULT_CLOSE_GRACE, KG, Kind, approvedPool } from "../pool/fixtures";

describe("OT-08 closing at the boundary loses late device-days", () => {
  it("attack: closing one second after the end reverts CarbonPoolPeriodNotEnded; the last day's late record still counts", async () => {
    const ctx = await loadFixture(approvedPool);
    expect(await ctx.pool.DEFAULT_CLOSE_GRACE()).to.equal(DEFAULT_CLOSE_GRACE);
    await ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, await time.latest());
    const periodId = await ctx.pool.periodCount();
    const { end, closeGrace } = await ctx.pool.getPeriod(periodId);
    expect(closeGrace).to.equal(DEFAULT_CLOSE_GRACE);
    await ctx.pool.connect(ctx.oracle).recordContribution(ctx.alice.address, periodId, 30n * KG);
    await time.setNextBlockTimestamp(end + 1n);
    await expect(ctx.pool.connect(ctx.manager).closePeriod(periodId))
      .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolPeriodNotEnded")
      .withArgs(periodId, end + closeGrace, end + 1n);
    // The last day, verified and relayed the day after the period's end, arrives inside the grace.
    await time.setNextBlockTimestamp(end + 86_400n);
    await ctx.pool.connect(ctx.oracle).recordContribution(ctx.alice.address, periodId, KG);
    await time.setNextBlockTimestamp(end + closeGrace + 1n);
    await ctx.pool.connect(ctx.manager).closePeriod(periodId);
    expect((await ctx.pool.getPeriod(periodId)).credits).to.equal(31n * KG);
  });

  it("the grace is a bounded parameter (1–30 days) fixed for each period when it opens", async () => {
    const ctx = await loadFixture(approvedPool);
    await expect(ctx.pool.connect(ctx.manager).setPeriodTimings(0, 365 * 86_400))
      .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolInvalidDuration")
      .withArgs("closeGrace", 0, 86_400, 30 * 86_400);
    await ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, await time.latest());
    await ctx.pool.connect(ctx.manager).setPeriodTimings(86_400, 365 * 86_400); // later periods only
    expect((await ctx.pool.getPeriod(1n)).closeGrace).to.equal(DEFAULT_CLOSE_GRACE);
  });
});
