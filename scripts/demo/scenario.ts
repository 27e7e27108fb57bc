import path from "node:path";
import type { Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import OpenTonneModule from "../../ignition/modules/OpenTonne";
import { OpenTonne, parseCredits, type Deployment } from "../../sdk";
import { loadDeviceRegistry, readKaggleGeneration, readKaggleSensor, runPipeline, summarize } from "../../oracle/src/lib";
import { MockUSD__factory } from "../../typechain-types";
import { onChainDeviceId, postReports } from "../../oracle/src/lib/post";
import type { DemoReport, MemberReport } from "./report";
import { stepsOf, usd } from "./report";
import { StepRunner, type StepContext } from "./runner";

/*
 * The demo's scenario, one `runner.step` per business step. Every on-chain action after the deployment
 * goes through the SDK (`OpenTonne.connect(signer, { addresses })`, one connection per actor, module
 * methods that simulate, send and decode), except the oracle batches (the posting library,
 * oracle/src/lib/post.ts) and minting MockUSD (a test token outside the SDK).
 */

const ROOT = path.join(__dirname, "..", "..");
/** The committed real-data fixture (test/fixtures/plant1/README.md). */
export const PLANT1 = {
  generation: path.join(ROOT, "test/fixtures/plant1/Plant_1_Generation_Data.2020-06-07_2020-06-14.csv.gz"),
  sensor: path.join(ROOT, "test/fixtures/plant1/Plant_1_Weather_Sensor_Data.2020-06-07_2020-06-14.csv.gz"),
  devices: path.join(ROOT, "test/fixtures/plant1/devices.json"),
};

/** The five MSME members and how many Plant 1 inverters each owns (sorted SOURCE_KEYs, consecutive groups; 22 in all). */
export const MEMBERS: ReadonlyArray<{ name: string; inverters: number }> = [
  { name: "Surya Textiles", inverters: 6 },
  { name: "Kaveri Dairy", inverters: 5 },
  { name: "Anantapur Cold Storage", inverters: 5 },
  { name: "Deccan Auto Parts", inverters: 4 },
  { name: "Nandi Rice Mill", inverters: 2 },
];

/** Accounts used, by index of the network's signers. */
export const ACCOUNT_INDEX = { deployer: 0, oracleSigner: 1, feeRecipient: 2, treasury: 3, developer: 4, corporate: 5, firstMember: 6 } as const;
/** Signers the demo needs. */
export const ACCOUNTS_NEEDED = ACCOUNT_INDEX.firstMember + MEMBERS.length;

/** Scenario constants (credit amounts in units: 1 credit = 1 tCO2e = 1e6; prices in MockUSD units per credit, 6 decimals). */
export const PLAN = {
  solarProject: { name: "Plant 1 solar (Kaggle plant 4135001)", standard: "VCS", methodology: "ACM0002", country: "IN" },
  solarBatch: { serial: "OT-PLANT1-2020-0001", vintage: 2020, supply: parseCredits("5000"), mint: parseCredits("1000") },
  poolProject: { name: "indian_carbon_market_pool", standard: "ICM", methodology: "AMS-I.D", country: "IN" },
  /** 2020-06-15 00:00 UTC: the pool's monthly period is June 2020, which holds the fixture's days. */
  periodTimestamp: BigInt(Date.UTC(2020, 5, 15) / 1000),
  /** Fixed when the period opens (the pool refuses to pick a method after seeing the contributions). */
  allocation: { method: "Proportional", name: "Proportional (each member's share of the eligible verified CO2)" } as const,
  postBatchSize: 50,
  listing: { amount: parseCredits("100"), price: 12_000_000n, minFill: parseCredits("10"), buy: parseCredits("40") },
  tender: { required: parseCredits("150"), maxPrice: 15_000_000n, developerPrice: 14_000_000n, memberAmount: parseCredits("120"), memberPrice: 13_500_000n },
  retirement: {
    amount: parseCredits("100"),
    price: 12_500_000n,
    beneficiaryName: "Acme Steel Ltd",
    reason: "Offset of FY2025 Scope 2 electricity emissions",
    referenceId: "ACME-CSR-2025-001",
    consumptionCountry: "IN",
  },
  usdFunding: 10_000_000_000n, // 10,000 USD
} as const;

/** The number of steps (for the progress counter). */
export const STEP_COUNT = 13;

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Ignition deployment id on networks other than `hardhat` (its journal goes to `ignition/deployments/<id>/`). */
  readonly deploymentId?: string;
  /** Progress and summary lines. */
  readonly print?: (line: string) => void;
}

/**
 * Runs the whole demo on `hre`'s network and returns its report (filled in step by step; on failure
 * `report` holds what was done and the error is rethrown as a DemoStepError naming the step).
 */
export async function runDemo(hre: HardhatRuntimeEnvironment, report: DemoReport | undefined, opts: DemoOptions = {}): Promise<DemoReport> {
  const print = opts.print ?? ((line: string) => console.log(line));
  const r = report ?? (await newReport(hre));
  const runner = new StepRunner(STEP_COUNT, print);
  try {
    await scenario(hre, r, runner, opts, print);
  } finally {
    r.steps = stepsOf(runner.steps);
    r.totalGas = runner.steps.reduce((a, s) => a + s.gasUsed, 0n);
    r.finishedAt = new Date().toISOString();
  }
  return r;
}

/** An empty report for `hre`'s network and accounts. Throws when the network has too few accounts. */
export async function newReport(hre: HardhatRuntimeEnvironment): Promise<DemoReport> {
  const signers = await hre.ethers.getSigners();
  if (signers.length < ACCOUNTS_NEEDED) {
    throw new Error(`the demo needs ${ACCOUNTS_NEEDED} funded accounts on network "${hre.network.name}"; it has ${signers.length}`);
  }
  const { chainId } = await hre.ethers.provider.getNetwork();
  const at = (i: number) => signers[i].address;
  return {
    network: { name: hre.network.name, chainId },
    startedAt: new Date().toISOString(),
    accounts: {
      deployer: at(ACCOUNT_INDEX.deployer),
      oracleSigner: at(ACCOUNT_INDEX.oracleSigner),
      feeRecipient: at(ACCOUNT_INDEX.feeRecipient),
      treasury: at(ACCOUNT_INDEX.treasury),
      developer: at(ACCOUNT_INDEX.developer),
      corporate: at(ACCOUNT_INDEX.corporate),
    },
    members: [],
    retirements: [],
    steps: [],
  };
}

async function scenario(hre: HardhatRuntimeEnvironment, r: DemoReport, runner: StepRunner, opts: DemoOptions, print: (line: string) => void) {
  const provider = hre.ethers.provider;
  const signers = await hre.ethers.getSigners();
  const deployer = signers[ACCOUNT_INDEX.deployer];
  const oracleSigner = signers[ACCOUNT_INDEX.oracleSigner];
  const feeRecipient = signers[ACCOUNT_INDEX.feeRecipient];
  const developer = signers[ACCOUNT_INDEX.developer];
  const corporate = signers[ACCOUNT_INDEX.corporate];
  const memberSigners = MEMBERS.map((_, i) => signers[ACCOUNT_INDEX.firstMember + i]);
  const latest = async () => BigInt((await provider.getBlock("latest"))!.timestamp);

  // 1. Deploy with the project's Ignition module (the same one `npx hardhat ignition deploy` uses).
  const addresses = await runner.step("Deploy the system (Ignition module OpenTonne + MockUSD)", async (ctx) => {
    const before = await provider.getBlockNumber();
    const deploymentId = hre.network.name === "hardhat" ? undefined : opts.deploymentId;
    const d = await hre.ignition.deploy(OpenTonneModule, {
      parameters: { OpenTonne: { oracleSigner: oracleSigner.address, feeRecipient: feeRecipient.address, treasury: r.accounts.treasury } },
      deploymentId,
    });
    const a = {
      registry: await d.registry.getAddress(),
      credits: await d.credits.getAddress(),
      market: await d.market.getAddress(),
      pool: await d.pool.getAddress(),
      oracle: await d.oracle.getAddress(),
      usd: await d.usd.getAddress(),
      deploymentBlock: before + 1,
    };
    const names = new Map(Object.entries(a).map(([k, v]) => [String(v).toLowerCase(), k]));
    const after = await provider.getBlockNumber();
    for (let n = before + 1; n <= after; n++) {
      const block = await provider.getBlock(n);
      for (const hash of block?.transactions ?? []) {
        const rc = await provider.getTransactionReceipt(hash);
        if (!rc || rc.from.toLowerCase() !== deployer.address.toLowerCase()) continue;
        const label = rc.contractAddress ? `deploy ${names.get(rc.contractAddress.toLowerCase()) ?? rc.contractAddress}` : `wire ${names.get(String(rc.to).toLowerCase()) ?? rc.to}`;
        ctx.record(label, hash, rc.gasUsed);
      }
    }
    ctx.note(`registry ${a.registry}, credits ${a.credits}, market ${a.market}, pool ${a.pool}, oracle ${a.oracle}, MockUSD ${a.usd}`);
    return a;
  });
  r.addresses = addresses;
  const book: Deployment = { ...addresses };
  const connect = (s: Signer) => OpenTonne.connect(s, { addresses: book, chainId: r.network.chainId });
  const admin = await connect(deployer);
  const { registry, credits, market, pool, oracle } = admin;

  // 2. The solar plant project with one approved 2020 vintage batch, partly minted to its developer.
  const solar = await runner.step("Register the Plant 1 solar project and its 2020 vintage batch; approve; mint", async (ctx) => {
    const p = PLAN.solarProject;
    const reg = await registry.registerProject({ owner: developer.address, ...p, uri: "ipfs://opentonne-demo/plant1" });
    ctx.record("registry.registerProject", reg.hash, reg.receipt.gasUsed);
    const b = PLAN.solarBatch;
    const batch = await registry.addBatch(reg.projectId, {
      serial: b.serial,
      vintage: b.vintage,
      startDate: BigInt(Date.UTC(2020, 0, 1) / 1000),
      endDate: BigInt(Date.UTC(2020, 11, 31, 23, 59, 59) / 1000),
      totalSupply: b.supply,
    });
    ctx.record("registry.addBatch", batch.hash, batch.receipt.gasUsed);
    const ok = await registry.approveProject(reg.projectId);
    ctx.record("registry.approveProject", ok.hash, ok.receipt.gasUsed);
    await ctx.sdk("credits.mint → developer", credits.mint(developer.address, batch.batchId, b.mint));
    ctx.note(`project #${reg.projectId}, batch ${batch.batchId} (${b.serial}); ${b.mint / 1_000_000n} credits minted to the developer ${developer.address}`);
    return { projectId: reg.projectId, batchId: batch.batchId };
  });
  r.solarProject = { projectId: solar.projectId, name: PLAN.solarProject.name, batchId: solar.batchId, serial: PLAN.solarBatch.serial, vintage: PLAN.solarBatch.vintage, supply: PLAN.solarBatch.supply, minted: PLAN.solarBatch.mint };

  // 3. The MSME pool's project (owner: the pool contract), approved.
  const poolProjectId = await runner.step("Register and approve the MSME pool project", async (ctx) => {
    const p = PLAN.poolProject;
    const { projectId: id } = await ctx.sdk("pool.registerPoolProject", pool.registerPoolProject({ ...p, uri: "ipfs://opentonne-demo/pool" }));
    const ok = await registry.approveProject(id);
    ctx.record("registry.approveProject", ok.hash, ok.receipt.gasUsed);
    ctx.note(`project #${id} "${p.name}"`);
    return id;
  });
  r.poolProject = { projectId: poolProjectId, name: PLAN.poolProject.name };

  // 4. Members and their devices: the 22 real inverters, sorted by SOURCE_KEY, in consecutive groups.
  const deviceRegistry = loadDeviceRegistry(PLANT1.devices);
  const sourceKeys = [...deviceRegistry.keys()].sort();
  const expected = MEMBERS.reduce((a, m) => a + m.inverters, 0);
  if (sourceKeys.length !== expected) throw new Error(`devices.json has ${sourceKeys.length} inverters; the demo's member plan covers ${expected}`);
  let next = 0;
  const members: MemberReport[] = MEMBERS.map((m, i) => {
    const devices = sourceKeys.slice(next, (next += m.inverters));
    return { name: m.name, address: memberSigners[i].address, devices, verifiedGrams: 0n, contributionGrams: 0n, allocated: 0n, claimed: 0n };
  });
  r.members.push(...members);
  const ownerOf = new Map(members.flatMap((m) => m.devices.map((d) => [d, m] as const)));
  await runner.step(`Admit ${members.length} MSME members; register the ${sourceKeys.length} Plant 1 inverters as their devices`, async (ctx) => {
    for (const m of members) await ctx.sdk(`pool.admitMember ${m.name}`, pool.admitMember(m.address));
    for (const key of sourceKeys) {
      const d = deviceRegistry.get(key)!;
      await ctx.sdk(
        `oracle.registerDevice ${key}`,
        oracle.registerDevice(onChainDeviceId(key), {
          owner: ownerOf.get(key)!.address,
          latMicroDeg: Math.round(d.lat * 1e6),
          lonMicroDeg: Math.round(d.lon * 1e6),
          capacityW: BigInt(d.capacityW),
          emissionFactorGPerKWh: d.emissionFactorGPerKWh,
        }),
      );
    }
    for (const m of members) ctx.note(`${m.name.padEnd(24)} ${m.address}  ${m.devices.length} inverters: ${m.devices.join(", ")}`);
  });

  // 5. The pool period that holds the fixture's days.
  const periodId = await runner.step(`Open the pool period: June 2020, monthly, allocation fixed: ${PLAN.allocation.method}`, async (ctx) => {
    await ctx.sdk("pool.setAllocationMethod", pool.setAllocationMethod(PLAN.allocation.method));
    const p = await ctx.sdk("pool.openPeriod", pool.openPeriod("Monthly", PLAN.periodTimestamp));
    ctx.note(`period ${p.periodId}: ${iso(p.start)} … ${iso(p.end)}; closes after a ${p.closeGrace / 86_400}-day grace; claims for ${p.claimWindow / 86_400} days`);
    return p.periodId;
  });

  // 6. The off-chain dMRV pipeline over the real readings and the on-site irradiance sensor.
  const results = await runner.step("Run the dMRV pipeline over the committed Plant 1 fixture (off-chain)", async (ctx) => {
    const readings = readKaggleGeneration(PLANT1.generation);
    ctx.note(`${readings.length.toLocaleString("en-US")} 15-minute readings of ${sourceKeys.length} inverters; irradiance: on-site sensor`);
    let shown = 0;
    const out = runPipeline(readings, deviceRegistry, () => readKaggleSensor(PLANT1.sensor), {
      onProgress: (done, total) => {
        if (done === total || done - shown >= 44) {
          shown = done;
          ctx.note(`verified ${done}/${total} device-days`);
        }
      },
    }).results;
    // runPipeline is synchronous (seconds of CPU): while it ran, the JSON-RPC server may have closed the
    // idle keep-alive connections and the HTTP client could not notice. Let the event loop process those
    // closes before the next request, or it would go out on a dead socket ("other side closed").
    await new Promise((resolve) => setTimeout(resolve, 250));
    const fleet = summarize(out).fleet;
    ctx.note(`VERIFIED ${fleet.verified}, FLAGGED ${fleet.flagged}, PENDING ${fleet.pending}; ${(fleet.energyKWh / 1000).toFixed(3)} MWh; ${fleet.verifiedTonnes.toFixed(3)} tCO2e verified`);
    return out;
  });
  const fleet = summarize(results).fleet;
  for (const x of results) if (x.status === "VERIFIED") ownerOf.get(x.deviceId)!.verifiedGrams += BigInt(x.co2Grams);
  r.deviceDays = results.map((x) => ({
    deviceId: x.deviceId,
    onChainId: onChainDeviceId(x.deviceId),
    day: x.day,
    date: x.date,
    status: x.status,
    energyWh: x.energyWh,
    co2Grams: x.co2Grams,
    evidenceHash: x.evidenceHash,
  }));

  // 7. Posting: EIP-712 signed by the oracle signer (1-of-1 quorum), relayed by the same account.
  const posted = await runner.step("Post the device-day reports to MRVOracle (EIP-712 signed batches)", async (ctx) => {
    const summary = await postReports({
      oracle: addresses.oracle,
      relayer: oracleSigner,
      signers: [oracleSigner],
      results,
      batchSize: PLAN.postBatchSize,
      onProgress: (p) => {
        if (p.stage === "check" && p.done === p.total) ctx.note(`checked ${p.total} device-days on-chain`);
        if (p.stage === "post") ctx.note(`batch ${p.batch + 1}/${p.batches} posted (${p.done}/${p.total} reports) ${p.txHash ?? ""}`);
      },
    });
    for (const b of summary.batches) if (b.txHash) ctx.record(`oracle.submitReports batch ${b.index + 1}`, b.txHash, b.gasUsed ?? 0n);
    return summary;
  });
  r.fleet = {
    devices: sourceKeys.length,
    deviceDays: fleet.days,
    verified: fleet.verified,
    flagged: fleet.flagged,
    pending: fleet.pending,
    energyMWh: fleet.energyKWh / 1000,
    verifiedEnergyMWh: fleet.verifiedEnergyKWh / 1000,
    verifiedTonnes: fleet.verifiedTonnes,
    posted: posted.posted.length,
    alreadyOnChain: posted.alreadyOnChain.length,
    notPostable: posted.notPostable.map((n) => ({ deviceId: n.deviceId, date: n.date, reason: n.reason })),
    batches: posted.batches.map((b) => ({ txHash: b.txHash, reports: b.reports.length, gasUsed: b.gasUsed })),
  };

  // 8. Close the period once its end plus the close grace has passed (late-relayed verified days count):
  // it mints exactly the eligible verified grams, split by the method fixed at open.
  const period = await runner.step(`Close the pool period — allocation ${PLAN.allocation.name}`, async (ctx) => {
    const open = await pool.getPeriod(periodId);
    if (!open) throw new Error(`pool period ${periodId} not found before closing it`);
    const now = await latest();
    if (now < open.closableAt) {
      // evm_increaseTime works both in-process and against `hardhat node`.
      await provider.send("evm_increaseTime", [Number(open.closableAt - now)]);
      await provider.send("evm_mine", []);
      ctx.note(`advanced the chain ${open.closableAt - now} s past the close grace`);
    }
    const c = await ctx.sdk("pool.closePeriod", pool.closePeriod(periodId));
    for (const m of members) {
      m.contributionGrams = (await pool.getMemberPeriod(periodId, m.address)).grams;
      m.allocated = await pool.claimable(periodId, m.address);
    }
    ctx.note(`${fmt(c.credits)} credits minted to the pool as batch ${c.batchId} (vintage 2020) for ${c.eligibleCount} eligible members`);
    const p = await pool.getPeriod(periodId);
    if (!p) throw new Error(`pool period ${periodId} not found after closing it`);
    return p;
  });
  const poolBatchId = period.batchId;

  // 9. Every member claims its own allocation (pull), through the SDK connected with the member's key.
  await runner.step("Members claim their allocations", async (ctx) => {
    for (const [i, m] of members.entries()) {
      const ot = await connect(memberSigners[i]);
      const c = await ctx.sdk(`pool.claim ${m.name}`, ot.pool.claim([periodId]));
      m.claimed = c.total;
      m.claimTx = c.hash;
      ctx.note(`${m.name.padEnd(24)} claimed ${fmt(m.claimed)} credits`);
    }
    const claimedSum = members.reduce((a, m) => a + m.claimed, 0n);
    if (period.credits > claimedSum) {
      await ctx.sdk("pool.sweepDust", pool.sweepDust(periodId));
      ctx.note(`dust ${period.credits - claimedSum} units swept to the treasury`);
    }
  });
  const claimedSum = members.reduce((a, m) => a + m.claimed, 0n);
  r.pool = {
    periodId,
    period: `June 2020, monthly (${iso(period.start)} … ${iso(period.end)})`,
    method: PLAN.allocation.name,
    eligibleGrams: period.eligibleGrams,
    credits: period.credits,
    batchId: poolBatchId,
    dust: period.credits - claimedSum,
    members,
  };

  // MockUSD for the buyers (a test token outside the SDK: anyone may mint it on a local network).
  const fund = async (ctx: StepContext, who: Signer, name: string) => {
    const token = MockUSD__factory.connect(addresses.usd, who);
    await ctx.send(`MockUSD.mint → ${name}`, token.mint(await who.getAddress(), PLAN.usdFunding));
  };

  // 10. Direct listing: the largest member sells part of its pool credits; another member buys part of them.
  const [seller, buyer, proposer] = [0, 1, 2].map((i) => ({ m: members[i], s: memberSigners[i] }));
  await runner.step(`Listing: ${seller.m.name} lists pool credits, ${buyer.m.name} buys part`, async (ctx) => {
    const L = PLAN.listing;
    const so = await connect(seller.s);
    const expiry = (await latest()) + 30n * 86_400n;
    const { listingId } = await ctx.sdk(
      "market.createListing",
      so.market.createListing({ batchId: poolBatchId, amount: L.amount, pricePerCredit: L.price, paymentToken: addresses.usd, minFill: L.minFill, expiry }, { approve: true }),
    );
    ctx.note(`listing #${listingId}: ${fmt(L.amount)} credits of batch ${poolBatchId} at ${usd(L.price)}, min fill ${fmt(L.minFill)}`);
    await fund(ctx, buyer.s, buyer.m.name);
    const bo = await connect(buyer.s);
    const seen = await bo.market.getListing(listingId); // the buyer echoes the price it saw
    const q = await bo.market.quoteBuy(listingId, L.buy);
    const b = await ctx.sdk("market.buy", bo.market.buy(listingId, L.buy, { pricePerCredit: seen.pricePerCredit, maxTotalCost: q.cost }, { approve: true }));
    r.listing = {
      listingId,
      seller: seller.m.address,
      buyer: buyer.m.address,
      batchId: poolBatchId,
      listed: L.amount,
      pricePerCredit: b.trade.pricePerCredit,
      bought: b.trade.amount,
      cost: b.trade.cost,
      fee: b.trade.fee,
      sellerProceeds: b.trade.cost - b.trade.fee,
      remaining: b.remaining,
      txHash: b.hash,
    };
    ctx.note(`${buyer.m.name} bought ${fmt(b.trade.amount)} credits for ${usd(b.trade.cost)} (fee ${usd(b.trade.fee)})`);
  });

  // 11. Tender: a corporate buyer asks for credits; the developer and a member propose; the buyer awards one.
  await runner.step("Tender: corporate buyer opens, two sellers propose, buyer awards; loser reclaims", async (ctx) => {
    const T = PLAN.tender;
    await fund(ctx, corporate, "corporate buyer");
    const co = await connect(corporate);
    const deadline = (await latest()) + 7n * 86_400n;
    const { tenderId } = await ctx.sdk(
      "market.createTender",
      co.market.createTender(
        { paymentToken: addresses.usd, minVintage: 2020, maxVintage: 2020, creditsRequired: T.required, maxPricePerCredit: T.maxPrice, deadline },
        { approve: true },
      ),
    );
    ctx.note(`tender #${tenderId}: ${fmt(T.required)} credits of vintage 2020 (any project), ≤ ${usd(T.maxPrice)} each, deadline ${iso(deadline)}`);

    const propose = async (who: Signer, name: string, batchId: bigint, amount: bigint, price: bigint) => {
      const o = await connect(who);
      const { proposalId } = await ctx.sdk(`market.submitProposal (${name})`, o.market.submitProposal(tenderId, batchId, amount, price, { approve: true }));
      ctx.note(`proposal #${proposalId} by ${name}: ${fmt(amount)} credits of batch ${batchId} at ${usd(price)}`);
      return { proposalId, sellerName: name, o };
    };
    const dev = await propose(developer, "Plant 1 developer", solar.batchId, T.required, T.developerPrice);
    const mem = await propose(proposer.s, proposer.m.name, poolBatchId, T.memberAmount, T.memberPrice);

    // The buyer needs the full quantity: it awards the developer's proposal, echoing the terms it read.
    const win = await co.market.getProposal(dev.proposalId);
    const a = await ctx.sdk("market.awardTender", co.market.awardTender(tenderId, dev.proposalId, { pricePerCredit: win.pricePerCredit, amount: win.amount }));
    const back = await ctx.sdk(`market.reclaimProposal (${mem.sellerName})`, mem.o.market.reclaimProposal(mem.proposalId));
    const proposals = [];
    for (const { proposalId, sellerName } of [dev, mem]) {
      const p = await co.market.getProposal(proposalId);
      const reclaimed = p.status === "Rejected" && (await co.market.proposalEscrow(proposalId)) === 0n;
      proposals.push({ proposalId, seller: p.seller, sellerName, batchId: p.batchId, amount: p.amount, pricePerCredit: p.pricePerCredit, status: reclaimed ? "Rejected (credits reclaimed)" : p.status });
    }
    r.tender = {
      tenderId,
      buyer: corporate.address,
      creditsRequired: T.required,
      maxPricePerCredit: T.maxPrice,
      proposals,
      winningProposalId: dev.proposalId,
      amount: a.trade.amount,
      pricePerCredit: a.trade.pricePerCredit,
      cost: a.trade.cost,
      fee: a.trade.fee,
      sellerProceeds: a.trade.cost - a.trade.fee,
      refund: a.refund,
      txHash: a.hash,
    };
    ctx.note(`awarded proposal #${dev.proposalId}: ${usd(a.trade.cost)} paid, fee ${usd(a.trade.fee)}, budget refund ${usd(a.refund)}; ${mem.sellerName} reclaimed ${fmt(back.amount)} escrowed credits`);
  });

  // 12. Offset in one step: the developer lists solar credits; the corporate buyer buys and retires
  // them in ONE transaction for a named beneficiary (the credits never reach its balance).
  await runner.step(`Offset in one step: corporate buyer buys and retires listed credits for "${PLAN.retirement.beneficiaryName}"`, async (ctx) => {
    const R = PLAN.retirement;
    const dev = await connect(developer);
    const expiry = (await latest()) + 30n * 86_400n;
    const { listingId } = await ctx.sdk(
      "market.createListing (developer)",
      dev.market.createListing({ batchId: solar.batchId, amount: R.amount, pricePerCredit: R.price, paymentToken: addresses.usd, expiry }, { approve: true }),
    );
    ctx.note(`listing #${listingId}: ${fmt(R.amount)} credits of batch ${solar.batchId} at ${usd(R.price)}`);
    const co = await connect(corporate);
    const seen = await co.market.getListing(listingId);
    const q = await co.market.quoteBuy(listingId, R.amount);
    const details = { beneficiary: corporate.address, beneficiaryName: R.beneficiaryName, reason: R.reason, referenceId: R.referenceId, consumptionCountry: R.consumptionCountry };
    const x = await ctx.sdk(
      "market.buyAndRetire",
      co.market.buyAndRetire(listingId, R.amount, { pricePerCredit: seen.pricePerCredit, maxTotalCost: q.cost }, details, { approve: true }),
    );
    r.retirements.push({
      retirementId: x.retirement.retirementId,
      account: x.retirement.account,
      beneficiary: x.retirement.beneficiary,
      beneficiaryName: R.beneficiaryName,
      reason: R.reason,
      batchId: solar.batchId,
      amount: x.retirement.amount,
      txHash: x.hash,
      trade: { source: x.retirement.link.source, refId: x.retirement.link.refId, fill: x.retirement.link.fill, cost: x.trade.cost, fee: x.trade.fee },
    });
    ctx.note(
      `listing #${listingId} fill (trade ${x.retirement.link.fill} of batch ${solar.batchId}): ${fmt(x.trade.amount)} credits for ${usd(x.trade.cost)} (fee ${usd(x.trade.fee)}) → retirement #${x.retirement.retirementId} by ${corporate.address} for ${R.beneficiaryName}, same transaction`,
    );
  });

  // 13. Fees accrued in the marketplace are pulled by the fee recipient.
  await runner.step("Fee recipient withdraws the marketplace fees", async (ctx) => {
    const fo = await connect(feeRecipient);
    const accrued = await fo.market.accruedFees(addresses.usd);
    const w = await ctx.sdk("market.withdrawFees", fo.market.withdrawFees(addresses.usd));
    r.fees = { feeBps: BigInt(await fo.market.feeBps()), accrued, withdrawn: w.amount, txHash: w.hash };
    ctx.note(`${usd(w.amount)} withdrawn to ${feeRecipient.address}`);
  });
  print("");
}

/** Unix seconds → ISO date-time (UTC). */
function iso(t: bigint | number): string {
  return new Date(Number(t) * 1000).toISOString().replace(".000Z", "Z");
}

/** Units (6 decimals) → a decimal string. */
function fmt(units: bigint): string {
  const whole = units / 1_000_000n;
  const frac = (units % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : `${whole}`;
}
