import fs from "node:fs";
import path from "node:path";
import { getAddress, isAddress } from "ethers";

/** The five system contracts, by the names the SDK's address book uses. */
export const CONTRACT_KEYS = ["registry", "credits", "market", "pool", "oracle"] as const;

/** One of {@link CONTRACT_KEYS}. */
export type ContractKey = (typeof CONTRACT_KEYS)[number];

/** The contract name (artifact) of each address-book key. */
export const CONTRACT_NAMES: Record<ContractKey, string> = {
  registry: "ProjectRegistry",
  credits: "CarbonCredits",
  market: "CreditMarketplace",
  pool: "CarbonPool",
  oracle: "MRVOracle",
};

/** Checksummed addresses of the five contracts. */
export type SystemAddresses = Record<ContractKey, string>;

/** One chain's entry of `sdk/deployments.json`. */
export interface AddressBookEntry extends SystemAddresses {
  /** Block of the deployment's first transaction: where event queries start. */
  deploymentBlock: number;
  /** The ERC-20 the deployment allow-listed as its payment token (`setPaymentToken(token, true)`), when known. */
  paymentToken?: string;
}

/** `sdk/deployments.json`: chain id (decimal string) → entry. */
export type AddressBook = Record<string, AddressBookEntry>;

/** Chain id of the `hardhat` and `localhost` networks: entries for it are transient. */
export const LOCAL_CHAIN_ID = 31337;

/** A deployment or address file is missing, malformed or ambiguous. The message names the file. */
export class AddressResolutionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AddressResolutionError";
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

function readJson(file: string): unknown {
  if (!fs.existsSync(file)) throw new AddressResolutionError(`${file}: file not found`);
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
  } catch (e) {
    throw new AddressResolutionError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

function checkedAddress(file: string, key: string, value: unknown): string {
  if (typeof value !== "string" || !isAddress(value)) {
    throw new AddressResolutionError(`${file}: "${key}" is not an address: ${JSON.stringify(value)}`);
  }
  return getAddress(value);
}

/**
 * Picks the five system addresses out of Ignition's `deployed_addresses.json` (keys
 * `<ModuleId>#<ContractName>`). Each contract name must appear exactly once.
 * @throws AddressResolutionError naming the file and the missing or ambiguous contract.
 */
export function readDeployedAddresses(file: string): SystemAddresses {
  const json = readJson(file);
  if (json === null || typeof json !== "object") throw new AddressResolutionError(`${file}: not a JSON object`);
  const entries = Object.entries(json as Record<string, unknown>);
  const out: Partial<SystemAddresses> = {};
  for (const key of CONTRACT_KEYS) {
    const name = CONTRACT_NAMES[key];
    const hits = entries.filter(([futureId]) => futureId.endsWith(`#${name}`));
    if (hits.length === 0) throw new AddressResolutionError(`${file}: no ${name} in this deployment`);
    if (hits.length > 1) {
      throw new AddressResolutionError(`${file}: ${name} deployed more than once (${hits.map(([k]) => k).join(", ")})`);
    }
    out[key] = checkedAddress(file, hits[0][0], hits[0][1]);
  }
  return out as SystemAddresses;
}

/**
 * Reads an Ignition journal (`journal.jsonl`): the chain id it was deployed to, the block of its
 * first confirmed transaction, and the payment token its `setPaymentToken(token, true)` call allowed.
 * @throws AddressResolutionError when the journal has no chain id or no confirmed transaction.
 */
export function readJournal(file: string): { chainId: number; deploymentBlock: number; paymentToken?: string } {
  if (!fs.existsSync(file)) throw new AddressResolutionError(`${file}: file not found`);
  let chainId: number | undefined;
  let deploymentBlock: number | undefined;
  let paymentToken: string | undefined;
  const lines = fs.readFileSync(file, "utf8").split("\n");
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    let msg: { type?: string; chainId?: number; receipt?: { blockNumber?: number }; functionName?: string; args?: unknown[] };
    try {
      msg = JSON.parse(line) as typeof msg;
    } catch {
      throw new AddressResolutionError(`${file}:${i + 1}: not valid JSON`);
    }
    if (msg.type === "DEPLOYMENT_INITIALIZE" && chainId === undefined) chainId = msg.chainId;
    if (msg.type === "CALL_EXECUTION_STATE_INITIALIZE" && msg.functionName === "setPaymentToken" && msg.args?.[1] === true) {
      const token = msg.args[0];
      if (paymentToken === undefined && typeof token === "string" && isAddress(token)) paymentToken = getAddress(token);
    }
    if (msg.type === "TRANSACTION_CONFIRM" && typeof msg.receipt?.blockNumber === "number") {
      deploymentBlock = Math.min(deploymentBlock ?? Number.MAX_SAFE_INTEGER, msg.receipt.blockNumber);
    }
  });
  if (chainId === undefined) throw new AddressResolutionError(`${file}: no DEPLOYMENT_INITIALIZE entry (chain id)`);
  if (deploymentBlock === undefined) throw new AddressResolutionError(`${file}: no confirmed transaction`);
  return paymentToken === undefined ? { chainId, deploymentBlock } : { chainId, deploymentBlock, paymentToken };
}

/** Ignition's directory of deployment `deploymentId` under project root `root`. */
export function deploymentDir(root: string, deploymentId: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(deploymentId)) {
    throw new AddressResolutionError(`--deployment-id: "${deploymentId}" is not a valid Ignition deployment id`);
  }
  return path.join(root, "ignition", "deployments", deploymentId);
}

/**
 * The address-book entry of an Ignition deployment directory: the five addresses, its chain id and
 * the block of its first transaction.
 */
export function readIgnitionDeployment(dir: string): { chainId: number; entry: AddressBookEntry } {
  if (!fs.existsSync(dir)) throw new AddressResolutionError(`${dir}: no such Ignition deployment`);
  const addresses = readDeployedAddresses(path.join(dir, "deployed_addresses.json"));
  const { chainId, deploymentBlock, paymentToken } = readJournal(path.join(dir, "journal.jsonl"));
  return { chainId, entry: paymentToken === undefined ? { ...addresses, deploymentBlock } : { ...addresses, deploymentBlock, paymentToken } };
}

/**
 * Reads an address book (`sdk/deployments.json` shape); a missing file is an empty book.
 * @throws AddressResolutionError on malformed JSON, a non-numeric chain id, a bad address or block.
 */
export function readAddressBook(file: string): AddressBook {
  if (!fs.existsSync(file)) return {};
  const json = readJson(file);
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new AddressResolutionError(`${file}: not a JSON object of chain id → addresses`);
  }
  const book: AddressBook = {};
  for (const [chainId, raw] of Object.entries(json as Record<string, unknown>)) {
    if (!/^[1-9][0-9]*$/.test(chainId)) throw new AddressResolutionError(`${file}: "${chainId}" is not a chain id`);
    book[chainId] = parseEntry(`${file} [${chainId}]`, raw, true);
  }
  return book;
}

/** Validates an address-book entry (`needBlock`: `deploymentBlock` required). */
export function parseEntry(where: string, raw: unknown, needBlock: boolean): AddressBookEntry {
  if (raw === null || typeof raw !== "object") throw new AddressResolutionError(`${where}: not an object`);
  const obj = raw as Record<string, unknown>;
  const entry: Partial<AddressBookEntry> = {};
  for (const key of CONTRACT_KEYS) entry[key] = checkedAddress(where, key, obj[key]);
  const block = obj.deploymentBlock;
  if (block !== undefined || needBlock) {
    if (typeof block !== "number" || !Number.isSafeInteger(block) || block < 0) {
      throw new AddressResolutionError(`${where}: "deploymentBlock" is not a block number: ${JSON.stringify(block)}`);
    }
    entry.deploymentBlock = block;
  } else {
    entry.deploymentBlock = 0;
  }
  if (obj.paymentToken !== undefined) entry.paymentToken = checkedAddress(where, "paymentToken", obj.paymentToken);
  return entry as AddressBookEntry;
}

/** Whether two entries name the same contracts at the same block. */
export function sameEntry(a: AddressBookEntry, b: AddressBookEntry): boolean {
  return CONTRACT_KEYS.every((k) => a[k] === b[k]) && a.deploymentBlock === b.deploymentBlock && a.paymentToken === b.paymentToken;
}
