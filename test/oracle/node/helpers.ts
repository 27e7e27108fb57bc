import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { loadDeviceRegistry, readKaggleGeneration, readKaggleSensor, runPipeline, type DeviceDayResult } from "../../../oracle/src/lib";
import { PLANT1_DEVICES, PLANT1_GENERATION, PLANT1_SENSOR, PLANT2_DEVICES, PLANT2_GENERATION, PLANT2_SENSOR } from "../helpers/fixtures";
import { startNode, type NodeConfig, type RunningNode } from "../../../oracle/src/node/node";

/** The operator key the test nodes accept. */
export const API_KEY = "test-operator-key-0123456789";

/** A temp directory for one suite. */
export function tmpDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oracle-node-test-"));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const readText = (file: string) => (file.endsWith(".gz") ? zlib.gunzipSync(fs.readFileSync(file)) : fs.readFileSync(file)).toString("utf8");

/** A Kaggle plant fixture as the node is fed it: files, registry and the irradiance site name. */
export interface Plant {
  /** Irradiance site of its devices (`?site=`). */
  readonly site: string;
  readonly generation: string;
  readonly sensor: string;
  readonly devices: string;
}

/** Plant 1 (the honest plant): 8 committed days. */
export const PLANT1: Plant = { site: "plant1", generation: PLANT1_GENERATION, sensor: PLANT1_SENSOR, devices: PLANT1_DEVICES };
/** Plant 2 (the faulty plant: meter resets and decreases, outages): 3 committed UTC days. */
export const PLANT2: Plant = { site: "plant2", generation: PLANT2_GENERATION, sensor: PLANT2_SENSOR, devices: PLANT2_DEVICES };

/** A day's upload of one plant: its local date, the readings CSV and the sensor CSV (each with its header). */
export interface Chunk {
  readonly plant: Plant;
  readonly date: string;
  readonly readings: string;
  readonly sensor: string;
}

/** `YYYY-mm-dd` of a Kaggle row: `DATE_TIME` is `dd-mm-YYYY HH:MM` (Plant 1 generation) or `YYYY-mm-dd HH:MM:SS`. */
function localDate(line: string): string {
  const head = line.slice(0, 10);
  if (/^\d{4}-/.test(head)) return head;
  const [d, m, y] = head.split("-");
  return `${y}-${m}-${d}`;
}

/**
 * A plant's files split into daily chunks by the file's local date, as a data logger would upload
 * them, in date order.
 */
export function plantChunks(plant: Plant): Chunk[] {
  const split = (text: string) => {
    const [header, ...lines] = text.split(/\r?\n/).filter((l) => l.trim() !== "");
    const m = new Map<string, string[]>();
    for (const l of lines) {
      const d = localDate(l);
      const list = m.get(d);
      if (list) list.push(l);
      else m.set(d, [l]);
    }
    return new Map([...m].map(([d, ls]) => [d, `${header}\n${ls.join("\n")}\n`]));
  };
  const gen = split(readText(plant.generation));
  const sen = split(readText(plant.sensor));
  return [...gen.keys()].sort().map((date) => ({ plant, date, readings: gen.get(date)!, sensor: sen.get(date) ?? "" }));
}

/** Plant 1's daily chunks (default the committed fixture; the benchmark passes the full files). */
export const plant1Chunks = (generation = PLANT1_GENERATION, sensor = PLANT1_SENSOR): Chunk[] => plantChunks({ ...PLANT1, generation, sensor });

/** The devices.json of a plant (the registry layout POST /devices takes). */
export const devicesJson = (plant: Plant): string => fs.readFileSync(plant.devices, "utf8");
/** The devices.json of Plant 1. */
export const plant1DevicesJson = (): string => devicesJson(PLANT1);

const libraryResults = new Map<Plant, { results: DeviceDayResult[]; nightOnlyDays: number }>();
/** The library's results over a plant's whole fixture (what the node must reproduce), computed once. */
export function plantLibrary(plant: Plant): { results: DeviceDayResult[]; nightOnlyDays: number } {
  let r = libraryResults.get(plant);
  if (!r) {
    r = runPipeline(readKaggleGeneration(plant.generation), loadDeviceRegistry(plant.devices), () => readKaggleSensor(plant.sensor));
    libraryResults.set(plant, r);
  }
  return r;
}
/** The library's results over Plant 1. */
export const plant1Library = () => plantLibrary(PLANT1);

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
