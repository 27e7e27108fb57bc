/**
 * OpenTonne off-chain dMRV oracle (issue 5): read inverter readings and irradiance, verify each
 * device-day by the seed 004 rules, compute energy (Wh) and CO2 (g), hash the evidence and keep a
 * hash-chained audit log; integrity rules (meter cross-check, sun-expected coverage, quality checks) in
 * faults.ts, meter.ts, quality.ts, sun.ts, consistency.ts. See docs/oracle.md.
 */
export * from "./errors";
export * from "./types";
export * from "./time";
export * from "./units";
export * from "./csv";
export * from "./json";
export * from "./readings-kaggle";
export * from "./readings-generic";
export * from "./readings-json";
export * from "./readings-pvdaq";
export * from "./irradiance-sensor";
export * from "./irradiance-nasa";
export * from "./nasa-client";
export * from "./energy";
export * from "./verify";
export * from "./co2";
export * from "./evidence";
export * from "./audit-log";
export * from "./registry";
export * from "./pipeline";
export * from "./sun";
export * from "./faults";
export * from "./quality";
export * from "./meter";
export * from "./consistency";
export * from "./mapped";
export * from "./layouts";
export * from "./summary";
