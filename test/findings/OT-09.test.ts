import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { RStatus, co2Of, dayOf, makeReport, oracleSystem, signBatch, soon, submit, type OracleSystem } from "../mrv-oracle/MRVOracle.fixtures";

/** March 2025 (the fixture's open pool period) and a day long before it. */
const D1 = dayOf(2025, 3, 1);
const OLD = dayOf(2020, 6, 7);

async function grams(ctx: OracleSystem, member: string): Promise<bigint> {
  return (await ctx.pool.getMemberPeriod(ctx.periodId, member)).grams;
}

describe("OT-09 (low): PENDING and FLAGGED are no longer final for ever / for any day", () => {
  it("a PENDING day is superseded once by the later VERIFIED report, with its own quorum; credited once", async () => {
    const ctx = await loadFixture(oracleSystem);
    await ctx.mrv.connect(ctx.admin).addSigner(ctx.signer2.address);
    await ctx.mrv.connect(ctx.admin).setQuorum(2);
    const both = [ctx.signer1, ctx.signer2];
    await submit(ctx, [makeReport(ctx.devA, D1, { status: RStatus.Pending })], { signers: both });
    // the VERIFIED report needs its own quorum: one signature is not enough
    const verified = [makeReport(ctx.devA, D1)];
    const deadline = await soon();
    await expect(ctx.mrv.submitReports(verified, deadline, await signBatch(ctx.mrv, verified, deadline, [ctx.signer1])))
      .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleQuorumNotMet")
      .withArgs(1n, 2n);
    // the old code refused this with MRVOracleAlreadyReported: the verified tonne was lost
    await expect(submit(ctx, verified, { signers: both })).to.emit(ctx.pool, "ContributionRecorded");
    const rec = await ctx.mrv.getReport(ctx.devA, D1);
    expect([rec.status, rec.supersededPending]).to.deep.equal([BigInt(RStatus.Verified), true]);
    expect(await grams(ctx, ctx.alice.address)).to.equal(co2Of(40_000n));
    // once: the final status stays, nothing is counted twice
    for (const status of [RStatus.Verified, RStatus.Flagged, RStatus.Pending]) {
      await expect(submit(ctx, [makeReport(ctx.devA, D1, { status })], { signers: both }))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleAlreadyReported")
        .withArgs(ctx.devA, D1, RStatus.Verified);
    }
    expect(await grams(ctx, ctx.alice.address)).to.equal(co2Of(40_000n));
  });

  it("FLAGGED and PENDING reports are refused for days no VERIFIED report could be posted for (MRVOracleDayOutsideOpenPeriod); inside the open period they are accepted", async () => {
    const ctx = await loadFixture(oracleSystem);
    const { start, end } = await ctx.pool.getPeriod(ctx.periodId);
    for (const status of [RStatus.Flagged, RStatus.Pending]) {
      await expect(submit(ctx, [makeReport(ctx.devA, OLD, { status })]))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleDayOutsideOpenPeriod")
        .withArgs(ctx.devA, OLD, ctx.periodId, start, end);
    }
    expect(await ctx.mrv.isReported(ctx.devA, OLD)).to.equal(false);
    await submit(ctx, [makeReport(ctx.devA, D1, { status: RStatus.Flagged }), makeReport(ctx.devB, D1, { status: RStatus.Pending })]);
    expect((await ctx.mrv.getReport(ctx.devA, D1)).status).to.equal(BigInt(RStatus.Flagged));
    expect((await ctx.mrv.getReport(ctx.devB, D1)).status).to.equal(BigInt(RStatus.Pending));
  });
});
