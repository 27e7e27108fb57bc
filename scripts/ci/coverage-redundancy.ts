/**
 * Which test files add no coverage that the rest of the coverage run does not already give.
 *
 * Reads the per-file record of `COVERAGE_PER_FILE=out.json npm run coverage`
 * (scripts/ci/coverage-per-file.js: for each test file, every instrumented statement, line, branch
 * and function of contracts/ it reached, and its seconds) and, slowest file first, drops each file
 * whose every location is still reached by the files kept. Prints, per file, its seconds and the
 * locations only it reaches, then the files that can leave the coverage run with the seconds saved.
 * `npm run coverage:redundancy -- out.json`. An analysis: changes nothing, asserts nothing.
 */
import fs from "node:fs";

interface PerFile {
  files: Record<string, { seconds: number; hits: string[] }>;
  locations: Record<string, string>;
}

const input = process.argv[2];
if (!input) {
  console.error("usage: coverage-redundancy <per-file.json> (written by COVERAGE_PER_FILE=… npm run coverage)");
  process.exit(2);
}
const data = JSON.parse(fs.readFileSync(input, "utf8")) as PerFile;
const files = Object.entries(data.files).map(([file, f]) => ({ file, seconds: f.seconds, hits: new Set(f.hits) }));
const count = new Map<string, number>();
for (const f of files) for (const h of f.hits) count.set(h, (count.get(h) ?? 0) + 1);
console.log(`${count.size} of ${Object.keys(data.locations).length} locations reached by ${files.length} files`);

const kept = new Map(count);
const dropped: typeof files = [];
for (const f of [...files].sort((a, b) => b.seconds - a.seconds)) {
  if ([...f.hits].every((h) => (kept.get(h) ?? 0) > 1)) {
    for (const h of f.hits) kept.set(h, kept.get(h)! - 1);
    dropped.push(f);
  }
}
for (const f of [...files].sort((a, b) => b.seconds - a.seconds)) {
  const only = [...f.hits].filter((h) => count.get(h) === 1).map((h) => data.locations[h]);
  const tag = dropped.includes(f) ? "drop" : "keep";
  console.log(`${tag} ${f.seconds.toFixed(1).padStart(7)} s  ${f.file}  (${f.hits.size} reached, ${only.length} only here)`);
  for (const o of only.slice(0, 5)) console.log(`              only here: ${o}`);
}
const saved = dropped.reduce((s, f) => s + f.seconds, 0);
const total = files.reduce((s, f) => s + f.seconds, 0);
console.log(`\nfiles that add nothing to the others: ${dropped.length}; ${saved.toFixed(0)} of ${total.toFixed(0)} s`);
for (const f of dropped) console.log(`  ${f.file}`);
