/**
 * Mocha root hooks for `MOCHA_FILE_TIMES=1` (scripts/ci/mocha-file-times.js): in the process that
 * runs the tests — the one process of a serial run, or each worker of `npm test`'s parallel run —
 * adds the wall-clock and CPU seconds since the previous test ended to the file of the test that
 * just ended (so a file's `before` hooks count for it), and after each root suite writes this
 * process's totals to `MOCHA_FILE_TIMES_DIR/<pid>.json`, which the reporter in the main process
 * reads when the run ends. In a parallel run events reach the main process only when a file is
 * done, so only the worker can time it. Only measures; asserts nothing.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const wall = new Map();
const cpu = new Map();
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
let last = { wall: process.hrtime.bigint(), cpu: cpuNow() };

function add(file) {
  const now = { wall: process.hrtime.bigint(), cpu: cpuNow() };
  wall.set(file, (wall.get(file) ?? 0) + Number(now.wall - last.wall) / 1e9);
  cpu.set(file, (cpu.get(file) ?? 0) + now.cpu - last.cpu);
  last = now;
}

function write() {
  const dir = process.env.MOCHA_FILE_TIMES_DIR;
  if (!dir) return;
  const rows = Object.fromEntries([...wall].map(([file, s]) => [file, { wall: s, cpu: cpu.get(file) }]));
  fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(rows));
}

exports.mochaHooks = {
  beforeAll() {
    last = { wall: process.hrtime.bigint(), cpu: cpuNow() };
  },
  afterEach() {
    const file = this.currentTest?.file;
    if (file) add(path.relative(process.cwd(), file));
  },
  afterAll() {
    write();
  },
};
