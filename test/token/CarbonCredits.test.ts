import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  ADMIN_DELAY,
  CREDIT,
  DEFAULT_URI,
  Status,
  approvedProjectWithBatches,
  batchInput,
  deploySystem,
  registerProject,
  retirementDetails,
  type System,
} from "../helpers/fixtures";

/** A system with one approved project holding vintages 2019, 2020, 2021 of 10 credits each. */
async function threeVintages() {
  const sys = await deploySystem();
  // Added out of order on purpose: the registry keeps them in vintage order.
  const { projectId, batchIds } = await approvedProjectWithBatches(sys, [
    [2021, 10n * CREDIT],
    [2019, 10n * CREDIT],
    [2020, 10n * CREDIT],
  ]);
  const [b2021, b2019, b2020] = batchIds;
  return { ...sys, projectId, b2019, b2020, b2021 };
}

async function batchOf(sys: System, batchId: bigint) {
  const b = await sys.registry.getBatch(batchId);
  return { minted: b.minted, retired: b.retired, totalSupply: b.totalSupply };
}

describe("CarbonCredits", () => {
  describe("constructor", () => {
    it("stores the registry, default URI and admin with its transfer delay", async () => {
      const sys = await loadFixture(deploySystem);
      expect(await sys.credits.registry()).to.equal(await sys.registry.getAddress());
      expect(await sys.credits.uri(7)).to.equal(DEFAULT_URI);
      expect(await sys.credits.hasRole(ethers.ZeroHash, sys.admin.address)).to.equal(true);
      expect(await sys.credits.defaultAdminDelay()).to.equal(ADMIN_DELAY);
      expect(await sys.credits.retirementCount()).to.equal(0n);
    });

    it("rejects a zero registry with CarbonCreditsInvalidRegistry", async () => {
      const [admin] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("CarbonCredits");
      await expect(factory.deploy(admin.address, ADMIN_DELAY, ethers.ZeroAddress, DEFAULT_URI))
        .to.be.revertedWithCustomError(factory, "CarbonCreditsInvalidRegistry")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("mint (batch level)", () => {
    it("mints to the holder, records issuance in the registry and emits TransferSingle", async () => {
      const sys = await loadFixture(threeVintages);
      const tx = sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2020, 3n * CREDIT);
      await expect(tx)
        .to.emit(sys.credits, "TransferSingle")
        .withArgs(sys.issuer.address, ethers.ZeroAddress, sys.alice.address, sys.b2020, 3n * CREDIT);
      await expect(tx).to.emit(sys.registry, "IssuanceRecorded").withArgs(sys.b2020, 3n * CREDIT, 3n * CREDIT);
      expect(await sys.credits.balanceOf(sys.alice.address, sys.b2020)).to.equal(3n * CREDIT);
      expect(await batchOf(sys, sys.b2020)).to.deep.equal({ minted: 3n * CREDIT, retired: 0n, totalSupply: 10n * CREDIT });
      expect(await sys.credits.totalSupply(sys.b2020)).to.equal(3n * CREDIT);
    });

    it("mints exactly up to the batch's total supply and not one unit more", async () => {
      const sys = await loadFixture(threeVintages);
      await sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2019, 10n * CREDIT);
      expect(await sys.registry.remainingSupply(sys.b2019)).to.equal(0n);
      await expect(sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2019, 1n))
        .to.be.revertedWithCustomError(sys.registry, "RegistryExceedsBatchSupply")
        .withArgs(sys.b2019, 1n, 0n);
    });

    it("rejects a zero amount with CarbonCreditsZeroAmount", async () => {
      const sys = await loadFixture(threeVintages);
      await expect(sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2019, 0)).to.be.revertedWithCustomError(
        sys.credits,
        "CarbonCreditsZeroAmount",
      );
    });

    it("rejects an unknown batch with RegistryUnknownBatch", async () => {
      const sys = await loadFixture(threeVintages);
      await expect(sys.credits.connect(sys.issuer).mint(sys.alice.address, 99, CREDIT))
        .to.be.revertedWithCustomError(sys.registry, "RegistryUnknownBatch")
        .withArgs(99);
    });

    it("rejects the zero address as recipient with ERC1155InvalidReceiver and records nothing", async () => {
      const sys = await loadFixture(threeVintages);
      await expect(sys.credits.connect(sys.issuer).mint(ethers.ZeroAddress, sys.b2019, CREDIT))
        .to.be.revertedWithCustomError(sys.credits, "ERC1155InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
      expect((await batchOf(sys, sys.b2019)).minted).to.equal(0n);
    });

    for (const [label, act] of [
      ["pending", async () => undefined],
      ["rejected", async (s: System, id: bigint) => s.registry.connect(s.verifier).rejectProject(id, "no additionality")],
    ] as const) {
      it(`refuses to mint into a ${label} project (seed 003, property 7)`, async () => {
        const sys = await loadFixture(deploySystem);
        const projectId = await registerProject(sys);
        await sys.registry.connect(sys.registrar).addBatch(projectId, batchInput(2020, 10n * CREDIT));
        await act(sys, projectId);
        const status = await sys.registry.projectStatus(projectId);
        await expect(sys.credits.connect(sys.issuer).mint(sys.alice.address, 1, CREDIT))
          .to.be.revertedWithCustomError(sys.registry, "RegistryProjectNotApproved")
          .withArgs(projectId, status);
      });
    }

    it("refuses to mint into a suspended or deactivated project, and mints again once reinstated", async () => {
      const sys = await loadFixture(threeVintages);
      await sys.registry.connect(sys.verifier).suspendProject(sys.projectId, "audit");
      await expect(sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2019, CREDIT))
        .to.be.revertedWithCustomError(sys.registry, "RegistryProjectNotApproved")
        .withArgs(sys.projectId, Status.Suspended);
      await sys.registry.connect(sys.verifier).reinstateProject(sys.projectId);
      await sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2019, CREDIT);
      await sys.registry.connect(sys.verifier).deactivateProject(sys.projectId, "closed");
      await expect(sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2019, CREDIT))
        .to.be.revertedWithCustomError(sys.registry, "RegistryProjectNotApproved")
        .withArgs(sys.projectId, Status.Deactivated);
      expect(await sys.credits.balanceOf(sys.alice.address, sys.b2019)).to.equal(CREDIT);
    });

    it("fails with RegistryUnauthorizedLedger when the registry is bound to another token", async () => {
      const sys = await loadFixture(threeVintages);
      const stray = await ethers.deployContract("CarbonCredits", [
        sys.admin.address,
        ADMIN_DELAY,
        await sys.registry.getAddress(),
        DEFAULT_URI,
      ]);
      await stray.connect(sys.admin).grantRole(await stray.ISSUER_ROLE(), sys.issuer.address);
      await expect(stray.connect(sys.issuer).mint(sys.alice.address, sys.b2019, CREDIT))
        .to.be.revertedWithCustomError(sys.registry, "RegistryUnauthorizedLedger")
        .withArgs(await stray.getAddress());
    });
  });

  describe("mintProject (oldest vintage first, seed 001)", () => {
    it("fills the oldest vintage first and spills into the next ones", async () => {
      const sys = await loadFixture(threeVintages);
      const amount = 25n * CREDIT;
      const result = await sys.credits.connect(sys.issuer).mintProject.staticCall(sys.alice.address, sys.projectId, amount);
      expect(result.batchIds).to.deep.equal([sys.b2019, sys.b2020, sys.b2021]);
      expect(result.amounts).to.deep.equal([10n * CREDIT, 10n * CREDIT, 5n * CREDIT]);

      await expect(sys.credits.connect(sys.issuer).mintProject(sys.alice.address, sys.projectId, amount))
        .to.emit(sys.credits, "TransferBatch")
        .withArgs(
          sys.issuer.address,
          ethers.ZeroAddress,
          sys.alice.address,
          [sys.b2019, sys.b2020, sys.b2021],
          [10n * CREDIT, 10n * CREDIT, 5n * CREDIT],
        );
      expect(
        await sys.credits.balanceOfBatch(Array(3).fill(sys.alice.address), [sys.b2019, sys.b2020, sys.b2021]),
      ).to.deep.equal([10n * CREDIT, 10n * CREDIT, 5n * CREDIT]);
      expect((await sys.registry.getProject(sys.projectId)).issuanceCursor).to.equal(2n);
    });

    it("skips batches already exhausted by batch-level mints ahead of the cursor", async () => {
      const sys = await loadFixture(threeVintages);
      await sys.credits.connect(sys.issuer).mint(sys.bob.address, sys.b2020, 10n * CREDIT);
      await sys.credits.connect(sys.issuer).mintProject(sys.alice.address, sys.projectId, 12n * CREDIT);
      expect(
        await sys.credits.balanceOfBatch(Array(3).fill(sys.alice.address), [sys.b2019, sys.b2020, sys.b2021]),
      ).to.deep.equal([10n * CREDIT, 0n, 2n * CREDIT]);
      // 2019 and 2020 are both exhausted: the cursor skips both.
      expect((await sys.registry.getProject(sys.projectId)).issuanceCursor).to.equal(2n);
    });

    it("mints a single batch with TransferSingle when the oldest vintage covers the amount", async () => {
      const sys = await loadFixture(threeVintages);
      await expect(sys.credits.connect(sys.issuer).mintProject(sys.alice.address, sys.projectId, CREDIT))
        .to.emit(sys.credits, "TransferSingle")
        .withArgs(sys.issuer.address, ethers.ZeroAddress, sys.alice.address, sys.b2019, CREDIT);
    });

    it("reverts with RegistryExceedsProjectSupply naming what is left, and mints nothing", async () => {
      const sys = await loadFixture(threeVintages);
      await sys.credits.connect(sys.issuer).mint(sys.bob.address, sys.b2021, 4n * CREDIT);
      await expect(sys.credits.connect(sys.issuer).mintProject(sys.alice.address, sys.projectId, 27n * CREDIT))
        .to.be.revertedWithCustomError(sys.registry, "RegistryExceedsProjectSupply")
        .withArgs(sys.projectId, 27n * CREDIT, 26n * CREDIT);
      expect((await batchOf(sys, sys.b2019)).minted).to.equal(0n);
    });

    it("rejects zero amounts, unknown projects and unapproved projects", async () => {
      const sys = await loadFixture(threeVintages);
      await expect(
        sys.credits.connect(sys.issuer).mintProject(sys.alice.address, sys.projectId, 0),
      ).to.be.revertedWithCustomError(sys.credits, "CarbonCreditsZeroAmount");
      await expect(sys.credits.connect(sys.issuer).mintProject(sys.alice.address, 42, CREDIT))
        .to.be.revertedWithCustomError(sys.registry, "RegistryUnknownProject")
        .withArgs(42);
      await sys.registry.connect(sys.verifier).suspendProject(sys.projectId, "audit");
      await expect(sys.credits.connect(sys.issuer).mintProject(sys.alice.address, sys.projectId, CREDIT))
        .to.be.revertedWithCustomError(sys.registry, "RegistryProjectNotApproved")
        .withArgs(sys.projectId, Status.Suspended);
    });

    it("reverts for an approved project with no batches", async () => {
      const sys = await loadFixture(deploySystem);
      const projectId = await registerProject(sys);
      await sys.registry.connect(sys.verifier).approveProject(projectId);
      await expect(sys.credits.connect(sys.issuer).mintProject(sys.alice.address, projectId, CREDIT))
        .to.be.revertedWithCustomError(sys.registry, "RegistryExceedsProjectSupply")
        .withArgs(projectId, CREDIT, 0n);
    });
  });

  describe("retire (batch level)", () => {
    it("burns, records the retirement and emits Retired with the breakdown", async () => {
      const sys = await loadFixture(threeVintages);
      await sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2020, 5n * CREDIT);
      const details = retirementDetails(sys.bob.address);
      const id = await sys.credits.connect(sys.alice).retire.staticCall(sys.alice.address, sys.b2020, 2n * CREDIT, details);
      expect(id).to.equal(1n);
      const tx = sys.credits.connect(sys.alice).retire(sys.alice.address, sys.b2020, 2n * CREDIT, details);
      await expect(tx)
        .to.emit(sys.credits, "Retired")
        .withArgs(1n, sys.alice.address, sys.bob.address, sys.alice.address, 2n * CREDIT, [sys.b2020], [2n * CREDIT], [
          details.beneficiary,
          details.beneficiaryName,
          details.reason,
          details.referenceId,
          details.consumptionCountry,
        ], [0n, 0n, 0n]); // link: Direct, no trade
      await expect(tx)
        .to.emit(sys.credits, "TransferSingle")
        .withArgs(sys.alice.address, sys.alice.address, ethers.ZeroAddress, sys.b2020, 2n * CREDIT);
      await expect(tx).to.emit(sys.registry, "RetirementRecorded").withArgs(sys.b2020, 2n * CREDIT, 2n * CREDIT);

      const record = await sys.credits.getRetirement(1);
      expect(record.account).to.equal(sys.alice.address);
      expect(record.beneficiary).to.equal(sys.bob.address);
      expect(record.amount).to.equal(2n * CREDIT);
      expect(record.timestamp).to.equal(BigInt(await time.latest()));
      expect(await sys.credits.retirementCount()).to.equal(1n);
      expect(await sys.credits.balanceOf(sys.alice.address, sys.b2020)).to.equal(3n * CREDIT);
      expect(await batchOf(sys, sys.b2020)).to.deep.equal({ minted: 5n * CREDIT, retired: 2n * CREDIT, totalSupply: 10n * CREDIT });
      expect(await sys.credits.totalSupply(sys.b2020)).to.equal(3n * CREDIT);
    });

    it("numbers retirements sequentially", async () => {
      const sys = await loadFixture(threeVintages);
      await sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2019, 5n * CREDIT);
      const details = retirementDetails(sys.alice.address);
      await sys.credits.connect(sys.alice).retire(sys.alice.address, sys.b2019, 1n, details);
      await expect(sys.credits.connect(sys.alice).retire(sys.alice.address, sys.b2019, 1n, details))
        .to.emit(sys.credits, "Retired")
        .withArgs(2n, sys.alice.address, sys.alice.address, sys.alice.address, 1n, [sys.b2019], [1n], () => true, [0n, 0n, 0n]);
      expect(await sys.credits.retirementCount()).to.equal(2n);
    });

    it("lets an approved operator retire on the holder's behalf, and no one else", async () => {
      const sys = await loadFixture(threeVintages);
      await sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2019, 5n * CREDIT);
      const details = retirementDetails(sys.carol.address);
      await expect(sys.credits.connect(sys.bob).retire(sys.alice.address, sys.b2019, CREDIT, details))
        .to.be.revertedWithCustomError(sys.credits, "ERC1155MissingApprovalForAll")
        .withArgs(sys.bob.address, sys.alice.address);
      await sys.credits.connect(sys.alice).setApprovalForAll(sys.bob.address, true);
      await expect(sys.credits.connect(sys.bob).retire(sys.alice.address, sys.b2019, CREDIT, details))
        .to.emit(sys.credits, "Retired")
        .withArgs(1n, sys.alice.address, sys.carol.address, sys.bob.address, CREDIT, [sys.b2019], [CREDIT], () => true, [0n, 0n, 0n]);
      expect((await sys.credits.getRetirement(1)).account).to.equal(sys.alice.address);
    });

    it("still retires when the project is suspended or deactivated", async () => {
      const sys = await loadFixture(threeVintages);
      await sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2019, 5n * CREDIT);
      await sys.registry.connect(sys.verifier).suspendProject(sys.projectId, "audit");
      await sys.credits.connect(sys.alice).retire(sys.alice.address, sys.b2019, CREDIT, retirementDetails(sys.alice.address));
      await sys.registry.connect(sys.verifier).deactivateProject(sys.projectId, "closed");
      await sys.credits.connect(sys.alice).retire(sys.alice.address, sys.b2019, CREDIT, retirementDetails(sys.alice.address));
      expect((await batchOf(sys, sys.b2019)).retired).to.equal(2n * CREDIT);
    });

    it("rejects zero amounts, a zero beneficiary and over-long texts", async () => {
      const sys = await loadFixture(threeVintages);
      await sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2019, 5n * CREDIT);
      const retire = (amount: bigint, details: ReturnType<typeof retirementDetails>) =>
        sys.credits.connect(sys.alice).retire(sys.alice.address, sys.b2019, amount, details);
      await expect(retire(0n, retirementDetails(sys.alice.address))).to.be.revertedWithCustomError(
        sys.credits,
        "CarbonCreditsZeroAmount",
      );
      await expect(retire(CREDIT, retirementDetails(ethers.ZeroAddress)))
        .to.be.revertedWithCustomError(sys.credits, "CarbonCreditsInvalidBeneficiary")
        .withArgs(ethers.ZeroAddress);
      for (const field of ["beneficiaryName", "reason", "referenceId", "consumptionCountry"] as const) {
        await expect(retire(CREDIT, retirementDetails(sys.alice.address, { [field]: "x".repeat(257) })))
          .to.be.revertedWithCustomError(sys.credits, "CarbonCreditsFieldTooLong")
          .withArgs(field, 257, 256);
      }
      // Exactly at the limit is accepted.
      await retire(CREDIT, retirementDetails(sys.alice.address, { reason: "x".repeat(256) }));
      expect((await batchOf(sys, sys.b2019)).retired).to.equal(CREDIT);
    });

    it("rejects retiring more than the balance with ERC1155InsufficientBalance", async () => {
      const sys = await loadFixture(threeVintages);
      await sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2019, 5n * CREDIT);
      await expect(
        sys.credits.connect(sys.alice).retire(sys.alice.address, sys.b2019, 6n * CREDIT, retirementDetails(sys.alice.address)),
      )
        .to.be.revertedWithCustomError(sys.credits, "ERC1155InsufficientBalance")
        .withArgs(sys.alice.address, 5n * CREDIT, 6n * CREDIT, sys.b2019);
    });

    it("rejects retiring from the zero address (it can approve no one: ERC1155MissingApprovalForAll)", async () => {
      const sys = await loadFixture(threeVintages);
      await expect(
        sys.credits.connect(sys.alice).retire(ethers.ZeroAddress, sys.b2019, CREDIT, retirementDetails(sys.alice.address)),
      )
        .to.be.revertedWithCustomError(sys.credits, "ERC1155MissingApprovalForAll")
        .withArgs(sys.alice.address, ethers.ZeroAddress);
    });
  });

  describe("retireProject (holder's oldest vintage first, seed 001)", () => {
    async function holderWithMixedVintages() {
      const sys = await threeVintages();
      // Alice holds 2021 and 2019 (not 2020): the walk must skip the empty vintage.
      await sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2021, 6n * CREDIT);
      await sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2019, 3n * CREDIT);
      return sys;
    }

    it("previews and retires the oldest vintage first, spilling forward", async () => {
      const sys = await loadFixture(holderWithMixedVintages);
      const preview = await sys.credits.previewRetireProject(sys.alice.address, sys.projectId, 5n * CREDIT);
      expect(preview.batchIds).to.deep.equal([sys.b2019, sys.b2021]);
      expect(preview.amounts).to.deep.equal([3n * CREDIT, 2n * CREDIT]);

      const details = retirementDetails(sys.bob.address);
      const tx = sys.credits.connect(sys.alice).retireProject(sys.alice.address, sys.projectId, 5n * CREDIT, details);
      await expect(tx)
        .to.emit(sys.credits, "Retired")
        .withArgs(
          1n,
          sys.alice.address,
          sys.bob.address,
          sys.alice.address,
          5n * CREDIT,
          [sys.b2019, sys.b2021],
          [3n * CREDIT, 2n * CREDIT],
          () => true,
          [0n, 0n, 0n],
        );
      await expect(tx)
        .to.emit(sys.credits, "TransferBatch")
        .withArgs(sys.alice.address, sys.alice.address, ethers.ZeroAddress, [sys.b2019, sys.b2021], [3n * CREDIT, 2n * CREDIT]);
      expect((await batchOf(sys, sys.b2019)).retired).to.equal(3n * CREDIT);
      expect((await batchOf(sys, sys.b2021)).retired).to.equal(2n * CREDIT);
      expect((await sys.credits.getRetirement(1)).amount).to.equal(5n * CREDIT);
    });

    it("reverts with CarbonCreditsInsufficientProjectBalance naming the holder's balance", async () => {
      const sys = await loadFixture(holderWithMixedVintages);
      const details = retirementDetails(sys.bob.address);
      await expect(sys.credits.connect(sys.alice).retireProject(sys.alice.address, sys.projectId, 10n * CREDIT, details))
        .to.be.revertedWithCustomError(sys.credits, "CarbonCreditsInsufficientProjectBalance")
        .withArgs(sys.alice.address, sys.projectId, 10n * CREDIT, 9n * CREDIT);
      await expect(sys.credits.previewRetireProject(sys.alice.address, sys.projectId, 10n * CREDIT))
        .to.be.revertedWithCustomError(sys.credits, "CarbonCreditsInsufficientProjectBalance")
        .withArgs(sys.alice.address, sys.projectId, 10n * CREDIT, 9n * CREDIT);
    });

    it("rejects zero amounts, unknown projects and unapproved operators", async () => {
      const sys = await loadFixture(holderWithMixedVintages);
      const details = retirementDetails(sys.bob.address);
      await expect(
        sys.credits.connect(sys.alice).retireProject(sys.alice.address, sys.projectId, 0, details),
      ).to.be.revertedWithCustomError(sys.credits, "CarbonCreditsZeroAmount");
      await expect(sys.credits.previewRetireProject(sys.alice.address, sys.projectId, 0)).to.be.revertedWithCustomError(
        sys.credits,
        "CarbonCreditsZeroAmount",
      );
      await expect(sys.credits.connect(sys.alice).retireProject(sys.alice.address, 77, CREDIT, details))
        .to.be.revertedWithCustomError(sys.registry, "RegistryUnknownProject")
        .withArgs(77);
      await expect(sys.credits.connect(sys.bob).retireProject(sys.alice.address, sys.projectId, CREDIT, details))
        .to.be.revertedWithCustomError(sys.credits, "ERC1155MissingApprovalForAll")
        .withArgs(sys.bob.address, sys.alice.address);
    });

    it("walks a 40-vintage project oldest first across its slices (vintages 1–4, 5–32, 33–40)", async () => {
      const sys = await loadFixture(deploySystem);
      // Added newest first: the registry orders them 1990 … 2029.
      const { projectId } = await approvedProjectWithBatches(
        sys,
        Array.from({ length: 40 }, (_, i): [number, bigint] => [2029 - i, 10n * CREDIT]),
      );
      const ids = await sys.registry.projectBatches(projectId);
      const held = [ids[2], ids[20], ids[39]]; // one in each slice
      for (const id of held) await sys.credits.connect(sys.issuer).mint(sys.alice.address, id, 2n * CREDIT);
      const balances = await sys.credits.balancesOfProject(sys.alice.address, projectId);
      expect(balances.batchIds).to.deep.equal(held);
      expect(balances.amounts).to.deep.equal([2n, 2n, 2n].map((n) => n * CREDIT));
      // 5 credits: all of the two oldest held, then 1 of the newest.
      const preview = await sys.credits.previewRetireProject(sys.alice.address, projectId, 5n * CREDIT);
      expect(preview.batchIds).to.deep.equal(held);
      expect(preview.amounts).to.deep.equal([2n, 2n, 1n].map((n) => n * CREDIT));
      // 3 credits stop in the second slice.
      const early = await sys.credits.previewRetireProject(sys.alice.address, projectId, 3n * CREDIT);
      expect(early.batchIds).to.deep.equal(held.slice(0, 2));
      await expect(sys.credits.previewRetireProject(sys.alice.address, projectId, 6n * CREDIT + 1n))
        .to.be.revertedWithCustomError(sys.credits, "CarbonCreditsInsufficientProjectBalance")
        .withArgs(sys.alice.address, projectId, 6n * CREDIT + 1n, 6n * CREDIT);
      await sys.credits.connect(sys.alice).retireProject(sys.alice.address, projectId, 5n * CREDIT, retirementDetails(sys.alice.address));
      expect(await sys.credits.balanceOfBatch(held.map(() => sys.alice.address), held)).to.deep.equal([0n, 0n, CREDIT]);
    });

    it("lists a holder's balances per project in vintage order", async () => {
      const sys = await loadFixture(holderWithMixedVintages);
      const balances = await sys.credits.balancesOfProject(sys.alice.address, sys.projectId);
      expect(balances.batchIds).to.deep.equal([sys.b2019, sys.b2021]);
      expect(balances.amounts).to.deep.equal([3n * CREDIT, 6n * CREDIT]);
      const none = await sys.credits.balancesOfProject(sys.carol.address, sys.projectId);
      expect(none.batchIds).to.deep.equal([]);
    });
  });

  describe("retirement records", () => {
    it("getRetirement reverts for ids never issued", async () => {
      const sys = await loadFixture(threeVintages);
      for (const id of [0n, 1n]) {
        await expect(sys.credits.getRetirement(id))
          .to.be.revertedWithCustomError(sys.credits, "CarbonCreditsUnknownRetirement")
          .withArgs(id);
      }
    });
  });

  describe("metadata", () => {
    it("sets per-batch URIs on top of a base URI and emits URI", async () => {
      const sys = await loadFixture(threeVintages);
      await expect(sys.credits.connect(sys.metadata).setBaseURI("ipfs://"))
        .to.emit(sys.credits, "BaseURIUpdated")
        .withArgs("ipfs://");
      await expect(sys.credits.connect(sys.metadata).setBatchURI(sys.b2019, "bafy2019"))
        .to.emit(sys.credits, "URI")
        .withArgs("ipfs://bafy2019", sys.b2019);
      expect(await sys.credits.uri(sys.b2019)).to.equal("ipfs://bafy2019");
      expect(await sys.credits.uri(sys.b2020)).to.equal(DEFAULT_URI);
    });

    it("replaces the default URI", async () => {
      const sys = await loadFixture(threeVintages);
      await expect(sys.credits.connect(sys.metadata).setDefaultURI("https://x/{id}"))
        .to.emit(sys.credits, "DefaultURIUpdated")
        .withArgs("https://x/{id}");
      expect(await sys.credits.uri(sys.b2020)).to.equal("https://x/{id}");
    });

    it("refuses a URI for an unknown batch", async () => {
      const sys = await loadFixture(threeVintages);
      await expect(sys.credits.connect(sys.metadata).setBatchURI(99, "x"))
        .to.be.revertedWithCustomError(sys.registry, "RegistryUnknownBatch")
        .withArgs(99);
    });
  });

  describe("pause", () => {
    it("stops mint, project mint, retire and project retire; unpause resumes them", async () => {
      const sys = await loadFixture(threeVintages);
      await sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2019, 5n * CREDIT);
      await expect(sys.credits.connect(sys.pauser).pause()).to.emit(sys.credits, "Paused").withArgs(sys.pauser.address);
      const details = retirementDetails(sys.alice.address);
      const calls = [
        () => sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2019, CREDIT),
        () => sys.credits.connect(sys.issuer).mintProject(sys.alice.address, sys.projectId, CREDIT),
        () => sys.credits.connect(sys.alice).retire(sys.alice.address, sys.b2019, CREDIT, details),
        () => sys.credits.connect(sys.alice).retireProject(sys.alice.address, sys.projectId, CREDIT, details),
      ];
      for (const call of calls) await expect(call()).to.be.revertedWithCustomError(sys.credits, "EnforcedPause");
      await expect(sys.credits.connect(sys.pauser).pause()).to.be.revertedWithCustomError(sys.credits, "EnforcedPause");

      await expect(sys.credits.connect(sys.pauser).unpause()).to.emit(sys.credits, "Unpaused").withArgs(sys.pauser.address);
      for (const call of calls) await call();
      expect(await sys.credits.balanceOf(sys.alice.address, sys.b2019)).to.equal(5n * CREDIT);
      await expect(sys.credits.connect(sys.pauser).unpause()).to.be.revertedWithCustomError(sys.credits, "ExpectedPause");
    });
  });
});
