import fs from "node:fs";
import zlib from "node:zlib";
import { parse } from "csv-parse/sync";
import { InputFileError, MalformedRowError } from "./errors";

/** One CSV record: its 1-based line in the file and its fields by header name. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Reads the text of a file, gunzipping it first when the name ends in `.gz`.
 * Throws InputFileError naming the file and the reason (`no such file`, a bad gzip stream, …) if
 * the file cannot be read.
 */
export function readTextFile(file: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new InputFileError({ file }, e.code === "ENOENT" ? "cannot read the file: no such file" : `cannot read the file: ${e.code ?? e.message}`);
  }
  try {
    return (file.endsWith(".gz") ? zlib.gunzipSync(bytes) : bytes).toString("utf8");
  } catch (err) {
    throw new InputFileError({ file }, `cannot gunzip the file (cut short or not gzip?): ${(err as Error).message}`);
  }
}

/**
 * Parses a CSV file with a header line (csv-parse), checks that every column in `required` is
 * present, and returns the records with their line numbers. Empty lines are skipped.
 * Throws MalformedRowError naming the line and the first missing (or extra) column for a row whose
 * column count differs from the header, the line for other unreadable CSV (e.g. an unclosed quote),
 * and line 1 plus the column for a missing header column. A file that does not end with a line
 * break ends inside its last row (cut mid-row: the last field may hold `732` of `7320589`):
 * MalformedRowError naming that line and its last column.
 */
export function readCsv(file: string, required: readonly string[]): CsvRecord[] {
  const text = readTextFile(file);
  let rows: { info: { lines: number }; record: Record<string, string> }[];
  let header: string[] = [];
  try {
    rows = parse(text, {
      columns: (h: string[]) => {
        header = h.map((c) => c.trim());
        return header;
      },
      info: true,
      skip_empty_lines: true,
      bom: true,
    });
  } catch (err) {
    const e = err as { code?: string; lines?: number; message?: string; record?: unknown };
    if (e.code === "CSV_RECORD_INCONSISTENT_COLUMNS" && Array.isArray(e.record) && header.length > 0) {
      // Name the first column the row lacks, or the first extra one.
      const n = e.record.length;
      const field = n < header.length ? header[n] : `column ${header.length + 1}`;
      const what = n < header.length ? `missing (the row has ${n} of the ${header.length} columns)` : `extra (the row has ${n} columns, the header ${header.length})`;
      throw new MalformedRowError({ file, line: e.lines, field }, `malformed CSV row: ${what}`);
    }
    if (typeof e.code === "string" && e.code.startsWith("CSV_")) {
      throw new MalformedRowError({ file, line: e.lines }, `malformed CSV row: ${e.message ?? e.code}`);
    }
    throw err;
  }
  for (const column of required) {
    if (!header.includes(column)) {
      throw new MalformedRowError({ file, line: 1, field: column }, `missing column; the header is ${JSON.stringify(header.join(","))}`);
    }
  }
  if (text.length > 0 && !text.endsWith("\n") && rows.length > 0) {
    const line = rows[rows.length - 1].info.lines;
    throw new MalformedRowError(
      { file, line, field: header[header.length - 1] },
      "the file ends inside this row (no line break after it): it was cut mid-row, so the last value may be incomplete; re-export the file",
    );
  }
  return rows.map((r) => ({ line: r.info.lines, fields: r.record }));
}
