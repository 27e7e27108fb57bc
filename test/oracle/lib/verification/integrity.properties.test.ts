import { expect } from "chai";
import fc from "fast-check";
import { cosZenith, runPipeline, type DayStatus, type Device, type DeviceDayResult, type IrradianceSeries, type PowerReading } from "../../../../oracle/src/lib";

/**
 * Properties of the integrity rules over generated days at the Plant 1 registered site (sun from
 * suncalc): a 1 MW inverter, 96 readings of 15 minutes on UTC day 2020-06-10, output = capacity ×
 * G / 1000 × a factor in [0.85, 1] (honest: never above the theoretical maximum), a meter that
 * follows the AC integral.
 */
const DAY = 18_423; // 2020-06-10
const DEVICE: Device = { id: "inv-1", capacityW: 1_000_000, emissionFactorGPerKWh: 1200, lat: 14.82, lon: 78.28 };
const REGISTRY = new Map([[DEVICE.id, DEVICE]]);
const T0 = DAY * 86_400;
const ghiAt = (i: number) => 1000 * cosZenith(T0 + i * 900 + 450, DEVICE.lat, DEVICE.lon);

function day(factors: readonly number[], meterScale: readonly number[]): { readings: PowerReading[]; series: IrradianceSeries } {
  let meter = 5e9;
  const readings = factors.map((f, i): PowerReading => {
    const acPowerW = DEVICE.capacityW * (ghiAt(i) / 1000) * f;
    meter += ((acPowerW * 900) / 3600) * meterScale[i];
    return { deviceId: DEVICE.id, t: T0 + i * 900, durationS: 900, acPowerW, totalYieldWh: meter, source: { file: "gen", line: i + 2, deviceField: "id" } };
  });
  const series: IrradianceSeries = { kind: "sensor", source: "sensor", samples: factors.map((_, i) => ({ t: T0 + i * 900, durationS: 900, ghiWm2: ghiAt(i) })) };
  return { readings, series };
}
const verify = (rs: PowerReading[], s: IrradianceSeries) => runPipeline(rs, REGISTRY, () => s).results[0] as DeviceDayResult;
const RANK: Record<DayStatus, number> = { FLAGGED: 0, PENDING: 1, VERIFIED: 2 };
const factors = fc.array(fc.double({ min: 0.85, max: 1, noNaN: true }), { minLength: 96, maxLength: 96 });
const MIDDAY = 24; // 06:00Z = 11:30 local: strong sun for the next hours

/** Faults a plant can really have; each one is strong enough to fail its rule. */
type Fault = { kind: "meter-decrease" | "outage" | "stale" | "interpolated" | "gap"; at: number };
function inject(rs: PowerReading[], f: Fault): PowerReading[] {
  const i = MIDDAY + f.at;
  switch (f.kind) {
    case "meter-decrease":
      return rs.map((r, j) => (j >= i ? { ...r, totalYieldWh: (r.totalYieldWh as number) - 1_000_000 } : r));
    case "outage": {
      const before = rs[i - 1].totalYieldWh as number;
      const missed = (rs[i + 3].totalYieldWh as number) - before;
      return rs.map((r, j) => (j >= i && j < i + 4 ? { ...r, acPowerW: 0, totalYieldWh: before } : j >= i + 4 ? { ...r, totalYieldWh: (r.totalYieldWh as number) - missed } : r));
    }
    case "stale":
      return rs.map((r, j) => (j > i && j < i + 4 ? { ...r, acPowerW: rs[i].acPowerW } : r));
    case "interpolated": {
      const a = rs[i].acPowerW;
      const b = rs[i + 5].acPowerW + 1000; // never flat
      return rs.map((r, j) => (j >= i && j <= i + 5 ? { ...r, acPowerW: a + ((b - a) * (j - i)) / 5 } : r));
    }
    case "gap":
      return rs.filter((_, j) => j < i || j >= i + 8); // 2 h of ~52 sun intervals: below 90 %
  }
}
const fault = fc.record({ kind: fc.constantFrom("meter-decrease", "outage", "stale", "interpolated", "gap" as const), at: fc.integer({ min: 0, max: 16 }) }) as fc.Arbitrary<Fault>;

describe("oracle integrity properties (fast-check)", () => {
  it("credited energy never exceeds the AC integral nor the meter's increase", () => {
    const scale = fc.array(fc.double({ min: 0.9, max: 1.1, noNaN: true }), { minLength: 96, maxLength: 96 });
    fc.assert(
      fc.property(factors, scale, (f, m) => {
        const { readings, series } = day(f, m);
        const r = verify(readings, series);
        expect(r.energyWh).to.be.at.most(r.acEnergyWh);
        if (r.meterCheck === "passed") {
          const increase = Math.floor((readings[95].totalYieldWh as number) - (readings[0].totalYieldWh as number) + 1e-6);
          expect(r.counterEnergyWh).to.equal(increase);
          expect(r.energyWh).to.be.at.most(increase);
          expect(r.energyWh).to.equal(Math.min(r.acEnergyWh, increase));
        } else {
          expect(r.status).to.not.equal("VERIFIED");
        }
      }),
      { numRuns: 60 },
    );
  });

  it("adding a fault never upgrades a day's status, and a day with a fault is never VERIFIED", () => {
    fc.assert(
      fc.property(factors, fault, (f, x) => {
        const { readings, series } = day(f, Array.from({ length: 96 }, () => 1));
        const before = verify(readings, series);
        const after = verify(inject(readings, x), series);
        expect(RANK[after.status], `${x.kind}@${x.at}: ${before.status} → ${after.status}`).to.be.at.most(RANK[before.status]);
        expect(after.status, `${x.kind}: ${after.reasons.join("; ")}`).to.not.equal("VERIFIED");
      }),
      { numRuns: 60 },
    );
  });
});
