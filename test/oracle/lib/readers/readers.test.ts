import path from "node:path";
import { expect } from "chai";
import {
  InvalidValueError,
  MalformedRowError,
  MixedUnitsError,
  TimestampOrderError,
  loadDeviceRegistry,
  parseNasaPower,
  readGenericCsv,
  readJson,
  readKaggleGeneration,
  readKaggleSensor,
  readPsm3,
  readPvdaqAcPower,
  readReadingsJson,
} from "../../../../oracle/src/lib";
import { expectInputError, NASA, PLANT1_DEVICES, PLANT1_GENERATION, PLANT1_SENSOR, tempDir } from "../../helpers/fixtures";

const KAGGLE_HEADER = "DATE_TIME,PLANT_ID,SOURCE_KEY,DC_POWER,AC_POWER,DAILY_YIELD,TOTAL_YIELD\n";
// 15-05-2020 06:00 at UTC+05:30 = 2020-05-15T00:30:00Z = Date.UTC(2020, 4, 15, 0, 30) / 1000 = 1589502600
const T_0600_IST = 1_589_502_600;

describe("oracle readers", () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());

  describe("Kaggle generation CSV", () => {
    it("reads the real Plant 1 fixture: AC kW → W, TOTAL_YIELD kWh → Wh, IST → UTC, DC ignored", () => {
      const rs = readKaggleGeneration(PLANT1_GENERATION);
      expect(rs).to.have.length(16_896); // 8 UTC days × 96 intervals × 22 inverters (no gaps in this window)
      // line 2: "07-06-2020 05:30,4135001,1BY6WEcLGh8j5v7,0,0,0,6418482" → 2020-06-07T00:00:00Z
      expect(rs[0]).to.deep.include({ deviceId: "1BY6WEcLGh8j5v7", t: Date.UTC(2020, 5, 7) / 1000, durationS: 900, acPowerW: 0, totalYieldWh: 6_418_482_000 });
      expect(rs[0].source).to.deep.equal({ file: PLANT1_GENERATION, line: 2, deviceField: "SOURCE_KEY" });
      expect(new Set(rs.map((r) => r.deviceId)).size).to.equal(22);
    });

    it("uses AC_POWER, never DC_POWER (the DC ≈ 10 × AC defect)", () => {
      const f = tmp.file("dc.csv", KAGGLE_HEADER + "15-05-2020 06:00,4135001,inv,10200,1000,0,5\n");
      const [r] = readKaggleGeneration(f);
      expect(r.acPowerW).to.equal(1_000_000); // 1000 kW × 1000
      expect(r.t).to.equal(T_0600_IST);
    });

    it("rejects a row with the wrong column count, naming file, line and the first missing (or extra) column", () => {
      const f = tmp.file("short.csv", KAGGLE_HEADER + "15-05-2020 06:00,4135001,inv,0,0,0,5\n15-05-2020 06:15,4135001,inv,0,0\n");
      const e = expectInputError(() => readKaggleGeneration(f), MalformedRowError, { file: f, line: 3, field: "DAILY_YIELD" });
      expect(e.message).to.contain("missing (the row has 5 of the 7 columns)");
      const g = tmp.file("long.csv", KAGGLE_HEADER + "15-05-2020 06:00,4135001,inv,0,0,0,5,9\n");
      expectInputError(() => readKaggleGeneration(g), MalformedRowError, { file: g, line: 2, field: "column 8" });
    });

    it("rejects a header without a required column, naming line 1 and the column", () => {
      const f = tmp.file("nocol.csv", "DATE_TIME,PLANT_ID,SOURCE_KEY,DC_POWER,DAILY_YIELD,TOTAL_YIELD\n15-05-2020 06:00,1,inv,0,0,5\n");
      expectInputError(() => readKaggleGeneration(f), MalformedRowError, { file: f, line: 1, field: "AC_POWER" });
    });

    it("rejects a non-numeric AC_POWER", () => {
      const f = tmp.file("nan.csv", KAGGLE_HEADER + "15-05-2020 06:00,4135001,inv,0,12kW,0,5\n");
      const e = expectInputError(() => readKaggleGeneration(f), InvalidValueError, { file: f, line: 2, field: "AC_POWER" });
      expect(e.message).to.contain("not a number").and.contain('"12kW"');
    });

    it("rejects an empty value (not silently 0)", () => {
      const f = tmp.file("empty.csv", KAGGLE_HEADER + "15-05-2020 06:00,4135001,inv,0,,0,5\n");
      expectInputError(() => readKaggleGeneration(f), InvalidValueError, { file: f, line: 2, field: "AC_POWER" });
    });

    it("rejects a negative TOTAL_YIELD", () => {
      const f = tmp.file("neg.csv", KAGGLE_HEADER + "15-05-2020 06:00,4135001,inv,0,0,0,-5\n");
      const e = expectInputError(() => readKaggleGeneration(f), InvalidValueError, { file: f, line: 2, field: "TOTAL_YIELD" });
      expect(e.message).to.contain("negative value");
    });

    it("rejects an impossible date (31-02) and a YYYY-mm-dd date", () => {
      const f1 = tmp.file("feb.csv", KAGGLE_HEADER + "31-02-2020 06:00,4135001,inv,0,0,0,5\n");
      expectInputError(() => readKaggleGeneration(f1), InvalidValueError, { file: f1, line: 2, field: "DATE_TIME" });
      const f2 = tmp.file("iso.csv", KAGGLE_HEADER + "2020-05-15 06:00,4135001,inv,0,0,0,5\n");
      expectInputError(() => readKaggleGeneration(f2), InvalidValueError, { file: f2, line: 2, field: "DATE_TIME" });
    });

    it("rejects timestamps out of order or duplicated for one inverter (other inverters interleave freely)", () => {
      const rows = ["15-05-2020 06:15,1,a,0,0,0,5", "15-05-2020 06:00,1,b,0,0,0,5", "15-05-2020 06:00,1,a,0,0,0,5"];
      const f = tmp.file("order.csv", KAGGLE_HEADER + rows.join("\n") + "\n");
      const e = expectInputError(() => readKaggleGeneration(f), TimestampOrderError, { file: f, line: 4, field: "DATE_TIME" });
      expect(e.previous - e.current).to.equal(900);
      const dup = tmp.file("dup.csv", KAGGLE_HEADER + "15-05-2020 06:00,1,a,0,0,0,5\n15-05-2020 06:00,1,a,0,0,0,5\n");
      expectInputError(() => readKaggleGeneration(dup), TimestampOrderError, { file: dup, line: 3, field: "DATE_TIME" });
    });
  });

  describe("generic CSV", () => {
    const HEADER = "device_id,timestamp,value,unit,interval_s\n";

    it("converts W, kW, Wh and kWh to mean W over the interval", () => {
      const cases: [string, number][] = [
        ["1500,W", 1500],
        ["1.5,kW", 1500],
        ["375,Wh", 1500], // 375 Wh in 900 s → 375 × 3600 / 900 = 1500 W
        ["0.375,kWh", 1500], // 0.375 kWh = 375 Wh → 1500 W
      ];
      for (const [value, w] of cases) {
        const f = tmp.file("g.csv", `${HEADER}inv-1,2020-05-15T06:00:00+05:30,${value},900\n`);
        const [r] = readGenericCsv(f);
        expect(r.acPowerW).to.be.closeTo(w, 1e-9);
        expect(r.t).to.equal(T_0600_IST);
        expect(r.durationS).to.equal(900);
      }
    });

    it("defaults interval_s to the option when the column is absent", () => {
      const f = tmp.file("noint.csv", "device_id,timestamp,value,unit\ninv-1,2020-05-15T00:30:00Z,100,Wh\n");
      const [r] = readGenericCsv(f, { intervalS: 3600 });
      expect(r).to.deep.include({ durationS: 3600, acPowerW: 100, t: T_0600_IST });
    });

    it("rejects mixed units in one file, naming the line and field", () => {
      const f = tmp.file("mixed.csv", `${HEADER}inv-1,2020-05-15T06:00:00+05:30,1500,W,900\ninv-1,2020-05-15T06:15:00+05:30,1.5,kW,900\n`);
      const e = expectInputError(() => readGenericCsv(f), MixedUnitsError, { file: f, line: 3, field: "unit" });
      expect([e.expected, e.found]).to.deep.equal(["W", "kW"]);
    });

    it("rejects an unknown unit, a timestamp without offset, and a negative value", () => {
      const f1 = tmp.file("unit.csv", `${HEADER}inv-1,2020-05-15T06:00:00Z,1,MW,900\n`);
      expectInputError(() => readGenericCsv(f1), InvalidValueError, { file: f1, line: 2, field: "unit" });
      const f2 = tmp.file("tz.csv", `${HEADER}inv-1,2020-05-15T06:00:00,1,W,900\n`);
      expectInputError(() => readGenericCsv(f2), InvalidValueError, { file: f2, line: 2, field: "timestamp" });
      const f3 = tmp.file("negv.csv", `${HEADER}inv-1,2020-05-15T06:00:00Z,-1,W,900\n`);
      expectInputError(() => readGenericCsv(f3), InvalidValueError, { file: f3, line: 2, field: "value" });
    });

    it("rejects timestamps out of order for a device", () => {
      const f = tmp.file("order.csv", `${HEADER}inv-1,2020-05-15T06:15:00Z,1,W,900\ninv-1,2020-05-15T06:00:00Z,1,W,900\n`);
      expectInputError(() => readGenericCsv(f), TimestampOrderError, { file: f, line: 3, field: "timestamp" });
    });
  });

  describe("JSON readings", () => {
    const entry = (o: Record<string, unknown>) => JSON.stringify({ deviceId: "inv-1", timestamp: "2020-05-15T00:30:00Z", value: 1500, unit: "W", ...o });

    it("reads entries with their lines and converts units", () => {
      const f = tmp.file("r.json", `[\n  ${entry({})},\n  ${entry({ timestamp: "2020-05-15T00:45:00Z", value: 0.5, unit: "W" })}\n]\n`);
      const rs = readReadingsJson(f);
      expect(rs.map((r) => [r.t, r.acPowerW, r.source.line])).to.deep.equal([
        [T_0600_IST, 1500, 2],
        [T_0600_IST + 900, 0.5, 3],
      ]);
    });

    it("rejects mixed units, naming the entry's line and JSON path", () => {
      const f = tmp.file("mixed.json", `[\n  ${entry({})},\n  ${entry({ timestamp: "2020-05-15T00:45:00Z", unit: "kW" })}\n]\n`);
      expectInputError(() => readReadingsJson(f), MixedUnitsError, { file: f, line: 3, field: "[1].unit" });
    });

    it("rejects a non-numeric value and a negative value", () => {
      const f = tmp.file("nan.json", `[\n  ${entry({ value: "12" })}\n]\n`);
      expectInputError(() => readReadingsJson(f), InvalidValueError, { file: f, line: 2, field: "[0].value" });
      const g = tmp.file("neg.json", `[\n\n  ${entry({ value: -3 })}\n]\n`);
      expectInputError(() => readReadingsJson(g), InvalidValueError, { file: g, line: 3, field: "[0].value" });
    });

    it("rejects invalid JSON with the line of the syntax error, and a non-array document", () => {
      const f = tmp.file("bad.json", `[\n  ${entry({})},\n  {"deviceId": }\n]\n`);
      const e = expectInputError(() => readReadingsJson(f), MalformedRowError, { file: f, line: 3 });
      expect(e.message).to.contain("invalid JSON");
      const g = tmp.file("obj.json", `{"readings": []}`);
      expectInputError(() => readReadingsJson(g), MalformedRowError, { file: g, line: 1 });
    });

    it("rejects timestamps out of order", () => {
      const f = tmp.file("order.json", `[\n${entry({ timestamp: "2020-05-15T00:45:00Z" })},\n${entry({})}\n]`);
      expectInputError(() => readReadingsJson(f), TimestampOrderError, { file: f, line: 3, field: "[1].timestamp" });
    });
  });

  describe("PVDAQ AC power CSV (real rows)", () => {
    // First rows of pvdaq50_serf_east_15min_ac_power.csv (W, local time -07:00), plus a noon row.
    const REAL = "measured_on,ac_power\n2016-07-01 00:00:00-07:00,-2.8601\n2016-07-01 00:15:00-07:00,-2.7927\n2016-07-01 12:00:00-07:00,4200.5\n";

    it("reads W with the -07:00 offset and counts night standby draw as 0 W", () => {
      const f = tmp.file("pvdaq.csv", REAL);
      const rs = readPvdaqAcPower(f, { deviceId: "pvdaq50" });
      // 2016-07-01 00:00-07:00 = 2016-07-01T07:00:00Z
      expect(rs.map((r) => [r.t, r.acPowerW])).to.deep.equal([
        [Date.UTC(2016, 6, 1, 7) / 1000, 0],
        [Date.UTC(2016, 6, 1, 7, 15) / 1000, 0],
        [Date.UTC(2016, 6, 1, 19) / 1000, 4200.5],
      ]);
    });

    it("rejects a negative power beyond the standby draw", () => {
      const f = tmp.file("pvdaqneg.csv", "measured_on,ac_power\n2016-07-01 00:00:00-07:00,-80\n");
      expectInputError(() => readPvdaqAcPower(f, { deviceId: "pvdaq50" }), InvalidValueError, { file: f, line: 2, field: "ac_power" });
    });
  });

  describe("on-site irradiance", () => {
    it("reads the real Kaggle sensor fixture: kW/m² → W/m², 15-minute samples, IST → UTC", () => {
      const s = readKaggleSensor(PLANT1_SENSOR);
      expect(s.kind).to.equal("sensor");
      expect(s.samples).to.have.length(768); // 8 UTC days × 96
      expect(s.samples[0]).to.deep.equal({ t: Date.UTC(2020, 5, 7) / 1000, durationS: 900, ghiWm2: 0 });
      const peak = Math.max(...s.samples.map((x) => x.ghiWm2));
      expect(peak).to.be.within(900, 1300); // a clear Indian noon: ~1 kW/m²
    });

    it("rejects a negative IRRADIATION and a timestamp out of order", () => {
      const h = "DATE_TIME,PLANT_ID,SOURCE_KEY,AMBIENT_TEMPERATURE,MODULE_TEMPERATURE,IRRADIATION\n";
      const f = tmp.file("sneg.csv", h + "2020-05-15 06:00:00,1,s,25,22,-0.1\n");
      expectInputError(() => readKaggleSensor(f), InvalidValueError, { file: f, line: 2, field: "IRRADIATION" });
      const g = tmp.file("sord.csv", h + "2020-05-15 06:15:00,1,s,25,22,0.1\n2020-05-15 06:00:00,1,s,25,22,0.1\n");
      expectInputError(() => readKaggleSensor(g), TimestampOrderError, { file: g, line: 3, field: "DATE_TIME" });
    });

    it("reads the PSM3 layout from measured_on (not the resampled split columns)", () => {
      const f = tmp.file(
        "psm3.csv",
        "measured_on,Year,Month,Day,Hour,Minute,dhi_clear,temp_air,dni_clear,ghi_clear,ghi\n" +
          "2016-07-01 00:00:00-07:00,2016.0,6.5,15.5,11.5,30.0,0.0,14.5,0.0,0.0,0.0\n" +
          "2016-07-01 12:00:00-07:00,2016.0,6.5,15.5,11.5,30.0,0.0,14.5,0.0,0.0,950.5\n",
      );
      const s = readPsm3(f);
      expect(s.kind).to.equal("satellite");
      expect(s.samples.map((x) => [x.t, x.ghiWm2])).to.deep.equal([
        [Date.UTC(2016, 6, 1, 7) / 1000, 0],
        [Date.UTC(2016, 6, 1, 19) / 1000, 950.5],
      ]);
    });

    it("rejects a non-numeric ghi", () => {
      const f = tmp.file("psm3bad.csv", "measured_on,ghi\n2016-07-01 00:00:00-07:00,n/a\n");
      expectInputError(() => readPsm3(f), InvalidValueError, { file: f, line: 2, field: "ghi" });
    });
  });

  describe("NASA POWER responses", () => {
    it("reads the real hourly v2 series (W/m², UTC hours)", () => {
      const s = parseNasaPower(readJson(path.join(NASA, "nasa_power_v2_hourly_20250202_lat44.76_lon7.64.json")));
      expect(s.samples).to.have.length(24);
      const noon = s.samples.find((x) => x.t === Date.UTC(2025, 1, 2, 11) / 1000);
      expect(noon).to.deep.equal({ t: Date.UTC(2025, 1, 2, 11) / 1000, durationS: 3600, ghiWm2: 406.48 });
      // daily insolation = Σ hourly W/m² × 1 h = 2325.33 Wh/m² (sum of the published values)
      expect(s.samples.reduce((a, x) => a + x.ghiWm2, 0)).to.be.closeTo(2325.33, 1e-9);
    });

    it("reads the real v1 daily layout: MJ/m²/day → mean W/m² (× 1e6 / 86400)", () => {
      const s = parseNasaPower(readJson(path.join(NASA, "nasa_power_v1_daily_1985_lat-27.48_lon151.81_AG.json")));
      expect(s.samples).to.have.length(365);
      // 1985-01-01: 30.96 MJ/m²/day × 1e6 / 86400 = 358.333… W/m²
      expect(s.samples[0].t).to.equal(Date.UTC(1985, 0, 1) / 1000);
      expect(s.samples[0].durationS).to.equal(86_400);
      expect(s.samples[0].ghiWm2).to.be.closeTo(358.3333, 1e-4);
    });

    it("drops fill values (-999) instead of treating them as 0, and converts daily kWh/m²/day", () => {
      const tmpFile = tmp.file(
        "daily.json",
        JSON.stringify({
          properties: { parameter: { ALLSKY_SFC_SW_DWN: { "20200515": 6.0, "20200516": -999 } } },
          header: { fill_value: -999 },
          parameters: { ALLSKY_SFC_SW_DWN: { units: "kW-hr/m^2/day" } },
        }),
      );
      const s = parseNasaPower(readJson(tmpFile));
      expect(s.samples).to.have.length(1);
      expect(s.samples[0].ghiWm2).to.equal(250); // 6 kWh/m²/day × 1000 / 24 h = 250 W/m²
    });

    it("refuses the real monthly v2 response: a month cannot verify a day", () => {
      const f = path.join(NASA, "nasa_power_v2_monthly_2015-2020_lat55_lon-3.json");
      expectInputError(() => parseNasaPower(readJson(f)), MalformedRowError, {
        file: f,
        line: 1,
        field: "properties.parameter.ALLSKY_SFC_SW_DWN.201501",
      });
    });

    it("rejects hourly and daily keys mixed in one response, and an unknown unit", () => {
      const body = (units: string, keys: Record<string, number>) =>
        JSON.stringify({ properties: { parameter: { ALLSKY_SFC_SW_DWN: keys } }, header: { fill_value: -999 }, parameters: { ALLSKY_SFC_SW_DWN: { units } } }, null, 1);
      const f = tmp.file("mix.json", body("W/m^2", { "2025020210": 100, "20250203": 5 }));
      // JSON objects list integer-like keys in numeric order: 20250203 (daily) comes first, so the
      // hourly key 2025020210 (line 6 of the pretty-printed body, after 20250203) is the odd one out.
      const e = expectInputError(() => parseNasaPower(readJson(f)), MixedUnitsError, {
        file: f,
        line: 6,
        field: "properties.parameter.ALLSKY_SFC_SW_DWN.2025020210",
      });
      expect([e.expected, e.found]).to.deep.equal(["daily", "hourly"]);
      const g = tmp.file("unit.json", body("langley", { "2025020210": 100 }));
      // body lines: 1 "{", 2–8 properties…, 9–11 header, 12 "parameters", 13 ALLSKY_SFC_SW_DWN, 14 "units"
      expectInputError(() => parseNasaPower(readJson(g)), InvalidValueError, { file: g, line: 14, field: "parameters.ALLSKY_SFC_SW_DWN.units" });
    });
  });

  describe("device registry", () => {
    it("loads the Plant 1 registry: 22 inverters, capacity in W, 1200 g/kWh", () => {
      const reg = loadDeviceRegistry(PLANT1_DEVICES);
      expect(reg.size).to.equal(22);
      // 1BY6WEcLGh8j5v7 peaks at 1300.17 kW over the full month → rounded up to 1400 kW = 1 400 000 W
      expect(reg.get("1BY6WEcLGh8j5v7")).to.deep.equal({ id: "1BY6WEcLGh8j5v7", capacityW: 1_400_000, emissionFactorGPerKWh: 1200, lat: 14.82, lon: 78.28 });
    });

    it("rejects a zero capacity and a fractional emission factor, naming the key's line and path", () => {
      const f = tmp.file("reg.json", JSON.stringify({ devices: { a: { capacityW: 0, emissionFactorGPerKWh: 1200, lat: 0, lon: 0 } } }, null, 2));
      expectInputError(() => loadDeviceRegistry(f), InvalidValueError, { file: f, line: 3, field: "devices.a.capacityW" });
      const g = tmp.file("reg2.json", JSON.stringify({ devices: { a: { capacityW: 5, emissionFactorGPerKWh: 1.5, lat: 0, lon: 0 } } }, null, 2));
      expectInputError(() => loadDeviceRegistry(g), InvalidValueError, { file: g, line: 3, field: "devices.a.emissionFactorGPerKWh" });
    });
  });
});
