import fs from "node:fs";
import path from "node:path";
import type { StepRecord } from "./runner";

/** Amounts are bigint in memory and decimal strings in the JSON report. */

/** One MSME pool member as the demo set it up, and its allocation. */
export interface MemberReport {
  readonly name: string;
  readonly address: string;
  /** Plant 1 inverters (SOURCE_KEY) registered as this member's devices. */
  readonly devices: string[];
  /** Σ CO2 of the member's VERIFIED device-days, grams (what the pipeline computed). */
  verifiedGrams: bigint;
  /** The member's contribution recorded in the pool period, grams (read from the chain). */
  contributionGrams: bigint;
  /** Credit units allocated by the period's method (claimable before the claim). */
  allocated: bigint;
  /** Credit units received by the claim. */
  claimed: bigint;
  claimTx?: string;
}

/** One device-day as the pipeline computed it and the demo posted it. */
export interface DeviceDayReport {
  readonly deviceId: string;
  /** keccak256(SOURCE_KEY): the id on MRVOracle. */
  readonly onChainId: string;
  readonly day: number;
  readonly date: string;
  readonly status: "VERIFIED" | "FLAGGED" | "PENDING";
  readonly energyWh: number;
  readonly co2Grams: number;
  readonly evidenceHash: string;
}

/** Everything the demo did: printed as the summary and written as JSON (bigint as strings). */
export interface DemoReport {
  readonly network: { name: string; chainId: bigint };
  readonly startedAt: string;
  finishedAt?: string;
  addresses?: { registry: string; credits: string; market: string; pool: string; oracle: string; usd: string; deploymentBlock: number };
  readonly accounts: {
    deployer: string;
    oracleSigner: string;
    feeRecipient: string;
    treasury: string;
    developer: string;
    corporate: string;
  };
  solarProject?: { projectId: bigint; name: string; batchId: bigint; serial: string; vintage: number; supply: bigint; minted: bigint };
  poolProject?: { projectId: bigint; name: string };
  fleet?: {
    devices: number;
    deviceDays: number;
    verified: number;
    flagged: number;
    pending: number;
    energyMWh: number;
    verifiedEnergyMWh: number;
    verifiedTonnes: number;
    /** Posting: device-days sent now, found on-chain already, refused off-chain (with reasons). */
    posted: number;
    alreadyOnChain: number;
    notPostable: { deviceId: string; date: string; reason: string }[];
    batches: { txHash?: string; reports: number; gasUsed?: bigint }[];
  };
  deviceDays?: DeviceDayReport[];
  pool?: {
    periodId: bigint;
    period: string;
    method: string;
    eligibleGrams: bigint;
    credits: bigint;
    batchId: bigint;
    /** Units left after the rounded-down claims (swept to the treasury when > 0). */
    dust: bigint;
    members: MemberReport[];
  };
  readonly members: MemberReport[];
  listing?: {
    listingId: bigint;
    seller: string;
    buyer: string;
    batchId: bigint;
    listed: bigint;
    pricePerCredit: bigint;
    bought: bigint;
    cost: bigint;
    fee: bigint;
    sellerProceeds: bigint;
    remaining: bigint;
    txHash: string;
  };
  tender?: {
    tenderId: bigint;
    buyer: string;
    creditsRequired: bigint;
    maxPricePerCredit: bigint;
    proposals: { proposalId: bigint; seller: string; sellerName: string; batchId: bigint; amount: bigint; pricePerCredit: bigint; status: string }[];
    winningProposalId: bigint;
    amount: bigint;
    pricePerCredit: bigint;
    cost: bigint;
    fee: bigint;
    sellerProceeds: bigint;
    refund: bigint;
    txHash: string;
  };
  retirements: {
    retirementId: bigint;
    account: string;
    beneficiary: string;
    beneficiaryName: string;
    reason: string;
    batchId: bigint;
    amount: bigint;
    txHash: string;
    /** The trade the retirement came from (a one-step offset), as its `Retired` event links it. */
    trade?: { source: string; refId: bigint; fill: bigint; cost: bigint; fee: bigint };
  }[];
  fees?: { feeBps: bigint; accrued: bigint; withdrawn: bigint; txHash: string };
  steps: { name: string; gasUsed: bigint; ms: number; txs: { label: string; hash: string; gasUsed: bigint }[] }[];
  totalGas?: bigint;
}

/** JSON text of a report: bigint as decimal strings, 2-space indent. */
export function reportJson(report: DemoReport): string {
  return JSON.stringify(report, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2) + "\n";
}

/** Writes the report atomically (temp file + rename), creating the directory. */
export function writeReport(file: string, report: DemoReport): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, reportJson(report));
  fs.renameSync(tmp, file);
}

/** Copies the runner's step records into the report. */
export function stepsOf(records: readonly StepRecord[]): DemoReport["steps"] {
  return records.map((s) => ({ name: s.name, gasUsed: s.gasUsed, ms: s.ms, txs: s.txs.map((t) => ({ ...t })) }));
}

const USD_DECIMALS = 6;
/** A MockUSD amount (6 decimals) as `12.50 USD`. */
export function usd(units: bigint): string {
  const whole = units / 10n ** BigInt(USD_DECIMALS);
  const frac = (units % 10n ** BigInt(USD_DECIMALS)).toString().padStart(USD_DECIMALS, "0").replace(/0+$/, "").padEnd(2, "0");
  return `${whole.toLocaleString("en-US")}.${frac} USD`;
}

/** Credit units as whole credits with up to 6 decimals, `tCO2e`. */
export function credits(units: bigint): string {
  const whole = (units / 1_000_000n).toLocaleString("en-US");
  const frac = (units % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return `${frac ? `${whole}.${frac}` : whole} t`;
}

const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/** A text table: columns left-aligned unless the header starts with `>` (right-aligned). */
export function table(headers: string[], rows: string[][]): string {
  const right = headers.map((h) => h.startsWith(">"));
  const names = headers.map((h) => h.replace(/^>/, ""));
  const widths = names.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(names), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The readable summary printed at the end of the demo. */
export function formatSummary(r: DemoReport): string {
  const out: string[] = [];
  const h = (title: string) => out.push("", title, "═".repeat(title.length));
  h(`OpenTonne demo — network ${r.network.name} (chain ${r.network.chainId})`);
  if (r.addresses) {
    const a = r.addresses;
    out.push(`registry ${a.registry}   credits ${a.credits}   market ${a.market}`);
    out.push(`pool     ${a.pool}   oracle  ${a.oracle}   MockUSD ${a.usd}`);
  }
  if (r.solarProject && r.poolProject) {
    const s = r.solarProject;
    out.push(
      `Projects: #${s.projectId} "${s.name}" (batch ${s.batchId}, serial ${s.serial}, vintage ${s.vintage}, ${credits(s.minted)} minted of ${credits(s.supply)}); ` +
        `#${r.poolProject.projectId} "${r.poolProject.name}" (the MSME pool)`,
    );
  }

  if (r.fleet) {
    const f = r.fleet;
    h("Fleet verification — Kaggle Plant 1, 22 inverters × 8 UTC days (2020-06-07 … 2020-06-14), on-site sensor");
    out.push(
      table(
        ["devices", ">device-days", ">verified", ">flagged", ">pending", ">energy MWh", ">verified MWh", ">verified tCO2e"],
        [[String(f.devices), String(f.deviceDays), String(f.verified), String(f.flagged), String(f.pending), f.energyMWh.toFixed(3), f.verifiedEnergyMWh.toFixed(3), f.verifiedTonnes.toFixed(6)]],
      ),
    );
    out.push(
      `Posted on-chain: ${f.posted} device-days in ${f.batches.length} EIP-712 signed batches` +
        (f.alreadyOnChain ? `, ${f.alreadyOnChain} already on-chain` : "") +
        (f.notPostable.length ? `, ${f.notPostable.length} not postable` : "") +
        " (VERIFIED days credit the owner's pool contribution; FLAGGED/PENDING are stored for audit only).",
    );
  }

  if (r.pool) {
    const p = r.pool;
    h(`Pool allocation — period ${p.periodId}: ${p.period}`);
    out.push(`Method: ${p.method}`);
    out.push(
      table(
        ["member", "address", "inverters", ">contribution", ">allocated", ">claimed"],
        p.members.map((m) => [m.name, short(m.address), String(m.devices.length), credits(m.contributionGrams), credits(m.allocated), credits(m.claimed)]),
      ),
    );
    out.push(
      `Period credits ${credits(p.credits)} (batch ${p.batchId}) from ${credits(p.eligibleGrams)} eligible CO2 at 1 unit per gram; ` +
        `Σ claimed ${credits(p.members.reduce((a, m) => a + m.claimed, 0n))}, dust ${credits(p.dust)}.`,
    );
    out.push("Inverter → member mapping (SOURCE_KEYs sorted, cut into consecutive groups):");
    for (const m of p.members) out.push(`  ${m.name.padEnd(24)} ${m.devices.join(" ")}`);
  }

  if (r.listing || r.tender) {
    h("Trades (MockUSD, fee deducted from the seller's proceeds)");
    const rows: string[][] = [];
    if (r.listing) {
      const l = r.listing;
      rows.push([`listing #${l.listingId} buy`, nameOf(r, l.seller), nameOf(r, l.buyer), String(l.batchId), credits(l.bought), usd(l.pricePerCredit), usd(l.cost), usd(l.fee), usd(l.sellerProceeds)]);
    }
    if (r.tender) {
      const t = r.tender;
      const win = t.proposals.find((p) => p.proposalId === t.winningProposalId);
      rows.push([`tender #${t.tenderId} award (proposal #${t.winningProposalId})`, win ? win.sellerName : "?", nameOf(r, t.buyer), String(win?.batchId ?? "?"), credits(t.amount), usd(t.pricePerCredit), usd(t.cost), usd(t.fee), usd(t.sellerProceeds)]);
    }
    out.push(table(["trade", "seller", "buyer", ">batch", ">amount", ">price/credit", ">cost", ">fee", ">to seller"], rows));
    if (r.listing) out.push(`Listing #${r.listing.listingId}: ${credits(r.listing.listed)} listed, ${credits(r.listing.remaining)} still for sale.`);
    if (r.tender) {
      const t = r.tender;
      out.push(`Tender #${t.tenderId}: ${credits(t.creditsRequired)} wanted at ≤ ${usd(t.maxPricePerCredit)}; budget refund ${usd(t.refund)}. Proposals:`);
      for (const p of t.proposals) out.push(`  #${p.proposalId} ${p.sellerName}: ${credits(p.amount)} of batch ${p.batchId} at ${usd(p.pricePerCredit)} → ${p.status}`);
    }
    if (r.fees) out.push(`Fees at ${r.fees.feeBps} bps: ${usd(r.fees.accrued)} accrued, withdrawn by the fee recipient.`);
  }

  if (r.retirements.length) {
    h("Retirements");
    out.push(
      table(
        [">id", "retired by", "beneficiary", "address", ">batch", ">amount", "reason", "from trade"],
        r.retirements.map((x) => [
          String(x.retirementId),
          nameOf(r, x.account),
          x.beneficiaryName,
          short(x.beneficiary),
          String(x.batchId),
          credits(x.amount),
          x.reason,
          tradeOf(x.trade),
        ]),
      ),
    );
  }

  h("Gas per step");
  out.push(
    table(
      [">#", "step", ">txs", ">gas used", ">seconds"],
      r.steps.map((s, i) => [String(i + 1), s.name, String(s.txs.length), s.gasUsed.toLocaleString("en-US"), (s.ms / 1000).toFixed(1)]),
    ),
  );
  out.push(`Total gas: ${(r.totalGas ?? 0n).toLocaleString("en-US")}`);
  return out.join("\n");
}

/** "listing #3, trade 2 of the batch, 1,250.00 USD" for a one-step offset; "—" for a direct retirement. */
export function tradeOf(t: DemoReport["retirements"][number]["trade"]): string {
  if (t === undefined) return "—";
  const kind = t.source === "ListingFill" ? "listing" : t.source === "TenderAward" ? "tender" : "pool period";
  return `${kind} #${t.refId}, trade ${t.fill} of the batch, ${usd(t.cost)} (fee ${usd(t.fee)})`;
}

/** A readable name for an address the demo knows. */
export function nameOf(r: DemoReport, address: string): string {
  const a = address.toLowerCase();
  const m = r.members.find((x) => x.address.toLowerCase() === a);
  if (m) return m.name;
  const known: Record<string, string> = {
    [r.accounts.developer.toLowerCase()]: "Plant 1 developer",
    [r.accounts.corporate.toLowerCase()]: "Corporate buyer",
    [r.accounts.deployer.toLowerCase()]: "Deployer/admin",
  };
  return known[a] ?? short(address);
}
