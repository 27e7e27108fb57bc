import { expect } from "chai";
import { ethers, network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import {
  ERC1155InsufficientBalanceError,
  ERC20InsufficientBalanceError,
  InvalidArgumentError,
  OpenTonne,
  SignerRequiredError,
} from "../../sdk";
import { CREDIT } from "../helpers/fixtures";
import { USD, tradingSetup, type TradingSystem } from "./tradingFixtures";

async function now(): Promise<bigint> {
  return BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
}

/** Runs `write` and expects it to fail with `ErrorClass` having sent nothing from `who`. */
async function failsWithoutSending<E>(who: HardhatEthersSigner, write: () => Promise<unknown>, ErrorClass: new (...a: never[]) => E): Promise<E> {
  const nonce = await ethers.provider.getTransactionCount(who.address);
  const block = await ethers.provider.getBlockNumber();
  const err = await write().catch((e: unknown) => e);
  expect(err).to.be.instanceOf(ErrorClass);
  expect(await ethers.provider.getTransactionCount(who.address), "nonce").to.equal(nonce);
  expect(await ethers.provider.getBlockNumber(), "blocks").to.equal(block);
  return err as E;
}

async function aliceListing(sys: TradingSystem, alice: OpenTonne) {
  return alice.market.createListing(
    { batchId: sys.b2020a, amount: 100n * CREDIT, pricePerCredit: 10n * USD, paymentToken: sys.usdAddress, expiry: (await now()) + 86_400n },
    { approve: true },
  );
}

describe("SDK: writes — no wasted approval, lifecycle (onSent, overrides), prepare form", () => {
  describe("{ approve: true } checks what the approval cannot fix before sending it", () => {
    it("a buyer without payment tokens gets ERC20InsufficientBalanceError and no approval is mined (buy, createTender)", async () => {
      const { sys, as } = await tradingSetup();
      const { listingId } = await aliceListing(sys, await as(sys.alice));
      const poor = await as(sys.feeRecipient); // holds no MockUSD
      const listing = await poor.market.getListing(listingId);
      const err = await failsWithoutSending(sys.feeRecipient, () => poor.market.buy(listingId, 5n * CREDIT, listing, { approve: true }), ERC20InsufficientBalanceError);
      expect(err).to.deep.include({ sender: sys.feeRecipient.address, balance: 0n, needed: 50n * USD });
      expect(err.message).to.match(/^market\.buy would revert/);
      const tender = { paymentToken: sys.usdAddress, creditsRequired: 10n * CREDIT, maxPricePerCredit: USD, deadline: (await now()) + 86_400n };
      await failsWithoutSending(sys.feeRecipient, () => poor.market.createTender(tender, { approve: true }), ERC20InsufficientBalanceError);
      expect(await sys.usd.allowance(sys.feeRecipient.address, sys.marketAddress)).to.equal(0n);
    });

    it("a seller without the credits gets ERC1155InsufficientBalanceError and no setApprovalForAll is mined", async () => {
      const { sys, as } = await tradingSetup();
      const carol = await as(sys.carol); // holds no credits
      const input = { batchId: sys.b2020a, amount: CREDIT, pricePerCredit: USD, paymentToken: sys.usdAddress, expiry: (await now()) + 86_400n };
      const err = await failsWithoutSending(sys.carol, () => carol.market.createListing(input, { approve: true }), ERC1155InsufficientBalanceError);
      expect(err).to.deep.include({ sender: sys.carol.address, balance: 0n, needed: CREDIT, tokenId: sys.b2020a });
      expect(await sys.credits.isApprovedForAll(sys.carol.address, sys.marketAddress)).to.equal(false);
    });
  });

  describe("lifecycle", () => {
    it("onSent(hash) is called once the transaction is broadcast, before it is mined", async () => {
      const { sys, as } = await tradingSetup();
      const alice = await as(sys.alice);
      let seen: string | undefined;
      let receiptAtSend: unknown = "unset";
      await network.provider.send("evm_setAutomine", [false]);
      try {
        const pending = alice.credits.retire(sys.b2020a, CREDIT, {}, {
          onSent: (hash) => {
            seen = hash;
          },
        });
        while (seen === undefined) await new Promise((r) => setTimeout(r, 10));
        receiptAtSend = await ethers.provider.getTransactionReceipt(seen);
        await network.provider.send("evm_mine", []);
        const done = await pending;
        expect(done.hash).to.equal(seen);
      } finally {
        await network.provider.send("evm_setAutomine", [true]);
      }
      expect(receiptAtSend).to.equal(null);
    });

    it("ethers overrides (gasLimit, fees, nonce) reach the transaction; from/to/data/value are refused", async () => {
      const { sys, as } = await tradingSetup();
      const alice = await as(sys.alice);
      const nonce = await ethers.provider.getTransactionCount(sys.alice.address);
      const overrides = { gasLimit: 400_000n, maxFeePerGas: 50n * 10n ** 9n, maxPriorityFeePerGas: 10n ** 9n, nonce };
      const { hash } = await alice.credits.retire(sys.b2020a, CREDIT, {}, { overrides });
      const tx = await ethers.provider.getTransaction(hash);
      expect(tx).to.deep.include({ gasLimit: 400_000n, maxFeePerGas: 50n * 10n ** 9n, maxPriorityFeePerGas: 10n ** 9n, nonce });
      for (const key of ["from", "to", "data", "value"]) {
        const err = await alice.credits.retire(sys.b2020a, CREDIT, {}, { overrides: { [key]: sys.bob.address } as never }).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(InvalidArgumentError);
        expect((err as InvalidArgumentError).argument).to.equal(`options.overrides.${key}`);
      }
    });
  });

  describe("prepare form", () => {
    it("prepare.<write> returns the simulated { to, data, value, from } and sends nothing; the tx then works as is", async () => {
      const { sys, as } = await tradingSetup();
      const alice = await as(sys.alice);
      const nonce = await ethers.provider.getTransactionCount(sys.alice.address);
      const prepared = await alice.credits.prepare.retire(sys.b2020a, 2n * CREDIT, { beneficiaryName: "Acme" });
      expect(prepared.to).to.equal(sys.deployment.credits);
      expect(prepared.from).to.equal(sys.alice.address);
      expect(prepared.value).to.equal(0n);
      expect(prepared.data).to.match(/^0x[0-9a-f]{8}/);
      expect(await ethers.provider.getTransactionCount(sys.alice.address)).to.equal(nonce);
      const before = await sys.credits.balanceOf(sys.alice.address, sys.b2020a);
      await (await sys.alice.sendTransaction(prepared)).wait();
      expect(await sys.credits.balanceOf(sys.alice.address, sys.b2020a)).to.equal(before - 2n * CREDIT);
    });

    it("prepare with { from } needs no signer and simulates as that account (a revert is its typed error)", async () => {
      const { sys } = await tradingSetup();
      const reader = await OpenTonne.connect(ethers.provider, { addresses: sys.deployment });
      const ok = await reader.credits.prepare.retire(sys.b2020a, CREDIT, {}, { from: sys.alice.address });
      expect(ok.from).to.equal(sys.alice.address);
      const err = await reader.credits.prepare.retire(sys.b2020a, CREDIT, {}, { from: sys.carol.address }).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ERC1155InsufficientBalanceError);
      expect(await reader.credits.prepare.retire(sys.b2020a, CREDIT).catch((e: unknown) => e)).to.be.instanceOf(SignerRequiredError);
      expect(await reader.credits.retire(sys.b2020a, CREDIT, {}, { from: sys.alice.address }).catch((e: unknown) => e)).to.be.instanceOf(SignerRequiredError);
      const approveErr = await reader.market
        .prepare.buy(1n, CREDIT, { pricePerCredit: USD }, { approve: true, from: sys.carol.address })
        .catch((e: unknown) => e);
      expect(approveErr).to.be.instanceOf(InvalidArgumentError);
    });
  });
});
