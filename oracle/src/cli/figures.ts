import path from "node:path";
import {
  FAULT_CODES,
  FAULT_STATUS,
  loadDeviceRegistry,
  readKaggleGenerationFile,
  readKaggleSensor,
  runPipeline,
  summarize,
  type DeviceDayResult,
} from "../lib";

/**
 * The figures of docs/oracle.md ("Figures"): runs the oracle with default thresholds over the full
 * Kaggle Plant 1 and Plant 2 files (`../shared/data/`, override with PLANT_DATA_DIR) and prints
 * Markdown: V/F/P counts, verified tonnes, tonnes excluded by each rule, the fault days and their
 * status, and the Plant 1 share of complete, fault-free days that are VERIFIED.
 *
 * `npx ts-node --transpile-only oracle/src/cli/figures.ts`
 */
const DATA = process.env.PLANT_DATA_DIR ?? path.join(__dirname, "..", "..", "..", "..", "shared", "data");
const FIX = path.join(__dirname, "..", "..", "..", "test", "fixtures");

/** Rules that say the data are faulty (not merely unconfirmed by the correlation). */
const INTEGRITY = FAULT_CODES.filter((c) => !["low-coverage", "too-few-pairs", "low-correlation"].includes(c));

const t = (grams: number) => (grams / 1e6).toFixed(3);

function plant(n: 1 | 2): string {
  const read = readKaggleGenerationFile(path.join(DATA, `Plant_${n}_Generation_Data.csv`));
  const sensor = readKaggleSensor(path.join(DATA, `Plant_${n}_Weather_Sensor_Data.csv`));
  const { results, nightOnlyDays } = runPipeline(read.readings, loadDeviceRegistry(path.join(FIX, `plant${n}`, "devices.json")), () => sensor);
  const s = summarize(results).fleet;
  const out: string[] = [];
  out.push(`### Plant ${n} (${read.info.rows.toLocaleString("en")} rows, DATE_TIME read as \`${read.info.timestampFormat}\`)`, "");
  out.push("| device-days | VERIFIED | FLAGGED | PENDING | verified t CO2 | all days t CO2 | night-only fragments |", "|---|---|---|---|---|---|---|");
  out.push(`| ${s.days} | ${s.verified} | ${s.flagged} | ${s.pending} | ${s.verifiedTonnes.toFixed(3)} | ${s.totalTonnes.toFixed(3)} | ${nightOnlyDays} |`, "");
  const v = results.filter((r) => r.status === "VERIFIED");
  const meterLower = v.filter((r) => r.creditedFrom === "meter");
  const acGrams = v.reduce((a, r) => a + Math.floor((r.acEnergyWh * r.emissionFactorGPerKWh) / 1000), 0);
  out.push(
    `Credited energy on VERIFIED days: the meter's increase on ${meterLower.length} of ${v.length} (it was the lower), the AC integral on the rest; ` +
      `capping by the meter removes ${t(acGrams - v.reduce((a, r) => a + r.co2Grams, 0))} t. ` +
      `VERIFIED days with credited energy above the meter's increase: ${v.filter((r) => r.counterEnergyWh === null || r.energyWh > r.counterEnergyWh).length}.`,
    "",
  );
  out.push("| rule | status | device-days failing it | of them VERIFIED | t CO2 of those days (excluded) | t CO2 excluded by this rule alone |", "|---|---|---|---|---|---|");
  for (const code of FAULT_CODES) {
    const hit = results.filter((r) => r.faults.includes(code));
    if (hit.length === 0) continue;
    const alone = hit.filter((r) => r.faults.every((f) => f === code));
    out.push(`| ${code} | ${FAULT_STATUS[code]} | ${hit.length} | ${hit.filter((r) => r.status === "VERIFIED").length} | ${t(hit.reduce((a, r) => a + r.co2Grams, 0))} | ${t(alone.reduce((a, r) => a + r.co2Grams, 0))} |`);
  }
  out.push("", "| UTC day | V | F | P | failed rules (device-days) |", "|---|---|---|---|---|");
  const byDate = new Map<string, DeviceDayResult[]>();
  for (const r of results) byDate.set(r.date, [...(byDate.get(r.date) ?? []), r]);
  for (const [date, rs] of byDate) {
    if (rs.every((r) => r.status === "VERIFIED")) continue;
    const count = (st: string) => rs.filter((r) => r.status === st).length;
    const rules = FAULT_CODES.map((c) => [c, rs.filter((r) => r.faults.includes(c)).length] as const).filter(([, k]) => k > 0);
    out.push(`| ${date} | ${count("VERIFIED")} | ${count("FLAGGED")} | ${count("PENDING")} | ${rules.map(([c, k]) => `${c} ${k}`).join(", ")} |`);
  }
  const complete = results.filter((r) => r.coverage === 1 && !r.faults.some((f) => INTEGRITY.includes(f)));
  const cv = complete.filter((r) => r.status === "VERIFIED").length;
  out.push("", `Days with complete data (every sun-expected interval covered) and no integrity fault: ${complete.length}; VERIFIED ${cv} (${((cv / complete.length) * 100).toFixed(1)} %).`, "");
  const zero = (["meter-decrease", "meter-reset", "outage", "low-coverage"] as const).map((c) => `${c}: ${v.filter((r) => r.faults.includes(c)).length}`);
  out.push(`VERIFIED days failing a meter, outage or coverage rule: ${zero.join(", ")}.`, "");
  return out.join("\n");
}

console.log([plant(1), plant(2)].join("\n"));
