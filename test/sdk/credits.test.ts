import { expect } from "chai";
import { ethers } from "hardhat";
import {
  AccessControlUnauthorizedAccountError,
  CarbonCreditsInsufficientProjectBalanceError,
  CarbonCreditsUnknownRetirementError,
  ERC1155InsufficientBalanceError,
  ERC1155MissingApprovalForAllError,
  EnforcedPauseError,
  InvalidArgumentError,
  RegistryExceedsBatchSupplyError,
  RegistryUnknownProjectError,
  USE_REASON,
} from "../../sdk";
import { CREDIT, ROLES } from "../helpers/fixtures";
import { HELD_2020A, HELD_2020B, HELD_2022, tradingSetup } from "./tradingFixtures";

describe("SDK: credits", () => {
  describe("reads", () => {
    it("balanceOf, holdings and totalSupply read balances per batch", async () => {
      const { sys, as } = await tradingSetup();
      const ot = await as(sys.outsider);
      expect(await ot.credits.balanceOf(sys.alice.address, sys.b2020a)).to.equal(HELD_2020A);
      expect(await ot.credits.holdings(sys.alice.address, [sys.b2022, sys.b2020b, 999n])).to.deep.equal([
        { batchId: sys.b2022, amount: HELD_2022 },
        { batchId: sys.b2020b, amount: HELD_2020B },
        { batchId: 999n, amount: 0n },
      ]);
      expect(await ot.credits.holdings(sys.alice.address, [])).to.deep.equal([]);
      expect(await ot.credits.totalSupply(sys.b2020a)).to.equal(2n * HELD_2020A);
      expect(await ot.credits.totalSupply(999n)).to.equal(0n);
    });

    it("balancesOfProject groups a holder's batches by vintage, oldest first", async () => {
      const { sys, as } = await tradingSetup();
      const ot = await as(sys.outsider);
      const p = await ot.credits.balancesOfProject(sys.alice.address, sys.tradeProjectId);
      expect(p).to.deep.equal({
        projectId: sys.tradeProjectId,
        account: sys.alice.address,
        total: HELD_2020A + HELD_2020B + HELD_2022,
        vintages: [
          {
            vintage: 2020,
            amount: HELD_2020A + HELD_2020B,
            batches: [
              { batchId: sys.b2020a, amount: HELD_2020A },
              { batchId: sys.b2020b, amount: HELD_2020B },
            ],
          },
          { vintage: 2022, amount: HELD_2022, batches: [{ batchId: sys.b2022, amount: HELD_2022 }] },
        ],
      });
      const empty = await ot.credits.balancesOfProject(sys.carol.address, sys.tradeProjectId);
      expect(empty).to.deep.equal({ projectId: sys.tradeProjectId, account: sys.carol.address, total: 0n, vintages: [] });
      const err = await ot.credits.balancesOfProject(sys.alice.address, 999n).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(RegistryUnknownProjectError);
      expect((err as RegistryUnknownProjectError).projectId).to.equal(999n);
    });

    it("previewRetireProject takes the oldest vintage first; too much decodes CarbonCreditsInsufficientProjectBalanceError", async () => {
      const { sys, as } = await tradingSetup();
      const ot = await as(sys.outsider);
      const amount = HELD_2020A + HELD_2020B + 1n;
      expect(await ot.credits.previewRetireProject(sys.alice.address, sys.tradeProjectId, amount)).to.deep.equal([
        { batchId: sys.b2020a, amount: HELD_2020A },
        { batchId: sys.b2020b, amount: HELD_2020B },
        { batchId: sys.b2022, amount: 1n },
      ]);
      const all = HELD_2020A + HELD_2020B + HELD_2022;
      const err = await ot.credits.previewRetireProject(sys.alice.address, sys.tradeProjectId, all + 1n).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(CarbonCreditsInsufficientProjectBalanceError);
      const e = err as CarbonCreditsInsufficientProjectBalanceError;
      expect([e.holder, e.projectId, e.requested, e.available]).to.deep.equal([sys.alice.address, sys.tradeProjectId, all + 1n, all]);
    });

    it("getRetirement of an unknown id decodes CarbonCreditsUnknownRetirementError", async () => {
      const { sys, as } = await tradingSetup();
      const ot = await as(sys.outsider);
      const next = (await ot.credits.retirementCount()) + 1n;
      const err = await ot.credits.getRetirement(next).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(CarbonCreditsUnknownRetirementError);
      expect((err as CarbonCreditsUnknownRetirementError).retirementId).to.equal(next);
      expect((err as CarbonCreditsUnknownRetirementError).action).to.equal("credits.getRetirement");
    });
  });

  describe("issuance", () => {
    it("mint adds to a batch (ISSUER); above the batch supply decodes RegistryExceedsBatchSupplyError from the nested registry call", async () => {
      const { sys, as } = await tradingSetup();
      const issuer = await as(sys.issuer);
      await issuer.credits.mint(sys.carol.address, sys.b2022, 5n * CREDIT);
      expect(await sys.credits.balanceOf(sys.carol.address, sys.b2022)).to.equal(5n * CREDIT);
      const err = await issuer.credits.mint(sys.carol.address, sys.b2022, 10_000n * CREDIT).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(RegistryExceedsBatchSupplyError);
      const e = err as RegistryExceedsBatchSupplyError;
      expect([e.batchId, e.requested]).to.deep.equal([sys.b2022, 10_000n * CREDIT]);
      const denied = await (await as(sys.alice)).credits.mint(sys.alice.address, sys.b2022, 1n).catch((e: unknown) => e);
      expect(denied).to.be.instanceOf(AccessControlUnauthorizedAccountError);
      expect((denied as AccessControlUnauthorizedAccountError).neededRole).to.equal(ROLES.ISSUER);
    });

    it("mintProject spills from the oldest vintage with supply into the next and returns the breakdown", async () => {
      const { sys, as } = await tradingSetup();
      const issuer = await as(sys.issuer);
      const left2020a = 10_000n * CREDIT - 2n * HELD_2020A;
      const { minted } = await issuer.credits.mintProject(sys.carol.address, sys.tradeProjectId, left2020a + 3n);
      expect(minted).to.deep.equal([
        { batchId: sys.b2020a, amount: left2020a },
        { batchId: sys.b2020b, amount: 3n },
      ]);
      expect(await sys.credits.balanceOf(sys.carol.address, sys.b2020a)).to.equal(left2020a);
      expect(await sys.credits.balanceOf(sys.carol.address, sys.b2020b)).to.equal(3n);
      const single = await issuer.credits.mintProject(sys.dave.address, sys.tradeProjectId, 7n);
      expect(single.minted).to.deep.equal([{ batchId: sys.b2020b, amount: 7n }]);
    });
  });

  describe("transfers", () => {
    it("transfer and transferBatch move the signer's credits", async () => {
      const { sys, as } = await tradingSetup();
      const alice = await as(sys.alice);
      await alice.credits.transfer(sys.carol.address, sys.b2020a, 10n * CREDIT);
      await alice.credits.transferBatch(sys.carol.address, [
        { batchId: sys.b2020b, amount: 1n },
        { batchId: sys.b2022, amount: 2n },
      ]);
      expect(await sys.credits.balanceOf(sys.carol.address, sys.b2020a)).to.equal(10n * CREDIT);
      expect(await sys.credits.balanceOf(sys.alice.address, sys.b2020a)).to.equal(HELD_2020A - 10n * CREDIT);
      expect(await sys.credits.balanceOf(sys.carol.address, sys.b2020b)).to.equal(1n);
      expect(await sys.credits.balanceOf(sys.carol.address, sys.b2022)).to.equal(2n);
    });

    it("transfer above the balance decodes ERC1155InsufficientBalanceError with typed fields, and sends nothing", async () => {
      const { sys, as } = await tradingSetup();
      const alice = await as(sys.alice);
      const before = await ethers.provider.getBlockNumber();
      const err = await alice.credits.transfer(sys.carol.address, sys.b2022, HELD_2022 + 1n).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ERC1155InsufficientBalanceError);
      const e = err as ERC1155InsufficientBalanceError;
      expect([e.sender, e.balance, e.needed, e.tokenId]).to.deep.equal([sys.alice.address, HELD_2022, HELD_2022 + 1n, sys.b2022]);
      expect(e.action).to.equal("credits.transfer");
      expect(await ethers.provider.getBlockNumber()).to.equal(before);
    });

    it("setApprovalForAll lets an operator transferFrom; without it ERC1155MissingApprovalForAllError", async () => {
      const { sys, as } = await tradingSetup();
      const alice = await as(sys.alice);
      const carol = await as(sys.carol);
      const err = await carol.credits.transferFrom(sys.alice.address, sys.carol.address, sys.b2022, 1n).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ERC1155MissingApprovalForAllError);
      expect((err as ERC1155MissingApprovalForAllError).operator).to.equal(sys.carol.address);
      expect((err as ERC1155MissingApprovalForAllError).owner).to.equal(sys.alice.address);
      await alice.credits.setApprovalForAll(sys.carol.address, true);
      expect(await carol.credits.isApprovedForAll(sys.alice.address, sys.carol.address)).to.equal(true);
      await carol.credits.transferFrom(sys.alice.address, sys.dave.address, sys.b2022, 4n);
      expect(await sys.credits.balanceOf(sys.dave.address, sys.b2022)).to.equal(4n);
      await alice.credits.setApprovalForAll(sys.carol.address, false);
      expect(await carol.credits.isApprovedForAll(sys.alice.address, sys.carol.address)).to.equal(false);
    });
  });

  describe("retirement", () => {
    it("retire returns the retirement id from the Retired event; the stored record and the event details read back typed", async () => {
      const { sys, as } = await tradingSetup();
      const alice = await as(sys.alice);
      const before = await alice.credits.retirementCount();
      const details = { beneficiary: sys.dave.address, beneficiaryName: "Acme Textiles", reason: "FY2026 scope 2", referenceId: "INV-42", consumptionCountry: "IN" };
      const res = await alice.credits.retire(sys.b2020a, 3n * CREDIT, details);
      expect(res.retirementId).to.equal(before + 1n);
      expect(res.amount).to.equal(3n * CREDIT);
      expect(res.batches).to.deep.equal([{ batchId: sys.b2020a, amount: 3n * CREDIT }]);
      expect(await alice.credits.retirementCount()).to.equal(before + 1n);
      expect(await sys.credits.balanceOf(sys.alice.address, sys.b2020a)).to.equal(HELD_2020A - 3n * CREDIT);
      expect(await alice.credits.totalSupply(sys.b2020a)).to.equal(2n * HELD_2020A - 3n * CREDIT);
      const block = await ethers.provider.getBlock(res.receipt.blockNumber);
      const stored = await alice.credits.getRetirement(res.retirementId);
      expect(stored).to.deep.equal({ id: res.retirementId, account: sys.alice.address, beneficiary: sys.dave.address, amount: 3n * CREDIT, timestamp: BigInt(block!.timestamp) });
      const record = await alice.credits.getRetirementRecord(res.retirementId);
      expect(record).to.deep.include({ ...stored, operator: sys.alice.address, transactionHash: res.hash, details });
      expect(record.batches).to.deep.equal(res.batches);
    });

    it("retire with default details makes the holder the beneficiary with empty texts", async () => {
      const { sys, as } = await tradingSetup();
      const bob = await as(sys.bob);
      const { retirementId } = await bob.credits.retire(sys.b2022, 1n);
      const record = await bob.credits.getRetirementRecord(retirementId);
      expect(record.details).to.deep.equal({ beneficiary: sys.bob.address, beneficiaryName: "", reason: "", referenceId: "", consumptionCountry: "" });
    });

    it("retireProject retires oldest vintage first as ONE record whose breakdown equals the preview", async () => {
      const { sys, as } = await tradingSetup();
      const alice = await as(sys.alice);
      const amount = HELD_2020A + 5n;
      const preview = await alice.credits.previewRetireProject(sys.alice.address, sys.tradeProjectId, amount);
      const res = await alice.credits.retireProject(sys.tradeProjectId, amount, { beneficiaryName: "Acme" });
      expect(res.batches).to.deep.equal(preview);
      expect(res.amount).to.equal(amount);
      expect(await sys.credits.balanceOf(sys.alice.address, sys.b2020a)).to.equal(0n);
      expect(await sys.credits.balanceOf(sys.alice.address, sys.b2020b)).to.equal(HELD_2020B - 5n);
      expect((await alice.credits.getRetirement(res.retirementId)).amount).to.equal(amount);
      const err = await alice.credits.retireProject(sys.tradeProjectId, HELD_2020B + HELD_2022).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(CarbonCreditsInsufficientProjectBalanceError);
      expect((err as CarbonCreditsInsufficientProjectBalanceError).available).to.equal(HELD_2020B - 5n + HELD_2022);
    });

    it("use and useProject are retirements whose reason defaults to an offset claim", async () => {
      const { sys, as } = await tradingSetup();
      const alice = await as(sys.alice);
      const used = await alice.credits.use(sys.b2022, 2n * CREDIT, { beneficiaryName: "MSME member" });
      expect((await alice.credits.getRetirementRecord(used.retirementId)).details.reason).to.equal(USE_REASON);
      const usedProject = await alice.credits.useProject(sys.tradeProjectId, 1n, { reason: "custom" });
      expect((await alice.credits.getRetirementRecord(usedProject.retirementId)).details.reason).to.equal("custom");
      expect(usedProject.batches).to.deep.equal([{ batchId: sys.b2020a, amount: 1n }]);
      expect(await sys.credits.balanceOf(sys.alice.address, sys.b2022)).to.equal(HELD_2022 - 2n * CREDIT);
    });

    it("an approved operator retires a holder's credits for a beneficiary; findRetirements filters by holder and beneficiary", async () => {
      const { sys, as } = await tradingSetup();
      const alice = await as(sys.alice);
      const broker = await as(sys.carol);
      const denied = await broker.credits.retireFrom(sys.alice.address, sys.b2020a, 1n).catch((e: unknown) => e);
      expect(denied).to.be.instanceOf(ERC1155MissingApprovalForAllError);
      await alice.credits.setApprovalForAll(sys.carol.address, true);
      const one = await broker.credits.retireFrom(sys.alice.address, sys.b2020a, 6n, { beneficiary: sys.dave.address });
      const two = await broker.credits.retireProjectFrom(sys.alice.address, sys.tradeProjectId, 4n);
      const r1 = await broker.credits.getRetirementRecord(one.retirementId);
      expect(r1).to.deep.include({ account: sys.alice.address, beneficiary: sys.dave.address, operator: sys.carol.address, amount: 6n });
      expect((await broker.credits.getRetirement(two.retirementId)).beneficiary).to.equal(sys.alice.address);
      expect((await broker.credits.findRetirements({ account: sys.alice.address })).map((r) => r.id)).to.deep.equal([one.retirementId, two.retirementId]);
      const forDave = await broker.credits.findRetirements({ beneficiary: sys.dave.address });
      expect(forDave.map((r) => r.id)).to.deep.equal([one.retirementId]);
      expect(forDave[0].timestamp).to.equal((await broker.credits.getRetirement(one.retirementId)).timestamp);
    });

    it("retire above the balance decodes ERC1155InsufficientBalanceError", async () => {
      const { sys, as } = await tradingSetup();
      const err = await (await as(sys.carol)).credits.retire(sys.b2020a, 1n).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ERC1155InsufficientBalanceError);
      expect((err as ERC1155InsufficientBalanceError).balance).to.equal(0n);
      expect((err as ERC1155InsufficientBalanceError).needed).to.equal(1n);
    });
  });

  describe("admin", () => {
    it("metadata setters change uri (METADATA); resolve substitutes {id}", async () => {
      const { sys, as } = await tradingSetup();
      const meta = await as(sys.metadata);
      const defaultUri = await meta.credits.uri(sys.b2022);
      expect(defaultUri).to.contain("{id}");
      expect(await meta.credits.uri(sys.b2022, { resolve: true })).to.equal(defaultUri.replace("{id}", sys.b2022.toString(16).padStart(64, "0")));
      await meta.credits.setDefaultURI("https://x.test/{id}.json");
      expect(await meta.credits.uri(sys.b2022)).to.equal("https://x.test/{id}.json");
      await meta.credits.setBaseURI("ipfs://");
      await meta.credits.setBatchURI(sys.b2022, "batch-2022.json");
      expect(await meta.credits.uri(sys.b2022)).to.equal("ipfs://batch-2022.json");
      const denied = await (await as(sys.alice)).credits.setBaseURI("x").catch((e: unknown) => e);
      expect(denied).to.be.instanceOf(AccessControlUnauthorizedAccountError);
    });

    it("pause stops transfers and retirements with EnforcedPauseError; unpause resumes (PAUSER)", async () => {
      const { sys, as } = await tradingSetup();
      const pauser = await as(sys.pauser);
      const alice = await as(sys.alice);
      await pauser.credits.pause();
      expect(await alice.credits.paused()).to.equal(true);
      expect(await alice.credits.transfer(sys.carol.address, sys.b2022, 1n).catch((e: unknown) => e)).to.be.instanceOf(EnforcedPauseError);
      expect(await alice.credits.retire(sys.b2022, 1n).catch((e: unknown) => e)).to.be.instanceOf(EnforcedPauseError);
      await pauser.credits.unpause();
      await alice.credits.transfer(sys.carol.address, sys.b2022, 1n);
      expect(await sys.credits.balanceOf(sys.carol.address, sys.b2022)).to.equal(1n);
    });
  });

  it("bad arguments are refused before any call with InvalidArgumentError naming the argument", async () => {
    const { sys, as } = await tradingSetup();
    const alice = await as(sys.alice);
    const issuer = await as(sys.issuer);
    const before = await ethers.provider.getBlockNumber();
    const cases: Array<[Promise<unknown>, string]> = [
      [alice.credits.balanceOf("0x1234", 1n), "account"],
      [alice.credits.holdings(sys.alice.address, [1n, -2n]), "batchIds[1]"],
      [issuer.credits.mint(sys.alice.address, sys.b2022, 0n), "amount"],
      [issuer.credits.mint("alice", sys.b2022, 1n), "to"],
      [issuer.credits.mintProject(sys.alice.address, sys.tradeProjectId, -1n), "amount"],
      [alice.credits.transfer(sys.carol.address, sys.b2022, 0n), "amount"],
      [alice.credits.transfer(sys.carol.address, sys.b2022, 1n, { data: "0xabc" }), "options.data"],
      [alice.credits.transferBatch(sys.carol.address, []), "items"],
      [alice.credits.transferBatch(sys.carol.address, [{ batchId: sys.b2022, amount: 0n }]), "items[0].amount"],
      [alice.credits.retire(sys.b2022, 0n), "amount"],
      [alice.credits.retire(sys.b2022, 1n, { beneficiary: "0xnope" }), "details.beneficiary"],
      [alice.credits.retire(sys.b2022, 1n, { reason: "x".repeat(257) }), "details.reason"],
      [alice.credits.retireProject(sys.tradeProjectId, 1n, { beneficiaryName: "é".repeat(129) }), "details.beneficiaryName"],
      [alice.credits.retireFrom("0x0", sys.b2022, 1n), "holder"],
      [alice.credits.previewRetireProject(sys.alice.address, sys.tradeProjectId, 0n), "amount"],
      [alice.credits.setApprovalForAll("0xzz", true), "operator"],
      [alice.credits.getRetirement(-1n), "retirementId"],
    ];
    for (const [promise, argument] of cases) {
      const err = await promise.catch((e: unknown) => e);
      expect(err, argument).to.be.instanceOf(InvalidArgumentError);
      expect((err as InvalidArgumentError).argument, argument).to.equal(argument);
    }
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
  });
});
