/**
 * How many random sequences a fast-check property test runs. `npm test` runs the full count; under
 * solidity-coverage (`npm run coverage`, instrumented contracts several times slower) a property runs
 * 1/{@link COVERAGE_DIVISOR} of them — coverage measures which code the tests reach, and the full count
 * has already been asserted by `npm test` on the same commit (`.ci/run` runs both).
 */
import hre from "hardhat";
import { isCoverageRun } from "./node";

/** Under coverage a property runs this fraction (1/n) of its sequences. */
export const COVERAGE_DIVISOR = 5;
/** …but never fewer than this many. */
export const COVERAGE_MIN_RUNS = 20;

/** `full` in `npm test`; `max(COVERAGE_MIN_RUNS, ceil(full / COVERAGE_DIVISOR))` under coverage. */
export function propertyRuns(full: number): number {
  return isCoverageRun(hre) ? Math.max(COVERAGE_MIN_RUNS, Math.ceil(full / COVERAGE_DIVISOR)) : full;
}
