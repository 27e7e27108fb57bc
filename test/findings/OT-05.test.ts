/**
 * OT-05 (low): a CarbonCredits pause trapped marketplace escrow — cancel listing, withdraw and reclaim
 * proposals move credits, so they failed while the token was paused — and the award window could run
 * out during the pause. The marketplace now holds ESCROW_ROLE on CarbonCredits, whose pause hook lets a
 * holder of that role send ITS OWN credits out (nobody else's), while fills and awards stop; and every
 * second either contract is paused is added to a tender's award window (`awardClosesAt`).
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ROLES } from "../helpers/fixtures";
import { CREDIT, LISTING_PRICE, USD, createListing, createTender, deployMarket, submit } from "../market/fixtures";

const DAY = 86_400n;

async function escrowed() {
  const m = await deployMarket();
  const listingId = await createListing(m);
  const tenderId = await createTender(m);
  const proposalId = await submit(m, m.alice, tenderId, 10n * CREDIT, 12n * USD);
  const other = await submit(m, m.bob, tenderId, 10n * CREDIT, 13n * USD);
  return { ...m, listingId, tenderId, proposalId, other };
}

describe("OT-05: a CarbonCredits pause does not trap marketplace escrow or cost award time", () => {
  it("while CarbonCredits is paused every escrow exit works and trades stop", async () => {
    const m = await loadFixture(escrowed);
    await m.credits.connect(m.pauser).pause();
    await expect(m.market.connect(m.carol).buy(m.listingId, 5n * CREDIT, LISTING_PRICE, ethers.MaxUint256)).to.be.revertedWithCustomError(
      m.market,
      "EnforcedPause",
    );
    await expect(
      m.market.connect(m.carol).awardTender(m.tenderId, m.proposalId, 12n * USD, 10n * CREDIT, ethers.MaxUint256),
    ).to.be.revertedWithCustomError(m.market, "EnforcedPause");
    const aliceBefore = await m.credits.balanceOf(m.alice.address, m.batch);
    await m.market.connect(m.alice).cancelListing(m.listingId);
    await m.market.connect(m.alice).withdrawProposal(m.proposalId);
    await m.market.connect(m.carol).cancelTender(m.tenderId);
    await m.market.reclaimProposal(m.other);
    expect(await m.credits.balanceOf(m.alice.address, m.batch)).to.equal(aliceBefore + 60n * CREDIT);
    expect(await m.credits.balanceOf(m.marketAddress, m.batch)).to.equal(0n);
    expect(await m.usd.balanceOf(m.marketAddress)).to.equal(0n);
  });

  it("the pause exception is narrow: holders' transfers stop, and an ESCROW_ROLE holder cannot move others' credits", async () => {
    const m = await loadFixture(escrowed);
    await m.credits.connect(m.admin).grantRole(ROLES.ESCROW, m.outsider.address);
    await m.credits.connect(m.alice).setApprovalForAll(m.outsider.address, true);
    await m.credits.connect(m.issuer).mint(m.outsider.address, m.batch, CREDIT);
    await m.credits.connect(m.pauser).pause();
    await expect(
      m.credits.connect(m.alice).safeTransferFrom(m.alice.address, m.bob.address, m.batch, 1n, "0x"),
    ).to.be.revertedWithCustomError(m.credits, "EnforcedPause");
    await expect(
      m.credits.connect(m.outsider).safeTransferFrom(m.alice.address, m.bob.address, m.batch, 1n, "0x"),
    ).to.be.revertedWithCustomError(m.credits, "EnforcedPause");
    // Its own balance it may send out; burning (retiring) still stops.
    await m.credits.connect(m.outsider).safeTransferFrom(m.outsider.address, m.bob.address, m.batch, 1n, "0x");
    const details = { beneficiary: m.outsider.address, beneficiaryName: "", reason: "", referenceId: "", consumptionCountry: "" };
    await expect(m.credits.connect(m.outsider).retire(m.outsider.address, m.batch, 1n, details)).to.be.revertedWithCustomError(
      m.credits,
      "EnforcedPause",
    );
  });

  it("the award window grows by the time lost to a pause of either contract; release waits for it", async () => {
    const m = await loadFixture(escrowed);
    const t = await m.market.getTender(m.tenderId);
    const grace = await m.market.GRACE_PERIOD();
    const original = t.deadline + grace;
    expect(await m.market.awardClosesAt(m.tenderId)).to.equal(original);
    await time.setNextBlockTimestamp(original - DAY);
    await m.credits.connect(m.pauser).pause();
    await time.setNextBlockTimestamp(original - DAY + 3n * DAY);
    await m.credits.connect(m.pauser).unpause();
    expect(await m.credits.pausedSeconds()).to.equal(3n * DAY);
    await time.setNextBlockTimestamp(original + 2n * DAY + 10n);
    await m.market.connect(m.pauser).pause();
    await time.setNextBlockTimestamp(original + 2n * DAY + 110n);
    await m.market.connect(m.pauser).unpause();
    const closesAt = original + 3n * DAY + 100n;
    expect(await m.market.awardClosesAt(m.tenderId)).to.equal(closesAt);
    await time.setNextBlockTimestamp(closesAt - 2n);
    await expect(m.market.releaseTender(m.tenderId))
      .to.be.revertedWithCustomError(m.market, "MarketplaceGracePeriodNotOver")
      .withArgs(m.tenderId, closesAt);
    // Past the original window, the buyer still awards (old code: MarketplaceAwardWindowClosed).
    await time.setNextBlockTimestamp(closesAt - 1n);
    await expect(
      m.market.connect(m.carol).awardTender(m.tenderId, m.proposalId, 12n * USD, 10n * CREDIT, ethers.MaxUint256),
    ).to.emit(m.market, "TenderAwarded");
    expect(await m.credits.balanceOf(m.carol.address, m.batch)).to.equal(10n * CREDIT);
  });

  it("honest path: with no pause the window is deadline + GRACE_PERIOD, and a tender created after a pause gets no extra time", async () => {
    const m = await loadFixture(escrowed);
    await m.credits.connect(m.pauser).pause();
    await time.increase(DAY);
    await m.credits.connect(m.pauser).unpause();
    const later = await createTender(m);
    const t = await m.market.getTender(later);
    expect(t.pauseClockAtCreation).to.equal(await m.credits.pausedSeconds());
    expect(await m.market.awardClosesAt(later)).to.equal(t.deadline + (await m.market.GRACE_PERIOD()));
    await time.increaseTo(t.deadline + (await m.market.GRACE_PERIOD()));
    await expect(m.market.releaseTender(later)).to.emit(m.market, "TenderReleased");
    await expect(m.market.awardClosesAt(999n)).to.be.revertedWithCustomError(m.market, "MarketplaceUnknownTender");
  });
});
