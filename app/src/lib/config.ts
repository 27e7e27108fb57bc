/**
 * Where the app reads from: a JSON-RPC URL, the chain id and the five contract addresses.
 *
 * Order: `opentonne.config.json` next to `index.html` (written by `npm run app`, or by whoever deploys
 * the static build), else the build-time variables `VITE_OPENTONNE_RPC_URL` / `VITE_OPENTONNE_CHAIN_ID`
 * with the addresses from the SDK's address book (`getDeployment(chainId)`). The optional oracle node
 * (the operator's `opentonne-oracle serve`, whose audits the oracle screen shows) comes from the file's
 * `oracleNodeUrl`, else `VITE_ORACLE_NODE_URL`; a URL saved in the oracle screen wins (node-url.ts).
 */
import { getDeployment, validateDeployment, type Deployment } from "opentonne";

/** The network the app shows. */
export interface AppConfig {
  /** JSON-RPC endpoint used for every read (and, on chain 31337, for the development signer). */
  readonly rpcUrl: string;
  /** Chain id the deployment lives on; a wallet on another chain is asked to switch. */
  readonly chainId: bigint;
  /** Contract addresses (validated by the SDK). */
  readonly addresses: Deployment;
  /** Human name of the network, e.g. "Hardhat (local)". */
  readonly networkName: string;
  /** Base URL of an oracle node's read API (e.g. `http://127.0.0.1:8787`), when configured. */
  readonly oracleNodeUrl?: string;
}

/** The JSON shape of `opentonne.config.json` (addresses as in the demo's report). */
export interface AppConfigJson {
  readonly rpcUrl: string;
  readonly chainId: number | string;
  readonly networkName?: string;
  readonly addresses?: Deployment;
  readonly oracleNodeUrl?: string;
}

/** The local Hardhat chain: the only one on which the development signer is offered. */
export const DEV_CHAIN_ID = 31337n;

/** Turns the JSON (or the build-time variables) into an {@link AppConfig}; throws a readable Error when incomplete. */
export function parseConfig(json: AppConfigJson): AppConfig {
  if (!json || typeof json.rpcUrl !== "string" || !/^https?:\/\//.test(json.rpcUrl)) {
    throw new Error(`opentonne.config.json: "rpcUrl" must be an http(s) URL, got ${JSON.stringify(json?.rpcUrl)}`);
  }
  if (json.chainId === undefined || !/^\d+$/.test(String(json.chainId))) {
    throw new Error(`opentonne.config.json: "chainId" must be a positive integer, got ${JSON.stringify(json.chainId)}`);
  }
  const chainId = BigInt(json.chainId);
  const addresses = json.addresses ? validateDeployment(json.addresses) : getDeployment(chainId);
  if (!addresses) {
    throw new Error(`no OpenTonne deployment for chain ${chainId}: the SDK's address book has none; put "addresses" in opentonne.config.json`);
  }
  const networkName = json.networkName ?? (chainId === DEV_CHAIN_ID ? "Hardhat (local)" : `chain ${chainId}`);
  const node = json.oracleNodeUrl?.trim();
  if (node && !/^https?:\/\//.test(node)) throw new Error(`opentonne.config.json: "oracleNodeUrl" must be an http(s) URL, got ${JSON.stringify(node)}`);
  return { rpcUrl: json.rpcUrl, chainId, addresses, networkName, ...(node ? { oracleNodeUrl: node.replace(/\/+$/, "") } : {}) };
}

/** Loads the configuration the app runs with (see the file header). */
export async function loadConfig(): Promise<AppConfig> {
  const env = import.meta.env;
  const node = (env.VITE_ORACLE_NODE_URL as string | undefined) || undefined;
  const response = await fetch("./opentonne.config.json", { cache: "no-store" }).catch(() => undefined);
  if (response?.ok) return parseConfig({ oracleNodeUrl: node, ...((await response.json()) as AppConfigJson) });
  return parseConfig({
    rpcUrl: (env.VITE_OPENTONNE_RPC_URL as string | undefined) ?? "http://127.0.0.1:8545",
    chainId: (env.VITE_OPENTONNE_CHAIN_ID as string | undefined) ?? "31337",
    oracleNodeUrl: node,
  });
}
