import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { deploy, DeploymentResultType } from "@nomicfoundation/ignition-core";
import { HardhatArtifactResolver } from "@nomicfoundation/hardhat-ignition/helpers";
import OpenTonneModule from "../../ignition/modules/OpenTonne";
import OpenTonnePublicModule, { HANDOVER_CONTRACTS } from "../../ignition/modules/OpenTonnePublic";
import { ROLE_IDS, ROLE_PARAMETERS, SYSTEM_ADMIN_TRANSFER_DELAY } from "../../ignition/modules/system";
import type { BaseContract } from "ethers";
import type { CarbonCredits, CarbonPool, CreditMarketplace, MRVOracle, ProjectRegistry } from "../../typechain-types";

const ADMIN = ethers.ZeroHash;

/** Every operational role the module grants to an account: [contract, role, parameter]. */
const ACCOUNT_ROLES = [
  ["registry", "REGISTRAR_ROLE", "registrar"],
  ["registry", "VERIFIER_ROLE", "verifier"],
  ["credits", "ISSUER_ROLE", "issuer"],
  ["credits", "METADATA_ROLE", "metadataAdmin"],
  ["credits", "PAUSER_ROLE", "pauser"],
  ["market", "FEE_ADMIN_ROLE", "feeAdmin"],
  ["market", "MARKET_ADMIN_ROLE", "marketAdmin"],
  ["market", "PAUSER_ROLE", "pauser"],
  ["pool", "POOL_MANAGER_ROLE", "poolManager"],
  ["pool", "PAUSER_ROLE", "pauser"],
  ["oracle", "DEVICE_REGISTRAR_ROLE", "deviceRegistrar"],
  ["oracle", "PAUSER_ROLE", "pauser"],
] as const;

/** The five contracts of an Ignition result, typed with TypeChain. */
async function typed(r: Record<"registry" | "credits" | "market" | "pool" | "oracle", BaseContract>) {
  return {
    registry: (await ethers.getContractAt("ProjectRegistry", await r.registry.getAddress())) as unknown as ProjectRegistry,
    credits: (await ethers.getContractAt("CarbonCredits", await r.credits.getAddress())) as unknown as CarbonCredits,
    market: (await ethers.getContractAt("CreditMarketplace", await r.market.getAddress())) as unknown as CreditMarketplace,
    pool: (await ethers.getContractAt("CarbonPool", await r.pool.getAddress())) as unknown as CarbonPool,
    oracle: (await ethers.getContractAt("MRVOracle", await r.oracle.getAddress())) as unknown as MRVOracle,
  };
}

type Typed = Awaited<ReturnType<typeof typed>>;

async function expectWiring(c: Typed): Promise<void> {
  const [registry, credits, market, pool, oracle] = await Promise.all(
    [c.registry, c.credits, c.market, c.pool, c.oracle].map((x) => x.getAddress()),
  );
  for (const a of [registry, credits, market, pool, oracle]) expect(await ethers.provider.getCode(a)).to.not.equal("0x");
  expect(await c.registry.credits()).to.equal(credits);
  expect(await c.credits.registry()).to.equal(registry);
  expect(await c.market.credits()).to.equal(credits);
  expect(await c.market.registry()).to.equal(registry);
  expect(await c.pool.registry()).to.equal(registry);
  expect(await c.pool.credits()).to.equal(credits);
  expect(await c.oracle.pool()).to.equal(pool);
  expect(await c.registry.hasRole(ROLE_IDS.REGISTRAR_ROLE, pool)).to.equal(true);
  expect(await c.credits.hasRole(ROLE_IDS.ISSUER_ROLE, pool)).to.equal(true);
  expect(await c.pool.hasRole(ROLE_IDS.ORACLE_ROLE, oracle)).to.equal(true);
  expect(await c.credits.hasRole(ROLE_IDS.ESCROW_ROLE, market)).to.equal(true);
  expect(await c.credits.hasRole(ROLE_IDS.ESCROW_ROLE, pool)).to.equal(true);
}

describe("Ignition: OpenTonne modules", () => {
  it("OpenTonne: deploys all five contracts, wires them, and gives each role to its parameter's account", async () => {
    const signers = await ethers.getSigners();
    const deployer = signers[0];
    const holders: Record<string, string> = {
      registrar: signers[1].address,
      verifier: signers[2].address,
      issuer: signers[3].address,
      metadataAdmin: signers[4].address,
      poolManager: signers[5].address,
      deviceRegistrar: signers[6].address,
      feeAdmin: signers[7].address,
      marketAdmin: signers[8].address,
      pauser: signers[9].address,
    };
    const params = {
      ...holders,
      adminTransferDelay: 3600n,
      defaultURI: "https://meta.example/{id}.json",
      feeRecipient: signers[10].address,
      treasury: signers[11].address,
      oracleSigner: signers[12].address,
    };
    const r = await hre.ignition.deploy(OpenTonneModule, { parameters: { OpenTonne: params } });
    const c = await typed(r);
    await expectWiring(c);
    for (const [contract, role, param] of ACCOUNT_ROLES) {
      expect(await c[contract].hasRole(ROLE_IDS[role], holders[param]), `${contract} ${role}`).to.equal(true);
      expect(await c[contract].hasRole(ROLE_IDS[role], deployer.address), `deployer ${contract} ${role}`).to.equal(false);
    }
    expect(await c.market.feeRecipient()).to.equal(params.feeRecipient);
    expect(await c.pool.treasury()).to.equal(params.treasury);
    expect(await c.oracle.isSigner(params.oracleSigner)).to.equal(true);
    expect(await c.oracle.signerCount()).to.equal(1n);
    expect(await c.oracle.quorum()).to.equal(1n);
    expect(await c.credits.uri(7)).to.equal(params.defaultURI);
    expect(await c.market.isPaymentToken(await r.usd.getAddress())).to.equal(true);
    for (const name of HANDOVER_CONTRACTS) {
      expect(await c[name].defaultAdmin()).to.equal(deployer.address);
      expect(await c[name].defaultAdminDelay()).to.equal(3600n);
      expect((await c[name].pendingDefaultAdmin())[0]).to.equal(ethers.ZeroAddress);
    }
  });

  it("OpenTonne: every address parameter defaults to the deployer (who keeps MARKET_ADMIN_ROLE)", async () => {
    const [deployer] = await ethers.getSigners();
    const c = await typed(await hre.ignition.deploy(OpenTonneModule));
    await expectWiring(c);
    for (const [contract, role] of ACCOUNT_ROLES) {
      expect(await c[contract].hasRole(ROLE_IDS[role], deployer.address), `${contract} ${role}`).to.equal(true);
    }
    expect(await c.market.feeRecipient()).to.equal(deployer.address);
    expect(await c.pool.treasury()).to.equal(deployer.address);
    expect(await c.oracle.isSigner(deployer.address)).to.equal(true);
    expect(await c.registry.defaultAdminDelay()).to.equal(SYSTEM_ADMIN_TRANSFER_DELAY);
  });

  it("OpenTonnePublic: each role to its own holder, none to the deployer; begins the admin transfer to `admin` on all five contracts; the multisig accepts after the delay", async () => {
    const signers = await ethers.getSigners();
    const [deployer, multisig] = signers;
    const usd = await ethers.deployContract("MockUSD", ["USD Coin", "USDC"]);
    // registrar, verifier, issuer, … : accounts 5, 6, 7, …
    const roles = Object.fromEntries(ROLE_PARAMETERS.map((name, i) => [name, signers[5 + i].address]));
    const r = await hre.ignition.deploy(OpenTonnePublicModule, {
      parameters: {
        OpenTonnePublic: {
          admin: multisig.address,
          paymentToken: await usd.getAddress(),
          feeRecipient: signers[2].address,
          treasury: signers[3].address,
          oracleSigner: signers[4].address,
          adminTransferDelay: 86_400n,
          ...roles,
        },
      },
    });
    const c = await typed(r);
    await expectWiring(c);
    expect(await c.market.isPaymentToken(await usd.getAddress())).to.equal(true);
    expect(await c.registry.hasRole(ROLE_IDS.REGISTRAR_ROLE, roles.registrar)).to.equal(true);
    expect(await c.registry.hasRole(ROLE_IDS.VERIFIER_ROLE, roles.verifier)).to.equal(true);
    expect(await c.credits.hasRole(ROLE_IDS.ISSUER_ROLE, roles.issuer)).to.equal(true);
    expect(await c.market.hasRole(ROLE_IDS.MARKET_ADMIN_ROLE, roles.marketAdmin)).to.equal(true);
    // the deployer holds no operational role anywhere (MARKET_ADMIN_ROLE was renounced after setPaymentToken)
    for (const name of HANDOVER_CONTRACTS) {
      for (const id of Object.values(ROLE_IDS)) expect(await c[name].hasRole(id, deployer.address), `${name} ${id}`).to.equal(false);
    }
    for (const name of HANDOVER_CONTRACTS) {
      const [pending, schedule] = await c[name].pendingDefaultAdmin();
      expect(pending, name).to.equal(multisig.address);
      expect(schedule, name).to.be.greaterThan(0n);
      expect(await c[name].defaultAdmin(), name).to.equal(deployer.address);
    }
    await time.increase(86_401);
    for (const name of HANDOVER_CONTRACTS) {
      await c[name].connect(multisig).acceptDefaultAdminTransfer();
      expect(await c[name].defaultAdmin(), name).to.equal(multisig.address);
      expect(await c[name].hasRole(ADMIN, deployer.address), name).to.equal(false);
    }
  });

  it("OpenTonnePublic: a missing required address stops the deployment before any transaction", async () => {
    const before = await ethers.provider.getBlockNumber();
    let message = "";
    try {
      await hre.ignition.deploy(OpenTonnePublicModule, { parameters: { OpenTonnePublic: { admin: ethers.Wallet.createRandom().address } } });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).to.match(/Module parameter '(paymentToken|feeRecipient|treasury|oracleSigner)' requires a value/);
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
  });

  it("OpenTonnePublic: a role holder is required too (no default to the deployer)", async () => {
    const signers = await ethers.getSigners();
    const before = await ethers.provider.getBlockNumber();
    const usd = "0x" + "11".repeat(20);
    const base = { admin: signers[1].address, paymentToken: usd, feeRecipient: signers[2].address, treasury: signers[3].address, oracleSigner: signers[4].address };
    const roles = Object.fromEntries(ROLE_PARAMETERS.map((name, i) => [name, signers[5 + i].address]));
    for (const missing of ["registrar", "verifier", "issuer", "pauser"]) {
      const { [missing]: _dropped, ...rest } = roles;
      let message = "";
      try {
        await hre.ignition.deploy(OpenTonnePublicModule, { parameters: { OpenTonnePublic: { ...base, ...rest } } });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).to.match(new RegExp(`Module parameter '${missing}' requires a value`));
    }
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
  });

  it("redeploying with the same parameters to the same journal is a no-op", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "opentonne-ignition-"));
    try {
      const accounts = (await hre.network.provider.request({ method: "eth_accounts" })) as string[];
      const run = () =>
        deploy({
          config: { requiredConfirmations: 1 },
          provider: hre.network.provider,
          deploymentDir: dir,
          artifactResolver: new HardhatArtifactResolver(hre),
          ignitionModule: OpenTonneModule,
          deploymentParameters: { OpenTonne: { adminTransferDelay: 60n } },
          accounts,
        });
      const first = await run();
      expect(first.type).to.equal(DeploymentResultType.SUCCESSFUL_DEPLOYMENT);
      const journal = () => fs.readFileSync(path.join(dir, "journal.jsonl"), "utf8");
      const sends = (text: string) => text.split("\n").filter((l) => l.includes('"type":"TRANSACTION_SEND"')).length;
      const journal1 = journal();
      const block1 = await ethers.provider.getBlockNumber();
      const nonce1 = await ethers.provider.getTransactionCount(accounts[0]);
      expect(sends(journal1)).to.be.greaterThan(20);

      const second = await run();
      expect(second.type).to.equal(DeploymentResultType.SUCCESSFUL_DEPLOYMENT);
      expect(await ethers.provider.getBlockNumber()).to.equal(block1);
      expect(await ethers.provider.getTransactionCount(accounts[0])).to.equal(nonce1);
      expect(sends(journal())).to.equal(sends(journal1));
      if (first.type === DeploymentResultType.SUCCESSFUL_DEPLOYMENT && second.type === DeploymentResultType.SUCCESSFUL_DEPLOYMENT) {
        expect(second.contracts).to.deep.equal(first.contracts);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
