import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
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
const READY = /Started HTTP and WebSocket JSON-RPC server at/;
const START_TIMEOUT_MS = 60_000;

/** Every node started by this process, killed by the exit handler if the test forgot (or failed before) stop(). */
const running = new Set<ChildProcess>();
let exitHandlerInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the whole group: npx, hardhat and anything they spawned
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

/**
 * Starts `npx hardhat node` on a free loopback port, in its own process group, and resolves once it
 * serves JSON-RPC. `stop()` (and, as a safety net, this process's exit) kills the whole group.
 * Rejects (after killing the group) when the node exits early or is not ready within 60 s.
 */
export async function startHardhatNode(): Promise<HardhatNode> {
  installExitHandler();
  const port = await freePort();
  const child = spawn("npx", ["hardhat", "node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: ROOT,
    detached: true, // own process group, so stop() reaches hardhat behind npx
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  exited.then(() => running.delete(child));

  let output = "";
  const stop = async () => {
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`hardhat node not ready on port ${port} after ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (READY.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`hardhat node exited before it was ready (code ${code}, signal ${signal}):\n${output}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  // Keep draining the pipes so the node never blocks on a full buffer.
  child.stdout?.removeAllListeners("data");
  child.stdout?.resume();
  child.stderr?.resume();
  return { url: `http://127.0.0.1:${port}`, port, stop };
}
