import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { loadDeviceRegistry, readKaggleGeneration, readKaggleSensor, runPipeline, type DeviceDayResult } from "../../../oracle/src/lib";
import { PLANT1_DEVICES, PLANT1_GENERATION, PLANT1_SENSOR } from "../helpers/fixtures";
import { startNode, type NodeConfig, type RunningNode } from "../../../oracle/src/node/node";

/** The operator key the test nodes accept. */
export const API_KEY = "test-operator-key-0123456789";

/** A temp directory for one suite. */
export function tmpDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oracle-node-test-"));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const readText = (file: string) => (file.endsWith(".gz") ? zlib.gunzipSync(fs.readFileSync(file)) : fs.readFileSync(file)).toString("utf8");

/**
 * Plant 1 (Kaggle layout; default the committed fixture) split into daily chunks by the file's
 * local date, as a data logger would upload them: `{ date, readings, sensor }`, each CSV with its
 * header, in date order.
 */
export function plant1Chunks(generation = PLANT1_GENERATION, sensor = PLANT1_SENSOR): { date: string; readings: string; sensor: string }[] {
  const split = (text: string, dateOf: (line: string) => string) => {
    const [header, ...lines] = text.split(/\r?\n/).filter((l) => l.trim() !== "");
    const m = new Map<string, string[]>();
    for (const l of lines) {
      const d = dateOf(l);
      const list = m.get(d);
      if (list) list.push(l);
      else m.set(d, [l]);
    }
    return new Map([...m].map(([d, ls]) => [d, `${header}\n${ls.join("\n")}\n`]));
  };
  // Generation DATE_TIME is dd-mm-YYYY HH:MM; sensor DATE_TIME is YYYY-mm-dd HH:MM:SS.
  const gen = split(readText(generation), (l) => {
    const [d, m, y] = l.slice(0, 10).split("-");
    return `${y}-${m}-${d}`;
  });
  const sen = split(readText(sensor), (l) => l.slice(0, 10));
  return [...gen.keys()].sort().map((date) => ({ date, readings: gen.get(date)!, sensor: sen.get(date) ?? "" }));
}

/** The devices.json of Plant 1 (the registry layout POST /devices takes). */
export const plant1DevicesJson = (): string => fs.readFileSync(PLANT1_DEVICES, "utf8");

let libraryResults: { results: DeviceDayResult[]; nightOnlyDays: number } | undefined;
/** The library's results over the whole fixture (what the node must reproduce), computed once. */
export function plant1Library(): { results: DeviceDayResult[]; nightOnlyDays: number } {
  libraryResults ??= runPipeline(readKaggleGeneration(PLANT1_GENERATION), loadDeviceRegistry(PLANT1_DEVICES), () => readKaggleSensor(PLANT1_SENSOR));
  return libraryResults;
}

/** A settable clock for the scheduler. */
export class TestClock {
  constructor(public ms: number) {}
  readonly now = (): Date => new Date(this.ms);
}

/** Starts a node on a free port with verify-only defaults (override with `cfg`). */
export function startTestNode(database: string, cfg: Partial<NodeConfig> = {}): Promise<RunningNode> {
  return startNode({
    database,
    host: "127.0.0.1",
    port: 0,
    apiKeys: [API_KEY],
    limits: { maxBodyBytes: 4 * 1024 * 1024, maxRows: 20_000 },
    scheduleS: 0,
    ...cfg,
  });
}

/** A small HTTP client of a node: JSON answers with their status. */
export function client(url: string, key: string | null = API_KEY) {
  const call = async (method: string, route: string, body?: string, contentType = "text/csv", headers: Record<string, string> = {}) => {
    const res = await fetch(url + route, {
      method,
      headers: { ...(body !== undefined ? { "content-type": contentType } : {}), ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
      body,
    });
    const text = await res.text();
    let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, body: json, text };
  };
  return {
    get: (route: string) => call("GET", route),
    post: (route: string, body: string, contentType?: string, headers?: Record<string, string>) => call("POST", route, body, contentType, headers),
  };
}

/** The fields of a library result the node must reproduce exactly (reasons name the source file/line, which differ). */
export function comparable(r: DeviceDayResult) {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { reasons, irradianceSource, auditSeq, verifiedAt, post, ...rest } = r as DeviceDayResult & { auditSeq?: unknown; verifiedAt?: unknown; post?: unknown };
  return { ...rest, reasonCount: reasons.length };
}
