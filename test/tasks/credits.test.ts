import { expect } from "chai";
import { CREDIT, approvedProject, expectTaskError, fixture, registerProject, run } from "./helpers";

describe("tasks: credits", () => {
  it("credits:mint --batch mints into that batch and reports it", async () => {
    const f = await fixture();
    const { batchId } = await approvedProject(f, "100");
    const r = await run<{ minted: Array<{ batchId: bigint; amount: bigint }> }>(f, "credits:mint", {
      to: f.bob.address,
      batch: batchId.toString(),
      amount: "12.5",
    });
    expect(r.minted).to.deep.equal([{ batchId, amount: 12_500_000n }]);
    expect(await f.credits.balanceOf(f.bob.address, batchId)).to.equal(12_500_000n);
  });

  it("credits:mint --project mints the oldest vintage first and spills into the next", async () => {
    const f = await fixture();
    const projectId = (await registerProject(f)).toString();
    for (const [vintage, supply] of [["2022", "3"], ["2021", "2"]]) {
      await run(f, "registry:add-batch", { project: projectId, serial: `S-${vintage}`, vintage, start: `${vintage}-01-01`, end: `${vintage}-12-31`, supply });
    }
    await run(f, "registry:approve", { project: projectId });
    const r = await run<{ minted: Array<{ batchId: bigint; amount: bigint }> }>(f, "credits:mint", { to: f.bob.address, project: projectId, amount: "4" });
    // batch 2 is vintage 2021 (oldest): 2 credits, then 2 of batch 1 (2022).
    expect(r.minted).to.deep.equal([
      { batchId: 2n, amount: 2n * CREDIT },
      { batchId: 1n, amount: 2n * CREDIT },
    ]);
    expect(await f.credits.balanceOf(f.bob.address, 2)).to.equal(2n * CREDIT);
    expect(await f.credits.balanceOf(f.bob.address, 1)).to.equal(2n * CREDIT);
  });

  it("credits:mint rejects bad arguments and mints nothing", async () => {
    const f = await fixture();
    const { batchId, projectId } = await approvedProject(f, "10");
    const b = batchId.toString();
    await expectTaskError(run(f, "credits:mint", { to: f.bob.address, batch: b, amount: "0" }), "TaskArgumentError", /--amount: must be greater than 0/);
    await expectTaskError(run(f, "credits:mint", { to: f.bob.address, batch: b, amount: "abc" }), "TaskArgumentError", /--amount: not a positive decimal/);
    await expectTaskError(run(f, "credits:mint", { to: f.bob.address, amount: "1" }), "TaskArgumentError", /--batch: give exactly one of --batch <id> or --project <id>/);
    await expectTaskError(
      run(f, "credits:mint", { to: f.bob.address, batch: b, project: projectId.toString(), amount: "1" }),
      "TaskArgumentError",
      /--batch: give exactly one/,
    );
    await expectTaskError(run(f, "credits:mint", { to: "bob", batch: b, amount: "1" }), "TaskArgumentError", /--to: not an address/);
    await expectTaskError(run(f, "credits:mint", { to: f.bob.address, batch: "9", amount: "1" }), "TaskArgumentError", /--batch: batch 9 does not exist/);
    expect(await f.credits.totalSupply(batchId)).to.equal(0n);
  });

  it("credits:mint above the supply or into a suspended project fails with the decoded registry error", async () => {
    const f = await fixture();
    const { batchId, projectId } = await approvedProject(f, "10");
    await expectTaskError(
      run(f, "credits:mint", { to: f.bob.address, batch: batchId.toString(), amount: "11" }),
      "TaskTransactionError",
      /RegistryExceedsBatchSupply\(batchId=1, requested=11000000, available=10000000\)/,
    );
    await run(f, "registry:suspend", { project: projectId.toString(), reason: "audit" });
    await expectTaskError(
      run(f, "credits:mint", { to: f.bob.address, batch: batchId.toString(), amount: "1" }),
      "TaskTransactionError",
      /RegistryProjectNotApproved\(projectId=1, status=Suspended\)/,
    );
    expect(await f.credits.totalSupply(batchId)).to.equal(0n);
  });
});
