import { expect } from "chai";
import hre from "hardhat";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { HDNodeWallet, JsonRpcProvider } from "ethers";
import type { HardhatNetworkHDAccountsConfig } from "hardhat/types";
import ts from "typescript";
import { isCoverageRun, startHardhatNode } from "../helpers/node";
import { RPC_ACCOUNTS, deployRpcSystem } from "../helpers/rpc-system";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "..", "..");
const SDK = path.join(ROOT, "sdk");
const QUICKSTART = path.join(SDK, "examples", "quickstart.ts");
const TSC = require.resolve("typescript/bin/tsc", { paths: [ROOT] });
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const rootPackage = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> };

/** A consumer that uses the package's types in anger: it must type-check, and its misuses must not. */
const CONSUMER_TS = `
import { JsonRpcProvider } from "ethers";
import {
  OpenTonne, parseCredits, formatCredits, InvalidArgumentError, RegistryUnknownProjectError, ContractRevertError,
  type AccountTransaction, type Deployment, type PriceSeries, type Project,
} from "opentonne";
import { CreditMarketplaceAbi, ERROR_ABI } from "opentonne/abi";

export const abi: readonly unknown[] = [...CreditMarketplaceAbi, ...ERROR_ABI];

export function describeTx(tx: AccountTransaction): string {
  switch (tx.kind) {
    case "trade": return \`\${tx.side} \${formatCredits(tx.amount)} at \${tx.pricePerCredit}\`;
    case "retirement": return \`retired for \${tx.beneficiaryName}\`;
    case "claim": return \`claimed period \${tx.periodId}\`;
    default: return \`\${tx.kind} \${tx.amount} of batch \${tx.batchId}\`;
  }
}

export async function main(addresses: Deployment): Promise<[Project, PriceSeries[], bigint]> {
  const ot = await OpenTonne.connect(new JsonRpcProvider("http://127.0.0.1:1"), { addresses, chainId: 31337 });
  const project = await ot.registry.getProject(1n);
  const series = await ot.history.priceHistory(1n, { onProgress: (done: number, total: number) => void [done, total] });
  const error: unknown = new RegistryUnknownProjectError([7n], "0x");
  const id: bigint = error instanceof RegistryUnknownProjectError ? error.projectId : 0n;
  const base: ContractRevertError | undefined = error instanceof ContractRevertError ? error : undefined;
  void base; void InvalidArgumentError;
  // @ts-expect-error amounts are bigint grams, not numbers
  parseCredits(1.5);
  // @ts-expect-error a project's name is a string
  const n: number = project.name;
  void n;
  return [project, series, id + parseCredits("1")];
}
`;

/** Offline checks, as ESM and as CommonJS. */
const CHECK_BODY = `
const results = [];
const check = (name, ok) => { if (!ok) throw new Error("check failed: " + name); results.push(name); };
check("OpenTonne.connect", typeof OpenTonne.connect === "function");
check("parseCredits", parseCredits("1.5") === 1500000n && formatCredits(2500000n) === "2.5");
let thrown;
try { parseCredits("1.2345678"); } catch (e) { thrown = e; }
check("InvalidArgumentError", thrown instanceof InvalidArgumentError && thrown instanceof OpenTonneError && thrown.argument === "value");
const err = new RegistryUnknownProjectError([5n], "0x");
check("RegistryUnknownProjectError", err instanceof ContractRevertError && err.projectId === 5n && err.errorName === "RegistryUnknownProject");
const data = id("RegistryUnknownProject(uint256)").slice(0, 10) + AbiCoder.defaultAbiCoder().encode(["uint256"], [7n]).slice(2);
const decoded = decodeRevertData("registry.getProject", data);
check("decodeRevertData", decoded instanceof RegistryUnknownProjectError && decoded.projectId === 7n && decoded.action === "registry.getProject");
OpenTonne.connect({}).then(
  () => { throw new Error("connect({}) resolved"); },
  (e) => {
    check("connect refuses a non-runner", e instanceof InvalidArgumentError && e.argument === "runner");
    console.log(JSON.stringify(results));
  },
);
`;
const CHECK_MJS = `import { OpenTonne, parseCredits, formatCredits, InvalidArgumentError, OpenTonneError, RegistryUnknownProjectError, ContractRevertError, decodeRevertData } from "opentonne";\nimport { AbiCoder, id } from "ethers";\n${CHECK_BODY}`;
const CHECK_CJS = `const { OpenTonne, parseCredits, formatCredits, InvalidArgumentError, OpenTonneError, RegistryUnknownProjectError, ContractRevertError, decodeRevertData } = require("opentonne");\nconst { AbiCoder, id } = require("ethers");\n${CHECK_BODY}`;
const EXPECTED_CHECKS = ["OpenTonne.connect", "parseCredits", "InvalidArgumentError", "RegistryUnknownProjectError", "decodeRevertData", "connect refuses a non-runner"];

/** The ```ts code blocks of the package README (sdk/README.md), each a self-contained module. */
function readmeBlocks(): string[] {
  const readme = fs.readFileSync(path.join(SDK, "README.md"), "utf8");
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** The distinct modules a JS or declaration file imports (static imports / re-exports, import(), require()). */
function moduleSpecifiers(code: string): string[] {
  const patterns = [/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm, /^\s*import\s*['"]([^'"]+)['"]/gm, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g];
  return [...new Set(patterns.flatMap((re) => [...code.matchAll(re)].map((m) => m[1])))].sort();
}

type Resolution = "node10" | "node16" | "bundler";

function tsconfig(resolution: Resolution, files: string[], skipLibCheck: boolean) {
  return JSON.stringify({
    compilerOptions: {
      target: "es2022",
      module: { node10: "commonjs", node16: "node16", bundler: "esnext" }[resolution],
      moduleResolution: resolution,
      strict: true,
      skipLibCheck,
      outDir: "out",
      types: ["node"],
      typeRoots: [path.join(ROOT, "node_modules", "@types")],
    },
    files,
  });
}

describe("SDK package: build, npm pack, install in a fresh project, import, type-check, quickstart @skip-on-coverage", function () {
  let consumer: string;
  let packed: string[];

  before(async function () {
    this.timeout(600_000); // tsup's declaration bundling of both entries takes minutes on a busy machine
    await run(NPM, ["run", "bundle:sdk"], { cwd: ROOT });
    consumer = fs.mkdtempSync(path.join(os.tmpdir(), "opentonne-consumer-"));
    const { stdout } = await run(NPM, ["pack", SDK, "--pack-destination", consumer, "--json"], { cwd: ROOT });
    const [info] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    packed = info.files.map((f) => f.path).sort();
    fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "opentonne-consumer", private: true, version: "1.0.0" }));
    const ethersVersion = rootPackage.devDependencies.ethers;
    await run(NPM, ["install", "--prefer-offline", "--no-audit", "--no-fund", path.join(consumer, info.filename), `ethers@${ethersVersion}`], { cwd: consumer });
  });

  after(function () {
    if (consumer) fs.rmSync(consumer, { recursive: true, force: true });
  });

  it("the tarball holds the build, README, LICENSE and the manifest, and the declarations reference nothing outside it", async () => {
    const chunks = packed.filter((f) => /^dist\/error-abi-[\w-]+\.d\.m?ts$/.test(f));
    expect(chunks, "the shared declaration chunk of both entries").to.have.length(2);
    expect(packed.filter((f) => !chunks.includes(f))).to.deep.equal([
      "LICENSE",
      "README.md",
      "dist/abi.d.mts",
      "dist/abi.d.ts",
      "dist/abi.js",
      "dist/abi.mjs",
      "dist/index.d.mts",
      "dist/index.d.ts",
      "dist/index.js",
      "dist/index.mjs",
      "package.json",
    ]);
    const installed = path.join(consumer, "node_modules", "opentonne");
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
    expect(manifest).to.include({ name: "opentonne", version: "0.1.0", sideEffects: false });
    expect(manifest.peerDependencies).to.have.property("ethers");
    for (const file of ["index.d.ts", "index.d.mts", "abi.d.ts", "abi.d.mts"]) {
      const dts = fs.readFileSync(path.join(installed, "dist", file), "utf8");
      for (const spec of moduleSpecifiers(dts)) {
        if (spec === "ethers") continue;
        expect(spec, file).to.match(/^\.\/error-abi-[\w-]+\.m?js$/);
        expect(fs.existsSync(path.join(installed, "dist", spec.replace(/\.(m?)js$/, ".d.$1ts"))), `${file} → ${spec}`).to.equal(true);
      }
      expect(dts).to.not.match(/typechain-types|\/\/\/ <reference/);
    }
    // Nothing reads Hardhat artifacts at run time, and ethers stays external.
    for (const file of ["index.js", "index.mjs", "abi.js", "abi.mjs"]) {
      const js = fs.readFileSync(path.join(installed, "dist", file), "utf8");
      expect(js, file).to.not.match(/artifacts\/|readFileSync|require\(["']hardhat/);
      expect(moduleSpecifiers(js), file).to.deep.equal(file.startsWith("abi") ? [] : ["ethers"]);
    }
  });

  it("imports from ESM (.mjs) and CommonJS (.cjs) and works offline", async () => {
    fs.writeFileSync(path.join(consumer, "check.mjs"), CHECK_MJS);
    fs.writeFileSync(path.join(consumer, "check.cjs"), CHECK_CJS);
    for (const file of ["check.mjs", "check.cjs"]) {
      const { stdout } = await run(process.execPath, [file], { cwd: consumer });
      expect(JSON.parse(stdout.trim()), file).to.deep.equal(EXPECTED_CHECKS);
    }
  });

  // node16: the CommonJS declarations (`require` condition), the .d.ts itself checked too (no skipLibCheck);
  // bundler: the ESM declarations (`import` condition). The consumer's @ts-expect-error lines fail the
  // check if the package's types ever degrade to `any`.
  // node10 (the default of `"module": "commonjs"`): no `exports` support, the types come through
  // `typesVersions` (the package README's code blocks are checked there too).
  for (const [resolution, skipLibCheck] of [["node10", true], ["node16", false], ["bundler", true]] as const) {
    it(`type-checks a TypeScript consumer, the quickstart and the package README's code blocks against the installed declarations (moduleResolution ${resolution})`, async () => {
      fs.writeFileSync(path.join(consumer, "consumer.ts"), CONSUMER_TS);
      fs.copyFileSync(QUICKSTART, path.join(consumer, "quickstart.ts"));
      const blocks = readmeBlocks();
      blocks.forEach((code, i) => fs.writeFileSync(path.join(consumer, `readme${i}.ts`), code));
      const files = ["consumer.ts", "quickstart.ts", ...blocks.map((_, i) => `readme${i}.ts`)];
      fs.writeFileSync(path.join(consumer, `tsconfig.${resolution}.json`), tsconfig(resolution, files, skipLibCheck));
      const result = await run(process.execPath, [TSC, "-p", `tsconfig.${resolution}.json`, "--noEmit"], { cwd: consumer }).catch((e: { stdout: string }) => e);
      expect(result.stdout, resolution).to.equal("");
    });
  }

  it("opentonne/abi loads from ESM and CommonJS and lets plain ethers decode a cross-contract revert", async () => {
    const body = `
const iface = new Interface([...CreditMarketplaceAbi, ...ERROR_ABI]);
const data = iface.encodeErrorResult("ERC1155InsufficientBalance", ["0x0000000000000000000000000000000000000001", 0n, 5n, 1n]);
const alone = new Interface(CreditMarketplaceAbi).parseError(data);
console.log(JSON.stringify([alone === null, iface.parseError(data).name]));`;
    fs.writeFileSync(path.join(consumer, "abi.mjs"), `import { Interface } from "ethers";\nimport { CreditMarketplaceAbi, ERROR_ABI } from "opentonne/abi";\n${body}`);
    fs.writeFileSync(path.join(consumer, "abi.cjs"), `const { Interface } = require("ethers");\nconst { CreditMarketplaceAbi, ERROR_ABI } = require("opentonne/abi");\n${body}`);
    for (const file of ["abi.mjs", "abi.cjs"]) {
      const { stdout } = await run(process.execPath, [file], { cwd: consumer });
      expect(JSON.parse(stdout.trim()), file).to.deep.equal([true, "ERC1155InsufficientBalance"]);
    }
  });

  it("is tree-shakeable and browser-safe: prints the bundle size of a minimal import and of the full SDK (esbuild, minified, ethers external)", async () => {
    const esbuild = await import("esbuild");
    const bundle = async (code: string) => {
      const entry = path.join(consumer, `size-${Math.random().toString(36).slice(2)}.mjs`);
      fs.writeFileSync(entry, code);
      // platform "browser": a Node-only import (node:fs, …) would fail the build.
      const r = await esbuild.build({ entryPoints: [entry], bundle: true, minify: true, write: false, format: "esm", platform: "browser", external: ["ethers"], absWorkingDir: consumer });
      return r.outputFiles[0].text;
    };
    const minimal = await bundle(`import { formatCredits } from "opentonne";\nconsole.log(formatCredits(1500000n));\n`);
    const full = await bundle(`import * as ot from "opentonne";\nconsole.log(Object.keys(ot).length);\n`);
    console.log(`      bundle size (minified, ethers external): formatCredits only ${(minimal.length / 1024).toFixed(1)} kB; full SDK ${(full.length / 1024).toFixed(1)} kB`);
    expect(minimal, "the minimal import pulls no error ABI").to.not.match(/RegistryUnknownProject|AccessControlUnauthorizedAccount/);
    expect(minimal.length).to.be.lessThan(8 * 1024);
    expect(full).to.match(/RegistryUnknownProject/);
    expect(full.length).to.be.greaterThan(20 * minimal.length);
  });

  it("builds in a Vite page (vite build of an index.html importing the installed package): no Node-only module is pulled in", async function () {
    this.timeout(180_000);
    const page = path.join(consumer, "vite-page");
    fs.mkdirSync(page, { recursive: true });
    fs.writeFileSync(path.join(page, "index.html"), `<!doctype html><html><body><div id="out"></div><script type="module" src="./main.js"></script></body></html>\n`);
    fs.writeFileSync(
      path.join(page, "main.js"),
      `import { BrowserProvider, JsonRpcProvider } from "ethers";\nimport { OpenTonne, formatCredits, parseCredits } from "opentonne";\n` +
        `const provider = window.ethereum ? new BrowserProvider(window.ethereum) : new JsonRpcProvider("http://127.0.0.1:8545");\n` +
        `document.getElementById("out").textContent = formatCredits(parseCredits("1.5")) + " " + typeof OpenTonne.connect + " " + typeof provider;\n`,
    );
    const vite = path.join(ROOT, "node_modules", ".bin", "vite");
    const outDir = path.join(page, "dist");
    const { stdout, stderr } = await run(vite, ["build", page, "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"], { cwd: consumer });
    expect(stdout + stderr, "Vite warns when it externalises a Node built-in for the browser").to.not.match(/externalized for browser compatibility|node:(fs|path|crypto|child_process)/);
    const assets = fs.readdirSync(path.join(outDir, "assets")).filter((f) => f.endsWith(".js"));
    expect(assets).to.have.length.greaterThan(0);
    const js = assets.map((f) => fs.readFileSync(path.join(outDir, "assets", f), "utf8")).join("\n");
    expect(js, "no browser-external stub of a Node module").to.not.match(/__vite-browser-external/);
    expect(js).to.match(/OpenTonne|formatCredits|1\.5/);
    console.log(`      Vite page bundle (SDK + ethers, minified): ${(js.length / 1024).toFixed(1)} kB`);
  });

  it("runs the quickstart, imported from the installed package, against a hardhat node with the system deployed", async () => {
    // Type-checked above; here only transpiled (to CommonJS: it loads the package's `require` build).
    const { outputText } = ts.transpileModule(fs.readFileSync(QUICKSTART, "utf8"), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    fs.mkdirSync(path.join(consumer, "out"), { recursive: true });
    fs.writeFileSync(path.join(consumer, "out", "quickstart.js"), outputText);
    const node = await startHardhatNode({ allowUnlimitedContractSize: isCoverageRun(hre) });
    const provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true, cacheTimeout: -1, pollingInterval: 50 });
    try {
      const sys = await deployRpcSystem(provider, hre.artifacts);
      // As `npm run export-addresses -- --out addresses.json --include-local` writes it: chain id → entry.
      fs.writeFileSync(path.join(consumer, "addresses.json"), JSON.stringify({ "31337": sys.deployment }));
      const accounts = hre.config.networks.hardhat.accounts as HardhatNetworkHDAccountsConfig;
      const registrar = HDNodeWallet.fromPhrase(accounts.mnemonic, accounts.passphrase, `${accounts.path}/${RPC_ACCOUNTS.registrar}`);
      expect(registrar.address).to.equal(await sys.accounts.registrar.getAddress());
      const { stdout } = await run(process.execPath, [path.join("out", "quickstart.js")], {
        cwd: consumer,
        env: { ...process.env, RPC_URL: node.url, OPENTONNE_ADDRESSES: "addresses.json", PRIVATE_KEY: registrar.privateKey },
      });
      const projectId = sys.poolProjectId + 1n;
      expect(stdout.trim().split("\n")).to.deep.equal([
        `projects: ${sys.poolProjectId}`,
        `batch 1 of project ${projectId}: 1500.0 credits mintable`,
        `refused: ${registrar.address} lacks role VERIFIER_ROLE`,
        "oracle fleet: 0 devices; registrar transactions: 0",
      ]);
    } finally {
      provider.destroy();
      await node.stop();
    }
  });
});

describe("README quickstart", () => {
  it("the SDK guide's (docs/sdk.md) quickstart code block is sdk/examples/quickstart.ts, verbatim", () => {
    const readme = fs.readFileSync(path.join(ROOT, "docs", "sdk.md"), "utf8");
    const match = readme.match(/<!-- quickstart: sdk\/examples\/quickstart\.ts -->\n```ts\n([\s\S]*?)```/);
    expect(match, "README marker + ```ts block").to.not.equal(null);
    expect(match![1]).to.equal(fs.readFileSync(QUICKSTART, "utf8"));
  });

  it("in-repo imports of ../sdk resolve to the sources, not to the build", () => {
    expect(require.resolve("../../sdk")).to.equal(path.join(SDK, "index.ts"));
  });
});
