/**
 * Escrow accounting of CreditMarketplace as a handler-driven, model-based property test (fast-check).
 *
 * Each run starts from a fresh `deployMarket` snapshot (loadFixture) with two payment tokens and
 * executes a random sequence of commands (an opening of tenders, proposals and listings, then 8–24
 * commands of any kind) — createTender, submitProposal, withdrawProposal,
 * awardTender, cancelTender, releaseTender, reclaimProposal, createListing, buy, cancelListing,
 * withdrawFees, pause, unpause of the marketplace AND of CarbonCredits, suspend / reinstate /
 * deactivate of the credits' project, and time jumps — among two sellers (alice, bob) and two buyers
 * (carol, dave). A small TypeScript model predicts every outcome: a predicted failure must revert
 * with exactly the predicted custom error, a predicted success must succeed.
 *
 * After EVERY step the invariant is checked against on-chain state alone:
 *   credits.balanceOf(market, batch) == Σ proposalEscrow(p) of proposals of batch
 *                                      + Σ listing.remaining of active listings of batch
 *   token.balanceOf(market)          == Σ tenderEscrow(t) of tenders in token + accruedFees(token)
 * and every entity's on-chain escrow equals the model's (so nothing is owed that the model does not
 * know of, and no escrow is released twice).
 *
 * At the END of every sequence, with whatever pauses and suspension are then in force (nothing is
 * unpaused or reinstated), every escrow is exited — listings cancelled, proposals withdrawn or
 * reclaimed, tenders cancelled, fees withdrawn — and the marketplace must hold no credits and no
 * tokens: no sequence of pauses and suspensions leaves escrowed credits or funds unrecoverable (OT-05).
 * The award window is predicted with the pause clock (OT-05) and settlement with the project's
 * status (OT-03).
 *
 * The one-step offsets (issue 17) are in the mix: tenders are created "retire on award" at random and
 * awarded with awardTenderAndRetire, and fills use buyAndRetire at random. After every step, per batch:
 *   totalSupply(id) == minted − retired (registry) == Σ balances of every holder,
 * and the registry's `retired` equals the model's (exactly the one-step retirements).
 */
import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { BaseContract, ContractTransactionResponse } from "ethers";
import type { MockUSD, ReadLens } from "../../typechain-types";
import { Reads, deployReadLens } from "../helpers/read-lens";
import { same } from "../helpers/check";
import { CREDIT, SELLER_CREDITS, SMALL_CREDITS, USD, costUp, deployMarket, feeDown, type Market } from "./fixtures";

/** Random sequences. The test asserts that they drove every main call through both success and revert. */
const NUM_RUNS = 100;
const MAX_COMMANDS = 24;
const HOUR = 3600n;
const DAY = 24n * HOUR;

// ───────────────────────────── model ─────────────────────────────

type TStatus = "Open" | "Awarded" | "Cancelled" | "Expired";
type PStatus = "Pending" | "Accepted" | "Withdrawn" | "Rejected";
type LStatus = "Active" | "SoldOut" | "Cancelled";

interface MTender {
  id: bigint;
  buyer: number;
  token: number;
  creditsRequired: bigint;
  maxPrice: bigint;
  deadline: bigint;
  budget: bigint;
  /** Pause clock (seconds either contract was paused) when created. */
  clockAt: bigint;
  retireOnAward: boolean;
  status: TStatus;
}
interface MProposal {
  id: bigint;
  tenderId: bigint;
  seller: number;
  batch: number;
  amount: bigint;
  price: bigint;
  feeBps: bigint;
  status: PStatus;
}
interface MListing {
  id: bigint;
  seller: number;
  batch: number;
  token: number;
  remaining: bigint;
  price: bigint;
  minFill: bigint;
  expiry: bigint;
  feeBps: bigint;
  status: LStatus;
}

class Model {
  tenders: MTender[] = [];
  proposals: MProposal[] = [];
  listings: MListing[] = [];
  fees: bigint[] = [0n, 0n];
  /** sellerCredits[seller][batch] */
  sellerCredits: bigint[][] = [
    [SELLER_CREDITS, SMALL_CREDITS],
    [SELLER_CREDITS, SMALL_CREDITS],
  ];
  paused = false;
  feeBps = 0n;
  grace = 0n;
  minTrade = 0n;
  /** The marketplace's and CarbonCredits' pause: since when, and seconds in finished pauses. */
  pause = { market: { at: 0n, total: 0n }, credits: { at: 0n, total: 0n } };
  creditsPaused = false;
  project: "Approved" | "Suspended" | "Deactivated" = "Approved";
  /** Units retired per batch (through the one-step offsets). */
  retired: bigint[] = [0n, 0n];
  /** Seconds either contract has been paused by time `now` (the contracts' pause clock, summed). */
  clock(now: bigint): bigint {
    const m = this.pause.market.total + (this.paused ? now - this.pause.market.at : 0n);
    return m + this.pause.credits.total + (this.creditsPaused ? now - this.pause.credits.at : 0n);
  }
  closesAt(t: MTender, now: bigint): bigint {
    return t.deadline + this.grace + this.clock(now) - t.clockAt;
  }
}

interface Real {
  m: Market;
  /** Reads the whole state in one call after every step (test/helpers/read-lens.ts). */
  lens: ReadLens;
  tokens: MockUSD[];
  tokenAddresses: string[];
  batches: bigint[];
  sellers: HardhatEthersSigner[];
  buyers: HardhatEthersSigner[];
  trace: string[];
}

type Expected = { ok: true } | { ok: false; on: BaseContract; error: string };
const OK: Expected = { ok: true };

const stats = new Map<string, { ok: number; revert: number }>();
function count(kind: string, ok: boolean): void {
  const s = stats.get(kind) ?? { ok: 0, revert: 0 };
  if (ok) s.ok++;
  else s.revert++;
  stats.set(kind, s);
}

/** Pins the next block's timestamp to latest + 1 (so predictions are exact) and returns it. */
async function nextTimestamp(): Promise<bigint> {
  const next = BigInt(await time.latest()) + 1n;
  await time.setNextBlockTimestamp(next);
  return next;
}

async function execute(
  kind: string,
  r: Real,
  expected: Expected,
  send: () => Promise<ContractTransactionResponse>,
  describeStep: string,
): Promise<void> {
  r.trace.push(`${describeStep} → ${expected.ok ? "ok" : expected.error}`);
  count(kind, expected.ok);
  if (expected.ok) {
    await (await send()).wait();
  } else {
    await expect(send()).to.be.revertedWithCustomError(expected.on, expected.error);
  }
}

/** The invariant, from on-chain state only, plus each entity's escrow against the model. */
async function checkInvariant(model: Model, r: Real): Promise<void> {
  const { market, credits, marketAddress } = r.m;
  const holders = [...r.sellers, ...r.buyers].map((s) => s.address).concat(marketAddress);
  // One eth_call for the whole state (test/helpers/read-lens.ts): the same view functions, one round trip.
  const q = new Reads(r.lens);
  const reads = Promise.all([
    Promise.all(model.tenders.map((t) => q.read(market, "tenderEscrow", t.id))),
    Promise.all(model.proposals.map((p) => q.read(market, "proposalEscrow", p.id))),
    Promise.all(model.listings.map((l) => q.read(market, "getListing", l.id))),
    Promise.all(r.batches.map((b) => q.read(credits, "balanceOf", marketAddress, b))),
    Promise.all(r.batches.map((b) => q.read(r.m.registry, "getBatch", b))),
    Promise.all(r.batches.map((b) => q.read(credits, "totalSupply", b))),
    Promise.all(r.batches.map((b) => Promise.all(holders.map((h) => q.read(credits, "balanceOf", h, b))))),
    Promise.all(r.tokenAddresses.map((t) => q.read(market, "accruedFees", t))),
    Promise.all(r.tokens.map((t) => q.read(t, "balanceOf", marketAddress))),
  ]);
  await q.flush();
  const [tenderEscrows, proposalEscrows, listings, marketCredits, batches, supplies, balances, fees, marketTokens] = await reads;

  const creditsOwed = r.batches.map(() => 0n);
  const tokensOwed = r.tokens.map(() => 0n);
  model.tenders.forEach((t, i) => {
    const escrow = tenderEscrows[i];
    same(escrow, t.status === "Open" ? t.budget : 0n, `tender ${t.id} escrow`);
    tokensOwed[t.token] += escrow;
  });
  model.proposals.forEach((p, i) => {
    const escrow = proposalEscrows[i];
    same(escrow, p.status === "Pending" ? p.amount : 0n, `proposal ${p.id} escrow`);
    creditsOwed[p.batch] += escrow;
  });
  model.listings.forEach((l, i) => {
    const onChain = listings[i];
    same(onChain.remaining, l.remaining, `listing ${l.id} remaining`);
    if (onChain.status !== 3n && onChain.status !== 4n) creditsOwed[l.batch] += onChain.remaining;
  });
  for (let i = 0; i < r.batches.length; i++) {
    same(marketCredits[i], creditsOwed[i], `credits of batch ${r.batches[i]} held`);
  }
  for (let i = 0; i < r.batches.length; i++) {
    const b = batches[i];
    const supply = supplies[i];
    const held = balances[i].reduce((x, y) => x + y, 0n);
    same(b.retired, model.retired[i], `retired of batch ${r.batches[i]}`);
    same(supply, b.minted - b.retired, `totalSupply == minted − retired, batch ${r.batches[i]}`);
    same(held, supply, `Σ balances == totalSupply, batch ${r.batches[i]}`);
  }
  for (let i = 0; i < r.tokens.length; i++) {
    same(fees[i], model.fees[i], `accrued fees of token ${i}`);
    same(marketTokens[i], tokensOwed[i] + fees[i], `token ${i} held`);
  }
}

// ───────────────────────────── commands ─────────────────────────────

/** Retirement details of a one-step offset for `beneficiary`. */
const offsetDetails = (beneficiary: string) => ({
  beneficiary,
  beneficiaryName: "property test",
  reason: "offset claim",
  referenceId: "",
  consumptionCountry: "IN",
});
const pick = <T>(xs: T[], k: number): T | undefined => (xs.length === 0 ? undefined : xs[k % xs.length]);
/** Fractions in per-mille: values above 1000 overshoot on purpose. */
const frac = (x: bigint, perMille: number): bigint => (x * BigInt(perMille)) / 1000n;

abstract class Cmd {
  check(_model: Readonly<Model>): boolean {
    return true;
  }
  abstract run(model: Model, real: Real): Promise<void>;
  abstract toString(): string;
}

class CreateTender extends Cmd {
  constructor(
    readonly buyer: number,
    readonly token: number,
    readonly credits: bigint,
    readonly maxPrice: bigint,
    readonly duration: bigint,
    readonly retireOnAward = false,
  ) {
    super();
  }
  async run(model: Model, r: Real): Promise<void> {
    const deadline = (await nextTimestamp()) + this.duration;
    const budget = costUp(this.credits, this.maxPrice);
    const expected: Expected = model.paused ? { ok: false, on: r.m.market, error: "EnforcedPause" } : OK;
    const input = {
      paymentToken: r.tokenAddresses[this.token],
      creditsRequired: this.credits,
      maxPricePerCredit: this.maxPrice,
      deadline,
      projectId: 0,
      minVintage: 0,
      maxVintage: 0,
      retireOnAward: this.retireOnAward,
    };
    await execute("createTender", r, expected, () => r.m.market.connect(r.buyers[this.buyer]).createTender(input), this.toString());
    if (expected.ok) {
      model.tenders.push({
        id: BigInt(model.tenders.length + 1),
        buyer: this.buyer,
        token: this.token,
        creditsRequired: this.credits,
        maxPrice: this.maxPrice,
        deadline,
        budget,
        clockAt: model.clock(deadline - this.duration),
        retireOnAward: this.retireOnAward,
        status: "Open",
      });
    }
    await checkInvariant(model, r);
  }
  toString(): string {
    return `createTender(buyer${this.buyer}, token${this.token}, ${this.credits}, ${this.maxPrice}, +${this.duration}s${this.retireOnAward ? ", retire" : ""})`;
  }
}

class Submit extends Cmd {
  constructor(
    readonly seller: number,
    readonly tender: number,
    readonly batch: number,
    readonly amountPerMille: number,
    readonly pricePerMille: number,
  ) {
    super();
  }
  check(model: Readonly<Model>): boolean {
    return model.tenders.length > 0;
  }
  async run(model: Model, r: Real): Promise<void> {
    const t = pick(model.tenders, this.tender)!;
    const amount = frac(t.creditsRequired, this.amountPerMille) || 1n;
    const price = frac(t.maxPrice, this.pricePerMille) || 1n;
    const now = await nextTimestamp();
    const mk = r.m.market;
    let expected: Expected = OK;
    if (model.paused) expected = { ok: false, on: mk, error: "EnforcedPause" };
    else if (t.status !== "Open") expected = { ok: false, on: mk, error: "MarketplaceTenderNotOpen" };
    else if (now >= t.deadline) expected = { ok: false, on: mk, error: "MarketplaceDeadlinePassed" };
    else if (amount < model.minTrade) expected = { ok: false, on: mk, error: "MarketplaceBelowMinimumTrade" };
    else if (amount > t.creditsRequired) expected = { ok: false, on: mk, error: "MarketplaceAmountAboveRequired" };
    else if (price > t.maxPrice) expected = { ok: false, on: mk, error: "MarketplacePriceAboveMax" };
    else if (model.project !== "Approved") expected = { ok: false, on: mk, error: "MarketplaceProjectNotApproved" };
    else if (model.creditsPaused) expected = { ok: false, on: r.m.credits, error: "EnforcedPause" };
    else if (model.sellerCredits[this.seller][this.batch] < amount) {
      expected = { ok: false, on: r.m.credits, error: "ERC1155InsufficientBalance" };
    }
    await execute(
      "submitProposal",
      r,
      expected,
      () => mk.connect(r.sellers[this.seller]).submitProposal(t.id, r.batches[this.batch], amount, price),
      `${this.toString()} [tender ${t.id}, ${amount} @ ${price}]`,
    );
    if (expected.ok) {
      model.sellerCredits[this.seller][this.batch] -= amount;
      model.proposals.push({
        id: BigInt(model.proposals.length + 1),
        tenderId: t.id,
        seller: this.seller,
        batch: this.batch,
        amount,
        price,
        feeBps: model.feeBps,
        status: "Pending",
      });
    }
    await checkInvariant(model, r);
  }
  toString(): string {
    return `submit(seller${this.seller}, t~${this.tender}, batch${this.batch}, ${this.amountPerMille}‰, ${this.pricePerMille}‰)`;
  }
}

class Withdraw extends Cmd {
  constructor(readonly proposal: number) {
    super();
  }
  check(model: Readonly<Model>): boolean {
    return model.proposals.length > 0;
  }
  async run(model: Model, r: Real): Promise<void> {
    const p = pick(model.proposals, this.proposal)!;
    const t = model.tenders[Number(p.tenderId) - 1];
    const mk = r.m.market;
    let expected: Expected = OK;
    if (p.status !== "Pending") expected = { ok: false, on: mk, error: "MarketplaceProposalNotPending" };
    else if (t.status !== "Open") expected = { ok: false, on: mk, error: "MarketplaceTenderNotOpen" };
    await execute("withdrawProposal", r, expected, () => mk.connect(r.sellers[p.seller]).withdrawProposal(p.id), `${this} [p${p.id}]`);
    if (expected.ok) {
      p.status = "Withdrawn";
      model.sellerCredits[p.seller][p.batch] += p.amount;
    }
    await checkInvariant(model, r);
  }
  toString(): string {
    return `withdraw(p~${this.proposal})`;
  }
}

class Reclaim extends Cmd {
  constructor(readonly proposal: number) {
    super();
  }
  check(model: Readonly<Model>): boolean {
    return model.proposals.length > 0;
  }
  async run(model: Model, r: Real): Promise<void> {
    const p = pick(model.proposals, this.proposal)!;
    const t = model.tenders[Number(p.tenderId) - 1];
    const mk = r.m.market;
    let expected: Expected = OK;
    if (p.status !== "Pending") expected = { ok: false, on: mk, error: "MarketplaceProposalNotPending" };
    else if (t.status === "Open") expected = { ok: false, on: mk, error: "MarketplaceTenderNotFinal" };
    await execute("reclaimProposal", r, expected, () => mk.connect(r.m.outsider).reclaimProposal(p.id), `${this} [p${p.id}]`);
    if (expected.ok) {
      p.status = "Rejected";
      model.sellerCredits[p.seller][p.batch] += p.amount;
    }
    await checkInvariant(model, r);
  }
  toString(): string {
    return `reclaim(p~${this.proposal})`;
  }
}

class Award extends Cmd {
  constructor(
    readonly tender: number,
    readonly proposal: number,
  ) {
    super();
  }
  check(model: Readonly<Model>): boolean {
    return model.proposals.length > 0;
  }
  async run(model: Model, r: Real): Promise<void> {
    const t = pick(model.tenders, this.tender)!;
    // Usually a proposal of this tender; otherwise any proposal (a mismatch).
    const p = pick(model.proposals.filter((x) => x.tenderId === t.id), this.proposal) ?? pick(model.proposals, this.proposal)!;
    const now = await nextTimestamp();
    const mk = r.m.market;
    let expected: Expected = OK;
    if (model.paused) expected = { ok: false, on: mk, error: "EnforcedPause" };
    else if (t.status !== "Open") expected = { ok: false, on: mk, error: "MarketplaceTenderNotOpen" };
    else if (now >= model.closesAt(t, now)) expected = { ok: false, on: mk, error: "MarketplaceAwardWindowClosed" };
    else if (p.tenderId !== t.id) expected = { ok: false, on: mk, error: "MarketplaceProposalNotInTender" };
    else if (p.status !== "Pending") expected = { ok: false, on: mk, error: "MarketplaceProposalNotPending" };
    else if (model.creditsPaused) expected = { ok: false, on: mk, error: "EnforcedPause" };
    else if (model.project !== "Approved") expected = { ok: false, on: mk, error: "MarketplaceProjectNotApproved" };
    const cost = costUp(p.amount, p.price);
    const buyer = mk.connect(r.buyers[t.buyer]);
    const details = offsetDetails(r.buyers[t.buyer].address);
    await execute(
      t.retireOnAward ? "awardTenderAndRetire" : "awardTender",
      r,
      expected,
      () =>
        t.retireOnAward
          ? buyer.awardTenderAndRetire(t.id, p.id, p.price, p.amount, cost, details)
          : buyer.awardTender(t.id, p.id, p.price, p.amount, cost),
      `${this} [t${t.id}, p${p.id}${t.retireOnAward ? ", retire" : ""}]`,
    );
    if (expected.ok) {
      t.status = "Awarded";
      p.status = "Accepted";
      if (t.retireOnAward) model.retired[p.batch] += p.amount;
      model.fees[t.token] += feeDown(cost, p.feeBps);
    }
    await checkInvariant(model, r);
  }
  toString(): string {
    return `award(t~${this.tender}, p~${this.proposal})`;
  }
}

class CancelTender extends Cmd {
  constructor(readonly tender: number) {
    super();
  }
  check(model: Readonly<Model>): boolean {
    return model.tenders.length > 0;
  }
  async run(model: Model, r: Real): Promise<void> {
    const t = pick(model.tenders, this.tender)!;
    const mk = r.m.market;
    const expected: Expected = t.status !== "Open" ? { ok: false, on: mk, error: "MarketplaceTenderNotOpen" } : OK;
    await execute("cancelTender", r, expected, () => mk.connect(r.buyers[t.buyer]).cancelTender(t.id), `${this} [t${t.id}]`);
    if (expected.ok) t.status = "Cancelled";
    await checkInvariant(model, r);
  }
  toString(): string {
    return `cancelTender(t~${this.tender})`;
  }
}

class Release extends Cmd {
  constructor(readonly tender: number) {
    super();
  }
  check(model: Readonly<Model>): boolean {
    return model.tenders.length > 0;
  }
  async run(model: Model, r: Real): Promise<void> {
    const t = pick(model.tenders, this.tender)!;
    const now = await nextTimestamp();
    const mk = r.m.market;
    let expected: Expected = OK;
    if (t.status !== "Open") expected = { ok: false, on: mk, error: "MarketplaceTenderNotOpen" };
    else if (now < model.closesAt(t, now)) expected = { ok: false, on: mk, error: "MarketplaceGracePeriodNotOver" };
    await execute("releaseTender", r, expected, () => mk.connect(r.m.outsider).releaseTender(t.id), `${this} [t${t.id}]`);
    if (expected.ok) t.status = "Expired";
    await checkInvariant(model, r);
  }
  toString(): string {
    return `release(t~${this.tender})`;
  }
}

class CreateListing extends Cmd {
  constructor(
    readonly seller: number,
    readonly batch: number,
    readonly token: number,
    readonly amount: bigint,
    readonly price: bigint,
    readonly minFillPerMille: number,
    readonly duration: bigint,
  ) {
    super();
  }
  async run(model: Model, r: Real): Promise<void> {
    const expiry = (await nextTimestamp()) + this.duration;
    const minFill = frac(this.amount, this.minFillPerMille);
    let expected: Expected = OK;
    if (model.paused) expected = { ok: false, on: r.m.market, error: "EnforcedPause" };
    else if (model.project !== "Approved") expected = { ok: false, on: r.m.market, error: "MarketplaceProjectNotApproved" };
    else if (model.creditsPaused) expected = { ok: false, on: r.m.credits, error: "EnforcedPause" };
    else if (model.sellerCredits[this.seller][this.batch] < this.amount) {
      expected = { ok: false, on: r.m.credits, error: "ERC1155InsufficientBalance" };
    }
    await execute(
      "createListing",
      r,
      expected,
      () =>
        r.m.market
          .connect(r.sellers[this.seller])
          .createListing(r.batches[this.batch], this.amount, this.price, r.tokenAddresses[this.token], minFill, expiry),
      this.toString(),
    );
    if (expected.ok) {
      model.sellerCredits[this.seller][this.batch] -= this.amount;
      model.listings.push({
        id: BigInt(model.listings.length + 1),
        seller: this.seller,
        batch: this.batch,
        token: this.token,
        remaining: this.amount,
        price: this.price,
        minFill: minFill < model.minTrade ? model.minTrade : minFill,
        expiry,
        feeBps: model.feeBps,
        status: "Active",
      });
    }
    await checkInvariant(model, r);
  }
  toString(): string {
    return `list(seller${this.seller}, batch${this.batch}, token${this.token}, ${this.amount} @ ${this.price}, min ${this.minFillPerMille}‰, +${this.duration}s)`;
  }
}

class Buy extends Cmd {
  constructor(
    readonly buyer: number,
    readonly listing: number,
    readonly amountPerMille: number,
    readonly retire = false,
  ) {
    super();
  }
  check(model: Readonly<Model>): boolean {
    return model.listings.length > 0;
  }
  async run(model: Model, r: Real): Promise<void> {
    const l = pick(model.listings, this.listing)!;
    const amount = frac(l.remaining, this.amountPerMille) || 1n;
    const now = await nextTimestamp();
    const mk = r.m.market;
    let expected: Expected = OK;
    if (model.paused) expected = { ok: false, on: mk, error: "EnforcedPause" };
    else if (l.status !== "Active") expected = { ok: false, on: mk, error: "MarketplaceListingNotActive" };
    else if (now >= l.expiry) expected = { ok: false, on: mk, error: "MarketplaceListingExpired" };
    else if (amount > l.remaining) expected = { ok: false, on: mk, error: "MarketplaceAmountAboveRemaining" };
    else if (amount < l.minFill && amount !== l.remaining) expected = { ok: false, on: mk, error: "MarketplaceBelowMinFill" };
    else if (model.creditsPaused) expected = { ok: false, on: mk, error: "EnforcedPause" };
    else if (model.project !== "Approved") expected = { ok: false, on: mk, error: "MarketplaceProjectNotApproved" };
    const cost = costUp(amount, l.price);
    const buyer = mk.connect(r.buyers[this.buyer]);
    await execute(
      this.retire ? "buyAndRetire" : "buy",
      r,
      expected,
      () =>
        this.retire
          ? buyer.buyAndRetire(l.id, amount, l.price, cost, offsetDetails(r.buyers[this.buyer].address))
          : buyer.buy(l.id, amount, l.price, cost),
      `${this} [l${l.id}, ${amount}]`,
    );
    if (expected.ok) {
      if (this.retire) model.retired[l.batch] += amount;
      l.remaining -= amount;
      if (l.remaining === 0n) l.status = "SoldOut";
      model.fees[l.token] += feeDown(cost, l.feeBps);
    }
    await checkInvariant(model, r);
  }
  toString(): string {
    return `${this.retire ? "buyAndRetire" : "buy"}(buyer${this.buyer}, l~${this.listing}, ${this.amountPerMille}‰)`;
  }
}

class CancelListing extends Cmd {
  constructor(readonly listing: number) {
    super();
  }
  check(model: Readonly<Model>): boolean {
    return model.listings.length > 0;
  }
  async run(model: Model, r: Real): Promise<void> {
    const l = pick(model.listings, this.listing)!;
    const mk = r.m.market;
    const expected: Expected = l.status !== "Active" ? { ok: false, on: mk, error: "MarketplaceListingNotActive" } : OK;
    await execute("cancelListing", r, expected, () => mk.connect(r.sellers[l.seller]).cancelListing(l.id), `${this} [l${l.id}]`);
    if (expected.ok) {
      model.sellerCredits[l.seller][l.batch] += l.remaining;
      l.remaining = 0n;
      l.status = "Cancelled";
    }
    await checkInvariant(model, r);
  }
  toString(): string {
    return `cancelListing(l~${this.listing})`;
  }
}

class WithdrawFees extends Cmd {
  constructor(readonly token: number) {
    super();
  }
  async run(model: Model, r: Real): Promise<void> {
    const mk = r.m.market;
    const expected: Expected = model.fees[this.token] === 0n ? { ok: false, on: mk, error: "MarketplaceNothingToWithdraw" } : OK;
    await execute("withdrawFees", r, expected, () => mk.connect(r.m.feeRecipient).withdrawFees(r.tokenAddresses[this.token]), this.toString());
    if (expected.ok) model.fees[this.token] = 0n;
    await checkInvariant(model, r);
  }
  toString(): string {
    return `withdrawFees(token${this.token})`;
  }
}

/** Pauses or unpauses the marketplace or (`onCredits`) CarbonCredits, keeping the model's pause clock. */
class SetPaused extends Cmd {
  constructor(
    readonly paused: boolean,
    readonly onCredits = false,
  ) {
    super();
  }
  async run(model: Model, r: Real): Promise<void> {
    const target = this.onCredits ? r.m.credits : r.m.market;
    const was = this.onCredits ? model.creditsPaused : model.paused;
    let expected: Expected = OK;
    if (this.paused && was) expected = { ok: false, on: target, error: "EnforcedPause" };
    if (!this.paused && !was) expected = { ok: false, on: target, error: "ExpectedPause" };
    const now = await nextTimestamp();
    const signer = target.connect(r.m.pauser);
    await execute(this.paused ? "pause" : "unpause", r, expected, () => (this.paused ? signer.pause() : signer.unpause()), this.toString());
    if (expected.ok) {
      const clock = this.onCredits ? model.pause.credits : model.pause.market;
      if (this.paused) clock.at = now;
      else clock.total += now - clock.at;
      if (this.onCredits) model.creditsPaused = this.paused;
      else model.paused = this.paused;
    }
    await checkInvariant(model, r);
  }
  toString(): string {
    return `${this.onCredits ? "credits." : ""}${this.paused ? "pause()" : "unpause()"}`;
  }
}

/** Suspends, reinstates or deactivates the project of both batches (valid transitions only). */
class SetProjectStatus extends Cmd {
  constructor(readonly to: "Approved" | "Suspended" | "Deactivated") {
    super();
  }
  check(model: Readonly<Model>): boolean {
    if (this.to === "Suspended") return model.project === "Approved";
    if (this.to === "Approved") return model.project === "Suspended";
    return model.project !== "Deactivated";
  }
  async run(model: Model, r: Real): Promise<void> {
    const reg = r.m.registry.connect(r.m.verifier);
    const id = r.m.projectId;
    const send =
      this.to === "Suspended"
        ? () => reg.suspendProject(id, "property test")
        : this.to === "Approved"
          ? () => reg.reinstateProject(id)
          : () => reg.deactivateProject(id, "property test");
    await execute("projectStatus", r, OK, send, this.toString());
    model.project = this.to;
    await checkInvariant(model, r);
  }
  toString(): string {
    return `project → ${this.to}`;
  }
}

class Advance extends Cmd {
  constructor(readonly seconds: bigint) {
    super();
  }
  async run(model: Model, r: Real): Promise<void> {
    r.trace.push(this.toString());
    await time.increase(this.seconds);
    await checkInvariant(model, r);
  }
  toString(): string {
    return `advance(${this.seconds}s)`;
  }
}

/**
 * Exits every escrow under the pauses and project status in force (none is lifted): cancels listings,
 * withdraws or reclaims pending proposals, cancels open tenders, withdraws fees; then the marketplace
 * must hold nothing. Each exit is a command, so the model and the invariant are checked as usual.
 */
async function drainAll(model: Model, r: Real): Promise<void> {
  r.trace.push(`drain (market paused ${model.paused}, credits paused ${model.creditsPaused}, project ${model.project})`);
  for (const l of model.listings) if (l.status === "Active") await new CancelListing(model.listings.indexOf(l)).run(model, r);
  for (const p of model.proposals) {
    if (p.status !== "Pending") continue;
    const open = model.tenders[Number(p.tenderId) - 1].status === "Open";
    await (open ? new Withdraw(model.proposals.indexOf(p)) : new Reclaim(model.proposals.indexOf(p))).run(model, r);
  }
  for (const t of model.tenders) if (t.status === "Open") await new CancelTender(model.tenders.indexOf(t)).run(model, r);
  for (let i = 0; i < r.tokens.length; i++) if (model.fees[i] > 0n) await new WithdrawFees(i).run(model, r);
  for (const b of r.batches) expect(await r.m.credits.balanceOf(r.m.marketAddress, b), `batch ${b} left in escrow`).to.equal(0n);
  for (const t of r.tokens) expect(await t.balanceOf(r.m.marketAddress), "tokens left in escrow").to.equal(0n);
}

// ───────────────────────────── arbitraries ─────────────────────────────

const actor = fc.integer({ min: 0, max: 1 });
const ref = fc.nat({ max: 1_000 });
const token = fc.integer({ min: 0, max: 1 });
const batch = fc.integer({ min: 0, max: 1 });
/** Mostly within limits, sometimes above on purpose (1100‰). */
const perMille = fc.constantFrom(1, 250, 500, 1000, 1000, 1100);
const credits = fc.bigInt({ min: 1n, max: 60n }).map((c) => c * CREDIT + 1n); // fractional, to exercise rounding
const price = fc.bigInt({ min: 1n, max: 20n }).map((p) => p * USD + 7n);
const duration = fc.constantFrom(HOUR, DAY, 3n * DAY);
const jump = fc.constantFrom(30n * 60n, DAY, 4n * DAY, 8n * DAY);

const createTenderArb = fc
  .tuple(actor, token, credits, price, duration, fc.boolean())
  .map(([b, t, c, p, d, retire]) => new CreateTender(b, t, c, p, d, retire));
const submitArb = fc.tuple(actor, ref, batch, perMille, perMille).map(([s, t, b, a, p]) => new Submit(s, t, b, a, p));
const createListingArb = fc
  .tuple(actor, batch, token, fc.bigInt({ min: 1n, max: 150n }).map((c) => c * CREDIT), price, fc.constantFrom(0, 100, 500), duration)
  .map(([s, b, t, a, p, mf, d]) => new CreateListing(s, b, t, a, p, mf, d));

/**
 * An opening that sets the market up (1–3 tenders, 1–4 proposals, 0–2 listings, in that order), so
 * the main phase rarely hits an empty market; then 8–MAX_COMMANDS commands of every kind, weighted.
 */
const sequence = fc
  .tuple(
    fc.array(createTenderArb, { minLength: 1, maxLength: 3 }),
    fc.array(submitArb, { minLength: 1, maxLength: 4 }),
    fc.array(createListingArb, { maxLength: 2 }),
    fc.array(
      fc.oneof(
        { weight: 2, arbitrary: createTenderArb },
        { weight: 4, arbitrary: submitArb },
        { weight: 2, arbitrary: ref.map((p): Cmd => new Withdraw(p)) },
        { weight: 4, arbitrary: fc.tuple(ref, ref).map(([t, p]): Cmd => new Award(t, p)) },
        { weight: 2, arbitrary: ref.map((t): Cmd => new CancelTender(t)) },
        { weight: 3, arbitrary: ref.map((t): Cmd => new Release(t)) },
        { weight: 3, arbitrary: ref.map((p): Cmd => new Reclaim(p)) },
        { weight: 2, arbitrary: createListingArb },
        { weight: 4, arbitrary: fc.tuple(actor, ref, perMille, fc.boolean()).map(([b, l, a, retire]): Cmd => new Buy(b, l, a, retire)) },
        { weight: 2, arbitrary: ref.map((l): Cmd => new CancelListing(l)) },
        { weight: 1, arbitrary: token.map((t): Cmd => new WithdrawFees(t)) },
        { weight: 1, arbitrary: fc.boolean().map((p): Cmd => new SetPaused(p)) },
        { weight: 1, arbitrary: fc.boolean().map((p): Cmd => new SetPaused(p, true)) },
        {
          weight: 1,
          arbitrary: fc.constantFrom("Suspended", "Approved", "Suspended", "Approved", "Deactivated").map(
            (to): Cmd => new SetProjectStatus(to as "Approved" | "Suspended" | "Deactivated"),
          ),
        },
        { weight: 3, arbitrary: jump.map((s): Cmd => new Advance(s)) },
      ),
      { minLength: 8, maxLength: MAX_COMMANDS },
    ),
  )
  .map(([tenders, submits, listings, main]): Cmd[] => [...tenders, ...submits, ...listings, ...main]);

/** deployMarket plus a second 6-decimal payment token, funded and approved like the first. */
async function twoTokenMarket() {
  const m = await deployMarket();
  const eur = await ethers.deployContract("MockUSD", ["Mock EUR", "mEUR"]);
  const eurAddress = await eur.getAddress();
  await m.market.connect(m.marketAdmin).setPaymentToken(eurAddress, true);
  for (const buyer of [m.carol, m.dave]) {
    await eur.mint(buyer.address, 10_000_000n * USD);
    await eur.connect(buyer).approve(m.marketAddress, ethers.MaxUint256);
  }
  return { m, eur, eurAddress, lens: await deployReadLens() };
}

describe("Marketplace escrow accounting (model-based, fast-check)", function () {
  it(`marketplace balances always equal open escrows + accrued fees over ${NUM_RUNS} random sequences`, async function () {
    this.timeout(600_000);
    stats.clear();
    await fc.assert(
      fc.asyncProperty(sequence, async (cmds) => {
        const { m, eur, eurAddress, lens } = await loadFixture(twoTokenMarket);
        const real: Real = {
          m,
          lens,
          tokens: [m.usd, eur],
          tokenAddresses: [m.usdAddress, eurAddress],
          batches: [m.batch, m.batch2022],
          sellers: [m.alice, m.bob],
          buyers: [m.carol, m.dave],
          trace: [],
        };
        const model = new Model();
        model.feeBps = await m.market.feeBps();
        model.grace = await m.market.GRACE_PERIOD();
        model.minTrade = await m.market.MIN_TRADE();
        try {
          for (const cmd of cmds) {
            if (cmd.check(model)) await cmd.run(model, real);
          }
          await drainAll(model, real);
        } catch (e) {
          const steps = real.trace.map((t, i) => `  ${i + 1}. ${t}`).join("\n");
          throw new Error(`${e instanceof Error ? e.message : String(e)}\nsteps (the last one failed):\n${steps}`);
        }
      }),
      { numRuns: NUM_RUNS },
    );
    // The random sequences must have driven the main calls through success and at least one revert.
    for (const kind of ["createTender", "submitProposal", "awardTender", "awardTenderAndRetire", "buyAndRetire", "cancelTender", "releaseTender", "reclaimProposal", "withdrawProposal", "createListing", "buy", "cancelListing"]) {
      const s = stats.get(kind) ?? { ok: 0, revert: 0 };
      expect(s.ok, `${kind}: successful calls`).to.be.greaterThan(0);
      if (kind !== "createTender" && kind !== "createListing") expect(s.revert, `${kind}: reverted calls`).to.be.greaterThan(0);
    }
  });
});
