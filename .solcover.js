// solidity-coverage settings. Thresholds are enforced by scripts/ci/check-coverage.ts.
module.exports = {
  skipFiles: ["mocks/"],
  istanbulReporter: ["text-summary", "json-summary", "html"],
  // Tests titled "@skip-on-coverage" exercise the contracts in their own `hardhat node` / `npm pack` /
  // Chromium processes, uninstrumented (artifacts/, not .coverage_artifacts/): they add no coverage and
  // run in `npm test` only. Test files that cannot reach the in-process network at all are left out
  // by hardhat.config.ts (scripts/ci/coverage-test-files.ts).
  mocha: { timeout: 600000, grep: "@skip-on-coverage", invert: true },
};
