import { auditEntryHash, canonicalJson, GENESIS_HASH, type AuditEntry, type AuditVerification, type JsonValue } from "../../lib";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/schema";

/**
 * The audit chain in the database: entries hashed exactly like the library's JSONL audit log
 * (auditEntryHash: sha256 of the canonical JSON of seq, time, prevHash, payload), so an exported
 * chain verifies with `opentonne-oracle verify-audit`. Appending reads only the head (the last
 * entry), so its cost does not grow with the history; the whole chain is verified on demand.
 */

type Db = Kysely<Database> | Transaction<Database>;

/** The last entry's seq and hash, or (-1, GENESIS_HASH) for an empty chain. */
export async function auditHead(db: Db): Promise<{ seq: number; hash: string }> {
  const row = await db.selectFrom("audit").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : { seq: -1, hash: GENESIS_HASH };
}

/**
 * Appends `payloads` as chained entries inside the caller's transaction `trx` (so they commit with
 * what they describe). Returns the entries. Throws RangeError (canonicalJson) for a payload JSON
 * cannot hold exactly.
 */
export async function appendAudit(trx: Transaction<Database>, payloads: readonly JsonValue[], now: Date): Promise<AuditEntry[]> {
  let { seq, hash } = await auditHead(trx);
  const time = now.toISOString();
  const entries = payloads.map((payload) => {
    const partial = { seq: ++seq, time, prevHash: hash, payload };
    const entry: AuditEntry = { ...partial, hash: auditEntryHash(partial) };
    hash = entry.hash;
    return entry;
  });
  for (let i = 0; i < entries.length; i += 200) {
    await trx
      .insertInto("audit")
      .values(entries.slice(i, i + 200).map((e) => ({ seq: e.seq, time: e.time, prev_hash: e.prevHash, payload: canonicalJson(e.payload), hash: e.hash })))
      .execute();
  }
  return entries;
}

/** An audit row as the library's AuditEntry. */
export function toAuditEntry(row: { seq: number; time: string; prev_hash: string; payload: string; hash: string }): AuditEntry {
  return { seq: Number(row.seq), time: row.time, prevHash: row.prev_hash, payload: JSON.parse(row.payload) as JsonValue, hash: row.hash };
}

/**
 * Verifies the whole chain (on demand; pages of 5,000): seq counts 0, 1, 2…, each prevHash is the
 * previous hash, each hash is auditEntryHash of its entry. `line` in a failure is seq + 1.
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let expectedSeq = 0;
  for (;;) {
    const rows = await db.selectFrom("audit").selectAll().where("seq", ">=", expectedSeq).orderBy("seq").limit(5000).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const e = toAuditEntry(row);
      const line = expectedSeq + 1;
      if (e.seq !== expectedSeq) return { ok: false, line, reason: `seq ${e.seq} where ${expectedSeq} was expected` };
      if (e.prevHash !== prev) return { ok: false, line, reason: `prevHash ${e.prevHash} does not match the previous entry's hash ${prev}` };
      const h = auditEntryHash(e);
      if (e.hash !== h) return { ok: false, line, reason: `hash ${e.hash} does not match the entry's content (${h})` };
      prev = e.hash;
      expectedSeq++;
    }
  }
  return { ok: true, entries: expectedSeq, lastHash: prev };
}
