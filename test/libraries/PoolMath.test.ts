import { expect } from "chai";
import { ethers } from "hardhat";
import fc from "fast-check";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { BPS, Method, participationScore, performanceWeight, shareDown } from "../pool/poolReference";

const RUNS = 100;
/** The pool's cap on grams (2^96 − 1) and the registry's cap on a batch's credits (2^72 − 1). */
const MAX_GRAMS = 2n ** 96n - 1n;
const MAX_CREDITS = 2n ** 72n - 1n;

async function harness() {
  return ethers.deployContract("PoolMathHarness");
}

describe("PoolMath", () => {
  it("proportionalShareDown: seed 000 example and empty pool", async () => {
    const h = await loadFixture(harness);
    expect(await h.proportionalShareDown(100_000_000n, 500_000n, 1_000_000n)).to.equal(50_000_000n);
    expect(await h.proportionalShareDown(100_000_000n, 200_000n, 1_000_000n)).to.equal(20_000_000n);
    expect(await h.proportionalShareDown(10n, 1n, 3n)).to.equal(3n); // 3.33 rounds down
    expect(await h.proportionalShareDown(10n, 0n, 0n)).to.equal(0n);
  });

  it("equalShareDown: floor(credits / n), 0 for no members", async () => {
    const h = await loadFixture(harness);
    expect(await h.equalShareDown(10n, 3n)).to.equal(3n);
    expect(await h.equalShareDown(10n, 0n)).to.equal(0n);
  });

  it("performanceShareDown and hybridShareDown: 0 for empty totals; hybrid ends equal its parts", async () => {
    const h = await loadFixture(harness);
    expect(await h.performanceShareDown(10n, 1n, 0n)).to.equal(0n);
    expect(await h.hybridShareDown(10n, 1n, 0n, 1n, 1n, 5_000n)).to.equal(0n);
    expect(await h.hybridShareDown(10n, 1n, 1n, 1n, 0n, 5_000n)).to.equal(0n);
    expect(await h.hybridShareDown(400_000n, 100_000n, 400_000n, 13_000_000n, 44_500_000n, 0n)).to.equal(100_000n);
    expect(await h.hybridShareDown(400_000n, 100_000n, 400_000n, 13_000_000n, 44_500_000n, BPS)).to.equal(
      await h.performanceShareDown(400_000n, 13_000_000n, 44_500_000n),
    );
  });

  it("participationScore: min(100, recent × 10 + kg / 100), kg and points rounded down", async () => {
    const h = await loadFixture(harness);
    expect(await h.participationScore(0, 0)).to.equal(0n);
    expect(await h.participationScore(0, 99_999n)).to.equal(0n); // 99.999 kg → 0 points
    expect(await h.participationScore(0, 100_000n)).to.equal(1n); // 100 kg → 1 point
    expect(await h.participationScore(3, 2_500_000n)).to.equal(55n); // 30 + 25
    expect(await h.participationScore(10, 1n)).to.equal(100n);
    expect(await h.participationScore(2, 10_000_000_000n)).to.equal(100n); // capped
  });

  it("performanceWeight = grams × (100 + score); carbonEfficiencyDown = units × 1000 / grams", async () => {
    const h = await loadFixture(harness);
    expect(await h.performanceWeight(100_000n, 30n)).to.equal(13_000_000n);
    expect(await h.carbonEfficiencyDown(2_100_000n, 2_100_000n)).to.equal(1_000n);
    expect(await h.carbonEfficiencyDown(1n, 3n)).to.equal(333n);
    expect(await h.carbonEfficiencyDown(5n, 0n)).to.equal(0n);
  });

  it("recentAllocations counts set bits for the 10 periods before periodId; reanchor shifts the bitmap", async () => {
    const h = await loadFixture(harness);
    // history anchored at period 12: bits 0 (12), 1 (11), 5 (7), 11 (1)
    const history = (1n << 0n) | (1n << 1n) | (1n << 5n) | (1n << 11n);
    expect(await h.recentAllocations(history, 12, 12)).to.equal(2n); // periods 2..11: 11 and 7
    expect(await h.recentAllocations(history, 12, 13)).to.equal(3n); // periods 3..12: 12, 11, 7
    expect(await h.recentAllocations(history, 12, 22)).to.equal(1n); // periods 12..21: 12
    expect(await h.recentAllocations(history, 12, 23)).to.equal(0n); // periods 13..22
    expect(await h.recentAllocations(history, 12, 500)).to.equal(0n);
    expect(await h.reanchor(history, 12, 14)).to.equal(history << 2n);
    expect(await h.reanchor(1n << 15n, 12, 13)).to.equal(0n); // the oldest of the 16 bits drops out
    expect(await h.reanchor(history, 12, 28)).to.equal(0n); // 16 periods on: nothing left
    expect(await h.reanchor(history, 12, 27)).to.equal(1n << 15n); // only period 12 is still in the window
  });

  it("every share function equals the TypeScript reference, and the shares of a period sum to (credits − n, credits]", async () => {
    const h = await loadFixture(harness);
    const member = fc.record({ grams: fc.bigInt({ min: 1n, max: 2n ** 40n }), score: fc.bigInt({ min: 0n, max: 100n }) });
    await fc.assert(
      fc.asyncProperty(
        fc.array(member, { minLength: 1, maxLength: 6 }),
        fc.bigInt({ min: 0n, max: MAX_CREDITS }),
        fc.constantFrom(Method.Proportional, Method.EqualShare, Method.PerformanceBased, Method.Hybrid),
        fc.bigInt({ min: 0n, max: BPS }),
        async (members, credits, method, bpsRaw) => {
          const hybridBps = method === Method.Hybrid ? bpsRaw : 0n;
          const eligibleGrams = members.reduce((a, m) => a + m.grams, 0n);
          const weightSum = members.reduce((a, m) => a + performanceWeight(m.grams, m.score), 0n);
          const totals = { credits, eligibleGrams, eligibleCount: BigInt(members.length), weightSum };
          let sum = 0n;
          for (const m of members) {
            const w = performanceWeight(m.grams, m.score);
            const expected = shareDown(method, hybridBps, totals, m.grams, w);
            const onChain =
              method === Method.Proportional
                ? await h.proportionalShareDown(credits, m.grams, eligibleGrams)
                : method === Method.EqualShare
                  ? await h.equalShareDown(credits, members.length)
                  : method === Method.PerformanceBased
                    ? await h.performanceShareDown(credits, w, weightSum)
                    : await h.hybridShareDown(credits, m.grams, eligibleGrams, w, weightSum, hybridBps);
            expect(onChain).to.equal(expected);
            sum += onChain;
          }
          expect(sum <= credits).to.equal(true);
          expect(sum > credits - BigInt(members.length)).to.equal(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("does not overflow at the caps (G = 2^96 − 1, W = 200 G, credits = 2^72 − 1, any hybrid weight)", async () => {
    const h = await loadFixture(harness);
    const w = MAX_GRAMS * 200n;
    expect(await h.hybridShareDown(MAX_CREDITS, MAX_GRAMS, MAX_GRAMS, w, w, 3_333n)).to.equal(MAX_CREDITS);
    expect(await h.participationScore(0, MAX_GRAMS)).to.equal(100n);
    expect(participationScore(0n, 0n)).to.equal(0n);
  });
});
