/**
 * `npm run demo` — the main job end to end on real input (see docs/demo.md).
 *
 *   npm run demo                              # in-process Hardhat network
 *   npm run demo -- --network localhost       # against `npx hardhat node` (LOCALHOST_RPC_URL or :8545)
 *
 * Environment: DEMO_REPORT — where to write the JSON report (default `reports/demo.json`);
 * DEMO_DEPLOYMENT_ID — Ignition deployment id on networks other than `hardhat` (default
 * `demo-<chainId>-<timestamp>`, journal under `ignition/deployments/`).
 */
import path from "node:path";
import hre from "hardhat";
import { DemoStepError } from "./runner";
import { formatSummary, writeReport, type DemoReport } from "./report";
import { newReport, runDemo } from "./scenario";

async function main(): Promise<void> {
  const reportPath = path.resolve(process.env.DEMO_REPORT ?? path.join(hre.config.paths.root, "reports", "demo.json"));
  const report: DemoReport = await newReport(hre);
  const deploymentId = process.env.DEMO_DEPLOYMENT_ID ?? `demo-${report.network.chainId}-${report.startedAt.replace(/[-:]/g, "").replace(/\..*$/, "")}`;
  console.log(`OpenTonne demo on network "${hre.network.name}" (chain ${report.network.chainId}); report → ${path.relative(process.cwd(), reportPath) || reportPath}\n`);
  try {
    await runDemo(hre, report, { deploymentId });
  } catch (error) {
    (report as DemoReport & { error?: string }).error = error instanceof Error ? error.message : String(error);
    writeReport(reportPath, report);
    throw error;
  }
  writeReport(reportPath, report);
  console.log(formatSummary(report));
  console.log(`\nJSON report (addresses, tx hashes, bigint as strings): ${reportPath}`);
}

main().catch((error: unknown) => {
  if (error instanceof DemoStepError) {
    console.error(`\nDemo stopped: ${error.message}`);
  } else {
    console.error("\nDemo stopped:", error);
  }
  process.exitCode = 1;
});
