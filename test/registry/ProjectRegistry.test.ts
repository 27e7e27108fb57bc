import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { ContractTransactionResponse } from "ethers";
import type { ProjectRegistry } from "../../typechain-types";
import type { IProjectRegistry } from "../../typechain-types/contracts/registry/ProjectRegistry";
import {
  ADMIN_DELAY,
  CREDIT,
  ROLES,
  Status,
  approvedProjectWithBatches,
  batchInput,
  deploySystem,
  projectInput,
  registerProject,
  retirementDetails,
  type System,
} from "../helpers/fixtures";

// Limits as documented in IProjectRegistry / ProjectRegistry.
const MAX_SHORT_TEXT = 128n;
const MAX_LONG_TEXT = 512n;
const MAX_BATCHES = 128n;
const MIN_VINTAGE = 1990;
const MAX_VINTAGE = 2200;
const UINT72_MAX = 2n ** 72n - 1n;

const STATUS_NAMES: Record<string, string> = {
  [Status.None.toString()]: "None",
  [Status.Pending.toString()]: "Pending",
  [Status.Approved.toString()]: "Approved",
  [Status.Rejected.toString()]: "Rejected",
  [Status.Suspended.toString()]: "Suspended",
  [Status.Deactivated.toString()]: "Deactivated",
};
const statusName = (s: bigint): string => STATUS_NAMES[s.toString()];

/** Text of exactly `bytes` bytes (ASCII, so 1 char = 1 byte). */
const text = (bytes: bigint | number): string => "x".repeat(Number(bytes));

/** Timestamp of the block that mined `tx`. */
async function txTimestamp(tx: ContractTransactionResponse): Promise<bigint> {
  const receipt = await tx.wait();
  const block = await ethers.provider.getBlock(receipt!.blockNumber);
  return BigInt(block!.timestamp);
}

/** Adds a batch as the registrar and returns its id. */
async function addBatch(sys: System, projectId: bigint, input: IProjectRegistry.BatchInputStruct): Promise<bigint> {
  await sys.registry.connect(sys.registrar).addBatch(projectId, input);
  return sys.registry.batchCount();
}

/** Registers a project and drives it (as the verifier) into `status`. */
async function projectInStatus(sys: System, status: bigint): Promise<bigint> {
  const id = await registerProject(sys);
  const v = sys.registry.connect(sys.verifier);
  if (status === Status.Approved || status === Status.Suspended || status === Status.Deactivated) {
    await v.approveProject(id);
  }
  if (status === Status.Rejected) await v.rejectProject(id, "setup");
  if (status === Status.Suspended) await v.suspendProject(id, "setup");
  if (status === Status.Deactivated) await v.deactivateProject(id, "setup");
  expect(await sys.registry.projectStatus(id)).to.equal(status);
  return id;
}

/** One verifier action of the status state machine. */
interface Action {
  name: string;
  to: bigint;
  /** The statuses this action is allowed from (IProjectRegistry.ProjectStatus docs). */
  allowedFrom: bigint[];
  /** Whether the function takes a `reason` (approve / reinstate always emit ""). */
  takesReason: boolean;
  run: (r: ProjectRegistry, id: bigint, reason: string) => Promise<ContractTransactionResponse>;
}

const ACTIONS: Action[] = [
  {
    name: "approveProject",
    to: Status.Approved,
    allowedFrom: [Status.Pending],
    takesReason: false,
    run: (r, id) => r.approveProject(id),
  },
  {
    name: "rejectProject",
    to: Status.Rejected,
    allowedFrom: [Status.Pending],
    takesReason: true,
    run: (r, id, reason) => r.rejectProject(id, reason),
  },
  {
    name: "suspendProject",
    to: Status.Suspended,
    allowedFrom: [Status.Approved],
    takesReason: true,
    run: (r, id, reason) => r.suspendProject(id, reason),
  },
  {
    name: "reinstateProject",
    to: Status.Approved,
    allowedFrom: [Status.Suspended],
    takesReason: false,
    run: (r, id) => r.reinstateProject(id),
  },
  {
    name: "deactivateProject",
    to: Status.Deactivated,
    allowedFrom: [Status.Approved, Status.Suspended],
    takesReason: true,
    run: (r, id, reason) => r.deactivateProject(id, reason),
  },
];

const FROM_STATUSES = [Status.Pending, Status.Approved, Status.Rejected, Status.Suspended, Status.Deactivated];

/** A registry whose "credits" ledger is a plain EOA (`ledger`), so the record* functions can be called directly. */
async function ledgerFixture() {
  const base = await deploySystem();
  const ledger = base.carol;
  const registry = await ethers.deployContract("ProjectRegistry", [base.admin.address, ADMIN_DELAY]);
  await registry.connect(base.admin).grantRole(ROLES.REGISTRAR, base.registrar.address);
  await registry.connect(base.admin).grantRole(ROLES.VERIFIER, base.verifier.address);
  await registry.connect(base.admin).bindCredits(ledger.address);
  const sys: System = { ...base, registry };
  // Added newest first: the registry orders them 2019, 2020.
  const { projectId, batchIds } = await approvedProjectWithBatches(sys, [
    [2020, 5n * CREDIT],
    [2019, 10n * CREDIT],
  ]);
  const [b2020, b2019] = batchIds;
  const pendingId = await registerProject(sys);
  const pendingBatch = await addBatch(sys, pendingId, batchInput(2021, 5n * CREDIT));
  return { ...sys, ledger, projectId, b2019, b2020, pendingId, pendingBatch, asLedger: registry.connect(ledger) };
}

/** The real system with one approved project of vintages 2019, 2020, 2021 (5 credits each). */
async function cursorFixture() {
  const sys = await deploySystem();
  const { projectId, batchIds } = await approvedProjectWithBatches(sys, [
    [2021, 5n * CREDIT],
    [2019, 5n * CREDIT],
    [2020, 5n * CREDIT],
  ]);
  const [b2021, b2019, b2020] = batchIds;
  return { ...sys, projectId, b2019, b2020, b2021 };
}

async function cursorOf(sys: System, projectId: bigint): Promise<bigint> {
  return (await sys.registry.getProject(projectId)).issuanceCursor;
}

describe("ProjectRegistry", () => {
  // ─────────────────────────────────────── constructor ───────────────────────────────────────
  describe("constructor", () => {
    it("gives the admin DEFAULT_ADMIN_ROLE with the configured transfer delay", async () => {
      const sys = await loadFixture(deploySystem);
      expect(await sys.registry.hasRole(ROLES.DEFAULT_ADMIN, sys.admin.address)).to.equal(true);
      expect(await sys.registry.defaultAdmin()).to.equal(sys.admin.address);
      expect(await sys.registry.defaultAdminDelay()).to.equal(ADMIN_DELAY);
    });

    it("starts with no projects, no batches and no credits bound", async () => {
      const sys = await loadFixture(deploySystem);
      const fresh = await ethers.deployContract("ProjectRegistry", [sys.admin.address, ADMIN_DELAY]);
      expect(await fresh.projectCount()).to.equal(0n);
      expect(await fresh.batchCount()).to.equal(0n);
      expect(await fresh.credits()).to.equal(ethers.ZeroAddress);
      expect(await fresh.hasRole(ROLES.REGISTRAR, sys.admin.address)).to.equal(false);
      expect(await fresh.hasRole(ROLES.VERIFIER, sys.admin.address)).to.equal(false);
    });

    it("exposes the documented limits and role ids", async () => {
      const sys = await loadFixture(deploySystem);
      expect(await sys.registry.MAX_BATCHES_PER_PROJECT()).to.equal(MAX_BATCHES);
      expect(await sys.registry.MIN_VINTAGE()).to.equal(BigInt(MIN_VINTAGE));
      expect(await sys.registry.MAX_VINTAGE()).to.equal(BigInt(MAX_VINTAGE));
      expect(await sys.registry.MAX_SHORT_TEXT()).to.equal(MAX_SHORT_TEXT);
      expect(await sys.registry.MAX_LONG_TEXT()).to.equal(MAX_LONG_TEXT);
      expect(await sys.registry.REGISTRAR_ROLE()).to.equal(ROLES.REGISTRAR);
      expect(await sys.registry.VERIFIER_ROLE()).to.equal(ROLES.VERIFIER);
    });
  });

  // ───────────────────────────────────── registerProject ─────────────────────────────────────
  describe("registerProject", () => {
    it("assigns sequential ids from 1 and emits ProjectRegistered", async () => {
      const sys = await loadFixture(deploySystem);
      const r = sys.registry.connect(sys.registrar);
      const first = projectInput(sys.alice.address);
      const second = projectInput(sys.bob.address, { name: "Cookstoves Odisha", standard: "GS" });

      expect(await r.registerProject.staticCall(first)).to.equal(1n);
      await expect(r.registerProject(first))
        .to.emit(sys.registry, "ProjectRegistered")
        .withArgs(1n, sys.alice.address, first.name, first.standard);
      expect(await sys.registry.projectCount()).to.equal(1n);

      expect(await r.registerProject.staticCall(second)).to.equal(2n);
      await expect(r.registerProject(second))
        .to.emit(sys.registry, "ProjectRegistered")
        .withArgs(2n, sys.bob.address, "Cookstoves Odisha", "GS");
      expect(await sys.registry.projectCount()).to.equal(2n);
    });

    it("stores every field, status Pending, createdAt = block time, cursor 0 and no batches", async () => {
      const sys = await loadFixture(deploySystem);
      const input = projectInput(sys.bob.address, {
        name: "Wind farm Gujarat",
        standard: "ICM",
        methodology: "ACM0002",
        country: "IN",
        uri: "ipfs://wind",
        estimatedCredits: 123_456n * CREDIT,
      });
      const tx = await sys.registry.connect(sys.registrar).registerProject(input);
      const createdAt = await txTimestamp(tx);

      const p = await sys.registry.getProject(1n);
      expect(p.owner).to.equal(sys.bob.address);
      expect(p.status).to.equal(Status.Pending);
      expect(p.createdAt).to.equal(createdAt);
      expect(p.issuanceCursor).to.equal(0n);
      expect(p.estimatedCredits).to.equal(123_456n * CREDIT);
      expect(p.name).to.equal("Wind farm Gujarat");
      expect(p.standard).to.equal("ICM");
      expect(p.methodology).to.equal("ACM0002");
      expect(p.country).to.equal("IN");
      expect(p.uri).to.equal("ipfs://wind");
      expect(await sys.registry.projectStatus(1n)).to.equal(Status.Pending);
      expect(await sys.registry.projectBatches(1n)).to.deep.equal([]);
    });

    it("accepts empty optional fields (standard, methodology, country, uri)", async () => {
      const sys = await loadFixture(deploySystem);
      const input = projectInput(sys.alice.address, { standard: "", methodology: "", country: "", uri: "" });
      await expect(sys.registry.connect(sys.registrar).registerProject(input))
        .to.emit(sys.registry, "ProjectRegistered")
        .withArgs(1n, sys.alice.address, input.name, "");
      const p = await sys.registry.getProject(1n);
      expect([p.standard, p.methodology, p.country, p.uri]).to.deep.equal(["", "", "", ""]);
    });

    it("reverts RegistryInvalidOwner for the zero owner", async () => {
      const sys = await loadFixture(deploySystem);
      await expect(sys.registry.connect(sys.registrar).registerProject(projectInput(ethers.ZeroAddress)))
        .to.be.revertedWithCustomError(sys.registry, "RegistryInvalidOwner")
        .withArgs(ethers.ZeroAddress);
    });

    it('reverts RegistryEmptyField("name") for an empty name', async () => {
      const sys = await loadFixture(deploySystem);
      await expect(sys.registry.connect(sys.registrar).registerProject(projectInput(sys.alice.address, { name: "" })))
        .to.be.revertedWithCustomError(sys.registry, "RegistryEmptyField")
        .withArgs("name");
    });

    const LIMITS: Array<[field: "name" | "standard" | "methodology" | "country" | "uri", max: bigint]> = [
      ["name", MAX_SHORT_TEXT],
      ["standard", MAX_SHORT_TEXT],
      ["methodology", MAX_SHORT_TEXT],
      ["country", MAX_SHORT_TEXT],
      ["uri", MAX_LONG_TEXT],
    ];
    for (const [field, max] of LIMITS) {
      it(`reverts RegistryFieldTooLong("${field}", ${max + 1n}, ${max}) at ${max + 1n} bytes`, async () => {
        const sys = await loadFixture(deploySystem);
        const input = projectInput(sys.alice.address, { [field]: text(max + 1n) });
        await expect(sys.registry.connect(sys.registrar).registerProject(input))
          .to.be.revertedWithCustomError(sys.registry, "RegistryFieldTooLong")
          .withArgs(field, max + 1n, max);
      });

      it(`accepts and stores a ${field} of exactly ${max} bytes`, async () => {
        const sys = await loadFixture(deploySystem);
        const input = projectInput(sys.alice.address, { [field]: text(max) });
        await sys.registry.connect(sys.registrar).registerProject(input);
        const p = await sys.registry.getProject(1n);
        expect(p[field]).to.equal(text(max));
      });
    }

    it("measures the limit in bytes, not characters (65 two-byte chars = 130 bytes)", async () => {
      const sys = await loadFixture(deploySystem);
      const name = "é".repeat(65);
      await expect(sys.registry.connect(sys.registrar).registerProject(projectInput(sys.alice.address, { name })))
        .to.be.revertedWithCustomError(sys.registry, "RegistryFieldTooLong")
        .withArgs("name", 130n, MAX_SHORT_TEXT);
    });

    it("reverts AccessControlUnauthorizedAccount for a non-registrar", async () => {
      const sys = await loadFixture(deploySystem);
      await expect(sys.registry.connect(sys.outsider).registerProject(projectInput(sys.alice.address)))
        .to.be.revertedWithCustomError(sys.registry, "AccessControlUnauthorizedAccount")
        .withArgs(sys.outsider.address, ROLES.REGISTRAR);
    });
  });

  // ─────────────────────────────────── status state machine ───────────────────────────────────
  describe("status state machine", () => {
    for (const action of ACTIONS) {
      for (const from of FROM_STATUSES) {
        const allowed = action.allowedFrom.includes(from);
        const title = allowed
          ? `${action.name} from ${statusName(from)} moves to ${statusName(action.to)} and emits ProjectStatusChanged`
          : `${action.name} from ${statusName(from)} reverts RegistryInvalidStatusTransition(id, ${statusName(from)}, ${statusName(action.to)})`;
        it(title, async () => {
          const sys = await loadFixture(deploySystem);
          const id = await projectInStatus(sys, from);
          const reason = action.takesReason ? "methodology deviation found in audit" : "";
          const r = sys.registry.connect(sys.verifier);
          if (allowed) {
            await expect(action.run(r, id, reason))
              .to.emit(sys.registry, "ProjectStatusChanged")
              .withArgs(id, from, action.to, reason);
            expect(await sys.registry.projectStatus(id)).to.equal(action.to);
            expect((await sys.registry.getProject(id)).status).to.equal(action.to);
          } else {
            await expect(action.run(r, id, reason))
              .to.be.revertedWithCustomError(sys.registry, "RegistryInvalidStatusTransition")
              .withArgs(id, from, action.to);
            expect(await sys.registry.projectStatus(id)).to.equal(from);
          }
        });
      }
    }

    it("refuses deciding twice: approve→approve, approve→reject, reject→approve, reject→reject", async () => {
      const sys = await loadFixture(deploySystem);
      const r = sys.registry.connect(sys.verifier);
      const a = await registerProject(sys);
      const b = await registerProject(sys);
      await r.approveProject(a);
      await r.rejectProject(b, "no additionality");
      await expect(r.approveProject(a))
        .to.be.revertedWithCustomError(sys.registry, "RegistryInvalidStatusTransition")
        .withArgs(a, Status.Approved, Status.Approved);
      await expect(r.rejectProject(a, "late"))
        .to.be.revertedWithCustomError(sys.registry, "RegistryInvalidStatusTransition")
        .withArgs(a, Status.Approved, Status.Rejected);
      await expect(r.approveProject(b))
        .to.be.revertedWithCustomError(sys.registry, "RegistryInvalidStatusTransition")
        .withArgs(b, Status.Rejected, Status.Approved);
      await expect(r.rejectProject(b, "again"))
        .to.be.revertedWithCustomError(sys.registry, "RegistryInvalidStatusTransition")
        .withArgs(b, Status.Rejected, Status.Rejected);
    });

    it("follows a full lifecycle Pending→Approved→Suspended→Approved→Suspended→Deactivated", async () => {
      const sys = await loadFixture(deploySystem);
      const r = sys.registry.connect(sys.verifier);
      const id = await registerProject(sys);
      await expect(r.approveProject(id))
        .to.emit(sys.registry, "ProjectStatusChanged")
        .withArgs(id, Status.Pending, Status.Approved, "");
      await expect(r.suspendProject(id, "audit"))
        .to.emit(sys.registry, "ProjectStatusChanged")
        .withArgs(id, Status.Approved, Status.Suspended, "audit");
      await expect(r.reinstateProject(id))
        .to.emit(sys.registry, "ProjectStatusChanged")
        .withArgs(id, Status.Suspended, Status.Approved, "");
      await expect(r.suspendProject(id, "second audit"))
        .to.emit(sys.registry, "ProjectStatusChanged")
        .withArgs(id, Status.Approved, Status.Suspended, "second audit");
      await expect(r.deactivateProject(id, "plant closed"))
        .to.emit(sys.registry, "ProjectStatusChanged")
        .withArgs(id, Status.Suspended, Status.Deactivated, "plant closed");
      expect(await sys.registry.projectStatus(id)).to.equal(Status.Deactivated);
    });

    for (const action of ACTIONS) {
      it(`${action.name} on an unknown project reverts RegistryUnknownProject (ids 0 and count+1)`, async () => {
        const sys = await loadFixture(deploySystem);
        await registerProject(sys);
        const r = sys.registry.connect(sys.verifier);
        for (const id of [0n, 2n]) {
          await expect(action.run(r, id, ""))
            .to.be.revertedWithCustomError(sys.registry, "RegistryUnknownProject")
            .withArgs(id);
        }
      });
    }

    for (const action of ACTIONS.filter((a) => a.takesReason)) {
      it(`${action.name} reverts RegistryFieldTooLong("reason", 513, 512) and accepts 512 bytes`, async () => {
        const sys = await loadFixture(deploySystem);
        const id = await projectInStatus(sys, action.allowedFrom[0]);
        const r = sys.registry.connect(sys.verifier);
        await expect(action.run(r, id, text(MAX_LONG_TEXT + 1n)))
          .to.be.revertedWithCustomError(sys.registry, "RegistryFieldTooLong")
          .withArgs("reason", MAX_LONG_TEXT + 1n, MAX_LONG_TEXT);
        expect(await sys.registry.projectStatus(id)).to.equal(action.allowedFrom[0]);
        await expect(action.run(r, id, text(MAX_LONG_TEXT)))
          .to.emit(sys.registry, "ProjectStatusChanged")
          .withArgs(id, action.allowedFrom[0], action.to, text(MAX_LONG_TEXT));
      });
    }

    for (const action of ACTIONS) {
      it(`${action.name} reverts AccessControlUnauthorizedAccount for a non-verifier`, async () => {
        const sys = await loadFixture(deploySystem);
        const id = await projectInStatus(sys, action.allowedFrom[0]);
        await expect(action.run(sys.registry.connect(sys.registrar), id, ""))
          .to.be.revertedWithCustomError(sys.registry, "AccessControlUnauthorizedAccount")
          .withArgs(sys.registrar.address, ROLES.VERIFIER);
      });
    }
  });

  // ───────────────────────────────────────── addBatch ─────────────────────────────────────────
  describe("addBatch", () => {
    it("assigns sequential batch ids from 1 across projects, stores all fields and emits BatchAdded", async () => {
      const sys = await loadFixture(deploySystem);
      const p1 = await registerProject(sys);
      const p2 = await registerProject(sys);
      const r = sys.registry.connect(sys.registrar);
      const in1 = batchInput(2020, 7n * CREDIT, { serial: "VCS-1234-2020", startDate: 1_577_836_800n, endDate: 1_609_372_800n });
      const in2 = batchInput(2021, 3n * CREDIT);

      expect(await r.addBatch.staticCall(p1, in1)).to.equal(1n);
      await expect(r.addBatch(p1, in1))
        .to.emit(sys.registry, "BatchAdded")
        .withArgs(1n, p1, "VCS-1234-2020", 2020, 7n * CREDIT, 0n);
      expect(await r.addBatch.staticCall(p2, in2)).to.equal(2n);
      await expect(r.addBatch(p2, in2))
        .to.emit(sys.registry, "BatchAdded")
        .withArgs(2n, p2, in2.serial, 2021, 3n * CREDIT, 0n);
      expect(await sys.registry.batchCount()).to.equal(2n);

      const b = await sys.registry.getBatch(1n);
      expect(b.projectId).to.equal(p1);
      expect(b.minted).to.equal(0n);
      expect(b.retired).to.equal(0n);
      expect(b.totalSupply).to.equal(7n * CREDIT);
      expect(b.vintage).to.equal(2020n);
      expect(b.startDate).to.equal(1_577_836_800n);
      expect(b.endDate).to.equal(1_609_372_800n);
      expect(b.serial).to.equal("VCS-1234-2020");
      expect((await sys.registry.getBatch(2n)).projectId).to.equal(p2);

      expect(await sys.registry.batchIdBySerial("VCS-1234-2020")).to.equal(1n);
      expect(await sys.registry.batchIdBySerial(in2.serial)).to.equal(2n);
      expect(await sys.registry.projectBatches(p1)).to.deep.equal([1n]);
      expect(await sys.registry.projectBatches(p2)).to.deep.equal([2n]);
      expect(await sys.registry.remainingSupply(1n)).to.equal(7n * CREDIT);
      expect(await sys.registry.circulatingSupply(1n)).to.equal(0n);
    });

    it("inserts in vintage order, then startDate, then insertion order (position in BatchAdded)", async () => {
      const sys = await loadFixture(deploySystem);
      const id = await registerProject(sys);
      const r = sys.registry.connect(sys.registrar);
      const add = async (input: IProjectRegistry.BatchInputStruct, expectedPosition: bigint): Promise<bigint> => {
        const batchId = (await sys.registry.batchCount()) + 1n;
        await expect(r.addBatch(id, input))
          .to.emit(sys.registry, "BatchAdded")
          .withArgs(batchId, id, input.serial, input.vintage, input.totalSupply, expectedPosition);
        return batchId;
      };
      const jul2020 = BigInt(Date.UTC(2020, 6, 1) / 1000);
      const end2020 = BigInt(Date.UTC(2020, 11, 31) / 1000);

      const b2021 = await add(batchInput(2021, CREDIT), 0n);
      expect(await sys.registry.projectBatches(id)).to.deep.equal([b2021]);

      const b2019 = await add(batchInput(2019, CREDIT), 0n);
      expect(await sys.registry.projectBatches(id)).to.deep.equal([b2019, b2021]);

      const b2020jul = await add(batchInput(2020, CREDIT, { startDate: jul2020, endDate: end2020 }), 1n);
      expect(await sys.registry.projectBatches(id)).to.deep.equal([b2019, b2020jul, b2021]);

      // Same vintage, earlier startDate: goes before the July 2020 batch.
      const b2020jan = await add(batchInput(2020, CREDIT), 1n);
      expect(await sys.registry.projectBatches(id)).to.deep.equal([b2019, b2020jan, b2020jul, b2021]);

      // Same vintage and same startDate as the July batch: keeps insertion order (after it).
      const b2020jul2 = await add(batchInput(2020, CREDIT, { startDate: jul2020, endDate: end2020 }), 3n);
      expect(await sys.registry.projectBatches(id)).to.deep.equal([b2019, b2020jan, b2020jul, b2020jul2, b2021]);

      // Newest vintage appends at the end.
      const b2022 = await add(batchInput(2022, CREDIT), 5n);
      expect(await sys.registry.projectBatches(id)).to.deep.equal([
        b2019,
        b2020jan,
        b2020jul,
        b2020jul2,
        b2021,
        b2022,
      ]);
    });

    for (const status of [Status.Pending, Status.Approved]) {
      it(`is allowed while the project is ${statusName(status)}`, async () => {
        const sys = await loadFixture(deploySystem);
        const id = await projectInStatus(sys, status);
        const input = batchInput(2020, CREDIT);
        await expect(sys.registry.connect(sys.registrar).addBatch(id, input))
          .to.emit(sys.registry, "BatchAdded")
          .withArgs(1n, id, input.serial, 2020, CREDIT, 0n);
        expect(await sys.registry.projectBatches(id)).to.deep.equal([1n]);
      });
    }

    for (const status of [Status.Rejected, Status.Suspended, Status.Deactivated]) {
      it(`reverts RegistryProjectNotOpenForBatches(id, ${statusName(status)}) for a ${statusName(status)} project`, async () => {
        const sys = await loadFixture(deploySystem);
        const id = await projectInStatus(sys, status);
        await expect(sys.registry.connect(sys.registrar).addBatch(id, batchInput(2020, CREDIT)))
          .to.be.revertedWithCustomError(sys.registry, "RegistryProjectNotOpenForBatches")
          .withArgs(id, status);
        expect(await sys.registry.batchCount()).to.equal(0n);
      });
    }

    it("reverts RegistryUnknownProject for ids 0 and count+1", async () => {
      const sys = await loadFixture(deploySystem);
      await registerProject(sys);
      for (const id of [0n, 2n]) {
        await expect(sys.registry.connect(sys.registrar).addBatch(id, batchInput(2020, CREDIT)))
          .to.be.revertedWithCustomError(sys.registry, "RegistryUnknownProject")
          .withArgs(id);
      }
    });

    it(`accepts ${MAX_BATCHES} batches per project, then reverts RegistryBatchCapReached(id, ${MAX_BATCHES})`, async () => {
      const sys = await loadFixture(deploySystem);
      const id = await registerProject(sys);
      const r = sys.registry.connect(sys.registrar);
      for (let i = 0n; i < MAX_BATCHES; i++) {
        await r.addBatch(id, batchInput(2020, CREDIT));
      }
      expect((await sys.registry.projectBatches(id)).length).to.equal(Number(MAX_BATCHES));
      await expect(r.addBatch(id, batchInput(2020, CREDIT)))
        .to.be.revertedWithCustomError(sys.registry, "RegistryBatchCapReached")
        .withArgs(id, MAX_BATCHES);
      // The cap is per project: another project still takes batches.
      const other = await registerProject(sys);
      await expect(r.addBatch(other, batchInput(2020, CREDIT))).to.emit(sys.registry, "BatchAdded");
    });

    it('reverts RegistryEmptyField("serial") for an empty serial', async () => {
      const sys = await loadFixture(deploySystem);
      const id = await registerProject(sys);
      await expect(sys.registry.connect(sys.registrar).addBatch(id, batchInput(2020, CREDIT, { serial: "" })))
        .to.be.revertedWithCustomError(sys.registry, "RegistryEmptyField")
        .withArgs("serial");
    });

    it('reverts RegistryFieldTooLong("serial", 129, 128) and accepts 128 bytes', async () => {
      const sys = await loadFixture(deploySystem);
      const id = await registerProject(sys);
      const r = sys.registry.connect(sys.registrar);
      await expect(r.addBatch(id, batchInput(2020, CREDIT, { serial: text(MAX_SHORT_TEXT + 1n) })))
        .to.be.revertedWithCustomError(sys.registry, "RegistryFieldTooLong")
        .withArgs("serial", MAX_SHORT_TEXT + 1n, MAX_SHORT_TEXT);
      await r.addBatch(id, batchInput(2020, CREDIT, { serial: text(MAX_SHORT_TEXT) }));
      expect((await sys.registry.getBatch(1n)).serial).to.equal(text(MAX_SHORT_TEXT));
      expect(await sys.registry.batchIdBySerial(text(MAX_SHORT_TEXT))).to.equal(1n);
    });

    it("reverts RegistryDuplicateSerial(serial, existingBatchId) within a project and across projects", async () => {
      const sys = await loadFixture(deploySystem);
      const p1 = await registerProject(sys);
      const p2 = await registerProject(sys);
      const r = sys.registry.connect(sys.registrar);
      await r.addBatch(p1, batchInput(2019, CREDIT));
      const existing = await addBatch(sys, p1, batchInput(2020, CREDIT, { serial: "GS-777" }));
      expect(existing).to.equal(2n);
      await expect(r.addBatch(p1, batchInput(2021, CREDIT, { serial: "GS-777" })))
        .to.be.revertedWithCustomError(sys.registry, "RegistryDuplicateSerial")
        .withArgs("GS-777", existing);
      await expect(r.addBatch(p2, batchInput(2021, CREDIT, { serial: "GS-777" })))
        .to.be.revertedWithCustomError(sys.registry, "RegistryDuplicateSerial")
        .withArgs("GS-777", existing);
      expect(await sys.registry.batchCount()).to.equal(2n);
    });

    it("reverts RegistryInvalidVintage below MIN_VINTAGE and above MAX_VINTAGE, accepts both bounds", async () => {
      const sys = await loadFixture(deploySystem);
      const id = await registerProject(sys);
      const r = sys.registry.connect(sys.registrar);
      await expect(r.addBatch(id, batchInput(MIN_VINTAGE - 1, CREDIT)))
        .to.be.revertedWithCustomError(sys.registry, "RegistryInvalidVintage")
        .withArgs(MIN_VINTAGE - 1);
      await expect(r.addBatch(id, batchInput(MAX_VINTAGE + 1, CREDIT)))
        .to.be.revertedWithCustomError(sys.registry, "RegistryInvalidVintage")
        .withArgs(MAX_VINTAGE + 1);
      const low = batchInput(MIN_VINTAGE, CREDIT);
      const high = batchInput(MAX_VINTAGE, CREDIT);
      await expect(r.addBatch(id, low)).to.emit(sys.registry, "BatchAdded").withArgs(1n, id, low.serial, MIN_VINTAGE, CREDIT, 0n);
      await expect(r.addBatch(id, high)).to.emit(sys.registry, "BatchAdded").withArgs(2n, id, high.serial, MAX_VINTAGE, CREDIT, 1n);
      expect((await sys.registry.getBatch(1n)).vintage).to.equal(BigInt(MIN_VINTAGE));
      expect((await sys.registry.getBatch(2n)).vintage).to.equal(BigInt(MAX_VINTAGE));
    });

    it("reverts RegistryInvalidBatchDates when startDate > endDate, accepts startDate == endDate", async () => {
      const sys = await loadFixture(deploySystem);
      const id = await registerProject(sys);
      const r = sys.registry.connect(sys.registrar);
      const day = 1_600_000_000n;
      await expect(r.addBatch(id, batchInput(2020, CREDIT, { startDate: day + 1n, endDate: day })))
        .to.be.revertedWithCustomError(sys.registry, "RegistryInvalidBatchDates")
        .withArgs(day + 1n, day);
      await r.addBatch(id, batchInput(2020, CREDIT, { startDate: day, endDate: day }));
      const b = await sys.registry.getBatch(1n);
      expect([b.startDate, b.endDate]).to.deep.equal([day, day]);
    });

    it("reverts RegistryInvalidBatchSupply for 0 and 2^72, accepts 2^72-1", async () => {
      const sys = await loadFixture(deploySystem);
      const id = await registerProject(sys);
      const r = sys.registry.connect(sys.registrar);
      await expect(r.addBatch(id, batchInput(2020, 0n)))
        .to.be.revertedWithCustomError(sys.registry, "RegistryInvalidBatchSupply")
        .withArgs(0n);
      await expect(r.addBatch(id, batchInput(2020, UINT72_MAX + 1n)))
        .to.be.revertedWithCustomError(sys.registry, "RegistryInvalidBatchSupply")
        .withArgs(UINT72_MAX + 1n);
      const max = batchInput(2020, UINT72_MAX);
      await expect(r.addBatch(id, max)).to.emit(sys.registry, "BatchAdded").withArgs(1n, id, max.serial, 2020, UINT72_MAX, 0n);
      expect((await sys.registry.getBatch(1n)).totalSupply).to.equal(UINT72_MAX);
      expect(await sys.registry.remainingSupply(1n)).to.equal(UINT72_MAX);
    });

    it("reverts AccessControlUnauthorizedAccount for a non-registrar", async () => {
      const sys = await loadFixture(deploySystem);
      const id = await registerProject(sys);
      await expect(sys.registry.connect(sys.verifier).addBatch(id, batchInput(2020, CREDIT)))
        .to.be.revertedWithCustomError(sys.registry, "AccessControlUnauthorizedAccount")
        .withArgs(sys.verifier.address, ROLES.REGISTRAR);
    });
  });

  // ───────────────────────────────────── issuance cursor ─────────────────────────────────────
  describe("issuance cursor", () => {
    it("stays at 0 while the first vintage is only partly minted (no IssuanceCursorAdvanced)", async () => {
      const sys = await loadFixture(cursorFixture);
      await expect(sys.credits.connect(sys.issuer).mintProject(sys.alice.address, sys.projectId, 4n * CREDIT)).not.to.emit(
        sys.registry,
        "IssuanceCursorAdvanced",
      );
      expect(await cursorOf(sys, sys.projectId)).to.equal(0n);
    });

    it("advances as mintProject exhausts the first vintages and emits IssuanceCursorAdvanced", async () => {
      const sys = await loadFixture(cursorFixture);
      const issuer = sys.credits.connect(sys.issuer);

      // 7 credits: all 5 of 2019, 2 of 2020.
      const tx1 = issuer.mintProject(sys.alice.address, sys.projectId, 7n * CREDIT);
      await expect(tx1).to.emit(sys.registry, "IssuanceRecorded").withArgs(sys.b2019, 5n * CREDIT, 5n * CREDIT);
      await expect(tx1).to.emit(sys.registry, "IssuanceRecorded").withArgs(sys.b2020, 2n * CREDIT, 2n * CREDIT);
      await expect(tx1).to.emit(sys.registry, "IssuanceCursorAdvanced").withArgs(sys.projectId, 1n);
      expect(await cursorOf(sys, sys.projectId)).to.equal(1n);

      // 8 more: the remaining 3 of 2020 and all 5 of 2021 → every batch is exhausted.
      const tx2 = issuer.mintProject(sys.alice.address, sys.projectId, 8n * CREDIT);
      await expect(tx2).to.emit(sys.registry, "IssuanceRecorded").withArgs(sys.b2020, 3n * CREDIT, 5n * CREDIT);
      await expect(tx2).to.emit(sys.registry, "IssuanceRecorded").withArgs(sys.b2021, 5n * CREDIT, 5n * CREDIT);
      await expect(tx2).to.emit(sys.registry, "IssuanceCursorAdvanced").withArgs(sys.projectId, 3n);
      expect(await cursorOf(sys, sys.projectId)).to.equal(3n);

      await expect(issuer.mintProject(sys.alice.address, sys.projectId, 1n))
        .to.be.revertedWithCustomError(sys.registry, "RegistryExceedsProjectSupply")
        .withArgs(sys.projectId, 1n, 0n);
    });

    it("advances when a batch-level mint exhausts the batch at the cursor", async () => {
      const sys = await loadFixture(cursorFixture);
      await expect(sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2019, 5n * CREDIT))
        .to.emit(sys.registry, "IssuanceCursorAdvanced")
        .withArgs(sys.projectId, 1n);
      expect(await cursorOf(sys, sys.projectId)).to.equal(1n);
    });

    it("does not move when a batch after the cursor is exhausted, then skips it once the cursor batch is exhausted", async () => {
      const sys = await loadFixture(cursorFixture);
      const issuer = sys.credits.connect(sys.issuer);
      await expect(issuer.mint(sys.alice.address, sys.b2020, 5n * CREDIT)).not.to.emit(sys.registry, "IssuanceCursorAdvanced");
      expect(await cursorOf(sys, sys.projectId)).to.equal(0n);
      await expect(issuer.mint(sys.alice.address, sys.b2019, 5n * CREDIT))
        .to.emit(sys.registry, "IssuanceCursorAdvanced")
        .withArgs(sys.projectId, 2n);
      expect(await cursorOf(sys, sys.projectId)).to.equal(2n);
      // A project-level mint now comes from 2021.
      const [ids, amounts] = await issuer.mintProject.staticCall(sys.alice.address, sys.projectId, CREDIT);
      expect([...ids]).to.deep.equal([sys.b2021]);
      expect([...amounts]).to.deep.equal([CREDIT]);
    });

    it("moves back to an older-vintage batch inserted before it, which mintProject then mints first", async () => {
      const sys = await loadFixture(cursorFixture);
      const issuer = sys.credits.connect(sys.issuer);
      await issuer.mintProject(sys.alice.address, sys.projectId, 10n * CREDIT); // exhausts 2019 and 2020
      expect(await cursorOf(sys, sys.projectId)).to.equal(2n);

      const older = batchInput(2018, 4n * CREDIT);
      const b2018 = (await sys.registry.batchCount()) + 1n;
      const add = sys.registry.connect(sys.registrar).addBatch(sys.projectId, older);
      await expect(add).to.emit(sys.registry, "IssuanceCursorAdvanced").withArgs(sys.projectId, 0n);
      await expect(add)
        .to.emit(sys.registry, "BatchAdded")
        .withArgs(b2018, sys.projectId, older.serial, 2018, 4n * CREDIT, 0n);
      expect(await cursorOf(sys, sys.projectId)).to.equal(0n);
      expect(await sys.registry.projectBatches(sys.projectId)).to.deep.equal([b2018, sys.b2019, sys.b2020, sys.b2021]);

      // 3 credits come from the 2018 batch, not from 2021.
      const [ids, amounts] = await issuer.mintProject.staticCall(sys.alice.address, sys.projectId, 3n * CREDIT);
      expect([...ids]).to.deep.equal([b2018]);
      expect([...amounts]).to.deep.equal([3n * CREDIT]);
      await expect(issuer.mintProject(sys.alice.address, sys.projectId, 3n * CREDIT))
        .to.emit(sys.registry, "IssuanceRecorded")
        .withArgs(b2018, 3n * CREDIT, 3n * CREDIT);
      expect(await sys.credits.balanceOf(sys.alice.address, b2018)).to.equal(3n * CREDIT);
      expect(await sys.credits.balanceOf(sys.alice.address, sys.b2021)).to.equal(0n);
      expect(await cursorOf(sys, sys.projectId)).to.equal(0n);

      // Exhausting 2018 jumps the cursor over the already exhausted 2019 and 2020.
      await expect(issuer.mintProject(sys.alice.address, sys.projectId, 2n * CREDIT))
        .to.emit(sys.registry, "IssuanceCursorAdvanced")
        .withArgs(sys.projectId, 3n);
      expect(await sys.credits.balanceOf(sys.alice.address, b2018)).to.equal(4n * CREDIT);
      expect(await sys.credits.balanceOf(sys.alice.address, sys.b2021)).to.equal(CREDIT);
    });

    it("does not move when a batch is inserted at or after it", async () => {
      const sys = await loadFixture(cursorFixture);
      const issuer = sys.credits.connect(sys.issuer);
      await issuer.mint(sys.alice.address, sys.b2019, 5n * CREDIT);
      expect(await cursorOf(sys, sys.projectId)).to.equal(1n);
      const r = sys.registry.connect(sys.registrar);
      // Same vintage as the exhausted 2019 batch, later start: lands exactly at the cursor (position 1).
      const late2019 = batchInput(2019, CREDIT, { startDate: BigInt(Date.UTC(2019, 6, 1) / 1000) });
      const tx = r.addBatch(sys.projectId, late2019);
      await expect(tx).to.emit(sys.registry, "BatchAdded").withArgs(4n, sys.projectId, late2019.serial, 2019, CREDIT, 1n);
      await expect(tx).not.to.emit(sys.registry, "IssuanceCursorAdvanced");
      await expect(r.addBatch(sys.projectId, batchInput(2025, CREDIT))).not.to.emit(sys.registry, "IssuanceCursorAdvanced");
      expect(await cursorOf(sys, sys.projectId)).to.equal(1n);
    });

    it("a batch appended after every batch was exhausted is minted next", async () => {
      const sys = await loadFixture(cursorFixture);
      const issuer = sys.credits.connect(sys.issuer);
      await issuer.mintProject(sys.alice.address, sys.projectId, 15n * CREDIT);
      expect(await cursorOf(sys, sys.projectId)).to.equal(3n);
      const newer = await addBatch(sys, sys.projectId, batchInput(2022, 2n * CREDIT));
      expect(await cursorOf(sys, sys.projectId)).to.equal(3n);
      await expect(issuer.mintProject(sys.alice.address, sys.projectId, 2n * CREDIT))
        .to.emit(sys.registry, "IssuanceCursorAdvanced")
        .withArgs(sys.projectId, 4n);
      expect(await sys.credits.balanceOf(sys.alice.address, newer)).to.equal(2n * CREDIT);
    });
  });

  // ────────────────────────────────────── setProjectURI ──────────────────────────────────────
  describe("setProjectURI", () => {
    it("replaces the URI and emits ProjectURIUpdated (512 bytes and empty accepted)", async () => {
      const sys = await loadFixture(deploySystem);
      const id = await registerProject(sys);
      const r = sys.registry.connect(sys.registrar);
      await expect(r.setProjectURI(id, "ipfs://v2")).to.emit(sys.registry, "ProjectURIUpdated").withArgs(id, "ipfs://v2");
      expect((await sys.registry.getProject(id)).uri).to.equal("ipfs://v2");
      await expect(r.setProjectURI(id, text(MAX_LONG_TEXT)))
        .to.emit(sys.registry, "ProjectURIUpdated")
        .withArgs(id, text(MAX_LONG_TEXT));
      expect((await sys.registry.getProject(id)).uri).to.equal(text(MAX_LONG_TEXT));
      await expect(r.setProjectURI(id, "")).to.emit(sys.registry, "ProjectURIUpdated").withArgs(id, "");
      expect((await sys.registry.getProject(id)).uri).to.equal("");
    });

    it('reverts RegistryFieldTooLong("uri", 513, 512)', async () => {
      const sys = await loadFixture(deploySystem);
      const id = await registerProject(sys);
      await expect(sys.registry.connect(sys.registrar).setProjectURI(id, text(MAX_LONG_TEXT + 1n)))
        .to.be.revertedWithCustomError(sys.registry, "RegistryFieldTooLong")
        .withArgs("uri", MAX_LONG_TEXT + 1n, MAX_LONG_TEXT);
    });

    it("reverts RegistryUnknownProject for ids 0 and count+1", async () => {
      const sys = await loadFixture(deploySystem);
      await registerProject(sys);
      for (const id of [0n, 2n]) {
        await expect(sys.registry.connect(sys.registrar).setProjectURI(id, "ipfs://x"))
          .to.be.revertedWithCustomError(sys.registry, "RegistryUnknownProject")
          .withArgs(id);
      }
    });

    it("reverts AccessControlUnauthorizedAccount for a non-registrar", async () => {
      const sys = await loadFixture(deploySystem);
      const id = await registerProject(sys);
      await expect(sys.registry.connect(sys.alice).setProjectURI(id, "ipfs://x"))
        .to.be.revertedWithCustomError(sys.registry, "AccessControlUnauthorizedAccount")
        .withArgs(sys.alice.address, ROLES.REGISTRAR);
    });
  });

  // ─────────────────────────────────────── bindCredits ───────────────────────────────────────
  describe("bindCredits", () => {
    it("is already bound to the fixture's CarbonCredits and reverts RegistryCreditsAlreadyBound", async () => {
      const sys = await loadFixture(deploySystem);
      const bound = await sys.credits.getAddress();
      expect(await sys.registry.credits()).to.equal(bound);
      await expect(sys.registry.connect(sys.admin).bindCredits(sys.bob.address))
        .to.be.revertedWithCustomError(sys.registry, "RegistryCreditsAlreadyBound")
        .withArgs(bound);
      expect(await sys.registry.credits()).to.equal(bound);
    });

    it("binds once on a fresh registry, emits CreditsBound, then refuses a second binding", async () => {
      const sys = await loadFixture(deploySystem);
      const fresh = await ethers.deployContract("ProjectRegistry", [sys.admin.address, ADMIN_DELAY]);
      await expect(fresh.connect(sys.admin).bindCredits(sys.bob.address))
        .to.emit(fresh, "CreditsBound")
        .withArgs(sys.bob.address);
      expect(await fresh.credits()).to.equal(sys.bob.address);
      await expect(fresh.connect(sys.admin).bindCredits(sys.carol.address))
        .to.be.revertedWithCustomError(fresh, "RegistryCreditsAlreadyBound")
        .withArgs(sys.bob.address);
    });

    it("reverts RegistryInvalidCredits(0) on a fresh registry", async () => {
      const sys = await loadFixture(deploySystem);
      const fresh = await ethers.deployContract("ProjectRegistry", [sys.admin.address, ADMIN_DELAY]);
      await expect(fresh.connect(sys.admin).bindCredits(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(fresh, "RegistryInvalidCredits")
        .withArgs(ethers.ZeroAddress);
      expect(await fresh.credits()).to.equal(ethers.ZeroAddress);
    });

    it("reverts AccessControlUnauthorizedAccount for a non-admin", async () => {
      const sys = await loadFixture(deploySystem);
      const fresh = await ethers.deployContract("ProjectRegistry", [sys.admin.address, ADMIN_DELAY]);
      await expect(fresh.connect(sys.outsider).bindCredits(sys.outsider.address))
        .to.be.revertedWithCustomError(fresh, "AccessControlUnauthorizedAccount")
        .withArgs(sys.outsider.address, ROLES.DEFAULT_ADMIN);
    });
  });

  // ──────────────────────────────────── ledger functions ────────────────────────────────────
  describe("ledger functions", () => {
    describe("only the bound credits contract may call them", () => {
      it("reverts RegistryUnauthorizedLedger(caller) for an outsider, the admin and the issuer", async () => {
        const sys = await loadFixture(cursorFixture);
        for (const caller of [sys.outsider, sys.admin, sys.issuer]) {
          const r = sys.registry.connect(caller);
          await expect(r.recordIssuance(sys.b2019, CREDIT))
            .to.be.revertedWithCustomError(sys.registry, "RegistryUnauthorizedLedger")
            .withArgs(caller.address);
          await expect(r.recordProjectIssuance(sys.projectId, CREDIT))
            .to.be.revertedWithCustomError(sys.registry, "RegistryUnauthorizedLedger")
            .withArgs(caller.address);
          await expect(r.recordRetirement(sys.b2019, CREDIT))
            .to.be.revertedWithCustomError(sys.registry, "RegistryUnauthorizedLedger")
            .withArgs(caller.address);
        }
        expect((await sys.registry.getBatch(sys.b2019)).minted).to.equal(0n);
      });

      it("reverts RegistryUnauthorizedLedger before any credits contract is bound", async () => {
        const sys = await loadFixture(deploySystem);
        const fresh = await ethers.deployContract("ProjectRegistry", [sys.admin.address, ADMIN_DELAY]);
        await expect(fresh.connect(sys.admin).recordIssuance(1n, 1n))
          .to.be.revertedWithCustomError(fresh, "RegistryUnauthorizedLedger")
          .withArgs(sys.admin.address);
        await expect(fresh.connect(sys.admin).recordProjectIssuance(1n, 1n))
          .to.be.revertedWithCustomError(fresh, "RegistryUnauthorizedLedger")
          .withArgs(sys.admin.address);
        await expect(fresh.connect(sys.admin).recordRetirement(1n, 1n))
          .to.be.revertedWithCustomError(fresh, "RegistryUnauthorizedLedger")
          .withArgs(sys.admin.address);
      });
    });

    describe("recordIssuance", () => {
      it("records issuance and emits IssuanceRecorded with the cumulative mintedAfter", async () => {
        const sys = await loadFixture(ledgerFixture);
        await expect(sys.asLedger.recordIssuance(sys.b2019, 4n * CREDIT))
          .to.emit(sys.registry, "IssuanceRecorded")
          .withArgs(sys.b2019, 4n * CREDIT, 4n * CREDIT);
        await expect(sys.asLedger.recordIssuance(sys.b2019, 3n * CREDIT))
          .to.emit(sys.registry, "IssuanceRecorded")
          .withArgs(sys.b2019, 3n * CREDIT, 7n * CREDIT);
        expect((await sys.registry.getBatch(sys.b2019)).minted).to.equal(7n * CREDIT);
        expect(await sys.registry.remainingSupply(sys.b2019)).to.equal(3n * CREDIT);
        expect(await sys.registry.circulatingSupply(sys.b2019)).to.equal(7n * CREDIT);
      });

      it("mints up to exactly the batch supply, advancing the cursor", async () => {
        const sys = await loadFixture(ledgerFixture);
        await expect(sys.asLedger.recordIssuance(sys.b2019, 10n * CREDIT))
          .to.emit(sys.registry, "IssuanceCursorAdvanced")
          .withArgs(sys.projectId, 1n);
        expect(await sys.registry.remainingSupply(sys.b2019)).to.equal(0n);
      });

      it("reverts RegistryZeroAmount for 0", async () => {
        const sys = await loadFixture(ledgerFixture);
        await expect(sys.asLedger.recordIssuance(sys.b2019, 0n)).to.be.revertedWithCustomError(
          sys.registry,
          "RegistryZeroAmount",
        );
      });

      it("reverts RegistryUnknownBatch for ids 0 and count+1", async () => {
        const sys = await loadFixture(ledgerFixture);
        const next = (await sys.registry.batchCount()) + 1n;
        for (const id of [0n, next]) {
          await expect(sys.asLedger.recordIssuance(id, CREDIT))
            .to.be.revertedWithCustomError(sys.registry, "RegistryUnknownBatch")
            .withArgs(id);
        }
      });

      it("reverts RegistryExceedsBatchSupply(batchId, requested, available)", async () => {
        const sys = await loadFixture(ledgerFixture);
        await expect(sys.asLedger.recordIssuance(sys.b2020, 5n * CREDIT + 1n))
          .to.be.revertedWithCustomError(sys.registry, "RegistryExceedsBatchSupply")
          .withArgs(sys.b2020, 5n * CREDIT + 1n, 5n * CREDIT);
        await sys.asLedger.recordIssuance(sys.b2020, 4n * CREDIT);
        await expect(sys.asLedger.recordIssuance(sys.b2020, 2n * CREDIT))
          .to.be.revertedWithCustomError(sys.registry, "RegistryExceedsBatchSupply")
          .withArgs(sys.b2020, 2n * CREDIT, CREDIT);
      });

      for (const status of [Status.Pending, Status.Rejected, Status.Suspended, Status.Deactivated]) {
        it(`reverts RegistryProjectNotApproved(projectId, ${statusName(status)}) for a ${statusName(status)} project`, async () => {
          const sys = await loadFixture(ledgerFixture);
          const v = sys.registry.connect(sys.verifier);
          let projectId = sys.projectId;
          let batchId = sys.b2019;
          if (status === Status.Pending || status === Status.Rejected) {
            projectId = sys.pendingId;
            batchId = sys.pendingBatch;
            if (status === Status.Rejected) await v.rejectProject(projectId, "no");
          }
          if (status === Status.Suspended) await v.suspendProject(projectId, "audit");
          if (status === Status.Deactivated) await v.deactivateProject(projectId, "closed");
          await expect(sys.asLedger.recordIssuance(batchId, CREDIT))
            .to.be.revertedWithCustomError(sys.registry, "RegistryProjectNotApproved")
            .withArgs(projectId, status);
          await expect(sys.asLedger.recordProjectIssuance(projectId, CREDIT))
            .to.be.revertedWithCustomError(sys.registry, "RegistryProjectNotApproved")
            .withArgs(projectId, status);
        });
      }

      it("the project's status governs every batch: those added before approval, after it, and across suspension", async () => {
        const sys = await loadFixture(ledgerFixture);
        const v = sys.registry.connect(sys.verifier);
        const late = await addBatch(sys, sys.projectId, batchInput(2023, 5n * CREDIT)); // added while Approved
        const ids = [sys.b2019, sys.b2020, late];
        for (const id of ids) await sys.asLedger.recordIssuance(id, 1n);
        await v.suspendProject(sys.projectId, "audit");
        for (const id of ids) {
          await expect(sys.asLedger.recordIssuance(id, 1n))
            .to.be.revertedWithCustomError(sys.registry, "RegistryProjectNotApproved")
            .withArgs(sys.projectId, Status.Suspended);
        }
        await v.reinstateProject(sys.projectId);
        for (const id of ids) await sys.asLedger.recordIssuance(id, 1n);
        expect((await sys.registry.getBatches(ids)).map((b) => b.minted)).to.deep.equal([2n, 2n, 2n]);
        // A batch added while Pending becomes issuable when the project is approved.
        await expect(sys.asLedger.recordIssuance(sys.pendingBatch, 1n))
          .to.be.revertedWithCustomError(sys.registry, "RegistryProjectNotApproved")
          .withArgs(sys.pendingId, Status.Pending);
        await v.approveProject(sys.pendingId);
        await sys.asLedger.recordIssuance(sys.pendingBatch, 1n);
        await v.deactivateProject(sys.pendingId, "closed");
        await expect(sys.asLedger.recordIssuance(sys.pendingBatch, 1n))
          .to.be.revertedWithCustomError(sys.registry, "RegistryProjectNotApproved")
          .withArgs(sys.pendingId, Status.Deactivated);
      });
    });

    describe("recordProjectIssuance", () => {
      it("takes the oldest vintage first, spills over, returns the breakdown and emits IssuanceRecorded per batch", async () => {
        const sys = await loadFixture(ledgerFixture);
        const [ids, amounts] = await sys.asLedger.recordProjectIssuance.staticCall(sys.projectId, 12n * CREDIT);
        expect([...ids]).to.deep.equal([sys.b2019, sys.b2020]);
        expect([...amounts]).to.deep.equal([10n * CREDIT, 2n * CREDIT]);

        const tx = sys.asLedger.recordProjectIssuance(sys.projectId, 12n * CREDIT);
        await expect(tx).to.emit(sys.registry, "IssuanceRecorded").withArgs(sys.b2019, 10n * CREDIT, 10n * CREDIT);
        await expect(tx).to.emit(sys.registry, "IssuanceRecorded").withArgs(sys.b2020, 2n * CREDIT, 2n * CREDIT);
        await expect(tx).to.emit(sys.registry, "IssuanceCursorAdvanced").withArgs(sys.projectId, 1n);
        expect((await sys.registry.getBatch(sys.b2019)).minted).to.equal(10n * CREDIT);
        expect((await sys.registry.getBatch(sys.b2020)).minted).to.equal(2n * CREDIT);

        // Next call continues in 2020 with a cumulative mintedAfter.
        await expect(sys.asLedger.recordProjectIssuance(sys.projectId, CREDIT))
          .to.emit(sys.registry, "IssuanceRecorded")
          .withArgs(sys.b2020, CREDIT, 3n * CREDIT);
      });

      it("skips batches exhausted by batch-level issuance", async () => {
        const sys = await loadFixture(ledgerFixture);
        await sys.asLedger.recordIssuance(sys.b2020, 5n * CREDIT); // after the cursor
        await sys.asLedger.recordIssuance(sys.b2019, 9n * CREDIT);
        const [ids, amounts] = await sys.asLedger.recordProjectIssuance.staticCall(sys.projectId, CREDIT);
        expect([...ids]).to.deep.equal([sys.b2019]);
        expect([...amounts]).to.deep.equal([CREDIT]);
        await expect(sys.asLedger.recordProjectIssuance(sys.projectId, CREDIT))
          .to.emit(sys.registry, "IssuanceCursorAdvanced")
          .withArgs(sys.projectId, 2n);
      });

      it("reverts RegistryZeroAmount for 0", async () => {
        const sys = await loadFixture(ledgerFixture);
        await expect(sys.asLedger.recordProjectIssuance(sys.projectId, 0n)).to.be.revertedWithCustomError(
          sys.registry,
          "RegistryZeroAmount",
        );
      });

      it("reverts RegistryUnknownProject for ids 0 and count+1", async () => {
        const sys = await loadFixture(ledgerFixture);
        const next = (await sys.registry.projectCount()) + 1n;
        for (const id of [0n, next]) {
          await expect(sys.asLedger.recordProjectIssuance(id, CREDIT))
            .to.be.revertedWithCustomError(sys.registry, "RegistryUnknownProject")
            .withArgs(id);
        }
      });

      it("reverts RegistryExceedsProjectSupply(projectId, requested, available) and records nothing", async () => {
        const sys = await loadFixture(ledgerFixture);
        // 10 + 5 credits in the project.
        await expect(sys.asLedger.recordProjectIssuance(sys.projectId, 15n * CREDIT + 1n))
          .to.be.revertedWithCustomError(sys.registry, "RegistryExceedsProjectSupply")
          .withArgs(sys.projectId, 15n * CREDIT + 1n, 15n * CREDIT);
        expect((await sys.registry.getBatch(sys.b2019)).minted).to.equal(0n);
        expect((await sys.registry.getBatch(sys.b2020)).minted).to.equal(0n);
        await sys.asLedger.recordProjectIssuance(sys.projectId, 4n * CREDIT);
        await expect(sys.asLedger.recordProjectIssuance(sys.projectId, 12n * CREDIT))
          .to.be.revertedWithCustomError(sys.registry, "RegistryExceedsProjectSupply")
          .withArgs(sys.projectId, 12n * CREDIT, 11n * CREDIT);
        // Exactly the remainder is fine.
        await sys.asLedger.recordProjectIssuance(sys.projectId, 11n * CREDIT);
        expect(await sys.registry.remainingSupply(sys.b2019)).to.equal(0n);
        expect(await sys.registry.remainingSupply(sys.b2020)).to.equal(0n);
      });

      it("reverts RegistryExceedsProjectSupply(projectId, 1, 0) for an approved project without batches", async () => {
        const sys = await loadFixture(ledgerFixture);
        const empty = await projectInStatus(sys, Status.Approved);
        await expect(sys.asLedger.recordProjectIssuance(empty, 1n))
          .to.be.revertedWithCustomError(sys.registry, "RegistryExceedsProjectSupply")
          .withArgs(empty, 1n, 0n);
      });
    });

    describe("recordRetirement", () => {
      it("records retirement and emits RetirementRecorded with the cumulative retiredAfter", async () => {
        const sys = await loadFixture(ledgerFixture);
        await sys.asLedger.recordIssuance(sys.b2019, 5n * CREDIT);
        await expect(sys.asLedger.recordRetirement(sys.b2019, 2n * CREDIT))
          .to.emit(sys.registry, "RetirementRecorded")
          .withArgs(sys.b2019, 2n * CREDIT, 2n * CREDIT);
        await expect(sys.asLedger.recordRetirement(sys.b2019, CREDIT))
          .to.emit(sys.registry, "RetirementRecorded")
          .withArgs(sys.b2019, CREDIT, 3n * CREDIT);
        const b = await sys.registry.getBatch(sys.b2019);
        expect(b.minted).to.equal(5n * CREDIT);
        expect(b.retired).to.equal(3n * CREDIT);
        expect(await sys.registry.circulatingSupply(sys.b2019)).to.equal(2n * CREDIT);
        // Retiring does not give supply back.
        expect(await sys.registry.remainingSupply(sys.b2019)).to.equal(5n * CREDIT);
      });

      it("works whatever the project's status (suspended, deactivated)", async () => {
        const sys = await loadFixture(ledgerFixture);
        await sys.asLedger.recordIssuance(sys.b2019, 5n * CREDIT);
        await sys.registry.connect(sys.verifier).suspendProject(sys.projectId, "audit");
        await expect(sys.asLedger.recordRetirement(sys.b2019, CREDIT))
          .to.emit(sys.registry, "RetirementRecorded")
          .withArgs(sys.b2019, CREDIT, CREDIT);
        await sys.registry.connect(sys.verifier).deactivateProject(sys.projectId, "closed");
        await expect(sys.asLedger.recordRetirement(sys.b2019, CREDIT))
          .to.emit(sys.registry, "RetirementRecorded")
          .withArgs(sys.b2019, CREDIT, 2n * CREDIT);
      });

      it("reverts RegistryZeroAmount for 0", async () => {
        const sys = await loadFixture(ledgerFixture);
        await sys.asLedger.recordIssuance(sys.b2019, CREDIT);
        await expect(sys.asLedger.recordRetirement(sys.b2019, 0n)).to.be.revertedWithCustomError(
          sys.registry,
          "RegistryZeroAmount",
        );
      });

      it("reverts RegistryUnknownBatch for ids 0 and count+1", async () => {
        const sys = await loadFixture(ledgerFixture);
        const next = (await sys.registry.batchCount()) + 1n;
        for (const id of [0n, next]) {
          await expect(sys.asLedger.recordRetirement(id, CREDIT))
            .to.be.revertedWithCustomError(sys.registry, "RegistryUnknownBatch")
            .withArgs(id);
        }
      });

      it("reverts RegistryExceedsMinted(batchId, requested, minted - retired)", async () => {
        const sys = await loadFixture(ledgerFixture);
        await expect(sys.asLedger.recordRetirement(sys.b2019, 1n))
          .to.be.revertedWithCustomError(sys.registry, "RegistryExceedsMinted")
          .withArgs(sys.b2019, 1n, 0n);
        await sys.asLedger.recordIssuance(sys.b2019, 5n * CREDIT);
        await sys.asLedger.recordRetirement(sys.b2019, 2n * CREDIT);
        await expect(sys.asLedger.recordRetirement(sys.b2019, 4n * CREDIT))
          .to.be.revertedWithCustomError(sys.registry, "RegistryExceedsMinted")
          .withArgs(sys.b2019, 4n * CREDIT, 3n * CREDIT);
        // Exactly the circulating amount is fine.
        await sys.asLedger.recordRetirement(sys.b2019, 3n * CREDIT);
        expect(await sys.registry.circulatingSupply(sys.b2019)).to.equal(0n);
      });
    });
  });

  // ─────────────────────────────────────────── views ───────────────────────────────────────────
  describe("views", () => {
    it("projectStatus returns None for unknown ids (0 and count+1) without reverting", async () => {
      const sys = await loadFixture(deploySystem);
      await registerProject(sys);
      expect(await sys.registry.projectStatus(0n)).to.equal(Status.None);
      expect(await sys.registry.projectStatus(2n)).to.equal(Status.None);
      expect(await sys.registry.projectStatus(1n)).to.equal(Status.Pending);
    });

    it("getProject and projectBatches revert RegistryUnknownProject for unknown ids", async () => {
      const sys = await loadFixture(deploySystem);
      await registerProject(sys);
      for (const id of [0n, 2n]) {
        await expect(sys.registry.getProject(id))
          .to.be.revertedWithCustomError(sys.registry, "RegistryUnknownProject")
          .withArgs(id);
        await expect(sys.registry.projectBatches(id))
          .to.be.revertedWithCustomError(sys.registry, "RegistryUnknownProject")
          .withArgs(id);
      }
    });

    it("getBatch and remainingSupply revert RegistryUnknownBatch for unknown ids; circulatingSupply is 0", async () => {
      const sys = await loadFixture(cursorFixture);
      const next = (await sys.registry.batchCount()) + 1n;
      for (const id of [0n, next]) {
        await expect(sys.registry.getBatch(id))
          .to.be.revertedWithCustomError(sys.registry, "RegistryUnknownBatch")
          .withArgs(id);
        await expect(sys.registry.remainingSupply(id))
          .to.be.revertedWithCustomError(sys.registry, "RegistryUnknownBatch")
          .withArgs(id);
        expect(await sys.registry.circulatingSupply(id)).to.equal(0n);
      }
    });

    it("projectBatchesSlice returns a window of projectBatches and the count; an unknown project reverts", async () => {
      const sys = await loadFixture(cursorFixture);
      const all = await sys.registry.projectBatches(sys.projectId);
      expect(all.length).to.equal(3);
      const slice = async (start: number, count: number | bigint) => {
        const [ids, total] = await sys.registry.projectBatchesSlice(sys.projectId, start, count);
        expect(total).to.equal(3n);
        return [...ids];
      };
      expect(await slice(0, 3)).to.deep.equal([...all]);
      expect(await slice(0, 1)).to.deep.equal([all[0]]);
      expect(await slice(1, 5)).to.deep.equal([all[1], all[2]]);
      expect(await slice(2, 0)).to.deep.equal([]);
      expect(await slice(3, 4)).to.deep.equal([]);
      expect(await slice(9, 4)).to.deep.equal([]);
      expect(await slice(1, ethers.MaxUint256)).to.deep.equal([all[1], all[2]]);
      const [, none] = await sys.registry.projectBatchesSlice(await registerProject(sys), 0, 4);
      expect(none).to.equal(0n);
      await expect(sys.registry.projectBatchesSlice(999n, 0, 1))
        .to.be.revertedWithCustomError(sys.registry, "RegistryUnknownProject")
        .withArgs(999n);
    });

    it("getBatches returns the batches in the order given, as getBatch does, and reverts on the first unknown id", async () => {
      const sys = await loadFixture(cursorFixture);
      const count = await sys.registry.batchCount();
      const ids = [count, 1n, count];
      const batches = await sys.registry.getBatches(ids);
      expect(batches.length).to.equal(3);
      for (const [i, id] of ids.entries()) expect(batches[i]).to.deep.equal(await sys.registry.getBatch(id));
      expect(await sys.registry.getBatches([])).to.deep.equal([]);
      await expect(sys.registry.getBatches([1n, count + 1n, 0n]))
        .to.be.revertedWithCustomError(sys.registry, "RegistryUnknownBatch")
        .withArgs(count + 1n);
    });

    it("remainingSupply and circulatingSupply follow real mints and retirements", async () => {
      const sys = await loadFixture(cursorFixture);
      await sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2020, 3n * CREDIT);
      expect(await sys.registry.remainingSupply(sys.b2020)).to.equal(2n * CREDIT);
      expect(await sys.registry.circulatingSupply(sys.b2020)).to.equal(3n * CREDIT);
      await sys.credits
        .connect(sys.alice)
        .retire(sys.alice.address, sys.b2020, CREDIT, retirementDetails(sys.alice.address));
      expect(await sys.registry.remainingSupply(sys.b2020)).to.equal(2n * CREDIT);
      expect(await sys.registry.circulatingSupply(sys.b2020)).to.equal(2n * CREDIT);
      const b = await sys.registry.getBatch(sys.b2020);
      expect([b.minted, b.retired, b.totalSupply]).to.deep.equal([3n * CREDIT, CREDIT, 5n * CREDIT]);
    });

    it("batchIdBySerial returns 0 for an unknown serial", async () => {
      const sys = await loadFixture(cursorFixture);
      expect(await sys.registry.batchIdBySerial("NO-SUCH-SERIAL")).to.equal(0n);
      expect(await sys.registry.batchIdBySerial("")).to.equal(0n);
    });

    it("projectCount and batchCount count every registration and batch system-wide", async () => {
      const sys = await loadFixture(deploySystem);
      expect(await sys.registry.projectCount()).to.equal(0n);
      expect(await sys.registry.batchCount()).to.equal(0n);
      const p1 = await registerProject(sys);
      const p2 = await registerProject(sys);
      await addBatch(sys, p1, batchInput(2020, CREDIT));
      await addBatch(sys, p2, batchInput(2020, CREDIT));
      await addBatch(sys, p1, batchInput(2021, CREDIT));
      expect(await sys.registry.projectCount()).to.equal(2n);
      expect(await sys.registry.batchCount()).to.equal(3n);
      expect(await sys.registry.projectBatches(p1)).to.deep.equal([1n, 3n]);
      expect(await sys.registry.projectBatches(p2)).to.deep.equal([2n]);
    });
  });

  describe("self-managed projects and the reserved OTPOOL- serial namespace", () => {
    it("registers a self-managed project owned by its registrant, whose batches only it adds", async () => {
      const sys = await loadFixture(deploySystem);
      const owner = sys.registrar; // a registrar standing in for a pool contract
      await expect(sys.registry.connect(owner).registerSelfManagedProject(projectInput(owner.address)))
        .to.emit(sys.registry, "ProjectRegistered")
        .withArgs(1n, owner.address, "Plant 1 solar, Andhra Pradesh", "VCS");
      expect(await sys.registry.isSelfManaged(1n)).to.equal(true);
      expect(await sys.registry.isSelfManaged(2n)).to.equal(false); // unknown
      expect((await sys.registry.getProject(1n)).status).to.equal(Status.Pending);
      const own = `OTPOOL-${owner.address.toLowerCase()}-7`;
      await sys.registry.connect(owner).addBatch(1n, { ...batchInput(2024, CREDIT), serial: own });
      expect(await sys.registry.batchIdBySerial(own)).to.equal(1n);
      // Another registrar can neither add a batch to it nor use its namespace elsewhere.
      await sys.registry.connect(sys.admin).grantRole(ROLES.REGISTRAR, sys.alice.address);
      await expect(sys.registry.connect(sys.alice).addBatch(1n, batchInput(2024, CREDIT)))
        .to.be.revertedWithCustomError(sys.registry, "RegistrySelfManagedProject")
        .withArgs(1n, owner.address, sys.alice.address);
      await sys.registry.connect(sys.alice).registerProject(projectInput(sys.alice.address));
      const squat = `OTPOOL-${owner.address.toLowerCase()}-8`;
      await expect(sys.registry.connect(sys.alice).addBatch(2n, { ...batchInput(2024, CREDIT), serial: squat }))
        .to.be.revertedWithCustomError(sys.registry, "RegistryReservedSerial")
        .withArgs(squat, sys.alice.address);
      // The owner itself cannot use the namespace on an ordinary project either, nor another owner's prefix.
      await sys.registry.connect(owner).registerProject(projectInput(owner.address));
      await expect(sys.registry.connect(owner).addBatch(3n, { ...batchInput(2024, CREDIT), serial: squat }))
        .to.be.revertedWithCustomError(sys.registry, "RegistryReservedSerial")
        .withArgs(squat, owner.address);
      const foreign = `OTPOOL-${sys.alice.address.toLowerCase()}-1`;
      await expect(sys.registry.connect(owner).addBatch(1n, { ...batchInput(2024, CREDIT), serial: foreign }))
        .to.be.revertedWithCustomError(sys.registry, "RegistryReservedSerial")
        .withArgs(foreign, owner.address);
      // Serials outside the namespace (shorter or different) are unaffected.
      await sys.registry.connect(sys.alice).addBatch(2n, { ...batchInput(2024, CREDIT), serial: "OTPOO" });
      await sys.registry.connect(sys.alice).addBatch(2n, { ...batchInput(2024, CREDIT), serial: "otpool-lowercase-is-another-serial" });
    });

    it("refuses a self-managed project owned by someone else (RegistryNotSelfOwned) and callers without REGISTRAR_ROLE", async () => {
      const sys = await loadFixture(deploySystem);
      await expect(sys.registry.connect(sys.registrar).registerSelfManagedProject(projectInput(sys.alice.address)))
        .to.be.revertedWithCustomError(sys.registry, "RegistryNotSelfOwned")
        .withArgs(sys.alice.address, sys.registrar.address);
      await expect(sys.registry.connect(sys.alice).registerSelfManagedProject(projectInput(sys.alice.address)))
        .to.be.revertedWithCustomError(sys.registry, "AccessControlUnauthorizedAccount")
        .withArgs(sys.alice.address, ROLES.REGISTRAR);
      expect(await sys.registry.projectCount()).to.equal(0n);
    });
  });
});
