import { expect } from "chai";
import hre from "hardhat";
import { Contract, JsonRpcProvider } from "ethers";
import {
  CarbonPoolAlreadyClaimedError,
  ERC1155InsufficientBalanceError,
  MRVOracleAlreadyReportedError,
  OpenTonne,
  co2GramsFor,
  costUp,
  deviceIdOf,
  feeDown,
  toMicroDegrees,
  utcDayOf,
  type ProjectInput,
} from "../../sdk";
import { startRpcSystem, type RpcNetwork, type RpcSystem } from "../helpers/rpc-system";

const CREDIT = 1_000_000n;
const USD = 1_000_000n;

/**
 * The credits, market, pool and oracle modules over JSON-RPC (a real `hardhat node`), each through a
 * user cycle whose effects are read back through a read-only Provider connection. (The registry
 * module, decoding paths and history over JSON-RPC are in jsonrpc.test.ts.)
 */
describe("SDK modules over JSON-RPC: credits, market, pool, oracle @skip-on-coverage", function () {
  let net: RpcNetwork;
  let provider: JsonRpcProvider;
  let sys: RpcSystem;
  const as = (signer: keyof RpcSystem["accounts"]) => OpenTonne.connect(sys.accounts[signer], { addresses: sys.deployment, chainId: 31337 });
  const address = (signer: keyof RpcSystem["accounts"]) => sys.accounts[signer].getAddress();

  before(async function () {
    net = await startRpcSystem(hre);
    ({ provider, sys } = net);
  });

  after(async function () {
    await net?.stop();
  });

  it("credits and market: mint, transfer, list (approve on demand), buy part (approve on demand), retire; quote = what moved", async () => {
    const [registrar, verifier, issuer, alice, bob, carol] = await Promise.all(
      (["registrar", "verifier", "issuer", "alice", "bob", "carol"] as const).map((s) => as(s)),
    );
    const [aliceA, bobA, carolA, feeA] = await Promise.all([address("alice"), address("bob"), address("carol"), address("feeRecipient")]);
    const input: ProjectInput = { owner: aliceA, name: "RPC market plant", standard: "VCS", methodology: "AMS-I.D", country: "IN" };
    const { projectId } = await registrar.registry.registerProject(input);
    const { batchId } = await registrar.registry.addBatch(projectId, {
      serial: "RPC-MKT-2024",
      vintage: 2024,
      startDate: 1_704_067_200,
      endDate: 1_735_603_200,
      totalSupply: 1_000n * CREDIT,
    });
    await verifier.registry.approveProject(projectId);

    await issuer.credits.mint(aliceA, batchId, 100n * CREDIT);
    await alice.credits.transfer(bobA, batchId, 10n * CREDIT);

    const usd = new Contract(sys.usd, ["function mint(address,uint256)", "function balanceOf(address) view returns (uint256)"], sys.accounts.admin);
    await (await usd.mint(carolA, 1_000n * USD)).wait();

    const price = 12_345_679n; // 12.345679 USD per credit: the cost of a fill does not divide evenly
    const expiry = (await provider.getBlock("latest"))!.timestamp + 86_400;
    const listed = await alice.market.createListing({ batchId, amount: 50n * CREDIT, pricePerCredit: price, paymentToken: sys.usd, expiry }, { approve: true });
    expect(listed.approvalHash, "setApprovalForAll sent first").to.be.a("string");
    expect((await alice.market.getListing(listed.listingId)).status).to.equal("Active");

    const fill = 3_333_333n; // grams
    const quote = await carol.market.quote(fill, price);
    expect(quote.cost).to.equal(costUp(fill, price));
    expect(quote.fee).to.equal(feeDown(quote.cost, await carol.market.feeBps()));
    const usdBefore = { carol: await usd.balanceOf(carolA), alice: await usd.balanceOf(aliceA) };
    const bought = await carol.market.buy(listed.listingId, fill, { pricePerCredit: price }, { approve: true });
    expect(bought.approvalHash, "ERC-20 approve sent first").to.be.a("string");
    expect(bought.remaining).to.equal(50n * CREDIT - fill);
    expect(usdBefore.carol - (await usd.balanceOf(carolA))).to.equal(quote.cost);
    expect((await usd.balanceOf(aliceA)) - usdBefore.alice).to.equal(quote.cost - quote.fee);
    expect(await carol.market.accruedFees(sys.usd)).to.equal(quote.fee);
    expect(feeA).to.equal(await carol.market.feeRecipient());

    const reader = await OpenTonne.connect(provider, { addresses: sys.deployment });
    expect(await reader.credits.balanceOf(carolA, batchId)).to.equal(fill);
    expect(await reader.credits.balanceOf(aliceA, batchId)).to.equal(40n * CREDIT);

    const retired = await bob.credits.retire(batchId, 2n * CREDIT, { beneficiaryName: "Acme Textiles Pvt Ltd", reason: "offset claim: FY2026" });
    const record = await reader.credits.getRetirement(retired.retirementId);
    expect(record).to.include({ id: retired.retirementId, account: bobA, beneficiary: bobA, amount: 2n * CREDIT });
    expect((await reader.registry.getBatch(batchId)).retired).to.equal(2n * CREDIT);

    const overdraw = await bob.credits.transfer(aliceA, batchId, 9n * CREDIT).catch((e: unknown) => e);
    expect(overdraw).to.be.instanceOf(ERC1155InsufficientBalanceError);
    expect(overdraw).to.include({ sender: bobA, balance: 8n * CREDIT, needed: 9n * CREDIT });
  });

  it("pool and oracle: open a period, register a device, sign and relay reports, close, claim", async () => {
    const [manager, deviceRegistrar, relayer, alice] = await Promise.all((["manager", "deviceRegistrar", "bob", "alice"] as const).map((s) => as(s)));
    const aliceA = await address("alice");
    const opened = await manager.pool.openPeriod("Monthly", new Date("2025-03-15T00:00:00Z"));
    expect(opened.kind).to.equal("Monthly");

    const deviceId = deviceIdOf("rpc-inverter-1");
    await deviceRegistrar.oracle.registerDevice(deviceId, {
      owner: aliceA,
      latMicroDeg: toMicroDegrees(14.82),
      lonMicroDeg: toMicroDegrees(78.28),
      capacityW: 10_000,
      emissionFactorGPerKWh: 1_200,
    });
    const days = [new Date("2025-03-03T00:00:00Z"), new Date("2025-03-04T00:00:00Z")];
    const reports = days.map((day, i) => {
      const energyWh = 40_000n + BigInt(i) * 1_111n;
      return { deviceId, owner: aliceA, day, energyWh, co2Grams: co2GramsFor(energyWh, 1_200n), correlationBps: 9_500, status: "Verified" as const, evidenceHash: hre.ethers.id(`evidence-${i}`) };
    });
    const deadline = (await provider.getBlock("latest"))!.timestamp + 3_600;
    const signatures = await relayer.oracle.signReports(reports, deadline, [sys.accounts.oracleSigner]);
    const submitted = await relayer.oracle.submitReports(reports, deadline, signatures);
    const grams = reports.reduce((s, r) => s + r.co2Grams, 0n);
    expect(submitted.batch.verifiedGrams).to.equal(grams);
    expect(submitted.reports.map((r) => r.owner)).to.deep.equal([aliceA, aliceA]);

    const reader = await OpenTonne.connect(provider, { addresses: sys.deployment });
    expect(await reader.oracle.isReported(deviceId, utcDayOf(days[0]))).to.equal(true);
    expect((await reader.oracle.getReport(deviceId, days[1])).co2Grams).to.equal(reports[1].co2Grams);
    expect((await reader.pool.getMemberPeriod(opened.periodId, aliceA)).grams).to.equal(grams);
    const again = await relayer.oracle.submitReports(reports, deadline, signatures).catch((e: unknown) => e);
    expect(again).to.be.instanceOf(MRVOracleAlreadyReportedError);

    const closed = await manager.pool.closePeriod(opened.periodId); // March 2025: long past its end and close grace
    expect(closed.eligibleGrams).to.equal(grams);
    const claimable = await reader.pool.claimable(opened.periodId, aliceA);
    expect(claimable).to.equal(closed.credits); // the only eligible member gets the whole batch
    const claimed = await alice.pool.claim([opened.periodId]);
    expect(claimed.total).to.equal(claimable);
    expect(await reader.credits.balanceOf(aliceA, closed.batchId)).to.equal(claimable);
    const twice = await alice.pool.claim([opened.periodId]).catch((e: unknown) => e);
    expect(twice).to.be.instanceOf(CarbonPoolAlreadyClaimedError);
  });
});
