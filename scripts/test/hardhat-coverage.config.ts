/**
 * The project's Hardhat config for `npm run coverage`: solidity-coverage compiles its instrumented
 * contracts into `.coverage_artifacts/` and `.coverage_cache/` instead of `artifacts/` and `cache/`,
 * so coverage never overwrites the artifacts that `npm test`, `npm run bench` and every spawned
 * `hardhat node` / `hardhat run` use (nothing recompiles after it, and `.ci/run` can run coverage
 * beside `npm test`). TypeChain's `typechain-types/` is left as the normal compile wrote it (the tests
 * use its factories for ABIs only, never for bytecode; instrumented ABIs are the same). It lives
 * outside test/ so that `hardhat test` does not load it as a test file.
 */
import fs from "node:fs";
import path from "node:path";
import { subtask } from "hardhat/config";
import { TASK_TEST_RUN_MOCHA_TESTS } from "hardhat/builtin-tasks/task-names";
import type { HardhatUserConfig } from "hardhat/types";
import base from "../../hardhat.config";

/**
 * `COVERAGE_TESTS_WAIT_FOR=<file>` (CI): the tests start only once `<file>` exists. `.ci/run` starts
 * coverage's instrumented compile while the normal compile (`npm run prepare`) still runs, and the
 * tests import what that one generates (`typechain-types/`, `sdk/generated/`): `.ci/run` creates the
 * file when `prepare` is done. Without the variable nothing waits.
 */
subtask(TASK_TEST_RUN_MOCHA_TESTS, async (args, _hre, runSuper) => {
  const flag = process.env.COVERAGE_TESTS_WAIT_FOR;
  if (flag) while (!fs.existsSync(flag)) await new Promise((resolve) => setTimeout(resolve, 500));
  return runSuper(args);
});

const config: HardhatUserConfig = {
  ...base,
  paths: { ...base.paths, root: "../..", artifacts: ".coverage_artifacts", cache: ".coverage_cache" },
  typechain: { ...base.typechain, dontOverrideCompile: true },
  // COVERAGE_PER_FILE=out.json: record which locations each test file reaches (scripts/ci/coverage-per-file.js).
  ...(process.env.COVERAGE_PER_FILE
    ? { mocha: { ...base.mocha, reporter: path.join(__dirname, "../ci/coverage-per-file.js") } }
    : {}),
};

export default config;
