/**
 * A local oracle node for the web app's oracle screen (docs/app.md): the node (oracle/src/node,
 * in-process, SQLite in a temp directory, verify only — no posting) on a free loopback port, fed the
 * committed Plant 1 fixture through its HTTP API as a data logger would (devices, then each local
 * day's readings and irradiance), then one scheduler pass verifies the finished days. Used by
 * `npm run app -- --oracle-node` and by the browser test.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startNode, type RunningNode } from "../../oracle/src/node/node";
import { plant1Chunks, plant1DevicesJson } from "../../test/oracle/node/helpers";

/** A node seeded with Plant 1. */
export interface SeededOracleNode {
  readonly node: RunningNode;
  /** Base URL of the API, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The operator key of this node (writes only; the app never needs it). */
  readonly apiKey: string;
  /** The local dates (YYYY-MM-DD, the fixture's files) ingested, in order. */
  readonly dates: readonly string[];
  /** Stops the node and deletes its database. */
  stop(): Promise<void>;
}

/** A refused request while seeding: names the route and the node's answer. */
export class SeedError extends Error {
  constructor(route: string, status: number, body: string) {
    super(`seeding the oracle node: ${route} answered HTTP ${status}: ${body.slice(0, 300)}`);
    this.name = "SeedError";
  }
}

/**
 * Starts a node and ingests the Plant 1 fixture's local days `from`..`to` (indexes into the fixture's
 * days, default all), then runs one scheduler pass. Every UTC day whose solar hours are covered is
 * verified (the node's clock is the real one, so every fixture day is past its deadline).
 */
export async function startSeededOracleNode(options: { from?: number; to?: number; corsOrigins?: "*" | readonly string[] } = {}): Promise<SeededOracleNode> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "opentonne-app-oracle-node-"));
  const apiKey = randomBytes(24).toString("hex");
  let node: RunningNode | undefined;
  const stop = async () => {
    await node?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    node = await startNode({
      database: `sqlite:${path.join(dir, "oracle-node.db")}`,
      host: "127.0.0.1",
      port: 0,
      apiKeys: [apiKey],
      limits: { maxBodyBytes: 16 * 1024 * 1024, maxRows: 100_000 },
      scheduleS: 0,
      corsOrigins: options.corsOrigins,
    });
    const url = node.url;
    const post = async (route: string, body: string, contentType: string) => {
      const res = await fetch(url + route, { method: "POST", headers: { "content-type": contentType, authorization: `Bearer ${apiKey}` }, body });
      if (!res.ok) throw new SeedError(route, res.status, await res.text());
    };
    await post("/devices?site=plant1", plant1DevicesJson(), "application/json");
    const chunks = plant1Chunks().slice(options.from ?? 0, options.to);
    for (const c of chunks) {
      await post("/readings", c.readings, "text/csv");
      await post("/irradiance?site=plant1", c.sensor, "text/csv");
    }
    await post("/scheduler/run", "", "text/plain");
    return { node, url, apiKey, dates: chunks.map((c) => c.date), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
