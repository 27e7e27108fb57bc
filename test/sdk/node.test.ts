import { expect } from "chai";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { JsonRpcProvider } from "ethers";
import { startHardhatNode, type HardhatNode } from "../helpers/node";

/** Init code that deploys 0x6001 (24,577) zero bytes: one byte above the EIP-170 code size limit. */
const OVERSIZED_INIT_CODE = "0x616001" + "6000f3";

/** Whether any live (not zombie) process is in process group `pgid` (Linux /proc; else signal 0). */
function groupAlive(pgid: number): boolean {
  if (fs.existsSync("/proc/self/stat")) {
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      } catch {
        continue; // exited meanwhile
      }
      // pid (comm) state ppid pgrp …; comm may contain spaces, so split after the last ')'.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) === pgid && state !== "Z" && state !== "X") return true;
    }
    return false;
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits up to `ms` for process group `pgid` to be gone; returns whether it still has live processes. */
async function groupAliveAfter(pgid: number, ms = 3_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return groupAlive(pgid);
}

async function deployOversized(node: HardhatNode): Promise<number | null> {
  const provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true, cacheTimeout: -1 });
  try {
    const signer = await provider.getSigner(0);
    const tx = await signer.sendTransaction({ data: OVERSIZED_INIT_CODE, gasLimit: 10_000_000n });
    const receipt = await tx.wait();
    return receipt!.status;
  } catch {
    return null;
  } finally {
    provider.destroy();
  }
}

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * Runs `script` (JavaScript; `startHardhatNode` in scope) in a child Node process that prints the
 * node's pid; calls `then(child)` once the pid is printed, and resolves with the pid and the exit code
 * when the child process exits.
 */
function inChild(script: string, then: (child: ReturnType<typeof spawn>) => void = () => {}): Promise<{ pid: number; code: number | null }> {
  const code = `const { startHardhatNode } = require("./test/helpers/node");\n${script}`;
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", code], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let pid = 0;
  child.stderr.resume();
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    const match = out.match(/pid=(\d+)/);
    if (match && pid === 0) {
      pid = Number(match[1]);
      then(child);
    }
  });
  return new Promise((resolve) => child.once("exit", (exitCode) => resolve({ pid, code: exitCode })));
}

describe("test helper: startHardhatNode", () => {
  it("starts a node on a free loopback port, enforces the code size limit, and stop() kills its whole process group", async () => {
    const node = await startHardhatNode();
    try {
      expect(node.url).to.equal(`http://127.0.0.1:${node.port}`);
      const provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true });
      expect((await provider.getNetwork()).chainId).to.equal(31337n);
      provider.destroy();
      expect(groupAlive(node.pid)).to.equal(true);
      expect(await deployOversized(node)).to.equal(null);
    } finally {
      await node.stop();
    }
    expect(groupAlive(node.pid)).to.equal(false);
    await node.stop(); // idempotent
  });

  it("allowUnlimitedContractSize: the node accepts code above the limit (coverage-instrumented bytecode)", async () => {
    const node = await startHardhatNode({ allowUnlimitedContractSize: true });
    try {
      expect(await deployOversized(node)).to.equal(1);
    } finally {
      await node.stop();
    }
  });

  it("a test process that dies of an uncaught error takes its node down with it", async () => {
    const { pid, code } = await inChild(`startHardhatNode().then((n) => { console.log("pid=" + n.pid); throw new Error("test failed"); });`);
    expect(pid).to.be.greaterThan(0);
    expect(code).to.not.equal(0);
    expect(await groupAliveAfter(pid)).to.equal(false);
  });

  it("a test process stopped by SIGTERM (or Ctrl-C) takes its node down with it", async () => {
    const { pid } = await inChild(`startHardhatNode().then((n) => { console.log("pid=" + n.pid); setInterval(() => {}, 1000); });`, (child) => child.kill("SIGTERM"));
    expect(pid).to.be.greaterThan(0);
    expect(await groupAliveAfter(pid)).to.equal(false);
  });
});
