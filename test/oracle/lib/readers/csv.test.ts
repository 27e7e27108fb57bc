import { expect } from "chai";
import { MalformedRowError, readCsv } from "../../../../oracle/src/lib";
import { expectInputError, tempDir } from "../../helpers/fixtures";

// readCsv is the one CSV entry point of every CSV reader: these pin its line numbers and its
// errors, whatever parser sits under it.
describe("oracle readers: readCsv", () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());

  it("returns fields by trimmed header name with 1-based file lines, skipping empty lines", () => {
    const f = tmp.file("a.csv", "a, b\n1,2\n\n3,4\n");
    expect(readCsv(f, ["a", "b"])).to.deep.equal([
      { line: 2, fields: { a: "1", b: "2" } },
      { line: 4, fields: { a: "3", b: "4" } },
    ]);
  });

  it("drops a UTF-8 byte-order mark and reads CRLF line breaks", () => {
    const f = tmp.file("bom.csv", "\uFEFFa,b\r\n1,2\r\n3,4\r\n");
    expect(readCsv(f, ["a"])).to.deep.equal([
      { line: 2, fields: { a: "1", b: "2" } },
      { line: 3, fields: { a: "3", b: "4" } },
    ]);
  });

  it("keeps quoted commas and line breaks in a field and counts the lines a quoted break spans", () => {
    const f = tmp.file("q.csv", 'a,b\n"x, y","line1\nline2"\n"he said ""hi""",z\n');
    expect(readCsv(f, ["a", "b"])).to.deep.equal([
      { line: 2, fields: { a: "x, y", b: "line1\nline2" } },
      { line: 4, fields: { a: 'he said "hi"', b: "z" } },
    ]);
  });

  it("names the line and the first missing column of a short row", () => {
    const f = tmp.file("short.csv", "a,b,c\n1,2,3\n4,5\n");
    const e = expectInputError(() => readCsv(f, []), MalformedRowError, { file: f, line: 3, field: "c" });
    expect(e.message).to.contain("the row has 2 of the 3 columns");
  });

  it("names the line and the first extra column of a long row", () => {
    const f = tmp.file("long.csv", "a,b\n1,2\n\n3,4,5\n");
    const e = expectInputError(() => readCsv(f, []), MalformedRowError, { file: f, line: 4, field: "column 3" });
    expect(e.message).to.contain("extra (the row has 3 columns, the header 2)");
  });

  it("names the line where an unclosed quote opens", () => {
    const f = tmp.file("quote.csv", 'a,b\n1,2\n3,"4\n5,6\n');
    const e = expectInputError(() => readCsv(f, []), MalformedRowError, { file: f, line: 3 });
    expect(e.message).to.contain("malformed CSV row");
  });

  it("names line 1 and the column when a required header column is missing", () => {
    const f = tmp.file("hdr.csv", "a,b\n1,2\n");
    const e = expectInputError(() => readCsv(f, ["a", "c"]), MalformedRowError, { file: f, line: 1, field: "c" });
    expect(e.message).to.contain('the header is "a,b"');
  });

  it("refuses a file cut inside its last row, naming that line and its last column", () => {
    const f = tmp.file("cut.csv", "a,b\n1,2\n3,73");
    const e = expectInputError(() => readCsv(f, []), MalformedRowError, { file: f, line: 3, field: "b" });
    expect(e.message).to.contain("cut mid-row");
  });

  it("reads a header-only file as no records", () => {
    expect(readCsv(tmp.file("empty.csv", "a,b\n"), ["a", "b"])).to.deep.equal([]);
  });
});
