/**
 * Deploys and wires the whole system over JSON-RPC (e.g. to a {@link startHardhatNode} node), with
 * `ethers.ContractFactory` and the compiled artifacts — the wiring of `test/sdk/fixtures.ts`
 * (`sdkSystem`), each narrow role on its own dev account:
 *
 * | account | role |
 * |---|---|
 * | 0 admin | DEFAULT_ADMIN of every contract |
 * | 1 registrar, 2 verifier, 3 issuer, 4 pauser, 5 metadata | registry / token roles |
 * | 6 alice, 7 bob, 8 carol | users (pool members) |
 * | 9 manager, 10 treasury | pool manager, pool treasury |
 * | 11 deviceRegistrar, 12 oracleSigner | MRVOracle device registrar, its 1-of-1 signer |
 * | 13 feeRecipient | marketplace fees (admin also holds FEE_ADMIN and MARKET_ADMIN) |
 *
 * The pool's project is registered and approved; alice, bob and carol are pool members; a 6-decimal
 * MockUSD is on the marketplace's allow-list.
 */
import { ContractFactory, JsonRpcProvider, id, type BaseContract, type Signer } from "ethers";
import type { Artifacts, HardhatRuntimeEnvironment } from "hardhat/types";
import { isCoverageRun, startHardhatNode, type HardhatNode } from "./node";
import type { Deployment } from "../../sdk";

/** Delay before a new default admin can accept the role, seconds (as the fixtures). */
const ADMIN_DELAY = 3n * 24n * 3600n;
const ROLES = {
  REGISTRAR: id("REGISTRAR_ROLE"),
  VERIFIER: id("VERIFIER_ROLE"),
  ISSUER: id("ISSUER_ROLE"),
  METADATA: id("METADATA_ROLE"),
  PAUSER: id("PAUSER_ROLE"),
  POOL_MANAGER: id("POOL_MANAGER_ROLE"),
  ORACLE: id("ORACLE_ROLE"),
  DEVICE_REGISTRAR: id("DEVICE_REGISTRAR_ROLE"),
  FEE_ADMIN: id("FEE_ADMIN_ROLE"),
  MARKET_ADMIN: id("MARKET_ADMIN_ROLE"),
} as const;

/** The accounts of {@link deployRpcSystem}, by role (see the table in the file header). */
export const RPC_ACCOUNTS = {
  admin: 0,
  registrar: 1,
  verifier: 2,
  issuer: 3,
  pauser: 4,
  metadata: 5,
  alice: 6,
  bob: 7,
  carol: 8,
  manager: 9,
  treasury: 10,
  deviceRegistrar: 11,
  oracleSigner: 12,
  feeRecipient: 13,
} as const;

/** What {@link deployRpcSystem} returns. */
export interface RpcSystem {
  /** The addresses and deployment block, for `OpenTonne.connect(runner, { addresses })`. */
  deployment: Deployment;
  /** The MockUSD payment token's address. */
  usd: string;
  /** The pool project's registry id. */
  poolProjectId: bigint;
  /** The node's dev accounts by role (JSON-RPC signers). */
  accounts: Record<keyof typeof RPC_ACCOUNTS, Signer>;
}

/** Deploys the system through `provider` (a node with unlocked dev accounts). */
export async function deployRpcSystem(provider: JsonRpcProvider, artifacts: Artifacts): Promise<RpcSystem> {
  const accounts = Object.fromEntries(
    await Promise.all(Object.entries(RPC_ACCOUNTS).map(async ([name, index]) => [name, await provider.getSigner(index)] as const)),
  ) as unknown as RpcSystem["accounts"];
  const { admin } = accounts;
  const addressOf = (name: keyof typeof RPC_ACCOUNTS) => accounts[name].getAddress();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Any = BaseContract & Record<string, any>;
  const deploy = async (name: string, args: unknown[]): Promise<Any> => {
    const artifact = await artifacts.readArtifact(name);
    const contract = await new ContractFactory(artifact.abi, artifact.bytecode, admin).deploy(...args);
    await contract.waitForDeployment();
    return contract as Any;
  };
  const send = async (contract: Any, signer: Signer, method: string, ...args: unknown[]) => {
    const tx = await (contract.connect(signer) as Any)[method](...args);
    await tx.wait();
  };
  const adminAddress = await addressOf("admin");

  const registry = await deploy("ProjectRegistry", [adminAddress, ADMIN_DELAY]);
  const deploymentBlock = (await registry.deploymentTransaction()!.wait())!.blockNumber;
  const registryAddress = await registry.getAddress();
  const credits = await deploy("CarbonCredits", [adminAddress, ADMIN_DELAY, registryAddress, "https://meta.opentonne.org/batch/{id}.json"]);
  const creditsAddress = await credits.getAddress();
  await send(registry, admin, "bindCredits", creditsAddress);
  await send(registry, admin, "grantRole", ROLES.REGISTRAR, await addressOf("registrar"));
  await send(registry, admin, "grantRole", ROLES.VERIFIER, await addressOf("verifier"));
  await send(credits, admin, "grantRole", ROLES.ISSUER, await addressOf("issuer"));
  await send(credits, admin, "grantRole", ROLES.PAUSER, await addressOf("pauser"));
  await send(credits, admin, "grantRole", ROLES.METADATA, await addressOf("metadata"));

  const pool = await deploy("CarbonPool", [adminAddress, ADMIN_DELAY, registryAddress, creditsAddress, await addressOf("treasury")]);
  const poolAddress = await pool.getAddress();
  await send(registry, admin, "grantRole", ROLES.REGISTRAR, poolAddress);
  await send(credits, admin, "grantRole", ROLES.ISSUER, poolAddress);
  await send(pool, admin, "grantRole", ROLES.POOL_MANAGER, await addressOf("manager"));
  await send(pool, admin, "grantRole", ROLES.PAUSER, await addressOf("pauser"));
  await send(pool, accounts.manager, "registerPoolProject", {
    owner: poolAddress,
    name: "indian_carbon_market_pool",
    standard: "ICM",
    methodology: "AMS-I.D",
    country: "IN",
    uri: "ipfs://pool-metadata",
    estimatedCredits: 0n,
  });
  const poolProjectId = (await pool.projectId()) as bigint;
  await send(registry, accounts.verifier, "approveProject", poolProjectId);
  for (const member of ["alice", "bob", "carol"] as const) await send(pool, accounts.manager, "admitMember", await addressOf(member));

  const oracle = await deploy("MRVOracle", [adminAddress, ADMIN_DELAY, poolAddress, await addressOf("oracleSigner")]);
  const oracleAddress = await oracle.getAddress();
  await send(pool, admin, "grantRole", ROLES.ORACLE, oracleAddress);
  await send(oracle, admin, "grantRole", ROLES.DEVICE_REGISTRAR, await addressOf("deviceRegistrar"));
  await send(oracle, admin, "grantRole", ROLES.PAUSER, await addressOf("pauser"));

  const market = await deploy("CreditMarketplace", [adminAddress, ADMIN_DELAY, creditsAddress, await addressOf("feeRecipient")]);
  await send(market, admin, "grantRole", ROLES.FEE_ADMIN, adminAddress);
  await send(market, admin, "grantRole", ROLES.MARKET_ADMIN, adminAddress);
  await send(market, admin, "grantRole", ROLES.PAUSER, await addressOf("pauser"));
  const usd = await deploy("MockUSD", ["Mock USD", "mUSD"]);
  const usdAddress = await usd.getAddress();
  await send(market, admin, "setPaymentToken", usdAddress, true);

  return {
    deployment: {
      registry: registryAddress,
      credits: creditsAddress,
      market: await market.getAddress(),
      pool: poolAddress,
      oracle: oracleAddress,
      deploymentBlock,
    },
    usd: usdAddress,
    poolProjectId,
    accounts,
  };
}

/** A `hardhat node` with the system deployed on it (see {@link startRpcSystem}). */
export interface RpcNetwork {
  node: HardhatNode;
  /** A JSON-RPC provider on the node, without response cache (fresh nonces and block numbers). */
  provider: JsonRpcProvider;
  sys: RpcSystem;
  /** Closes the provider and stops the node (safe to call when start failed half-way). */
  stop(): Promise<void>;
}

/**
 * Starts a `hardhat node` on a free loopback port and deploys the system on it over JSON-RPC. Call
 * `stop()` in an `after` hook; the node helper also stops the node when the test process exits.
 */
export async function startRpcSystem(hre: HardhatRuntimeEnvironment): Promise<RpcNetwork> {
  const node = await startHardhatNode({ allowUnlimitedContractSize: isCoverageRun(hre) });
  // No response cache (ethers caches identical calls for 250 ms by default, so `getBlockNumber` right
  // after a transaction would be stale) and a short polling interval (the node mines at once).
  const provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true, cacheTimeout: -1, pollingInterval: 50 });
  const stop = async () => {
    provider.destroy();
    await node.stop();
  };
  try {
    return { node, provider, sys: await deployRpcSystem(provider, hre.artifacts), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
