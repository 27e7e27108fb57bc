/**
 * Marketplace tasks: fee rate, fee recipient, payment-token allow-list, and the one-step offsets
 * (buy-and-retire a listing fill, award-and-retire a retire-on-award tender) for a buyer at the CLI.
 * `npx hardhat market:<name> --network <net> [--deployment-id <id> | --addresses <file>] …`
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import {
  type CommonArgs,
  type Sent,
  type System,
  TaskArgumentError,
  adminTask,
  eventOf,
  formatCredits,
  parseAddress,
  parseCredits,
  parseId,
  parseInteger,
  parseText,
  resolveSystem,
  say,
  sendTx,
} from "./lib";

/** The retirement options of the offset tasks (beneficiary defaults to the signer). */
interface OffsetArgs extends CommonArgs {
  beneficiary?: string;
  beneficiaryName?: string;
  reason: string;
  reference?: string;
  country?: string;
  maxCost?: string;
  approve: boolean;
}

/** `RetirementDetails` from the task's flags; texts ≤ 256 bytes are checked by the contract (simulated first). */
function offsetDetails(args: OffsetArgs, signer: string) {
  return {
    beneficiary: args.beneficiary === undefined ? signer : parseAddress("beneficiary", args.beneficiary),
    beneficiaryName: args.beneficiaryName === undefined ? "" : parseText("beneficiary-name", args.beneficiaryName),
    reason: parseText("reason", args.reason),
    referenceId: args.reference === undefined ? "" : parseText("reference", args.reference),
    consumptionCountry: args.country === undefined ? "" : parseText("country", args.country),
  };
}

/** The retirement id, account and link of the offset's `Retired` event. */
function retirementOf(sent: Sent, action: string) {
  const ev = eventOf(sent, "Retired", action);
  return { retirementId: ev.args.retirementId as bigint, account: ev.args.account as string, link: ev.args.link };
}

/** Approves `cost` of `token` to the marketplace when asked and the allowance is short. */
async function approveIfShort(hre: HardhatRuntimeEnvironment, sys: System, token: string, cost: bigint, approve: boolean, action: string) {
  if (!approve) return;
  const erc20 = await hre.ethers.getContractAt("@openzeppelin/contracts/token/ERC20/IERC20.sol:IERC20", token, sys.signer);
  const market = await sys.market.getAddress();
  if ((await erc20.allowance(sys.signerAddress, market)) >= cost) return;
  await sendTx(sys, `${action}: approve`, erc20.approve, [market, cost]);
}

/** Declares the retirement flags shared by the two offset tasks. */
function withOffsetFlags(name: string, description: string) {
  return adminTask(name, description)
    .addOptionalParam("beneficiary", "Who the offset claim is for (default: the signer)")
    .addOptionalParam("beneficiaryName", "Display name of the beneficiary")
    .addOptionalParam("reason", "Purpose of the retirement", "offset claim")
    .addOptionalParam("reference", "External reference, e.g. an invoice id")
    .addOptionalParam("country", "ISO 3166-1 alpha-2 country of the claim, e.g. IN")
    .addOptionalParam("maxCost", "Most the signer pays, payment-token smallest units (default: the quote)")
    .addFlag("approve", "First approve the payment token for the quoted cost when the allowance is short");
}

withOffsetFlags(
  "market:buy-and-retire",
  "Buy credits from a listing and retire them in one transaction; the signer is the buyer and the retiring account",
)
  .addParam("listing", "Listing id")
  .addParam("amount", "Credits to buy and retire (tCO2e, up to 6 decimals)")
  .setAction(async (args: OffsetArgs & { listing: string; amount: string }, hre: HardhatRuntimeEnvironment) => {
    const listingId = parseId("listing", args.listing);
    const amount = parseCredits("amount", args.amount);
    const sys = await resolveSystem(hre, args);
    const listing = await sys.market.getListing(listingId);
    const quote = await sys.market.quoteBuy(listingId, amount);
    const maxCost = args.maxCost === undefined ? quote.cost : parseInteger("max-cost", args.maxCost, 0n, (1n << 256n) - 1n);
    const details = offsetDetails(args, sys.signerAddress);
    await approveIfShort(hre, sys, listing.paymentToken, quote.cost, args.approve, "market:buy-and-retire");
    const sent = await sendTx(sys, "market:buy-and-retire", sys.market.buyAndRetire, [listingId, amount, listing.pricePerCredit, maxCost, details]);
    if (sent.queued) return sent;
    const r = retirementOf(sent, "market:buy-and-retire");
    say(`listing #${listingId}: ${formatCredits(amount)} t bought for ${quote.cost} (fee ${quote.fee}) and retired as retirement #${r.retirementId} for ${details.beneficiary}`);
    return { ...sent, ...r, cost: quote.cost, fee: quote.fee };
  });

withOffsetFlags(
  "market:award-and-retire",
  "Award a retire-on-award tender to a proposal and retire its credits in one transaction. The signer is the tender's buyer",
)
  .addParam("tender", "Tender id")
  .addParam("proposal", "Proposal id")
  .setAction(async (args: OffsetArgs & { tender: string; proposal: string }, hre: HardhatRuntimeEnvironment) => {
    const tenderId = parseId("tender", args.tender);
    const proposalId = parseId("proposal", args.proposal);
    const sys = await resolveSystem(hre, args);
    const p = await sys.market.getProposal(proposalId);
    const quote = await sys.market.quoteAward(proposalId);
    const maxCost = args.maxCost === undefined ? quote.cost : parseInteger("max-cost", args.maxCost, 0n, (1n << 256n) - 1n);
    const details = offsetDetails(args, sys.signerAddress);
    const sent = await sendTx(sys, "market:award-and-retire", sys.market.awardTenderAndRetire, [tenderId, proposalId, p.pricePerCredit, p.amount, maxCost, details]);
    if (sent.queued) return sent;
    const r = retirementOf(sent, "market:award-and-retire");
    say(`tender #${tenderId} awarded to proposal #${proposalId}: ${formatCredits(p.amount)} t retired as retirement #${r.retirementId} (cost ${quote.cost}, refund ${quote.refund})`);
    return { ...sent, ...r, cost: quote.cost, fee: quote.fee, refund: quote.refund };
  });

adminTask("market:set-fee", "Set the marketplace fee rate (bps, at most MAX_FEE_BPS = 1000). Needs FEE_ADMIN_ROLE")
  .addParam("bps", "Fee in basis points (0–1000; 250 = 2.5 %)")
  .setAction(async (args: CommonArgs & { bps: string }, hre: HardhatRuntimeEnvironment) => {
    const bps = parseInteger("bps", args.bps, 0n, 10_000n);
    const sys = await resolveSystem(hre, args);
    const max = await sys.market.MAX_FEE_BPS();
    if (bps > max) throw new TaskArgumentError("bps", `${bps} is above the maximum ${max} bps`);
    const before = await sys.market.feeBps();
    const sent = await sendTx(sys, "market:set-fee", sys.market.setFeeBps, [bps]);
    say(`fee ${before} → ${bps} bps`);
    return { ...sent, before, feeBps: bps };
  });

adminTask("market:set-fee-recipient", "Set the account that withdraws marketplace fees. Needs FEE_ADMIN_ROLE")
  .addParam("recipient", "Fee recipient address")
  .setAction(async (args: CommonArgs & { recipient: string }, hre: HardhatRuntimeEnvironment) => {
    const recipient = parseAddress("recipient", args.recipient);
    const sys = await resolveSystem(hre, args);
    const sent = await sendTx(sys, "market:set-fee-recipient", sys.market.setFeeRecipient, [recipient]);
    say(`fee recipient: ${recipient}`);
    return { ...sent, recipient };
  });

adminTask("market:set-payment-token", "Allow (or with --disallow, stop) an ERC-20 as a payment token. Needs MARKET_ADMIN_ROLE")
  .addParam("token", "ERC-20 contract address")
  .addFlag("disallow", "Remove the token from the allow-list instead")
  .setAction(async (args: CommonArgs & { token: string; disallow: boolean }, hre: HardhatRuntimeEnvironment) => {
    const token = parseAddress("token", args.token);
    const allowed = !args.disallow;
    const sys = await resolveSystem(hre, args);
    if (allowed && (await hre.ethers.provider.getCode(token)) === "0x") {
      throw new TaskArgumentError("token", `no contract at ${token} on network "${hre.network.name}"`);
    }
    const sent = await sendTx(sys, "market:set-payment-token", sys.market.setPaymentToken, [token, allowed]);
    say(`payment token ${token}: ${allowed ? "allowed" : "not allowed"}`);
    return { ...sent, token, allowed };
  });
