import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { ContractTransactionResponse } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { AccessControlDefaultAdminRules__factory, type AccessControlDefaultAdminRules } from "../../typechain-types";
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
} from "../helpers/fixtures";

type RoleName = keyof typeof ROLES;

/** OZ AccessControlDefaultAdminRules: an increase of the delay takes effect after min(newDelay, 5 days). */
const DELAY_INCREASE_WAIT = 5n * 24n * 3600n;

/**
 * deploySystem plus: an approved project with batches 2020 (12 credits, alice holds 10 of them) and
 * 2021 (100 credits), a pending and a suspended project, and a second, still unbound registry (with
 * the same registrar and verifier) for the bindCredits row. Every privileged call in the matrix is valid for the right role in this
 * state, so a revert for the wrong caller can only come from the access check.
 */
async function matrixFixture() {
  const sys = await deploySystem();
  const {
    projectId: approvedId,
    batchIds: [batchId, nextBatchId],
  } = await approvedProjectWithBatches(sys, [
    [2020, 12n * CREDIT],
    [2021, 100n * CREDIT],
  ]);
  const pendingId = await registerProject(sys);
  const suspendedId = await registerProject(sys);
  await sys.registry.connect(sys.verifier).approveProject(suspendedId);
  await sys.registry.connect(sys.verifier).suspendProject(suspendedId, "audit");

  const unbound = await ethers.deployContract("ProjectRegistry", [sys.admin.address, ADMIN_DELAY]);
  await unbound.connect(sys.admin).grantRole(ROLES.REGISTRAR, sys.registrar.address);
  await unbound.connect(sys.admin).grantRole(ROLES.VERIFIER, sys.verifier.address);

  await sys.credits.connect(sys.issuer).mint(sys.alice.address, batchId, 10n * CREDIT);

  const registryAcl = AccessControlDefaultAdminRules__factory.connect(await sys.registry.getAddress(), ethers.provider);
  const creditsAcl = AccessControlDefaultAdminRules__factory.connect(await sys.credits.getAddress(), ethers.provider);
  return { ...sys, approvedId, pendingId, suspendedId, batchId, nextBatchId, unbound, registryAcl, creditsAcl };
}
type Ctx = Awaited<ReturnType<typeof matrixFixture>>;

/** Every account that holds a role after deploySystem, and the one role it holds. */
const HOLDERS: Array<{ label: string; role: RoleName; signer: (c: Ctx) => HardhatEthersSigner }> = [
  { label: "admin", role: "DEFAULT_ADMIN", signer: (c) => c.admin },
  { label: "registrar", role: "REGISTRAR", signer: (c) => c.registrar },
  { label: "verifier", role: "VERIFIER", signer: (c) => c.verifier },
  { label: "issuer", role: "ISSUER", signer: (c) => c.issuer },
  { label: "pauser", role: "PAUSER", signer: (c) => c.pauser },
  { label: "metadata", role: "METADATA", signer: (c) => c.metadata },
];

/** Timestamp of the block that mined `tx`. */
async function minedAt(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  const block = await ethers.provider.getBlock(receipt!.blockNumber);
  return BigInt(block!.timestamp);
}

const holderOf = (role: RoleName) => HOLDERS.find((h) => h.role === role)!;

/** One row of the matrix: a privileged function, the role it needs and its success check. */
interface Row {
  fn: string;
  role: RoleName;
  /** The contract that enforces the role (and whose ABI has AccessControlUnauthorizedAccount). */
  target: (c: Ctx) => AccessControlDefaultAdminRules;
  /** State the call needs (run before both the negative and the positive cases). */
  prepare?: (c: Ctx) => Promise<unknown>;
  call: (c: Ctx, who: HardhatEthersSigner) => Promise<ContractTransactionResponse>;
  /** Asserts the event(s) and the state after a call by the right role holder. */
  succeeds: (c: Ctx, tx: Promise<ContractTransactionResponse>) => Promise<void>;
}

const NEW_BATCH = batchInput(2021, 5n * CREDIT, { serial: "MATRIX-BATCH-2021" });
const NEW_PROJECT_NAME = "Matrix project";

const REGISTRY_ROWS: Row[] = [
  {
    fn: "ProjectRegistry.registerProject",
    role: "REGISTRAR",
    target: (c) => c.registryAcl,
    call: (c, who) => c.registry.connect(who).registerProject(projectInput(c.bob.address, { name: NEW_PROJECT_NAME })),
    succeeds: async (c, tx) => {
      // The transaction is already on its way: read the count after it is mined (the new id is the
      // last one), never before — a read racing the send could see either count.
      await (await tx).wait();
      const id = await c.registry.projectCount();
      await expect(tx).to.emit(c.registry, "ProjectRegistered").withArgs(id, c.bob.address, NEW_PROJECT_NAME, "VCS");
      expect((await c.registry.getProject(id)).owner).to.equal(c.bob.address);
    },
  },
  {
    fn: "ProjectRegistry.addBatch",
    role: "REGISTRAR",
    target: (c) => c.registryAcl,
    call: (c, who) => c.registry.connect(who).addBatch(c.pendingId, NEW_BATCH),
    succeeds: async (c, tx) => {
      await (await tx).wait(); // then read the count: the new batch is the last one (see registerProject)
      const id = await c.registry.batchCount();
      await expect(tx)
        .to.emit(c.registry, "BatchAdded")
        .withArgs(id, c.pendingId, NEW_BATCH.serial, NEW_BATCH.vintage, NEW_BATCH.totalSupply, 0n);
      expect(await c.registry.projectBatches(c.pendingId)).to.deep.equal([id]);
    },
  },
  {
    fn: "ProjectRegistry.setProjectURI",
    role: "REGISTRAR",
    target: (c) => c.registryAcl,
    call: (c, who) => c.registry.connect(who).setProjectURI(c.approvedId, "ipfs://matrix"),
    succeeds: async (c, tx) => {
      await expect(tx).to.emit(c.registry, "ProjectURIUpdated").withArgs(c.approvedId, "ipfs://matrix");
      expect((await c.registry.getProject(c.approvedId)).uri).to.equal("ipfs://matrix");
    },
  },
  {
    fn: "ProjectRegistry.approveProject",
    role: "VERIFIER",
    target: (c) => c.registryAcl,
    call: (c, who) => c.registry.connect(who).approveProject(c.pendingId),
    succeeds: async (c, tx) => {
      await expect(tx)
        .to.emit(c.registry, "ProjectStatusChanged")
        .withArgs(c.pendingId, Status.Pending, Status.Approved, "");
      expect(await c.registry.projectStatus(c.pendingId)).to.equal(Status.Approved);
    },
  },
  {
    fn: "ProjectRegistry.rejectProject",
    role: "VERIFIER",
    target: (c) => c.registryAcl,
    call: (c, who) => c.registry.connect(who).rejectProject(c.pendingId, "matrix"),
    succeeds: async (c, tx) => {
      await expect(tx)
        .to.emit(c.registry, "ProjectStatusChanged")
        .withArgs(c.pendingId, Status.Pending, Status.Rejected, "matrix");
      expect(await c.registry.projectStatus(c.pendingId)).to.equal(Status.Rejected);
    },
  },
  {
    fn: "ProjectRegistry.suspendProject",
    role: "VERIFIER",
    target: (c) => c.registryAcl,
    call: (c, who) => c.registry.connect(who).suspendProject(c.approvedId, "matrix"),
    succeeds: async (c, tx) => {
      await expect(tx)
        .to.emit(c.registry, "ProjectStatusChanged")
        .withArgs(c.approvedId, Status.Approved, Status.Suspended, "matrix");
      expect(await c.registry.projectStatus(c.approvedId)).to.equal(Status.Suspended);
    },
  },
  {
    fn: "ProjectRegistry.reinstateProject",
    role: "VERIFIER",
    target: (c) => c.registryAcl,
    call: (c, who) => c.registry.connect(who).reinstateProject(c.suspendedId),
    succeeds: async (c, tx) => {
      await expect(tx)
        .to.emit(c.registry, "ProjectStatusChanged")
        .withArgs(c.suspendedId, Status.Suspended, Status.Approved, "");
      expect(await c.registry.projectStatus(c.suspendedId)).to.equal(Status.Approved);
    },
  },
  {
    fn: "ProjectRegistry.deactivateProject",
    role: "VERIFIER",
    target: (c) => c.registryAcl,
    call: (c, who) => c.registry.connect(who).deactivateProject(c.approvedId, "matrix"),
    succeeds: async (c, tx) => {
      await expect(tx)
        .to.emit(c.registry, "ProjectStatusChanged")
        .withArgs(c.approvedId, Status.Approved, Status.Deactivated, "matrix");
      expect(await c.registry.projectStatus(c.approvedId)).to.equal(Status.Deactivated);
    },
  },
  {
    fn: "ProjectRegistry.bindCredits (unbound registry)",
    role: "DEFAULT_ADMIN",
    target: (c) => AccessControlDefaultAdminRules__factory.connect(c.unbound.target as string, ethers.provider),
    call: async (c, who) => c.unbound.connect(who).bindCredits(await c.credits.getAddress()),
    succeeds: async (c, tx) => {
      const credits = await c.credits.getAddress();
      await expect(tx).to.emit(c.unbound, "CreditsBound").withArgs(credits);
      expect(await c.unbound.credits()).to.equal(credits);
    },
  },
];

const CREDITS_ROWS: Row[] = [
  {
    fn: "CarbonCredits.mint",
    role: "ISSUER",
    target: (c) => c.creditsAcl,
    call: (c, who) => c.credits.connect(who).mint(c.bob.address, c.batchId, CREDIT),
    succeeds: async (c, tx) => {
      await expect(tx)
        .to.emit(c.credits, "TransferSingle")
        .withArgs(c.issuer.address, ethers.ZeroAddress, c.bob.address, c.batchId, CREDIT);
      expect(await c.credits.balanceOf(c.bob.address, c.batchId)).to.equal(CREDIT);
    },
  },
  {
    fn: "CarbonCredits.mintProject",
    role: "ISSUER",
    target: (c) => c.creditsAcl,
    // 3 credits: the last 2 of 2020, then 1 of 2021.
    call: (c, who) => c.credits.connect(who).mintProject(c.bob.address, c.approvedId, 3n * CREDIT),
    succeeds: async (c, tx) => {
      await expect(tx)
        .to.emit(c.credits, "TransferBatch")
        .withArgs(c.issuer.address, ethers.ZeroAddress, c.bob.address, [c.batchId, c.nextBatchId], [2n * CREDIT, CREDIT]);
      expect(await c.credits.balanceOf(c.bob.address, c.batchId)).to.equal(2n * CREDIT);
      expect(await c.credits.balanceOf(c.bob.address, c.nextBatchId)).to.equal(CREDIT);
    },
  },
  {
    fn: "CarbonCredits.setBatchURI",
    role: "METADATA",
    target: (c) => c.creditsAcl,
    call: (c, who) => c.credits.connect(who).setBatchURI(c.batchId, "batch-2020.json"),
    succeeds: async (c, tx) => {
      // No base URI is set, so the batch's URI is its own URI as given.
      await expect(tx).to.emit(c.credits, "URI").withArgs("batch-2020.json", c.batchId);
      expect(await c.credits.uri(c.batchId)).to.equal("batch-2020.json");
    },
  },
  {
    fn: "CarbonCredits.setBaseURI",
    role: "METADATA",
    target: (c) => c.creditsAcl,
    prepare: (c) => c.credits.connect(c.metadata).setBatchURI(c.batchId, "batch-2020.json"),
    call: (c, who) => c.credits.connect(who).setBaseURI("ipfs://base/"),
    succeeds: async (c, tx) => {
      await expect(tx).to.emit(c.credits, "BaseURIUpdated").withArgs("ipfs://base/");
      expect(await c.credits.uri(c.batchId)).to.equal("ipfs://base/batch-2020.json");
    },
  },
  {
    fn: "CarbonCredits.setDefaultURI",
    role: "METADATA",
    target: (c) => c.creditsAcl,
    call: (c, who) => c.credits.connect(who).setDefaultURI("https://new.example/{id}.json"),
    succeeds: async (c, tx) => {
      await expect(tx).to.emit(c.credits, "DefaultURIUpdated").withArgs("https://new.example/{id}.json");
      expect(await c.credits.uri(c.batchId)).to.equal("https://new.example/{id}.json");
    },
  },
  {
    fn: "CarbonCredits.pause",
    role: "PAUSER",
    target: (c) => c.creditsAcl,
    call: (c, who) => c.credits.connect(who).pause(),
    succeeds: async (c, tx) => {
      await expect(tx).to.emit(c.credits, "Paused").withArgs(c.pauser.address);
      expect(await c.credits.paused()).to.equal(true);
    },
  },
  {
    fn: "CarbonCredits.unpause",
    role: "PAUSER",
    target: (c) => c.creditsAcl,
    prepare: (c) => c.credits.connect(c.pauser).pause(),
    call: (c, who) => c.credits.connect(who).unpause(),
    succeeds: async (c, tx) => {
      await expect(tx).to.emit(c.credits, "Unpaused").withArgs(c.pauser.address);
      expect(await c.credits.paused()).to.equal(false);
    },
  },
];

/** The DEFAULT_ADMIN_ROLE-only functions every AccessControlDefaultAdminRules contract has. */
function adminRows(
  contract: string,
  acl: (c: Ctx) => AccessControlDefaultAdminRules,
  narrowRole: RoleName,
  narrowHolder: (c: Ctx) => HardhatEthersSigner,
): Row[] {
  return [
    {
      fn: `${contract}.grantRole(${narrowRole}_ROLE)`,
      role: "DEFAULT_ADMIN",
      target: acl,
      call: (c, who) => acl(c).connect(who).grantRole(ROLES[narrowRole], c.bob.address),
      succeeds: async (c, tx) => {
        await expect(tx).to.emit(acl(c), "RoleGranted").withArgs(ROLES[narrowRole], c.bob.address, c.admin.address);
        expect(await acl(c).hasRole(ROLES[narrowRole], c.bob.address)).to.equal(true);
      },
    },
    {
      fn: `${contract}.revokeRole(${narrowRole}_ROLE)`,
      role: "DEFAULT_ADMIN",
      target: acl,
      call: (c, who) => acl(c).connect(who).revokeRole(ROLES[narrowRole], narrowHolder(c).address),
      succeeds: async (c, tx) => {
        const holder = narrowHolder(c).address;
        await expect(tx).to.emit(acl(c), "RoleRevoked").withArgs(ROLES[narrowRole], holder, c.admin.address);
        expect(await acl(c).hasRole(ROLES[narrowRole], holder)).to.equal(false);
      },
    },
    {
      fn: `${contract}.beginDefaultAdminTransfer`,
      role: "DEFAULT_ADMIN",
      target: acl,
      call: (c, who) => acl(c).connect(who).beginDefaultAdminTransfer(c.bob.address),
      succeeds: async (c, tx) => {
        const schedule = (await minedAt(tx)) + ADMIN_DELAY;
        await expect(tx).to.emit(acl(c), "DefaultAdminTransferScheduled").withArgs(c.bob.address, schedule);
        const [pending, at] = await acl(c).pendingDefaultAdmin();
        expect([pending, at]).to.deep.equal([c.bob.address, schedule]);
      },
    },
    {
      fn: `${contract}.cancelDefaultAdminTransfer`,
      role: "DEFAULT_ADMIN",
      target: acl,
      prepare: (c) => acl(c).connect(c.admin).beginDefaultAdminTransfer(c.bob.address),
      call: (c, who) => acl(c).connect(who).cancelDefaultAdminTransfer(),
      succeeds: async (c, tx) => {
        await expect(tx).to.emit(acl(c), "DefaultAdminTransferCanceled");
        const [pending, at] = await acl(c).pendingDefaultAdmin();
        expect([pending, at]).to.deep.equal([ethers.ZeroAddress, 0n]);
      },
    },
    {
      fn: `${contract}.changeDefaultAdminDelay`,
      role: "DEFAULT_ADMIN",
      target: acl,
      call: (c, who) => acl(c).connect(who).changeDefaultAdminDelay(2n * ADMIN_DELAY),
      succeeds: async (c, tx) => {
        // An increase takes effect after min(newDelay, 5 days) = 5 days.
        const effect = (await minedAt(tx)) + DELAY_INCREASE_WAIT;
        await expect(tx).to.emit(acl(c), "DefaultAdminDelayChangeScheduled").withArgs(2n * ADMIN_DELAY, effect);
        const [newDelay, at] = await acl(c).pendingDefaultAdminDelay();
        expect([newDelay, at]).to.deep.equal([2n * ADMIN_DELAY, effect]);
        expect(await acl(c).defaultAdminDelay()).to.equal(ADMIN_DELAY);
      },
    },
    {
      fn: `${contract}.rollbackDefaultAdminDelay`,
      role: "DEFAULT_ADMIN",
      target: acl,
      prepare: (c) => acl(c).connect(c.admin).changeDefaultAdminDelay(2n * ADMIN_DELAY),
      call: (c, who) => acl(c).connect(who).rollbackDefaultAdminDelay(),
      succeeds: async (c, tx) => {
        await expect(tx).to.emit(acl(c), "DefaultAdminDelayChangeCanceled");
        const [newDelay, at] = await acl(c).pendingDefaultAdminDelay();
        expect([newDelay, at]).to.deep.equal([0n, 0n]);
      },
    },
  ];
}

const ROWS: Row[] = [
  ...REGISTRY_ROWS,
  ...adminRows("ProjectRegistry", (c) => c.registryAcl, "VERIFIER", (c) => c.verifier),
  ...CREDITS_ROWS,
  ...adminRows("CarbonCredits", (c) => c.creditsAcl, "ISSUER", (c) => c.issuer),
];

describe("Access-control matrix", () => {
  it("the fixture hands each narrow role to its own account only", async () => {
    const c = await loadFixture(matrixFixture);
    const registryRoles: RoleName[] = ["DEFAULT_ADMIN", "REGISTRAR", "VERIFIER"];
    const creditsRoles: RoleName[] = ["DEFAULT_ADMIN", "ISSUER", "METADATA", "PAUSER"];
    for (const h of [...HOLDERS, { label: "outsider", role: undefined, signer: (x: Ctx) => x.outsider }]) {
      const who = h.signer(c).address;
      for (const role of registryRoles) {
        expect(await c.registry.hasRole(ROLES[role], who), `registry ${role} of ${h.label}`).to.equal(role === h.role);
      }
      for (const role of creditsRoles) {
        expect(await c.credits.hasRole(ROLES[role], who), `credits ${role} of ${h.label}`).to.equal(role === h.role);
      }
    }
  });

  for (const row of ROWS) {
    describe(row.fn, () => {
      const right = holderOf(row.role);
      const wrongCallers = [
        ...HOLDERS.filter((h) => h.role !== row.role),
        { label: "outsider", role: undefined, signer: (c: Ctx) => c.outsider },
      ];

      for (const caller of wrongCallers) {
        it(`reverts AccessControlUnauthorizedAccount(${caller.label}, ${row.role}_ROLE) for the ${caller.label}`, async () => {
          const c = await loadFixture(matrixFixture);
          if (row.prepare) await row.prepare(c);
          const who = caller.signer(c);
          const target = row.target(c);
          expect(await target.hasRole(ROLES[row.role], who.address)).to.equal(false);
          await expect(row.call(c, who))
            .to.be.revertedWithCustomError(target, "AccessControlUnauthorizedAccount")
            .withArgs(who.address, ROLES[row.role]);
        });
      }

      it(`succeeds for the ${right.label} (${row.role}_ROLE)`, async () => {
        const c = await loadFixture(matrixFixture);
        if (row.prepare) await row.prepare(c);
        const who = right.signer(c);
        expect(await row.target(c).hasRole(ROLES[row.role], who.address)).to.equal(true);
        await row.succeeds(c, row.call(c, who));
      });
    });
  }

  // ───────────────────────────── DEFAULT_ADMIN_ROLE transfer delay ─────────────────────────────
  const CONTRACTS: Array<[name: string, acl: (c: Ctx) => AccessControlDefaultAdminRules]> = [
    ["ProjectRegistry", (c) => c.registryAcl],
    ["CarbonCredits", (c) => c.creditsAcl],
  ];

  for (const [name, acl] of CONTRACTS) {
    describe(`${name}: DEFAULT_ADMIN_ROLE transfer takes ADMIN_DELAY`, () => {
      /** admin begins a transfer to bob; returns the accept schedule (begin block time + delay). */
      async function begin(c: Ctx): Promise<bigint> {
        const schedule = (await minedAt(acl(c).connect(c.admin).beginDefaultAdminTransfer(c.bob.address))) + ADMIN_DELAY;
        const [pending, at] = await acl(c).pendingDefaultAdmin();
        expect([pending, at]).to.deep.equal([c.bob.address, schedule]);
        return schedule;
      }

      it("acceptDefaultAdminTransfer before the delay reverts AccessControlEnforcedDefaultAdminDelay(schedule)", async () => {
        const c = await loadFixture(matrixFixture);
        const schedule = await begin(c);
        await expect(acl(c).connect(c.bob).acceptDefaultAdminTransfer())
          .to.be.revertedWithCustomError(acl(c), "AccessControlEnforcedDefaultAdminDelay")
          .withArgs(schedule);
        expect(await acl(c).defaultAdmin()).to.equal(c.admin.address);
      });

      it("still reverts in the block at exactly the schedule (it must have passed)", async () => {
        const c = await loadFixture(matrixFixture);
        const schedule = await begin(c);
        await time.setNextBlockTimestamp(schedule);
        await expect(acl(c).connect(c.bob).acceptDefaultAdminTransfer())
          .to.be.revertedWithCustomError(acl(c), "AccessControlEnforcedDefaultAdminDelay")
          .withArgs(schedule);
        expect(await acl(c).hasRole(ROLES.DEFAULT_ADMIN, c.bob.address)).to.equal(false);
      });

      it("after time.increase(ADMIN_DELAY) the new admin accepts and the old admin loses the role", async () => {
        const c = await loadFixture(matrixFixture);
        await begin(c);
        await time.increase(ADMIN_DELAY);
        const tx = acl(c).connect(c.bob).acceptDefaultAdminTransfer();
        await expect(tx).to.emit(acl(c), "RoleRevoked").withArgs(ROLES.DEFAULT_ADMIN, c.admin.address, c.bob.address);
        await expect(tx).to.emit(acl(c), "RoleGranted").withArgs(ROLES.DEFAULT_ADMIN, c.bob.address, c.bob.address);
        expect(await acl(c).defaultAdmin()).to.equal(c.bob.address);
        expect(await acl(c).hasRole(ROLES.DEFAULT_ADMIN, c.bob.address)).to.equal(true);
        expect(await acl(c).hasRole(ROLES.DEFAULT_ADMIN, c.admin.address)).to.equal(false);
        // The old admin can no longer grant roles; the new one can.
        await expect(acl(c).connect(c.admin).grantRole(ROLES.PAUSER, c.carol.address))
          .to.be.revertedWithCustomError(acl(c), "AccessControlUnauthorizedAccount")
          .withArgs(c.admin.address, ROLES.DEFAULT_ADMIN);
        await expect(acl(c).connect(c.bob).grantRole(ROLES.PAUSER, c.carol.address))
          .to.emit(acl(c), "RoleGranted")
          .withArgs(ROLES.PAUSER, c.carol.address, c.bob.address);
      });

      it("only the pending admin can accept (AccessControlInvalidDefaultAdmin)", async () => {
        const c = await loadFixture(matrixFixture);
        await begin(c);
        await time.increase(ADMIN_DELAY);
        for (const who of [c.outsider, c.admin]) {
          await expect(acl(c).connect(who).acceptDefaultAdminTransfer())
            .to.be.revertedWithCustomError(acl(c), "AccessControlInvalidDefaultAdmin")
            .withArgs(who.address);
        }
      });

      it("DEFAULT_ADMIN_ROLE cannot be granted or revoked directly (AccessControlEnforcedDefaultAdminRules)", async () => {
        const c = await loadFixture(matrixFixture);
        await expect(acl(c).connect(c.admin).grantRole(ROLES.DEFAULT_ADMIN, c.bob.address)).to.be.revertedWithCustomError(
          acl(c),
          "AccessControlEnforcedDefaultAdminRules",
        );
        await expect(acl(c).connect(c.admin).revokeRole(ROLES.DEFAULT_ADMIN, c.admin.address)).to.be.revertedWithCustomError(
          acl(c),
          "AccessControlEnforcedDefaultAdminRules",
        );
        expect(await acl(c).hasRole(ROLES.DEFAULT_ADMIN, c.bob.address)).to.equal(false);
        expect(await acl(c).defaultAdmin()).to.equal(c.admin.address);
      });
    });
  }

  // ─────────────────────────────── no role can move a holder's credits ───────────────────────────────
  describe("no role can move a holder's credits", () => {
    for (const holder of HOLDERS) {
      it(`the ${holder.label} cannot transfer or retire alice's credits (ERC1155MissingApprovalForAll)`, async () => {
        const c = await loadFixture(matrixFixture);
        const op = holder.signer(c);
        const credits = c.credits.connect(op);
        const details = retirementDetails(op.address);
        const before = await c.credits.balanceOf(c.alice.address, c.batchId);
        expect(before).to.equal(10n * CREDIT);

        await expect(credits.safeTransferFrom(c.alice.address, op.address, c.batchId, CREDIT, "0x"))
          .to.be.revertedWithCustomError(c.credits, "ERC1155MissingApprovalForAll")
          .withArgs(op.address, c.alice.address);
        await expect(credits.safeBatchTransferFrom(c.alice.address, op.address, [c.batchId], [CREDIT], "0x"))
          .to.be.revertedWithCustomError(c.credits, "ERC1155MissingApprovalForAll")
          .withArgs(op.address, c.alice.address);
        await expect(credits.retire(c.alice.address, c.batchId, CREDIT, details))
          .to.be.revertedWithCustomError(c.credits, "ERC1155MissingApprovalForAll")
          .withArgs(op.address, c.alice.address);
        await expect(credits.retireProject(c.alice.address, c.approvedId, CREDIT, details))
          .to.be.revertedWithCustomError(c.credits, "ERC1155MissingApprovalForAll")
          .withArgs(op.address, c.alice.address);

        expect(await c.credits.balanceOf(c.alice.address, c.batchId)).to.equal(before);
        expect(await c.credits.balanceOf(op.address, c.batchId)).to.equal(0n);
        expect(await c.credits.retirementCount()).to.equal(0n);
      });
    }

    it("only alice's own setApprovalForAll lets another account move them (control case)", async () => {
      const c = await loadFixture(matrixFixture);
      await c.credits.connect(c.alice).setApprovalForAll(c.bob.address, true);
      await expect(c.credits.connect(c.bob).safeTransferFrom(c.alice.address, c.bob.address, c.batchId, CREDIT, "0x"))
        .to.emit(c.credits, "TransferSingle")
        .withArgs(c.bob.address, c.alice.address, c.bob.address, c.batchId, CREDIT);
      expect(await c.credits.balanceOf(c.alice.address, c.batchId)).to.equal(9n * CREDIT);
      expect(await c.credits.balanceOf(c.bob.address, c.batchId)).to.equal(CREDIT);
    });
  });
});
