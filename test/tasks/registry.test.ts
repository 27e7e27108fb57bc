import { expect } from "chai";
import { approvedProject, expectTaskError, fixture, registerProject, run } from "./helpers";

const Status = { Pending: 1n, Approved: 2n, Rejected: 3n, Suspended: 4n, Deactivated: 5n };

describe("tasks: registry", () => {
  it("registry:register creates a Pending project and returns its id from the event", async () => {
    const f = await fixture();
    const r = await run<{ projectId: bigint; hash: string; gasUsed: bigint }>(f, "registry:register", {
      name: "Plant 1",
      owner: f.alice.address.toLowerCase(),
      standard: "VCS",
      methodology: "AMS-I.D",
      country: "IN",
      estimated: "1500.5",
    });
    expect(r.projectId).to.equal(1n);
    expect(r.hash).to.match(/^0x[0-9a-f]{64}$/);
    expect(r.gasUsed).to.be.greaterThan(0n);
    const p = await f.registry.getProject(1);
    expect(p.owner).to.equal(f.alice.address);
    expect(p.status).to.equal(Status.Pending);
    expect(p.estimatedCredits).to.equal(1_500_500_000n);
  });

  it("registry:register rejects a bad owner or an empty name and registers nothing", async () => {
    const f = await fixture();
    const base = { name: "P", owner: f.alice.address, standard: "VCS", methodology: "M", country: "IN" };
    await expectTaskError(run(f, "registry:register", { ...base, owner: "0x1234" }), "TaskArgumentError", /--owner: not an address: "0x1234"/);
    await expectTaskError(run(f, "registry:register", { ...base, name: "  " }), "TaskArgumentError", /--name: is required/);
    await expectTaskError(run(f, "registry:register", { ...base, estimated: "-1" }), "TaskArgumentError", /--estimated: not a positive decimal/);
    expect(await f.registry.projectCount()).to.equal(0n);
  });

  it("registry:add-batch adds a vintage batch with UTC day bounds and returns the batch id", async () => {
    const f = await fixture();
    const projectId = await registerProject(f);
    const r = await run<{ batchId: bigint }>(f, "registry:add-batch", {
      project: projectId.toString(),
      serial: "VCS-9-2023",
      vintage: "2023",
      start: "2023-01-01",
      end: "2023-12-31",
      supply: "250.25",
    });
    expect(r.batchId).to.equal(1n);
    const b = await f.registry.getBatch(1);
    expect(b.serial).to.equal("VCS-9-2023");
    expect(b.vintage).to.equal(2023n);
    expect(b.startDate).to.equal(BigInt(Date.UTC(2023, 0, 1) / 1000));
    expect(b.endDate).to.equal(BigInt(Date.UTC(2023, 11, 31) / 1000) + 86_399n);
    expect(b.totalSupply).to.equal(250_250_000n);
  });

  it("registry:add-batch rejects bad dates, vintage, supply and unknown projects; adds nothing", async () => {
    const f = await fixture();
    const projectId = (await registerProject(f)).toString();
    const base = { project: projectId, serial: "S-1", vintage: "2023", start: "2023-01-01", end: "2023-12-31", supply: "1" };
    await expectTaskError(run(f, "registry:add-batch", { ...base, end: "2022-12-31" }), "TaskArgumentError", /--end: 2022-12-31 is before --start/);
    await expectTaskError(run(f, "registry:add-batch", { ...base, start: "2023-02-30" }), "TaskArgumentError", /--start: not a valid calendar date/);
    await expectTaskError(run(f, "registry:add-batch", { ...base, vintage: "1900" }), "TaskArgumentError", /--vintage: 1900 is out of range/);
    await expectTaskError(run(f, "registry:add-batch", { ...base, supply: "0" }), "TaskArgumentError", /--supply: must be greater than 0/);
    await expectTaskError(run(f, "registry:add-batch", { ...base, supply: "1.0000001" }), "TaskArgumentError", /--supply: at most 6 decimals/);
    await expectTaskError(run(f, "registry:add-batch", { ...base, project: "7" }), "TaskArgumentError", /--project: project 7 does not exist \(there are 1\)/);
    expect(await f.registry.batchCount()).to.equal(0n);
  });

  it("registry:add-batch decodes a duplicate serial into RegistryDuplicateSerial", async () => {
    const f = await fixture();
    const { projectId } = await approvedProject(f, "10", "DUP-1");
    const e = await expectTaskError(
      run(f, "registry:add-batch", { project: projectId.toString(), serial: "DUP-1", vintage: "2025", start: "2025-01-01", end: "2025-12-31", supply: "1" }),
      "TaskTransactionError",
      /registry:add-batch failed: RegistryDuplicateSerial\(serial=DUP-1, existingBatchId=1\)/,
    );
    expect(e.errorName).to.equal("RegistryDuplicateSerial");
    expect(await f.registry.batchCount()).to.equal(1n);
  });

  it("approve, suspend, reinstate, deactivate and reject move the status machine", async () => {
    const f = await fixture();
    const id = (await registerProject(f)).toString();
    const a = await run<{ from: string; to: string }>(f, "registry:approve", { project: id });
    expect([a.from, a.to]).to.deep.equal(["Pending", "Approved"]);
    await run(f, "registry:suspend", { project: id, reason: "audit" });
    expect(await f.registry.projectStatus(id)).to.equal(Status.Suspended);
    await run(f, "registry:reinstate", { project: id });
    expect(await f.registry.projectStatus(id)).to.equal(Status.Approved);
    await run(f, "registry:deactivate", { project: id, reason: "closed" });
    expect(await f.registry.projectStatus(id)).to.equal(Status.Deactivated);
    const other = (await registerProject(f)).toString();
    await run(f, "registry:reject", { project: other, reason: "no evidence" });
    expect(await f.registry.projectStatus(other)).to.equal(Status.Rejected);
  });

  it("a decision taken twice fails with the decoded RegistryInvalidStatusTransition and changes nothing", async () => {
    const f = await fixture();
    const id = (await registerProject(f)).toString();
    await run(f, "registry:approve", { project: id });
    const e = await expectTaskError(
      run(f, "registry:approve", { project: id }),
      "TaskTransactionError",
      /RegistryInvalidStatusTransition\(projectId=1, from=Approved, to=Approved\)/,
    );
    expect(e.errorArgs).to.deep.equal([1n, 2n, 2n]);
    await expectTaskError(run(f, "registry:suspend", { project: id, reason: "" }), "TaskArgumentError", /--reason: is required/);
    await expectTaskError(run(f, "registry:approve", { project: "0" }), "TaskArgumentError", /--project: ids start at 1/);
    expect(await f.registry.projectStatus(id)).to.equal(Status.Approved);
  });

  it("a caller without the role gets the decoded AccessControlUnauthorizedAccount", async () => {
    const f = await fixture();
    const id = (await registerProject(f)).toString();
    await expectTaskError(
      run(f, "registry:approve", { project: id, from: f.outsider.address }),
      "TaskTransactionError",
      new RegExp(`AccessControlUnauthorizedAccount\\(account=${f.outsider.address}, neededRole=VERIFIER_ROLE\\)`),
    );
    expect(await f.registry.projectStatus(id)).to.equal(Status.Pending);
  });
});
