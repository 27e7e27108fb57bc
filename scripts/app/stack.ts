/**
 * The local stack behind the web app (docs/app.md): a `hardhat node` on a free loopback port with the
 * demo scenario deployed on it, and the `opentonne.config.json` the app reads (RPC URL, chain id,
 * addresses from the demo's report). Used by `npm run app` (scripts/app/start.ts) and by the browser
 * tests (test/app/).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startHardhatNode, type HardhatNode } from "../../test/helpers/node";

/** Repository root. */
export const ROOT = path.resolve(__dirname, "..", "..");

/** A node with the demo deployed. */
export interface DemoStack {
  readonly node: HardhatNode;
  /** The demo's JSON report (addresses, accounts, members; bigint as strings). */
  readonly report: DemoReportJson;
  /** The app configuration for this node (what `opentonne.config.json` holds). */
  readonly config: AppConfigFile;
  /** Stops the node (idempotent). */
  stop(): Promise<void>;
}

/** The part of reports/demo.json the app and its tests read. */
export interface DemoReportJson {
  readonly addresses: { registry: string; credits: string; market: string; pool: string; oracle: string; usd: string; deploymentBlock: number };
  readonly accounts: Record<string, string>;
  readonly members: Array<{ name: string; address: string; devices: string[] }>;
  readonly solarProject: { projectId: string; batchId: string; serial: string; name: string };
  readonly pool: { periodId: string; batchId: string };
  readonly listing?: Record<string, unknown>;
}

/** What the app reads from `opentonne.config.json` (see app/src/lib/config.ts). */
export interface AppConfigFile {
  readonly rpcUrl: string;
  readonly chainId: number;
  readonly networkName: string;
  readonly addresses: { registry: string; credits: string; market: string; pool: string; oracle: string; deploymentBlock: number };
  /** An oracle node's read API for the oracle screen's audits (optional). */
  readonly oracleNodeUrl?: string;
}

/** Options of {@link startDemoStack}. */
export interface DemoStackOptions {
  /** Where the demo writes its report (default `reports/demo.json`). */
  readonly reportPath?: string;
  /** Ignition deployment id (default `demo-31337-<time>`, git-ignored under ignition/deployments/). */
  readonly deploymentId?: string;
  /** Called with each line the demo prints (default: nothing). */
  readonly onOutput?: (text: string) => void;
}

/** Starts `hardhat node`, runs `npm run demo -- --network localhost` against it, and returns the stack. */
export async function startDemoStack(options: DemoStackOptions = {}): Promise<DemoStack> {
  const reportPath = options.reportPath ?? path.join(ROOT, "reports", "demo.json");
  const node = await startHardhatNode();
  try {
    await runDemo(node.url, reportPath, options);
  } catch (error) {
    await node.stop();
    throw error;
  }
  const report = JSON.parse(fs.readFileSync(reportPath, "utf8")) as DemoReportJson;
  const { usd: _usd, ...addresses } = report.addresses;
  const config: AppConfigFile = { rpcUrl: node.url, chainId: 31337, networkName: "Hardhat (local, demo)", addresses };
  return { node, report, config, stop: () => node.stop() };
}

/** Writes `config` as JSON to `file` (creating its folder). */
export function writeAppConfig(file: string, config: AppConfigFile): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
}

const children = new Set<ChildProcess>();
process.once("exit", () => {
  for (const c of children) killGroup(c);
});

/** SIGKILLs a child's process group if it still runs. */
export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

function runDemo(url: string, reportPath: string, options: DemoStackOptions): Promise<void> {
  const hardhat = require.resolve("hardhat/internal/cli/bootstrap", { paths: [ROOT] });
  const env: NodeJS.ProcessEnv = { ...process.env, LOCALHOST_RPC_URL: url, DEMO_REPORT: reportPath, FORCE_COLOR: "0" };
  delete env.HARDHAT_NETWORK;
  if (options.deploymentId) env.DEMO_DEPLOYMENT_ID = options.deploymentId;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [hardhat, "run", "--no-compile", "scripts/demo/main.ts", "--network", "localhost"], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.add(child);
    let tail = "";
    const keep = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-6_000);
      options.onOutput?.(text);
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      children.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`the demo exited with code ${code} signal ${signal}:\n${tail}`));
    });
  });
}

/** Path of Vite's CLI (`vite/bin/vite.js`; not in the package's exports, so found next to its package.json). */
export function viteBin(): string {
  return path.join(path.dirname(require.resolve("vite/package.json", { paths: [ROOT] })), "bin", "vite.js");
}
