/**
 * The project's Hardhat config for `npm run coverage`: solidity-coverage compiles its instrumented
 * contracts into `.coverage_artifacts/` and `.coverage_cache/` instead of `artifacts/` and `cache/`,
 * so coverage never overwrites the artifacts that `npm test`, `npm run bench` and every spawned
 * `hardhat node` / `hardhat run` use (nothing recompiles after it, and `.ci/run` can run coverage
 * beside `npm test`). TypeChain's `typechain-types/` is left as the normal compile wrote it (the tests
 * use its factories for ABIs only, never for bytecode; instrumented ABIs are the same). It lives
 * outside test/ so that `hardhat test` does not load it as a test file.
 */
import path from "node:path";
import type { HardhatUserConfig } from "hardhat/types";
import base from "../../hardhat.config";

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
