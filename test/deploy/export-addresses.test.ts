import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { deploy, DeploymentResultType } from "@nomicfoundation/ignition-core";
import { HardhatArtifactResolver } from "@nomicfoundation/hardhat-ignition/helpers";
import OpenTonneModule from "../../ignition/modules/OpenTonne";
import { ROLE_PARAMETERS } from "../../ignition/modules/system";
import { AddressResolutionError, type AddressBookEntry } from "../../scripts/deploy/addresses";
import { exportAddresses, parseExportArgs } from "../../scripts/deploy/export-addresses";
import { DeploymentParameterError, checkDeploymentParameters } from "../../scripts/deploy/parameters";

const ROOT = path.resolve(__dirname, "..", "..");

function expectThrow(fn: () => unknown, type: new (...a: never[]) => Error, pattern: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, "expected an error").to.be.instanceOf(type);
  expect((caught as Error).message).to.match(pattern);
}

describe("scripts/deploy/export-addresses", () => {
  let tmp: string;
  let deploymentDir: string;
  let firstBlock: number;
  let expected: AddressBookEntry;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "opentonne-export-"));
    deploymentDir = path.join(tmp, "deployment");
    firstBlock = (await ethers.provider.getBlockNumber()) + 1; // automine: the first transaction's block
    const accounts = (await hre.network.provider.request({ method: "eth_accounts" })) as string[];
    const result = await deploy({
      config: { requiredConfirmations: 1 },
      provider: hre.network.provider,
      deploymentDir,
      artifactResolver: new HardhatArtifactResolver(hre),
      ignitionModule: OpenTonneModule,
      deploymentParameters: {},
      accounts,
    });
    if (result.type !== DeploymentResultType.SUCCESSFUL_DEPLOYMENT) throw new Error("deployment failed");
    const at = (name: string) => result.contracts[`OpenTonne#${name}`].address;
    expected = {
      registry: at("ProjectRegistry"),
      credits: at("CarbonCredits"),
      market: at("CreditMarketplace"),
      pool: at("CarbonPool"),
      oracle: at("MRVOracle"),
      deploymentBlock: firstBlock,
      paymentToken: result.contracts["MockUSD#MockUSD"].address,
    };
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("writes exactly { chainId: { registry, credits, market, pool, oracle, deploymentBlock, paymentToken } } into a new book", () => {
    const out = path.join(tmp, "new", "deployments.json");
    const r = exportAddresses({ deploymentDir, out, includeLocal: true });
    expect(r.action).to.equal("added");
    const book = JSON.parse(fs.readFileSync(out, "utf8")) as Record<string, AddressBookEntry>;
    expect(Object.keys(book)).to.deep.equal(["31337"]);
    expect(Object.keys(book["31337"])).to.deep.equal(["registry", "credits", "market", "pool", "oracle", "deploymentBlock", "paymentToken"]);
    expect(book["31337"]).to.deep.equal(expected);
  });

  it("merges into an existing book, keeps other chains, and is idempotent", () => {
    const out = path.join(tmp, "merge.json");
    const other = { ...expected, deploymentBlock: 5 };
    fs.writeFileSync(out, JSON.stringify({ "11155111": other }));
    exportAddresses({ deploymentDir, out, includeLocal: true });
    const again = exportAddresses({ deploymentDir, out, includeLocal: true });
    expect(again.action).to.equal("unchanged");
    const book = JSON.parse(fs.readFileSync(out, "utf8")) as Record<string, AddressBookEntry>;
    expect(Object.keys(book)).to.deep.equal(["31337", "11155111"]);
    expect(book["11155111"]).to.deep.equal(other);
    expect(book["31337"]).to.deep.equal(expected);
  });

  it("refuses to overwrite a different entry for the chain unless --force", () => {
    const out = path.join(tmp, "conflict.json");
    const stale = { ...expected, registry: ethers.getAddress("0x" + "11".repeat(20)) };
    const original = JSON.stringify({ "31337": stale });
    fs.writeFileSync(out, original);
    expectThrow(() => exportAddresses({ deploymentDir, out, includeLocal: true }), AddressResolutionError, /already has a different entry.*--force/);
    expect(fs.readFileSync(out, "utf8")).to.equal(original);
    expect(exportAddresses({ deploymentDir, out, includeLocal: true, force: true }).action).to.equal("replaced");
    expect(JSON.parse(fs.readFileSync(out, "utf8"))["31337"]).to.deep.equal(expected);
  });

  it("refuses the transient chain 31337 unless --include-local, and writes nothing", () => {
    const out = path.join(tmp, "local.json");
    expectThrow(() => exportAddresses({ deploymentDir, out }), AddressResolutionError, /chain 31337 is a local, transient chain/);
    expect(fs.existsSync(out)).to.equal(false);
  });

  it("fails clearly on a missing deployment, a malformed book and bad flags", () => {
    const out = path.join(tmp, "bad.json");
    expectThrow(() => exportAddresses({ deploymentDir: path.join(tmp, "nope"), out }), AddressResolutionError, /no such Ignition deployment/);
    fs.writeFileSync(out, "{ not json");
    expectThrow(() => exportAddresses({ deploymentDir, out, includeLocal: true }), AddressResolutionError, /bad\.json: not valid JSON/);
    expectThrow(() => parseExportArgs([], ROOT), AddressResolutionError, /exactly one of --deployment-id/);
    expectThrow(() => parseExportArgs(["--deployment-id"], ROOT), AddressResolutionError, /--deployment-id: a value is required/);
    expectThrow(() => parseExportArgs(["--deployment-id", "../x"], ROOT), AddressResolutionError, /not a valid Ignition deployment id/);
    expectThrow(() => parseExportArgs(["--deployment-id", "a", "--bogus"], ROOT), AddressResolutionError, /unknown argument "--bogus"/);
    const opts = parseExportArgs(["--deployment-id", "chain-11155111", "--force"], ROOT);
    expect(opts.deploymentDir).to.equal(path.join(ROOT, "ignition", "deployments", "chain-11155111"));
    expect(opts.out).to.equal(path.join(ROOT, "sdk", "deployments.json"));
    expect(opts.force).to.equal(true);
  });

  it("runs as `npm run export-addresses` (CLI): exit 0 and the entry, exit 1 and the message", () => {
    const out = path.join(tmp, "cli.json");
    const cli = path.join(ROOT, "scripts", "deploy", "export-addresses.ts");
    const tsNode = path.join(ROOT, "node_modules", ".bin", "ts-node");
    const args = ["--transpile-only", cli, "--deployment-dir", deploymentDir, "--out", out];
    let failure = "";
    try {
      execFileSync(tsNode, args, { cwd: ROOT, stdio: "pipe" });
    } catch (e) {
      failure = String((e as { stderr: Buffer }).stderr);
    }
    expect(failure).to.match(/error: .*chain 31337 is a local, transient chain/);
    const stdout = execFileSync(tsNode, [...args, "--include-local"], { cwd: ROOT, stdio: "pipe" }).toString();
    expect(stdout).to.contain("chain 31337: added");
    expect(JSON.parse(fs.readFileSync(out, "utf8"))["31337"]).to.deep.equal(expected);
  });

  it("the committed sdk/deployments.json has no entry for the transient chain 31337", () => {
    const book = JSON.parse(fs.readFileSync(path.join(ROOT, "sdk", "deployments.json"), "utf8")) as Record<string, unknown>;
    expect(book).to.not.have.property("31337");
  });
});

describe("scripts/deploy/parameters: placeholders never deploy", () => {
  const dir = path.join(ROOT, "ignition", "parameters");

  it("refuses each public network's committed file, naming the placeholder parameter", () => {
    for (const network of ["sepolia", "amoy", "baseSepolia"]) {
      expectThrow(
        () => checkDeploymentParameters(path.join(dir, `${network}.json`)),
        DeploymentParameterError,
        new RegExp(`${network}\\.json: OpenTonnePublic\\.admin is a placeholder`),
      );
    }
  });

  it("accepts localhost.json and a filled-in public file; refuses a zero or malformed address and admin = deployer", async () => {
    checkDeploymentParameters(path.join(dir, "localhost.json"));
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "opentonne-params-"));
    try {
      const filled = JSON.parse(fs.readFileSync(path.join(dir, "sepolia.json"), "utf8")) as { OpenTonnePublic: Record<string, unknown> };
      for (const key of ["admin", "feeRecipient", "treasury", "oracleSigner", "paymentToken", ...ROLE_PARAMETERS]) {
        filled.OpenTonnePublic[key] = ethers.Wallet.createRandom().address;
      }
      const file = path.join(tmp, "filled.json");
      fs.writeFileSync(file, JSON.stringify(filled));
      checkDeploymentParameters(file);
      const [deployer] = await ethers.getSigners();
      checkDeploymentParameters(file, deployer.address);
      filled.OpenTonnePublic.admin = deployer.address.toLowerCase();
      fs.writeFileSync(file, JSON.stringify(filled));
      expectThrow(() => checkDeploymentParameters(file, deployer.address), DeploymentParameterError, /OpenTonnePublic\.admin is the deploying account/);
      filled.OpenTonnePublic.admin = ethers.Wallet.createRandom().address;
      filled.OpenTonnePublic.treasury = ethers.ZeroAddress;
      fs.writeFileSync(file, JSON.stringify(filled));
      expectThrow(() => checkDeploymentParameters(file), DeploymentParameterError, /OpenTonnePublic\.treasury must be a non-zero address/);
      filled.OpenTonnePublic.treasury = "0x1234";
      fs.writeFileSync(file, JSON.stringify(filled));
      expectThrow(() => checkDeploymentParameters(file), DeploymentParameterError, /OpenTonnePublic\.treasury must be a non-zero address, got "0x1234"/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("OT-06 rules: refuses registrar / verifier / issuer sharing an account, and a role holder that is the deployer; the local module is not affected", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "opentonne-params-"));
    try {
      const [deployer] = await ethers.getSigners();
      const filled = JSON.parse(fs.readFileSync(path.join(dir, "sepolia.json"), "utf8")) as { OpenTonnePublic: Record<string, unknown> };
      for (const key of ["admin", "feeRecipient", "treasury", "oracleSigner", "paymentToken", ...ROLE_PARAMETERS]) {
        filled.OpenTonnePublic[key] = ethers.Wallet.createRandom().address;
      }
      const file = path.join(tmp, "filled.json");
      const write = (over: Record<string, unknown>) => fs.writeFileSync(file, JSON.stringify({ OpenTonnePublic: { ...filled.OpenTonnePublic, ...over } }));
      const shared = ethers.Wallet.createRandom().address;
      for (const [a, b] of [["registrar", "verifier"], ["registrar", "issuer"], ["verifier", "issuer"]]) {
        write({ [a]: shared, [b]: shared.toLowerCase() });
        expectThrow(() => checkDeploymentParameters(file), DeploymentParameterError, new RegExp(`OpenTonnePublic\\.${b} is the same account as OpenTonnePublic\\.${a}`));
      }
      for (const role of ROLE_PARAMETERS) {
        write({ [role]: deployer.address });
        checkDeploymentParameters(file); // without the deployer known, only the distinctness rule applies
        expectThrow(() => checkDeploymentParameters(file, deployer.address), DeploymentParameterError, new RegExp(`OpenTonnePublic\\.${role} is the deploying account`));
      }
      // the pauser may be one of the others' accounts; only registrar / verifier / issuer must differ
      write({ pauser: filled.OpenTonnePublic.registrar });
      checkDeploymentParameters(file, deployer.address);
      // the local module keeps its defaults (every role with the deployer)
      fs.writeFileSync(file, JSON.stringify({ OpenTonne: { registrar: deployer.address, verifier: deployer.address, issuer: deployer.address } }));
      checkDeploymentParameters(file, deployer.address);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("`ignition deploy` refuses a placeholder file before Ignition starts", async () => {
    const before = await ethers.provider.getBlockNumber();
    let message = "";
    try {
      await hre.run(
        { scope: "ignition", task: "deploy" },
        { modulePath: "ignition/modules/OpenTonnePublic.ts", parameters: "ignition/parameters/amoy.json" },
      );
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).to.match(/amoy\.json: OpenTonnePublic\.admin is a placeholder/);
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
  });
});
