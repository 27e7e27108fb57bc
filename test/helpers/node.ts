import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** A running `npx hardhat node`. */
export interface HardhatNode {
  /** JSON-RPC URL, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  readonly port: number;
  /** Kills the node's process group and waits for it to exit (idempotent). */
  stop(): Promise<void>;
}

const ROOT = path.join(__dirname, "..", "..");
const START_TIMEOUT_MS = 60_000;

/** Every node started by this process, killed by the exit handler if the test forgot (or failed before) stop(). */
const running = new Set<ChildProcess>();
let exitHandlerInstalled = false;

function alive(child: ChildProcess): boolean {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!alive(child)) return;
  try {
    process.kill(-(child.pid as number), signal); // the whole group: npx, hardhat and anything they spawned
  } catch {
    // already gone
  }
}

function installExitHandler(): void {
  if (exitHandlerInstalled) return;
  exitHandlerInstalled = true;
  process.on("exit", () => {
    for (const child of running) killGroup(child, "SIGKILL");
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      for (const child of running) killGroup(child, "SIGKILL");
      process.exit(128 + (signal === "SIGINT" ? 2 : 15));
    });
  }
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether a JSON-RPC server answers `eth_chainId` at `url`. */
async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(2_000),
    });
    const body = (await res.json()) as { result?: string };
    return typeof body.result === "string";
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `npx hardhat node` on a free loopback port, in its own process group, and resolves once it
 * answers JSON-RPC. Its output goes to a log file (never a pipe, so a chatty node can never block on
 * a full pipe). `stop()` (and, as a safety net, this process's exit or SIGINT/SIGTERM) kills the whole
 * group. Rejects, after killing the group, when the node exits early or is not ready within 60 s.
 */
export async function startHardhatNode(): Promise<HardhatNode> {
  installExitHandler();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(os.tmpdir(), `hardhat-node-${process.pid}-${port}.log`);
  const log = fs.openSync(logFile, "w");
  const child = spawn("npx", ["hardhat", "node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: ROOT,
    detached: true, // own process group, so stop() reaches hardhat behind npx
    stdio: ["ignore", log, log],
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  fs.closeSync(log);
  running.add(child);
  const exited = new Promise<void>((resolve) => {
    if (!alive(child)) resolve();
    else child.once("exit", () => resolve());
  }).then(() => {
    running.delete(child);
  });

  const stop = async () => {
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
    fs.rmSync(logFile, { force: true });
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (!alive(child)) {
      const text = fs.readFileSync(logFile, "utf8");
      await stop();
      throw new Error(`hardhat node exited before it was ready (code ${child.exitCode}, signal ${child.signalCode}):\n${text}`);
    }
    if (await answers(url)) break;
    if (Date.now() > deadline) {
      const text = fs.readFileSync(logFile, "utf8");
      await stop();
      throw new Error(`hardhat node not ready at ${url} after ${START_TIMEOUT_MS} ms:\n${text}`);
    }
    await sleep(250);
  }
  return { url, port, stop };
}
