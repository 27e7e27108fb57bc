import { expect } from "chai";
import { ethers } from "hardhat";
import fc from "fast-check";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { MarketMathHarness } from "../../typechain-types";

const UNITS_PER_CREDIT = 1_000_000n;
const BPS = 10_000n;
const UINT128_MAX = (1n << 128n) - 1n;

async function deployHarness(): Promise<MarketMathHarness> {
  return ethers.deployContract("MarketMathHarness");
}

describe("MarketMath", () => {
  it("costUp rounds up to the next smallest unit and is exact on whole credits", async () => {
    const h = await loadFixture(deployHarness);
    expect(await h.costUp(UNITS_PER_CREDIT, 12n)).to.equal(12n);
    expect(await h.costUp(1n, 1n)).to.equal(1n); // 1e-6 → 1
    expect(await h.costUp(1_500_000n, 3n)).to.equal(5n); // 4.5 → 5
    expect(await h.costUp(0n, 7n)).to.equal(0n);
  });

  it("feeDown rounds down (property 12)", async () => {
    const h = await loadFixture(deployHarness);
    expect(await h.feeDown(100n, 250n)).to.equal(2n); // 2.5 → 2
    expect(await h.feeDown(39n, 250n)).to.equal(0n); // 0.975 → 0
    expect(await h.feeDown(10_000n, 250n)).to.equal(250n);
  });

  it("does not overflow at the largest marketplace values (uint128 × uint128)", async () => {
    const h = await loadFixture(deployHarness);
    const product = UINT128_MAX * UINT128_MAX;
    expect(await h.costUp(UINT128_MAX, UINT128_MAX)).to.equal((product + UNITS_PER_CREDIT - 1n) / UNITS_PER_CREDIT);
    expect(await h.feeDown(product, 1_000n)).to.equal((product * 1_000n) / BPS);
  });

  it("property 12: for random costs and rates, fee = floor(cost × bps / 10000) and cost = ceil(amount × price / 1e6)", async () => {
    const h = await loadFixture(deployHarness);
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 0n, max: UINT128_MAX }),
        fc.bigInt({ min: 0n, max: UINT128_MAX }),
        fc.bigInt({ min: 0n, max: 1_000n }),
        async (amount, price, bps) => {
          const cost = await h.costUp(amount, price);
          expect(cost * UNITS_PER_CREDIT >= amount * price).to.equal(true);
          expect(cost === 0n || (cost - 1n) * UNITS_PER_CREDIT < amount * price).to.equal(true);
          const fee = await h.feeDown(cost, bps);
          expect(fee).to.equal((cost * bps) / BPS);
          expect(fee <= cost).to.equal(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
