import { expect } from "chai";
import { ethers } from "hardhat";
import { type TaskFixture, expectTaskError, fixture, run } from "./helpers";

async function approvedPool(f: TaskFixture): Promise<bigint> {
  const { projectId } = await run<{ projectId: bigint }>(f, "pool:register-project");
  await run(f, "registry:approve", { project: projectId.toString() });
  return projectId;
}

describe("tasks: pool", () => {
  it("pool:register-project registers the pool's project, owned by the pool", async () => {
    const f = await fixture();
    const { projectId } = await run<{ projectId: bigint }>(f, "pool:register-project", { name: "msme_pool_ka" });
    expect(await f.pool.projectId()).to.equal(projectId);
    const p = await f.registry.getProject(projectId);
    expect(p.owner).to.equal(await f.pool.getAddress());
    expect(p.name).to.equal("msme_pool_ka");
    await expectTaskError(run(f, "pool:register-project"), "TaskTransactionError", /CarbonPoolProjectAlreadyRegistered\(projectId=1\)/);
    expect(await f.registry.projectCount()).to.equal(1n);
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

  it("pool:open-period and pool:close-period run a month end to end, minting its credits as a batch", async () => {
    const f = await fixture();
    await approvedPool(f);
    await run(f, "pool:admit", { member: f.alice.address });
    const opened = await run<{ periodId: bigint; start: bigint; end: bigint }>(f, "pool:open-period", { kind: "Monthly", date: "2024-03-15" });
    expect(opened.periodId).to.equal(1n);
    expect(opened.start).to.equal(BigInt(Date.UTC(2024, 2, 1) / 1000));
    expect(opened.end).to.equal(BigInt(Date.UTC(2024, 3, 1) / 1000) - 1n);
    expect(await f.pool.openPeriodId()).to.equal(1n);
    // Stand in for the MRVOracle: the admin grants itself ORACLE_ROLE through the access task.
    await run(f, "access:grant", { contract: "pool", role: "oracle", account: f.deployer.address });
    await f.pool.recordContribution(f.alice.address, 1, 5_000_000n);
    const closed = await run<{ periodId: bigint; credits: bigint; batchId: bigint }>(f, "pool:close-period", { method: "equal-share" });
    expect(closed).to.include({ periodId: 1n, credits: 5_000_000n, batchId: 1n });
    const period = await f.pool.getPeriod(1);
    expect(period.status).to.equal(2n); // Closed
    expect(period.method).to.equal(1n); // EqualShare
    expect(await f.credits.balanceOf(await f.pool.getAddress(), 1)).to.equal(5_000_000n);
  });

  it("pool:open-period and pool:close-period reject bad kinds, methods, weights and dates; nothing opens or closes", async () => {
    const f = await fixture();
    await approvedPool(f);
    await expectTaskError(run(f, "pool:open-period", { kind: "weekly" }), "TaskArgumentError", /--kind: "weekly" is not one of: monthly, quarterly, yearly/);
    await expectTaskError(run(f, "pool:open-period", { kind: "monthly", date: "2024-13-01" }), "TaskArgumentError", /--date: not a valid calendar date/);
    expect(await f.pool.periodCount()).to.equal(0n);
    await expectTaskError(run(f, "pool:close-period", { method: "proportional" }), "TaskArgumentError", /--period: no period is open/);
    await run(f, "pool:open-period", { kind: "quarterly", date: "2024-05-01" });
    await expectTaskError(run(f, "pool:close-period", { method: "lottery" }), "TaskArgumentError", /--method: "lottery" is not one of: proportional, equal-share/);
    await expectTaskError(run(f, "pool:close-period", { method: "hybrid" }), "TaskArgumentError", /--hybrid-bps: hybrid needs a weight/);
    await expectTaskError(run(f, "pool:close-period", { method: "proportional", hybridBps: "500" }), "TaskArgumentError", /--hybrid-bps: only the hybrid method/);
    await expectTaskError(run(f, "pool:open-period", { kind: "monthly", date: "2024-08-01" }), "TaskTransactionError", /CarbonPoolPeriodAlreadyOpen\(openPeriodId=1\)/);
    expect((await f.pool.getPeriod(1)).status).to.equal(1n); // still Open
    expect(await f.pool.periodCount()).to.equal(1n);
  });
});
