import { expect } from "chai";
import { checkMeter, METER_THRESHOLDS, type PowerReading } from "../../../../oracle/src/lib";
import { DEVICE, readings } from "../../helpers/day";

/** Readings of `powers` W carrying meter values `wh` (Wh) — the meter at a stamp includes that stamp's interval. */
function metered(powers: number[], wh: number[]): PowerReading[] {
  return readings(powers).map((r, i) => ({ ...r, totalYieldWh: wh[i] }));
}

/** A meter that follows the AC integral exactly: +P × 0.25 h per 15-minute reading. */
function honest(powers: number[], start = 1_000_000): number[] {
  let m = start;
  return powers.map((p, i) => (i === 0 ? m : (m += p * 0.25)));
}

describe("oracle meter cross-check (meter.ts)", () => {
  const P = [0, 400, 800, 1000, 800, 400, 0]; // W, a 1000 W device

  it("passes an honest meter and gives its increase (last − first)", () => {
    const m = checkMeter(DEVICE, metered(P, honest(P)), METER_THRESHOLDS);
    expect(m).to.deep.include({ outcome: "passed", increaseWh: (400 + 800 + 1000 + 800 + 400) * 0.25, faults: [] });
  });

  it("FLAGS a decrease, naming the interval, the line and both values", () => {
    const wh = honest(P);
    wh[4] = wh[3] - 50; // the meter goes back 50 Wh + the interval's 200 Wh
    const m = checkMeter(DEVICE, metered(P, wh), METER_THRESHOLDS);
    expect(m.outcome).to.equal("failed");
    expect(m.increaseWh).to.equal(null);
    expect(m.faults[0].code).to.equal("meter-decrease");
    expect(m.faults[0].message).to.match(/^meter decreased 2020-05-18T06:45Z→2020-05-18T07:00Z \(test:6\): 1000550 Wh → 1000500 Wh \(-50 Wh\)$/);
  });

  it("calls a fall to (nearly) zero a reset", () => {
    const wh = honest(P);
    wh[5] = 3;
    const m = checkMeter(DEVICE, metered(P, wh), METER_THRESHOLDS);
    expect(m.faults.map((f) => f.code)).to.include("meter-reset");
  });

  it("FLAGS a jump above capacity × elapsed × 1.1 (1000 W × 900 s = 250 Wh; 275 Wh allowed)", () => {
    const ok = honest(P);
    const jump = [...ok];
    for (let i = 3; i < jump.length; i++) jump[i] += 100; // step 3: 250 + 100 = 350 Wh in 900 s
    const m = checkMeter(DEVICE, metered(P, jump), METER_THRESHOLDS);
    expect(m.faults.map((f) => f.code)).to.deep.equal(["meter-jump"]);
    expect(m.faults[0].message).to.contain("+350 Wh in 900 s, above capacity × time × 1.1 = 275 Wh");
  });

  it("FLAGS meter and AC integral disagreeing by more than 5 % and more than the meter's slack", () => {
    const big = P.map((p) => p * 1000); // a 1 MW-class day: 850 kWh
    const dev = { ...DEVICE, capacityW: 1_000_000 };
    const low = honest(big).map((w, i) => 1_000_000 + (w - 1_000_000) * 0.93); // meter 7 % below AC
    const m = checkMeter(dev, metered(big, low), METER_THRESHOLDS);
    expect(m.faults.map((f) => f.code)).to.deep.equal(["meter-disagrees"]);
    expect(m.faults[0].message).to.match(/^meter increase 790500 Wh and AC integral 850000 Wh over the day's adjacent intervals differ by 59500 Wh/);
    // 4 % below: within the tolerance
    const near = honest(big).map((w) => 1_000_000 + (w - 1_000_000) * 0.96);
    expect(checkMeter(dev, metered(big, near), METER_THRESHOLDS).outcome).to.equal("passed");
  });

  it("is skipped, visibly, without a meter column", () => {
    const m = checkMeter(DEVICE, readings(P), METER_THRESHOLDS);
    expect(m).to.deep.include({ outcome: "skipped", increaseWh: null, faults: [] });
    expect(m.note).to.equal("meter cross-check skipped: the readings carry no cumulative meter");
  });
});
