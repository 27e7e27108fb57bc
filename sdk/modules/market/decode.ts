/**
 * Decoders of the `market` module (internal): the contract's tender, proposal, listing and quote
 * structs and the `Trade` event as the SDK's records (statuses and kinds by name).
 */
import type { ICreditMarketplace, TradeEvent } from "../../../typechain-types/contracts/market/CreditMarketplace";
import { ListingStatus, ProposalStatus, TenderStatus, TradeKind, type Listing, type ListingStatusName, type Proposal, type ProposalStatusName, type Quote, type Tender, type TenderStatusName, type Trade, type TradeKindName } from "./types";

const TENDER_NAMES = Object.keys(TenderStatus) as TenderStatusName[];
const PROPOSAL_NAMES = Object.keys(ProposalStatus) as ProposalStatusName[];
const LISTING_NAMES = Object.keys(ListingStatus) as ListingStatusName[];
const KIND_NAMES = Object.keys(TradeKind) as TradeKindName[];

/** Tender `id` as the contract returns it (`getTender`). */
export function toTender(id: bigint, t: ICreditMarketplace.TenderStructOutput): Tender {
  return {
    id,
    buyer: t.buyer,
    deadline: t.deadline,
    status: TENDER_NAMES[Number(t.status)],
    projectId: t.projectId,
    paymentToken: t.paymentToken,
    minVintage: Number(t.minVintage),
    maxVintage: Number(t.maxVintage),
    creditsRequired: t.creditsRequired,
    maxPricePerCredit: t.maxPricePerCredit,
    budget: t.budget,
    winningProposalId: t.winningProposalId,
    retireOnAward: t.retireOnAward,
  };
}

/** Proposal `id` as the contract returns it (`getProposal`). */
export function toProposal(id: bigint, p: ICreditMarketplace.ProposalStructOutput): Proposal {
  return {
    id,
    tenderId: p.tenderId,
    seller: p.seller,
    status: PROPOSAL_NAMES[Number(p.status)],
    feeBps: Number(p.feeBps),
    batchId: p.batchId,
    amount: p.amount,
    pricePerCredit: p.pricePerCredit,
  };
}

/** Listing `id` as the contract returns it (`getListing`). */
export function toListing(id: bigint, l: ICreditMarketplace.ListingStructOutput): Listing {
  return {
    id,
    seller: l.seller,
    expiry: l.expiry,
    status: LISTING_NAMES[Number(l.status)],
    feeBps: Number(l.feeBps),
    paymentToken: l.paymentToken,
    batchId: l.batchId,
    remaining: l.remaining,
    pricePerCredit: l.pricePerCredit,
    minFill: l.minFill,
    amount: l.amount,
  };
}

/** A contract quote. */
export function toQuote(q: ICreditMarketplace.QuoteStructOutput): Quote {
  return { cost: q.cost, fee: q.fee, sellerProceeds: q.sellerProceeds, refund: q.refund };
}

/** A `Trade` event. */
export function toTrade(a: TradeEvent.OutputObject): Trade {
  return {
    kind: KIND_NAMES[Number(a.kind)],
    refId: a.refId,
    batchId: a.batchId,
    buyer: a.buyer,
    seller: a.seller,
    paymentToken: a.paymentToken,
    amount: a.amount,
    pricePerCredit: a.pricePerCredit,
    cost: a.cost,
    fee: a.fee,
  };
}
