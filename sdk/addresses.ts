/**
 * The address book: the system's contract addresses and deployment block per chain id.
 *
 * Entries for public networks are generated from Ignition's deployment output into
 * `deployments.json` (`npm run export-addresses`); a dApp that deploys its own copy registers it
 * with {@link registerDeployment} or passes addresses to `OpenTonne.connect` directly.
 */
import { getAddress, isAddress } from "ethers";
import { InvalidArgumentError } from "./errors/base";
import generated from "./deployments.json";

/** The addresses of one deployment of the system, and the block its first contract was deployed in. */
export interface Deployment {
  /** `ProjectRegistry`. */
  readonly registry: string;
  /** `CarbonCredits` (ERC-1155). */
  readonly credits: string;
  /** `CreditMarketplace`. */
  readonly market: string;
  /** `CarbonPool`. */
  readonly pool: string;
  /** `MRVOracle`. */
  readonly oracle: string;
  /** Block number of the deployment: event history is queried from here. */
  readonly deploymentBlock: number;
  /** The ERC-20 the deployment allow-listed as its payment token (test stablecoin, USDC, …), when recorded. See `ot.paymentToken()`. */
  readonly paymentToken?: string;
}

/**
 * A chain-keyed address book, as `npm run export-addresses` writes it (and as `sdk/deployments.json`
 * is): `{ "<chainId>": Deployment }`. `OpenTonne.connect(runner, { addresses: book })` picks the
 * provider's chain.
 */
export type AddressBook = Readonly<Record<string, Deployment>>;

/** Whether `value` looks like a chain-keyed {@link AddressBook} rather than one {@link Deployment}. */
export function isAddressBook(value: Deployment | AddressBook): value is AddressBook {
  return value !== null && typeof value === "object" && !("registry" in value) && Object.keys(value).every((k) => /^[0-9]+$/.test(k));
}

/** The contract keys of a {@link Deployment}. */
export const CONTRACT_KEYS = ["registry", "credits", "market", "pool", "oracle"] as const;
/** One of {@link CONTRACT_KEYS}. */
export type ContractKey = (typeof CONTRACT_KEYS)[number];

const book = new Map<string, Deployment>();
for (const [chainId, deployment] of Object.entries(generated as Record<string, Deployment>)) {
  book.set(BigInt(chainId).toString(), validateDeployment(deployment));
}

/**
 * Checks a deployment's shape and returns a frozen copy with checksummed addresses.
 * @throws {@link InvalidArgumentError} naming the bad field.
 */
export function validateDeployment(deployment: Deployment): Deployment {
  if (deployment === null || typeof deployment !== "object") {
    throw new InvalidArgumentError("deployment", deployment, "expected an object with the five contract addresses");
  }
  const out: Record<string, string | number> = {};
  for (const key of CONTRACT_KEYS) {
    const value = deployment[key];
    if (typeof value !== "string" || !isAddress(value)) {
      throw new InvalidArgumentError(`deployment.${key}`, value, "expected a 0x-prefixed 20-byte address");
    }
    out[key] = getAddress(value);
  }
  const block = deployment.deploymentBlock ?? 0;
  if (!Number.isSafeInteger(block) || block < 0) {
    throw new InvalidArgumentError("deployment.deploymentBlock", block, "expected a block number ≥ 0");
  }
  out.deploymentBlock = block;
  if (deployment.paymentToken !== undefined) {
    if (typeof deployment.paymentToken !== "string" || !isAddress(deployment.paymentToken)) {
      throw new InvalidArgumentError("deployment.paymentToken", deployment.paymentToken, "expected a 0x-prefixed 20-byte address");
    }
    out.paymentToken = getAddress(deployment.paymentToken);
  }
  return Object.freeze(out) as unknown as Deployment;
}

/** The deployment known for `chainId`, or `undefined`. */
export function getDeployment(chainId: bigint | number): Deployment | undefined {
  return book.get(BigInt(chainId).toString());
}

/** Every chain id the address book knows. */
export function knownChainIds(): bigint[] {
  return [...book.keys()].map(BigInt);
}

/**
 * Adds a deployment for `chainId` (e.g. your own deployment on a local or private chain). Refuses to
 * replace a different existing entry unless `options.override` is true; registering the same
 * addresses again is a no-op.
 * @throws {@link InvalidArgumentError} on a malformed deployment or a silent override.
 */
export function registerDeployment(chainId: bigint | number, deployment: Deployment, options: { override?: boolean } = {}): Deployment {
  const key = BigInt(chainId).toString();
  const valid = validateDeployment(deployment);
  const existing = book.get(key);
  if (existing && !options.override && JSON.stringify(existing) !== JSON.stringify(valid)) {
    throw new InvalidArgumentError("chainId", chainId, "a different deployment is already registered; pass { override: true } to replace it");
  }
  book.set(key, valid);
  return valid;
}
