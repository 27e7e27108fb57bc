import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ADMIN_DELAY } from "../helpers/fixtures";
import {
  DAY_S,
  ORACLE_ROLES,
  co2Of,
  dayOf,
  deviceInput,
  makeReport,
  oracleSystem,
  reportEvent,
  signBatch,
  soon,
  submit,
} from "../mrv-oracle/MRVOracle.fixtures";

/** A March 2025 day of the fixture's open pool period. */
const D1 = dayOf(2025, 3, 1);

describe("OT-02 (medium): the device registrar can no longer redirect signed CO2", () => {
  it("a batch signed for alice, relayed after the registrar moved her device to bob, still credits alice and only alice", async () => {
    const ctx = await loadFixture(oracleSystem);
    const reports = [makeReport(ctx.devA, D1)]; // names alice, the owner the signers saw
    const deadline = await soon();
    const sigs = await signBatch(ctx.mrv, reports, deadline, [ctx.signer1]);
    // the attack: the registrar re-points the device before the batch is relayed
    await ctx.mrv.connect(ctx.deviceRegistrar).updateDevice(ctx.devA, deviceInput(ctx.bob.address));
    await ctx.mrv.connect(ctx.outsider).submitReports(reports, deadline, sigs);
    expect((await ctx.pool.getMemberPeriod(ctx.periodId, ctx.alice.address)).grams).to.equal(co2Of(40_000n));
    expect((await ctx.pool.getMemberPeriod(ctx.periodId, ctx.bob.address)).grams).to.equal(0n);
    expect((await reportEvent(ctx.mrv, ctx.devA, D1)).owner).to.equal(ctx.alice.address);
  });

  it("a report naming the new owner for a day before the change is refused (MRVOracleWrongOwner), even freshly signed", async () => {
    const ctx = await loadFixture(oracleSystem);
    await ctx.mrv.connect(ctx.deviceRegistrar).updateDevice(ctx.devA, deviceInput(ctx.bob.address));
    await expect(submit(ctx, [makeReport(ctx.devA, D1, { owner: ctx.bob.address })]))
      .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleWrongOwner")
      .withArgs(0n, ctx.devA, D1, ctx.bob.address, ctx.alice.address);
    expect((await ctx.pool.getMemberPeriod(ctx.periodId, ctx.bob.address)).grams).to.equal(0n);
    expect(await ctx.mrv.isReported(ctx.devA, D1)).to.equal(false);
  });

  it("the beneficiary is signed: changing the owner of a signed report breaks every signature (MRVOracleUnknownSigner)", async () => {
    const ctx = await loadFixture(oracleSystem);
    const signed = [makeReport(ctx.devA, D1)];
    const deadline = await soon();
    const sigs = await signBatch(ctx.mrv, signed, deadline, [ctx.signer1]);
    await expect(ctx.mrv.submitReports([{ ...signed[0], owner: ctx.bob.address }], deadline, sigs))
      .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleUnknownSigner")
      .withArgs(0n, (addr: string) => addr !== ctx.signer1.address);
  });

  it("honest path: an owner change takes effect from the next UTC day; those days credit the new owner", async () => {
    const ctx = await loadFixture(oracleSystem);
    // A pool stand-in whose one period spans all time, so that days after the change can be reported.
    const allTime = await ethers.deployContract("ReentrantMRVPool");
    const mrv = await ethers.deployContract("MRVOracle", [ctx.admin.address, ADMIN_DELAY, await allTime.getAddress(), ctx.signer1.address]);
    await mrv.connect(ctx.admin).grantRole(ORACLE_ROLES.DEVICE_REGISTRAR, ctx.deviceRegistrar.address);
    await mrv.connect(ctx.deviceRegistrar).registerDevice(ctx.devA, deviceInput(ctx.alice.address));
    const t = Math.floor((await time.latest()) / 86_400) + 1;
    await time.setNextBlockTimestamp(BigInt(t) * DAY_S + 3_600n);
    await mrv.connect(ctx.deviceRegistrar).updateDevice(ctx.devA, deviceInput(ctx.bob.address));
    expect(await mrv.ownerOf(ctx.devA, t)).to.equal(ctx.alice.address); // the day of the change stays alice's
    expect(await mrv.ownerOf(ctx.devA, t + 1)).to.equal(ctx.bob.address);
    await time.increaseTo(BigInt(t + 2) * DAY_S + 60n);
    const reports = [makeReport(ctx.devA, t, { owner: ctx.alice.address }), makeReport(ctx.devA, t + 1, { owner: ctx.bob.address })];
    const deadline = await soon();
    const sigs = await signBatch(mrv, reports, deadline, [ctx.signer1]);
    await mrv.connect(ctx.outsider).submitReports(reports, deadline, sigs);
    expect((await reportEvent(mrv, ctx.devA, t)).owner).to.equal(ctx.alice.address);
    expect((await reportEvent(mrv, ctx.devA, t + 1)).owner).to.equal(ctx.bob.address);
  });
});
