import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { ADMIN_DELAY, CREDIT, ROLES, Status, approvedProjectWithBatches } from "../helpers/fixtures";
import {
  KG,
  Kind,
  POOL_NAME,
  POOL_ROLES,
  PeriodStatus,
  approvedPool,
  deployPool,
  DEFAULT_CLAIM_WINDOW,
  DEFAULT_CLOSE_GRACE,
  passEnd,
  poolProjectInput,
  reach,
  utc,
  type PoolSystem,
} from "./fixtures";
import { Method } from "./poolReference";

type Ctx = Awaited<ReturnType<typeof approvedPool>>;

/** approvedPool plus the year to put periods in: the year after the chain's current one. */
async function pool() {
  const ctx = await approvedPool();
  const year = new Date((await time.latest()) * 1000).getUTCFullYear() + 1;
  return { ...ctx, year };
}
type PoolCtx = Awaited<ReturnType<typeof pool>>;

/** Opens the period of `kind` containing the 15th of `month` (moving the chain there), with `method` set first. */
async function open(ctx: PoolCtx, month: number, kind: number = Kind.Monthly, method?: number, bps = 0): Promise<bigint> {
  if (method !== undefined) await ctx.pool.connect(ctx.manager).setAllocationMethod(method, bps);
  const at = utc(ctx.year, month, 15);
  await reach(at);
  await ctx.pool.connect(ctx.manager).openPeriod(kind, at);
  return ctx.pool.periodCount();
}

async function record(ctx: PoolSystem, who: HardhatEthersSigner, periodId: bigint, grams: bigint) {
  return ctx.pool.connect(ctx.oracle).recordContribution(who.address, periodId, grams);
}

/** Closes `periodId` once its end plus its close grace has passed (its method was fixed at open). */
async function close(ctx: PoolSystem, periodId: bigint) {
  await passEnd(ctx, periodId);
  return ctx.pool.connect(ctx.manager).closePeriod(periodId);
}

async function claimOne(ctx: PoolSystem, who: HardhatEthersSigner, periodId: bigint): Promise<bigint> {
  const amount = await ctx.pool.connect(who).claim.staticCall([periodId]);
  await ctx.pool.connect(who).claim([periodId]);
  return amount;
}

/** One closed period (one unit per gram): alice 500 kg, bob 200 kg, carol 300 kg = 1 t = 1 credit, proportional. */
async function seedExample() {
  const ctx = await pool();
  const periodId = await open(ctx, 1, Kind.Monthly, Method.Proportional);
  await record(ctx, ctx.alice, periodId, 500n * KG);
  await record(ctx, ctx.bob, periodId, 200n * KG);
  await record(ctx, ctx.carol, periodId, 300n * KG);
  await close(ctx, periodId);
  return { ...ctx, periodId };
}

/**
 * Two periods, rate 1 unit/g. Period 1: alice 2,000 kg, bob 500 kg (both eligible). Period 2: alice
 * 100 kg, bob 100 kg, carol 200 kg, so their scores there are alice 1×10 + 2000/100 = 30, bob
 * 1×10 + 500/100 = 15, carol 0 (new), and their weights 100,000×130, 100,000×115, 200,000×100
 * = 13,000,000 + 11,500,000 + 20,000,000 = W = 44,500,000; C = G = 400,000 units.
 */
async function scoredPeriodsWith(method: number, bps: number) {
  const ctx = await pool();
  const p1 = await open(ctx, 1);
  await record(ctx, ctx.alice, p1, 2_000n * KG);
  await record(ctx, ctx.bob, p1, 500n * KG);
  await close(ctx, p1);
  if (method === Method.EqualShare) await ctx.pool.connect(ctx.manager).setMinContribution(1n); // EqualShare needs one
  const p2 = await open(ctx, 2, Kind.Monthly, method, bps); // period 2's method is fixed here, before any record
  await record(ctx, ctx.alice, p2, 100n * KG);
  await record(ctx, ctx.bob, p2, 100n * KG);
  await record(ctx, ctx.carol, p2, 200n * KG);
  return { ...ctx, p1, p2 };
}
const SCORED = new Map<string, () => ReturnType<typeof scoredPeriodsWith>>();
/** The scoredPeriods fixture with period 2 opened under `method` (one stable function per method for loadFixture). */
function scoredPeriods(method: number = Method.Proportional, bps = 0) {
  const key = `${method}:${bps}`;
  if (!SCORED.has(key)) {
    const fixture = () => scoredPeriodsWith(method, bps);
    Object.defineProperty(fixture, "name", { value: `scoredPeriods_${method}_${bps}` }); // loadFixture needs a name
    SCORED.set(key, fixture);
  }
  return SCORED.get(key)!;
}

describe("CarbonPool", () => {
  describe("constructor", () => {
    it("stores registry, credits, treasury, Proportional, no minimum, the default grace and claim window, and the admin", async () => {
      const ctx = await loadFixture(deployPool);
      expect(await ctx.pool.registry()).to.equal(await ctx.registry.getAddress());
      expect(await ctx.pool.credits()).to.equal(await ctx.credits.getAddress());
      expect(await ctx.pool.treasury()).to.equal(ctx.treasury.address);
      expect(await ctx.pool.allocationMethod()).to.deep.equal([0n, 0n]);
      expect(await ctx.pool.periodTimings()).to.deep.equal([DEFAULT_CLOSE_GRACE, DEFAULT_CLAIM_WINDOW]);
      expect(await ctx.pool.poolProjects()).to.deep.equal([0n, 0n]);
      expect(await ctx.pool.minContribution()).to.equal(0n);
      expect(await ctx.pool.projectId()).to.equal(0n);
      expect(await ctx.pool.periodCount()).to.equal(0n);
      expect(await ctx.pool.openPeriodId()).to.equal(0n);
      expect(await ctx.pool.hasRole(ROLES.DEFAULT_ADMIN, ctx.admin.address)).to.equal(true);
      expect(await ctx.pool.defaultAdminDelay()).to.equal(ADMIN_DELAY);
      expect(await ctx.pool.POOL_MANAGER_ROLE()).to.equal(POOL_ROLES.POOL_MANAGER);
      expect(await ctx.pool.ORACLE_ROLE()).to.equal(POOL_ROLES.ORACLE);
      expect(await ctx.pool.PAUSER_ROLE()).to.equal(POOL_ROLES.PAUSER);
    });

    it("rejects zero registry, credits and treasury addresses with their custom errors", async () => {
      const [admin, other] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("CarbonPool");
      const a = other.address;
      const zero = ethers.ZeroAddress;
      await expect(factory.deploy(admin.address, ADMIN_DELAY, zero, a, a))
        .to.be.revertedWithCustomError(factory, "CarbonPoolInvalidAddress")
        .withArgs("registry", zero);
      await expect(factory.deploy(admin.address, ADMIN_DELAY, a, zero, a))
        .to.be.revertedWithCustomError(factory, "CarbonPoolInvalidAddress")
        .withArgs("credits", zero);
      await expect(factory.deploy(admin.address, ADMIN_DELAY, a, a, zero))
        .to.be.revertedWithCustomError(factory, "CarbonPoolInvalidTreasury")
        .withArgs(zero);
    });

    it("supports ERC-165, IAccessControl and IERC1155Receiver (it is an ERC1155Holder)", async () => {
      const ctx = await loadFixture(deployPool);
      for (const id of ["0x01ffc9a7", "0x7965db0b", "0x4e2312e0"]) {
        expect(await ctx.pool.supportsInterface(id)).to.equal(true, id);
      }
      expect(await ctx.pool.supportsInterface("0xd9b67a26")).to.equal(false); // it is not an ERC-1155 token
    });

    it("refuses credits sent directly (single or batch) with CarbonPoolUnsolicitedTransfer, so none get stuck", async () => {
      const ctx = await loadFixture(deployPool);
      const { batchIds } = await approvedProjectWithBatches(ctx, [[2020, 10n * CREDIT]]);
      await ctx.credits.connect(ctx.issuer).mint(ctx.alice.address, batchIds[0], 2n * CREDIT);
      const creditsAddress = await ctx.credits.getAddress();
      await expect(
        ctx.credits.connect(ctx.alice).safeTransferFrom(ctx.alice.address, ctx.poolAddress, batchIds[0], CREDIT, "0x"),
      )
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolUnsolicitedTransfer")
        .withArgs(creditsAddress, ctx.alice.address);
      await expect(
        ctx.credits
          .connect(ctx.alice)
          .safeBatchTransferFrom(ctx.alice.address, ctx.poolAddress, [batchIds[0]], [CREDIT], "0x"),
      )
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolUnsolicitedTransfer")
        .withArgs(creditsAddress, ctx.alice.address);
      expect(await ctx.credits.balanceOf(ctx.alice.address, batchIds[0])).to.equal(2n * CREDIT);
    });

    it("refuses tokens of any other ERC-1155 contract", async () => {
      const ctx = await loadFixture(deployPool);
      const other = await ethers.deployContract("BaselineERC1155");
      await other.mint(ctx.alice.address, 1, CREDIT);
      await expect(other.connect(ctx.alice).safeTransferFrom(ctx.alice.address, ctx.poolAddress, 1, CREDIT, "0x"))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolUnsolicitedTransfer")
        .withArgs(await other.getAddress(), ctx.alice.address);
    });
  });

  describe("registerPoolProject", () => {
    it("registers the pool as a Pending project owned by the pool and emits PoolProjectRegistered", async () => {
      const ctx = await loadFixture(deployPool);
      const tx = ctx.pool.connect(ctx.manager).registerPoolProject(poolProjectInput(ctx.poolAddress));
      const expectedId = (await ctx.registry.projectCount()) + 1n;
      await expect(tx).to.emit(ctx.pool, "PoolProjectRegistered").withArgs(expectedId, POOL_NAME, false);
      await expect(tx).to.emit(ctx.registry, "ProjectRegistered").withArgs(expectedId, ctx.poolAddress, POOL_NAME, "ICM");
      expect(await ctx.pool.projectId()).to.equal(expectedId);
      const project = await ctx.registry.getProject(expectedId);
      expect(project.owner).to.equal(ctx.poolAddress);
      expect(project.status).to.equal(Status.Pending);
      expect(await ctx.registry.isSelfManaged(expectedId)).to.equal(true);
    });

    it("a later registration is the successor; one successor waits at a time (CarbonPoolSuccessorAlreadyRegistered)", async () => {
      const ctx = await loadFixture(approvedPool);
      const successorId = (await ctx.registry.projectCount()) + 1n;
      await expect(ctx.pool.connect(ctx.manager).registerPoolProject(poolProjectInput(ctx.poolAddress, { name: "pool_2" })))
        .to.emit(ctx.pool, "PoolProjectRegistered")
        .withArgs(successorId, "pool_2", true);
      expect(await ctx.pool.projectId()).to.equal(ctx.projectId); // still the current one
      expect(await ctx.pool.poolProjects()).to.deep.equal([successorId, 0n]);
      await expect(ctx.pool.connect(ctx.manager).registerPoolProject(poolProjectInput(ctx.poolAddress)))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolSuccessorAlreadyRegistered")
        .withArgs(successorId);
    });

    it("requires the project's owner to be the pool (CarbonPoolInvalidProjectOwner)", async () => {
      const ctx = await loadFixture(deployPool);
      await expect(ctx.pool.connect(ctx.manager).registerPoolProject(poolProjectInput(ctx.alice.address)))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolInvalidProjectOwner")
        .withArgs(ctx.alice.address, ctx.poolAddress);
    });

    it("fails with the registry's AccessControlUnauthorizedAccount when the pool lacks REGISTRAR_ROLE", async () => {
      const ctx = await loadFixture(deployPool);
      await ctx.registry.connect(ctx.admin).revokeRole(ROLES.REGISTRAR, ctx.poolAddress);
      await expect(ctx.pool.connect(ctx.manager).registerPoolProject(poolProjectInput(ctx.poolAddress)))
        .to.be.revertedWithCustomError(ctx.registry, "AccessControlUnauthorizedAccount")
        .withArgs(ctx.poolAddress, ROLES.REGISTRAR);
    });
  });

  describe("members", () => {
    it("admits a member (event, count) and rejects the zero address and a second admission", async () => {
      const ctx = await loadFixture(deployPool);
      await expect(ctx.pool.connect(ctx.manager).admitMember(ctx.alice.address))
        .to.emit(ctx.pool, "MemberAdmitted")
        .withArgs(ctx.alice.address);
      expect(await ctx.pool.isMember(ctx.alice.address)).to.equal(true);
      expect(await ctx.pool.memberCount()).to.equal(1n);
      await expect(ctx.pool.connect(ctx.manager).admitMember(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolInvalidMember")
        .withArgs(ethers.ZeroAddress);
      await expect(ctx.pool.connect(ctx.manager).admitMember(ctx.alice.address))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolAlreadyMember")
        .withArgs(ctx.alice.address);
    });

    it("removes a member with no open period (MemberRemoved with 0 grams) and rejects removing a non-member", async () => {
      const ctx = await loadFixture(approvedPool);
      await expect(ctx.pool.connect(ctx.manager).removeMember(ctx.alice.address))
        .to.emit(ctx.pool, "MemberRemoved")
        .withArgs(ctx.alice.address, 0n, 0n);
      expect(await ctx.pool.isMember(ctx.alice.address)).to.equal(false);
      expect(await ctx.pool.memberCount()).to.equal(2n);
      await expect(ctx.pool.connect(ctx.manager).removeMember(ctx.alice.address))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolNotMember")
        .withArgs(ctx.alice.address);
    });
  });

  describe("parameters", () => {
    it("sets the allocation method for later periods; rejects a hybrid weight above 10,000 bps or on other methods", async () => {
      const ctx = await loadFixture(deployPool);
      await expect(ctx.pool.connect(ctx.manager).setAllocationMethod(Method.Hybrid, 2_500))
        .to.emit(ctx.pool, "AllocationMethodUpdated")
        .withArgs(Method.Hybrid, 2_500);
      expect(await ctx.pool.allocationMethod()).to.deep.equal([BigInt(Method.Hybrid), 2_500n]);
      for (const [method, bps] of [
        [Method.Hybrid, 10_001],
        [Method.Proportional, 1],
        [Method.EqualShare, 5_000],
        [Method.PerformanceBased, 10_000],
      ]) {
        await expect(ctx.pool.connect(ctx.manager).setAllocationMethod(method, bps))
          .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolInvalidHybridWeight")
          .withArgs(method, bps);
      }
      expect(await ctx.pool.allocationMethod()).to.deep.equal([BigInt(Method.Hybrid), 2_500n]);
    });

    it("sets the close grace (1–30 days) and claim window (30 days – 10 years); rejects values outside", async () => {
      const ctx = await loadFixture(deployPool);
      const DAY = 86_400n;
      await expect(ctx.pool.connect(ctx.manager).setPeriodTimings(DAY, 30n * DAY))
        .to.emit(ctx.pool, "PeriodTimingsUpdated")
        .withArgs(DAY, 30n * DAY);
      expect(await ctx.pool.periodTimings()).to.deep.equal([DAY, 30n * DAY]);
      for (const [grace, window, what, value, min, max] of [
        [DAY - 1n, 30n * DAY, "closeGrace", DAY - 1n, DAY, 30n * DAY],
        [31n * DAY, 30n * DAY, "closeGrace", 31n * DAY, DAY, 30n * DAY],
        [DAY, 30n * DAY - 1n, "claimWindow", 30n * DAY - 1n, 30n * DAY, 3_650n * DAY],
        [DAY, 3_651n * DAY, "claimWindow", 3_651n * DAY, 30n * DAY, 3_650n * DAY],
      ] as const) {
        await expect(ctx.pool.connect(ctx.manager).setPeriodTimings(grace, window))
          .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolInvalidDuration")
          .withArgs(what, value, min, max);
      }
    });

    it("sets the minimum contribution and the treasury (admin only; not zero)", async () => {
      const ctx = await loadFixture(deployPool);
      await expect(ctx.pool.connect(ctx.manager).setMinContribution(100n * KG))
        .to.emit(ctx.pool, "MinContributionUpdated")
        .withArgs(100n * KG);
      expect(await ctx.pool.minContribution()).to.equal(100n * KG);
      await expect(ctx.pool.connect(ctx.admin).setTreasury(ctx.carol.address))
        .to.emit(ctx.pool, "TreasuryUpdated")
        .withArgs(ctx.carol.address);
      expect(await ctx.pool.treasury()).to.equal(ctx.carol.address);
      await expect(ctx.pool.connect(ctx.admin).setTreasury(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolInvalidTreasury")
        .withArgs(ethers.ZeroAddress);
    });

    it("applies method, minimum and timing changes only to periods opened afterwards", async () => {
      const ctx = await loadFixture(pool);
      const periodId = await open(ctx, 1);
      await ctx.pool.connect(ctx.manager).setAllocationMethod(Method.Hybrid, 7_000);
      await ctx.pool.connect(ctx.manager).setMinContribution(5n);
      await ctx.pool.connect(ctx.manager).setPeriodTimings(86_400, 40 * 86_400);
      const p = await ctx.pool.getPeriod(periodId);
      expect([p.method, p.hybridBps, p.minContribution, p.closeGrace, p.claimWindow]).to.deep.equal([
        0n, 0n, 0n, DEFAULT_CLOSE_GRACE, DEFAULT_CLAIM_WINDOW,
      ]);
      await close(ctx, periodId);
      const next = await ctx.pool.getPeriod(await open(ctx, 2));
      expect([next.method, next.hybridBps, next.minContribution, next.closeGrace, next.claimWindow]).to.deep.equal([
        BigInt(Method.Hybrid), 7_000n, 5n, 86_400n, 40n * 86_400n,
      ]);
    });
  });

  describe("openPeriod", () => {
    for (const [label, kind, from, to] of [
      ["monthly", Kind.Monthly, [2, 1], [3, 1]],
      ["quarterly", Kind.Quarterly, [1, 1], [4, 1]],
      ["yearly", Kind.Yearly, [1, 1], [13, 1]],
    ] as const) {
      it(`opens the ${label} UTC calendar period containing the timestamp (bounds, snapshot, event)`, async () => {
        const ctx = await loadFixture(pool);
        const start = utc(ctx.year, from[0], from[1]);
        const end = utc(ctx.year, to[0], to[1]) - 1n;
        const inside = utc(ctx.year, 2, 20) + 3_600n;
        await reach(inside);
        await expect(ctx.pool.connect(ctx.manager).openPeriod(kind, inside))
          .to.emit(ctx.pool, "PeriodOpened")
          .withArgs(1n, kind, start, end, 0n, Method.Proportional, 0n, DEFAULT_CLOSE_GRACE, DEFAULT_CLAIM_WINDOW);
        const p = await ctx.pool.getPeriod(1n);
        expect(p.status).to.equal(PeriodStatus.Open);
        expect(p.kind).to.equal(BigInt(kind));
        expect([p.start, p.end]).to.deep.equal([start, end]);
        expect(await ctx.pool.openPeriodId()).to.equal(1n);
      });
    }

    it("requires the pool project (CarbonPoolProjectNotRegistered)", async () => {
      const ctx = await loadFixture(deployPool);
      await expect(
        ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, utc(2030, 1)),
      ).to.be.revertedWithCustomError(ctx.pool, "CarbonPoolProjectNotRegistered");
    });

    it("refuses a period that has not started (CarbonPoolPeriodNotStarted)", async () => {
      const ctx = await loadFixture(pool);
      const now = BigInt(await time.latest());
      await time.setNextBlockTimestamp(now + 10n);
      await expect(ctx.pool.connect(ctx.manager).openPeriod(Kind.Yearly, utc(ctx.year, 6)))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolPeriodNotStarted")
        .withArgs(utc(ctx.year, 1), now + 10n);
      expect(await ctx.pool.periodCount()).to.equal(0n);
    });

    it("an EqualShare period needs a non-zero minimum contribution (CarbonPoolEqualShareNeedsMinimum)", async () => {
      const ctx = await loadFixture(pool);
      await ctx.pool.connect(ctx.manager).setAllocationMethod(Method.EqualShare, 0);
      await expect(open(ctx, 1)).to.be.revertedWithCustomError(ctx.pool, "CarbonPoolEqualShareNeedsMinimum");
      await ctx.pool.connect(ctx.manager).setMinContribution(1n);
      expect((await ctx.pool.getPeriod(await open(ctx, 1))).method).to.equal(BigInt(Method.EqualShare));
    });

    it("keeps at most one period open (CarbonPoolPeriodAlreadyOpen)", async () => {
      const ctx = await loadFixture(pool);
      const periodId = await open(ctx, 1);
      await expect(ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, utc(ctx.year, 3)))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolPeriodAlreadyOpen")
        .withArgs(periodId);
    });

    it("never overlaps the previous period (CarbonPoolPeriodOverlaps), but may skip ahead", async () => {
      const ctx = await loadFixture(pool);
      const q1 = await open(ctx, 2, Kind.Quarterly);
      await close(ctx, q1);
      const { end } = await ctx.pool.getPeriod(q1);
      await expect(ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, utc(ctx.year, 3, 31)))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolPeriodOverlaps")
        .withArgs(utc(ctx.year, 3), end);
      await expect(ctx.pool.connect(ctx.manager).openPeriod(Kind.Yearly, utc(ctx.year, 6)))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolPeriodOverlaps")
        .withArgs(utc(ctx.year, 1), end);
      await reach(utc(ctx.year, 9, 1));
      await ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, utc(ctx.year, 9, 1));
      expect((await ctx.pool.getPeriod(2n)).start).to.equal(utc(ctx.year, 9));
    });

    it("rejects years outside the registry's vintages 1990..2200 (CarbonPoolInvalidPeriodYear)", async () => {
      const ctx = await loadFixture(pool);
      const [min, max] = [await ctx.pool.MIN_PERIOD_YEAR(), await ctx.pool.MAX_PERIOD_YEAR()];
      await expect(ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, utc(1989, 12, 31)))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolInvalidPeriodYear")
        .withArgs(1989, min, max);
      await expect(ctx.pool.connect(ctx.manager).openPeriod(Kind.Yearly, utc(2201, 1)))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolInvalidPeriodYear")
        .withArgs(2201, min, max);
    });
  });

  describe("recordContribution", () => {
    it("records grams, fixes the score, updates the totals and member metrics, and emits ContributionRecorded", async () => {
      const ctx = await loadFixture(pool);
      const periodId = await open(ctx, 1);
      await expect(record(ctx, ctx.alice, periodId, 300n * KG))
        .to.emit(ctx.pool, "ContributionRecorded")
        .withArgs(periodId, ctx.alice.address, 300n * KG, 300n * KG, 0n, true);
      await record(ctx, ctx.alice, periodId, 200n * KG);
      const p = await ctx.pool.getPeriod(periodId);
      expect([p.eligibleGrams, p.eligibleCount, p.weightSum]).to.deep.equal([500n * KG, 1n, 500n * KG * 100n]);
      const mp = await ctx.pool.getMemberPeriod(periodId, ctx.alice.address);
      expect([mp.grams, mp.score, mp.claimed]).to.deep.equal([500n * KG, 0n, false]);
      const m = await ctx.pool.getMember(ctx.alice.address);
      expect([m.totalGrams, m.allocationCount, m.lastPeriodId]).to.deep.equal([500n * KG, 1n, periodId]);
    });

    it("rejects zero grams (CarbonPoolZeroAmount) and non-members (CarbonPoolNotMember)", async () => {
      const ctx = await loadFixture(pool);
      const periodId = await open(ctx, 1);
      await expect(record(ctx, ctx.alice, periodId, 0n)).to.be.revertedWithCustomError(ctx.pool, "CarbonPoolZeroAmount");
      await expect(record(ctx, ctx.outsider, periodId, 1n))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolNotMember")
        .withArgs(ctx.outsider.address);
    });

    it("rejects a period that is not open: unknown, or closed (record into a closed period)", async () => {
      const ctx = await loadFixture(pool);
      const periodId = await open(ctx, 1);
      await record(ctx, ctx.alice, periodId, KG);
      await close(ctx, periodId);
      await expect(record(ctx, ctx.alice, periodId, KG))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolPeriodNotOpen")
        .withArgs(periodId, PeriodStatus.Closed);
      await expect(record(ctx, ctx.alice, 9n, KG))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolPeriodNotOpen")
        .withArgs(9n, PeriodStatus.None);
      expect((await ctx.pool.getPeriod(periodId)).eligibleGrams).to.equal(KG);
    });

    it("caps grams at MAX_GRAMS per record, per member-period and per period (CarbonPoolGramsOverflow)", async () => {
      const ctx = await loadFixture(pool);
      const max = await ctx.pool.MAX_GRAMS();
      const periodId = await open(ctx, 1);
      await expect(record(ctx, ctx.alice, periodId, max + 1n))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolGramsOverflow")
        .withArgs(max + 1n, max);
      await record(ctx, ctx.alice, periodId, max);
      await expect(record(ctx, ctx.alice, periodId, 1n))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolGramsOverflow")
        .withArgs(max + 1n, max);
      await expect(record(ctx, ctx.bob, periodId, 1n))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolGramsOverflow")
        .withArgs(max + 1n, max);
    });
  });

  describe("closePeriod", () => {
    it("cannot close before the period's end plus its close grace (CarbonPoolPeriodNotEnded)", async () => {
      const ctx = await loadFixture(pool);
      const periodId = await open(ctx, 1);
      const { end } = await ctx.pool.getPeriod(periodId);
      const closableAfter = end + DEFAULT_CLOSE_GRACE;
      for (const at of [end, end + 1n, closableAfter]) {
        await time.setNextBlockTimestamp(at);
        await expect(ctx.pool.connect(ctx.manager).closePeriod(periodId))
          .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolPeriodNotEnded")
          .withArgs(periodId, closableAfter, at);
      }
      await time.setNextBlockTimestamp(closableAfter + 1n);
      await ctx.pool.connect(ctx.manager).closePeriod(periodId);
      expect((await ctx.pool.getPeriod(periodId)).closedAt).to.equal(closableAfter + 1n);
    });

    it("mints the period's credits as one new vintage batch of the pool project, held by the pool", async () => {
      const ctx = await loadFixture(seedExample);
      const p = await ctx.pool.getPeriod(ctx.periodId);
      expect(p.status).to.equal(PeriodStatus.Closed);
      expect(p.credits).to.equal(CREDIT); // 1,000 kg verified = 1 t = 1 credit (one unit per gram)
      const batch = await ctx.registry.getBatch(p.batchId);
      expect(batch.projectId).to.equal(ctx.projectId);
      expect(batch.serial).to.equal(`OTPOOL-${ctx.poolAddress.toLowerCase()}-${ctx.periodId}`);
      expect(batch.vintage).to.equal(BigInt(ctx.year));
      expect([batch.startDate, batch.endDate]).to.deep.equal([p.start, p.end]);
      expect([batch.totalSupply, batch.minted]).to.deep.equal([p.credits, p.credits]);
      expect(await ctx.credits.balanceOf(ctx.poolAddress, p.batchId)).to.equal(p.credits);
      expect(await ctx.registry.projectBatches(ctx.projectId)).to.deep.equal([p.batchId]);
      expect(await ctx.pool.poolProjects()).to.deep.equal([0n, 1n]);
      expect(await ctx.pool.openPeriodId()).to.equal(0n);
    });

    it("emits PeriodClosed with the fixed method, credits, batch and totals", async () => {
      const ctx = await loadFixture(scoredPeriods(Method.Hybrid, 2_500));
      const batchId = (await ctx.registry.batchCount()) + 1n;
      await expect(close(ctx, ctx.p2))
        .to.emit(ctx.pool, "PeriodClosed")
        .withArgs(ctx.p2, Method.Hybrid, 2_500, 400n * KG, batchId, ctx.projectId, 400n * KG, 3n, 44_500_000n);
    });

    it("keeps issuing into the current project while it is Approved and not full, even with a successor waiting", async () => {
      const ctx = await loadFixture(pool);
      await ctx.pool.connect(ctx.manager).registerPoolProject(poolProjectInput(ctx.poolAddress, { name: "pool_2" }));
      const successor = (await ctx.pool.poolProjects()).successorProjectId;
      const periodId = await open(ctx, 1);
      await record(ctx, ctx.alice, periodId, KG);
      await expect(close(ctx, periodId)).to.not.emit(ctx.pool, "PoolProjectRolledOver");
      expect((await ctx.registry.getBatch((await ctx.pool.getPeriod(periodId)).batchId)).projectId).to.equal(ctx.projectId);
      expect(await ctx.pool.poolProjects()).to.deep.equal([successor, 1n]);
    });

    it("a roll-over to a successor not yet approved reverts the whole close (RegistryProjectNotApproved); nothing moves", async () => {
      const ctx = await loadFixture(pool);
      await ctx.pool.connect(ctx.manager).registerPoolProject(poolProjectInput(ctx.poolAddress, { name: "pool_2" }));
      const successor = (await ctx.pool.poolProjects()).successorProjectId;
      const periodId = await open(ctx, 1);
      await record(ctx, ctx.alice, periodId, KG);
      await ctx.registry.connect(ctx.verifier).suspendProject(ctx.projectId, "audit");
      await passEnd(ctx, periodId);
      await expect(ctx.pool.connect(ctx.manager).closePeriod(periodId))
        .to.be.revertedWithCustomError(ctx.registry, "RegistryProjectNotApproved")
        .withArgs(successor, Status.Pending);
      expect(await ctx.pool.projectId()).to.equal(ctx.projectId);
      expect((await ctx.pool.getPeriod(periodId)).status).to.equal(PeriodStatus.Open);
    });

    it("closes a period without eligible grams without minting (batch 0)", async () => {
      const ctx = await loadFixture(pool);
      await ctx.pool.connect(ctx.manager).setMinContribution(10n * KG);
      const periodId = await open(ctx, 1);
      await record(ctx, ctx.alice, periodId, KG);
      const batches = await ctx.registry.batchCount();
      await close(ctx, periodId);
      const p = await ctx.pool.getPeriod(periodId);
      expect([p.status, p.credits, p.batchId]).to.deep.equal([PeriodStatus.Closed, 0n, 0n]);
      expect(await ctx.registry.batchCount()).to.equal(batches);
    });

    it("mints exactly the eligible verified grams, one unit per gram: 7 g give 7 units", async () => {
      const ctx = await loadFixture(pool);
      const periodId = await open(ctx, 1);
      await record(ctx, ctx.alice, periodId, 7n);
      await close(ctx, periodId);
      expect((await ctx.pool.getPeriod(periodId)).credits).to.equal(7n);
    });

    it("rejects a period that is not open (closing twice, unknown id)", async () => {
      const ctx = await loadFixture(seedExample);
      await expect(ctx.pool.connect(ctx.manager).closePeriod(ctx.periodId))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolPeriodNotOpen")
        .withArgs(ctx.periodId, PeriodStatus.Closed);
      await expect(ctx.pool.connect(ctx.manager).closePeriod(5n))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolPeriodNotOpen")
        .withArgs(5n, PeriodStatus.None);
    });

    it("needs the pool project approved by a verifier (the registry's RegistryProjectNotApproved)", async () => {
      const ctx = await loadFixture(deployPool);
      await ctx.pool.connect(ctx.manager).registerPoolProject(poolProjectInput(ctx.poolAddress));
      const projectId = await ctx.pool.projectId();
      await ctx.pool.connect(ctx.manager).admitMember(ctx.alice.address);
      await ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, await time.latest());
      await record(ctx, ctx.alice, 1n, KG);
      await passEnd(ctx, 1n);
      await expect(ctx.pool.connect(ctx.manager).closePeriod(1n))
        .to.be.revertedWithCustomError(ctx.registry, "RegistryProjectNotApproved")
        .withArgs(projectId, Status.Pending);
      expect((await ctx.pool.getPeriod(1n)).status).to.equal(PeriodStatus.Open);
    });

    it("cannot close into a suspended pool project (the registry's RegistryProjectNotOpenForBatches)", async () => {
      const ctx = await loadFixture(pool);
      const periodId = await open(ctx, 1);
      await record(ctx, ctx.alice, periodId, KG);
      await ctx.registry.connect(ctx.verifier).suspendProject(ctx.projectId, "audit");
      await passEnd(ctx, periodId);
      await expect(ctx.pool.connect(ctx.manager).closePeriod(periodId))
        .to.be.revertedWithCustomError(ctx.registry, "RegistryProjectNotOpenForBatches")
        .withArgs(ctx.projectId, Status.Suspended);
      expect((await ctx.pool.getPeriod(periodId)).status).to.equal(PeriodStatus.Open);
    });
  });

  describe("allocation methods (hand-worked)", () => {
    it("proportional, seed 000: A 500 kg, B 200 kg (+ C 300 kg) of 1,000 kg = 1 credit → 0.5, 0.2, 0.3 credit", async () => {
      const ctx = await loadFixture(seedExample);
      expect(await claimOne(ctx, ctx.alice, ctx.periodId)).to.equal(500n * KG);
      expect(await claimOne(ctx, ctx.bob, ctx.periodId)).to.equal(200n * KG);
      expect(await claimOne(ctx, ctx.carol, ctx.periodId)).to.equal(300n * KG);
      const batchId = (await ctx.pool.getPeriod(ctx.periodId)).batchId;
      expect(await ctx.credits.balanceOf(ctx.alice.address, batchId)).to.equal(500n * KG);
      expect(await ctx.credits.balanceOf(ctx.bob.address, batchId)).to.equal(200n * KG);
      expect(await ctx.credits.balanceOf(ctx.poolAddress, batchId)).to.equal(0n);
    });

    it("equal share: 400,000 units among 3 members → 133,333 each, 1 unit of dust", async () => {
      const ctx = await loadFixture(scoredPeriods(Method.EqualShare));
      await close(ctx, ctx.p2);
      for (const m of [ctx.alice, ctx.bob, ctx.carol]) expect(await claimOne(ctx, m, ctx.p2)).to.equal(133_333n);
      const p = await ctx.pool.getPeriod(ctx.p2);
      expect(p.credits - p.claimedUnits).to.equal(1n);
    });

    it("performance-based: scores 30 / 15 / 0 fixed at record time; shares C × w / W = 116,853 / 103,370 / 179,775", async () => {
      const ctx = await loadFixture(scoredPeriods(Method.PerformanceBased));
      const scores = await Promise.all(
        [ctx.alice, ctx.bob, ctx.carol].map(async (m) => (await ctx.pool.getMemberPeriod(ctx.p2, m.address)).score),
      );
      expect(scores).to.deep.equal([30n, 15n, 0n]);
      await close(ctx, ctx.p2);
      expect(await claimOne(ctx, ctx.alice, ctx.p2)).to.equal(116_853n); // 400,000 × 13.0M / 44.5M
      expect(await claimOne(ctx, ctx.bob, ctx.p2)).to.equal(103_370n); // 400,000 × 11.5M / 44.5M
      expect(await claimOne(ctx, ctx.carol, ctx.p2)).to.equal(179_775n); // 400,000 × 20.0M / 44.5M
    });

    it("hybrid 50 %: half proportional, half performance, one rounding → 108,426 / 101,685 / 189,887", async () => {
      const ctx = await loadFixture(scoredPeriods(Method.Hybrid, 5_000));
      await close(ctx, ctx.p2);
      // alice: 400,000 × (0.5 × 100/400 + 0.5 × 13.0/44.5) = 108,426.97
      expect(await claimOne(ctx, ctx.alice, ctx.p2)).to.equal(108_426n);
      expect(await claimOne(ctx, ctx.bob, ctx.p2)).to.equal(101_685n); // 400,000 × (0.125 + 0.5 × 11.5/44.5)
      expect(await claimOne(ctx, ctx.carol, ctx.p2)).to.equal(189_887n); // 400,000 × (0.25 + 0.5 × 20/44.5)
    });

    it("hybrid 0 bps equals proportional and hybrid 10,000 bps equals performance-based", async () => {
      const ctx = await loadFixture(scoredPeriods(Method.Hybrid, 0));
      await close(ctx, ctx.p2);
      expect(await ctx.pool.claimable(ctx.p2, ctx.alice.address)).to.equal(100_000n);
      expect(await ctx.pool.claimable(ctx.p2, ctx.carol.address)).to.equal(200_000n);
      const ctx2 = await loadFixture(scoredPeriods(Method.Hybrid, 10_000));
      await close(ctx2, ctx2.p2);
      expect(await ctx2.pool.claimable(ctx2.p2, ctx2.alice.address)).to.equal(116_853n);
      expect(await ctx2.pool.claimable(ctx2.p2, ctx2.carol.address)).to.equal(179_775n);
    });
  });

  describe("minimum contribution and carry-forward", () => {
    /** Minimum 100 kg. Period 1: alice 150 kg (eligible), bob 60 kg (below: carries forward). */
    async function belowMinimum() {
      const ctx = await pool();
      await ctx.pool.connect(ctx.manager).setMinContribution(100n * KG);
      const p1 = await open(ctx, 1);
      await record(ctx, ctx.alice, p1, 150n * KG);
      await expect(record(ctx, ctx.bob, p1, 60n * KG))
        .to.emit(ctx.pool, "ContributionRecorded")
        .withArgs(p1, ctx.bob.address, 60n * KG, 60n * KG, 0n, false);
      await close(ctx, p1);
      return { ...ctx, p1 };
    }

    it("a member below the minimum is not eligible: not counted in the totals, and cannot claim", async () => {
      const ctx = await loadFixture(belowMinimum);
      const p = await ctx.pool.getPeriod(ctx.p1);
      expect([p.eligibleGrams, p.eligibleCount, p.credits]).to.deep.equal([150n * KG, 1n, 150n * KG]);
      await expect(ctx.pool.connect(ctx.bob).claim([ctx.p1]))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolNotEligible")
        .withArgs(ctx.p1, ctx.bob.address);
      expect(await claimOne(ctx, ctx.alice, ctx.p1)).to.equal(150n * KG);
      expect(await ctx.pool.carriedForward(ctx.bob.address)).to.equal(60n * KG);
    });

    it("carries the grams into the member's next record, which crosses the minimum (nothing lost)", async () => {
      const ctx = await loadFixture(belowMinimum);
      const p2 = await open(ctx, 2);
      const tx = record(ctx, ctx.bob, p2, 50n * KG);
      await expect(tx).to.emit(ctx.pool, "ContributionCarriedForward").withArgs(ctx.bob.address, p2, 60n * KG);
      await expect(tx)
        .to.emit(ctx.pool, "ContributionRecorded")
        .withArgs(p2, ctx.bob.address, 50n * KG, 110n * KG, 0n, true); // score: no allocation, 60 kg / 100 = 0
      expect(await ctx.pool.carriedForward(ctx.bob.address)).to.equal(0n);
      const p = await ctx.pool.getPeriod(p2);
      expect([p.eligibleGrams, p.eligibleCount]).to.deep.equal([110n * KG, 1n]);
      expect((await ctx.pool.getMember(ctx.bob.address)).totalGrams).to.equal(110n * KG); // counted once
      await close(ctx, p2);
      expect(await claimOne(ctx, ctx.bob, p2)).to.equal(110n * KG);
    });

    it("keeps carrying across periods without records, and below the minimum again", async () => {
      const ctx = await loadFixture(belowMinimum);
      await close(ctx, await open(ctx, 2)); // bob records nothing in period 2
      expect(await ctx.pool.carriedForward(ctx.bob.address)).to.equal(60n * KG);
      const p3 = await open(ctx, 3);
      await record(ctx, ctx.bob, p3, 10n * KG); // 70 kg < 100 kg
      expect((await ctx.pool.getMemberPeriod(p3, ctx.bob.address)).grams).to.equal(70n * KG);
      await close(ctx, p3);
      expect(await ctx.pool.carriedForward(ctx.bob.address)).to.equal(70n * KG);
      const p4 = await open(ctx, 4);
      await record(ctx, ctx.bob, p4, 30n * KG); // 100 kg: exactly the minimum is eligible
      await close(ctx, p4);
      expect(await claimOne(ctx, ctx.bob, p4)).to.equal(100n * KG);
    });
  });

  describe("claim", () => {
    it("claims several periods in one call: one TransferBatch, events per period, metrics updated", async () => {
      const ctx = await loadFixture(scoredPeriods());
      await close(ctx, ctx.p2);
      const [b1, b2] = await Promise.all([ctx.p1, ctx.p2].map(async (id) => (await ctx.pool.getPeriod(id)).batchId));
      const expected = [2_000n * KG, 100n * KG];
      expect(await ctx.pool.connect(ctx.alice).claim.staticCall([ctx.p1, ctx.p2])).to.equal(2_100n * KG);
      const tx = ctx.pool.connect(ctx.alice).claim([ctx.p1, ctx.p2]);
      await expect(tx)
        .to.emit(ctx.credits, "TransferBatch")
        .withArgs(ctx.poolAddress, ctx.poolAddress, ctx.alice.address, [b1, b2], expected);
      await expect(tx).to.emit(ctx.pool, "AllocationClaimed").withArgs(ctx.p1, ctx.alice.address, b1, expected[0]);
      await expect(tx).to.emit(ctx.pool, "AllocationClaimed").withArgs(ctx.p2, ctx.alice.address, b2, expected[1]);
      const m = await ctx.pool.getMember(ctx.alice.address);
      expect([m.claimCount, m.claimedUnits, m.allocationCount]).to.deep.equal([2n, 2_100n * KG, 2n]);
      expect((await ctx.pool.getMemberPeriod(ctx.p1, ctx.alice.address)).claimed).to.equal(true);
      expect(await ctx.pool.claimable(ctx.p1, ctx.alice.address)).to.equal(0n);
    });

    it("cannot claim twice, nor list a period twice (CarbonPoolAlreadyClaimed)", async () => {
      const ctx = await loadFixture(seedExample);
      await claimOne(ctx, ctx.alice, ctx.periodId);
      await expect(ctx.pool.connect(ctx.alice).claim([ctx.periodId]))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolAlreadyClaimed")
        .withArgs(ctx.periodId, ctx.alice.address);
      await expect(ctx.pool.connect(ctx.bob).claim([ctx.periodId, ctx.periodId]))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolAlreadyClaimed")
        .withArgs(ctx.periodId, ctx.bob.address);
    });

    it("a non-member has nothing to claim (CarbonPoolNotEligible)", async () => {
      const ctx = await loadFixture(seedExample);
      await expect(ctx.pool.connect(ctx.outsider).claim([ctx.periodId]))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolNotEligible")
        .withArgs(ctx.periodId, ctx.outsider.address);
      expect(await ctx.pool.claimable(ctx.periodId, ctx.outsider.address)).to.equal(0n);
    });

    it("rejects an empty list (CarbonPoolEmptyClaim) and open or unknown periods (CarbonPoolPeriodNotClosed)", async () => {
      const ctx = await loadFixture(pool);
      await expect(ctx.pool.connect(ctx.alice).claim([])).to.be.revertedWithCustomError(ctx.pool, "CarbonPoolEmptyClaim");
      const periodId = await open(ctx, 1);
      await record(ctx, ctx.alice, periodId, KG);
      await expect(ctx.pool.connect(ctx.alice).claim([periodId]))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolPeriodNotClosed")
        .withArgs(periodId, PeriodStatus.Open);
      await expect(ctx.pool.connect(ctx.alice).claim([3n]))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolPeriodNotClosed")
        .withArgs(3n, PeriodStatus.None);
      expect(await ctx.pool.claimable(periodId, ctx.alice.address)).to.equal(0n);
    });

    it("marks a zero-unit allocation claimed without a transfer", async () => {
      const ctx = await loadFixture(pool);
      const p1 = await open(ctx, 1);
      await record(ctx, ctx.alice, p1, 10_000n * KG); // 10 t: alice's score next period is 100 (the maximum)
      await close(ctx, p1);
      const periodId = await open(ctx, 2, Kind.Monthly, Method.PerformanceBased);
      await record(ctx, ctx.alice, periodId, 1_999n);
      await record(ctx, ctx.bob, periodId, 1n);
      // credits 2,000 units; bob's share floor(2000 × 1 × 100 / (1999 × 200 + 1 × 100)) = 0
      await close(ctx, periodId);
      const tx = ctx.pool.connect(ctx.bob).claim([periodId]);
      await expect(tx).to.not.emit(ctx.credits, "TransferBatch");
      await expect(tx).to.not.emit(ctx.credits, "TransferSingle");
      await expect(tx).to.emit(ctx.pool, "AllocationClaimed");
      expect((await ctx.pool.getPeriod(periodId)).claimedCount).to.equal(1n);
    });

    it("stays open while the pool is paused (a pause never traps allocated credits)", async () => {
      const ctx = await loadFixture(seedExample);
      await ctx.pool.connect(ctx.pauser).pause();
      expect(await claimOne(ctx, ctx.alice, ctx.periodId)).to.equal(500n * KG);
    });
  });

  describe("removal mid-period", () => {
    /** Period 1 open: alice 300 kg, bob 200 kg, carol 100 kg; then bob is removed. */
    async function removedMidPeriod() {
      const ctx = await pool();
      const p1 = await open(ctx, 1);
      await record(ctx, ctx.alice, p1, 300n * KG);
      await record(ctx, ctx.bob, p1, 200n * KG);
      await record(ctx, ctx.carol, p1, 100n * KG);
      await expect(ctx.pool.connect(ctx.manager).removeMember(ctx.bob.address))
        .to.emit(ctx.pool, "MemberRemoved")
        .withArgs(ctx.bob.address, p1, 200n * KG);
      return { ...ctx, p1 };
    }

    it("takes the member's open-period grams out of the totals and stops its records", async () => {
      const ctx = await loadFixture(removedMidPeriod);
      const p = await ctx.pool.getPeriod(ctx.p1);
      expect([p.eligibleGrams, p.eligibleCount, p.weightSum]).to.deep.equal([400n * KG, 2n, 400n * KG * 100n]);
      expect((await ctx.pool.getMember(ctx.bob.address)).allocationCount).to.equal(0n);
      await expect(record(ctx, ctx.bob, ctx.p1, KG))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolNotMember")
        .withArgs(ctx.bob.address);
      await close(ctx, ctx.p1);
      expect(await claimOne(ctx, ctx.alice, ctx.p1)).to.equal(300n * KG);
      expect(await claimOne(ctx, ctx.carol, ctx.p1)).to.equal(100n * KG);
      await expect(ctx.pool.connect(ctx.bob).claim([ctx.p1]))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolNotEligible")
        .withArgs(ctx.p1, ctx.bob.address);
    });

    it("keeps the withdrawn grams: a readmitted member's next record carries them in", async () => {
      const ctx = await loadFixture(removedMidPeriod);
      expect(await ctx.pool.carriedForward(ctx.bob.address)).to.equal(200n * KG);
      await ctx.pool.connect(ctx.manager).admitMember(ctx.bob.address);
      await expect(record(ctx, ctx.bob, ctx.p1, 10n * KG))
        .to.emit(ctx.pool, "ContributionCarriedForward")
        .withArgs(ctx.bob.address, ctx.p1, 200n * KG);
      const p = await ctx.pool.getPeriod(ctx.p1);
      expect([p.eligibleGrams, p.eligibleCount]).to.deep.equal([610n * KG, 3n]);
      expect((await ctx.pool.getMember(ctx.bob.address)).totalGrams).to.equal(210n * KG);
    });

    it("a member removed after the close keeps its allocation and can still claim it", async () => {
      const ctx = await loadFixture(seedExample);
      await ctx.pool.connect(ctx.manager).removeMember(ctx.bob.address);
      expect(await claimOne(ctx, ctx.bob, ctx.periodId)).to.equal(200n * KG);
    });

    it("removes a below-minimum member without touching the totals", async () => {
      const ctx = await loadFixture(pool);
      await ctx.pool.connect(ctx.manager).setMinContribution(100n * KG);
      const p1 = await open(ctx, 1);
      await record(ctx, ctx.alice, p1, 150n * KG);
      await record(ctx, ctx.bob, p1, 50n * KG);
      await ctx.pool.connect(ctx.manager).removeMember(ctx.bob.address);
      const p = await ctx.pool.getPeriod(p1);
      expect([p.eligibleGrams, p.eligibleCount]).to.deep.equal([150n * KG, 1n]);
      expect(await ctx.pool.carriedForward(ctx.bob.address)).to.equal(50n * KG);
    });
  });

  describe("sweepDust", () => {
    it("sends the rounding remainder to the treasury once every eligible member has claimed", async () => {
      const ctx = await loadFixture(scoredPeriods(Method.PerformanceBased));
      await close(ctx, ctx.p2);
      await expect(ctx.pool.connect(ctx.manager).sweepDust(ctx.p2))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolClaimsOutstanding")
        .withArgs(ctx.p2, 0n, 3n);
      for (const m of [ctx.alice, ctx.bob, ctx.carol]) await claimOne(ctx, m, ctx.p2);
      const { batchId, credits, claimedUnits } = await ctx.pool.getPeriod(ctx.p2);
      expect(credits - claimedUnits).to.equal(2n); // 400,000 − 116,853 − 103,370 − 179,775
      await expect(ctx.pool.connect(ctx.manager).sweepDust(ctx.p2))
        .to.emit(ctx.pool, "DustSwept")
        .withArgs(ctx.p2, ctx.treasury.address, 2n);
      expect(await ctx.credits.balanceOf(ctx.treasury.address, batchId)).to.equal(2n);
      expect(await ctx.credits.balanceOf(ctx.poolAddress, batchId)).to.equal(0n);
      await expect(ctx.pool.connect(ctx.manager).sweepDust(ctx.p2))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolNoDust")
        .withArgs(ctx.p2);
    });

    it("rejects a period without dust (exact split) and a period that is not closed", async () => {
      const ctx = await loadFixture(seedExample);
      for (const m of [ctx.alice, ctx.bob, ctx.carol]) await claimOne(ctx, m, ctx.periodId);
      await expect(ctx.pool.connect(ctx.manager).sweepDust(ctx.periodId))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolNoDust")
        .withArgs(ctx.periodId);
      await expect(ctx.pool.connect(ctx.manager).sweepDust(7n))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolPeriodNotClosed")
        .withArgs(7n, PeriodStatus.None);
    });
  });

  describe("metrics", () => {
    it("tracks total CO2, allocations, participation score (recent window) and carbon efficiency", async () => {
      const ctx = await loadFixture(scoredPeriods());
      await close(ctx, ctx.p2);
      await ctx.pool.connect(ctx.alice).claim([ctx.p1, ctx.p2]);
      const m = await ctx.pool.getMember(ctx.alice.address);
      expect([m.totalGrams, m.allocationCount, m.claimedUnits]).to.deep.equal([2_100n * KG, 2n, 2_100n * KG]);
      // next period: 2 recent allocations × 10 + 2,100 kg / 100 = 41
      expect(await ctx.pool.participationScore(ctx.alice.address)).to.equal(41n);
      // 2,100,000 units for 2,100 kg at 1 unit per gram = 1,000 units per kg
      expect(await ctx.pool.carbonEfficiency(ctx.alice.address)).to.equal(1_000n);
      expect(await ctx.pool.carbonEfficiency(ctx.outsider.address)).to.equal(0n);
      expect(await ctx.pool.carriedForward(ctx.alice.address)).to.equal(0n); // last period eligible: nothing waits
      expect(await ctx.pool.participationScore(ctx.outsider.address)).to.equal(0n);
    });

    it("counts only the 10 periods before the current one as recent", async () => {
      const ctx = await loadFixture(pool);
      for (let month = 1; month <= 11; month++) {
        const id = await open(ctx, month);
        if (month === 1) await record(ctx, ctx.alice, id, 1n); // eligible in period 1 only
        await close(ctx, id);
        if (month === 10) expect(await ctx.pool.participationScore(ctx.alice.address)).to.equal(10n); // period 11
      }
      expect(await ctx.pool.participationScore(ctx.alice.address)).to.equal(0n); // period 12: 1 is not recent
      const id = await open(ctx, 12);
      expect(await ctx.pool.participationScore(ctx.alice.address)).to.equal(0n); // the open period 12
      await record(ctx, ctx.alice, id, 1n);
      expect((await ctx.pool.getMemberPeriod(id, ctx.alice.address)).score).to.equal(0n);
    });
  });

  describe("reentrancy", () => {
    /** seedExample where a ReentrantPoolReceiver is a member with 100 kg and the treasury. */
    async function reentrantMember() {
      const ctx = await pool();
      const receiver = await ethers.deployContract("ReentrantPoolReceiver");
      const r = await receiver.getAddress();
      await ctx.pool.connect(ctx.manager).admitMember(r);
      await ctx.pool.connect(ctx.admin).setTreasury(r);
      await ctx.pool.connect(ctx.admin).grantRole(POOL_ROLES.POOL_MANAGER, r);
      await ctx.pool.connect(ctx.manager).setMinContribution(1n);
      const periodId = await open(ctx, 1, Kind.Monthly, Method.EqualShare); // 300,001 units / 2: 1 unit of dust
      await record(ctx, ctx.alice, periodId, 200n * KG);
      await ctx.pool.connect(ctx.oracle).recordContribution(r, periodId, 100n * KG + 1n);
      await close(ctx, periodId);
      return { ...ctx, receiver, periodId };
    }

    it("claim cannot be re-entered from the member's receiver hook (ReentrancyGuardReentrantCall)", async () => {
      const ctx = await loadFixture(reentrantMember);
      const claimData = ctx.pool.interface.encodeFunctionData("claim", [[ctx.periodId]]);
      await ctx.receiver.setReentry(ctx.poolAddress, claimData);
      await expect(ctx.receiver.forward(claimData)).to.be.revertedWithCustomError(
        ctx.pool,
        "ReentrancyGuardReentrantCall",
      );
    });

    it("sweepDust cannot be re-entered from the treasury's receiver hook (ReentrancyGuardReentrantCall)", async () => {
      const ctx = await loadFixture(reentrantMember);
      await ctx.receiver.setReentry(ctx.poolAddress, "0x"); // the receiver's own claim: no re-entry yet
      await ctx.receiver.forward(ctx.pool.interface.encodeFunctionData("claim", [[ctx.periodId]]));
      expect((await ctx.pool.getPeriod(ctx.periodId)).claimedCount).to.equal(1n);
      await claimOne(ctx, ctx.alice, ctx.periodId);
      const sweep = ctx.pool.interface.encodeFunctionData("sweepDust", [ctx.periodId]);
      await ctx.receiver.setReentry(ctx.poolAddress, sweep);
      await expect(ctx.receiver.forward(sweep)).to.be.revertedWithCustomError(ctx.pool, "ReentrancyGuardReentrantCall");
    });
  });

  describe("pause", () => {
    it("stops open, record, close and sweep with EnforcedPause, and resumes after unpause", async () => {
      const ctx = await loadFixture(pool);
      const periodId = await open(ctx, 1);
      await record(ctx, ctx.alice, periodId, KG);
      await expect(ctx.pool.connect(ctx.pauser).pause()).to.emit(ctx.pool, "Paused");
      await passEnd(ctx, periodId);
      await expect(record(ctx, ctx.alice, periodId, KG)).to.be.revertedWithCustomError(ctx.pool, "EnforcedPause");
      await expect(ctx.pool.connect(ctx.manager).closePeriod(periodId)).to.be.revertedWithCustomError(
        ctx.pool,
        "EnforcedPause",
      );
      await expect(
        ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, utc(ctx.year, 6)),
      ).to.be.revertedWithCustomError(ctx.pool, "EnforcedPause");
      await expect(ctx.pool.connect(ctx.manager).sweepDust(periodId)).to.be.revertedWithCustomError(
        ctx.pool,
        "EnforcedPause",
      );
      await expect(ctx.pool.connect(ctx.pauser).unpause()).to.emit(ctx.pool, "Unpaused");
      await ctx.pool.connect(ctx.manager).closePeriod(periodId);
    });
  });

  describe("access control", () => {
    const OUTSIDER_CALLS: Array<[name: string, role: keyof typeof POOL_ROLES | "DEFAULT_ADMIN", call: (c: Ctx) => Promise<unknown>]> = [
      ["registerPoolProject", "POOL_MANAGER", (c) => c.pool.registerPoolProject(poolProjectInput(c.poolAddress))],
      ["admitMember", "POOL_MANAGER", (c) => c.pool.admitMember(c.outsider.address)],
      ["removeMember", "POOL_MANAGER", (c) => c.pool.removeMember(c.alice.address)],
      ["setAllocationMethod", "POOL_MANAGER", (c) => c.pool.setAllocationMethod(0, 0)],
      ["setPeriodTimings", "POOL_MANAGER", (c) => c.pool.setPeriodTimings(86_400, 30 * 86_400)],
      ["cancelPeriod", "POOL_MANAGER", (c) => c.pool.cancelPeriod(1)],
      ["abortPeriod", "POOL_MANAGER", (c) => c.pool.abortPeriod(1)],
      ["setMinContribution", "POOL_MANAGER", (c) => c.pool.setMinContribution(1)],
      ["openPeriod", "POOL_MANAGER", (c) => c.pool.openPeriod(Kind.Monthly, utc(2100, 1))],
      ["closePeriod", "POOL_MANAGER", (c) => c.pool.closePeriod(1)],
      ["sweepDust", "POOL_MANAGER", (c) => c.pool.sweepDust(1)],
      ["recordContribution", "ORACLE", (c) => c.pool.recordContribution(c.alice.address, 1, KG)],
      ["pause", "PAUSER", (c) => c.pool.pause()],
      ["unpause", "PAUSER", (c) => c.pool.unpause()],
      ["setTreasury", "DEFAULT_ADMIN", (c) => c.pool.setTreasury(c.outsider.address)],
    ];
    const ROLE_IDS = { ...POOL_ROLES, DEFAULT_ADMIN: ROLES.DEFAULT_ADMIN };

    for (const [name, role, call] of OUTSIDER_CALLS) {
      it(`${name} reverts AccessControlUnauthorizedAccount(caller, ${role}) for every account without the role`, async () => {
        const ctx = await loadFixture(approvedPool);
        const holders = { POOL_MANAGER: ctx.manager, ORACLE: ctx.oracle, PAUSER: ctx.pauser, DEFAULT_ADMIN: ctx.admin };
        for (const signer of [ctx.outsider, ctx.alice, ...Object.values(holders)]) {
          if (signer === holders[role]) continue;
          await expect(call({ ...ctx, pool: ctx.pool.connect(signer) }))
            .to.be.revertedWithCustomError(ctx.pool, "AccessControlUnauthorizedAccount")
            .withArgs(signer.address, ROLE_IDS[role]);
        }
      });
    }
  });
});
