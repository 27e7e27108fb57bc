/**
 * Fails (exit 1) when Solidity coverage of `contracts/` is below the project's thresholds.
 * Reads `coverage/coverage-summary.json`, written by `npm run coverage` (istanbul json-summary).
 *
 * Usage: `npx ts-node scripts/ci/check-coverage.ts`
 */
import { readFileSync } from "node:fs";

/** Minimum percentages, from issue #2: ≥ 95% lines and ≥ 90% branches. */
const THRESHOLDS = { lines: 95, branches: 90 } as const;

interface Metric {
  total: number;
  covered: number;
  pct: number;
}

const file = "coverage/coverage-summary.json";
let summary: { total: Record<keyof typeof THRESHOLDS, Metric> };
try {
  summary = JSON.parse(readFileSync(file, "utf8"));
} catch (error) {
  console.error(`cannot read ${file}; run \`npm run coverage\` first`);
  throw error;
}

let failed = false;
for (const [metric, minimum] of Object.entries(THRESHOLDS) as Array<[keyof typeof THRESHOLDS, number]>) {
  const { pct, covered, total } = summary.total[metric];
  const ok = pct >= minimum;
  failed ||= !ok;
  console.log(`${ok ? "ok  " : "FAIL"} ${metric}: ${pct}% (${covered}/${total}), minimum ${minimum}%`);
}
if (failed) process.exit(1);
