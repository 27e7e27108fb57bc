import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { PANIC_CODES } from "@nomicfoundation/hardhat-chai-matchers/panic";
import type { ContractTransactionResponse } from "ethers";
import { CREDIT, DEFAULT_URI, Status, approvedProjectWithBatches, deploySystem, retirementDetails } from "../helpers/fixtures";
import {
  RECEIVER_BATCH_MAGIC_VALUE,
  RECEIVER_REVERT_REASON,
  RECEIVER_SINGLE_MAGIC_VALUE,
  deployReceivers,
  shouldBehaveLikeERC1155,
  type ERC1155Context,
  type Receivers,
} from "./ERC1155.behavior";

/** Plain OpenZeppelin ERC-1155 with an open mint: the suite must pass here to be honest. */
async function baselineContext(): Promise<ERC1155Context> {
  const [deployer, holder, recipient, operator, other] = await ethers.getSigners();
  const token = await ethers.deployContract("BaselineERC1155");
  return {
    token,
    mint: (to, id, amount) => token.connect(deployer).mint(to, id, amount),
    ids: [1n, 2n, 1_000_003n],
    holder,
    recipient,
    operator,
    other,
  };
}

/** CarbonCredits, minted by the ISSUER into the three vintage batches of an approved project. */
async function carbonCreditsContext(): Promise<ERC1155Context> {
  const sys = await deploySystem();
  const { batchIds } = await approvedProjectWithBatches(sys, [
    [2019, 10n * CREDIT],
    [2020, 10n * CREDIT],
    [2021, 10n * CREDIT],
  ]);
  return {
    token: sys.credits,
    mint: (to, id, amount) => sys.credits.connect(sys.issuer).mint(to, id, amount),
    ids: [batchIds[0], batchIds[1], batchIds[2]],
    holder: sys.alice,
    recipient: sys.bob,
    operator: sys.carol,
    other: sys.outsider,
  };
}

describe("BaselineERC1155 (plain OpenZeppelin ERC-1155: the suite's control)", () => {
  shouldBehaveLikeERC1155(baselineContext);
});

describe("CarbonCredits as an ERC-1155", () => {
  shouldBehaveLikeERC1155(carbonCreditsContext);

  /**
   * An approved project with small 2019 and 2020 vintages (added out of order) and a large 2021
   * one, so a project-level mint of 5 credits spills over all three; plus one receiver of each kind.
   */
  async function creditsWithReceivers() {
    const sys = await deploySystem();
    const { projectId, batchIds } = await approvedProjectWithBatches(sys, [
      [2021, 10n * CREDIT],
      [2019, 2n * CREDIT],
      [2020, 2n * CREDIT],
    ]);
    const [b2021, b2019, b2020] = batchIds;
    const receivers = await deployReceivers();
    return { ...sys, projectId, b2019, b2020, b2021, receivers };
  }
  type Sys = Awaited<ReturnType<typeof creditsWithReceivers>>;

  /** What a rejected mint must leave unchanged: per-batch minted, circulating supply, balance; cursor. */
  async function snapshot(sys: Sys, to: string) {
    const ids = [sys.b2019, sys.b2020, sys.b2021];
    const minted: bigint[] = [];
    const supply: bigint[] = [];
    for (const id of ids) {
      minted.push((await sys.registry.getBatch(id)).minted);
      supply.push(await sys.credits.totalSupply(id));
    }
    const balances = await sys.credits.balanceOfBatch([to, to, to], ids);
    const cursor = (await sys.registry.getProject(sys.projectId)).issuanceCursor;
    return { minted, supply, balances: [...balances], cursor };
  }

  type Rejection = {
    kind: string;
    receiver: (r: Receivers) => { getAddress(): Promise<string> };
    expectRevert: (tx: Promise<ContractTransactionResponse>, sys: Sys, to: string, batch: boolean) => Promise<void>;
  };

  const invalidReceiver = async (tx: Promise<ContractTransactionResponse>, sys: Sys, to: string) => {
    await expect(tx).to.be.revertedWithCustomError(sys.credits, "ERC1155InvalidReceiver").withArgs(to);
  };

  const rejections: Rejection[] = [
    {
      kind: "a receiver rejecting with a custom error (its CustomError bubbles up)",
      receiver: (r) => r.customError,
      expectRevert: async (tx, sys, _to, batch) => {
        await expect(tx)
          .to.be.revertedWithCustomError(sys.receivers.customError, "CustomError")
          .withArgs(batch ? RECEIVER_BATCH_MAGIC_VALUE : RECEIVER_SINGLE_MAGIC_VALUE);
      },
    },
    {
      kind: "a receiver reverting without message (ERC1155InvalidReceiver)",
      receiver: (r) => r.revertWithoutMessage,
      expectRevert: invalidReceiver,
    },
    {
      kind: "a receiver reverting with a message (that reason)",
      receiver: (r) => r.revertWithMessage,
      expectRevert: async (tx) => {
        await expect(tx).to.be.revertedWith(RECEIVER_REVERT_REASON);
      },
    },
    {
      kind: "a receiver that panics (panic 0x12)",
      receiver: (r) => r.panic,
      expectRevert: async (tx) => {
        await expect(tx).to.be.revertedWithPanic(PANIC_CODES.DIVISION_BY_ZERO);
      },
    },
    {
      kind: "a receiver returning a wrong magic value (ERC1155InvalidReceiver)",
      receiver: (r) => r.wrongMagic,
      expectRevert: invalidReceiver,
    },
    {
      kind: "a contract without receiver hooks (ERC1155InvalidReceiver)",
      receiver: (r) => r.noHooks,
      expectRevert: invalidReceiver,
    },
  ];

  describe("mint (single batch) to each receiver kind", () => {
    it("to an EOA: emits TransferSingle(issuer, 0, to, id, amount), credits it and records issuance", async () => {
      const sys = await loadFixture(creditsWithReceivers);
      const to = sys.bob.address;
      await expect(sys.credits.connect(sys.issuer).mint(to, sys.b2020, CREDIT))
        .to.emit(sys.credits, "TransferSingle")
        .withArgs(sys.issuer.address, ethers.ZeroAddress, to, sys.b2020, CREDIT);
      expect(await sys.credits.balanceOf(to, sys.b2020)).to.equal(CREDIT);
      expect((await sys.registry.getBatch(sys.b2020)).minted).to.equal(CREDIT);
      expect(await sys.credits.totalSupply(sys.b2020)).to.equal(CREDIT);
    });

    it("to an accepting receiver: calls onERC1155Received(issuer, 0, id, amount, empty data)", async () => {
      const sys = await loadFixture(creditsWithReceivers);
      const to = await sys.receivers.accepting.getAddress();
      const tx = sys.credits.connect(sys.issuer).mint(to, sys.b2020, CREDIT);
      await expect(tx)
        .to.emit(sys.receivers.accepting, "Received")
        .withArgs(sys.issuer.address, ethers.ZeroAddress, sys.b2020, CREDIT, "0x");
      await expect(tx).not.to.emit(sys.receivers.accepting, "BatchReceived");
      await expect(tx)
        .to.emit(sys.credits, "TransferSingle")
        .withArgs(sys.issuer.address, ethers.ZeroAddress, to, sys.b2020, CREDIT);
      expect(await sys.credits.balanceOf(to, sys.b2020)).to.equal(CREDIT);
      expect((await sys.registry.getBatch(sys.b2020)).minted).to.equal(CREDIT);
    });

    it("to the zero address: reverts with ERC1155InvalidReceiver(0) and records nothing", async () => {
      const sys = await loadFixture(creditsWithReceivers);
      const before = await snapshot(sys, ethers.ZeroAddress);
      await expect(sys.credits.connect(sys.issuer).mint(ethers.ZeroAddress, sys.b2020, CREDIT))
        .to.be.revertedWithCustomError(sys.credits, "ERC1155InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
      expect(await snapshot(sys, ethers.ZeroAddress)).to.deep.equal(before);
    });

    for (const { kind, receiver, expectRevert } of rejections) {
      it(`to ${kind}: reverts and leaves registry minted counts and balances unchanged`, async () => {
        const sys = await loadFixture(creditsWithReceivers);
        const to = await receiver(sys.receivers).getAddress();
        const before = await snapshot(sys, to);
        await expectRevert(sys.credits.connect(sys.issuer).mint(to, sys.b2020, CREDIT), sys, to, false);
        const after = await snapshot(sys, to);
        expect(after).to.deep.equal(before);
        expect(after.minted).to.deep.equal([0n, 0n, 0n]);
        expect(after.balances).to.deep.equal([0n, 0n, 0n]);
      });
    }
  });

  describe("mintProject (spilling over vintages) to each receiver kind", () => {
    const AMOUNT = 5n * CREDIT; // 2 of 2019 + 2 of 2020 + 1 of 2021

    it("spills over three vintages, oldest first, as the registry plans it", async () => {
      const sys = await loadFixture(creditsWithReceivers);
      expect(await sys.registry.projectBatches(sys.projectId)).to.deep.equal([sys.b2019, sys.b2020, sys.b2021]);
      const planned = await sys.credits.connect(sys.issuer).mintProject.staticCall(sys.bob.address, sys.projectId, AMOUNT);
      expect(planned.batchIds).to.deep.equal([sys.b2019, sys.b2020, sys.b2021]);
      expect(planned.amounts).to.deep.equal([2n * CREDIT, 2n * CREDIT, 1n * CREDIT]);
    });

    it("to an EOA: emits TransferBatch(issuer, 0, to, ids, values) and credits every vintage", async () => {
      const sys = await loadFixture(creditsWithReceivers);
      const to = sys.bob.address;
      const ids = [sys.b2019, sys.b2020, sys.b2021];
      const values = [2n * CREDIT, 2n * CREDIT, 1n * CREDIT];
      await expect(sys.credits.connect(sys.issuer).mintProject(to, sys.projectId, AMOUNT))
        .to.emit(sys.credits, "TransferBatch")
        .withArgs(sys.issuer.address, ethers.ZeroAddress, to, ids, values);
      expect(await sys.credits.balanceOfBatch([to, to, to], ids)).to.deep.equal(values);
      expect((await snapshot(sys, to)).minted).to.deep.equal(values);
    });

    it("to an accepting receiver: calls onERC1155BatchReceived(issuer, 0, ids, values, empty data)", async () => {
      const sys = await loadFixture(creditsWithReceivers);
      const to = await sys.receivers.accepting.getAddress();
      const ids = [sys.b2019, sys.b2020, sys.b2021];
      const values = [2n * CREDIT, 2n * CREDIT, 1n * CREDIT];
      const tx = sys.credits.connect(sys.issuer).mintProject(to, sys.projectId, AMOUNT);
      await expect(tx)
        .to.emit(sys.receivers.accepting, "BatchReceived")
        .withArgs(sys.issuer.address, ethers.ZeroAddress, ids, values, "0x");
      await expect(tx).not.to.emit(sys.receivers.accepting, "Received");
      expect(await sys.credits.balanceOfBatch([to, to, to], ids)).to.deep.equal(values);
      expect((await snapshot(sys, to)).minted).to.deep.equal(values);
    });

    it("within one vintage: emits TransferSingle yet calls onERC1155BatchReceived (OZ 5 _mintBatch semantics)", async () => {
      const sys = await loadFixture(creditsWithReceivers);
      const to = await sys.receivers.accepting.getAddress();
      const tx = sys.credits.connect(sys.issuer).mintProject(to, sys.projectId, CREDIT);
      await expect(tx)
        .to.emit(sys.credits, "TransferSingle")
        .withArgs(sys.issuer.address, ethers.ZeroAddress, to, sys.b2019, CREDIT);
      await expect(tx)
        .to.emit(sys.receivers.accepting, "BatchReceived")
        .withArgs(sys.issuer.address, ethers.ZeroAddress, [sys.b2019], [CREDIT], "0x");
      await expect(tx).not.to.emit(sys.receivers.accepting, "Received");
    });

    it("to a receiver whose single hook fails but batch hook accepts: succeeds (only the batch hook is called)", async () => {
      const sys = await loadFixture(creditsWithReceivers);
      const mixed = await ethers.deployContract("ERC1155ReceiverMock", [
        "0x00c0ffee",
        RECEIVER_BATCH_MAGIC_VALUE,
        0,
      ]);
      const to = await mixed.getAddress();
      await expect(sys.credits.connect(sys.issuer).mintProject(to, sys.projectId, AMOUNT)).to.emit(mixed, "BatchReceived");
      await expect(sys.credits.connect(sys.issuer).mint(to, sys.b2021, 1n))
        .to.be.revertedWithCustomError(sys.credits, "ERC1155InvalidReceiver")
        .withArgs(to);
      expect(await sys.credits.balanceOf(to, sys.b2021)).to.equal(CREDIT);
    });

    it("to the zero address: reverts with ERC1155InvalidReceiver(0) and records nothing", async () => {
      const sys = await loadFixture(creditsWithReceivers);
      const before = await snapshot(sys, ethers.ZeroAddress);
      await expect(sys.credits.connect(sys.issuer).mintProject(ethers.ZeroAddress, sys.projectId, AMOUNT))
        .to.be.revertedWithCustomError(sys.credits, "ERC1155InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
      expect(await snapshot(sys, ethers.ZeroAddress)).to.deep.equal(before);
    });

    for (const { kind, receiver, expectRevert } of rejections) {
      it(`to ${kind}: reverts and leaves registry minted counts, cursor and balances unchanged`, async () => {
        const sys = await loadFixture(creditsWithReceivers);
        const to = await receiver(sys.receivers).getAddress();
        const before = await snapshot(sys, to);
        await expectRevert(sys.credits.connect(sys.issuer).mintProject(to, sys.projectId, AMOUNT), sys, to, true);
        const after = await snapshot(sys, to);
        expect(after).to.deep.equal(before);
        expect(after.minted).to.deep.equal([0n, 0n, 0n]);
        expect(after.balances).to.deep.equal([0n, 0n, 0n]);
        expect(after.cursor).to.equal(0n);
      });
    }
  });

  /** alice holds 1 credit of 2019 and 2 of 2021. */
  async function aliceHolds() {
    const sys = await creditsWithReceivers();
    await sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2019, CREDIT);
    await sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2021, 2n * CREDIT);
    return sys;
  }

  describe("while paused", () => {
    async function paused() {
      const sys = await aliceHolds();
      await sys.credits.connect(sys.alice).setApprovalForAll(sys.carol.address, true);
      await sys.credits.connect(sys.pauser).pause();
      return sys;
    }

    it("safeTransferFrom reverts with EnforcedPause, for the holder and for an approved operator", async () => {
      const sys = await loadFixture(paused);
      expect(await sys.credits.paused()).to.equal(true);
      await expect(
        sys.credits.connect(sys.alice).safeTransferFrom(sys.alice.address, sys.bob.address, sys.b2019, 1n, "0x"),
      ).to.be.revertedWithCustomError(sys.credits, "EnforcedPause");
      await expect(
        sys.credits.connect(sys.carol).safeTransferFrom(sys.alice.address, sys.bob.address, sys.b2019, 1n, "0x"),
      ).to.be.revertedWithCustomError(sys.credits, "EnforcedPause");
      expect(await sys.credits.balanceOf(sys.alice.address, sys.b2019)).to.equal(CREDIT);
    });

    it("safeBatchTransferFrom reverts with EnforcedPause, for the holder and for an approved operator", async () => {
      const sys = await loadFixture(paused);
      const ids = [sys.b2019, sys.b2021];
      await expect(
        sys.credits.connect(sys.alice).safeBatchTransferFrom(sys.alice.address, sys.bob.address, ids, [1n, 1n], "0x"),
      ).to.be.revertedWithCustomError(sys.credits, "EnforcedPause");
      await expect(
        sys.credits.connect(sys.carol).safeBatchTransferFrom(sys.alice.address, sys.bob.address, ids, [1n, 1n], "0x"),
      ).to.be.revertedWithCustomError(sys.credits, "EnforcedPause");
      expect(await sys.credits.balanceOfBatch([sys.alice.address, sys.alice.address], ids)).to.deep.equal([
        CREDIT,
        2n * CREDIT,
      ]);
    });

    it("a zero-value transfer and a transfer to an accepting receiver revert with EnforcedPause too", async () => {
      const sys = await loadFixture(paused);
      const to = await sys.receivers.accepting.getAddress();
      await expect(
        sys.credits.connect(sys.alice).safeTransferFrom(sys.alice.address, sys.bob.address, sys.b2019, 0n, "0x"),
      ).to.be.revertedWithCustomError(sys.credits, "EnforcedPause");
      await expect(
        sys.credits.connect(sys.alice).safeTransferFrom(sys.alice.address, to, sys.b2019, 1n, "0x"),
      ).to.be.revertedWithCustomError(sys.credits, "EnforcedPause");
    });

    it("setApprovalForAll still works (sets, emits ApprovalForAll, revokes)", async () => {
      const sys = await loadFixture(paused);
      await expect(sys.credits.connect(sys.alice).setApprovalForAll(sys.outsider.address, true))
        .to.emit(sys.credits, "ApprovalForAll")
        .withArgs(sys.alice.address, sys.outsider.address, true);
      expect(await sys.credits.isApprovedForAll(sys.alice.address, sys.outsider.address)).to.equal(true);
      await expect(sys.credits.connect(sys.alice).setApprovalForAll(sys.carol.address, false))
        .to.emit(sys.credits, "ApprovalForAll")
        .withArgs(sys.alice.address, sys.carol.address, false);
      expect(await sys.credits.isApprovedForAll(sys.alice.address, sys.carol.address)).to.equal(false);
    });

    it("balance views still work, and transfers resume after unpause", async () => {
      const sys = await loadFixture(paused);
      expect(await sys.credits.balanceOf(sys.alice.address, sys.b2021)).to.equal(2n * CREDIT);
      await sys.credits.connect(sys.pauser).unpause();
      await expect(
        sys.credits.connect(sys.alice).safeTransferFrom(sys.alice.address, sys.bob.address, sys.b2021, CREDIT, "0x"),
      )
        .to.emit(sys.credits, "TransferSingle")
        .withArgs(sys.alice.address, sys.alice.address, sys.bob.address, sys.b2021, CREDIT);
      expect(await sys.credits.balanceOf(sys.bob.address, sys.b2021)).to.equal(CREDIT);
    });
  });

  describe("transfers whatever the project's status", () => {
    for (const [label, status, act] of [
      ["Suspended", Status.Suspended, (sys: Sys) => sys.registry.connect(sys.verifier).suspendProject(sys.projectId, "audit")],
      [
        "Deactivated",
        Status.Deactivated,
        (sys: Sys) => sys.registry.connect(sys.verifier).deactivateProject(sys.projectId, "closed"),
      ],
    ] as const) {
      it(`still transfers (single, batch, by operator, to a receiver) when the project is ${label}`, async () => {
        const sys = await loadFixture(aliceHolds);
        await act(sys);
        expect(await sys.registry.projectStatus(sys.projectId)).to.equal(status);

        await expect(
          sys.credits.connect(sys.alice).safeTransferFrom(sys.alice.address, sys.bob.address, sys.b2019, 100n, "0x"),
        )
          .to.emit(sys.credits, "TransferSingle")
          .withArgs(sys.alice.address, sys.alice.address, sys.bob.address, sys.b2019, 100n);

        const ids = [sys.b2019, sys.b2021];
        await expect(
          sys.credits.connect(sys.alice).safeBatchTransferFrom(sys.alice.address, sys.bob.address, ids, [200n, 300n], "0x"),
        )
          .to.emit(sys.credits, "TransferBatch")
          .withArgs(sys.alice.address, sys.alice.address, sys.bob.address, ids, [200n, 300n]);

        await sys.credits.connect(sys.alice).setApprovalForAll(sys.carol.address, true);
        const to = await sys.receivers.accepting.getAddress();
        await expect(sys.credits.connect(sys.carol).safeBatchTransferFrom(sys.alice.address, to, ids, [1n, 2n], "0x"))
          .to.emit(sys.receivers.accepting, "BatchReceived")
          .withArgs(sys.carol.address, sys.alice.address, ids, [1n, 2n], "0x");

        expect(await sys.credits.balanceOfBatch([sys.bob.address, sys.bob.address], ids)).to.deep.equal([300n, 300n]);
        expect(await sys.credits.balanceOfBatch([to, to], ids)).to.deep.equal([1n, 2n]);
        expect(await sys.credits.balanceOfBatch([sys.alice.address, sys.alice.address], ids)).to.deep.equal([
          CREDIT - 301n,
          2n * CREDIT - 302n,
        ]);
        // …while issuance into the project is refused.
        await expect(sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2021, 1n))
          .to.be.revertedWithCustomError(sys.registry, "RegistryProjectNotApproved")
          .withArgs(sys.projectId, status);
      });
    }
  });

  describe("uri", () => {
    it("returns the default URI, in {id} form, for batches without their own URI and for unknown ids", async () => {
      const sys = await loadFixture(creditsWithReceivers);
      expect(DEFAULT_URI).to.contain("{id}");
      expect(await sys.credits.uri(sys.b2019)).to.equal(DEFAULT_URI);
      expect(await sys.credits.uri(sys.b2021)).to.equal(DEFAULT_URI);
      expect(await sys.credits.uri(424242n)).to.equal(DEFAULT_URI);
    });

    it("returns base URI + batch URI after setBaseURI and setBatchURI, which emits URI(value, id)", async () => {
      const sys = await loadFixture(creditsWithReceivers);
      const base = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/";
      const batchURI = "vintage-2020.json";
      await expect(sys.credits.connect(sys.metadata).setBaseURI(base))
        .to.emit(sys.credits, "BaseURIUpdated")
        .withArgs(base);
      // The base alone does not change a batch without its own URI.
      expect(await sys.credits.uri(sys.b2020)).to.equal(DEFAULT_URI);

      await expect(sys.credits.connect(sys.metadata).setBatchURI(sys.b2020, batchURI))
        .to.emit(sys.credits, "URI")
        .withArgs(base + batchURI, sys.b2020);
      expect(await sys.credits.uri(sys.b2020)).to.equal(base + batchURI);
      expect(await sys.credits.uri(sys.b2019)).to.equal(DEFAULT_URI);
    });

    it("setBatchURI for an unknown batch reverts with RegistryUnknownBatch; non-metadata callers are refused", async () => {
      const sys = await loadFixture(creditsWithReceivers);
      await expect(sys.credits.connect(sys.metadata).setBatchURI(999n, "x.json"))
        .to.be.revertedWithCustomError(sys.registry, "RegistryUnknownBatch")
        .withArgs(999n);
      await expect(sys.credits.connect(sys.alice).setBatchURI(sys.b2019, "x.json"))
        .to.be.revertedWithCustomError(sys.credits, "AccessControlUnauthorizedAccount")
        .withArgs(sys.alice.address, await sys.credits.METADATA_ROLE());
    });
  });

  describe("totalSupply", () => {
    it("equals the sum of all balances of each id after mints, transfers and a retirement", async () => {
      const sys = await loadFixture(creditsWithReceivers);
      const ids = [sys.b2019, sys.b2020, sys.b2021];
      const receiver = await sys.receivers.accepting.getAddress();
      const accounts = [
        sys.admin.address,
        sys.issuer.address,
        sys.alice.address,
        sys.bob.address,
        sys.carol.address,
        sys.outsider.address,
        receiver,
      ];
      const sumOfBalances = async (id: bigint) => {
        let sum = 0n;
        for (const a of accounts) sum += await sys.credits.balanceOf(a, id);
        return sum;
      };

      await sys.credits.connect(sys.issuer).mintProject(sys.alice.address, sys.projectId, 5n * CREDIT);
      await sys.credits.connect(sys.issuer).mint(sys.bob.address, sys.b2021, 3n * CREDIT);
      await sys.credits.connect(sys.alice).safeTransferFrom(sys.alice.address, sys.bob.address, sys.b2019, 700n, "0x");
      await sys.credits
        .connect(sys.alice)
        .safeBatchTransferFrom(sys.alice.address, receiver, ids, [1n, 2n * CREDIT, 3n], "0x");
      await sys.credits.connect(sys.bob).setApprovalForAll(sys.carol.address, true);
      await sys.credits
        .connect(sys.carol)
        .safeBatchTransferFrom(sys.bob.address, sys.carol.address, [sys.b2019, sys.b2021], [500n, CREDIT], "0x");
      await sys.credits.connect(sys.carol).safeTransferFrom(sys.carol.address, sys.outsider.address, sys.b2021, 42n, "0x");

      // Transfers never change supply: it is what was minted.
      for (const id of ids) {
        const minted = (await sys.registry.getBatch(id)).minted;
        expect(await sys.credits.totalSupply(id)).to.equal(minted);
        expect(await sumOfBalances(id)).to.equal(minted);
      }

      await sys.credits
        .connect(sys.bob)
        .retire(sys.bob.address, sys.b2021, CREDIT, retirementDetails(sys.bob.address));
      for (const id of ids) {
        const b = await sys.registry.getBatch(id);
        expect(await sys.credits.totalSupply(id)).to.equal(b.minted - b.retired);
        expect(await sumOfBalances(id)).to.equal(await sys.credits.totalSupply(id));
      }
      expect(await sys.credits.totalSupply(sys.b2021)).to.equal(3n * CREDIT); // 1 (mintProject) + 3 (mint) - 1 (retired)
    });

    it("is 0 for an unknown id and for a batch nothing was minted of", async () => {
      const sys = await loadFixture(creditsWithReceivers);
      expect(await sys.credits.totalSupply(sys.b2020)).to.equal(0n);
      expect(await sys.credits.totalSupply(999n)).to.equal(0n);
    });
  });
});
