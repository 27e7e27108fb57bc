/**
 * Mocha reporter for a one-off analysis under `npm run coverage`: which instrumented locations
 * (statements, lines, branches, functions of contracts/) each test file reaches. `COVERAGE_PER_FILE=out.json`
 * selects it (scripts/test/hardhat-coverage.config.ts). After every test it compares solidity-coverage's
 * hit counters with the previous test's and credits every counter that moved to the test's file, then
 * writes `{ file: [hash…] }` and the seconds each file took. `scripts/ci/coverage-redundancy.ts` reads it
 * to show which files reach nothing the other files do not (candidates; `coverage-compare.ts` is the
 * check). Prints the spec output; asserts nothing.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const Mocha = require("mocha");
const DataCollector = require("solidity-coverage/lib/collector");

// solidity-coverage binds one DataCollector to the in-process network; capture it on its first hit.
let collector;
const original = DataCollector.prototype._registerHash;
DataCollector.prototype._registerHash = function (hash) {
  collector = this;
  return original.call(this, hash);
};

class CoveragePerFile extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const root = process.cwd();
    const perFile = new Map();
    const seconds = new Map();
    const last = new Map();
    let t0 = process.hrtime.bigint();
    const credit = (file) => {
      if (!collector) return;
      const set = perFile.get(file) ?? new Set();
      for (const [hash, data] of Object.entries(collector.instrumentationData)) {
        if (data.hits !== (last.get(hash) ?? 0)) set.add(hash);
        last.set(hash, data.hits);
      }
      perFile.set(file, set);
      const now = process.hrtime.bigint();
      seconds.set(file, (seconds.get(file) ?? 0) + Number(now - t0) / 1e9);
      t0 = now;
    };
    runner.on(Mocha.Runner.constants.EVENT_TEST_END, (test) => credit(path.relative(root, test.file ?? "(no file)")));
    runner.on(Mocha.Runner.constants.EVENT_HOOK_END, (hook) => {
      if (hook.file) credit(path.relative(root, hook.file));
    });
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const types = {};
      for (const [hash, d] of Object.entries(collector?.instrumentationData ?? {})) types[hash] = `${d.type}:${d.contractPath}:${d.id}:${d.locationIdx ?? ""}`;
      const out = {
        files: Object.fromEntries([...perFile].map(([f, s]) => [f, { seconds: +(seconds.get(f) ?? 0).toFixed(2), hits: [...s] }])),
        locations: types,
      };
      fs.writeFileSync(process.env.COVERAGE_PER_FILE, JSON.stringify(out) + "\n");
      console.log(`coverage per file: ${perFile.size} files written to ${process.env.COVERAGE_PER_FILE}`);
    });
  }
}
module.exports = CoveragePerFile;
