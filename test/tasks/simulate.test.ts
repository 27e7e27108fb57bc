import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { ethers } from "hardhat";
import { Interface } from "ethers";
import { approvedProject, expectTaskError, fixture, registerProject, run, type TaskFixture } from "./helpers";

/** Runs `task`, expects a decoded TaskTransactionError matching `pattern`, and checks that no transaction was sent. */
async function refusedWithoutSending(f: TaskFixture, from: string, task: string, args: Record<string, unknown>, pattern: RegExp) {
  const nonce = await ethers.provider.getTransactionCount(from);
  const block = await ethers.provider.getBlockNumber();
  await expectTaskError(run(f, task, { ...args, from }), "TaskTransactionError", pattern);
  expect(await ethers.provider.getTransactionCount(from), "nonce after a refused write").to.equal(nonce);
  expect(await ethers.provider.getBlockNumber(), "no block mined for a refused write").to.equal(block);
}

describe("tasks: every write is simulated first; a failing one is refused and nothing is sent", () => {
  it("over-supply mint, mint into a Pending project, mint while paused", async () => {
    const f = await fixture();
    const { batchId } = await approvedProject(f, "10");
    const d = f.deployer.address;
    await refusedWithoutSending(f, d, "credits:mint", { to: f.bob.address, batch: batchId.toString(), amount: "11" }, /RegistryExceedsBatchSupply/);
    const pending = await registerProject(f);
    await run(f, "registry:add-batch", { project: pending.toString(), serial: "P-1", vintage: "2024", start: "2024-01-01", end: "2024-12-31", supply: "5" });
    await refusedWithoutSending(f, d, "credits:mint", { to: f.bob.address, batch: "2", amount: "1" }, /RegistryProjectNotApproved\(projectId=2, status=Pending\)/);
    await run(f, "system:pause", { contract: "credits" });
    await refusedWithoutSending(f, d, "credits:mint", { to: f.bob.address, batch: batchId.toString(), amount: "1" }, /EnforcedPause/);
  });

  it("approving twice, a duplicate serial, a grant without the admin role", async () => {
    const f = await fixture();
    const { projectId } = await approvedProject(f, "10", "SER-1");
    const d = f.deployer.address;
    await refusedWithoutSending(f, d, "registry:approve", { project: projectId.toString() }, /RegistryInvalidStatusTransition/);
    const batch = { project: projectId.toString(), serial: "SER-1", vintage: "2024", start: "2024-01-01", end: "2024-12-31", supply: "1" };
    await refusedWithoutSending(f, d, "registry:add-batch", batch, /RegistryDuplicateSerial/);
    await refusedWithoutSending(
      f,
      f.outsider.address,
      "access:grant",
      { contract: "pool", role: "pauser", account: f.bob.address },
      /AccessControlUnauthorizedAccount/,
    );
  });

  it("--safe <file> writes a Safe Transaction Builder batch, simulated from --safe-address, and sends nothing", async () => {
    const f = await fixture();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ot-safe-")), "batch.json");
    const nonce = await ethers.provider.getTransactionCount(f.deployer.address);
    const r = await run<{ queued?: { file: string; index: number } }>(f, "system:pause", { contract: "all", safe: file });
    expect(r).to.not.have.property("hash");
    expect(await ethers.provider.getTransactionCount(f.deployer.address)).to.equal(nonce);
    for (const key of ["credits", "market", "pool", "oracle"] as const) expect(await f[key].paused()).to.equal(false);
    const batch = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(batch.version).to.equal("1.0");
    expect(batch.chainId).to.equal("31337");
    expect(batch.transactions).to.have.length(4);
    const pause = new Interface(["function pause()"]).encodeFunctionData("pause");
    expect(batch.transactions.map((t: { to: string }) => t.to)).to.deep.equal(
      await Promise.all([f.credits, f.market, f.pool, f.oracle].map((c) => c.getAddress())),
    );
    for (const t of batch.transactions) expect(t).to.include({ value: "0", data: pause });
    // Simulated from an address without PAUSER_ROLE: refused, nothing written.
    const other = path.join(path.dirname(file), "other.json");
    await expectTaskError(
      run(f, "system:pause", { contract: "pool", safe: other, safeAddress: f.outsider.address }),
      "TaskTransactionError",
      /AccessControlUnauthorizedAccount/,
    );
    expect(fs.existsSync(other)).to.equal(false);
    // A single write reports where it was queued.
    const q = await run<{ queued: { file: string; index: number } }>(f, "registry:register", {
      name: "P", owner: f.alice.address, standard: "VCS", methodology: "M", country: "IN", safe: other,
    });
    expect(q.queued).to.deep.equal({ file: other, index: 0 });
    expect(await f.registry.projectCount()).to.equal(0n);
  });
});
