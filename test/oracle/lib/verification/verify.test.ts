import { expect } from "chai";
import {
  co2GramsDown,
  counterEnergyWh,
  integrateEnergyWh,
  pearson,
  ResolutionMismatchError,
  SENSOR_THRESHOLDS,
  theoreticalPowerW,
  verifyDeviceDay,
  whDown,
  type PowerReading,
} from "../../../../oracle/src/lib";
import { DAY, DEVICE, irradiance, readings, WINDOW8 } from "../../helpers/day";

const G = [100, 200, 300, 400, 400, 300, 200, 100]; // W/m², 8 × 15 min = 2 h
const P80 = G.map((g) => 0.8 * g); // W: 80 % of the 1000 W device's theoretical power
const TH = SENSOR_THRESHOLDS; // minCorrelation 0.90, tolerance 0.10, minCoverage 0.80, minPairs 8

describe("oracle verification maths", () => {
  describe("theoretical maximum", () => {
    it("is capacity × irradiance / 1000 W/m², clipped at capacity", () => {
      expect(theoreticalPowerW(1_000_000, 500)).to.equal(500_000); // 1 MW × 500/1000
      expect(theoreticalPowerW(1_000_000, 1200)).to.equal(1_000_000); // 1.2 kW/m² → clipped at 1 MW
      expect(theoreticalPowerW(1000, 400, 800)).to.equal(500); // custom STC irradiance: 1000 × 400/800
      expect(theoreticalPowerW(1000, 0)).to.equal(0);
    });
  });

  describe("Pearson correlation", () => {
    it("matches a hand computation", () => {
      // x̄ = 2.5, ȳ = 5; Σdxdy = 11, Σdx² = 5, Σdy² = 26 → r = 11 / √130 = 0.964763821…
      expect(pearson([1, 2, 3, 4], [2, 4, 5, 9])).to.be.closeTo(11 / Math.sqrt(130), 1e-12);
      expect(pearson([1, 2, 3], [6, 4, 2])).to.be.closeTo(-1, 1e-12);
    });

    it("is null when undefined (one pair, or a constant series)", () => {
      expect(pearson([1], [2])).to.equal(null);
      expect(pearson([1, 2, 3], [5, 5, 5])).to.equal(null);
    });
  });

  describe("energy", () => {
    it("integrates mean power × interval and never fills a gap", () => {
      // 1000 W × 900 s / 3600 = 250 Wh per reading; 3 of 4 intervals present → 750 Wh, not 1000
      expect(integrateEnergyWh(readings([1000, 1000, null, 1000]))).to.equal(750);
      expect(integrateEnergyWh(readings([1000, 1000, 1000, 1000]))).to.equal(1000);
    });

    it("takes the lifetime counter difference as a cross-check, null when it goes backwards", () => {
      const withCounter = (wh: number[]): PowerReading[] => readings(wh.map(() => 0)).map((r, i) => ({ ...r, totalYieldWh: wh[i] }));
      expect(counterEnergyWh(withCounter([5000, 5250, 5750]))).to.equal(750);
      expect(counterEnergyWh(withCounter([5000, 4000]))).to.equal(null);
      expect(counterEnergyWh(readings([1, 2]))).to.equal(null);
    });

    it("rounds down to whole Wh, absorbing only float noise", () => {
      expect(whDown(2999.5)).to.equal(2999);
      expect(whDown(2999.9999999996)).to.equal(3000); // float noise of a sum that is 3000
      expect(whDown(0.1 + 0.2)).to.equal(0);
    });

    it("computes CO2 grams = floor(Wh × g/kWh / 1000)", () => {
      // 7 027 107 Wh × 1200 g/kWh / 1000 = 8 432 528.4 g → 8 432 528 g
      expect(co2GramsDown(7_027_107n, 1200n)).to.equal(8_432_528n);
      // 999 Wh × 861 g/kWh / 1000 = 860.139 g → 860 g
      expect(co2GramsDown(999n, 861n)).to.equal(860n);
      expect(() => co2GramsDown(-1n, 1200n)).to.throw(RangeError);
    });
  });

  describe("seed 004 status of a device-day", () => {
    it("VERIFIED: output tracks irradiance (r = 1) below the theoretical maximum", () => {
      const v = verifyDeviceDay(DEVICE, DAY, readings(P80), irradiance(G), TH, WINDOW8);
      // energy = Σ P × 0.25 h = 1600 × 0.25 = 400 Wh; theoretical = Σ 1000 × G/1000 × 0.25 = 2000 × 0.25 = 500 Wh
      expect(v).to.deep.include({ status: "VERIFIED", pairedEnergyWh: 400, theoreticalMaxWh: 500, coverage: 1, pairs: 8, missingIntervals: 0 });
      expect(v?.correlation).to.be.closeTo(1, 1e-12);
      expect(v?.reasons).to.deep.equal([]);
    });

    it("FLAGGED: output above the theoretical maximum × (1 + tolerance), even with r = 1", () => {
      // P = 1.2 × G → 600 Wh > 500 Wh × 1.1 = 550 Wh
      const v = verifyDeviceDay(DEVICE, DAY, readings(G.map((g) => 1.2 * g)), irradiance(G), TH, WINDOW8);
      expect(v?.status).to.equal("FLAGGED");
      expect(v?.reasons[0]).to.contain("output 600 Wh exceeds the theoretical maximum 500 Wh × 1.1");
    });

    it("FLAGGED: a reading above capacity × (1 + tolerance) although the day's energy is within bounds", () => {
      // tolerance 1.0: energy limit 1000 Wh, power limit 2000 W; 2100 W at slot 4:
      // energy = (80+160+240+2100+320+240+160+80) × 0.25 = 845 Wh ≤ 1000 Wh
      const p = [...P80];
      p[3] = 2100;
      const v = verifyDeviceDay(DEVICE, DAY, readings(p), irradiance(G), { ...TH, tolerance: 1 }, WINDOW8);
      expect(v?.status).to.equal("FLAGGED");
      expect(v?.pairedEnergyWh).to.equal(845);
      expect(v?.reasons[0]).to.contain("2100 W exceeds capacity 1000 W");
    });

    it("PENDING: too many missing intervals (coverage 6/8 = 75 % < 90 %) — and the gap adds no energy", () => {
      const p: (number | null)[] = [...P80];
      p[2] = null;
      p[5] = null;
      const v = verifyDeviceDay(DEVICE, DAY, readings(p), irradiance(G), TH, WINDOW8);
      // energy = (1600 − 240 − 240) × 0.25 = 280 Wh; theoretical only over covered time = (2000 − 600) × 0.25 = 350 Wh
      expect(v).to.deep.include({ status: "PENDING", coverage: 0.75, missingIntervals: 2, pairedEnergyWh: 280, theoreticalMaxWh: 350 });
      expect(v?.reasons[0]).to.match(/^insufficient data: 6 of 8 sun-expected intervals covered \(75\.0 % < 90\.0 %\)/);
    });

    it("missing irradiance lowers coverage and leaves those readings unpaired", () => {
      const g: (number | null)[] = [...G];
      g[2] = null; // sensor gap at slot 3 (reading of 240 W has nothing to compare with)
      const v = verifyDeviceDay(DEVICE, DAY, readings(P80), irradiance(g), { ...TH, minPairs: 7, minCoverage: 0.85 }, WINDOW8);
      // coverage 7/8 = 0.875 ≥ 0.85; 7 pairs; paired energy = 400 − 240 × 0.25 = 340 Wh
      expect(v).to.deep.include({ status: "VERIFIED", coverage: 0.875, pairs: 7, pairedEnergyWh: 340 });
    });

    it("PENDING: correlation not above 0.90 (output falls as irradiance rises: r = −1)", () => {
      const v = verifyDeviceDay(DEVICE, DAY, readings(G.map((g) => 400 - 0.8 * g)), irradiance(G), TH, WINDOW8);
      expect(v?.status).to.equal("PENDING");
      expect(v?.correlation).to.be.closeTo(-1, 1e-12);
      expect(v?.reasons[0]).to.equal("correlation -1.0000 ≤ 0.9");
    });

    it("PENDING: fewer pairs than minPairs", () => {
      const v = verifyDeviceDay(DEVICE, DAY, readings(P80.slice(0, 4)), irradiance(G.slice(0, 4)), TH, { expectedSlots: WINDOW8.expectedSlots.slice(0, 4) });
      expect(v?.status).to.equal("PENDING");
      expect(v?.reasons).to.deep.equal(["insufficient data: 4 intervals with irradiance (< 8)"]);
    });

    it("counts outage intervals (0 W under strong irradiance) and reports them", () => {
      const p = [...P80];
      p[3] = 0; // slot 4 has 400 W/m²
      const v = verifyDeviceDay(DEVICE, DAY, readings(p), irradiance(G), { ...TH, outageIrradianceWm2: 300 }, WINDOW8);
      expect(v?.outageIntervals).to.equal(1);
      // 15 min of outage is under the 1 h rule: a note, not a failed rule
      expect(v?.notes).to.include("1 outage intervals (0 W at > 300 W/m²), under the 1 h limit");
      expect(v?.faults).to.not.include("outage");
    });

    it("pairs 15-minute readings with hourly satellite irradiance by hour", () => {
      // hour 1: 200 W/m², readings 150,150,170,170 W → mean 160 W; hour 2: 400 W/m², 310,330,310,330 → mean 320 W
      const v = verifyDeviceDay(DEVICE, DAY, readings([150, 150, 170, 170, 310, 330, 310, 330]), irradiance([200, 400], 3600), { ...TH, minPairs: 2 }, WINDOW8);
      // energy = (640 + 1280) × 0.25 = 480 Wh; theoretical = 1000 × 0.2 × 1 h + 1000 × 0.4 × 1 h = 600 Wh
      expect(v).to.deep.include({ status: "VERIFIED", pairs: 2, pairedEnergyWh: 480, theoreticalMaxWh: 600, coverage: 1 });
    });

    it("refuses irradiance finer than the readings", () => {
      expect(() => verifyDeviceDay(DEVICE, DAY, readings([500, 500], 3600), irradiance(G), TH, WINDOW8)).to.throw(ResolutionMismatchError);
    });

    it("returns null for a night-only day (nothing to report)", () => {
      // readings at 0 W, all before the sun-expected window
      expect(verifyDeviceDay(DEVICE, DAY, readings([0, 0, 0], 900, DAY * 86_400), irradiance([0, 0, 0], 900, DAY * 86_400), TH, WINDOW8)).to.equal(null);
    });
  });
});
