import { expect } from "chai";
import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { type TaskFixture, expectTaskError, fixture, run } from "./helpers";

async function approvedPool(f: TaskFixture): Promise<bigint> {
  const { projectId } = await run<{ projectId: bigint }>(f, "pool:register-project");
  await run(f, "registry:approve", { project: projectId.toString() });
  return projectId;
}

describe("tasks: pool", () => {
  it("pool:register-project registers the pool's self-managed project, then one successor at a time", async () => {
    const f = await fixture();
    const { projectId } = await run<{ projectId: bigint }>(f, "pool:register-project", { name: "msme_pool_ka" });
    expect(await f.pool.projectId()).to.equal(projectId);
    const p = await f.registry.getProject(projectId);
    expect(p.owner).to.equal(await f.pool.getAddress());
    expect(p.name).to.equal("msme_pool_ka");
    expect(await f.registry.isSelfManaged(projectId)).to.equal(true);
    const next = await run<{ projectId: bigint; successor: boolean }>(f, "pool:register-project", { name: "msme_pool_ka_2" });
    expect(next).to.include({ projectId: 2n, successor: true });
    expect((await f.pool.poolProjects()).successorProjectId).to.equal(2n);
    await expectTaskError(run(f, "pool:register-project"), "TaskTransactionError", /CarbonPoolSuccessorAlreadyRegistered\(projectId=2\)/);
    expect(await f.registry.projectCount()).to.equal(2n);
  });

  it("pool:admit and pool:remove change membership; bad input and a non-member change nothing", async () => {
    const f = await fixture();
    await run(f, "pool:admit", { member: f.alice.address });
    expect(await f.pool.isMember(f.alice.address)).to.equal(true);
    await expectTaskError(run(f, "pool:admit", { member: ethers.ZeroAddress }), "TaskArgumentError", /--member: the zero address is not allowed/);
    await expectTaskError(run(f, "pool:admit", { member: f.alice.address }), "TaskTransactionError", /CarbonPoolAlreadyMember/);
    await expectTaskError(run(f, "pool:remove", { member: f.bob.address }), "TaskTransactionError", new RegExp(`CarbonPoolNotMember\\(member=${f.bob.address}\\)`));
    expect(await f.pool.memberCount()).to.equal(1n);
    await run(f, "pool:remove", { member: f.alice.address });
    expect(await f.pool.isMember(f.alice.address)).to.equal(false);
    expect(await f.pool.memberCount()).to.equal(0n);
  });

  it("pool:set-allocation, pool:open-period and pool:close-period run a month end to end, minting its verified grams as a batch", async () => {
    const f = await fixture();
    await approvedPool(f);
    await run(f, "pool:admit", { member: f.alice.address });
    await expectTaskError(run(f, "pool:set-allocation", { method: "equal-share" }), "TaskArgumentError", /--min-grams: equal-share needs a non-zero minimum/);
    await run(f, "pool:set-allocation", { method: "equal-share", minGrams: "1000000" });
    expect(await f.pool.allocationMethod()).to.deep.equal([1n, 0n]);
    expect(await f.pool.minContribution()).to.equal(1_000_000n);
    const opened = await run<{ periodId: bigint; start: bigint; end: bigint }>(f, "pool:open-period", { kind: "Monthly", date: "2024-03-15" });
    expect(opened.periodId).to.equal(1n);
    expect(opened.start).to.equal(BigInt(Date.UTC(2024, 2, 1) / 1000));
    expect(opened.end).to.equal(BigInt(Date.UTC(2024, 3, 1) / 1000) - 1n);
    expect(await f.pool.openPeriodId()).to.equal(1n);
    // Stand in for the MRVOracle: the admin grants itself ORACLE_ROLE through the access task.
    await run(f, "access:grant", { contract: "pool", role: "oracle", account: f.deployer.address });
    await f.pool.recordContribution(f.alice.address, 1, 5_000_000n);
    expect(BigInt(await time.latest()) > opened.end + 2n * 86_400n).to.equal(true); // March 2024: past the 2-day close grace
    const closed = await run<{ periodId: bigint; credits: bigint; batchId: bigint }>(f, "pool:close-period");
    expect(closed).to.include({ periodId: 1n, credits: 5_000_000n, batchId: 1n });
    const period = await f.pool.getPeriod(1);
    expect(period.status).to.equal(2n); // Closed
    expect(period.method).to.equal(1n); // EqualShare
    expect(await f.credits.balanceOf(await f.pool.getAddress(), 1)).to.equal(5_000_000n);
  });

  it("pool:set-allocation, pool:open-period and pool:close-period reject bad kinds, methods, weights and dates; nothing changes", async () => {
    const f = await fixture();
    await approvedPool(f);
    await expectTaskError(run(f, "pool:open-period", { kind: "weekly" }), "TaskArgumentError", /--kind: "weekly" is not one of: monthly, quarterly, yearly/);
    await expectTaskError(run(f, "pool:open-period", { kind: "monthly", date: "2024-13-01" }), "TaskArgumentError", /--date: not a valid calendar date/);
    await expectTaskError(run(f, "pool:open-period", { kind: "monthly", date: "2199-01-01" }), "TaskTransactionError", /CarbonPoolPeriodNotStarted/);
    expect(await f.pool.periodCount()).to.equal(0n);
    await expectTaskError(run(f, "pool:close-period"), "TaskArgumentError", /--period: no period is open/);
    await expectTaskError(run(f, "pool:set-allocation", { method: "lottery" }), "TaskArgumentError", /--method: "lottery" is not one of: proportional, equal-share/);
    await expectTaskError(run(f, "pool:set-allocation", { method: "hybrid" }), "TaskArgumentError", /--hybrid-bps: hybrid needs a weight/);
    await expectTaskError(run(f, "pool:set-allocation", { method: "proportional", hybridBps: "500" }), "TaskArgumentError", /--hybrid-bps: only the hybrid method/);
    expect(await f.pool.allocationMethod()).to.deep.equal([0n, 0n]);
    await run(f, "pool:open-period", { kind: "quarterly", date: "2024-05-01" });
    await expectTaskError(run(f, "pool:open-period", { kind: "monthly", date: "2024-08-01" }), "TaskTransactionError", /CarbonPoolPeriodAlreadyOpen\(openPeriodId=1\)/);
    expect((await f.pool.getPeriod(1)).status).to.equal(1n); // still Open
    expect(await f.pool.periodCount()).to.equal(1n);
  });

  it("pool:cancel-period cancels an empty open period; pool:abort-period aborts one after its close grace", async () => {
    const f = await fixture();
    await approvedPool(f);
    await run(f, "pool:open-period", { kind: "yearly", date: "2024-05-01" });
    await run(f, "pool:cancel-period");
    expect((await f.pool.getPeriod(1)).status).to.equal(3n); // Cancelled
    const opened = await run<{ periodId: bigint; end: bigint }>(f, "pool:open-period", { kind: "monthly" }); // the chain's month
    await expectTaskError(run(f, "pool:abort-period", { period: "2" }), "TaskTransactionError", /CarbonPoolPeriodNotEnded\(periodId=2/);
    await expectTaskError(run(f, "pool:close-period"), "TaskTransactionError", /CarbonPoolPeriodNotEnded\(periodId=2/);
    await time.increaseTo(opened.end + 2n * 86_400n + 1n);
    await run(f, "pool:abort-period", { period: "2" });
    expect((await f.pool.getPeriod(2)).status).to.equal(4n); // Aborted
    expect(await f.pool.openPeriodId()).to.equal(0n);
  });
});
