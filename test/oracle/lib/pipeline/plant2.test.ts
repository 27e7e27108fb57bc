import { expect } from "chai";
import {
  loadDeviceRegistry,
  readKaggleGenerationFile,
  readKaggleSensor,
  runPipeline,
  summarize,
  type DeviceDayResult,
  type FaultCode,
} from "../../../../oracle/src/lib";
import { PLANT2_DEVICES, PLANT2_GENERATION, PLANT2_SENSOR } from "../../helpers/fixtures";

/**
 * The faulty real Plant 2 (Kaggle 4136001), raw files (fixture: 22 inverters × UTC days
 * 2020-05-27, 2020-05-31, 2020-06-11). Its `TOTAL_YIELD` meters go backwards (a row dips by up to
 * hundreds of MWh and comes back: a decrease then a jump), some fall to zero (reset), and several
 * inverters sit at 0 W for hours under strong sun.
 */
describe("oracle pipeline over the real, faulty Plant 2 fixture", () => {
  let results: DeviceDayResult[];
  let format: string;

  before(() => {
    const read = readKaggleGenerationFile(PLANT2_GENERATION);
    format = read.info.timestampFormat;
    const sensor = readKaggleSensor(PLANT2_SENSOR);
    ({ results } = runPipeline(read.readings, loadDeviceRegistry(PLANT2_DEVICES), () => sensor));
  });

  it("reads the raw file with no conversion (DATE_TIME YYYY-mm-dd HH:MM:SS) and says which layout it assumed", () => {
    expect(format).to.equal("YYYY-MM-DD HH:mm:ss");
    // 22 × 3 = 66 inverter-days, less 4: IQ2d7wF4YD8zU1Q, NgDl19wMapZy17u, mqwcsP2rE7J0TFp and xMbIugepa2P7lBB have no row on 2020-05-27
    expect(results).to.have.length(62);
    expect(new Set(results.map((r) => r.date))).to.deep.equal(new Set(["2020-05-27", "2020-05-31", "2020-06-11"]));
  });

  it("no VERIFIED day has a decreasing or resetting meter, a meter jump or ≥ 1 h of outage under sun", () => {
    const bad: FaultCode[] = ["meter-decrease", "meter-reset", "meter-jump", "outage", "low-coverage"];
    for (const r of results) {
      const hit = r.faults.filter((f) => bad.includes(f));
      if (hit.length > 0) expect(r.status, `${r.deviceId} ${r.date} ${hit.join(",")}`).to.not.equal("VERIFIED");
    }
    const counts = (code: FaultCode) => results.filter((r) => r.faults.includes(code)).length;
    expect([counts("meter-decrease"), counts("meter-reset"), counts("meter-jump"), counts("outage")]).to.deep.equal([24, 10, 34, 11]);
  });

  it("meter faults are FLAGGED with the interval, line and sizes", () => {
    const r = results.find((x) => x.faults.includes("meter-reset")) as DeviceDayResult;
    expect(r.status).to.equal("FLAGGED");
    expect(r.meterCheck).to.equal("failed");
    expect(r.counterEnergyWh).to.equal(null);
    expect(r.reasons.join(" ")).to.match(/meter reset \d{4}-\d\d-\d\dT\d\d:\d\dZ→\d{4}-\d\d-\d\dT\d\d:\d\dZ \(.*Plant_2_Generation_Data.*:\d+\): \d+ Wh → \d+ Wh \(-\d+ Wh\)/);
  });

  it("on every VERIFIED day the credited energy is ≤ the meter's increase and ≤ the AC integral", () => {
    const verified = results.filter((r) => r.status === "VERIFIED");
    expect(verified).to.have.length(23);
    for (const r of verified) {
      expect(r.meterCheck).to.equal("passed");
      expect(r.energyWh).to.be.at.most(r.counterEnergyWh as number);
      expect(r.energyWh).to.be.at.most(r.acEnergyWh);
    }
    const s = summarize(results);
    expect([s.fleet.verified, s.fleet.flagged, s.fleet.pending]).to.deep.equal([23, 34, 5]);
  });

  it("no real irradiance is above the QCRad limit, and no timestamp is off the grid", () => {
    for (const r of results) expect(r.faults).to.not.include.members(["irradiance-impossible", "off-grid", "stale-values", "interpolated"]);
  });
});
