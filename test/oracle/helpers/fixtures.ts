import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { OracleInputError } from "../../../oracle/src/lib";

/** Test fixture folders. */
export const FIXTURES = path.join(__dirname, "..", "..", "fixtures");
export const PLANT1 = path.join(FIXTURES, "plant1");
export const PLANT1_GENERATION = path.join(PLANT1, "Plant_1_Generation_Data.2020-06-07_2020-06-14.csv.gz");
export const PLANT1_SENSOR = path.join(PLANT1, "Plant_1_Weather_Sensor_Data.2020-06-07_2020-06-14.csv.gz");
export const PLANT1_DEVICES = path.join(PLANT1, "devices.json");
export const NASA = path.join(FIXTURES, "nasa-power");
/** Plant 1 UTC day 2020-05-21: the morning is missing from both files. */
export const PLANT1_GAP_GENERATION = path.join(PLANT1, "Plant_1_Generation_Data.2020-05-21.csv.gz");
export const PLANT1_GAP_SENSOR = path.join(PLANT1, "Plant_1_Weather_Sensor_Data.2020-05-21.csv.gz");
/** The faulty Plant 2 (Kaggle 4136001): 3 real UTC days, raw layout. */
export const PLANT2 = path.join(FIXTURES, "plant2");
export const PLANT2_GENERATION = path.join(PLANT2, "Plant_2_Generation_Data.2020-05-27_2020-05-31_2020-06-11.csv.gz");
export const PLANT2_SENSOR = path.join(PLANT2, "Plant_2_Weather_Sensor_Data.2020-05-27_2020-05-31_2020-06-11.csv.gz");
export const PLANT2_DEVICES = path.join(PLANT2, "devices.json");

/** A temporary directory for one suite; `cleanup` removes it. */
export function tempDir(): { dir: string; file: (name: string, text?: string) => string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oracle-test-"));
  return {
    dir,
    file(name, text) {
      const p = path.join(dir, name);
      if (text !== undefined) fs.writeFileSync(p, text);
      return p;
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Runs `fn`, expects it to throw an instance of `ctor`, checks the error's file, line and field
 * and that its message names them (`<file>:<line> field "<field>"`). Returns the error.
 */
export function expectInputError<E extends OracleInputError>(
  fn: () => unknown,
  ctor: new (...args: never[]) => E,
  where: { file: string; line?: number; field?: string },
): E {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught, "expected an error").to.be.instanceOf(ctor);
  const e = caught as E;
  expect(e.file).to.equal(where.file);
  expect(e.line).to.equal(where.line);
  expect(e.field).to.equal(where.field);
  const prefix = `${where.file}${where.line === undefined ? "" : `:${where.line}`}${where.field === undefined ? "" : ` field "${where.field}"`}`;
  expect(e.message.startsWith(prefix), `message ${JSON.stringify(e.message)} should start with ${JSON.stringify(prefix)}`).to.equal(true);
  return e;
}
