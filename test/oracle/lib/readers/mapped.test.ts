import fs from "node:fs";
import zlib from "node:zlib";
import { expect } from "chai";
import {
  InputFileError,
  InvalidValueError,
  loadIrradianceMapping,
  loadReadingsMapping,
  MalformedRowError,
  readKaggleGenerationFile,
  readKaggleSensor,
  readMappedIrradiance,
  readMappedReadings,
} from "../../../../oracle/src/lib";
import { expectInputError, PLANT1_GENERATION, PLANT2_GENERATION, PLANT2_SENSOR, tempDir } from "../../helpers/fixtures";

const gunzip = (file: string) => zlib.gunzipSync(fs.readFileSync(file)).toString("utf8");

/** The Plant 2 generation mapping of docs/oracle.md. */
const PLANT2_MAPPING = {
  time: { column: "DATE_TIME", format: "YYYY-MM-DD HH:mm:ss", utcOffsetMinutes: 330 },
  device: { column: "SOURCE_KEY" },
  power: { column: "AC_POWER", unit: "kW", kind: "mean" },
  meter: { column: "TOTAL_YIELD", unit: "kWh" },
  site: { column: "PLANT_ID" },
  intervalS: 900,
};

describe("oracle readers: both Kaggle layouts, column-mapped CSV, one-line errors", () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());

  it("Kaggle generation: Plant 1 day-first and Plant 2 ISO layouts, each reported", () => {
    const p1 = readKaggleGenerationFile(PLANT1_GENERATION);
    const p2 = readKaggleGenerationFile(PLANT2_GENERATION);
    expect(p1.info).to.deep.include({ layout: "kaggle", timestampFormat: "DD-MM-YYYY HH:mm", utcOffsetMinutes: 330, meterColumn: "TOTAL_YIELD" });
    expect(p2.info).to.deep.include({ layout: "kaggle", timestampFormat: "YYYY-MM-DD HH:mm:ss", rows: 5952 });
    expect(p2.readings[0]).to.deep.include({ t: Date.parse("2020-05-27T00:00:00Z") / 1000, siteId: "4136001" }); // 05:30 local
    expect(p1.readings[0].siteId).to.equal("4135001");
  });

  it("rejects a second layout in one file and an ambiguous slash date, naming file, line and field", () => {
    const lines = gunzip(PLANT2_GENERATION).split("\n");
    const mixed = tmp.file("mixed.csv", [lines[0], lines[1], lines[2].replace(/^(\d{4})-(\d\d)-(\d\d) (\d\d:\d\d):00/, "$3-$2-$1 $4"), ""].join("\n"));
    const e = expectInputError(() => readKaggleGenerationFile(mixed), InvalidValueError, { file: mixed, line: 3, field: "DATE_TIME" });
    expect(e.detail).to.contain("differs from YYYY-MM-DD HH:mm:ss of the file's first row");
    const slash = tmp.file("slash.csv", [lines[0], lines[1].replace(/^2020-05-27/, "05/06/2020"), ""].join("\n"));
    const a = expectInputError(() => readKaggleGenerationFile(slash), InvalidValueError, { file: slash, line: 2, field: "DATE_TIME" });
    expect(a.detail).to.match(/^ambiguous date: day-first or month-first cannot be told/);
  });

  it("a missing file is a one-line InputFileError naming it", () => {
    const missing = tmp.file("nope.csv");
    const e = expectInputError(() => readKaggleGenerationFile(missing), InputFileError, { file: missing });
    expect(e.message).to.equal(`${missing}: cannot read the file: no such file`);
    expect(e.message).to.not.contain("\n");
  });

  it("a file cut inside its last field (TOTAL_YIELD \"732\") is refused, naming the line and field", () => {
    const text = gunzip(PLANT2_GENERATION).split("\n").slice(0, 40).join("\n"); // no final line break
    const cut = tmp.file("cut.csv", text.slice(0, text.lastIndexOf(",") + 4));
    const e = expectInputError(() => readKaggleGenerationFile(cut), MalformedRowError, { file: cut, line: 40, field: "TOTAL_YIELD" });
    expect(e.detail).to.contain("cut mid-row");
  });

  it("a column mapping reads Plant 2 exactly as the Kaggle reader does", () => {
    const mapping = loadReadingsMapping(tmp.file("p2.json", JSON.stringify(PLANT2_MAPPING)));
    const mapped = readMappedReadings(PLANT2_GENERATION, mapping);
    const kaggle = readKaggleGenerationFile(PLANT2_GENERATION).readings;
    expect(mapped.info).to.deep.include({ layout: "mapped", timestampFormat: "YYYY-MM-DD HH:mm:ss", meterColumn: "TOTAL_YIELD" });
    const strip = (rs: typeof kaggle) => rs.map((r) => [r.deviceId, r.t, r.durationS, r.acPowerW, r.totalYieldWh, r.siteId, r.source.line]);
    expect(mapped.readings).to.have.length(5952);
    expect(JSON.stringify(strip(mapped.readings))).to.equal(JSON.stringify(strip(kaggle))); // (strings: chai's deep-equal is slow on 6,000 rows)
    const irr = readMappedIrradiance(PLANT2_SENSOR, loadIrradianceMapping(tmp.file("p2s.json", JSON.stringify({
      time: PLANT2_MAPPING.time, irradiance: { column: "IRRADIATION", unit: "kW/m2" }, kind: "sensor", site: { column: "PLANT_ID" },
    }))));
    expect(JSON.stringify(irr.samples)).to.equal(JSON.stringify(readKaggleSensor(PLANT2_SENSOR).samples));
    expect(irr.siteId).to.equal("4136001");
  });

  it("W or kW, stamps marking the interval end, a fixed device id, no meter; irradiance W/m² with ISO offsets", () => {
    const csv = tmp.file("plant.csv", "when,watts\n18/05/2020 12:15,1500\n18/05/2020 12:30,1600\n");
    const mapping = loadReadingsMapping(tmp.file("m.json", JSON.stringify({
      time: { column: "when", format: "DD/MM/YYYY HH:mm", utcOffsetMinutes: 60, marks: "end" },
      device: { id: "roof-1" }, power: { column: "watts", unit: "W", kind: "instantaneous" }, intervalS: 900,
    })));
    const { readings, info } = readMappedReadings(csv, mapping);
    // 12:15 at UTC+01:00 is 11:15Z, the end of the interval 11:00–11:15Z
    expect(readings.map((r) => [r.deviceId, new Date(r.t * 1000).toISOString(), r.acPowerW, r.totalYieldWh])).to.deep.equal([
      ["roof-1", "2020-05-18T11:00:00.000Z", 1500, undefined],
      ["roof-1", "2020-05-18T11:15:00.000Z", 1600, undefined],
    ]);
    expect(info.meterColumn).to.equal(null);
    const sensor = tmp.file("ghi.csv", "ts,ghi\n2020-05-18T11:00:00+01:00,640.5\n");
    const s = readMappedIrradiance(sensor, loadIrradianceMapping(tmp.file("s.json", JSON.stringify({
      time: { column: "ts", format: "ISO" }, irradiance: { column: "ghi", unit: "W/m2" }, kind: "satellite", intervalS: 3600,
    }))));
    expect(s).to.deep.include({ kind: "satellite", samples: [{ t: Date.parse("2020-05-18T10:00:00Z") / 1000, durationS: 3600, ghiWm2: 640.5 }] });
  });

  it("an unknown column and a bad mapping value are one-line errors naming file, line and field", () => {
    const mapping = loadReadingsMapping(tmp.file("typo.json", JSON.stringify({ ...PLANT2_MAPPING, power: { column: "AC_POWR", unit: "kW" } })));
    const e = expectInputError(() => readMappedReadings(PLANT2_GENERATION, mapping), MalformedRowError, { file: PLANT2_GENERATION, line: 1, field: "AC_POWR" });
    expect(e.detail).to.match(/^unknown column \(mapping field power\.column\); the header is "DATE_TIME,PLANT_ID,SOURCE_KEY,/);
    const badFile = tmp.file("bad-unit.json", JSON.stringify({ ...PLANT2_MAPPING, power: { column: "AC_POWER", unit: "MW" } }, null, 2));
    const b = expectInputError(() => loadReadingsMapping(badFile), InvalidValueError, { file: badFile, line: 12, field: "power.unit" });
    expect(b.detail).to.equal('expected one of W, kW (got "\\"MW\\"")');
    const badDate = tmp.file("bad-date.json", JSON.stringify({ ...PLANT2_MAPPING, time: { column: "DATE_TIME", format: "DD-MM-YYYY HH:mm" } }));
    expectInputError(() => readMappedReadings(PLANT2_GENERATION, loadReadingsMapping(badDate)), InvalidValueError, { file: PLANT2_GENERATION, line: 2, field: "DATE_TIME" });
  });
});
