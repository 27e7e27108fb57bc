import fs from "node:fs";
import crypto from "node:crypto";
import { expect } from "chai";
import {
  AuditLogError,
  GENESIS_HASH,
  appendAuditEntries,
  auditEntryHash,
  canonicalEvidence,
  canonicalJson,
  evidenceHash,
  sha256Hex,
  auditHeadPath,
  verifyAuditHead,
  verifyAuditLog,
  verifyAuditLogAndHead,
} from "../../../../oracle/src/lib";
import { DAY, irradiance, readings } from "../../helpers/day";
import { tempDir } from "../../helpers/fixtures";

const clock = () => new Date("2020-06-15T00:00:00Z");

describe("oracle evidence and audit log", () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());

  describe("evidence", () => {
    it("sha256Hex is SHA-256 of the UTF-8 text as 0x-hex (FIPS 180-2 vector for 'abc')", () => {
      expect(sha256Hex("abc")).to.equal("0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    });

    it("serialises a device-day canonically (integer mW and mW/m², sorted by time)", () => {
      const rs = readings([1234.5678, 0.0004]).reverse(); // input order does not matter
      const text = canonicalEvidence("inv-1", DAY, rs, irradiance([812.3456789]));
      const t0 = DAY * 86_400 + 6 * 3600; // 1 589 781 600
      expect(text).to.equal(
        ["opentonne/evidence/v1", "device=inv-1", `day=${DAY}`, "readings=2", `${t0},900,1234568`, `${t0 + 900},900,0`, "irradiance=1", `${t0},900,812346`, ""].join("\n"),
      );
      expect(evidenceHash("inv-1", DAY, rs, irradiance([812.3456789]))).to.equal("0x" + crypto.createHash("sha256").update(text).digest("hex"));
    });

    it("changes when one reading changes by 1 mW", () => {
      const a = evidenceHash("inv-1", DAY, readings([1000]), irradiance([500]));
      const b = evidenceHash("inv-1", DAY, readings([1000.001]), irradiance([500]));
      expect(a).to.not.equal(b);
    });

    it("refuses a device id that would break the format", () => {
      expect(() => canonicalEvidence("inv\n1", DAY, [], [])).to.throw(RangeError);
    });
  });

  describe("canonical JSON", () => {
    it("sorts keys at every level and has no whitespace", () => {
      expect(canonicalJson({ b: 1, a: { d: [true, null], c: "x" } })).to.equal('{"a":{"c":"x","d":[true,null]},"b":1}');
    });

    it("refuses values JSON cannot hold exactly", () => {
      expect(() => canonicalJson({ a: NaN })).to.throw(RangeError);
      expect(() => canonicalJson({ a: 1n })).to.throw(RangeError);
      expect(() => canonicalJson({ a: undefined })).to.throw(RangeError);
    });
  });

  describe("hash-chained JSONL log", () => {
    it("chains entries across appends: each prevHash is the previous hash", () => {
      const file = tmp.file("chain.jsonl");
      const first = appendAuditEntries(file, [{ n: 1 }, { n: 2 }], clock);
      const second = appendAuditEntries(file, [{ n: 3 }], clock);
      expect(first[0].prevHash).to.equal(GENESIS_HASH);
      expect(first[1].prevHash).to.equal(first[0].hash);
      expect(second[0]).to.deep.include({ seq: 2, prevHash: first[1].hash, time: "2020-06-15T00:00:00.000Z" });
      expect(second[0].hash).to.equal(auditEntryHash({ seq: 2, time: "2020-06-15T00:00:00.000Z", prevHash: first[1].hash, payload: { n: 3 } }));
      expect(verifyAuditLog(file)).to.deep.equal({ ok: true, entries: 3, lastHash: second[0].hash });
      expect(fs.readFileSync(file, "utf8").trimEnd().split("\n")).to.have.length(3);
    });

    it("detects an edited payload, naming the line", () => {
      const file = tmp.file("edit.jsonl");
      appendAuditEntries(file, [{ co2Grams: 100 }, { co2Grams: 200 }, { co2Grams: 300 }], clock);
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('"co2Grams":200', '"co2Grams":2000'));
      const v = verifyAuditLog(file);
      expect(v.ok).to.equal(false);
      expect(v).to.deep.include({ line: 2 });
      expect((v as { reason: string }).reason).to.contain("does not match the entry's content");
    });

    it("detects an edited payload whose hash was recomputed (the next entry's prevHash breaks)", () => {
      const file = tmp.file("rehash.jsonl");
      appendAuditEntries(file, [{ v: 1 }, { v: 2 }, { v: 3 }], clock);
      const lines = fs.readFileSync(file, "utf8").trimEnd().split("\n");
      const e = JSON.parse(lines[1]);
      e.payload = { v: 20 };
      e.hash = auditEntryHash(e);
      lines[1] = JSON.stringify(e);
      fs.writeFileSync(file, lines.join("\n") + "\n");
      expect(verifyAuditLog(file)).to.deep.include({ ok: false, line: 3 });
    });

    it("detects a deleted line and reordered lines", () => {
      const file = tmp.file("del.jsonl");
      appendAuditEntries(file, [{ v: 1 }, { v: 2 }, { v: 3 }], clock);
      const lines = fs.readFileSync(file, "utf8").trimEnd().split("\n");
      fs.writeFileSync(file, [lines[0], lines[2]].join("\n") + "\n");
      expect(verifyAuditLog(file)).to.deep.include({ ok: false, line: 2 });
      fs.writeFileSync(file, [lines[1], lines[0], lines[2]].join("\n") + "\n");
      expect(verifyAuditLog(file)).to.deep.include({ ok: false, line: 1 });
    });

    it("refuses to extend a tampered log and writes nothing", () => {
      const file = tmp.file("refuse.jsonl");
      appendAuditEntries(file, [{ v: 1 }], clock);
      const tampered = fs.readFileSync(file, "utf8").replace('"v":1', '"v":9');
      fs.writeFileSync(file, tampered);
      expect(() => appendAuditEntries(file, [{ v: 2 }], clock)).to.throw(AuditLogError, /chain is broken/);
      expect(fs.readFileSync(file, "utf8")).to.equal(tampered);
    });

    it("treats a missing file as an empty log and reports an unparseable line", () => {
      expect(verifyAuditLog(tmp.file("none.jsonl"))).to.deep.equal({ ok: true, entries: 0, lastHash: GENESIS_HASH });
      const file = tmp.file("garbage.jsonl", "{not json\n");
      expect(verifyAuditLog(file)).to.deep.include({ ok: false, line: 1 });
    });
  });

  describe("verified head checkpoint (append cost independent of history)", () => {
    const entriesOf = (file: string) => fs.readFileSync(file, "utf8").trimEnd().split("\n");

    it("each append leaves <log>.head = { entries, bytes, lastHash } and the next append checks only it and the last line", () => {
      const file = tmp.file("head.jsonl");
      appendAuditEntries(file, [{ v: 1 }, { v: 2 }], clock);
      const last = appendAuditEntries(file, [{ v: 3 }], clock)[0];
      expect(JSON.parse(fs.readFileSync(auditHeadPath(file), "utf8"))).to.deep.equal({ entries: 3, bytes: fs.statSync(file).size, lastHash: last.hash });
      expect(verifyAuditHead(file)).to.deep.equal({ entries: 3, lastHash: last.hash });
      expect(verifyAuditLog(file)).to.deep.include({ ok: true, entries: 3 });
    });

    it("an edit that keeps the file size is not re-hashed on append (by design) but full verification finds it", () => {
      const file = tmp.file("same-size.jsonl");
      appendAuditEntries(file, [{ co2Grams: 100 }, { co2Grams: 200 }], clock);
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('"co2Grams":100', '"co2Grams":900'));
      appendAuditEntries(file, [{ co2Grams: 300 }], clock); // the head still matches: no full pass
      expect(entriesOf(file)).to.have.length(3);
      expect(verifyAuditLogAndHead(file)).to.deep.include({ ok: false, line: 1 });
    });

    it("a stale or missing head (size changed, legacy log) triggers the full verification before appending", () => {
      const file = tmp.file("stale.jsonl");
      appendAuditEntries(file, [{ v: 1 }, { v: 2 }, { v: 3 }], clock);
      const lines = entriesOf(file);
      fs.writeFileSync(file, [lines[0], lines[2]].join("\n") + "\n"); // a deleted line: size differs
      expect(verifyAuditHead(file)).to.equal(undefined);
      expect(() => appendAuditEntries(file, [{ v: 4 }], clock)).to.throw(AuditLogError, /^.*:2: audit log chain is broken/);
      // a legacy log without a head: verified in full once, then the head is rebuilt
      const legacy = tmp.file("legacy.jsonl");
      appendAuditEntries(legacy, [{ v: 1 }], clock);
      fs.rmSync(auditHeadPath(legacy));
      appendAuditEntries(legacy, [{ v: 2 }], clock);
      expect(verifyAuditHead(legacy)).to.deep.include({ entries: 2 });
    });

    it("verify-audit (verifyAuditLogAndHead) rewrites the head of an intact log", () => {
      const file = tmp.file("rebuild.jsonl");
      appendAuditEntries(file, [{ v: 1 }], clock);
      fs.writeFileSync(auditHeadPath(file), "garbage");
      expect(verifyAuditHead(file)).to.equal(undefined);
      expect(verifyAuditLogAndHead(file)).to.deep.include({ ok: true, entries: 1 });
      expect(verifyAuditHead(file)).to.deep.include({ entries: 1 });
    });
  });
});
