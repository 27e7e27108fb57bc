import { expect } from "chai";
import {
  loadDeviceRegistry,
  readKaggleGeneration,
  readKaggleSensor,
  runPipeline,
  type DeviceDayResult,
  type DeviceRegistry,
  type IrradianceSeries,
  type PowerReading,
} from "../../../../oracle/src/lib";
import { PLANT1_DEVICES, PLANT1_GAP_GENERATION, PLANT1_GAP_SENSOR, PLANT1_GENERATION, PLANT1_SENSOR } from "../../helpers/fixtures";

/**
 * The quality rules on real Plant 1 data (fixture: 22 inverters × 2020-06-07 … 14): each fault is
 * put into one real, honest inverter-day (iCRJl6heRkivqQ3 on 2020-06-10, VERIFIED as recorded) and
 * must turn it from VERIFIED into the rule's status with a reason naming the rule's sizes.
 */
const ID = "iCRJl6heRkivqQ3";
const DATE = "2020-06-10";
const NOON = Date.parse(`${DATE}T06:00:00Z`) / 1000; // 11:30 local: strong sun

describe("oracle quality rules on real Plant 1 data", () => {
  let registry: DeviceRegistry;
  let mine: PowerReading[];
  let sensor: IrradianceSeries;
  const run = (rs: readonly PowerReading[], s: IrradianceSeries = sensor): DeviceDayResult =>
    runPipeline(rs, registry, () => s).results.find((r) => r.date === DATE) as DeviceDayResult;
  const edit = (f: (r: PowerReading, i: number) => PowerReading) => mine.map((r, i) => f(r, i));
  const at = (t: number) => mine.findIndex((r) => r.t === t);
  /** An honest outage of readings [i, i + n): 0 W and a meter that stands still (later values lowered by what it missed). */
  const outage = (i: number, n: number) => {
    const before = mine[i - 1].totalYieldWh as number;
    const missed = (mine[i + n - 1].totalYieldWh as number) - before;
    return mine.map((r, j) => {
      if (j >= i && j < i + n) return { ...r, acPowerW: 0, totalYieldWh: before };
      return j >= i + n ? { ...r, totalYieldWh: (r.totalYieldWh as number) - missed } : r;
    });
  };

  before(() => {
    registry = loadDeviceRegistry(PLANT1_DEVICES);
    mine = readKaggleGeneration(PLANT1_GENERATION).filter((r) => r.deviceId === ID);
    sensor = readKaggleSensor(PLANT1_SENSOR);
  });

  it("the honest day is VERIFIED with no failed rule", () => {
    const r = run(mine);
    expect(r).to.deep.include({ status: "VERIFIED", faults: [], reasons: [], meterCheck: "passed" });
  });

  it("stale values: 4 identical non-zero readings in a row → FLAGGED stale-values", () => {
    const i = at(NOON);
    const r = run(edit((x, j) => (j >= i && j < i + 4 ? { ...x, acPowerW: mine[i].acPowerW } : x)));
    expect(r.status).to.equal("FLAGGED");
    expect(r.faults).to.include("stale-values");
    expect(r.reasons.join(" ")).to.contain(`4 consecutive readings of exactly ${mine[i].acPowerW} W from ${DATE}T06:00Z`);
    // 3 in a row is what real inverters do at most (Plant 1: 1, Plant 2: 2): not a fault
    expect(run(edit((x, j) => (j >= i && j < i + 3 ? { ...x, acPowerW: mine[i].acPowerW } : x))).faults).to.not.include("stale-values");
  });

  it("interpolated run: 6 readings on a straight line → FLAGGED interpolated", () => {
    const i = at(NOON);
    const a = mine[i].acPowerW;
    const b = mine[i + 5].acPowerW;
    const r = run(edit((x, j) => (j >= i && j <= i + 5 ? { ...x, acPowerW: a + ((b - a) * (j - i)) / 5 } : x)));
    expect(r.status).to.equal("FLAGGED");
    expect(r.faults).to.include("interpolated");
    expect(r.reasons.join(" ")).to.contain(`6 consecutive readings on a straight line from ${DATE}T06:00Z to ${DATE}T07:15Z`);
  });

  it("outage under sun: 1 h at 0 W while the sensor reads > 500 W/m² → PENDING outage", () => {
    const i = at(NOON);
    const r = run(outage(i, 4));
    expect(r.status).to.equal("PENDING");
    expect(r.faults).to.include("outage");
    expect(r.reasons.join(" ")).to.contain(`4 intervals (1.00 h) at 0 W under > 500 W/m², first at ${DATE}T06:00Z`);
    // 45 minutes: a note, not the rule
    const short = run(outage(i, 3));
    expect(short.faults).to.not.include("outage");
    expect(short.notes.join(" ")).to.contain("3 outage intervals");
  });

  it("impossible irradiance: 1,500 W/m² at sunrise (QCRad limit ≈ 100 + 1.5 × Sa × μ0^1.2) → PENDING irradiance-impossible", () => {
    const dawn = Date.parse(`${DATE}T00:15:00Z`) / 1000; // 05:45 local, sun ~0–3° up
    const bad: IrradianceSeries = { ...sensor, samples: sensor.samples.map((s) => (s.t === dawn ? { ...s, ghiWm2: 1500 } : s)) };
    const r = run(mine, bad);
    expect(r.status).to.equal("PENDING");
    expect(r.faults).to.include("irradiance-impossible");
    expect(r.faults.every((f) => f === "irradiance-impossible" || f === "low-correlation")).to.equal(true);
    expect(r.reasons[0]).to.match(/^irradiance 1500\.0 W\/m² at 2020-06-10T00:15Z exceeds the QCRad physically possible limit \d+\.\d W\/m²/);
  });

  it("timestamps off the grid: one reading 60 s late → PENDING off-grid, naming file and line", () => {
    const i = at(NOON);
    // the reading at 11:30 local moved to 11:31 (the next one dropped so they do not overlap)
    const r = run(edit((x, j) => (j === i ? { ...x, t: x.t + 60 } : x)).filter((_, j) => j !== i + 1));
    expect(r.status).to.equal("PENDING");
    expect(r.faults).to.include("off-grid");
    expect(r.reasons.join(" ")).to.contain(`1 readings off the 900 s grid, first at ${DATE}T06:01:00.000Z (${PLANT1_GENERATION}:${mine[i].source.line})`);
  });

  it("a file cut mid-day: the final day is PENDING truncated-day, the days before are unaffected", () => {
    const cut = mine.filter((r) => r.t < NOON + 4 * 3600); // ends 15:30 local, sunset ≈ 18:40
    const results = runPipeline(cut, registry, () => sensor).results;
    const last = results.at(-1) as DeviceDayResult;
    expect(last.date).to.equal(DATE);
    expect(last.status).to.equal("PENDING");
    expect(last.faults).to.include("truncated-day");
    expect(last.reasons.join(" ")).to.match(/readings end at 2020-06-10T10:00Z .*, 1[23] sun-expected intervals before 2020-06-10T13:15Z: the file stops mid-day/);
    expect(results.filter((r) => r.date < DATE).every((r) => r.status === "VERIFIED")).to.equal(true);
  });

  it("a gap shared by both files lowers coverage (Plant 1, 2020-05-21: the morning is missing from readings AND sensor)", () => {
    const gap = runPipeline(readKaggleGeneration(PLANT1_GAP_GENERATION), registry, () => readKaggleSensor(PLANT1_GAP_SENSOR)).results;
    expect(gap).to.have.length(22);
    for (const r of gap) {
      expect(r.status, r.deviceId).to.equal("PENDING");
      expect(r.faults).to.include("low-coverage");
      expect(r.expectedIntervals).to.equal(52); // sunrise 00:13Z … sunset 13:09Z at the registered site
      expect(r.coverage).to.be.within(0.8, 0.85); // was 0.95–1.0 when the window came from the data
      expect(r.reasons.join(" ")).to.match(/^insufficient data: \d\d of 52 sun-expected intervals covered/);
    }
  });
});
