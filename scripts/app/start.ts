/**
 * `npm run app` — the whole local stack to look at the web app (docs/app.md): a `hardhat node` on a
 * free loopback port, the demo scenario deployed on it (reports/demo.json), and the app's Vite dev
 * server reading that node. Prints the URL; Ctrl-C stops everything.
 *
 * `npm run app -- --oracle-node` also starts a local oracle node seeded with the same Plant 1 fixture
 * (scripts/app/oracle-node.ts) and points the app at it, so the oracle screen shows the audits.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { freePort } from "../../test/helpers/node";
import { startSeededOracleNode, type SeededOracleNode } from "./oracle-node";
import { killGroup, ROOT, startDemoStack, viteBin, writeAppConfig } from "./stack";

async function main(): Promise<void> {
  console.log("Starting hardhat node and deploying the demo scenario (about a minute)…");
  const stack = await startDemoStack({ onOutput: (t) => process.stdout.write(t.replace(/^/gm, "  demo │ ")) });
  let oracleNode: SeededOracleNode | undefined;
  if (process.argv.includes("--oracle-node")) {
    console.log("\nStarting a local oracle node and feeding it the Plant 1 fixture over HTTP…");
    oracleNode = await startSeededOracleNode().catch(async (error: unknown) => {
      await stack.stop();
      throw error;
    });
    console.log(`  oracle node ${oracleNode.url}: ${oracleNode.dates.length} local days ingested and verified`);
  }
  const configFile = path.join(ROOT, "reports", "app", "opentonne.config.json");
  writeAppConfig(configFile, oracleNode ? { ...stack.config, oracleNodeUrl: oracleNode.url } : stack.config);
  const port = await freePort();
  const vite = spawn(process.execPath, [viteBin(), "--config", "app/vite.config.mts", "--port", String(port), "--strictPort"], {
    cwd: ROOT,
    env: { ...process.env, OPENTONNE_APP_CONFIG: configFile },
    detached: true,
    stdio: ["ignore", "inherit", "inherit"],
  });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    killGroup(vite);
    await oracleNode?.stop();
    await stack.stop();
    process.exit(code);
  };
  vite.once("exit", (code) => void stop(code ?? 1));
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, () => void stop(0));
  console.log(`\nOpenTonne app: http://127.0.0.1:${port}/   (node ${stack.node.url}, chain 31337; Ctrl-C stops everything)\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
