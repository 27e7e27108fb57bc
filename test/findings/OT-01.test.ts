/**
 * OT-01 (medium): the pool's conversion rate could over-issue. `setConversionRate` accepted any rate
 * and the pool mints with its own issuer role, so the pool manager alone could issue 100× the verified
 * CO2. Now there is no rate: a closed period mints exactly its eligible verified grams (1 unit = 1 g).
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { CREDIT } from "../helpers/fixtures";
import { KG, Kind, approvedPool, passEnd } from "../pool/fixtures";

describe("OT-01 pool conversion rate can over-issue", () => {
  it("attack: the manager cannot set a 100/1 rate — the pool has no rate setter any more (the call reverts)", async () => {
    const ctx = await loadFixture(approvedPool);
    const old = new ethers.Interface(["function setConversionRate(uint64,uint64)", "function conversionRate() view returns (uint64,uint64)"]);
    await expect(ctx.manager.sendTransaction({ to: ctx.poolAddress, data: old.encodeFunctionData("setConversionRate", [100, 1]) })).to.be
      .reverted;
    await expect(ctx.manager.call({ to: ctx.poolAddress, data: old.encodeFunctionData("conversionRate", []) })).to.be.reverted;
    expect(ctx.pool.interface.fragments.some((f) => "name" in f && f.name === "setConversionRate")).to.equal(false);
  });

  it("honest path: 1,000 kg verified mint exactly 1 credit (1,000,000 units) — Σ issued = Σ eligible verified grams", async () => {
    const ctx = await loadFixture(approvedPool);
    await ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, await time.latest());
    const periodId = await ctx.pool.periodCount();
    let verified = 0n;
    for (const [m, g] of [
      [ctx.alice, 500n * KG],
      [ctx.bob, 200n * KG],
      [ctx.carol, 300n * KG],
    ] as const) {
      await ctx.pool.connect(ctx.oracle).recordContribution(m.address, periodId, g);
      verified += g;
    }
    await passEnd(ctx, periodId);
    await ctx.pool.connect(ctx.manager).closePeriod(periodId);
    const p = await ctx.pool.getPeriod(periodId);
    expect(p.credits).to.equal(verified);
    expect(p.credits).to.equal(CREDIT);
    expect(await ctx.credits.balanceOf(ctx.poolAddress, p.batchId)).to.equal(verified);
    expect((await ctx.registry.getBatch(p.batchId)).totalSupply).to.equal(verified);
  });
});
