import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import {
  AccessControlUnauthorizedAccountError,
  ContractRevertError,
  InvalidArgumentError,
  OpenTonne,
  RegistryInvalidStatusTransitionError,
  RegistryUnknownProjectError,
  ProjectStatus,
} from "../../sdk";
import { CREDIT, ROLES } from "../helpers/fixtures";
import { sdkSystem } from "./fixtures";

async function setup() {
  const sys = await loadFixture(sdkSystem);
  const as = (signer: (typeof sys)["alice"]) => OpenTonne.connect(signer, { addresses: sys.deployment });
  return { sys, registrar: await as(sys.registrar), verifier: await as(sys.verifier), alice: await as(sys.alice) };
}

const project = (owner: string) => ({ owner, name: "Solar Plant 1", standard: "VCS", methodology: "AMS-I.D", country: "IN" });

describe("SDK: registry", () => {
  it("registerProject returns the new project id, and getProject reads it back typed", async () => {
    const { sys, registrar } = await setup();
    const before = await registrar.registry.projectCount();
    const { projectId, hash, receipt } = await registrar.registry.registerProject(project(sys.alice.address));
    expect(projectId).to.equal(before + 1n);
    expect(receipt.hash).to.equal(hash);
    const p = await registrar.registry.getProject(projectId);
    expect(p).to.include({ id: projectId, owner: sys.alice.address, status: "Pending", name: "Solar Plant 1", standard: "VCS", uri: "" });
  });

  it("addBatch returns the batch id; getProjectBatches lists batches in vintage order with their ledger", async () => {
    const { sys, registrar, verifier } = await setup();
    const { projectId } = await registrar.registry.registerProject(project(sys.alice.address));
    const later = await registrar.registry.addBatch(projectId, {
      serial: "VCS-2022-1",
      vintage: 2022,
      startDate: new Date("2022-01-01T00:00:00Z"),
      endDate: new Date("2022-12-31T00:00:00Z"),
      totalSupply: 500n * CREDIT,
    });
    const earlier = await registrar.registry.addBatch(projectId, {
      serial: "VCS-2021-1",
      vintage: 2021,
      startDate: 1_609_459_200,
      endDate: 1_640_908_800,
      totalSupply: 300n * CREDIT,
    });
    await verifier.registry.approveProject(projectId);
    await sys.credits.connect(sys.issuer).mint(sys.alice.address, earlier.batchId, 100n * CREDIT);
    const batches = await registrar.registry.getProjectBatches(projectId);
    expect(batches.map((b) => b.id)).to.deep.equal([earlier.batchId, later.batchId]);
    expect(batches[0]).to.include({ vintage: 2021, minted: 100n * CREDIT, retired: 0n, remaining: 200n * CREDIT, circulating: 100n * CREDIT });
    expect(batches[1]).to.include({ serial: "VCS-2022-1", startDate: 1_640_995_200n, totalSupply: 500n * CREDIT });
    expect(await registrar.registry.findBatchBySerial("VCS-2021-1")).to.equal(earlier.batchId);
    expect(await registrar.registry.findBatchBySerial("nope")).to.equal(undefined);
    expect((await registrar.registry.getProject(projectId)).status).to.equal("Approved");
  });

  it("listProjects pages in id order and reports the total", async () => {
    const { sys, registrar } = await setup();
    const base = await registrar.registry.projectCount();
    for (let i = 0; i < 3; i++) await registrar.registry.registerProject({ ...project(sys.bob.address), name: `P${i}` });
    const page = await registrar.registry.listProjects({ offset: Number(base) + 1, limit: 5 });
    expect(page.total).to.equal(base + 3n);
    expect(page.items.map((p) => p.name)).to.deep.equal(["P1", "P2"]);
    await expect(registrar.registry.listProjects({ limit: 0 })).to.be.rejectedWith(InvalidArgumentError, /limit/);
  });

  it("status transitions: suspend, reinstate, deactivate; an invalid one decodes RegistryInvalidStatusTransitionError", async () => {
    const { sys, registrar, verifier } = await setup();
    const { projectId } = await registrar.registry.registerProject(project(sys.alice.address));
    await verifier.registry.approveProject(projectId);
    await verifier.registry.suspendProject(projectId, "audit");
    expect((await verifier.registry.getProject(projectId)).status).to.equal("Suspended");
    await verifier.registry.reinstateProject(projectId);
    await verifier.registry.deactivateProject(projectId, "closed");
    const err = await verifier.registry.approveProject(projectId).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(RegistryInvalidStatusTransitionError);
    const e = err as RegistryInvalidStatusTransitionError;
    expect(e).to.be.instanceOf(ContractRevertError);
    expect([e.projectId, e.from, e.to]).to.deep.equal([projectId, ProjectStatus.Deactivated, ProjectStatus.Approved]);
    expect(e.action).to.equal("registry.approveProject");
    expect(e.message).to.match(/registry\.approveProject reverted: RegistryInvalidStatusTransition/);
  });

  it("a write from an account without the role decodes AccessControlUnauthorizedAccountError and sends nothing", async () => {
    const { sys, alice } = await setup();
    const before = await ethers.provider.getBlockNumber();
    const err = await alice.registry.registerProject(project(sys.alice.address)).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(AccessControlUnauthorizedAccountError);
    expect((err as AccessControlUnauthorizedAccountError).account).to.equal(sys.alice.address);
    expect((err as AccessControlUnauthorizedAccountError).neededRole).to.equal(ROLES.REGISTRAR);
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
  });

  it("reads of an unknown project decode RegistryUnknownProjectError", async () => {
    const { alice } = await setup();
    const err = await alice.registry.getProject(999n).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(RegistryUnknownProjectError);
    expect((err as RegistryUnknownProjectError).projectId).to.equal(999n);
  });

  it("bad arguments are refused before any call with InvalidArgumentError naming the argument", async () => {
    const { sys, registrar } = await setup();
    const before = await ethers.provider.getBlockNumber();
    const cases: Array<[Promise<unknown>, string]> = [
      [registrar.registry.registerProject(project("0xnot-an-address")), "input.owner"],
      [registrar.registry.registerProject({ ...project(sys.alice.address), name: "  " }), "input.name"],
      [registrar.registry.addBatch(1n, { serial: "S", vintage: 2020, startDate: 10, endDate: 5, totalSupply: CREDIT }), "input.endDate"],
      [registrar.registry.addBatch(1n, { serial: "S", vintage: 2020, startDate: 1, endDate: 5, totalSupply: 0n }), "input.totalSupply"],
      [registrar.registry.addBatch(1n, { serial: "S", vintage: 2020, startDate: new Date("nope"), endDate: 5, totalSupply: 1n }), "input.startDate"],
      [registrar.registry.approveProject(-1n), "projectId"],
    ];
    for (const [promise, argument] of cases) {
      const err = await promise.catch((e: unknown) => e);
      expect(err, argument).to.be.instanceOf(InvalidArgumentError);
      expect((err as InvalidArgumentError).argument).to.equal(argument);
    }
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
  });
});
