/**
 * The app's oracle node client (app/src/lib/oracle-node.ts) and the audit view's helpers
 * (app/src/lib/audit.ts): every failure names the URL, the route and the HTTP status (unreachable
 * node, 404 device, a page that is not JSON); the chart's points, thresholds and the on-chain match.
 */
import "./alias";
import { expect } from "chai";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { auditPoints, chainMatch, readingLimitKW, thresholdRows } from "../../app/src/lib/audit";
import { normalizeNodeUrl, OracleNodeClient, OracleNodeError, type NodeAudit } from "../../app/src/lib/oracle-node";
import { parseRoute } from "../../app/src/lib/router";
import { freePort } from "../helpers/node";

/** A tiny HTTP server answering `routes[path]` = [status, body, content type]; anything else 404 JSON. */
async function stubNode(routes: Record<string, [number, string, string?]>): Promise<{ url: string; seen: string[]; close: () => Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? "");
    const [status, body, type] = routes[req.url ?? ""] ?? [404, JSON.stringify({ error: "NotFound", message: `Route GET:${req.url} not found` })];
    res.writeHead(status, { "content-type": type ?? "application/json" }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((r) => server.close(() => r())) };
}

async function failure(p: Promise<unknown>): Promise<OracleNodeError> {
  try {
    await p;
  } catch (error) {
    expect(error).to.be.instanceOf(OracleNodeError);
    return error as OracleNodeError;
  }
  throw new Error("expected an OracleNodeError");
}

describe("app: the oracle node client and the audit view", function () {
  it("an unreachable node: status 0, the URL and route named, and a hint about CORS", async function () {
    const url = `http://127.0.0.1:${await freePort()}`;
    const e = await failure(new OracleNodeClient(url).summary());
    expect(e.status).to.equal(0);
    expect(e.url).to.equal(url);
    expect(e.route).to.equal("/summary");
    expect(e.message).to.match(new RegExp(`^the oracle node at ${url} did not answer /summary: .+ORACLE_NODE_CORS_ORIGINS`));
  });

  it("a 404 device names the route and the node's own message; a non-JSON page names its status", async function () {
    const stub = await stubNode({
      "/devices/nope/audit/2020-06-07": [404, JSON.stringify({ error: "NotFound", message: "device nope is not registered on this node" })],
      "/summary": [200, "<!doctype html><title>app</title>", "text/html"],
      "/devices": [502, "Bad Gateway", "text/plain"],
    });
    try {
      const client = new OracleNodeClient(`${stub.url}/`);
      const e404 = await failure(client.audit("nope", "2020-06-07"));
      expect([e404.status, e404.route]).to.deep.equal([404, "/devices/nope/audit/2020-06-07"]);
      expect(e404.message).to.equal(`the oracle node at ${stub.url} answered /devices/nope/audit/2020-06-07 with HTTP 404: device nope is not registered on this node`);
      const html = await failure(client.summary());
      expect(html.status).to.equal(200);
      expect(html.message).to.contain("answered /summary with HTTP 200: not JSON (is this an oracle node?)");
      const bad = await failure(client.devices());
      expect(bad.status).to.equal(502);
      expect(bad.message).to.contain("/devices with HTTP 502: not JSON");
      // Ids are encoded into the route (a slash cannot reach another route).
      await failure(client.results("a/b c"));
      expect(stub.seen.at(-1)).to.equal("/results?device=a%2Fb%20c&limit=10000");
    } finally {
      await stub.close();
    }
  });

  it("checks a node URL typed by the user", function () {
    expect(normalizeNodeUrl(" http://127.0.0.1:8787/ ")).to.equal("http://127.0.0.1:8787");
    expect(() => normalizeNodeUrl("127.0.0.1:8787")).to.throw(/must be http\(s\)|is not a URL/);
    expect(() => normalizeNodeUrl("nonsense")).to.throw('oracle node URL: "nonsense" is not a URL');
    expect(() => normalizeNodeUrl("ftp://x")).to.throw("must be http(s)");
  });

  it("routes an audit by device and UTC day", function () {
    expect(parseRoute("#/audit/1BY6WEcLGh8j5v7/2020-06-07")).to.deep.equal({ screen: "audit", id: "1BY6WEcLGh8j5v7", date: "2020-06-07" });
    expect(parseRoute("#/audit/a%2Fb")).to.deep.equal({ screen: "audit", id: "a/b" });
    expect(parseRoute("#/audit/x/7-6-2020").screen).to.equal("notFound");
    expect(parseRoute("#/audit").screen).to.equal("notFound");
  });

  const audit = {
    device: { id: "d", capacityW: 1_000_000, emissionFactorGPerKWh: 1200, lat: 0, lon: 0, site: "s", owner: null },
    thresholds: { minCorrelation: 0.9, tolerance: 0.1, minCoverage: 0.9, minPairs: 8, stcIrradianceWm2: 1000 },
    power: [{ t: 900, durationS: 900, acPowerW: 250_000 }, { t: 0, durationS: 900, acPowerW: 0 }, { t: 1800, durationS: 900, acPowerW: 500_000 }],
    irradiance: { kind: "sensor", samples: [{ t: 0, durationS: 900, ghiWm2: 0 }, { t: 900, durationS: 900, ghiWm2: 300 }, { t: 2700, durationS: 900, ghiWm2: 1200 }] },
    result: { deviceId: "d", day: 0, date: "1970-01-01", status: "PENDING", reasons: ["correlation 0.4916 ≤ 0.9"], correlationBps: 4916, coverage: 0.5, pairedEnergyWh: 900, theoreticalMaxWh: 1000, evidenceHash: "0xAB", auditSeq: 3, verifiedAt: "", post: { state: "unposted", attempts: 0, error: null, txHash: null, blockNumber: null, postedAt: null } },
  } as unknown as NodeAudit;

  it("merges power and irradiance by interval start; the theoretical maximum clips at capacity", function () {
    expect(auditPoints(audit)).to.deep.equal([
      { t: 0, acKW: 0, ghiWm2: 0, maxKW: 0 },
      { t: 900, acKW: 250, ghiWm2: 300, maxKW: 300 },
      { t: 1800, acKW: 500 },
      { t: 2700, ghiWm2: 1200, maxKW: 1000 },
    ]);
    expect(readingLimitKW(audit)).to.be.closeTo(1100, 1e-9);
    expect(thresholdRows(audit).map((r) => [r.value, r.threshold])).to.deep.equal([
      ["0.4916", "> 0.9"],
      ["50.0 %", "≥ 90.0 %"],
      ["—", "≥ 8"],
      ["0.900", "≤ 1.10"],
    ]);
  });

  it("matches the chain only when the status and the evidence hash agree", function () {
    const r = audit.result!;
    expect(chainMatch(r, { status: "Pending", evidenceHash: "0xab", reported: true }).kind).to.equal("match");
    expect(chainMatch(r, { status: "Verified", evidenceHash: "0xab", reported: true }).text).to.equal("On-chain record differs from the node: status Verified on-chain vs PENDING on the node.");
    expect(chainMatch(r, { status: "Pending", evidenceHash: "0xcd", reported: true }).text).to.contain("a different evidence hash");
    expect(chainMatch(r, { status: "None", evidenceHash: "0x00", reported: false }).kind).to.equal("not-reported");
    expect(chainMatch({ ...r, status: "NIGHT_ONLY" }, { status: "None", evidenceHash: "0x00", reported: false }).kind).to.equal("not-posted");
  });
});
