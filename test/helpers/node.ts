/**
 * A real `hardhat node` (JSON-RPC over HTTP on a free loopback port) for tests that must go through
 * JSON-RPC rather than the in-process provider: the SDK over JSON-RPC, the packaging and quickstart
 * tests, end-to-end demos.
 *
 * ```ts
 * let node: HardhatNode;
 * before(async () => { node = await startHardhatNode(); });
 * after(() => node?.stop());
 * ```
 *
 * The node runs in its own process group; `stop()` kills the whole group (SIGTERM, then SIGKILL).
 * Every node still running when the test process exits — normally, by an uncaught error, or on
 * SIGINT / SIGTERM / SIGHUP — is killed too, so no process is left behind even when a test fails.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

/** A running `hardhat node`. */
export interface HardhatNode {
  /** JSON-RPC endpoint, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** The port it listens on (loopback only). */
  readonly port: number;
  /** Process id of the node, also its process group id. */
  readonly pid: number;
  /** Kills the node's process group and waits until the node has exited. Idempotent. */
  stop(): Promise<void>;
}

/** Options of {@link startHardhatNode}. */
export interface StartHardhatNodeOptions {
  /** Hardhat project directory (default: this repository's root). */
  readonly cwd?: string;
  /** Give up when the node does not answer within this many milliseconds (default 60,000). */
  readonly timeoutMs?: number;
  /**
   * Accept contracts above the 24,576-byte limit (default false). For coverage runs, whose
   * instrumented bytecode is larger: `allowUnlimitedContractSize: isCoverageRun(hre)`.
   */
  readonly allowUnlimitedContractSize?: boolean;
}

/** Whether this process runs under solidity-coverage (`npm run coverage`), which instruments the artifacts. */
export function isCoverageRun(hre: object): boolean {
  return (hre as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING === true;
}

const ROOT = path.resolve(__dirname, "..", "..");
const running = new Set<ChildProcess>();
let hooksInstalled = false;

/** Starts `hardhat node --hostname 127.0.0.1 --port <free port>` and resolves once it answers `eth_chainId`. */
export async function startHardhatNode(options: StartHardhatNodeOptions = {}): Promise<HardhatNode> {
  installExitHooks();
  const cwd = options.cwd ?? ROOT;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const hardhatCli = require.resolve("hardhat/internal/cli/bootstrap", { paths: [cwd] });
  const env = { ...process.env };
  delete env.HARDHAT_NETWORK; // the node serves the in-process "hardhat" network whatever the parent runs on
  const configArgs = options.allowUnlimitedContractSize ? ["--config", path.join(ROOT, "scripts", "test", "hardhat-node-unlimited.config.ts")] : [];
  const child = spawn(process.execPath, [hardhatCli, ...configArgs, "node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd,
    env,
    detached: true, // own process group: stop() kills the node and anything it started
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000); // drain the pipes; keep the tail for error messages
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", () => running.delete(child));

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(child, "SIGTERM");
      const killed = await Promise.race([exited.then(() => true), delay(5_000).then(() => false)]);
      if (!killed) {
        killGroup(child, "SIGKILL");
        await exited;
      }
    })();
    return stopping;
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`hardhat node exited (${child.exitCode ?? child.signalCode}) before answering on ${url}:\n${output}`);
    }
    if (await answers(url)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`hardhat node did not answer on ${url} within ${timeoutMs} ms:\n${output}`);
    }
    await delay(150);
  }
  return { url, port, pid: child.pid!, stop };
}

/** A TCP port that was free on 127.0.0.1 a moment ago (the OS picks it: listen on port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(2_000),
    });
    const body = (await response.json()) as { result?: string };
    return typeof body.result === "string";
  } catch {
    return false;
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // negative pid: the whole process group
  } catch {
    // Already gone.
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Kills every running node when this process exits, however it exits. */
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const killAll = () => {
    for (const child of running) killGroup(child, "SIGKILL");
    running.clear();
  };
  process.once("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal); // the listener is gone: the default action (exit) follows
    });
  }
}
