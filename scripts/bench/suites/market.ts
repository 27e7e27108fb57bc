import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { CREDIT, gasOf, type GasTable, type SuiteResult } from "../lib";

/** 1 USD in the 6-decimal mock stablecoin's smallest units. */
const USD = 1_000_000n;
/** Proposals on the "many proposals" tenders: award and cancel must not grow with it. */
const MANY = 100;
/** Allowed growth of award / cancel from 1 to MANY proposals (issue #3: O(1)). */
const O1_TOLERANCE = 1.02;
const WEEK = 7n * 24n * 3600n;
/** Gas a one-step offset must save against a buy followed by a retirement (issue 17). */
const OFFSET_SAVING = 30_000;

/**
 * CreditMarketplace (issue #3). A warm-up trade first initialises the per-token fee, per-batch market
 * data and the parties' balances, so each measured call pays the same storage costs it would in a
 * running market, and the 1-proposal and MANY-proposal awards are measured in the same conditions.
 */
export async function marketSuite(): Promise<SuiteResult> {
  const [admin, buyer, seller, seller2, feeRecipient] = await ethers.getSigners();
  const gas: GasTable = {};

  const registry = await ethers.deployContract("ProjectRegistry", [admin.address, 0]);
  const credits = await ethers.deployContract("CarbonCredits", [admin.address, 0, await registry.getAddress(), ""]);
  await registry.bindCredits(await credits.getAddress());
  await registry.grantRole(await registry.REGISTRAR_ROLE(), admin.address);
  await registry.grantRole(await registry.VERIFIER_ROLE(), admin.address);
  await credits.grantRole(await credits.ISSUER_ROLE(), admin.address);
  await registry.registerProject({
    owner: seller.address,
    name: "Plant 1 solar, Andhra Pradesh",
    standard: "VCS",
    methodology: "AMS-I.D",
    country: "IN",
    uri: "",
    estimatedCredits: 0,
  });
  await registry.addBatch(1, {
    serial: "VCS-BENCH-2020",
    vintage: 2020,
    startDate: BigInt(Date.UTC(2020, 0, 1) / 1000),
    endDate: BigInt(Date.UTC(2020, 11, 31) / 1000),
    totalSupply: 1_000_000n * CREDIT,
  });
  await registry.approveProject(1);
  const batch = 1n;

  const market = await ethers.deployContract("CreditMarketplace", [
    admin.address,
    0,
    await credits.getAddress(),
    feeRecipient.address,
  ]);
  const marketAddress = await market.getAddress();
  await market.grantRole(await market.MARKET_ADMIN_ROLE(), admin.address);
  const usd = await ethers.deployContract("MockUSD", ["Mock USD", "mUSD"]);
  const usdAddress = await usd.getAddress();
  await market.setPaymentToken(usdAddress, true);

  for (const s of [seller, seller2]) {
    await credits.mint(s.address, batch, 100_000n * CREDIT);
    await credits.connect(s).setApprovalForAll(marketAddress, true);
  }
  await usd.mint(buyer.address, 100_000_000n * USD);
  await usd.connect(buyer).approve(marketAddress, ethers.MaxUint256);

  const amount = 10n * CREDIT;
  const price = 12n * USD;
  const tender = async (): Promise<bigint> => {
    const deadline = BigInt(await time.latest()) + WEEK;
    const input = {
      paymentToken: usdAddress,
      projectId: 0,
      minVintage: 0,
      maxVintage: 0,
      retireOnAward: false,
      creditsRequired: 100n * CREDIT,
      maxPricePerCredit: 15n * USD,
      deadline,
    };
    gas["market.createTender"] = await gasOf(market.connect(buyer).createTender(input));
    return market.tenderCount();
  };
  const propose = async (tenderId: bigint, from = seller): Promise<bigint> => {
    gas["market.submitProposal"] = await gasOf(market.connect(from).submitProposal(tenderId, batch, amount, price));
    return market.proposalCount();
  };
  const award = (tenderId: bigint, proposalId: bigint) =>
    gasOf(market.connect(buyer).awardTender(tenderId, proposalId, price, amount, ethers.MaxUint256));

  // Warm-up: one full trade.
  const warm = await tender();
  await award(warm, await propose(warm));

  // Four tenders in the same state; two get one proposal, two get MANY (from two sellers).
  const one = await tender();
  const oneCancel = await tender();
  const many = await tender();
  const manyCancel = await tender();
  const winnerOne = await propose(one);
  await propose(oneCancel);
  let winnerMany = 0n;
  for (let i = 0; i < MANY; i++) {
    const id = await propose(many, i % 2 === 0 ? seller : seller2);
    if (i === MANY / 2) winnerMany = id;
    await propose(manyCancel, i % 2 === 0 ? seller : seller2);
  }
  gas["market.award.proposals1"] = await award(one, winnerOne);
  gas["market.award.proposals100"] = await award(many, winnerMany);
  gas["market.cancelTender.proposals1"] = await gasOf(market.connect(buyer).cancelTender(oneCancel));
  gas["market.cancelTender.proposals100"] = await gasOf(market.connect(buyer).cancelTender(manyCancel));

  const expiry = BigInt(await time.latest()) + WEEK;
  gas["market.createListing"] = await gasOf(
    market.connect(seller).createListing(batch, 50n * CREDIT, price, usdAddress, CREDIT, expiry),
  );
  gas["market.buyListing"] = await gasOf(
    market.connect(buyer).buy(await market.listingCount(), 5n * CREDIT, price, ethers.MaxUint256),
  );
  // The one-step offset of the same fill (issue 17), against buy + a separate credits.retire.
  await credits.grantRole(await credits.ESCROW_ROLE(), marketAddress);
  const details = {
    beneficiary: buyer.address,
    beneficiaryName: "Acme Textiles Pvt Ltd",
    reason: "offset claim: FY2026 scope 2",
    referenceId: "INV-2026-0042",
    consumptionCountry: "IN",
  };
  gas["market.buyAndRetire"] = await gasOf(
    market.connect(buyer).buyAndRetire(await market.listingCount(), 5n * CREDIT, price, ethers.MaxUint256, details),
  );

  return {
    gas,
    targets: [
      {
        key: "market.buyAndRetire",
        limit: (g) => g["market.buyListing"] + g["credits.retire"] - OFFSET_SAVING,
        label: `≤ market.buyListing + credits.retire − ${OFFSET_SAVING.toLocaleString("en")} (one transaction, no transfer to the buyer)`,
      },
      {
        key: "market.award.proposals100",
        limit: O1_TOLERANCE * gas["market.award.proposals1"],
        label: `≤ ${O1_TOLERANCE} × award with 1 proposal (O(1))`,
      },
      {
        key: "market.cancelTender.proposals100",
        limit: O1_TOLERANCE * gas["market.cancelTender.proposals1"],
        label: `≤ ${O1_TOLERANCE} × cancel with 1 proposal (O(1))`,
      },
    ],
  };
}
