import { expect } from "chai";
import fc from "fast-check";
import { co2GramsDown, integrateEnergyWh, SENSOR_THRESHOLDS, verifyDeviceDay, whDown } from "../../../../oracle/src/lib";
import { DAY, DEVICE, irradiance, readings, slots } from "../../helpers/day";

/** Up to 48 intervals (12 h) of power in [0, capacity] W, some missing (null). */
const day = fc.array(fc.option(fc.double({ min: 0, max: DEVICE.capacityW, noNaN: true }), { nil: null }), { minLength: 1, maxLength: 48 });

describe("oracle properties (fast-check)", () => {
  it("energy never exceeds capacity × duration of the readings", () => {
    fc.assert(
      fc.property(day, (powers) => {
        const rs = readings(powers);
        const bound = (DEVICE.capacityW * rs.reduce((s, r) => s + r.durationS, 0)) / 3600;
        expect(whDown(integrateEnergyWh(rs))).to.be.at.most(bound);
      }),
      { numRuns: 300 },
    );
  });

  it("adding a gap never increases energy, paired energy or coverage", () => {
    fc.assert(
      fc.property(day, fc.nat(), (powers, k) => {
        const i = k % powers.length;
        const gapped = powers.map((p, j) => (j === i ? null : p));
        // irradiance > 0 over every interval, so the daylight window is fixed by the irradiance
        const ghi = powers.map((_, j) => 100 + 10 * j);
        const ctx = { expectedSlots: slots(powers.length) };
        const full = verifyDeviceDay(DEVICE, DAY, readings(powers), irradiance(ghi), SENSOR_THRESHOLDS, ctx);
        const less = verifyDeviceDay(DEVICE, DAY, readings(gapped), irradiance(ghi), SENSOR_THRESHOLDS, ctx);
        expect(integrateEnergyWh(readings(gapped))).to.be.at.most(integrateEnergyWh(readings(powers)));
        // a day left with no reading at all is not reported (null): count it as 0
        expect(less?.pairedEnergyWh ?? 0).to.be.at.most(full?.pairedEnergyWh ?? 0);
        expect(less?.coverage ?? 0).to.be.at.most(full?.coverage ?? 0);
      }),
      { numRuns: 300 },
    );
  });

  it("CO2 grams is exactly floor(Wh × g/kWh / 1000)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 5000n }), (wh, ef) => {
        const g = co2GramsDown(wh, ef);
        expect(g * 1000n <= wh * ef).to.equal(true);
        expect((g + 1n) * 1000n > wh * ef).to.equal(true);
      }),
      { numRuns: 300 },
    );
  });
});
