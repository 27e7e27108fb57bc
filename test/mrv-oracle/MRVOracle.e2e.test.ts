import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import {
  loadDeviceRegistry,
  readKaggleGeneration,
  readKaggleSensor,
  runPipeline,
  type DeviceDayResult,
} from "../../oracle/src/lib";
import { toReport as toPostedReport } from "../../oracle/src/lib/post";
import { Kind, approvedPool, utc } from "../pool/fixtures";
import { PLANT1_DEVICES, PLANT1_GENERATION, PLANT1_SENSOR } from "../oracle/helpers/fixtures";
import { RStatus, deployOracle, deviceIdOf, reportEvent, signBatch, soon, type ReportValue } from "./MRVOracle.fixtures";

/**
 * End to end: the off-chain pipeline (oracle/src/lib) over the committed real Plant 1 fixture (22 inverters ×
 * 8 UTC days, 2020-06-07 … 2020-06-14, on-site sensor) → EIP-712 signed batch → MRVOracle → CarbonPool.
 * Three inverters: `bvBOhCH3iADSZry` and `1BY6WEcLGh8j5v7` (alice's; each has real outages on 2020-06-07
 * and 2020-06-14, which the pipeline marks PENDING) and `1IF53ai7Xc0U56Y` (bob's; 8 VERIFIED days).
 */
const OWNERS = { bvBOhCH3iADSZry: "alice", "1BY6WEcLGh8j5v7": "alice", "1IF53ai7Xc0U56Y": "bob" } as const;
type SourceKey = keyof typeof OWNERS;

const STATUS = { VERIFIED: RStatus.Verified, FLAGGED: RStatus.Flagged, PENDING: RStatus.Pending } as const;

/** The on-chain report of a pipeline result, naming `owner`: the posting library's mapping (a negative or undefined r → 0 bps). */
function toReport(r: DeviceDayResult, owner: string): ReportValue {
  return toPostedReport(r, owner) as ReportValue;
}

/** approvedPool + MRVOracle, the pool's June 2020 period open, the three inverters registered from devices.json. */
async function plant1System() {
  const ctx = await approvedPool();
  const o = await deployOracle(ctx);
  await ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, utc(2020, 6, 15));
  const periodId = await ctx.pool.periodCount();
  const registry = loadDeviceRegistry(PLANT1_DEVICES);
  const member = { alice: ctx.alice, bob: ctx.bob };
  for (const key of Object.keys(OWNERS) as SourceKey[]) {
    const d = registry.get(key)!;
    await o.mrv.connect(o.deviceRegistrar).registerDevice(deviceIdOf(key), {
      owner: member[OWNERS[key]].address,
      latMicroDeg: Math.round(d.lat * 1e6),
      lonMicroDeg: Math.round(d.lon * 1e6),
      capacityW: BigInt(d.capacityW),
      emissionFactorGPerKWh: d.emissionFactorGPerKWh,
    });
  }
  const { results } = runPipeline(readKaggleGeneration(PLANT1_GENERATION), registry, () => readKaggleSensor(PLANT1_SENSOR));
  const mine = results.filter((r) => r.deviceId in OWNERS);
  const ownerOf = (r: DeviceDayResult) => member[OWNERS[r.deviceId as SourceKey]].address;
  return { ...ctx, ...o, periodId, mine, ownerOf };
}

describe("MRVOracle end to end: Plant 1 pipeline → signed batch → pool", () => {
  it("credits each member with the sum of its inverters' VERIFIED CO2 and stores every day for audit", async () => {
    const ctx = await loadFixture(plant1System);
    expect(ctx.mine).to.have.length(24);
    const statuses = ctx.mine.map((r) => r.status);
    expect(statuses.filter((s) => s === "VERIFIED")).to.have.length(20);
    expect(statuses.filter((s) => s === "PENDING")).to.have.length(4);

    // One batch, in the pipeline's order (device, then day): consecutive days of one owner share a pool call.
    const reports = ctx.mine.map((r) => toReport(r, ctx.ownerOf(r)));
    const deadline = await soon();
    const sigs = await signBatch(ctx.mrv, reports, deadline, [ctx.signer1]);
    await ctx.mrv.connect(ctx.outsider).submitReports(reports, deadline, sigs);

    const verifiedOf = (who: "alice" | "bob") =>
      ctx.mine
        .filter((r) => r.status === "VERIFIED" && OWNERS[r.deviceId as SourceKey] === who)
        .reduce((a, r) => a + BigInt(r.co2Grams), 0n);
    const aliceGrams = verifiedOf("alice");
    const bobGrams = verifiedOf("bob");
    expect(aliceGrams).to.be.greaterThan(0n);
    expect(bobGrams).to.be.greaterThan(0n);
    expect((await ctx.pool.getMemberPeriod(ctx.periodId, ctx.alice.address)).grams).to.equal(aliceGrams);
    expect((await ctx.pool.getMemberPeriod(ctx.periodId, ctx.bob.address)).grams).to.equal(bobGrams);
    expect((await ctx.pool.getPeriod(ctx.periodId)).eligibleGrams).to.equal(aliceGrams + bobGrams);

    for (const r of ctx.mine) {
      const state = await ctx.mrv.getReport(deviceIdOf(r.deviceId), r.day);
      expect(state.status, `${r.deviceId} ${r.date}`).to.equal(BigInt(STATUS[r.status]));
      const rec = await reportEvent(ctx.mrv, deviceIdOf(r.deviceId), r.day);
      expect(rec.owner).to.equal(ctx.ownerOf(r));
      expect(rec.energyWh).to.equal(BigInt(r.energyWh));
      expect(rec.co2Grams).to.equal(BigInt(r.co2Grams));
      expect(rec.evidenceHash).to.equal(r.evidenceHash);
    }

    // Posting the same pipeline output again (a crash-and-rerun) is refused: nothing is counted twice.
    const again = [reports[0]];
    const sigs2 = await signBatch(ctx.mrv, again, deadline, [ctx.signer1]);
    await expect(ctx.mrv.submitReports(again, deadline, sigs2)).to.be.revertedWithCustomError(ctx.mrv, "MRVOracleAlreadyReported");
  });
});
