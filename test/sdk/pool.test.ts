import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import {
  AccessControlUnauthorizedAccountError,
  CarbonPoolAlreadyClaimedError,
  CarbonPoolAlreadyMemberError,
  CarbonPoolClaimsOutstandingError,
  CarbonPoolInvalidTreasuryError,
  CarbonPoolNoDustError,
  CarbonPoolNotEligibleError,
  CarbonPoolNotMemberError,
  CarbonPoolPeriodAlreadyOpenError,
  CarbonPoolPeriodNotClosedError,
  CarbonPoolPeriodNotEndedError,
  CarbonPoolPeriodNotOpenError,
  CarbonPoolPeriodOverlapsError,
  CarbonPoolPeriodHasContributionsError,
  CarbonPoolSuccessorAlreadyRegisteredError,
  DEFAULT_CLAIM_WINDOW_SECONDS,
  DEFAULT_CLOSE_GRACE_SECONDS,
  SEED_MIN_CONTRIBUTION_GRAMS,
  EnforcedPauseError,
  ExpectedPauseError,
  InvalidArgumentError,
  OpenTonne,
  PeriodStatus,
  SignerRequiredError,
  UnknownIdError,
  co2GramsFor,
  type OracleReportInput,
} from "../../sdk";
import { POOL_ROLES, deployPool, utc } from "../pool/fixtures";
import { EF, dayOf, TEST_DEVICE_OWNERS } from "../mrv-oracle/MRVOracle.fixtures";
import { sdkSystem } from "./fixtures";

async function setup() {
  const sys = await loadFixture(sdkSystem);
  const as = (signer: HardhatEthersSigner) => OpenTonne.connect(signer, { addresses: sys.deployment });
  return {
    sys,
    manager: await as(sys.manager),
    oracleAcct: await as(sys.oracle),
    admin: await as(sys.admin),
    pauser: await as(sys.pauser),
    relayer: await as(sys.outsider),
    alice: await as(sys.alice),
    bob: await as(sys.bob),
    carol: await as(sys.carol),
  };
}

type Ctx = Awaited<ReturnType<typeof setup>>;

/** A Verified (or other status) report of `deviceId` on 2025-03-`day` with CO2 by the contract's rule. */
function report(deviceId: string, day: number, energyWh: bigint, status: OracleReportInput["status"] = "Verified"): OracleReportInput {
  return {
    deviceId,
    owner: TEST_DEVICE_OWNERS.get(deviceId) ?? ethers.ZeroAddress,
    day: dayOf(2025, 3, day),
    energyWh,
    co2Grams: co2GramsFor(energyWh, EF),
    correlationBps: 9_500,
    status,
    evidenceHash: ethers.id(`evidence:${deviceId}:${day}:${energyWh}`),
  };
}

async function deadline(): Promise<bigint> {
  return BigInt(await time.latest()) + 3_600n;
}

/** Records grams through the pool's ORACLE_ROLE account for each [member, grams]. */
async function record(ctx: Ctx, periodId: bigint, entries: Array<[HardhatEthersSigner, bigint]>) {
  for (const [m, g] of entries) await ctx.oracleAcct.pool.recordContribution(m.address, periodId, g);
}

describe("SDK: pool", () => {
  it("full cycle: open period → signed oracle reports → contributions → close → claimable → claim → balances", async () => {
    const ctx = await setup();
    const { sys, manager, relayer, alice, bob } = ctx;
    const info = await manager.pool.getInfo();
    expect(info).to.deep.include({
      projectId: sys.projectId,
      treasury: sys.treasury.address,
      successorProjectId: 0n,
      currentProjectBatches: 0n,
      allocation: { method: "Proportional", hybridBps: 0 },
      minContribution: 0n,
      closeGrace: DEFAULT_CLOSE_GRACE_SECONDS,
      claimWindow: DEFAULT_CLAIM_WINDOW_SECONDS,
      memberCount: 3n,
      periodCount: sys.periodId,
      openPeriodId: sys.periodId,
      paused: false,
    });
    expect(await manager.pool.openPeriodId()).to.equal(sys.periodId);
    const period = await manager.pool.getPeriod(sys.periodId);
    expect(period).to.include({ status: "Open", kind: "Monthly", method: "Proportional", start: utc(2025, 3, 1), end: utc(2025, 4, 1) - 1n, year: 2025 });

    // The oracle's signer signs a batch; an outsider relays it.
    const reports = [
      report(sys.devA, 3, 40_000n),
      report(sys.devB, 3, 30_000n),
      report(sys.devB, 4, 50_000n),
      report(sys.devC, 5, 20_000n, "Flagged"),
    ];
    const dl = await deadline();
    const signatures = await relayer.oracle.signReports(reports, dl, [sys.signer1]);
    const submitted = await relayer.oracle.submitReports(reports, dl, signatures);
    expect(submitted.reports.map((r) => [r.owner, r.status, r.co2Grams, r.periodId])).to.deep.equal([
      [sys.alice.address, "Verified", 48_000n, sys.periodId],
      [sys.bob.address, "Verified", 36_000n, sys.periodId],
      [sys.bob.address, "Verified", 60_000n, sys.periodId],
      [sys.carol.address, "Flagged", 24_000n, 0n],
    ]);
    expect(submitted.batch).to.deep.include({ relayer: sys.outsider.address, count: 4n, verifiedGrams: 144_000n, periodId: sys.periodId });

    // Contributions are visible through the SDK.
    expect(await manager.pool.getMemberPeriod(sys.periodId, sys.alice.address)).to.deep.include({ grams: 48_000n, claimed: false });
    expect((await manager.pool.getMemberPeriod(sys.periodId, sys.bob.address)).grams).to.equal(96_000n);
    expect((await manager.pool.getMemberPeriod(sys.periodId, sys.carol.address)).grams).to.equal(0n);
    expect((await manager.pool.getMember(sys.bob.address)).totalGrams).to.equal(96_000n);
    expect(await manager.pool.claimable(sys.periodId, sys.alice.address)).to.equal(0n); // still open

    const closed = await manager.pool.closePeriod(sys.periodId);
    expect(closed).to.deep.include({ periodId: sys.periodId, method: "Proportional", hybridBps: 0, credits: 144_000n, projectId: sys.projectId, eligibleGrams: 144_000n, eligibleCount: 2n });
    expect(closed.batchId).to.be.greaterThan(0n);
    const after = await manager.pool.getPeriod(sys.periodId);
    expect(after).to.include({ status: "Closed", credits: 144_000n, batchId: closed.batchId, eligibleCount: 2, recordCount: 2 });
    expect(after!.claimDeadline).to.equal(after!.closedAt + BigInt(DEFAULT_CLAIM_WINDOW_SECONDS));
    expect(await manager.pool.openPeriodId()).to.equal(undefined);

    expect(await alice.pool.claimable(sys.periodId, sys.alice.address)).to.equal(48_000n);
    const many = await bob.pool.claimableMany([sys.periodId], sys.bob.address);
    expect(many).to.deep.equal({ total: 96_000n, periods: [{ periodId: sys.periodId, amount: 96_000n }] });

    const claimed = await alice.pool.claim([sys.periodId]);
    expect(claimed.total).to.equal(48_000n);
    expect(claimed.claims).to.deep.equal([{ periodId: sys.periodId, batchId: closed.batchId, amount: 48_000n }]);
    expect(await sys.credits.balanceOf(sys.alice.address, closed.batchId)).to.equal(48_000n);
    expect(await sys.credits.balanceOf(sys.poolAddress, closed.batchId)).to.equal(96_000n);
    expect(await alice.pool.claimable(sys.periodId, sys.alice.address)).to.equal(0n);
    expect(await alice.pool.getMemberPeriod(sys.periodId, sys.alice.address)).to.deep.include({ claimed: true });

    // Event history: the claim and the contributions the oracle recorded.
    const claims = await alice.pool.claimHistory({ member: sys.alice.address });
    expect(claims.map(({ periodId, member, batchId, amount }) => ({ periodId, member, batchId, amount }))).to.deep.equal([
      { periodId: sys.periodId, member: sys.alice.address, batchId: closed.batchId, amount: 48_000n },
    ]);
    expect(claims[0].transactionHash).to.equal(claimed.hash);
    expect(await alice.pool.claimHistory({ member: sys.bob.address })).to.deep.equal([]);
    const contributions = await alice.pool.contributionHistory({ periodId: sys.periodId });
    expect(contributions.map((c) => [c.member, c.grams, c.memberGrams, c.eligible])).to.deep.equal([
      [sys.alice.address, 48_000n, 48_000n, true],
      [sys.bob.address, 96_000n, 96_000n, true], // consecutive reports of one owner are summed into one pool call
    ]);
    expect(contributions.every((c) => c.transactionHash === submitted.hash)).to.equal(true);

    const m = await alice.pool.getMember(sys.alice.address);
    expect(m).to.include({ active: true, claimCount: 1, allocationCount: 1, totalGrams: 48_000n, claimedUnits: 48_000n, lastPeriodId: sys.periodId });
    // 48,000 units per 48 kg → 1000 units per kg; score in the next period: 1 eligible period × 10.
    expect(await alice.pool.memberMetrics(sys.alice.address)).to.deep.equal({
      totalGrams: 48_000n,
      claimedUnits: 48_000n,
      carriedForward: 0n,
      participationScore: 10n,
      carbonEfficiency: 1_000n,
    });
  });

  it("claim errors decode from real reverts: already claimed, not eligible, not closed", async () => {
    const ctx = await setup();
    const { sys, manager, alice, carol } = ctx;
    await record(ctx, sys.periodId, [[sys.alice, 5_000n]]);
    const notClosed = await alice.pool.claim([sys.periodId]).catch((e: unknown) => e);
    expect(notClosed).to.be.instanceOf(CarbonPoolPeriodNotClosedError);
    expect((notClosed as CarbonPoolPeriodNotClosedError).status).to.equal(PeriodStatus.Open);
    expect((notClosed as CarbonPoolPeriodNotClosedError).action).to.equal("pool.claim");

    await manager.pool.closePeriod(sys.periodId);
    await alice.pool.claim([sys.periodId]);
    const before = await ethers.provider.getBlockNumber();
    const twice = await alice.pool.claim([sys.periodId]).catch((e: unknown) => e);
    expect(twice).to.be.instanceOf(CarbonPoolAlreadyClaimedError);
    expect((twice as CarbonPoolAlreadyClaimedError).periodId).to.equal(sys.periodId);
    expect((twice as CarbonPoolAlreadyClaimedError).member).to.equal(sys.alice.address);
    expect(await ethers.provider.getBlockNumber()).to.equal(before); // the simulation stopped it

    const ineligible = await carol.pool.claim([sys.periodId]).catch((e: unknown) => e);
    expect(ineligible).to.be.instanceOf(CarbonPoolNotEligibleError);
    expect((ineligible as CarbonPoolNotEligibleError).member).to.equal(sys.carol.address);
  });

  it("period errors: closing before the period ends plus its grace, opening while open, overlapping, closing a closed period", async () => {
    const ctx = await setup();
    const { sys, manager } = ctx;
    const open = await manager.pool.openPeriod("Quarterly", utc(2025, 7, 1)).catch((e: unknown) => e);
    expect(open).to.be.instanceOf(CarbonPoolPeriodAlreadyOpenError);
    expect((open as CarbonPoolPeriodAlreadyOpenError).openPeriodId).to.equal(sys.periodId);

    await manager.pool.closePeriod(sys.periodId);
    const again = await manager.pool.closePeriod(sys.periodId).catch((e: unknown) => e);
    expect(again).to.be.instanceOf(CarbonPoolPeriodNotOpenError);
    expect((again as CarbonPoolPeriodNotOpenError).status).to.equal(PeriodStatus.Closed);

    const overlap = await manager.pool.openPeriod("Yearly", new Date("2025-06-01T00:00:00Z")).catch((e: unknown) => e);
    expect(overlap).to.be.instanceOf(CarbonPoolPeriodOverlapsError);
    expect((overlap as CarbonPoolPeriodOverlapsError).lastEnd).to.equal(utc(2025, 4, 1) - 1n);

    // The period containing "now" has not ended: closing it is refused with its end and the chain time.
    const now = await time.latest();
    const opened = await manager.pool.openPeriod("Monthly", now);
    expect(opened.periodId).to.equal(sys.periodId + 1n);
    expect(opened.kind).to.equal("Monthly");
    expect(opened.start <= BigInt(now) && BigInt(now) <= opened.end).to.equal(true);
    const early = await manager.pool.closePeriod(opened.periodId).catch((e: unknown) => e);
    expect(early).to.be.instanceOf(CarbonPoolPeriodNotEndedError);
    const e = early as CarbonPoolPeriodNotEndedError;
    expect([e.periodId, e.closableAfter]).to.deep.equal([opened.periodId, opened.end + BigInt(opened.closeGrace)]);
    expect(e.nowTime <= opened.end).to.equal(true);
    expect((await manager.pool.getPeriod(opened.periodId))?.closableAt).to.equal(e.closableAfter + 1n);
    const abortEarly = await manager.pool.abortPeriod(opened.periodId).catch((x: unknown) => x);
    expect(abortEarly).to.be.instanceOf(CarbonPoolPeriodNotEndedError);
    expect((await manager.pool.getPeriod(opened.periodId))?.status).to.equal("Open");
  });

  it("cancelPeriod cancels an empty period (typed error with contributions); abortPeriod carries a stuck period's grams forward", async () => {
    const ctx = await setup();
    const { sys, manager } = ctx;
    await record(ctx, sys.periodId, [[sys.alice, 5_000n]]);
    const refused = await manager.pool.cancelPeriod(sys.periodId).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(CarbonPoolPeriodHasContributionsError);
    expect((refused as CarbonPoolPeriodHasContributionsError).recordCount).to.equal(1n);
    const aborted = await manager.pool.abortPeriod(sys.periodId); // March 2025: long past its end and grace
    expect(aborted).to.deep.include({ recordCount: 1n, eligibleGrams: 5_000n });
    expect((await manager.pool.getPeriod(sys.periodId))?.status).to.equal("Aborted");
    expect(await manager.pool.carriedForward(sys.alice.address)).to.equal(5_000n);
    const next = await manager.pool.openPeriod("Monthly", utc(2025, 4, 10));
    await manager.pool.cancelPeriod(next.periodId);
    expect((await manager.pool.getPeriod(next.periodId))?.status).to.equal("Cancelled");
    expect(await manager.pool.openPeriodId()).to.equal(undefined);
  });

  it("members: admit, record, remove (grams carried forward), with typed errors for repeats", async () => {
    const ctx = await setup();
    const { sys, manager, oracleAcct } = ctx;
    const dave = sys.dave.address;
    expect(await manager.pool.isMember(dave)).to.equal(false);
    await manager.pool.admitMember(dave);
    expect(await manager.pool.isMember(dave)).to.equal(true);
    expect(await manager.pool.memberCount()).to.equal(4n);
    const dup = await manager.pool.admitMember(dave).catch((e: unknown) => e);
    expect(dup).to.be.instanceOf(CarbonPoolAlreadyMemberError);
    expect((dup as CarbonPoolAlreadyMemberError).member).to.equal(dave);

    const rec = await oracleAcct.pool.recordContribution(dave, sys.periodId, 5_000n);
    expect(rec).to.deep.include({ periodId: sys.periodId, member: dave, grams: 5_000n, memberGrams: 5_000n, score: 0n, eligible: true, carriedIn: 0n });

    const removed = await manager.pool.removeMember(dave);
    expect(removed).to.deep.include({ periodId: sys.periodId, withdrawnGrams: 5_000n });
    expect(await manager.pool.isMember(dave)).to.equal(false);
    expect(await manager.pool.carriedForward(dave)).to.equal(5_000n);
    expect((await manager.pool.getMember(dave)).carriedGrams).to.equal(5_000n);
    const gone = await manager.pool.removeMember(dave).catch((e: unknown) => e);
    expect(gone).to.be.instanceOf(CarbonPoolNotMemberError);
    const notMember = await oracleAcct.pool.recordContribution(dave, sys.periodId, 1n).catch((e: unknown) => e);
    expect(notMember).to.be.instanceOf(CarbonPoolNotMemberError);

    // Readmitted, its next record brings the carried grams back in.
    await manager.pool.admitMember(dave);
    const back = await oracleAcct.pool.recordContribution(dave, sys.periodId, 1_000n);
    expect(back).to.deep.include({ grams: 1_000n, memberGrams: 6_000n, carriedIn: 5_000n });
  });

  it("settings: allocation method, minimum, timings and treasury apply to the next period; bad values are refused", async () => {
    const ctx = await setup();
    const { sys, manager, admin } = ctx;
    expect(SEED_MIN_CONTRIBUTION_GRAMS).to.equal(1_000_000n); // seed 000's 100 credits × 10 kg = 1 t
    await manager.pool.setAllocationMethod("Hybrid", 2_500);
    await manager.pool.setMinContribution(SEED_MIN_CONTRIBUTION_GRAMS);
    await manager.pool.setPeriodTimings(86_400, 30 * 86_400);
    await admin.pool.setTreasury(sys.dave.address);
    const info = await manager.pool.getInfo();
    expect(info).to.deep.include({ allocation: { method: "Hybrid", hybridBps: 2_500 }, minContribution: 1_000_000n, closeGrace: 86_400, claimWindow: 30 * 86_400 });
    expect(info.treasury).to.equal(sys.dave.address);
    // The open period keeps what it was opened with; the next one takes the new values.
    expect(await manager.pool.getPeriod(sys.periodId)).to.include({ method: "Proportional", minContribution: 0n, closeGrace: DEFAULT_CLOSE_GRACE_SECONDS });
    await manager.pool.closePeriod(sys.periodId);
    const next = await manager.pool.openPeriod("Quarterly", new Date("2025-05-10T00:00:00Z"));
    expect(next).to.deep.include({ kind: "Quarterly", start: utc(2025, 4, 1), end: utc(2025, 7, 1) - 1n, minContribution: 1_000_000n, method: "Hybrid", hybridBps: 2_500, closeGrace: 86_400, claimWindow: 30 * 86_400 });

    const zero = await admin.pool.setTreasury(ethers.ZeroAddress).catch((e: unknown) => e);
    expect(zero).to.be.instanceOf(CarbonPoolInvalidTreasuryError);
    const unauthorized = await manager.pool.setTreasury(sys.dave.address).catch((e: unknown) => e);
    expect(unauthorized).to.be.instanceOf(AccessControlUnauthorizedAccountError);
    expect((unauthorized as AccessControlUnauthorizedAccountError).account).to.equal(sys.manager.address);
  });

  it("EqualShare close, claims of all members, then the dust goes to the treasury once", async () => {
    const ctx = await setup();
    const { sys, manager, alice, bob, carol } = ctx;
    await manager.pool.closePeriod(sys.periodId);
    await manager.pool.setMinContribution(1n); // EqualShare needs a minimum
    await manager.pool.setAllocationMethod("EqualShare");
    const { periodId } = await manager.pool.openPeriod("Monthly", utc(2025, 4, 10));
    await record(ctx, periodId, [[sys.alice, 1_000n], [sys.bob, 1_000n], [sys.carol, 1_001n]]);
    const closed = await manager.pool.closePeriod(periodId);
    expect(closed).to.deep.include({ method: "EqualShare", credits: 3_001n, eligibleCount: 3n });
    expect(await manager.pool.claimableMany([periodId], sys.carol.address)).to.deep.include({ total: 1_000n });

    await alice.pool.claim([periodId]);
    const outstanding = await manager.pool.sweepDust(periodId).catch((e: unknown) => e);
    expect(outstanding).to.be.instanceOf(CarbonPoolClaimsOutstandingError);
    expect((outstanding as CarbonPoolClaimsOutstandingError).claimedCount).to.equal(1n);
    expect((outstanding as CarbonPoolClaimsOutstandingError).eligibleCount).to.equal(3n);

    await bob.pool.claim([periodId]);
    await carol.pool.claim([periodId]);
    const swept = await manager.pool.sweepDust(periodId);
    expect(swept).to.deep.include({ amount: 1n, treasury: sys.treasury.address });
    expect(await sys.credits.balanceOf(sys.treasury.address, closed.batchId)).to.equal(1n);
    expect(await manager.pool.getPeriod(periodId)).to.include({ dustSwept: true, claimedCount: 3, claimedUnits: 3_000n });
    const noDust = await manager.pool.sweepDust(periodId).catch((e: unknown) => e);
    expect(noDust).to.be.instanceOf(CarbonPoolNoDustError);
  });

  it("claims several periods in one call, summing AllocationClaimed events; Hybrid close reports its weight", async () => {
    const ctx = await setup();
    const { sys, manager, alice } = ctx;
    await record(ctx, sys.periodId, [[sys.alice, 3_000n], [sys.bob, 1_000n]]);
    await manager.pool.closePeriod(sys.periodId);
    await manager.pool.setAllocationMethod("Hybrid", 2_500); // fixed for p2 when it opens
    const p2 = await manager.pool.openPeriod("Monthly", utc(2025, 4, 10));
    await record(ctx, p2.periodId, [[sys.alice, 2_000n], [sys.bob, 2_000n]]);
    expect(BigInt(await time.latest()) > p2.end).to.equal(true); // April 2025 is in the chain's past
    const c2 = await manager.pool.closePeriod(p2.periodId);
    expect(c2).to.deep.include({ method: "Hybrid", hybridBps: 2_500, credits: 4_000n });
    expect((await manager.pool.getPeriod(p2.periodId))?.method).to.equal("Hybrid");

    const expected = await alice.pool.claimableMany([sys.periodId, p2.periodId], sys.alice.address);
    expect(expected.periods[0].amount).to.equal(3_000n);
    const claimed = await alice.pool.claim([sys.periodId, p2.periodId]);
    expect(claimed.claims.map((c) => c.periodId)).to.deep.equal([sys.periodId, p2.periodId]);
    expect(claimed.claims.map((c) => c.amount)).to.deep.equal(expected.periods.map((p) => p.amount));
    expect(claimed.total).to.equal(expected.total);
    expect((await alice.pool.getMember(sys.alice.address)).claimedUnits).to.equal(expected.total);
  });

  it("listPeriods pages in id order; getPeriod of an unknown id is undefined", async () => {
    const ctx = await setup();
    const { sys, manager } = ctx;
    await manager.pool.closePeriod(sys.periodId);
    await manager.pool.openPeriod("Monthly", utc(2025, 4, 2));
    const page = await manager.pool.listPeriods({ offset: 0, limit: 1 });
    expect(page.total).to.equal(2n);
    expect(page.items.map((p) => [p.id, p.status])).to.deep.equal([[1n, "Closed"]]);
    const rest = await manager.pool.listPeriods({ offset: 1 });
    expect(rest.items.map((p) => [p.id, p.status, p.start])).to.deep.equal([[2n, "Open", utc(2025, 4, 1)]]);
    const unknown = await manager.pool.getPeriod(99n).catch((e: unknown) => e);
    expect(unknown).to.be.instanceOf(UnknownIdError);
    expect(unknown).to.deep.include({ kind: "period", id: 99n, action: "pool.getPeriod" });
  });

  it("pause stops closing (EnforcedPauseError), unpause twice is ExpectedPauseError", async () => {
    const ctx = await setup();
    const { sys, manager, pauser } = ctx;
    await pauser.pool.pause();
    expect((await manager.pool.getInfo()).paused).to.equal(true);
    const paused = await manager.pool.closePeriod(sys.periodId).catch((e: unknown) => e);
    expect(paused).to.be.instanceOf(EnforcedPauseError);
    await pauser.pool.unpause();
    const twice = await pauser.pool.unpause().catch((e: unknown) => e);
    expect(twice).to.be.instanceOf(ExpectedPauseError);
    expect((await manager.pool.closePeriod(sys.periodId)).periodId).to.equal(sys.periodId);
  });

  it("registerPoolProject: returns the project id on a fresh pool; later calls register one successor at a time", async () => {
    const ctx = await setup();
    const input = { name: "again", standard: "ICM", methodology: "AMS-I.D", country: "IN" };
    const successor = await ctx.manager.pool.registerPoolProject(input);
    expect(successor.successor).to.equal(true);
    expect((await ctx.manager.pool.getInfo()).successorProjectId).to.equal(successor.projectId);
    const already = await ctx.manager.pool.registerPoolProject(input).catch((e: unknown) => e);
    expect(already).to.be.instanceOf(CarbonPoolSuccessorAlreadyRegisteredError);
    expect((already as CarbonPoolSuccessorAlreadyRegisteredError).projectId).to.equal(successor.projectId);

    // A fresh pool with no project (the marketplace and oracle entries only need code; the pool module never uses them).
    const fresh = await deployPool();
    const registry = await fresh.registry.getAddress();
    const credits = await fresh.credits.getAddress();
    const ot = await OpenTonne.connect(fresh.manager, {
      addresses: { registry, credits, market: registry, pool: fresh.poolAddress, oracle: registry, deploymentBlock: 0 },
    });
    const { projectId } = await ot.pool.registerPoolProject({ name: "indian_carbon_market_pool", standard: "ICM", methodology: "AMS-I.D", country: "IN" });
    expect(projectId).to.equal(await fresh.pool.projectId());
    expect(await ot.registry.getProject(projectId)).to.include({ owner: fresh.poolAddress, status: "Pending", name: "indian_carbon_market_pool" });
    expect((await ot.pool.getInfo()).projectId).to.equal(projectId);
  });

  it("recordContribution needs ORACLE_ROLE; writes need a Signer", async () => {
    const ctx = await setup();
    const { sys, manager } = ctx;
    const err = await manager.pool.recordContribution(sys.alice.address, sys.periodId, 1n).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(AccessControlUnauthorizedAccountError);
    expect((err as AccessControlUnauthorizedAccountError).neededRole).to.equal(POOL_ROLES.ORACLE);
    const readOnly = await OpenTonne.connect(ethers.provider, { addresses: sys.deployment });
    expect((await readOnly.pool.getPeriod(sys.periodId))?.status).to.equal("Open");
    const noSigner = await readOnly.pool.claim([sys.periodId]).catch((e: unknown) => e);
    expect(noSigner).to.be.instanceOf(SignerRequiredError);
  });

  it("bad arguments are refused before any call with InvalidArgumentError naming the argument", async () => {
    const ctx = await setup();
    const { sys, manager, oracleAcct, alice } = ctx;
    const before = await ethers.provider.getBlockNumber();
    const cases: Array<[Promise<unknown>, string]> = [
      [manager.pool.openPeriod("Weekly" as never, utc(2025, 5, 1)), "kind"],
      [manager.pool.openPeriod("Monthly", new Date("not a date")), "at"],
      [manager.pool.openPeriod("Monthly", -5), "at"],
      [manager.pool.setAllocationMethod("Nope" as never), "method"],
      [manager.pool.setAllocationMethod("Hybrid", 10_001), "hybridBps"],
      [manager.pool.setAllocationMethod("Hybrid", 1.5), "hybridBps"],
      [manager.pool.setAllocationMethod("Proportional", 500), "hybridBps"],
      [manager.pool.closePeriod(-1n), "periodId"],
      [manager.pool.cancelPeriod(-1n), "periodId"],
      [manager.pool.abortPeriod(-1n), "periodId"],
      [alice.pool.claim([]), "periodIds"],
      [alice.pool.claim([sys.periodId, sys.periodId]), "periodIds[1]"],
      [oracleAcct.pool.recordContribution(sys.alice.address, sys.periodId, 0n), "grams"],
      [oracleAcct.pool.recordContribution("0x1234", sys.periodId, 1n), "member"],
      [manager.pool.admitMember("alice"), "member"],
      [manager.pool.setPeriodTimings(86_399, 30 * 86_400), "closeGrace"],
      [manager.pool.setPeriodTimings(86_400, 3_651 * 86_400), "claimWindow"],
      [manager.pool.setMinContribution(-1n), "grams"],
      [manager.pool.claimable(sys.periodId, "0xnope"), "member"],
      [manager.pool.claimableMany([], sys.alice.address), "periodIds"],
      [manager.pool.listPeriods({ limit: 501 }), "limit"],
      [manager.pool.claimHistory({ member: "0x0" }), "filter.member"],
      [manager.pool.contributionHistory({ fromBlock: -1 }), "filter.fromBlock"],
    ];
    for (const [promise, argument] of cases) {
      const err = await promise.catch((e: unknown) => e);
      expect(err, argument).to.be.instanceOf(InvalidArgumentError);
      expect((err as InvalidArgumentError).argument, argument).to.equal(argument);
    }
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
  });
});
