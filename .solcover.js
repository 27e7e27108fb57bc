// solidity-coverage settings. Thresholds are enforced by scripts/ci/check-coverage.ts.
module.exports = {
  skipFiles: ["mocks/"],
  istanbulReporter: ["text-summary", "json-summary", "html"],
  mocha: { timeout: 600000 },
};
