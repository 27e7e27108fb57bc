// solidity-coverage settings. Thresholds are enforced by scripts/ci/check-coverage.ts.
module.exports = {
  skipFiles: ["mocks/"],
  istanbulReporter: ["text-summary", "json-summary", "html"],
  // Tests titled "@skip-on-coverage" start their own `hardhat node` / `npm pack` processes, which
  // would recompile over the instrumented artifacts; they run in `npm test`, not under coverage.
  mocha: { timeout: 600000, grep: "@skip-on-coverage", invert: true },
};
