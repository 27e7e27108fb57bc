import { expect } from "chai";
import { ethers } from "hardhat";
import fc from "fast-check";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { Kind } from "../pool/fixtures";

const DAY = 86_400;
/** Unix seconds of 2200-12-31T23:59:59Z: the last second of the registry's last vintage year. */
const MAX_TIMESTAMP = Date.UTC(2201, 0, 1) / 1000 - 1;
const RUNS = 150;

async function harness() {
  return ethers.deployContract("CalendarPeriodsHarness");
}

/** [start, end] of the UTC calendar period of `kind` containing `ts`, from JavaScript's Date. */
function jsPeriod(kind: number, ts: number): [bigint, bigint, bigint] {
  const d = new Date(ts * 1000);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth(); // 0..11
  const first = kind === Kind.Monthly ? month : kind === Kind.Quarterly ? month - (month % 3) : 0;
  const length = kind === Kind.Monthly ? 1 : kind === Kind.Quarterly ? 3 : 12;
  const start = Date.UTC(year, first, 1) / 1000;
  const next = Date.UTC(year, first + length, 1) / 1000; // Date.UTC rolls month 12 into next January
  return [BigInt(start), BigInt(next - 1), BigInt(year)];
}

// The random-input tests (fast-check) are titled @skip-on-coverage: under solidity-coverage each of
// their ~900 eth_calls costs ~35 ms (~34 s in all), and the fixed cases here reach the same locations
// of the library (checked with `npm run coverage:compare`, .solcover.js). They run in `npm test`.
describe("CalendarPeriods", () => {
  it("daysFromCivil: known dates (epoch, leap days, century rules)", async () => {
    const h = await loadFixture(harness);
    const cases: Array<[number, number, number]> = [
      [1970, 1, 1],
      [1972, 2, 29],
      [2000, 2, 29], // divisible by 400: leap
      [2100, 3, 1], // 2100 is not a leap year: Feb has 28 days
      [2024, 12, 31],
      [2200, 12, 31],
    ];
    for (const [y, m, d] of cases) {
      expect(await h.daysFromCivil(y, m, d)).to.equal(BigInt(Date.UTC(y, m - 1, d) / 1000 / DAY), `${y}-${m}-${d}`);
    }
  });

  it("daysFromCivil rejects dates before 1970 and out-of-range months and days (CalendarPeriodsInvalidDate)", async () => {
    const h = await loadFixture(harness);
    for (const [y, m, d] of [
      [1969, 12, 31],
      [2024, 0, 1],
      [2024, 13, 1],
      [2024, 1, 0],
      [2024, 1, 32],
    ]) {
      await expect(h.daysFromCivil(y, m, d))
        .to.be.revertedWithCustomError(h, "CalendarPeriodsInvalidDate")
        .withArgs(y, m, d);
    }
  });

  it("civilFromDays inverts daysFromCivil and matches Date for random days 1970..2200 @skip-on-coverage", async () => {
    const h = await loadFixture(harness);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: Math.floor(MAX_TIMESTAMP / DAY) }), async (day) => {
        const d = new Date(day * DAY * 1000);
        const [y, m, dd] = await h.civilFromDays(day);
        expect([y, m, dd]).to.deep.equal([
          BigInt(d.getUTCFullYear()),
          BigInt(d.getUTCMonth() + 1),
          BigInt(d.getUTCDate()),
        ]);
        expect(await h.daysFromCivil(y, m, dd)).to.equal(BigInt(day));
      }),
      { numRuns: RUNS },
    );
  });

  it("civilFromTimestamp and monthStart agree with Date", async () => {
    const h = await loadFixture(harness);
    const ts = Date.UTC(2028, 1, 29, 23, 59, 59) / 1000;
    expect(await h.civilFromTimestamp(ts)).to.deep.equal([2028n, 2n, 29n]);
    expect(await h.monthStart(2028, 3)).to.equal(BigInt(Date.UTC(2028, 2, 1) / 1000));
  });

  for (const [name, kind] of Object.entries(Kind)) {
    it(`periodOf(${name}) gives the UTC calendar bounds Date gives, for random timestamps and every edge @skip-on-coverage`, async () => {
      const h = await loadFixture(harness);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: MAX_TIMESTAMP }), async (ts) => {
          const expected = jsPeriod(kind, ts);
          expect(await h.periodOf(kind, ts)).to.deep.equal(expected);
          // the first and last second of the period map to the same period, and the next second does not
          expect(await h.periodOf(kind, expected[0])).to.deep.equal(expected);
          expect(await h.periodOf(kind, expected[1])).to.deep.equal(expected);
          expect((await h.periodOf(kind, expected[1] + 1n))[0]).to.equal(expected[1] + 1n);
        }),
        { numRuns: RUNS / 3 },
      );
    });
  }

  it("periodOf: hand-picked edges (leap February, Q4 into the next year, year end)", async () => {
    const h = await loadFixture(harness);
    const s = (y: number, m: number, d = 1) => BigInt(Date.UTC(y, m - 1, d) / 1000);
    expect(await h.periodOf(Kind.Monthly, s(2028, 2, 29) + 5n)).to.deep.equal([s(2028, 2), s(2028, 3) - 1n, 2028n]);
    expect(await h.periodOf(Kind.Monthly, s(2100, 2, 28))).to.deep.equal([s(2100, 2), s(2100, 3) - 1n, 2100n]);
    expect(await h.periodOf(Kind.Quarterly, s(2030, 12, 31))).to.deep.equal([s(2030, 10), s(2031, 1) - 1n, 2030n]);
    expect(await h.periodOf(Kind.Yearly, s(2031, 1) - 1n)).to.deep.equal([s(2030, 1), s(2031, 1) - 1n, 2030n]);
    expect(await h.periodOf(Kind.Monthly, 0)).to.deep.equal([0n, s(1970, 2) - 1n, 1970n]);
  });
});
