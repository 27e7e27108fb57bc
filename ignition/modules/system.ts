import { id } from "ethers";
import type {
  ContractFuture,
  Future,
  IgnitionModuleBuilder,
  ModuleParameterRuntimeValue,
} from "@nomicfoundation/ignition-core";

/** Default delay before a new DEFAULT_ADMIN_ROLE holder can accept the role: 3 days, in seconds. */
export const SYSTEM_ADMIN_TRANSFER_DELAY = 3n * 24n * 60n * 60n;

/** Role ids as `contracts/libraries/Roles.sol` computes them (`keccak256("<NAME>")`). */
export const ROLE_IDS = {
  REGISTRAR_ROLE: id("REGISTRAR_ROLE"),
  VERIFIER_ROLE: id("VERIFIER_ROLE"),
  ISSUER_ROLE: id("ISSUER_ROLE"),
  METADATA_ROLE: id("METADATA_ROLE"),
  PAUSER_ROLE: id("PAUSER_ROLE"),
  FEE_ADMIN_ROLE: id("FEE_ADMIN_ROLE"),
  MARKET_ADMIN_ROLE: id("MARKET_ADMIN_ROLE"),
  POOL_MANAGER_ROLE: id("POOL_MANAGER_ROLE"),
  ORACLE_ROLE: id("ORACLE_ROLE"),
  DEVICE_REGISTRAR_ROLE: id("DEVICE_REGISTRAR_ROLE"),
  ESCROW_ROLE: id("ESCROW_ROLE"),
} as const;

/**
 * The account parameters of the system modules, each the holder of one operational role (`OpenTonne`:
 * default the deploying account, account 0; `OpenTonnePublic`: required, no default).
 */
export const ROLE_PARAMETERS = [
  "registrar",
  "verifier",
  "issuer",
  "metadataAdmin",
  "poolManager",
  "deviceRegistrar",
  "feeAdmin",
  "marketAdmin",
  "pauser",
] as const;

/** Options of {@link buildSystem}. */
export interface BuildSystemOptions {
  /**
   * When true, `feeRecipient`, `treasury`, `oracleSigner` and every role holder of
   * {@link ROLE_PARAMETERS} have no default: Ignition refuses to start ("Module parameter '…' requires
   * a value but was given none") until they are given. When false they default to the deployer (local
   * development).
   */
  requireAddresses: boolean;
  /**
   * An ERC-20 to allow-list on the marketplace as a payment token (a deployed contract or an address
   * parameter). The deployer takes MARKET_ADMIN_ROLE for this one call and renounces it before the
   * account roles are granted, so afterwards only `marketAdmin` holds the role (which may be the
   * deployer again).
   */
  paymentToken?: ContractFuture<string> | ModuleParameterRuntimeValue<string>;
}

/**
 * Adds the whole OpenTonne system to module builder `m` and wires it. The deployer (account 0) is
 * the DEFAULT_ADMIN of every contract, so it can bind and grant; it keeps that role (see the
 * `OpenTonnePublic` module for the handover to a multisig).
 *
 * Contracts: ProjectRegistry, CarbonCredits, CreditMarketplace, CarbonPool, MRVOracle.
 * Contract wiring: `registry.bindCredits(credits)`; REGISTRAR_ROLE (registry) and ISSUER_ROLE
 * (credits) → pool, so the pool can register its project and mint each closed period; ESCROW_ROLE
 * (credits) → market and pool, so their escrow exits work while the credits are paused and they can
 * retire escrowed credits in the buyer's or member's name; ORACLE_ROLE (pool) → oracle, so verified
 * reports count as contributions.
 * Account roles (parameters; default the deployer unless `requireAddresses`): `registrar` REGISTRAR_ROLE, `verifier`
 * VERIFIER_ROLE (registry); `issuer` ISSUER_ROLE, `metadataAdmin` METADATA_ROLE (credits);
 * `feeAdmin` FEE_ADMIN_ROLE, `marketAdmin` MARKET_ADMIN_ROLE (market); `poolManager`
 * POOL_MANAGER_ROLE (pool); `deviceRegistrar` DEVICE_REGISTRAR_ROLE (oracle); `pauser` PAUSER_ROLE
 * on the credits, market, pool and oracle (the registry cannot be paused).
 * Other parameters: `adminTransferDelay` (seconds, default 3 days), `defaultURI` (EIP-1155 URI with
 * `{id}`, default empty), `feeRecipient` (market fees), `treasury` (pool dust), `oracleSigner` (the
 * first MRVOracle signer, quorum 1-of-1).
 */
export function buildSystem(m: IgnitionModuleBuilder, options: BuildSystemOptions) {
  const deployer = m.getAccount(0);
  const requiredAddress = (name: string) =>
    options.requireAddresses ? m.getParameter<string>(name) : m.getParameter(name, deployer);
  const role = (name: (typeof ROLE_PARAMETERS)[number]) =>
    options.requireAddresses ? m.getParameter<string>(name) : m.getParameter(name, deployer);

  const adminTransferDelay = m.getParameter("adminTransferDelay", SYSTEM_ADMIN_TRANSFER_DELAY);
  const defaultURI = m.getParameter("defaultURI", "");
  const feeRecipient = requiredAddress("feeRecipient");
  const treasury = requiredAddress("treasury");
  const oracleSigner = requiredAddress("oracleSigner");

  const registry = m.contract("ProjectRegistry", [deployer, adminTransferDelay]);
  const credits = m.contract("CarbonCredits", [deployer, adminTransferDelay, registry, defaultURI]);
  const market = m.contract("CreditMarketplace", [deployer, adminTransferDelay, credits, feeRecipient]);
  const pool = m.contract("CarbonPool", [deployer, adminTransferDelay, registry, credits, treasury]);
  const oracle = m.contract("MRVOracle", [deployer, adminTransferDelay, pool, oracleSigner]);

  const bind = m.call(registry, "bindCredits", [credits], { from: deployer });

  // Contract ↔ contract roles.
  m.call(registry, "grantRole", [ROLE_IDS.REGISTRAR_ROLE, pool], { id: "registry_REGISTRAR_pool", from: deployer });
  m.call(credits, "grantRole", [ROLE_IDS.ISSUER_ROLE, pool], { id: "credits_ISSUER_pool", from: deployer });
  m.call(credits, "grantRole", [ROLE_IDS.ESCROW_ROLE, market], { id: "credits_ESCROW_market", from: deployer });
  m.call(credits, "grantRole", [ROLE_IDS.ESCROW_ROLE, pool], { id: "credits_ESCROW_pool", from: deployer });
  m.call(pool, "grantRole", [ROLE_IDS.ORACLE_ROLE, oracle], { id: "pool_ORACLE_oracle", from: deployer });

  // Payment token (the deployer is market admin for this call only).
  const beforeGrants: Future[] = [bind];
  if (options.paymentToken !== undefined) {
    const takeRole = m.call(market, "grantRole", [ROLE_IDS.MARKET_ADMIN_ROLE, deployer], {
      id: "market_MARKET_ADMIN_deployer_temp",
      from: deployer,
    });
    const allow = m.call(market, "setPaymentToken", [options.paymentToken, true], { from: deployer, after: [takeRole] });
    const giveUp = m.call(market, "renounceRole", [ROLE_IDS.MARKET_ADMIN_ROLE, deployer], {
      id: "market_MARKET_ADMIN_deployer_renounce",
      from: deployer,
      after: [allow],
    });
    beforeGrants.push(giveUp);
  }

  // Account roles.
  const pauser = role("pauser");
  type Target = typeof registry | typeof credits | typeof market | typeof pool | typeof oracle;
  const grants: Array<[Target, string, keyof typeof ROLE_IDS, ReturnType<typeof role>]> = [
    [registry, "registry", "REGISTRAR_ROLE", role("registrar")],
    [registry, "registry", "VERIFIER_ROLE", role("verifier")],
    [credits, "credits", "ISSUER_ROLE", role("issuer")],
    [credits, "credits", "METADATA_ROLE", role("metadataAdmin")],
    [credits, "credits", "PAUSER_ROLE", pauser],
    [market, "market", "FEE_ADMIN_ROLE", role("feeAdmin")],
    [market, "market", "MARKET_ADMIN_ROLE", role("marketAdmin")],
    [market, "market", "PAUSER_ROLE", pauser],
    [pool, "pool", "POOL_MANAGER_ROLE", role("poolManager")],
    [pool, "pool", "PAUSER_ROLE", pauser],
    [oracle, "oracle", "DEVICE_REGISTRAR_ROLE", role("deviceRegistrar")],
    [oracle, "oracle", "PAUSER_ROLE", pauser],
  ];
  for (const [contract, label, roleName, account] of grants) {
    m.call(contract, "grantRole", [ROLE_IDS[roleName], account], {
      id: `${label}_${roleName.replace(/_ROLE$/, "")}_account`,
      from: deployer,
      after: beforeGrants,
    });
  }

  return { registry, credits, market, pool, oracle, deployer };
}
