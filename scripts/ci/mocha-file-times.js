/**
 * Mocha reporter for CI: mocha's `spec` output, then the seconds each test file took (its top-level
 * suites, hooks included), slowest first — where `npm test` / `npm run coverage` spend their time:
 * wall-clock, and the CPU time of the test process itself (child processes, e.g. a spawned
 * `hardhat node`, not included; on a loaded machine it stays near what the file costs alone).
 * Only prints; asserts nothing.
 *
 * Enabled by `MOCHA_FILE_TIMES=1` (hardhat.config.ts and .solcover.js select it); `MOCHA_FILE_TIMES_OUT`
 * names a JSON file to write the same figures to.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const Mocha = require("mocha");

const { EVENT_SUITE_BEGIN, EVENT_SUITE_END, EVENT_RUN_END } = Mocha.Runner.constants;

class FileTimes extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const started = new Map();
    const seconds = new Map();
    const cpu = new Map();
    const cpuNow = () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1e6;
    };
    const root = process.cwd();
    const name = (suite) => path.relative(root, suite.file ?? "(no file)");
    runner.on(EVENT_SUITE_BEGIN, (suite) => {
      if (suite.parent?.root) started.set(suite, { wall: process.hrtime.bigint(), cpu: cpuNow() });
    });
    runner.on(EVENT_SUITE_END, (suite) => {
      const t0 = started.get(suite);
      if (t0 === undefined) return;
      const file = name(suite);
      seconds.set(file, (seconds.get(file) ?? 0) + Number(process.hrtime.bigint() - t0.wall) / 1e9);
      cpu.set(file, (cpu.get(file) ?? 0) + cpuNow() - t0.cpu);
    });
    runner.once(EVENT_RUN_END, () => {
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
