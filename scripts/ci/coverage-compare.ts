/**
 * Compares two istanbul `coverage.json` files of `npm run coverage` (e.g. one of `npm run coverage:all`,
 * copied aside, and one of `npm run coverage`): lists every statement, branch and function of
 * contracts/ that the first covers and the second does not, and exits 1 if there is one. Files are
 * matched by their path from `contracts/`, so two checkouts compare.
 *
 * Per-file hit sets (scripts/ci/coverage-redundancy.ts) find the candidates; this is the check,
 * because istanbul derives some branches from two counters (a modifier or `require` taken or not), which
 * a set of hit locations cannot show. `npm run coverage:compare -- all.json coverage.json`.
 */
import fs from "node:fs";

interface FileCoverage {
  s: Record<string, number>;
  b: Record<string, number[]>;
  f: Record<string, number>;
  statementMap: Record<string, { start: { line: number } }>;
  branchMap: Record<string, { line: number; type: string }>;
  fnMap: Record<string, { name: string; loc: { start: { line: number } } }>;
}

const [firstPath, secondPath] = process.argv.slice(2);
if (!firstPath || !secondPath) {
  console.error("usage: coverage-compare <coverage.json that should be covered> <coverage.json to check>");
  process.exit(2);
}
const byContract = (file: string): Map<string, FileCoverage> => {
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, FileCoverage>;
  return new Map(Object.entries(json).map(([p, c]) => [p.slice(p.lastIndexOf("contracts/")), c]));
};
const first = byContract(firstPath);
const second = byContract(secondPath);
const missing: string[] = [];
for (const [file, a] of first) {
  const b = second.get(file);
  if (!b) {
    missing.push(`${file}: not in ${secondPath}`);
    continue;
  }
  for (const [k, hits] of Object.entries(a.s)) if (hits > 0 && !(b.s[k] > 0)) missing.push(`${file}:${a.statementMap[k].start.line} statement`);
  for (const [k, hits] of Object.entries(a.f)) if (hits > 0 && !(b.f[k] > 0)) missing.push(`${file}:${a.fnMap[k].loc.start.line} function ${a.fnMap[k].name}`);
  for (const [k, arms] of Object.entries(a.b)) {
    arms.forEach((hits, i) => {
      if (hits > 0 && !(b.b[k]?.[i] > 0)) missing.push(`${file}:${a.branchMap[k].line} ${a.branchMap[k].type} branch, arm ${i}`);
    });
  }
}
for (const m of missing) console.log(`covered in ${firstPath} only: ${m}`);
console.log(missing.length === 0 ? `${secondPath} covers everything ${firstPath} covers` : `${missing.length} location(s) missing`);
process.exit(missing.length === 0 ? 0 : 1);
