/**
 * Mocha reporter for CI: mocha's `spec` output, then the seconds each test file took (its tests and
 * hooks), slowest first — where `npm test` / `npm run coverage` spend their time: wall-clock, and
 * the CPU time of the process that ran the file (child processes, e.g. a spawned `hardhat node`, not
 * included; on a loaded machine it stays near what the file costs alone). The processes running the
 * tests measure (scripts/ci/mocha-file-times-hooks.js, also in each worker of a parallel run); this
 * reporter adds their figures up at the end. Only prints; asserts nothing.
 *
 * Enabled by `MOCHA_FILE_TIMES=1` (hardhat.config.ts and .solcover.js select it); `MOCHA_FILE_TIMES_OUT`
 * names a JSON file to write the same figures to.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const Mocha = require("mocha");

const { EVENT_RUN_END } = Mocha.Runner.constants;

class FileTimes extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      // The test processes wrote their totals (scripts/ci/mocha-file-times-hooks.js); add them up.
      const dir = process.env.MOCHA_FILE_TIMES_DIR;
      const seconds = new Map();
      const cpu = new Map();
      for (const name of dir && fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
        const rows = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
        for (const [file, t] of Object.entries(rows)) {
          seconds.set(file, (seconds.get(file) ?? 0) + t.wall);
          cpu.set(file, (cpu.get(file) ?? 0) + t.cpu);
        }
      }
      const rows = [...seconds].sort((a, b) => b[1] - a[1]);
      const sum = (m) => [...m.values()].reduce((a, b) => a + b, 0);
      console.log(`\n  Seconds per test file (${rows.length} files; wall ${sum(seconds).toFixed(1)} s, CPU ${sum(cpu).toFixed(1)} s in all):`);
      console.log("     wall      CPU  file");
      for (const [file, s] of rows) console.log(`  ${s.toFixed(1).padStart(7)}  ${cpu.get(file).toFixed(1).padStart(7)}  ${file}`);
      const out = process.env.MOCHA_FILE_TIMES_OUT;
      if (out) {
        const json = Object.fromEntries(rows.map(([file, s]) => [file, { wall: +s.toFixed(2), cpu: +cpu.get(file).toFixed(2) }]));
        fs.writeFileSync(out, JSON.stringify(json, null, 2) + "\n");
      }
    });
  }
}

module.exports = FileTimes;
