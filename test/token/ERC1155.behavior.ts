import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, impersonateAccount, setBalance } from "@nomicfoundation/hardhat-network-helpers";
import { PANIC_CODES } from "@nomicfoundation/hardhat-chai-matchers/panic";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { Interface } from "ethers";
import {
  IERC1155__factory,
  IERC1155MetadataURI__factory,
  IERC1155Receiver__factory,
  IERC165__factory,
  type BaselineERC1155,
  type ERC1155,
  type ERC1155ReceiverMock,
} from "../../typechain-types";

/**
 * What a token under test hands to {shouldBehaveLikeERC1155}.
 * `mint` creates balances in whatever way the token allows (an open mint, an issuer, …);
 * `ids` are three distinct token ids `mint` can create at least 10_000 units of each;
 * `holder`, `recipient`, `operator`, `other` are four distinct EOAs none of which holds tokens yet.
 */
export interface ERC1155Context {
  token: ERC1155;
  mint: (to: string, id: bigint, amount: bigint) => Promise<unknown>;
  ids: [bigint, bigint, bigint];
  holder: HardhatEthersSigner;
  recipient: HardhatEthersSigner;
  operator: HardhatEthersSigner;
  other: HardhatEthersSigner;
}

/** ERC1155ReceiverMock.RevertType. */
export const RevertType = {
  None: 0,
  RevertWithoutMessage: 1,
  RevertWithMessage: 2,
  RevertWithCustomError: 3,
  Panic: 4,
} as const;

const receiverInterface = IERC1155Receiver__factory.createInterface();
/** bytes4(keccak256("onERC1155Received(address,address,uint256,uint256,bytes)")) */
export const RECEIVER_SINGLE_MAGIC_VALUE = receiverInterface.getFunction("onERC1155Received").selector;
/** bytes4(keccak256("onERC1155BatchReceived(address,address,uint256[],uint256[],bytes)")) */
export const RECEIVER_BATCH_MAGIC_VALUE = receiverInterface.getFunction("onERC1155BatchReceived").selector;
/** A value that is neither magic value. */
export const WRONG_MAGIC_VALUE = "0x00c0ffee";

/** ERC-165 interface ids as fixed by the EIPs. */
export const INTERFACE_IDS = {
  ERC165: "0x01ffc9a7",
  ERC1155: "0xd9b67a26",
  ERC1155MetadataURI: "0x0e89341c",
  invalid: "0xffffffff",
} as const;

/** XOR of the selectors of `names` in `iface` (the ERC-165 interface id). */
export function interfaceId(iface: Interface, names: string[]): string {
  let id = 0n;
  for (const name of names) {
    const fragment = iface.getFunction(name);
    if (fragment === null) throw new Error(`no function ${name}`);
    id ^= BigInt(fragment.selector);
  }
  return ethers.toBeHex(id, 4);
}

/** The receivers every transfer / mint is tried against. */
export interface Receivers {
  /** Correct magic values, no failure. */
  accepting: ERC1155ReceiverMock;
  /** Reverts with the mock's CustomError(bytes4). */
  customError: ERC1155ReceiverMock;
  /** Reverts without reason data. */
  revertWithoutMessage: ERC1155ReceiverMock;
  /** Reverts with "ERC1155ReceiverMock: reverting". */
  revertWithMessage: ERC1155ReceiverMock;
  /** Panics with division by zero (0x12). */
  panic: ERC1155ReceiverMock;
  /** Returns 0x00c0ffee from both hooks. */
  wrongMagic: ERC1155ReceiverMock;
  /** Returns the batch magic from the single hook and vice versa. */
  swappedMagic: ERC1155ReceiverMock;
  /** A contract without the receiver hooks at all (a plain ERC-1155). */
  noHooks: BaselineERC1155;
}

/** Deploys one receiver of each kind. */
export async function deployReceivers(): Promise<Receivers> {
  const deploy = (rec: string, bat: string, revertType: number) =>
    ethers.deployContract("ERC1155ReceiverMock", [rec, bat, revertType]);
  const S = RECEIVER_SINGLE_MAGIC_VALUE;
  const B = RECEIVER_BATCH_MAGIC_VALUE;
  return {
    accepting: await deploy(S, B, RevertType.None),
    customError: await deploy(S, B, RevertType.RevertWithCustomError),
    revertWithoutMessage: await deploy(S, B, RevertType.RevertWithoutMessage),
    revertWithMessage: await deploy(S, B, RevertType.RevertWithMessage),
    panic: await deploy(S, B, RevertType.Panic),
    wrongMagic: await deploy(WRONG_MAGIC_VALUE, WRONG_MAGIC_VALUE, RevertType.None),
    swappedMagic: await deploy(B, S, RevertType.None),
    noHooks: await ethers.deployContract("BaselineERC1155"),
  };
}

export const RECEIVER_REVERT_REASON = "ERC1155ReceiverMock: reverting";

/** Amounts `mint` gives the holder of ids[0], ids[1], ids[2]. */
const AMOUNTS = [1_000n, 2_000n, 3_000n] as const;
const DATA = "0xf00dd00d";

/**
 * The ERC-1155 (EIP-1155, OpenZeppelin 5) behaviour of the token `getContext` builds, after the
 * OpenZeppelin suite test/token/ERC1155/ERC1155.behavior.js.
 */
export function shouldBehaveLikeERC1155(getContext: () => Promise<ERC1155Context>): void {
  /** The bare context: nobody holds anything. */
  async function emptyToken() {
    return getContext();
  }

  /** holder owns AMOUNTS of ids[0..2]; one receiver of each kind is deployed. */
  async function fundedToken() {
    const ctx = await getContext();
    for (let i = 0; i < 3; ++i) await ctx.mint(ctx.holder.address, ctx.ids[i], AMOUNTS[i]);
    const receivers = await deployReceivers();
    return { ...ctx, receivers };
  }

  describe("like an ERC1155", () => {
    describe("balanceOf", () => {
      it("returns zero for accounts that own nothing, including unknown ids", async () => {
        const { token, ids, holder, recipient } = await loadFixture(emptyToken);
        for (const id of ids) {
          expect(await token.balanceOf(holder.address, id)).to.equal(0n);
          expect(await token.balanceOf(recipient.address, id)).to.equal(0n);
        }
        expect(await token.balanceOf(holder.address, 0xdeadbeefn)).to.equal(0n);
      });

      it("returns zero for the zero address instead of reverting (OZ 5 dropped the check)", async () => {
        const { token, ids } = await loadFixture(fundedToken);
        expect(await token.balanceOf(ethers.ZeroAddress, ids[0])).to.equal(0n);
      });

      it("returns the amount of tokens owned by the given address", async () => {
        const { token, ids, holder, recipient } = await loadFixture(fundedToken);
        for (let i = 0; i < 3; ++i) expect(await token.balanceOf(holder.address, ids[i])).to.equal(AMOUNTS[i]);
        expect(await token.balanceOf(recipient.address, ids[0])).to.equal(0n);
        expect(await token.balanceOf(holder.address, 0xdeadbeefn)).to.equal(0n);
      });
    });

    describe("balanceOfBatch", () => {
      it("reverts with ERC1155InvalidArrayLength(ids.length, accounts.length) when lengths differ", async () => {
        const { token, ids, holder, recipient } = await loadFixture(fundedToken);
        await expect(token.balanceOfBatch([holder.address, recipient.address, holder.address, recipient.address], ids))
          .to.be.revertedWithCustomError(token, "ERC1155InvalidArrayLength")
          .withArgs(3, 4);
        await expect(token.balanceOfBatch([holder.address, recipient.address], ids))
          .to.be.revertedWithCustomError(token, "ERC1155InvalidArrayLength")
          .withArgs(3, 2);
      });

      it("returns zeros for accounts that own nothing", async () => {
        const { token, ids, holder, recipient, other } = await loadFixture(emptyToken);
        expect(await token.balanceOfBatch([holder.address, recipient.address, other.address], ids)).to.deep.equal([
          0n,
          0n,
          0n,
        ]);
      });

      it("returns the amounts owned by each account, in the order passed", async () => {
        const { token, ids, holder, recipient } = await loadFixture(fundedToken);
        await token.connect(holder).safeTransferFrom(holder.address, recipient.address, ids[1], 500n, "0x");
        expect(
          await token.balanceOfBatch(
            [recipient.address, holder.address, holder.address, holder.address],
            [ids[1], ids[2], ids[1], ids[0]],
          ),
        ).to.deep.equal([500n, AMOUNTS[2], AMOUNTS[1] - 500n, AMOUNTS[0]]);
      });

      it("returns the same balance several times when asked several times", async () => {
        const { token, ids, holder, recipient } = await loadFixture(fundedToken);
        const result = await token.balanceOfBatch(
          [holder.address, recipient.address, holder.address],
          [ids[0], ids[1], ids[0]],
        );
        expect(result).to.deep.equal([AMOUNTS[0], 0n, AMOUNTS[0]]);
      });

      it("accepts the zero address (balance 0) and empty arrays (empty result)", async () => {
        const { token, ids, holder } = await loadFixture(fundedToken);
        expect(await token.balanceOfBatch([holder.address, ethers.ZeroAddress], [ids[0], ids[0]])).to.deep.equal([
          AMOUNTS[0],
          0n,
        ]);
        expect(await token.balanceOfBatch([], [])).to.deep.equal([]);
      });
    });

    describe("setApprovalForAll / isApprovedForAll", () => {
      it("sets the approval, queryable via isApprovedForAll, and emits ApprovalForAll", async () => {
        const { token, holder, operator } = await loadFixture(emptyToken);
        expect(await token.isApprovedForAll(holder.address, operator.address)).to.equal(false);
        await expect(token.connect(holder).setApprovalForAll(operator.address, true))
          .to.emit(token, "ApprovalForAll")
          .withArgs(holder.address, operator.address, true);
        expect(await token.isApprovedForAll(holder.address, operator.address)).to.equal(true);
      });

      it("unsets the approval and emits ApprovalForAll(…, false)", async () => {
        const { token, holder, operator } = await loadFixture(emptyToken);
        await token.connect(holder).setApprovalForAll(operator.address, true);
        await expect(token.connect(holder).setApprovalForAll(operator.address, false))
          .to.emit(token, "ApprovalForAll")
          .withArgs(holder.address, operator.address, false);
        expect(await token.isApprovedForAll(holder.address, operator.address)).to.equal(false);
      });

      it("is idempotent: approving twice keeps the approval and emits again", async () => {
        const { token, holder, operator } = await loadFixture(emptyToken);
        await token.connect(holder).setApprovalForAll(operator.address, true);
        await expect(token.connect(holder).setApprovalForAll(operator.address, true))
          .to.emit(token, "ApprovalForAll")
          .withArgs(holder.address, operator.address, true);
        expect(await token.isApprovedForAll(holder.address, operator.address)).to.equal(true);
      });

      it("is per owner: it does not make the operator approved for other accounts, nor the reverse", async () => {
        const { token, holder, operator, other } = await loadFixture(emptyToken);
        await token.connect(holder).setApprovalForAll(operator.address, true);
        expect(await token.isApprovedForAll(other.address, operator.address)).to.equal(false);
        expect(await token.isApprovedForAll(operator.address, holder.address)).to.equal(false);
        expect(await token.isApprovedForAll(holder.address, other.address)).to.equal(false);
      });

      it("reverts with ERC1155InvalidOperator for the zero address as operator", async () => {
        const { token, holder } = await loadFixture(emptyToken);
        await expect(token.connect(holder).setApprovalForAll(ethers.ZeroAddress, true))
          .to.be.revertedWithCustomError(token, "ERC1155InvalidOperator")
          .withArgs(ethers.ZeroAddress);
        await expect(token.connect(holder).setApprovalForAll(ethers.ZeroAddress, false))
          .to.be.revertedWithCustomError(token, "ERC1155InvalidOperator")
          .withArgs(ethers.ZeroAddress);
      });

      it("allows an account to approve itself (OZ 5 dropped the self-approval check)", async () => {
        const { token, holder } = await loadFixture(emptyToken);
        await expect(token.connect(holder).setApprovalForAll(holder.address, true))
          .to.emit(token, "ApprovalForAll")
          .withArgs(holder.address, holder.address, true);
        expect(await token.isApprovedForAll(holder.address, holder.address)).to.equal(true);
      });
    });

    describe("safeTransferFrom", () => {
      describe("when called by the holder", () => {
        it("debits the sender, credits the receiver and emits TransferSingle(holder, holder, to, id, value)", async () => {
          const { token, ids, holder, recipient } = await loadFixture(fundedToken);
          const value = 400n;
          await expect(token.connect(holder).safeTransferFrom(holder.address, recipient.address, ids[0], value, DATA))
            .to.emit(token, "TransferSingle")
            .withArgs(holder.address, holder.address, recipient.address, ids[0], value);
          expect(await token.balanceOf(holder.address, ids[0])).to.equal(AMOUNTS[0] - value);
          expect(await token.balanceOf(recipient.address, ids[0])).to.equal(value);
        });

        it("transfers the whole balance and leaves the holder's other ids untouched", async () => {
          const { token, ids, holder, recipient } = await loadFixture(fundedToken);
          await token.connect(holder).safeTransferFrom(holder.address, recipient.address, ids[0], AMOUNTS[0], "0x");
          expect(await token.balanceOf(holder.address, ids[0])).to.equal(0n);
          expect(await token.balanceOf(recipient.address, ids[0])).to.equal(AMOUNTS[0]);
          expect(await token.balanceOf(holder.address, ids[1])).to.equal(AMOUNTS[1]);
          expect(await token.balanceOf(recipient.address, ids[1])).to.equal(0n);
        });

        it("does not emit TransferBatch for a single transfer", async () => {
          const { token, ids, holder, recipient } = await loadFixture(fundedToken);
          await expect(
            token.connect(holder).safeTransferFrom(holder.address, recipient.address, ids[0], 1n, "0x"),
          ).not.to.emit(token, "TransferBatch");
        });
      });

      describe("when called by an operator on behalf of the holder", () => {
        it("reverts with ERC1155MissingApprovalForAll(operator, holder) when the operator is not approved", async () => {
          const { token, ids, holder, recipient, operator } = await loadFixture(fundedToken);
          await expect(
            token.connect(operator).safeTransferFrom(holder.address, recipient.address, ids[0], AMOUNTS[0], "0x"),
          )
            .to.be.revertedWithCustomError(token, "ERC1155MissingApprovalForAll")
            .withArgs(operator.address, holder.address);
        });

        it("reverts with ERC1155MissingApprovalForAll once the approval is revoked", async () => {
          const { token, ids, holder, recipient, operator } = await loadFixture(fundedToken);
          await token.connect(holder).setApprovalForAll(operator.address, true);
          await token.connect(holder).setApprovalForAll(operator.address, false);
          await expect(token.connect(operator).safeTransferFrom(holder.address, recipient.address, ids[0], 1n, "0x"))
            .to.be.revertedWithCustomError(token, "ERC1155MissingApprovalForAll")
            .withArgs(operator.address, holder.address);
        });

        it("reverts with ERC1155MissingApprovalForAll when approved by someone else only", async () => {
          const { token, ids, holder, recipient, operator, other } = await loadFixture(fundedToken);
          await token.connect(other).setApprovalForAll(operator.address, true);
          await expect(token.connect(operator).safeTransferFrom(holder.address, recipient.address, ids[0], 1n, "0x"))
            .to.be.revertedWithCustomError(token, "ERC1155MissingApprovalForAll")
            .withArgs(operator.address, holder.address);
        });

        it("transfers when approved, emitting TransferSingle with the operator, and leaves the operator's balances alone", async () => {
          const { token, ids, holder, recipient, operator } = await loadFixture(fundedToken);
          await token.connect(holder).setApprovalForAll(operator.address, true);
          await expect(
            token.connect(operator).safeTransferFrom(holder.address, recipient.address, ids[0], AMOUNTS[0], DATA),
          )
            .to.emit(token, "TransferSingle")
            .withArgs(operator.address, holder.address, recipient.address, ids[0], AMOUNTS[0]);
          expect(await token.balanceOf(holder.address, ids[0])).to.equal(0n);
          expect(await token.balanceOf(recipient.address, ids[0])).to.equal(AMOUNTS[0]);
          expect(await token.balanceOfBatch([operator.address, operator.address], [ids[0], ids[1]])).to.deep.equal([
            0n,
            0n,
          ]);
        });

        it("lets an approved operator send the holder's tokens to itself", async () => {
          const { token, ids, holder, operator } = await loadFixture(fundedToken);
          await token.connect(holder).setApprovalForAll(operator.address, true);
          await expect(token.connect(operator).safeTransferFrom(holder.address, operator.address, ids[1], 5n, "0x"))
            .to.emit(token, "TransferSingle")
            .withArgs(operator.address, holder.address, operator.address, ids[1], 5n);
          expect(await token.balanceOf(operator.address, ids[1])).to.equal(5n);
          expect(await token.balanceOf(holder.address, ids[1])).to.equal(AMOUNTS[1] - 5n);
        });
      });

      describe("errors", () => {
        it("reverts with ERC1155InsufficientBalance(sender, balance, needed, id) when sending more than the balance", async () => {
          const { token, ids, holder, recipient } = await loadFixture(fundedToken);
          await expect(
            token.connect(holder).safeTransferFrom(holder.address, recipient.address, ids[0], AMOUNTS[0] + 1n, "0x"),
          )
            .to.be.revertedWithCustomError(token, "ERC1155InsufficientBalance")
            .withArgs(holder.address, AMOUNTS[0], AMOUNTS[0] + 1n, ids[0]);
        });

        it("reverts with ERC1155InsufficientBalance(sender, 0, …) for an account holding nothing", async () => {
          const { token, ids, recipient, other } = await loadFixture(fundedToken);
          await expect(token.connect(other).safeTransferFrom(other.address, recipient.address, ids[2], 1n, "0x"))
            .to.be.revertedWithCustomError(token, "ERC1155InsufficientBalance")
            .withArgs(other.address, 0n, 1n, ids[2]);
        });

        it("reverts with ERC1155InsufficientBalance for an approved operator moving too much", async () => {
          const { token, ids, holder, recipient, operator } = await loadFixture(fundedToken);
          await token.connect(holder).setApprovalForAll(operator.address, true);
          await expect(
            token.connect(operator).safeTransferFrom(holder.address, recipient.address, ids[1], AMOUNTS[1] + 7n, "0x"),
          )
            .to.be.revertedWithCustomError(token, "ERC1155InsufficientBalance")
            .withArgs(holder.address, AMOUNTS[1], AMOUNTS[1] + 7n, ids[1]);
        });

        it("reverts with ERC1155InvalidReceiver(0) when sending to the zero address", async () => {
          const { token, ids, holder } = await loadFixture(fundedToken);
          await expect(token.connect(holder).safeTransferFrom(holder.address, ethers.ZeroAddress, ids[0], 1n, "0x"))
            .to.be.revertedWithCustomError(token, "ERC1155InvalidReceiver")
            .withArgs(ethers.ZeroAddress);
        });

        it("reverts with ERC1155MissingApprovalForAll(caller, 0) when an ordinary caller names the zero address as sender", async () => {
          const { token, ids, holder, recipient } = await loadFixture(fundedToken);
          await expect(token.connect(holder).safeTransferFrom(ethers.ZeroAddress, recipient.address, ids[0], 0n, "0x"))
            .to.be.revertedWithCustomError(token, "ERC1155MissingApprovalForAll")
            .withArgs(holder.address, ethers.ZeroAddress);
        });

        it("reverts with ERC1155InvalidSender(0) when the zero address itself sends (authorization passes)", async () => {
          const { token, ids, recipient } = await loadFixture(fundedToken);
          const zero = await zeroAddressSigner();
          await expect(token.connect(zero).safeTransferFrom(ethers.ZeroAddress, recipient.address, ids[0], 0n, "0x"))
            .to.be.revertedWithCustomError(token, "ERC1155InvalidSender")
            .withArgs(ethers.ZeroAddress);
        });
      });

      describe("edge cases", () => {
        it("allows a transfer of 0, emitting TransferSingle with value 0 and changing no balance", async () => {
          const { token, ids, holder, recipient } = await loadFixture(fundedToken);
          await expect(token.connect(holder).safeTransferFrom(holder.address, recipient.address, ids[0], 0n, "0x"))
            .to.emit(token, "TransferSingle")
            .withArgs(holder.address, holder.address, recipient.address, ids[0], 0n);
          expect(await token.balanceOf(holder.address, ids[0])).to.equal(AMOUNTS[0]);
          expect(await token.balanceOf(recipient.address, ids[0])).to.equal(0n);
        });

        it("allows a transfer of 0 by an account that holds nothing", async () => {
          const { token, ids, recipient, other } = await loadFixture(fundedToken);
          await expect(token.connect(other).safeTransferFrom(other.address, recipient.address, ids[2], 0n, "0x"))
            .to.emit(token, "TransferSingle")
            .withArgs(other.address, other.address, recipient.address, ids[2], 0n);
          expect(await token.balanceOf(other.address, ids[2])).to.equal(0n);
          expect(await token.balanceOf(recipient.address, ids[2])).to.equal(0n);
        });

        it("allows a self-transfer, which emits TransferSingle and leaves the balance unchanged", async () => {
          const { token, ids, holder } = await loadFixture(fundedToken);
          await expect(token.connect(holder).safeTransferFrom(holder.address, holder.address, ids[0], AMOUNTS[0], "0x"))
            .to.emit(token, "TransferSingle")
            .withArgs(holder.address, holder.address, holder.address, ids[0], AMOUNTS[0]);
          expect(await token.balanceOf(holder.address, ids[0])).to.equal(AMOUNTS[0]);
        });

        it("still checks the balance on a self-transfer", async () => {
          const { token, ids, holder } = await loadFixture(fundedToken);
          await expect(
            token.connect(holder).safeTransferFrom(holder.address, holder.address, ids[0], AMOUNTS[0] + 1n, "0x"),
          )
            .to.be.revertedWithCustomError(token, "ERC1155InsufficientBalance")
            .withArgs(holder.address, AMOUNTS[0], AMOUNTS[0] + 1n, ids[0]);
        });
      });

      describe("receivers", () => {
        it("to an EOA: transfers without calling anything", async () => {
          const { token, ids, holder, recipient } = await loadFixture(fundedToken);
          await expect(token.connect(holder).safeTransferFrom(holder.address, recipient.address, ids[0], 10n, DATA))
            .to.emit(token, "TransferSingle")
            .withArgs(holder.address, holder.address, recipient.address, ids[0], 10n);
          expect(await token.balanceOf(recipient.address, ids[0])).to.equal(10n);
        });

        it("to an accepting receiver: calls onERC1155Received(operator, from, id, value, data) and credits it", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.accepting.getAddress();
          const tx = token.connect(holder).safeTransferFrom(holder.address, to, ids[0], 10n, DATA);
          await expect(tx)
            .to.emit(receivers.accepting, "Received")
            .withArgs(holder.address, holder.address, ids[0], 10n, DATA);
          await expect(tx).to.emit(token, "TransferSingle").withArgs(holder.address, holder.address, to, ids[0], 10n);
          await expect(tx).not.to.emit(receivers.accepting, "BatchReceived");
          expect(await token.balanceOf(to, ids[0])).to.equal(10n);
          expect(await token.balanceOf(holder.address, ids[0])).to.equal(AMOUNTS[0] - 10n);
        });

        it("to an accepting receiver without data: passes empty data", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.accepting.getAddress();
          await expect(token.connect(holder).safeTransferFrom(holder.address, to, ids[1], 3n, "0x"))
            .to.emit(receivers.accepting, "Received")
            .withArgs(holder.address, holder.address, ids[1], 3n, "0x");
        });

        it("to an accepting receiver via an approved operator: the hook gets the operator and the holder", async () => {
          const { token, ids, holder, operator, receivers } = await loadFixture(fundedToken);
          const to = await receivers.accepting.getAddress();
          await token.connect(holder).setApprovalForAll(operator.address, true);
          await expect(token.connect(operator).safeTransferFrom(holder.address, to, ids[0], 10n, DATA))
            .to.emit(receivers.accepting, "Received")
            .withArgs(operator.address, holder.address, ids[0], 10n, DATA);
          expect(await token.balanceOf(to, ids[0])).to.equal(10n);
        });

        it("to an accepting receiver with value 0: still calls the hook", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.accepting.getAddress();
          await expect(token.connect(holder).safeTransferFrom(holder.address, to, ids[0], 0n, DATA))
            .to.emit(receivers.accepting, "Received")
            .withArgs(holder.address, holder.address, ids[0], 0n, DATA);
        });

        it("to a receiver rejecting with a custom error: the receiver's CustomError bubbles up", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.customError.getAddress();
          await expect(token.connect(holder).safeTransferFrom(holder.address, to, ids[0], 10n, DATA))
            .to.be.revertedWithCustomError(receivers.customError, "CustomError")
            .withArgs(RECEIVER_SINGLE_MAGIC_VALUE);
        });

        it("to a receiver reverting without message: reverts with ERC1155InvalidReceiver(receiver)", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.revertWithoutMessage.getAddress();
          await expect(token.connect(holder).safeTransferFrom(holder.address, to, ids[0], 10n, DATA))
            .to.be.revertedWithCustomError(token, "ERC1155InvalidReceiver")
            .withArgs(to);
        });

        it("to a receiver reverting with a message: reverts with that reason", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.revertWithMessage.getAddress();
          await expect(
            token.connect(holder).safeTransferFrom(holder.address, to, ids[0], 10n, DATA),
          ).to.be.revertedWith(RECEIVER_REVERT_REASON);
        });

        it("to a receiver that panics: reverts with panic 0x12 (division by zero)", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.panic.getAddress();
          await expect(
            token.connect(holder).safeTransferFrom(holder.address, to, ids[0], 10n, DATA),
          ).to.be.revertedWithPanic(PANIC_CODES.DIVISION_BY_ZERO);
        });

        it("to a receiver returning a wrong magic value: reverts with ERC1155InvalidReceiver(receiver)", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.wrongMagic.getAddress();
          await expect(token.connect(holder).safeTransferFrom(holder.address, to, ids[0], 10n, DATA))
            .to.be.revertedWithCustomError(token, "ERC1155InvalidReceiver")
            .withArgs(to);
        });

        it("to a receiver returning the batch magic value from the single hook: reverts with ERC1155InvalidReceiver", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.swappedMagic.getAddress();
          await expect(token.connect(holder).safeTransferFrom(holder.address, to, ids[0], 10n, DATA))
            .to.be.revertedWithCustomError(token, "ERC1155InvalidReceiver")
            .withArgs(to);
        });

        it("to a contract without the receiver hooks: reverts with ERC1155InvalidReceiver(contract)", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.noHooks.getAddress();
          await expect(token.connect(holder).safeTransferFrom(holder.address, to, ids[0], 10n, DATA))
            .to.be.revertedWithCustomError(token, "ERC1155InvalidReceiver")
            .withArgs(to);
        });

        it("a rejected transfer leaves both balances unchanged", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.wrongMagic.getAddress();
          await expect(token.connect(holder).safeTransferFrom(holder.address, to, ids[0], 10n, DATA)).to.be.reverted;
          expect(await token.balanceOf(holder.address, ids[0])).to.equal(AMOUNTS[0]);
          expect(await token.balanceOf(to, ids[0])).to.equal(0n);
        });
      });
    });

    describe("safeBatchTransferFrom", () => {
      describe("when called by the holder", () => {
        it("debits and credits every id and emits TransferBatch(holder, holder, to, ids, values)", async () => {
          const { token, ids, holder, recipient } = await loadFixture(fundedToken);
          const values = [100n, 200n, AMOUNTS[2]];
          await expect(token.connect(holder).safeBatchTransferFrom(holder.address, recipient.address, ids, values, DATA))
            .to.emit(token, "TransferBatch")
            .withArgs(holder.address, holder.address, recipient.address, ids, values);
          expect(await token.balanceOfBatch([holder.address, holder.address, holder.address], ids)).to.deep.equal([
            AMOUNTS[0] - 100n,
            AMOUNTS[1] - 200n,
            0n,
          ]);
          expect(await token.balanceOfBatch([recipient.address, recipient.address, recipient.address], ids)).to.deep.equal(
            values,
          );
        });

        it("transfers a subset of ids in any order, leaving the others untouched", async () => {
          const { token, ids, holder, recipient } = await loadFixture(fundedToken);
          await expect(
            token.connect(holder).safeBatchTransferFrom(holder.address, recipient.address, [ids[2], ids[0]], [30n, 10n], "0x"),
          )
            .to.emit(token, "TransferBatch")
            .withArgs(holder.address, holder.address, recipient.address, [ids[2], ids[0]], [30n, 10n]);
          expect(await token.balanceOf(holder.address, ids[1])).to.equal(AMOUNTS[1]);
          expect(await token.balanceOf(recipient.address, ids[1])).to.equal(0n);
          expect(await token.balanceOfBatch([recipient.address, recipient.address], [ids[0], ids[2]])).to.deep.equal([
            10n,
            30n,
          ]);
        });

        it("handles a repeated id by applying each entry in turn", async () => {
          const { token, ids, holder, recipient } = await loadFixture(fundedToken);
          await expect(
            token
              .connect(holder)
              .safeBatchTransferFrom(holder.address, recipient.address, [ids[0], ids[0]], [AMOUNTS[0] - 1n, 1n], "0x"),
          )
            .to.emit(token, "TransferBatch")
            .withArgs(holder.address, holder.address, recipient.address, [ids[0], ids[0]], [AMOUNTS[0] - 1n, 1n]);
          expect(await token.balanceOf(holder.address, ids[0])).to.equal(0n);
          expect(await token.balanceOf(recipient.address, ids[0])).to.equal(AMOUNTS[0]);
        });

        it("with a single id emits TransferSingle (not TransferBatch), as OZ 5 does", async () => {
          const { token, ids, holder, recipient } = await loadFixture(fundedToken);
          const tx = token.connect(holder).safeBatchTransferFrom(holder.address, recipient.address, [ids[1]], [7n], "0x");
          await expect(tx)
            .to.emit(token, "TransferSingle")
            .withArgs(holder.address, holder.address, recipient.address, ids[1], 7n);
          await expect(tx).not.to.emit(token, "TransferBatch");
          expect(await token.balanceOf(recipient.address, ids[1])).to.equal(7n);
        });

        it("with empty arrays emits an empty TransferBatch and changes nothing", async () => {
          const { token, ids, holder, recipient } = await loadFixture(fundedToken);
          await expect(token.connect(holder).safeBatchTransferFrom(holder.address, recipient.address, [], [], "0x"))
            .to.emit(token, "TransferBatch")
            .withArgs(holder.address, holder.address, recipient.address, [], []);
          expect(await token.balanceOf(holder.address, ids[0])).to.equal(AMOUNTS[0]);
        });
      });

      describe("when called by an operator on behalf of the holder", () => {
        it("reverts with ERC1155MissingApprovalForAll(operator, holder) when the operator is not approved", async () => {
          const { token, ids, holder, recipient, operator } = await loadFixture(fundedToken);
          await expect(
            token.connect(operator).safeBatchTransferFrom(holder.address, recipient.address, ids, [...AMOUNTS], "0x"),
          )
            .to.be.revertedWithCustomError(token, "ERC1155MissingApprovalForAll")
            .withArgs(operator.address, holder.address);
        });

        it("reverts with ERC1155MissingApprovalForAll once the approval is revoked", async () => {
          const { token, ids, holder, recipient, operator } = await loadFixture(fundedToken);
          await token.connect(holder).setApprovalForAll(operator.address, true);
          await token.connect(holder).setApprovalForAll(operator.address, false);
          await expect(
            token.connect(operator).safeBatchTransferFrom(holder.address, recipient.address, ids, [1n, 1n, 1n], "0x"),
          )
            .to.be.revertedWithCustomError(token, "ERC1155MissingApprovalForAll")
            .withArgs(operator.address, holder.address);
        });

        it("transfers when approved, emitting TransferBatch with the operator, and leaves the operator's balances alone", async () => {
          const { token, ids, holder, recipient, operator } = await loadFixture(fundedToken);
          await token.connect(holder).setApprovalForAll(operator.address, true);
          const values = [...AMOUNTS];
          await expect(token.connect(operator).safeBatchTransferFrom(holder.address, recipient.address, ids, values, DATA))
            .to.emit(token, "TransferBatch")
            .withArgs(operator.address, holder.address, recipient.address, ids, values);
          expect(await token.balanceOfBatch([holder.address, holder.address, holder.address], ids)).to.deep.equal([
            0n,
            0n,
            0n,
          ]);
          expect(await token.balanceOfBatch([recipient.address, recipient.address, recipient.address], ids)).to.deep.equal(
            values,
          );
          expect(await token.balanceOfBatch([operator.address, operator.address, operator.address], ids)).to.deep.equal([
            0n,
            0n,
            0n,
          ]);
        });
      });

      describe("errors", () => {
        it("reverts with ERC1155InvalidArrayLength(ids.length, values.length) when lengths differ", async () => {
          const { token, ids, holder, recipient } = await loadFixture(fundedToken);
          await expect(
            token.connect(holder).safeBatchTransferFrom(holder.address, recipient.address, ids, [1n, 1n], "0x"),
          )
            .to.be.revertedWithCustomError(token, "ERC1155InvalidArrayLength")
            .withArgs(3, 2);
          await expect(
            token.connect(holder).safeBatchTransferFrom(holder.address, recipient.address, [ids[0]], [1n, 1n], "0x"),
          )
            .to.be.revertedWithCustomError(token, "ERC1155InvalidArrayLength")
            .withArgs(1, 2);
        });

        it("reverts with ERC1155InsufficientBalance naming the first id that is short", async () => {
          const { token, ids, holder, recipient } = await loadFixture(fundedToken);
          await expect(
            token
              .connect(holder)
              .safeBatchTransferFrom(holder.address, recipient.address, ids, [AMOUNTS[0], AMOUNTS[1] + 1n, 1n], "0x"),
          )
            .to.be.revertedWithCustomError(token, "ERC1155InsufficientBalance")
            .withArgs(holder.address, AMOUNTS[1], AMOUNTS[1] + 1n, ids[1]);
          expect(await token.balanceOf(holder.address, ids[0])).to.equal(AMOUNTS[0]);
        });

        it("reverts with ERC1155InsufficientBalance(…, remaining, …) when a repeated id overdraws", async () => {
          const { token, ids, holder, recipient } = await loadFixture(fundedToken);
          await expect(
            token
              .connect(holder)
              .safeBatchTransferFrom(holder.address, recipient.address, [ids[0], ids[0]], [AMOUNTS[0], 1n], "0x"),
          )
            .to.be.revertedWithCustomError(token, "ERC1155InsufficientBalance")
            .withArgs(holder.address, 0n, 1n, ids[0]);
        });

        it("reverts with ERC1155InvalidReceiver(0) when sending to the zero address", async () => {
          const { token, ids, holder } = await loadFixture(fundedToken);
          await expect(
            token.connect(holder).safeBatchTransferFrom(holder.address, ethers.ZeroAddress, ids, [1n, 1n, 1n], "0x"),
          )
            .to.be.revertedWithCustomError(token, "ERC1155InvalidReceiver")
            .withArgs(ethers.ZeroAddress);
        });

        it("reverts with ERC1155MissingApprovalForAll(caller, 0) when an ordinary caller names the zero address as sender", async () => {
          const { token, ids, holder, recipient } = await loadFixture(fundedToken);
          await expect(
            token.connect(holder).safeBatchTransferFrom(ethers.ZeroAddress, recipient.address, ids, [0n, 0n, 0n], "0x"),
          )
            .to.be.revertedWithCustomError(token, "ERC1155MissingApprovalForAll")
            .withArgs(holder.address, ethers.ZeroAddress);
        });

        it("reverts with ERC1155InvalidSender(0) when the zero address itself sends (authorization passes)", async () => {
          const { token, ids, recipient } = await loadFixture(fundedToken);
          const zero = await zeroAddressSigner();
          await expect(
            token.connect(zero).safeBatchTransferFrom(ethers.ZeroAddress, recipient.address, ids, [0n, 0n, 0n], "0x"),
          )
            .to.be.revertedWithCustomError(token, "ERC1155InvalidSender")
            .withArgs(ethers.ZeroAddress);
        });
      });

      describe("edge cases", () => {
        it("allows values of 0, emitting TransferBatch with them and changing no balance", async () => {
          const { token, ids, holder, recipient } = await loadFixture(fundedToken);
          await expect(
            token.connect(holder).safeBatchTransferFrom(holder.address, recipient.address, ids, [0n, 0n, 0n], "0x"),
          )
            .to.emit(token, "TransferBatch")
            .withArgs(holder.address, holder.address, recipient.address, ids, [0n, 0n, 0n]);
          expect(await token.balanceOfBatch([holder.address, holder.address, holder.address], ids)).to.deep.equal([
            ...AMOUNTS,
          ]);
          expect(await token.balanceOfBatch([recipient.address, recipient.address, recipient.address], ids)).to.deep.equal(
            [0n, 0n, 0n],
          );
        });

        it("allows a self-transfer, which emits TransferBatch and leaves the balances unchanged", async () => {
          const { token, ids, holder } = await loadFixture(fundedToken);
          await expect(token.connect(holder).safeBatchTransferFrom(holder.address, holder.address, ids, [...AMOUNTS], "0x"))
            .to.emit(token, "TransferBatch")
            .withArgs(holder.address, holder.address, holder.address, ids, [...AMOUNTS]);
          expect(await token.balanceOfBatch([holder.address, holder.address, holder.address], ids)).to.deep.equal([
            ...AMOUNTS,
          ]);
        });
      });

      describe("receivers", () => {
        const VALUES = [10n, 20n, 30n];

        it("to an EOA: transfers without calling anything", async () => {
          const { token, ids, holder, recipient } = await loadFixture(fundedToken);
          await expect(token.connect(holder).safeBatchTransferFrom(holder.address, recipient.address, ids, VALUES, DATA))
            .to.emit(token, "TransferBatch")
            .withArgs(holder.address, holder.address, recipient.address, ids, VALUES);
          expect(await token.balanceOfBatch([recipient.address, recipient.address, recipient.address], ids)).to.deep.equal(
            VALUES,
          );
        });

        it("to an accepting receiver: calls onERC1155BatchReceived(operator, from, ids, values, data) and credits it", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.accepting.getAddress();
          const tx = token.connect(holder).safeBatchTransferFrom(holder.address, to, ids, VALUES, DATA);
          await expect(tx)
            .to.emit(receivers.accepting, "BatchReceived")
            .withArgs(holder.address, holder.address, ids, VALUES, DATA);
          await expect(tx).to.emit(token, "TransferBatch").withArgs(holder.address, holder.address, to, ids, VALUES);
          await expect(tx).not.to.emit(receivers.accepting, "Received");
          expect(await token.balanceOfBatch([to, to, to], ids)).to.deep.equal(VALUES);
        });

        it("to an accepting receiver via an approved operator: the hook gets the operator and the holder", async () => {
          const { token, ids, holder, operator, receivers } = await loadFixture(fundedToken);
          const to = await receivers.accepting.getAddress();
          await token.connect(holder).setApprovalForAll(operator.address, true);
          await expect(token.connect(operator).safeBatchTransferFrom(holder.address, to, ids, VALUES, "0x"))
            .to.emit(receivers.accepting, "BatchReceived")
            .withArgs(operator.address, holder.address, ids, VALUES, "0x");
          expect(await token.balanceOfBatch([to, to, to], ids)).to.deep.equal(VALUES);
        });

        it("to an accepting receiver with a single id: calls onERC1155BatchReceived, not onERC1155Received", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.accepting.getAddress();
          const tx = token.connect(holder).safeBatchTransferFrom(holder.address, to, [ids[2]], [9n], DATA);
          await expect(tx)
            .to.emit(receivers.accepting, "BatchReceived")
            .withArgs(holder.address, holder.address, [ids[2]], [9n], DATA);
          await expect(tx).not.to.emit(receivers.accepting, "Received");
          expect(await token.balanceOf(to, ids[2])).to.equal(9n);
        });

        it("to a receiver rejecting with a custom error: the receiver's CustomError bubbles up", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.customError.getAddress();
          await expect(token.connect(holder).safeBatchTransferFrom(holder.address, to, ids, VALUES, DATA))
            .to.be.revertedWithCustomError(receivers.customError, "CustomError")
            .withArgs(RECEIVER_BATCH_MAGIC_VALUE);
        });

        it("to a receiver reverting without message: reverts with ERC1155InvalidReceiver(receiver)", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.revertWithoutMessage.getAddress();
          await expect(token.connect(holder).safeBatchTransferFrom(holder.address, to, ids, VALUES, DATA))
            .to.be.revertedWithCustomError(token, "ERC1155InvalidReceiver")
            .withArgs(to);
        });

        it("to a receiver reverting with a message: reverts with that reason", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.revertWithMessage.getAddress();
          await expect(
            token.connect(holder).safeBatchTransferFrom(holder.address, to, ids, VALUES, DATA),
          ).to.be.revertedWith(RECEIVER_REVERT_REASON);
        });

        it("to a receiver that panics: reverts with panic 0x12 (division by zero)", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.panic.getAddress();
          await expect(
            token.connect(holder).safeBatchTransferFrom(holder.address, to, ids, VALUES, DATA),
          ).to.be.revertedWithPanic(PANIC_CODES.DIVISION_BY_ZERO);
        });

        it("to a receiver returning a wrong magic value: reverts with ERC1155InvalidReceiver(receiver)", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.wrongMagic.getAddress();
          await expect(token.connect(holder).safeBatchTransferFrom(holder.address, to, ids, VALUES, DATA))
            .to.be.revertedWithCustomError(token, "ERC1155InvalidReceiver")
            .withArgs(to);
        });

        it("to a receiver returning the single magic value from the batch hook: reverts with ERC1155InvalidReceiver", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.swappedMagic.getAddress();
          await expect(token.connect(holder).safeBatchTransferFrom(holder.address, to, ids, VALUES, DATA))
            .to.be.revertedWithCustomError(token, "ERC1155InvalidReceiver")
            .withArgs(to);
        });

        it("to a contract without the receiver hooks: reverts with ERC1155InvalidReceiver(contract)", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.noHooks.getAddress();
          await expect(token.connect(holder).safeBatchTransferFrom(holder.address, to, ids, VALUES, DATA))
            .to.be.revertedWithCustomError(token, "ERC1155InvalidReceiver")
            .withArgs(to);
        });

        it("a rejected batch transfer leaves all balances unchanged", async () => {
          const { token, ids, holder, receivers } = await loadFixture(fundedToken);
          const to = await receivers.customError.getAddress();
          await expect(token.connect(holder).safeBatchTransferFrom(holder.address, to, ids, VALUES, DATA)).to.be.reverted;
          expect(await token.balanceOfBatch([holder.address, holder.address, holder.address], ids)).to.deep.equal([
            ...AMOUNTS,
          ]);
          expect(await token.balanceOfBatch([to, to, to], ids)).to.deep.equal([0n, 0n, 0n]);
        });
      });
    });

    describe("ERC-165 supportsInterface", () => {
      it("uses the interface ids the EIPs fix (checked against the ABIs)", async () => {
        expect(interfaceId(IERC165__factory.createInterface(), ["supportsInterface"])).to.equal(INTERFACE_IDS.ERC165);
        expect(
          interfaceId(IERC1155__factory.createInterface(), [
            "balanceOf",
            "balanceOfBatch",
            "setApprovalForAll",
            "isApprovedForAll",
            "safeTransferFrom",
            "safeBatchTransferFrom",
          ]),
        ).to.equal(INTERFACE_IDS.ERC1155);
        expect(interfaceId(IERC1155MetadataURI__factory.createInterface(), ["uri"])).to.equal(
          INTERFACE_IDS.ERC1155MetadataURI,
        );
      });

      it("supports ERC165 (0x01ffc9a7)", async () => {
        const { token } = await loadFixture(emptyToken);
        expect(await token.supportsInterface(INTERFACE_IDS.ERC165)).to.equal(true);
      });

      it("supports ERC1155 (0xd9b67a26)", async () => {
        const { token } = await loadFixture(emptyToken);
        expect(await token.supportsInterface(INTERFACE_IDS.ERC1155)).to.equal(true);
      });

      it("supports ERC1155MetadataURI (0x0e89341c)", async () => {
        const { token } = await loadFixture(emptyToken);
        expect(await token.supportsInterface(INTERFACE_IDS.ERC1155MetadataURI)).to.equal(true);
      });

      it("does not support 0xffffffff (ERC-165 requires false)", async () => {
        const { token } = await loadFixture(emptyToken);
        expect(await token.supportsInterface(INTERFACE_IDS.invalid)).to.equal(false);
      });

      it("does not support the receiver interface it does not implement", async () => {
        const { token } = await loadFixture(emptyToken);
        const receiverId = interfaceId(receiverInterface, ["onERC1155Received", "onERC1155BatchReceived"]);
        expect(await token.supportsInterface(receiverId)).to.equal(false);
      });
    });
  });
}

/** A signer for the zero address (impersonated and funded), to reach ERC1155InvalidSender. */
async function zeroAddressSigner(): Promise<HardhatEthersSigner> {
  await impersonateAccount(ethers.ZeroAddress);
  await setBalance(ethers.ZeroAddress, ethers.parseEther("10"));
  return ethers.getSigner(ethers.ZeroAddress);
}
