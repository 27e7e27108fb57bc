import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect } from "chai";
import { IrradianceCacheMissError, MalformedRowError, NasaPowerClient, NasaPowerHttpError, isoDateToDay } from "../../../../oracle/src/lib";
import { NASA, tempDir } from "../../helpers/fixtures";

const HOURLY = fs.readFileSync(path.join(NASA, "nasa_power_v2_hourly_20250202_lat44.76_lon7.64.json"), "utf8");
const DAY = isoDateToDay("2025-02-02") as number;
const REQ = { lat: 44.76, lon: 7.64, startDay: DAY, endDay: DAY };

describe("NASA POWER client (local HTTP server)", () => {
  const tmp = tempDir();
  let server: http.Server;
  let baseUrl: string;
  const hits: string[] = [];
  /** What the server answers next: status and body. */
  let reply = { status: 200, body: HOURLY };

  before(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? "");
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(reply.body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    tmp.cleanup();
  });
  beforeEach(() => {
    hits.length = 0;
    reply = { status: 200, body: HOURLY };
  });

  it("requests the hourly point API with the documented query", async () => {
    const client = new NasaPowerClient({ cacheDir: path.join(tmp.dir, "q"), baseUrl });
    await client.hourly(REQ);
    expect(hits).to.deep.equal([
      "/api/temporal/hourly/point?parameters=ALLSKY_SFC_SW_DWN&community=RE&longitude=7.6400&latitude=44.7600&start=20250202&end=20250202&format=JSON&time-standard=UTC",
    ]);
  });

  it("fetches once, then serves from the on-disk cache keyed by the request", async () => {
    const cacheDir = path.join(tmp.dir, "c1");
    const client = new NasaPowerClient({ cacheDir, baseUrl });
    const first = await client.hourly(REQ);
    expect(first.fromCache).to.equal(false);
    expect(first.series.samples).to.have.length(24);
    expect(fs.readFileSync(first.cachePath, "utf8")).to.equal(HOURLY);
    const second = await new NasaPowerClient({ cacheDir, baseUrl }).hourly(REQ);
    expect(second.fromCache).to.equal(true);
    expect(second.series.samples).to.deep.equal(first.series.samples);
    expect(hits).to.have.length(1);
    // another site is another key
    await client.hourly({ ...REQ, lat: 44.77 });
    expect(hits).to.have.length(2);
  });

  it("offline mode reads the cache and never the network", async () => {
    const cacheDir = path.join(tmp.dir, "c2");
    await new NasaPowerClient({ cacheDir, baseUrl }).hourly(REQ);
    hits.length = 0;
    const offline = new NasaPowerClient({ cacheDir, baseUrl, offline: true });
    const r = await offline.hourly(REQ);
    expect(r.fromCache).to.equal(true);
    expect(r.series.samples[11].ghiWm2).to.equal(406.48);
    expect(hits).to.deep.equal([]);
  });

  it("offline mode fails clearly on a cache miss, naming the request and the cache file", async () => {
    const offline = new NasaPowerClient({ cacheDir: path.join(tmp.dir, "empty"), baseUrl, offline: true });
    let err: unknown;
    try {
      await offline.hourly(REQ);
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(IrradianceCacheMissError);
    const e = err as IrradianceCacheMissError;
    expect(e.message).to.contain("offline mode").and.contain(e.cachePath).and.contain("latitude=44.7600");
    expect(hits).to.deep.equal([]);
  });

  it("an HTTP error throws NasaPowerHttpError and caches nothing", async () => {
    reply = { status: 503, body: '{"message":"busy"}' };
    const cacheDir = path.join(tmp.dir, "c3");
    const client = new NasaPowerClient({ cacheDir, baseUrl });
    let err: unknown;
    try {
      await client.hourly(REQ);
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(NasaPowerHttpError);
    expect((err as NasaPowerHttpError).status).to.equal(503);
    expect(fs.existsSync(cacheDir)).to.equal(false);
  });

  it("a body that is not NASA POWER JSON throws and caches nothing", async () => {
    reply = { status: 200, body: "<html>maintenance</html>" };
    const cacheDir = path.join(tmp.dir, "c4");
    let err: unknown;
    try {
      await new NasaPowerClient({ cacheDir, baseUrl }).hourly(REQ);
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(MalformedRowError);
    expect(fs.existsSync(cacheDir)).to.equal(false);
  });
});
