// solidity-coverage settings. Thresholds are enforced by scripts/ci/check-coverage.ts.
module.exports = {
  skipFiles: ["mocks/"],
  istanbulReporter: ["text-summary", "json-summary", "html"],
  // Tests titled "@skip-on-coverage" exercise the contracts in their own `hardhat node` / `npm pack` /
  // Chromium processes, uninstrumented (artifacts/, not .coverage_artifacts/), repeat at scale or at
  // random what other tests reach (checked with `npm run coverage:compare`: the 128-vintage held-batch
  // index, CalendarPeriods' random inputs, OT-04's 128 real pool periods), or check a test helper
  // (test/helpers/read-lens.test.ts): they add no coverage and run in
  // `npm test` only. Which test files run at all — the contract tests — is chosen by
  // hardhat.config.ts (scripts/ci/coverage-test-files.ts has the rules and the measurement).
  mocha: { timeout: 600000, grep: "@skip-on-coverage", invert: true },
};
