import "dotenv/config";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { subtask, task } from "hardhat/config";
import { TASK_COMPILE, TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, TASK_TEST_GET_TEST_FILES } from "hardhat/builtin-tasks/task-names";
import type { HardhatUserConfig, NetworkUserConfig } from "hardhat/types";
import "@nomicfoundation/hardhat-toolbox";
import "hardhat-contract-sizer";
import { missingNetworkHint } from "./scripts/deploy/network-hint";
// Admin tasks (`npx hardhat --help` lists them): one file per domain.
import "./tasks/registry";
import "./tasks/credits";
import "./tasks/pool";
import "./tasks/oracle";
import "./tasks/market";
import "./tasks/access";
import "./tasks/system";

/** Whether solidity-coverage (`npm run coverage`) is running in this process. */
function isCoverage(hre: object): boolean {
  return (hre as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING === true;
}

/** The one compiler version the project uses; it must equal the pinned `solc` npm package. */
const SOLC_VERSION = "0.8.28";

/**
 * Compile with the pinned solc-js from node_modules instead of downloading a native compiler,
 * so `npx hardhat compile` works offline and never depends on a compiler cache.
 */
subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args: { solcVersion: string }) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const solc = require("solc") as { version(): string };
  const longVersion = solc.version().replace(/\.Emscripten\.clang$/, "");
  if (args.solcVersion !== SOLC_VERSION || !longVersion.startsWith(`${SOLC_VERSION}+`)) {
    throw new Error(
      `solc ${args.solcVersion} was requested but only the pinned solc-js ${longVersion} is installed; ` +
        `set hardhat.config.ts SOLC_VERSION and the "solc" devDependency to the same version`,
    );
  }
  return {
    compilerPath: path.join(path.dirname(require.resolve("solc/package.json")), "soljson.js"),
    isSolcJs: true,
    version: SOLC_VERSION,
    longVersion,
  };
});

/**
 * After every compile, regenerate the SDK's embedded ABIs and error classes (`sdk/generated/`)
 * from the artifacts, the way TypeChain regenerates `typechain-types/`. Not from solidity-coverage's
 * instrumented compile (`npm run coverage`, which compiles the normal artifacts first): the ABIs are
 * the same, and `npm test` may be reading these files at that moment.
 */
task(TASK_COMPILE, async (args, hre, runSuper) => {
  const result = await runSuper(args);
  if (isCoverage(hre)) return result;
  const { generateSdkSources } = await import("./scripts/sdk/generate");
  await generateSdkSources(hre.artifacts, hre.config.paths.root);
  return result;
});

/**
 * `npm run coverage` without named test files runs the contract tests: the test files that can reach
 * the in-process network, where solidity-coverage measures the contracts, less the property tests and
 * the tests of the other parts, which reach no contract code the contract tests do not
 * (scripts/ci/coverage-test-files.ts has the rules and the figures; `npm run coverage:all`, with
 * COVERAGE_ALL=1, runs every file that can reach the network). Every file runs in `npm test`.
 */
subtask(TASK_TEST_GET_TEST_FILES, async (args: { testFiles: string[] }, hre, runSuper) => {
  const files: string[] = await runSuper(args);
  if (args.testFiles.length > 0) return files;
  if (!isCoverage(hre)) return longFirst(files);
  const { coverageTestFiles } = await import("./scripts/ci/coverage-test-files");
  const all = process.env.COVERAGE_ALL === "1";
  const selected = coverageTestFiles(files, hre.config.paths.root, all);
  console.log(
    all
      ? `coverage: all ${selected.length} of ${files.length} test files that reach the in-process network`
      : `coverage: the ${selected.length} contract test files of ${files.length} (scripts/ci/coverage-test-files.ts); every file runs in \`npm test\``,
  );
  return selected;
});

/**
 * The test files with the known long runs first — the fast-check property tests, the end-to-end tests
 * (their own `hardhat node`, Chromium) and the SDK packaging test — then the others, each group in
 * path order. `npm test` runs files in parallel workers (`hardhat test --parallel`), which take the
 * files in this order: a long file started last would finish alone. Changes no test, only when it
 * starts.
 */
function longFirst(files: string[]): string[] {
  const long = (f: string) => /\.(property|e2e)\.test\.ts$|[\\/]packaging\.test\.ts$/.test(f);
  return [...files.filter(long), ...files.filter((f) => !long(f))];
}

/**
 * `MOCHA_FILE_TIMES=1` (CI): the spec reporter plus the seconds each test file took, measured by
 * root hooks in the process that runs it — each worker of a parallel run — and added up by the
 * reporter (scripts/ci/mocha-file-times*.js) through the directory `MOCHA_FILE_TIMES_DIR`.
 */
function fileTimes(): HardhatUserConfig["mocha"] {
  if (!process.env.MOCHA_FILE_TIMES) return {};
  process.env.MOCHA_FILE_TIMES_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "mocha-file-times-"));
  const hooks = path.join(__dirname, "scripts/ci/mocha-file-times-hooks.js");
  const parallel = process.argv.includes("--parallel");
  return {
    reporter: path.join(__dirname, "scripts/ci/mocha-file-times.js"),
    // Workers of a parallel run load `require` themselves; a serial run takes the hooks directly.
    ...(parallel ? { require: [hooks] } : { rootHooks: require(hooks).mochaHooks }),
  };
}

// `--network sepolia` without `.env`: say which variables are missing (Hardhat then reports HH100).
const networkHint = missingNetworkHint(process.argv, process.env);
if (networkHint !== undefined) console.error(`Hint: ${networkHint}`);

/** A public network is configured only when both its RPC URL and the deployer key are in `.env`. */
function publicNetwork(urlVar: string, chainId: number): Record<string, NetworkUserConfig> {
  const url = process.env[urlVar];
  const key = process.env.DEPLOYER_PRIVATE_KEY;
  if (!url || !key) return {};
  const name = urlVar.replace(/_RPC_URL$/, "").toLowerCase();
  return { [name]: { url, chainId, accounts: [key] } };
}

const config: HardhatUserConfig = {
  solidity: {
    version: SOLC_VERSION,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "cancun",
    },
  },
  networks: {
    hardhat: {},
    localhost: { url: process.env.LOCALHOST_RPC_URL ?? "http://127.0.0.1:8545" },
    ...publicNetwork("SEPOLIA_RPC_URL", 11155111),
    ...publicNetwork("AMOY_RPC_URL", 80002),
    ...publicNetwork("BASE_SEPOLIA_RPC_URL", 84532),
  },
  etherscan: { apiKey: process.env.ETHERSCAN_API_KEY ?? "" },
  gasReporter: { enabled: process.env.REPORT_GAS === "true", offline: true },
  contractSizer: { strict: true, runOnCompile: false, except: ["mocks/"] },
  mocha: {
    timeout: 120_000,
    // `npm test` is `hardhat test --parallel`: one worker process per core (MOCHA_JOBS to change),
    // each with its own in-process network; `npx hardhat test <file>` runs serially.
    jobs: Number(process.env.MOCHA_JOBS) || os.availableParallelism(),
    // CI (`.ci/run`) sets MOCHA_FILE_TIMES=1: spec output plus the seconds each test file took.
    ...fileTimes(),
  },
};

export default config;
