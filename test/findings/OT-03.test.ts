/**
 * OT-03 (medium): credits of a project suspended or deactivated after they were listed or proposed kept
 * trading, because the project's status was checked only when the listing or proposal was created.
 * Settlement (`buy`, `awardTender`) now re-checks it; cancel, withdraw and reclaim stay open.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { Status } from "../helpers/fixtures";
import { CREDIT, LISTING_PRICE, USD, createListing, createTender, deployMarket, submit } from "../market/fixtures";

async function listedAndProposed() {
  const m = await deployMarket();
  const listingId = await createListing(m);
  const tenderId = await createTender(m);
  const proposalId = await submit(m, m.alice, tenderId, 10n * CREDIT, 12n * USD);
  const loser = await submit(m, m.bob, tenderId, 10n * CREDIT, 13n * USD);
  return { ...m, listingId, tenderId, proposalId, loser };
}

describe("OT-03: a suspended or deactivated project's credits stop trading at settlement", () => {
  it("buy of a listing whose project was suspended after listing reverts; cancel returns the credits", async () => {
    const m = await loadFixture(listedAndProposed);
    await m.registry.connect(m.verifier).suspendProject(m.projectId, "audit");
    await expect(m.market.connect(m.carol).buy(m.listingId, 5n * CREDIT, LISTING_PRICE, ethers.MaxUint256))
      .to.be.revertedWithCustomError(m.market, "MarketplaceProjectNotApproved")
      .withArgs(m.projectId, Status.Suspended);
    const before = await m.credits.balanceOf(m.alice.address, m.batch);
    await m.market.connect(m.alice).cancelListing(m.listingId);
    expect(await m.credits.balanceOf(m.alice.address, m.batch)).to.equal(before + 50n * CREDIT);
  });

  it("an award of a proposal whose project was deactivated reverts; withdraw, cancel and reclaim stay open", async () => {
    const m = await loadFixture(listedAndProposed);
    await m.registry.connect(m.verifier).deactivateProject(m.projectId, "double counting");
    await expect(m.market.connect(m.carol).awardTender(m.tenderId, m.proposalId, 12n * USD, 10n * CREDIT, ethers.MaxUint256))
      .to.be.revertedWithCustomError(m.market, "MarketplaceProjectNotApproved")
      .withArgs(m.projectId, Status.Deactivated);
    await m.market.connect(m.alice).withdrawProposal(m.proposalId);
    await m.market.connect(m.carol).cancelTender(m.tenderId);
    await m.market.reclaimProposal(m.loser);
    await m.market.connect(m.alice).cancelListing(m.listingId);
    expect(await m.credits.balanceOf(m.marketAddress, m.batch)).to.equal(0n);
    expect(await m.usd.balanceOf(m.marketAddress)).to.equal(0n);
  });

  it("honest path: after reinstatement the same fill and award settle", async () => {
    const m = await loadFixture(listedAndProposed);
    await m.registry.connect(m.verifier).suspendProject(m.projectId, "audit");
    await expect(
      m.market.connect(m.carol).awardTender(m.tenderId, m.proposalId, 12n * USD, 10n * CREDIT, ethers.MaxUint256),
    ).to.be.revertedWithCustomError(m.market, "MarketplaceProjectNotApproved");
    await m.registry.connect(m.verifier).reinstateProject(m.projectId);
    await expect(m.market.connect(m.dave).buy(m.listingId, 5n * CREDIT, LISTING_PRICE, ethers.MaxUint256)).to.emit(
      m.market,
      "ListingFilled",
    );
    await expect(
      m.market.connect(m.carol).awardTender(m.tenderId, m.proposalId, 12n * USD, 10n * CREDIT, ethers.MaxUint256),
    ).to.emit(m.market, "TenderAwarded");
    expect(await m.credits.balanceOf(m.carol.address, m.batch)).to.equal(10n * CREDIT);
    expect(await m.credits.balanceOf(m.dave.address, m.batch)).to.equal(5n * CREDIT);
  });
});
