/**
 * Docs check (issue 13, item 12): the contracts' NatSpec names its sources so a reader can look them
 * up — never a file that is not in the repository (`DESIGN.md`) nor a bare seed number ("seed 003").
 */
import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");

function solidityFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? solidityFiles(p) : e.name.endsWith(".sol") ? [p] : [];
  });
}

describe("contracts NatSpec cites only what a reader can find", () => {
  const files = solidityFiles(path.join(ROOT, "contracts"));

  it("finds the contracts", () => {
    expect(files.length).to.be.greaterThan(10);
  });

  it("no comment cites DESIGN.md or a seed number", () => {
    const offending: string[] = [];
    for (const file of files) {
      fs.readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (/DESIGN\.md|\bseed[ -]?\d{3}\b/i.test(line)) offending.push(`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offending, offending.join("\n")).to.deep.equal([]);
  });

  it("every docs/ file a contract cites exists", () => {
    const missing: string[] = [];
    for (const file of files) {
      for (const m of fs.readFileSync(file, "utf8").matchAll(/docs\/[\w./-]+\.md/g)) {
        if (!fs.existsSync(path.join(ROOT, m[0]))) missing.push(`${path.relative(ROOT, file)} cites ${m[0]}`);
      }
    }
    expect(missing, missing.join("\n")).to.deep.equal([]);
  });
});
