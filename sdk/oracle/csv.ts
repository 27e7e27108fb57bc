import fs from "node:fs";
import zlib from "node:zlib";
import { parse } from "csv-parse/sync";
import { MalformedRowError } from "./errors";

/** One CSV record: its 1-based line in the file and its fields by header name. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Reads the text of a file, gunzipping it first when the name ends in `.gz`.
 * Throws the underlying fs/zlib error (with its path) if the file cannot be read.
 */
export function readTextFile(file: string): string {
  const bytes = fs.readFileSync(file);
  return (file.endsWith(".gz") ? zlib.gunzipSync(bytes) : bytes).toString("utf8");
}

/**
 * Parses a CSV file with a header line (csv-parse), checks that every column in `required` is
 * present, and returns the records with their line numbers. Empty lines are skipped.
 * Throws MalformedRowError naming the line and the first missing (or extra) column for a row whose
 * column count differs from the header, the line for other unreadable CSV (e.g. an unclosed quote),
 * and line 1 plus the column for a missing header column.
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
  return rows.map((r) => ({ line: r.info.lines, fields: r.record }));
}
