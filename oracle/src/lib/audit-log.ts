import fs from "node:fs";
import { AuditLogError } from "./errors";
import { sha256Hex } from "./evidence";

/** `prevHash` of the first entry: 32 zero bytes. */
export const GENESIS_HASH = "0x" + "0".repeat(64);

/** A JSON value the audit log can hold (no undefined, no non-finite numbers, no bigint). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One line of the audit log. */
export interface AuditEntry {
  /** 0-based position in the log. */
  readonly seq: number;
  /** When the entry was appended, ISO 8601 UTC. */
  readonly time: string;
  /** `hash` of the previous entry, or GENESIS_HASH. */
  readonly prevHash: string;
  readonly payload: JsonValue;
  /** sha256Hex(canonicalJson({ payload, prevHash, seq, time })). */
  readonly hash: string;
}

/**
 * Canonical JSON: object keys sorted by UTF-16 code unit order at every level, no whitespace,
 * strings and numbers as JSON.stringify writes them. Throws RangeError for values JSON cannot
 * represent exactly (undefined, NaN, ±Infinity, bigint, functions).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`canonicalJson: ${value} is not a finite number`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(",")}}`;
  }
  throw new RangeError(`canonicalJson: cannot serialise a ${typeof value}`);
}

/** The hash an entry must carry: sha256Hex of the canonical JSON of its other four fields. */
export function auditEntryHash(e: Omit<AuditEntry, "hash">): string {
  return sha256Hex(canonicalJson({ payload: e.payload, prevHash: e.prevHash, seq: e.seq, time: e.time }));
}

/** Result of verifyAuditLog: the chain is intact, or the first line where it breaks and why. */
export type AuditVerification =
  | { readonly ok: true; readonly entries: number; readonly lastHash: string }
  | { readonly ok: false; readonly line: number; readonly reason: string };

/**
 * Verifies an audit log file (JSONL): every line parses, `seq` counts 0, 1, 2…, `prevHash` equals
 * the previous entry's `hash` (GENESIS_HASH first), and `hash` equals auditEntryHash of the entry.
 * Any edit, insertion, deletion or reordering of earlier lines breaks one of these. A missing file
 * is an empty, intact log. (Truncating the tail cannot be detected from the file alone: keep the
 * last hash elsewhere — e.g. on-chain evidence — to detect it.)
 */
export function verifyAuditLog(file: string): AuditVerification {
  if (!fs.existsSync(file)) return { ok: true, entries: 0, lastHash: GENESIS_HASH };
  const lines = fs.readFileSync(file, "utf8").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  let prev = GENESIS_HASH;
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    let e: AuditEntry;
    try {
      e = JSON.parse(lines[i]) as AuditEntry;
    } catch (err) {
      return { ok: false, line, reason: `not JSON: ${(err as Error).message}` };
    }
    if (typeof e !== "object" || e === null) return { ok: false, line, reason: "not an entry object" };
    if (e.seq !== i) return { ok: false, line, reason: `seq ${String(e.seq)} where ${i} was expected` };
    if (e.prevHash !== prev) return { ok: false, line, reason: `prevHash ${String(e.prevHash)} does not match the previous entry's hash ${prev}` };
    let expected: string;
    try {
      expected = auditEntryHash(e);
    } catch (err) {
      return { ok: false, line, reason: `cannot hash the entry: ${(err as Error).message}` };
    }
    if (e.hash !== expected) return { ok: false, line, reason: `hash ${String(e.hash)} does not match the entry's content (${expected})` };
    prev = e.hash;
  }
  return { ok: true, entries: lines.length, lastHash: prev };
}

/**
 * The verified head of an audit log, kept beside it in `<log>.head` (JSON): how many entries and
 * bytes the log had and the last entry's hash when it was last verified or appended to. Lets an
 * append check only the log's tail instead of re-hashing the whole history.
 */
export interface AuditHead {
  readonly entries: number;
  readonly bytes: number;
  readonly lastHash: string;
}

/** Path of the head checkpoint of audit log `file`. */
export const auditHeadPath = (file: string) => `${file}.head`;

/** Writes the head checkpoint atomically (temp file + rename). */
function writeHead(file: string, head: AuditHead): void {
  const tmp = `${auditHeadPath(file)}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(head) + "\n");
  fs.renameSync(tmp, auditHeadPath(file));
}

/** The head checkpoint, or undefined when missing or unreadable (then a full verification rebuilds it). */
function readHead(file: string): AuditHead | undefined {
  try {
    const h = JSON.parse(fs.readFileSync(auditHeadPath(file), "utf8")) as AuditHead;
    return Number.isInteger(h.entries) && Number.isInteger(h.bytes) && typeof h.lastHash === "string" ? h : undefined;
  } catch {
    return undefined;
  }
}

/** The last line of `file` (size `bytes`), read from the end in growing chunks: cost independent of the log's length. */
function lastLine(file: string, bytes: number): string {
  const fd = fs.openSync(file, "r");
  try {
    for (let chunk = 64 * 1024; ; chunk *= 4) {
      const len = Math.min(chunk, bytes);
      const buf = Buffer.alloc(len);
      fs.readSync(fd, buf, 0, len, bytes - len);
      const text = buf.toString("utf8").replace(/\n$/, "");
      const nl = text.lastIndexOf("\n");
      if (nl >= 0 || len === bytes) return text.slice(nl + 1);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Verifies the log's head in constant time: the file has exactly the checkpoint's size and its
 * last line is a well-formed entry with `seq = entries − 1`, the checkpoint's hash, and a hash that
 * matches its content. Returns the state to append after, or undefined when the checkpoint is
 * missing or does not match (the caller then verifies the whole chain, verifyAuditLog).
 */
export function verifyAuditHead(file: string): { entries: number; lastHash: string } | undefined {
  if (!fs.existsSync(file)) return { entries: 0, lastHash: GENESIS_HASH };
  const head = readHead(file);
  const size = fs.statSync(file).size;
  if (!head || head.bytes !== size) return undefined;
  if (head.entries === 0) return size === 0 ? { entries: 0, lastHash: GENESIS_HASH } : undefined;
  try {
    const e = JSON.parse(lastLine(file, size)) as AuditEntry;
    if (e.seq !== head.entries - 1 || e.hash !== head.lastHash || auditEntryHash(e) !== e.hash) return undefined;
  } catch {
    return undefined;
  }
  return { entries: head.entries, lastHash: head.lastHash };
}

/**
 * Appends `payloads` to the audit log `file` (created if missing) as chained entries, in one
 * append write, then updates the head checkpoint (`<file>.head`). Before writing it checks the log
 * against the checkpoint (verifyAuditHead: size, last entry's seq and hash — cost independent of
 * the history); when the checkpoint is missing or stale it verifies the whole chain
 * (verifyAuditLog) and throws AuditLogError without writing if it is broken: a tampered log is
 * never extended. Edits to earlier lines that keep the size are found by a full verification
 * (`verify-audit`). `now` supplies the timestamp (injectable for tests). Returns the new entries.
 */
export function appendAuditEntries(file: string, payloads: readonly JsonValue[], now: () => Date = () => new Date()): AuditEntry[] {
  let state = verifyAuditHead(file);
  if (state === undefined) {
    const full = verifyAuditLog(file);
    if (!full.ok) throw new AuditLogError(file, full.line, `audit log chain is broken, refusing to append: ${full.reason}`);
    state = { entries: full.entries, lastHash: full.lastHash };
  }
  let prevHash = state.lastHash;
  let seq = state.entries;
  const time = now().toISOString();
  const entries: AuditEntry[] = payloads.map((payload) => {
    const partial = { seq: seq++, time, prevHash, payload };
    const entry = { ...partial, hash: auditEntryHash(partial) };
    prevHash = entry.hash;
    return entry;
  });
  if (entries.length > 0) fs.appendFileSync(file, entries.map((e) => JSON.stringify(e)).join("\n") + "\n");
  if (fs.existsSync(file)) writeHead(file, { entries: seq, bytes: fs.statSync(file).size, lastHash: prevHash });
  return entries;
}

/**
 * Full verification on demand (`verify-audit`): verifyAuditLog, and when the chain is intact the
 * head checkpoint is rewritten to match, so later appends are checked against a verified head.
 */
export function verifyAuditLogAndHead(file: string): AuditVerification {
  const v = verifyAuditLog(file);
  if (v.ok && fs.existsSync(file)) writeHead(file, { entries: v.entries, bytes: fs.statSync(file).size, lastHash: v.lastHash });
  return v;
}
