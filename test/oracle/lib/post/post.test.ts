import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import {
  BatchRevertedError,
  PostingConfigError,
  onChainDeviceId,
  postReports,
  toReport,
  type PostOptions,
  type PostProgress,
} from "../../../../oracle/src/lib/post";
import { RStatus, reportEvent } from "../../../mrv-oracle/MRVOracle.fixtures";
import { plant1, postSystem, reportedFlags, verifiedGramsByOwner, type PostSystem } from "../../helpers/post";

function options(ctx: PostSystem, over: Partial<PostOptions> = {}): PostOptions {
  return { oracle: ctx.mrvAddress, relayer: ctx.outsider, signers: [ctx.signer1], results: plant1(), batchSize: 50, ...over };
}

async function gramsOf(ctx: PostSystem, member: string): Promise<bigint> {
  return (await ctx.pool.getMemberPeriod(ctx.periodId, member)).grams;
}

describe("oracle posting: postReports", () => {
  it("maps a pipeline result to the contract's Report (keccak256 id, owner, day, Wh, g, bps ≥ 0, status, evidence)", () => {
    const r = plant1()[0];
    const owner = ethers.Wallet.createRandom().address;
    expect(toReport(r, owner.toLowerCase())).to.deep.equal({
      deviceId: ethers.id(r.deviceId),
      owner,
      day: r.day,
      energyWh: BigInt(r.energyWh),
      co2Grams: BigInt(r.co2Grams),
      correlationBps: r.correlationBps,
      status: RStatus[r.status === "VERIFIED" ? "Verified" : r.status === "FLAGGED" ? "Flagged" : "Pending"],
      evidenceHash: r.evidenceHash,
    });
    expect(toReport({ ...r, correlationBps: null }, owner).correlationBps).to.equal(0);
    expect(toReport({ ...r, correlationBps: -4200 }, owner).correlationBps).to.equal(0);
    expect(() => toReport({ ...r, energyWh: 1.5 }, owner)).to.throw(PostingConfigError, "energyWh must be an integer");
    expect(() => toReport({ ...r, evidenceHash: "0x1234" }, owner)).to.throw(PostingConfigError, "evidenceHash must be 0x + 64 hex digits");
    expect(() => toReport(r, "0x1234")).to.throw(PostingConfigError, "owner must be an address");
  });

  it("posts the Plant 1 fixture in batches of 50: every device-day on-chain, members credited their VERIFIED grams", async () => {
    const ctx = await loadFixture(postSystem);
    const results = plant1();
    const progress: PostProgress[] = [];
    const s = await postReports(options(ctx, { onProgress: (p) => void progress.push(p) }));

    const n = results.length;
    const batches = Math.ceil(n / 50);
    expect(s.dryRun).to.equal(false);
    expect(s.considered).to.equal(n);
    expect(s.posted).to.have.length(n);
    expect(s.alreadyOnChain).to.have.length(0);
    expect(s.notPostable).to.deep.equal([]);
    expect(s.batches.map((b) => b.reports.length)).to.deep.equal([...Array(batches - 1).fill(50), n - 50 * (batches - 1)]);
    // every batch is a mined transaction whose receipt matches the summary
    let gas = 0n;
    for (const b of s.batches) {
      const receipt = await ethers.provider.getTransactionReceipt(b.txHash!);
      expect(receipt!.status).to.equal(1);
      expect(receipt!.gasUsed).to.equal(b.gasUsed);
      expect(receipt!.from).to.equal(ctx.outsider.address);
      gas += receipt!.gasUsed;
    }
    expect(s.gasUsed).to.equal(gas);
    expect(await reportedFlags(ctx, results)).to.deep.equal(results.map(() => true));
    for (const r of results.slice(0, 10)) {
      const rec = await reportEvent(ctx.mrv, onChainDeviceId(r.deviceId), r.day);
      expect(rec.owner).to.equal(ctx.ownerOf.get(r.deviceId)!.address);
      expect(rec.energyWh).to.equal(BigInt(r.energyWh));
      expect(rec.co2Grams).to.equal(BigInt(r.co2Grams));
      expect(rec.evidenceHash).to.equal(r.evidenceHash);
    }
    for (const [owner, grams] of verifiedGramsByOwner(ctx, results)) expect(await gramsOf(ctx, owner)).to.equal(grams);
    // progress: the checks, then one event per batch ending at n/n
    const post = progress.filter((p) => p.stage === "post");
    expect(post.map((p) => p.done)).to.deep.equal(s.batches.map((_, i) => Math.min(n, (i + 1) * 50)));
    expect(post.at(-1)).to.deep.include({ done: n, total: n, batch: batches - 1, batches });
    expect(progress.filter((p) => p.stage === "check").at(-1)).to.deep.equal({ stage: "check", done: n, total: n });
  });

  it("is idempotent: a second run finds every device-day on-chain (same evidence) and sends nothing", async () => {
    const ctx = await loadFixture(postSystem);
    const results = plant1();
    await postReports(options(ctx));
    const block = await ethers.provider.getBlockNumber();
    const grams = await gramsOf(ctx, ctx.alice.address);
    const again = await postReports(options(ctx));
    expect(again.posted).to.have.length(0);
    expect(again.batches).to.have.length(0);
    expect(again.alreadyOnChain).to.have.length(results.length);
    expect(again.alreadyOnChain.every((r) => r.sameEvidence && r.onChainStatus === r.status)).to.equal(true);
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    expect(await gramsOf(ctx, ctx.alice.address)).to.equal(grams);
  });

  it("resumes after a crash: a run stopped after its first batch, re-run, posts exactly the rest", async () => {
    const ctx = await loadFixture(postSystem);
    const results = plant1();
    const crash = new Error("simulated crash after the first batch");
    let err: unknown;
    try {
      await postReports(
        options(ctx, {
          onProgress: (p) => {
            if (p.stage === "post") throw crash;
          },
        }),
      );
    } catch (e) {
      err = e;
    }
    expect(err).to.equal(crash);
    const after1 = await reportedFlags(ctx, results);
    expect(after1.filter(Boolean)).to.have.length(50);

    const rerun = await postReports(options(ctx));
    expect(rerun.alreadyOnChain).to.have.length(50);
    expect(rerun.posted).to.have.length(results.length - 50);
    // nothing posted twice: the re-run posted exactly the device-days the crashed run had not
    const postedKeys = new Set(rerun.posted.map((r) => `${r.deviceId}/${r.day}`));
    results.forEach((r, i) => expect(postedKeys.has(`${r.deviceId}/${r.day}`)).to.equal(!after1[i]));
    expect(await reportedFlags(ctx, results)).to.deep.equal(results.map(() => true));
    for (const [owner, grams] of verifiedGramsByOwner(ctx, results)) expect(await gramsOf(ctx, owner)).to.equal(grams);
  });

  it("dry run: plans, signs and simulates every batch but sends no transaction", async () => {
    const ctx = await loadFixture(postSystem);
    const results = plant1();
    const block = await ethers.provider.getBlockNumber();
    const s = await postReports(options(ctx, { dryRun: true, batchSize: 100 }));
    expect(s.dryRun).to.equal(true);
    expect(s.posted).to.have.length(results.length);
    expect(s.batches).to.have.length(Math.ceil(results.length / 100));
    for (const b of s.batches) {
      expect(b.txHash).to.equal(undefined);
      expect(b.digest).to.match(/^0x[0-9a-f]{64}$/);
    }
    expect(s.gasUsed).to.equal(0n);
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    expect((await reportedFlags(ctx, results)).some(Boolean)).to.equal(false);
    // without signers a dry run still plans the batches (nothing signed or simulated)
    const unsigned = await postReports(options(ctx, { dryRun: true, batchSize: 100, signers: [] }));
    expect(unsigned.batches.map((b) => [b.reports.length, b.digest])).to.deep.equal(s.batches.map((b) => [b.reports.length, undefined]));
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    // the first batch holds the first 100 results in device, then day order
    expect(s.batches[0].reports.map((r) => `${r.deviceId}/${r.day}`)).to.deep.equal(results.slice(0, 100).map((r) => `${r.deviceId}/${r.day}`));
  });

  it("2-of-3 quorum: one signer is refused before sending; two signers given in any order post (sorted ascending)", async () => {
    const ctx = await loadFixture(postSystem);
    await ctx.mrv.connect(ctx.admin).addSigner(ctx.signer2.address);
    await ctx.mrv.connect(ctx.admin).setQuorum(2);
    expect(await ctx.mrv.signerCount()).to.equal(3n); // signer1, the fixture's keySigner, signer2
    const results = plant1().slice(0, 30);
    const block = await ethers.provider.getBlockNumber();
    await expect(postReports(options(ctx, { results }))).to.be.rejectedWith(PostingConfigError, "1 signer(s) given; the oracle's quorum is 2");
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    // descending address order on purpose: postReports must sort them
    const two = [ctx.signer1, ctx.signer2].sort((a, b) => (BigInt(a.address) > BigInt(b.address) ? -1 : 1));
    const s = await postReports(options(ctx, { results, signers: two, batchSize: 10 }));
    expect(s.batches).to.have.length(3);
    expect(await reportedFlags(ctx, results)).to.deep.equal(results.map(() => true));
  });

  it("refuses a signer that is not an oracle signer, and a batch size outside 1..100, before sending anything", async () => {
    const ctx = await loadFixture(postSystem);
    const block = await ethers.provider.getBlockNumber();
    await expect(postReports(options(ctx, { signers: [ctx.signer3] }))).to.be.rejectedWith(
      PostingConfigError,
      `${ctx.signer3.address} is not an oracle signer`,
    );
    await expect(postReports(options(ctx, { batchSize: 101 }))).to.be.rejectedWith(PostingConfigError, "batch size must be an integer in [1, 100]");
    await expect(postReports(options(ctx, { oracle: ethers.Wallet.createRandom().address }))).to.be.rejectedWith(PostingConfigError, "no contract at oracle address");
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("reports what cannot be posted (inactive, unregistered device; VERIFIED day outside the open period) and posts the rest; reactivated, it posts", async () => {
    const ctx = await loadFixture(postSystem);
    const all = plant1();
    const [inactive, unregistered] = [...new Set(all.map((r) => r.deviceId))];
    await ctx.mrv.connect(ctx.deviceRegistrar).deactivateDevice(onChainDeviceId(inactive));
    // a device the oracle does not know, and one VERIFIED day moved to July (outside the open June period)
    const ghost = all.filter((r) => r.deviceId === unregistered).map((r) => ({ ...r, deviceId: `${r.deviceId}-ghost` }));
    const july = { ...all.find((r) => r.status === "VERIFIED" && r.deviceId !== inactive)!, day: all[0].day + 30, date: "2020-07-07" };
    const results = [...all, ...ghost, july];
    const s = await postReports(options(ctx, { results }));

    const reasons = new Map(s.notPostable.map((r) => [`${r.deviceId}/${r.day}`, r.reason]));
    for (const r of all.filter((x) => x.deviceId === inactive)) expect(reasons.get(`${r.deviceId}/${r.day}`)).to.equal("device deactivated on the oracle");
    for (const r of ghost) expect(reasons.get(`${r.deviceId}/${r.day}`)).to.match(/^device not registered on the oracle/);
    expect(reasons.get(`${july.deviceId}/${july.day}`)).to.match(/^VERIFIED day outside the pool's open period 1 \[2020-06-01T00:00:00.000Z, 2020-06-30T23:59:59.000Z\]/);
    const expectedNot = all.filter((x) => x.deviceId === inactive).length + ghost.length + 1;
    expect(s.notPostable).to.have.length(expectedNot);
    expect(s.posted).to.have.length(results.length - expectedNot);
    expect(await reportedFlags(ctx, all)).to.deep.equal(all.map((r) => r.deviceId !== inactive));

    // the device comes back (activateDevice): a re-run posts exactly its days
    await ctx.mrv.connect(ctx.deviceRegistrar).activateDevice(onChainDeviceId(inactive));
    const again = await postReports(options(ctx));
    expect(again.posted.map((r) => r.deviceId)).to.deep.equal(all.filter((r) => r.deviceId === inactive).map((r) => r.deviceId));
    expect(await reportedFlags(ctx, all)).to.deep.equal(all.map(() => true));
  });

  it("re-posts a day on-chain as PENDING that is now VERIFIED or FLAGGED (supersedesPending), once; a final day is skipped", async () => {
    const ctx = await loadFixture(postSystem);
    const all = plant1();
    const verified = all.filter((r) => r.status === "VERIFIED").slice(0, 3);
    // an earlier run found these days PENDING (e.g. irradiance not yet available)
    const earlier = verified.map((r) => ({ ...r, status: "PENDING" as const, evidenceHash: ethers.id(`early:${r.deviceId}:${r.day}`) }));
    await postReports(options(ctx, { results: earlier }));
    const owner = ctx.ownerOf.get(verified[0].deviceId)!.address;
    const before = await gramsOf(ctx, owner);
    // a flagged day, to see the FLAGGED supersede as well
    const flagged = { ...verified[2], status: "FLAGGED" as const };
    const now = [verified[0], verified[1], flagged];
    const s = await postReports(options(ctx, { results: now }));
    expect(s.posted.map((r) => [r.deviceId, r.day, r.status, r.supersedesPending])).to.deep.equal(
      now.map((r) => [r.deviceId, r.day, r.status, true]),
    );
    for (const r of now) {
      const st = await ctx.mrv.getReport(onChainDeviceId(r.deviceId), r.day);
      expect([st.status, st.supersededPending]).to.deep.equal([BigInt(RStatus[r.status === "VERIFIED" ? "Verified" : "Flagged"]), true]);
    }
    const credited = [verified[0], verified[1]].filter((r) => ctx.ownerOf.get(r.deviceId)!.address === owner).reduce((a, r) => a + BigInt(r.co2Grams), 0n);
    expect(await gramsOf(ctx, owner)).to.equal(before + credited);
    // a third run: every day is final now, skipped; the earlier PENDING results are skipped too (other evidence)
    const third = await postReports(options(ctx, { results: now }));
    expect(third.posted).to.have.length(0);
    expect(third.alreadyOnChain.map((r) => [r.onChainStatus, r.sameEvidence])).to.deep.equal(now.map((r) => [r.status, true]));
    const stale = await postReports(options(ctx, { results: earlier }));
    expect(stale.posted).to.have.length(0);
    expect(stale.alreadyOnChain.map((r) => [r.onChainStatus, r.sameEvidence])).to.deep.equal(now.map((r) => [r.status, false]));
  });

  it("names the device's owner for each day: after an owner change, earlier days go to the old owner, later ones to the new", async () => {
    const ctx = await loadFixture(postSystem);
    const all = plant1();
    const device = all[0].deviceId;
    const days = all.filter((r) => r.deviceId === device && r.status === "VERIFIED");
    const oldOwner = ctx.ownerOf.get(device)!.address;
    const newOwner = [ctx.alice, ctx.bob, ctx.carol].find((m) => m.address !== oldOwner)!.address;
    const d = await ctx.mrv.getDevice(onChainDeviceId(device));
    await ctx.mrv.connect(ctx.deviceRegistrar).updateDevice(onChainDeviceId(device), {
      owner: newOwner,
      latMicroDeg: d.latMicroDeg,
      lonMicroDeg: d.lonMicroDeg,
      capacityW: d.capacityW,
      emissionFactorGPerKWh: d.emissionFactorGPerKWh,
    });
    const s = await postReports(options(ctx, { results: days }));
    expect(s.posted).to.have.length(days.length);
    for (const r of days) expect((await reportEvent(ctx.mrv, onChainDeviceId(device), r.day)).owner).to.equal(oldOwner);
    expect(await gramsOf(ctx, newOwner)).to.equal(0n);
  });

  it("a batch the chain refuses (pool paused) throws BatchRevertedError with the decoded error; earlier batches stay, nothing of it is posted", async () => {
    const ctx = await loadFixture(postSystem);
    const results = plant1();
    let err: unknown;
    try {
      await postReports(
        options(ctx, {
          onProgress: async (p) => {
            // after the first batch, the pool is paused: the second batch's pool call reverts EnforcedPause
            if (p.stage === "post" && p.batch === 0) await ctx.pool.connect(ctx.pauser).pause();
          },
        }),
      );
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(BatchRevertedError);
    const e = err as BatchRevertedError;
    expect(e.reason).to.equal("EnforcedPause()");
    expect(e.batchIndex).to.equal(1);
    expect(e.message).to.match(/^batch 2\/\d+ reverted in the simulation: EnforcedPause\(\); 50 reports in 1 earlier batches are on-chain/);
    expect(e.partial.posted).to.have.length(50);
    expect((await reportedFlags(ctx, results)).filter(Boolean)).to.have.length(50);
  });
});
