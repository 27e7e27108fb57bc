import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { CreditMarketplace, MockUSD } from "../../typechain-types";
import type { ICreditMarketplace } from "../../typechain-types/contracts/market/CreditMarketplace";
import { ADMIN_DELAY, CREDIT, ROLES, approvedProjectWithBatches, deploySystem, type System } from "../helpers/fixtures";

export { CREDIT };

/** 1 USD in the 6-decimal mock stablecoin's smallest units. */
export const USD = 1_000_000n;

/** Role ids added by the marketplace (contracts/libraries/Roles.sol). */
export const MARKET_ROLES = {
  FEE_ADMIN: ethers.id("FEE_ADMIN_ROLE"),
  MARKET_ADMIN: ethers.id("MARKET_ADMIN_ROLE"),
  PAUSER: ethers.id("PAUSER_ROLE"),
} as const;

/** ICreditMarketplace enums. */
export const TenderStatus = { None: 0n, Open: 1n, UnderReview: 2n, Awarded: 3n, Cancelled: 4n, Expired: 5n } as const;
export const ProposalStatus = { None: 0n, Pending: 1n, Accepted: 2n, Rejected: 3n, Withdrawn: 4n } as const;
export const ListingStatus = { None: 0n, Active: 1n, Expired: 2n, SoldOut: 3n, Cancelled: 4n } as const;
export const TradeKind = { Award: 0n, Listing: 1n } as const;

/** Credits minted to each seller in the main batch and in the other batches. */
export const SELLER_CREDITS = 1_000n * CREDIT;
export const SMALL_CREDITS = 100n * CREDIT;
/** Stablecoin minted to each buyer. */
export const BUYER_USD = 10_000_000n * USD;

export interface Market extends System {
  market: CreditMarketplace;
  usd: MockUSD;
  feeAdmin: HardhatEthersSigner;
  marketAdmin: HardhatEthersSigner;
  feeRecipient: HardhatEthersSigner;
  dave: HardhatEthersSigner;
  marketAddress: string;
  usdAddress: string;
  projectId: bigint;
  /** Vintage 2020 of `projectId`: alice and bob hold SELLER_CREDITS each. */
  batch: bigint;
  /** Vintage 2022 of `projectId`: alice and bob hold SMALL_CREDITS each. */
  batch2022: bigint;
  /** A second approved project, vintage 2021: alice holds SMALL_CREDITS. */
  otherProjectId: bigint;
  otherBatch: bigint;
}

/**
 * deploySystem + the marketplace: roles on their own accounts (fee admin, market admin, pauser, fee
 * recipient), a 6-decimal stablecoin on the allow-list, two approved projects with credits held by the
 * sellers alice and bob (who approved the marketplace), and stablecoin held by the buyers carol and dave
 * (who approved it too).
 */
export async function deployMarket(): Promise<Market> {
  const sys = await deploySystem();
  const signers = await ethers.getSigners();
  const [feeAdmin, marketAdmin, feeRecipient, dave] = signers.slice(10);
  const market = await ethers.deployContract("CreditMarketplace", [
    sys.admin.address,
    ADMIN_DELAY,
    await sys.credits.getAddress(),
    feeRecipient.address,
  ]);
  const marketAddress = await market.getAddress();
  await market.connect(sys.admin).grantRole(MARKET_ROLES.FEE_ADMIN, feeAdmin.address);
  await market.connect(sys.admin).grantRole(MARKET_ROLES.MARKET_ADMIN, marketAdmin.address);
  await market.connect(sys.admin).grantRole(MARKET_ROLES.PAUSER, sys.pauser.address);
  await sys.credits.connect(sys.admin).grantRole(ROLES.ESCROW, marketAddress);

  const usd = await ethers.deployContract("MockUSD", ["Mock USD", "mUSD"]);
  const usdAddress = await usd.getAddress();
  await market.connect(marketAdmin).setPaymentToken(usdAddress, true);

  const { projectId, batchIds } = await approvedProjectWithBatches(sys, [
    [2020, 10_000n * CREDIT],
    [2022, 10_000n * CREDIT],
  ]);
  const [batch, batch2022] = batchIds;
  const other = await approvedProjectWithBatches(sys, [[2021, 10_000n * CREDIT]]);
  const otherBatch = other.batchIds[0];
  for (const seller of [sys.alice, sys.bob]) {
    await sys.credits.connect(sys.issuer).mint(seller.address, batch, SELLER_CREDITS);
    await sys.credits.connect(sys.issuer).mint(seller.address, batch2022, SMALL_CREDITS);
    await sys.credits.connect(seller).setApprovalForAll(marketAddress, true);
  }
  await sys.credits.connect(sys.issuer).mint(sys.alice.address, otherBatch, SMALL_CREDITS);
  for (const buyer of [sys.carol, dave]) {
    await usd.mint(buyer.address, BUYER_USD);
    await usd.connect(buyer).approve(marketAddress, ethers.MaxUint256);
  }
  return {
    ...sys,
    market,
    usd,
    feeAdmin,
    marketAdmin,
    feeRecipient,
    dave,
    marketAddress,
    usdAddress,
    projectId,
    batch,
    batch2022,
    otherProjectId: other.projectId,
    otherBatch,
  };
}

/** Default tender: 100 credits at ≤ 15 USD, deadline in 7 days, any project and vintage. */
export const TENDER_CREDITS = 100n * CREDIT;
export const TENDER_MAX_PRICE = 15n * USD;
export const TENDER_DURATION = 7n * 24n * 3600n;

/** A TenderInput for `m`, with a deadline TENDER_DURATION from the latest block; override any field. */
export async function tenderInput(
  m: Market,
  over: Partial<ICreditMarketplace.TenderInputStruct> = {},
): Promise<ICreditMarketplace.TenderInputStruct> {
  return {
    paymentToken: m.usdAddress,
    creditsRequired: TENDER_CREDITS,
    maxPricePerCredit: TENDER_MAX_PRICE,
    deadline: BigInt(await time.latest()) + TENDER_DURATION,
    projectId: 0,
    minVintage: 0,
    maxVintage: 0,
    retireOnAward: false,
    ...over,
  };
}

/** Creates a tender by `buyer` (carol by default); returns its id. */
export async function createTender(
  m: Market,
  over: Partial<ICreditMarketplace.TenderInputStruct> = {},
  buyer: HardhatEthersSigner = m.carol,
): Promise<bigint> {
  await m.market.connect(buyer).createTender(await tenderInput(m, over));
  return m.market.tenderCount();
}

/** Submits a proposal by `seller`; returns its id. */
export async function submit(
  m: Market,
  seller: HardhatEthersSigner,
  tenderId: bigint,
  amount: bigint,
  price: bigint,
  batchId: bigint = m.batch,
): Promise<bigint> {
  await m.market.connect(seller).submitProposal(tenderId, batchId, amount, price);
  return m.market.proposalCount();
}

/** Default listing: 50 credits at 12 USD, min fill 5 credits, expiry in 30 days. */
export const LISTING_CREDITS = 50n * CREDIT;
export const LISTING_PRICE = 12n * USD;
export const LISTING_MIN_FILL = 5n * CREDIT;
export const LISTING_DURATION = 30n * 24n * 3600n;

/** Creates a listing by `seller` (alice by default); returns its id. */
export async function createListing(
  m: Market,
  over: Partial<{ batchId: bigint; amount: bigint; price: bigint; token: string; minFill: bigint; expiry: bigint }> = {},
  seller: HardhatEthersSigner = m.alice,
): Promise<bigint> {
  const expiry = over.expiry ?? BigInt(await time.latest()) + LISTING_DURATION;
  await m.market
    .connect(seller)
    .createListing(
      over.batchId ?? m.batch,
      over.amount ?? LISTING_CREDITS,
      over.price ?? LISTING_PRICE,
      over.token ?? m.usdAddress,
      over.minFill ?? LISTING_MIN_FILL,
      expiry,
    );
  return m.market.listingCount();
}

/** ceil(amount × price / 1e6): the contract's cost rounding, recomputed independently. */
export function costUp(amount: bigint, price: bigint): bigint {
  return (amount * price + CREDIT - 1n) / CREDIT;
}

/** floor(cost × bps / 10_000): the contract's fee rounding (seed 003, property 12). */
export function feeDown(cost: bigint, bps: bigint): bigint {
  return (cost * bps) / 10_000n;
}
