import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import type { SystemStatus } from "../../tasks/system";
import { approvedProject, expectTaskError, fixture, run } from "./helpers";

describe("tasks: system", () => {
  it("system:status reports addresses, the signer's roles, counts, fee, open period and signers", async () => {
    const f = await fixture();
    await approvedProject(f, "10");
    await run(f, "pool:register-project");
    await run(f, "pool:admit", { member: f.alice.address });
    await run(f, "pool:open-period", { kind: "yearly", date: "2024-06-01" });
    const s = await run<SystemStatus>(f, "system:status");
    expect(s.chainId).to.equal(31337);
    expect(s.addresses.registry).to.equal(await f.registry.getAddress());
    expect(s.addresses.oracle).to.equal(await f.oracle.getAddress());
    expect(s.signer).to.equal(f.deployer.address);
    expect(s.signerRoles.registry).to.deep.equal(["DEFAULT_ADMIN_ROLE", "REGISTRAR_ROLE", "VERIFIER_ROLE"]);
    expect(s.signerRoles.market).to.deep.equal(["DEFAULT_ADMIN_ROLE", "FEE_ADMIN_ROLE", "MARKET_ADMIN_ROLE", "PAUSER_ROLE"]);
    expect(s.signerRoles.pool).to.deep.equal(["DEFAULT_ADMIN_ROLE", "POOL_MANAGER_ROLE", "PAUSER_ROLE"]);
    expect(s.admins.credits).to.deep.equal({ admin: f.deployer.address, pending: ethers.ZeroAddress, acceptableAt: 0n });
    expect(s).to.include({ projects: 2n, batches: 1n, retirements: 0n, feeBps: 250n, members: 1n, periods: 1n, poolProjectId: 2n });
    expect(s.openPeriod).to.deep.equal({
      id: 1n,
      kind: "yearly",
      start: BigInt(Date.UTC(2024, 0, 1) / 1000),
      end: BigInt(Date.UTC(2025, 0, 1) / 1000) - 1n,
    });
    expect(s.paused).to.deep.equal({ credits: false, market: false, pool: false, oracle: false });
    expect(s).to.include({ oracleSigners: 1n, quorum: 1n });
    const outsider = await run<SystemStatus>(f, "system:status", { from: f.outsider.address });
    expect(outsider.signerRoles.registry).to.deep.equal([]);
  });

  it("system:pause and system:unpause one contract or all of them", async () => {
    const f = await fixture();
    await run(f, "system:pause", { contract: "market" });
    expect(await f.market.paused()).to.equal(true);
    expect(await f.credits.paused()).to.equal(false);
    await run(f, "system:unpause", { contract: "market" });
    const r = await run<{ contracts: string[] }>(f, "system:pause", { contract: "all" });
    expect(r.contracts).to.deep.equal(["credits", "market", "pool", "oracle"]);
    for (const c of [f.credits, f.market, f.pool, f.oracle]) expect(await c.paused()).to.equal(true);
    await run(f, "system:unpause", { contract: "ALL" });
    for (const c of [f.credits, f.market, f.pool, f.oracle]) expect(await c.paused()).to.equal(false);
  });

  it("system:pause refuses the registry, an unknown name, one contract already paused; 'all' skips those already paused", async () => {
    const f = await fixture();
    await expectTaskError(run(f, "system:pause", { contract: "registry" }), "TaskArgumentError", /--contract: "registry" is not one of: credits, market, pool, oracle, all/);
    await run(f, "system:pause", { contract: "pool" });
    await expectTaskError(run(f, "system:pause", { contract: "pool" }), "TaskArgumentError", /--contract: pool is already paused/);
    const all = await run<{ contracts: string[]; skipped: string[] }>(f, "system:pause", { contract: "all" });
    expect([all.contracts, all.skipped]).to.deep.equal([["credits", "market", "oracle"], ["pool"]]);
    for (const key of ["credits", "market", "pool", "oracle"] as const) expect(await f[key].paused()).to.equal(true);
    await run(f, "system:unpause", { contract: "market" });
    const un = await run<{ contracts: string[]; skipped: string[] }>(f, "system:unpause", { contract: "all" });
    expect([un.contracts, un.skipped]).to.deep.equal([["credits", "pool", "oracle"], ["market"]]);
    await expectTaskError(run(f, "system:unpause", { contract: "oracle" }), "TaskArgumentError", /--contract: oracle is not paused/);
    await expectTaskError(
      run(f, "system:pause", { contract: "credits", from: f.outsider.address }),
      "TaskTransactionError",
      /system:pause credits failed: AccessControlUnauthorizedAccount/,
    );
    expect(await f.credits.paused()).to.equal(false);
  });
});

describe("tasks: address resolution", () => {
  const root = hre.config.paths.root;
  let tmp: string;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "opentonne-root-"));
  });
  afterEach(() => {
    hre.config.paths.root = root;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("--deployment-id reads ignition/deployments/<id>/deployed_addresses.json", async () => {
    const f = await fixture();
    const dir = path.join(tmp, "ignition", "deployments", "chain-31337");
    fs.mkdirSync(dir, { recursive: true });
    const deployed = {
      "MockUSD#MockUSD": await f.usd.getAddress(),
      "OpenTonne#ProjectRegistry": await f.registry.getAddress(),
      "OpenTonne#CarbonCredits": await f.credits.getAddress(),
      "OpenTonne#CreditMarketplace": await f.market.getAddress(),
      "OpenTonne#CarbonPool": await f.pool.getAddress(),
      "OpenTonne#MRVOracle": await f.oracle.getAddress(),
    };
    fs.writeFileSync(path.join(dir, "deployed_addresses.json"), JSON.stringify(deployed));
    hre.config.paths.root = tmp;
    const s = (await hre.run("system:status", { deploymentId: "chain-31337" })) as SystemStatus;
    expect(s.addresses.pool).to.equal(await f.pool.getAddress());
    expect(s.source).to.equal(path.join(dir, "deployed_addresses.json"));
    await expectTaskError(hre.run("system:status", { deploymentId: "chain-1" }), "TaskArgumentError", /--deployment-id: no Ignition deployment "chain-1"/);
  });

  it("without flags, sdk/deployments.json for the chain id; none found is a clear error", async () => {
    const f = await fixture();
    hre.config.paths.root = tmp;
    await expectTaskError(
      hre.run("registry:approve", { project: "1" }),
      "TaskAddressError",
      /no addresses for chain 31337 \(network "hardhat"\): pass --deployment-id <id>/,
    );
    fs.mkdirSync(path.join(tmp, "sdk"));
    const entry = {
      registry: await f.registry.getAddress(),
      credits: await f.credits.getAddress(),
      market: await f.market.getAddress(),
      pool: await f.pool.getAddress(),
      oracle: await f.oracle.getAddress(),
      deploymentBlock: 1,
    };
    fs.writeFileSync(path.join(tmp, "sdk", "deployments.json"), JSON.stringify({ "31337": entry }));
    const s = (await hre.run("system:status")) as SystemStatus;
    expect(s.addresses.market).to.equal(entry.market);
    expect(s.source).to.contain("deployments.json [31337]");
  });

  it("stale addresses, both flags and an unknown --from fail clearly before any transaction", async () => {
    const f = await fixture();
    const stale = path.join(tmp, "stale.json");
    const random = () => ethers.Wallet.createRandom().address;
    fs.writeFileSync(stale, JSON.stringify({ registry: random(), credits: random(), market: random(), pool: random(), oracle: random() }));
    const before = await ethers.provider.getBlockNumber();
    await expectTaskError(hre.run("market:set-fee", { bps: "100", addresses: stale }), "TaskAddressError", /no contract at registry 0x[0-9a-fA-F]{40} on network "hardhat"/);
    await expectTaskError(
      hre.run("market:set-fee", { bps: "100", addresses: stale, deploymentId: "x" }),
      "TaskArgumentError",
      /--addresses: give either --addresses or --deployment-id, not both/,
    );
    await expectTaskError(run(f, "market:set-fee", { bps: "100", from: random() }), "TaskArgumentError", /--from: 0x[0-9a-fA-F]{40} is not one of the accounts/);
    await expectTaskError(hre.run("market:set-fee", { bps: "100", addresses: path.join(tmp, "none.json") }), "TaskArgumentError", /--addresses: .*none\.json: file not found/);
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
    expect(await f.market.feeBps()).to.equal(250n);
  });
});
