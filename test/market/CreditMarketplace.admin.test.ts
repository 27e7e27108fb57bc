import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ADMIN_DELAY, CREDIT } from "../helpers/fixtures";
import {
  LISTING_PRICE,
  MARKET_ROLES,
  USD,
  costUp,
  createListing,
  createTender,
  deployMarket,
  feeDown,
  submit,
  tenderInput,
} from "./fixtures";

describe("CreditMarketplace: administration, fees, pausing, receiver hooks", () => {
  describe("constructor", () => {
    it("wires credits and registry, sets the default fee and fee recipient, and emits both", async () => {
      const m = await loadFixture(deployMarket);
      expect(await m.market.credits()).to.equal(await m.credits.getAddress());
      expect(await m.market.registry()).to.equal(await m.registry.getAddress());
      expect(await m.market.feeBps()).to.equal(await m.market.DEFAULT_FEE_BPS());
      expect(await m.market.DEFAULT_FEE_BPS()).to.equal(250n);
      expect(await m.market.feeRecipient()).to.equal(m.feeRecipient.address);
      expect(await m.market.hasRole(ethers.ZeroHash, m.admin.address)).to.equal(true);
      expect(await m.market.defaultAdminDelay()).to.equal(ADMIN_DELAY);
      const deployTx = m.market.deploymentTransaction()!;
      await expect(deployTx).to.emit(m.market, "FeeBpsSet").withArgs(0n, 250n);
      await expect(deployTx).to.emit(m.market, "FeeRecipientSet").withArgs(ethers.ZeroAddress, m.feeRecipient.address);
    });

    it("rejects a zero credits address or fee recipient", async () => {
      const m = await loadFixture(deployMarket);
      const factory = await ethers.getContractFactory("CreditMarketplace");
      await expect(factory.deploy(m.admin.address, ADMIN_DELAY, ethers.ZeroAddress, m.feeRecipient.address))
        .to.be.revertedWithCustomError(factory, "MarketplaceInvalidCredits")
        .withArgs(ethers.ZeroAddress);
      await expect(factory.deploy(m.admin.address, ADMIN_DELAY, await m.credits.getAddress(), ethers.ZeroAddress))
        .to.be.revertedWithCustomError(factory, "MarketplaceInvalidFeeRecipient")
        .withArgs(ethers.ZeroAddress);
    });

    it("supports the ERC-1155 receiver, AccessControl and ERC-165 interfaces", async () => {
      const m = await loadFixture(deployMarket);
      for (const id of ["0x4e2312e0", "0x7965db0b", "0x01ffc9a7"]) expect(await m.market.supportsInterface(id)).to.equal(true);
      expect(await m.market.supportsInterface("0xffffffff")).to.equal(false);
    });
  });

  describe("payment-token allow-list", () => {
    it("MARKET_ADMIN adds and removes tokens and emits PaymentTokenSet", async () => {
      const m = await loadFixture(deployMarket);
      const token = await (await ethers.deployContract("MockUSD", ["X", "X"])).getAddress();
      await expect(m.market.connect(m.marketAdmin).setPaymentToken(token, true)).to.emit(m.market, "PaymentTokenSet").withArgs(token, true);
      expect(await m.market.isPaymentToken(token)).to.equal(true);
      await expect(m.market.connect(m.marketAdmin).setPaymentToken(token, false)).to.emit(m.market, "PaymentTokenSet").withArgs(token, false);
      expect(await m.market.isPaymentToken(token)).to.equal(false);
    });

    it("rejects the zero address and accounts without code with MarketplaceInvalidPaymentToken", async () => {
      const m = await loadFixture(deployMarket);
      for (const token of [ethers.ZeroAddress, m.alice.address]) {
        await expect(m.market.connect(m.marketAdmin).setPaymentToken(token, true))
          .to.be.revertedWithCustomError(m.market, "MarketplaceInvalidPaymentToken")
          .withArgs(token);
      }
    });

    it("a delisted token stops new tenders, but an open tender in it still settles and refunds", async () => {
      const m = await loadFixture(deployMarket);
      const tenderId = await createTender(m);
      const p = await submit(m, m.alice, tenderId, CREDIT, USD);
      await m.market.connect(m.marketAdmin).setPaymentToken(m.usdAddress, false);
      await expect(m.market.connect(m.carol).createTender(await tenderInput(m)))
        .to.be.revertedWithCustomError(m.market, "MarketplacePaymentTokenNotAllowed")
        .withArgs(m.usdAddress);
      await m.market.connect(m.carol).awardTender(tenderId, p, USD, CREDIT, ethers.MaxUint256);
      expect(await m.credits.balanceOf(m.carol.address, m.batch)).to.equal(CREDIT);
    });
  });

  describe("fees", () => {
    it("FEE_ADMIN sets the fee up to MAX_FEE_BPS (inclusive) and emits FeeBpsSet", async () => {
      const m = await loadFixture(deployMarket);
      const max = await m.market.MAX_FEE_BPS();
      await expect(m.market.connect(m.feeAdmin).setFeeBps(max)).to.emit(m.market, "FeeBpsSet").withArgs(250n, max);
      expect(await m.market.feeBps()).to.equal(max);
      await expect(m.market.connect(m.feeAdmin).setFeeBps(max + 1n))
        .to.be.revertedWithCustomError(m.market, "MarketplaceFeeTooHigh")
        .withArgs(max + 1n, max);
      await m.market.connect(m.feeAdmin).setFeeBps(0n);
      expect(await m.market.feeBps()).to.equal(0n);
    });

    it("FEE_ADMIN sets the fee recipient (not zero) and emits FeeRecipientSet", async () => {
      const m = await loadFixture(deployMarket);
      await expect(m.market.connect(m.feeAdmin).setFeeRecipient(m.outsider.address))
        .to.emit(m.market, "FeeRecipientSet")
        .withArgs(m.feeRecipient.address, m.outsider.address);
      expect(await m.market.feeRecipient()).to.equal(m.outsider.address);
      await expect(m.market.connect(m.feeAdmin).setFeeRecipient(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(m.market, "MarketplaceInvalidFeeRecipient")
        .withArgs(ethers.ZeroAddress);
    });

    it("property 12: a trade at a custom fee rate accrues exactly cost × feeBps / 10000, rounded down", async () => {
      const m = await loadFixture(deployMarket);
      await m.market.connect(m.feeAdmin).setFeeBps(333n);
      const listingId = await createListing(m, { price: 7n * USD + 1n, minFill: 0n });
      const amount = 3_333_333n;
      const cost = costUp(amount, 7n * USD + 1n);
      await m.market.connect(m.carol).buy(listingId, amount, 7n * USD + 1n, cost);
      expect(await m.market.accruedFees(m.usdAddress)).to.equal((cost * 333n) / 10_000n);
      expect(await m.market.accruedFees(m.usdAddress)).to.equal(feeDown(cost, 333n));
    });

    it("the fee recipient pulls accrued fees (also while paused); nobody else can", async () => {
      const m = await loadFixture(deployMarket);
      const listingId = await createListing(m);
      const cost = costUp(10n * CREDIT, LISTING_PRICE);
      await m.market.connect(m.carol).buy(listingId, 10n * CREDIT, LISTING_PRICE, cost);
      const fee = feeDown(cost, await m.market.feeBps());
      await expect(m.market.connect(m.outsider).withdrawFees(m.usdAddress))
        .to.be.revertedWithCustomError(m.market, "MarketplaceNotFeeRecipient")
        .withArgs(m.outsider.address);
      await m.market.connect(m.pauser).pause();
      const tx = m.market.connect(m.feeRecipient).withdrawFees(m.usdAddress);
      await expect(tx).to.emit(m.market, "FeesWithdrawn").withArgs(m.usdAddress, m.feeRecipient.address, fee);
      await expect(tx).to.changeTokenBalances(m.usd, [m.feeRecipient, m.market], [fee, -fee]);
      expect(await m.market.accruedFees(m.usdAddress)).to.equal(0n);
      await expect(m.market.connect(m.feeRecipient).withdrawFees(m.usdAddress))
        .to.be.revertedWithCustomError(m.market, "MarketplaceNothingToWithdraw")
        .withArgs(m.usdAddress);
    });
  });

  describe("pausing", () => {
    it("property 14: a paused marketplace rejects every entry (create tender, propose, award, list, buy) with EnforcedPause", async () => {
      const m = await loadFixture(deployMarket);
      const tenderId = await createTender(m);
      const p = await submit(m, m.alice, tenderId, CREDIT, USD);
      const listingId = await createListing(m);
      const input = await tenderInput(m);
      await expect(m.market.connect(m.pauser).pause()).to.emit(m.market, "Paused").withArgs(m.pauser.address);
      const entries = [
        () => m.market.connect(m.carol).createTender(input),
        () => m.market.connect(m.bob).submitProposal(tenderId, m.batch, CREDIT, USD),
        () => m.market.connect(m.carol).awardTender(tenderId, p, USD, CREDIT, ethers.MaxUint256),
        () => m.market.connect(m.alice).createListing(m.batch, CREDIT, USD, m.usdAddress, 0n, input.deadline),
        () => m.market.connect(m.carol).buy(listingId, CREDIT * 10n, LISTING_PRICE, ethers.MaxUint256),
      ];
      for (const call of entries) await expect(call()).to.be.revertedWithCustomError(m.market, "EnforcedPause");
      await expect(m.market.connect(m.pauser).pause()).to.be.revertedWithCustomError(m.market, "EnforcedPause");
      await expect(m.market.connect(m.pauser).unpause()).to.emit(m.market, "Unpaused").withArgs(m.pauser.address);
      await expect(m.market.connect(m.pauser).unpause()).to.be.revertedWithCustomError(m.market, "ExpectedPause");
      await m.market.connect(m.carol).awardTender(tenderId, p, USD, CREDIT, ethers.MaxUint256);
    });

    it("property 14 exception: every exit (withdraw, reclaim, cancel tender, release, cancel listing, fees) works while paused", async () => {
      const m = await loadFixture(deployMarket);
      const t1 = await createTender(m);
      const p1 = await submit(m, m.alice, t1, CREDIT, USD);
      const p2 = await submit(m, m.bob, t1, CREDIT, USD);
      const t2 = await createTender(m, {}, m.dave);
      const listingId = await createListing(m);
      await m.market.connect(m.carol).buy(listingId, 10n * CREDIT, LISTING_PRICE, ethers.MaxUint256);
      await time.increaseTo((await m.market.getTender(t2)).deadline + (await m.market.GRACE_PERIOD()));
      await m.market.connect(m.pauser).pause();
      await m.market.connect(m.alice).withdrawProposal(p1);
      await m.market.connect(m.carol).cancelTender(t1);
      await m.market.reclaimProposal(p2);
      await m.market.releaseTender(t2);
      await m.market.connect(m.alice).cancelListing(listingId);
      await m.market.connect(m.feeRecipient).withdrawFees(m.usdAddress);
      expect(await m.credits.balanceOf(m.marketAddress, m.batch)).to.equal(0n);
      expect(await m.usd.balanceOf(m.marketAddress)).to.equal(0n);
    });
  });

  describe("access control", () => {
    it("property 15: every administrative function rejects callers without its role", async () => {
      const m = await loadFixture(deployMarket);
      const cases: Array<[() => Promise<unknown>, string, string]> = [
        [() => m.market.connect(m.outsider).setPaymentToken(m.usdAddress, false), m.outsider.address, MARKET_ROLES.MARKET_ADMIN],
        [() => m.market.connect(m.feeAdmin).setPaymentToken(m.usdAddress, false), m.feeAdmin.address, MARKET_ROLES.MARKET_ADMIN],
        [() => m.market.connect(m.outsider).setFeeBps(100n), m.outsider.address, MARKET_ROLES.FEE_ADMIN],
        [() => m.market.connect(m.marketAdmin).setFeeBps(100n), m.marketAdmin.address, MARKET_ROLES.FEE_ADMIN],
        [() => m.market.connect(m.outsider).setFeeRecipient(m.outsider.address), m.outsider.address, MARKET_ROLES.FEE_ADMIN],
        [() => m.market.connect(m.outsider).pause(), m.outsider.address, MARKET_ROLES.PAUSER],
        [() => m.market.connect(m.admin).pause(), m.admin.address, MARKET_ROLES.PAUSER],
        [() => m.market.connect(m.outsider).unpause(), m.outsider.address, MARKET_ROLES.PAUSER],
      ];
      for (const [call, caller, role] of cases) {
        await expect(call()).to.be.revertedWithCustomError(m.market, "AccessControlUnauthorizedAccount").withArgs(caller, role);
      }
      const grant = m.market.connect(m.outsider).grantRole(MARKET_ROLES.FEE_ADMIN, m.outsider.address);
      await expect(grant)
        .to.be.revertedWithCustomError(m.market, "AccessControlUnauthorizedAccount")
        .withArgs(m.outsider.address, ethers.ZeroHash);
    });

    it("the marketplace holds no role on CarbonCredits: it moves credits only through holder approvals", async () => {
      const m = await loadFixture(deployMarket);
      for (const role of [await m.credits.ISSUER_ROLE(), await m.credits.PAUSER_ROLE(), await m.credits.METADATA_ROLE(), ethers.ZeroHash]) {
        expect(await m.credits.hasRole(role, m.marketAddress)).to.equal(false);
      }
      await m.credits.connect(m.alice).setApprovalForAll(m.marketAddress, false);
      await expect(createListing(m))
        .to.be.revertedWithCustomError(m.credits, "ERC1155MissingApprovalForAll")
        .withArgs(m.marketAddress, m.alice.address);
    });
  });

  describe("ERC-1155 receiver", () => {
    it("refuses credits sent directly (single or batch) with MarketplaceUnsolicitedTransfer, so none get stuck", async () => {
      const m = await loadFixture(deployMarket);
      const creditsAddress = await m.credits.getAddress();
      await expect(m.credits.connect(m.alice).safeTransferFrom(m.alice.address, m.marketAddress, m.batch, CREDIT, "0x"))
        .to.be.revertedWithCustomError(m.market, "MarketplaceUnsolicitedTransfer")
        .withArgs(creditsAddress, m.alice.address);
      await expect(
        m.credits.connect(m.alice).safeBatchTransferFrom(m.alice.address, m.marketAddress, [m.batch], [CREDIT], "0x"),
      )
        .to.be.revertedWithCustomError(m.market, "MarketplaceUnsolicitedTransfer")
        .withArgs(creditsAddress, m.alice.address);
    });

    it("refuses calls of the hook by any other ERC-1155 contract", async () => {
      const m = await loadFixture(deployMarket);
      const other = await ethers.deployContract("BaselineERC1155");
      await other.mint(m.alice.address, 1, CREDIT);
      await expect(other.connect(m.alice).safeTransferFrom(m.alice.address, m.marketAddress, 1, CREDIT, "0x"))
        .to.be.revertedWithCustomError(m.market, "MarketplaceUnsolicitedTransfer")
        .withArgs(await other.getAddress(), m.alice.address);
    });
  });
});
