import { MalformedRowError } from "./errors";
import { readTextFile } from "./csv";

/** A parsed JSON file and its text (kept to map entries back to line numbers). */
export interface JsonDocument {
  readonly file: string;
  readonly text: string;
  readonly value: unknown;
}

/** 1-based line of character offset `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Character offset of the syntax error in `text` (which JSON.parse rejected with `err`): the
 * position from the engine's message when it gives one, else the shortest prefix of `text` that
 * fails for a reason other than "unexpected end" (binary search: a prefix that holds the error
 * keeps failing as it grows).
 */
export function jsonErrorOffset(text: string, err: SyntaxError): number {
  const pos = /position (\d+)/.exec(err.message);
  if (pos) return +pos[1];
  const failsInside = (n: number): boolean => {
    try {
      JSON.parse(text.slice(0, n));
      return false;
    } catch (e) {
      return !/end of JSON input|Unterminated string/.test((e as Error).message);
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsInside(mid)) hi = mid;
    else lo = mid + 1;
  }
  return Math.max(0, lo - 1);
}

/**
 * Reads and parses a JSON file (`.json` or `.json.gz`). Throws MalformedRowError naming the line
 * of a syntax error when the engine reports its position.
 */
export function readJson(file: string): JsonDocument {
  const text = readTextFile(file);
  try {
    return { file, text, value: JSON.parse(text) as unknown };
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    throw new MalformedRowError({ file, line: lineAt(text, jsonErrorOffset(text, err)) }, `invalid JSON: ${err.message}`);
  }
}

/**
 * 1-based start lines of the elements of the top-level JSON array in `text` (a small scanner that
 * skips strings; `text` must be valid JSON whose top level is an array).
 */
export function topLevelArrayLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") line++;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\n") continue;
    if (depth === 1 && expectValue && c !== "]") {
      lines.push(line);
      expectValue = false;
    }
    if (c === '"') inString = true;
    else if (c === "[" || c === "{") {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 1) expectValue = true;
  }
  return lines;
}

/** 1-based line of the first occurrence of `"key"` in `text`, or undefined. */
export function lineOfKey(text: string, key: string): number | undefined {
  const i = text.indexOf(JSON.stringify(key));
  return i < 0 ? undefined : lineAt(text, i);
}
