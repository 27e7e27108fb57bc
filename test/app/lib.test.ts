/**
 * The web app's formatting and state helpers (app/src/lib): amounts in tCO2e exact to the gram, input
 * parsing, the slippage cap, errors in words from real SDK error classes, routes, and the fleet chart's
 * per-day grouping.
 */
import "./alias";
import { expect } from "chai";
import fc from "fast-check";
import { CarbonCreditsInsufficientProjectBalanceError, ERC1155InsufficientBalanceError, InvalidArgumentError, MarketplaceListingExpiredError, RegistryUnknownBatchError, parseCredits } from "../../sdk";
import { errorMessage, humanize } from "../../app/src/lib/errors";
import { fleetDays } from "../../app/src/lib/fleet";
import { maxCostWithSlippage, money, parsePrice, parseSlippageBps, parseTonnes, supplyShares, tonnes } from "../../app/src/lib/format";
import { parseRoute } from "../../app/src/lib/router";

describe("app: formatting and state helpers", function () {
  it("shows grams as tCO2e exactly (grouped, trailing zeros dropped) and parses them back", function () {
    expect(tonnes(1_459_255_380n)).to.equal("1,459.25538 tCO2e");
    expect(tonnes(0n)).to.equal("0 tCO2e");
    expect(tonnes(1n)).to.equal("0.000001 tCO2e");
    expect(tonnes(40_000_000n, false)).to.equal("40");
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 24n }), (g) => {
        expect(parseTonnes(tonnes(g, false).replace(/,/g, ""))).to.equal(g);
      }),
    );
    expect(parseTonnes("0")).to.equal(undefined);
    expect(parseTonnes("1.0000001")).to.equal(undefined); // below 1 g
    expect(parseTonnes("-1")).to.equal(undefined);
    expect(parseTonnes("abc")).to.equal(undefined);
    expect(parseTonnes("2.5")).to.equal(parseCredits("2.5"));
  });

  it("formats token amounts with the token's decimals and parses prices", function () {
    const usd = { symbol: "mUSD", decimals: 6 };
    expect(money(12_000_000n, usd)).to.equal("12.00 mUSD");
    expect(money(2_250_123_400n, usd)).to.equal("2,250.1234 mUSD");
    expect(money(5n, undefined)).to.equal("5 units");
    expect(parsePrice("12.5", 6)).to.equal(12_500_000n);
    expect(parsePrice("0", 6)).to.equal(undefined);
    expect(parsePrice("1.0000001", 6)).to.equal(undefined);
  });

  it("caps the buy cost by the slippage, rounding down, and rejects malformed caps", function () {
    expect(parseSlippageBps("0.5")).to.equal(50n);
    expect(parseSlippageBps("1")).to.equal(100n);
    expect(parseSlippageBps("100")).to.equal(10_000n);
    expect(parseSlippageBps("100.01")).to.equal(undefined);
    expect(parseSlippageBps("0.123")).to.equal(undefined);
    expect(maxCostWithSlippage(120_000_000n, 50n)).to.equal(120_600_000n);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: 0n, max: 10_000n }), (cost, bps) => {
        const cap = maxCostWithSlippage(cost, bps);
        expect(cap >= cost).to.equal(true);
        expect(cap * 10_000n <= cost * (10_000n + bps)).to.equal(true);
      }),
    );
  });

  it("splits a batch's supply into retired, circulating and unminted shares that add up to 100 %", function () {
    expect(supplyShares({ totalSupply: 5_000n, minted: 1_000n, retired: 100n })).to.deep.equal({ retired: 2, circulating: 18, unminted: 80 });
    expect(supplyShares({ totalSupply: 0n, minted: 0n, retired: 0n })).to.deep.equal({ retired: 0, circulating: 0, unminted: 0 });
  });

  it("puts the typed errors a user meets in words, with the error's name and decoded fields", function () {
    expect(errorMessage(new MarketplaceListingExpiredError([1n, 1_700_000_000n], "0x"))).to.equal("This listing has expired (MarketplaceListingExpired)");
    const sender = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";
    expect(errorMessage(new ERC1155InsufficientBalanceError([sender, 5_000_000n, 9_000_000n, 1n], "0x"))).to.equal(
      "You do not hold enough credits of this batch (balance 5 tCO2e, needed 9 tCO2e) (ERC1155InsufficientBalance)",
    );
    expect(errorMessage(new CarbonCreditsInsufficientProjectBalanceError([sender, 1n, 9n, 5n], "0x"))).to.include("available 0.000005 tCO2e, requested 0.000009 tCO2e");
    // Without a sentence of its own: the humanised name, never swallowed.
    expect(errorMessage(new RegistryUnknownBatchError([7n], "0x"))).to.equal("Registry unknown batch (RegistryUnknownBatch)");
    expect(errorMessage(new InvalidArgumentError("amount", 0n, "must be > 0"))).to.equal("Check amount: must be > 0");
    expect(errorMessage({ code: 4001, message: "User rejected" })).to.include("You rejected the request");
    expect(errorMessage(new Error("boom"))).to.equal("boom");
    expect(humanize("MRVOracleQuorumNotMet")).to.equal("MRV oracle quorum not met");
  });

  it("routes every screen by hash, with ids, and anything else to not-found", function () {
    expect(parseRoute("")).to.deep.equal({ screen: "registry" });
    expect(parseRoute("#/market")).to.deep.equal({ screen: "market" });
    expect(parseRoute("#/retirement/12")).to.deep.equal({ screen: "retirement", id: "12" });
    expect(parseRoute("#/device/0xabc")).to.deep.equal({ screen: "device", id: "0xabc" });
    expect(parseRoute("#/project")).to.deep.equal({ screen: "notFound" });
    expect(parseRoute("#/nope")).to.deep.equal({ screen: "notFound" });
  });

  it("groups device-day reports per UTC day into verified vs pending and flagged energy", function () {
    const days = fleetDays([
      { day: 18_420, status: "Verified", energyWh: 1_500n },
      { day: 18_419, status: "Pending", energyWh: 2_000n },
      { day: 18_420, status: "Flagged", energyWh: 500n },
      { day: 18_420, status: "Verified", energyWh: 1_000n },
    ]);
    expect(days).to.deep.equal([
      { day: 18_419, date: "2020-06-06", verifiedKWh: 0, pendingKWh: 2, flaggedKWh: 0 },
      { day: 18_420, date: "2020-06-07", verifiedKWh: 2.5, pendingKWh: 0, flaggedKWh: 0.5 },
    ]);
  });
});
