import fs from "node:fs";
import zlib from "node:zlib";
import Papa from "papaparse";
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
 * Parses a CSV file with a header line (papaparse, comma-delimited, RFC 4180 quoting), checks that
 * every column in `required` is present, and returns the records with their line numbers. Empty
 * lines are skipped; a UTF-8 byte-order mark is dropped; header names are trimmed.
 * Throws MalformedRowError naming the line and the first missing (or extra) column for a row whose
 * column count differs from the header, the line for other unreadable CSV (e.g. an unclosed quote),
 * and line 1 plus the column for a missing header column. A file that does not end with a line
 * break ends inside its last row (cut mid-row: the last field may hold `732` of `7320589`):
 * MalformedRowError naming that line and its last column.
 */
export function readCsv(file: string, required: readonly string[]): CsvRecord[] {
  let text = readTextFile(file);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = Papa.parse<string[]>(text, { delimiter: ",", quoteChar: '"', escapeChar: '"' });
  const rows = parsed.data;
  // A quoted field may hold line breaks; without any quote a row is exactly one line.
  const quoted = text.includes('"');
  const lineOfIndex = (index: number): number => {
    let line = 1;
    for (let at = text.indexOf("\n"); at !== -1 && at < index; at = text.indexOf("\n", at + 1)) line++;
    return line;
  };
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    const line = e.index !== undefined ? lineOfIndex(e.index) : e.row !== undefined ? e.row + 1 : undefined;
    throw new MalformedRowError({ file, line }, `malformed CSV row: ${e.message} (${e.code})`);
  }
  const records: CsvRecord[] = [];
  let header: string[] | undefined;
  let line = 1;
  for (const row of rows) {
    const rowLine = line;
    line += 1;
    if (quoted) for (const field of row) for (let at = field.indexOf("\n"); at !== -1; at = field.indexOf("\n", at + 1)) line++;
    if (row.length === 1 && row[0] === "") continue; // an empty line (or the end after the last break)
    if (header === undefined) {
      header = row.map((c) => c.trim());
      continue;
    }
    if (row.length !== header.length) {
      const n = row.length;
      const field = n < header.length ? header[n] : `column ${header.length + 1}`;
      const what = n < header.length ? `missing (the row has ${n} of the ${header.length} columns)` : `extra (the row has ${n} columns, the header ${header.length})`;
      throw new MalformedRowError({ file, line: rowLine, field }, `malformed CSV row: ${what}`);
    }
    const fields: Record<string, string> = {};
    for (let j = 0; j < header.length; j++) fields[header[j]] = row[j];
    records.push({ line: rowLine, fields });
  }
  const columns = header ?? [];
  for (const column of required) {
    if (!columns.includes(column)) {
      throw new MalformedRowError({ file, line: 1, field: column }, `missing column; the header is ${JSON.stringify(columns.join(","))}`);
    }
  }
  if (text.length > 0 && !text.endsWith("\n") && records.length > 0) {
    throw new MalformedRowError(
      { file, line: records[records.length - 1].line, field: columns[columns.length - 1] },
      "the file ends inside this row (no line break after it): it was cut mid-row, so the last value may be incomplete; re-export the file",
    );
  }
  return records;
}
