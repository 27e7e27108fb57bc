/**
 * Shared plumbing of the admin tasks (`tasks/*.ts`): address resolution, argument parsing, simulating
 * every write before sending it (or queueing it in a Safe batch) and reporting it, and decoding custom errors (with the SDK's decoder). Loaded by
 * `hardhat.config.ts`, so it must not import generated code at load time: `typechain-types` is
 * imported for types only and the SDK (which embeds `sdk/generated/`) lazily, when a call fails.
 */
import fs from "node:fs";
import path from "node:path";
import { HardhatPluginError } from "hardhat/plugins";
import type { ConfigurableTaskDefinition, HardhatRuntimeEnvironment } from "hardhat/types";
import { task } from "hardhat/config";
import {
  type ContractTransaction,
  type ContractTransactionResponse,
  Interface,
  type LogDescription,
  type Signer,
  ZeroAddress,
  getAddress,
  isAddress,
} from "ethers";
import type { CarbonCredits, CarbonPool, CreditMarketplace, MRVOracle, ProjectRegistry } from "../typechain-types";
import {
  AddressResolutionError,
  CONTRACT_KEYS,
  CONTRACT_NAMES,
  type ContractKey,
  type SystemAddresses,
  deploymentDir,
  parseEntry,
  readAddressBook,
  readDeployedAddresses,
} from "../scripts/deploy/addresses";
import { type SafeBatch, queueInSafe } from "./safe";

export type { SafeBatch } from "./safe";

const PLUGIN = "opentonne-tasks";

/** 1 credit = 1 tCO2e = 1_000_000 units (grams CO2e). */
export const CREDIT_DECIMALS = 6;

/** A task argument is missing or malformed. `argument` is the flag's name (without `--`). */
export class TaskArgumentError extends HardhatPluginError {
  constructor(
    public readonly argument: string,
    detail: string,
  ) {
    super(PLUGIN, `--${argument}: ${detail}`);
    this.name = "TaskArgumentError";
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** The system's addresses could not be resolved (no deployment, bad file, no code at an address). */
export class TaskAddressError extends HardhatPluginError {
  constructor(detail: string) {
    super(PLUGIN, detail);
    this.name = "TaskAddressError";
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/**
 * A transaction (or its gas estimate) reverted. `errorName` and `errorArgs` are the decoded custom
 * error (e.g. `RegistryInvalidStatusTransition`, `[1n, 2n, 2n]`), when it could be decoded.
 */
export class TaskTransactionError extends HardhatPluginError {
  constructor(
    public readonly action: string,
    public readonly errorName: string | undefined,
    public readonly errorArgs: readonly unknown[],
    detail: string,
  ) {
    super(PLUGIN, `${action} failed: ${detail}`);
    this.name = "TaskTransactionError";
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** The typed contracts of one deployment, connected to the task's signer. */
export interface System {
  hre: HardhatRuntimeEnvironment;
  addresses: SystemAddresses;
  /** Where the addresses came from (for the report). */
  source: string;
  chainId: number;
  signer: Signer;
  signerAddress: string;
  registry: ProjectRegistry;
  credits: CarbonCredits;
  market: CreditMarketplace;
  pool: CarbonPool;
  oracle: MRVOracle;
  /** With `--safe <file>`: the Safe Transaction Builder batch the writes are queued in instead of being sent. */
  safe?: SafeBatch;
}

/** The arguments every admin task takes. */
export interface CommonArgs {
  deploymentId?: string;
  addresses?: string;
  from?: string;
  /** Write a Safe Transaction Builder JSON batch to this file instead of sending. */
  safe?: string;
  /** With `--safe`: the Safe's address, which the writes are simulated from (default: the signer). */
  safeAddress?: string;
}

/**
 * Declares an admin task: `name` with `description` and the common optional flags
 * `--deployment-id`, `--addresses` and `--from` (see {@link resolveSystem}).
 */
export function adminTask(name: string, description: string): ConfigurableTaskDefinition {
  return task(name, description)
    .addOptionalParam("deploymentId", "Ignition deployment id (ignition/deployments/<id>)")
    .addOptionalParam("addresses", "JSON file with the addresses: {registry, credits, market, pool, oracle} or an address book")
    .addOptionalParam("from", "Account to send from (one of the network's accounts; default: the first)")
    .addOptionalParam("safe", "Write the transactions to this file as a Safe Transaction Builder JSON batch instead of sending them")
    .addOptionalParam("safeAddress", "With --safe: the Safe's address; the transactions are simulated from it (default: the signer)");
}

/** When true, tasks print nothing (the tests set it). */
export const output = { quiet: false };

/** Prints a line of a task's report (unless {@link output}.quiet). */
export function say(line: string): void {
  if (!output.quiet) console.log(line);
}

/**
 * Resolves the system's addresses, in this order: `--addresses <file>` (a flat
 * `{registry, credits, market, pool, oracle}` object or an address book keyed by chain id);
 * `--deployment-id <id>` (Ignition's `ignition/deployments/<id>/deployed_addresses.json`);
 * otherwise `sdk/deployments.json` for the network's chain id. Checks that each address holds code
 * on the network, then connects the typed contracts to the signer (`--from` or the first account).
 * @throws TaskAddressError when nothing is found or an address has no code; TaskArgumentError for a
 * bad `--from`.
 */
export async function resolveSystem(hre: HardhatRuntimeEnvironment, args: CommonArgs): Promise<System> {
  const chainId = Number((await hre.ethers.provider.getNetwork()).chainId);
  const root = hre.config.paths.root;
  let addresses: SystemAddresses;
  let source: string;
  try {
    if (args.addresses !== undefined && args.deploymentId !== undefined) {
      throw new TaskArgumentError("addresses", "give either --addresses or --deployment-id, not both");
    }
    if (args.addresses !== undefined) {
      const file = path.resolve(root, args.addresses);
      if (!fs.existsSync(file)) throw new TaskArgumentError("addresses", `${file}: file not found`);
      const raw = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
      if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
        throw new TaskArgumentError("addresses", `${file}: not a JSON object of addresses`);
      }
      const flat = Object.keys(raw).some((k) => !/^[0-9]+$/.test(k));
      const missing = CONTRACT_KEYS.filter((k) => !(k in raw));
      if (flat && missing.length > 0) {
        throw new TaskArgumentError(
          "addresses",
          `${file}: a flat address file needs all of ${CONTRACT_KEYS.join(", ")}; missing ${missing.join(", ")} ` +
            `(or give an address book keyed by chain id, as npm run export-addresses writes)`,
        );
      }
      if (flat) addresses = parseEntry(file, raw, false);
      else {
        const entry = readAddressBook(file)[String(chainId)];
        if (entry === undefined) throw new TaskAddressError(`${file}: no entry for chain ${chainId} (${hre.network.name})`);
        addresses = entry;
      }
      source = file;
    } else if (args.deploymentId !== undefined) {
      const dir = deploymentDir(root, args.deploymentId);
      const file = path.join(dir, "deployed_addresses.json");
      if (!fs.existsSync(file)) {
        throw new TaskArgumentError("deployment-id", `no Ignition deployment "${args.deploymentId}" (${file} not found)`);
      }
      addresses = readDeployedAddresses(file);
      source = file;
    } else {
      const file = path.join(root, "sdk", "deployments.json");
      const entry = readAddressBook(file)[String(chainId)];
      if (entry === undefined) {
        throw new TaskAddressError(
          `no addresses for chain ${chainId} (network "${hre.network.name}"): pass --deployment-id <id> ` +
            `(ignition/deployments/<id>), --addresses <file>, or export the deployment into sdk/deployments.json`,
        );
      }
      addresses = entry;
      source = `${file} [${chainId}]`;
    }
  } catch (e) {
    if (e instanceof HardhatPluginError) throw e;
    if (e instanceof AddressResolutionError) throw new TaskAddressError(e.message);
    if (e instanceof SyntaxError) throw new TaskArgumentError("addresses", `not valid JSON (${e.message})`);
    throw e;
  }
  for (const key of CONTRACT_KEYS) {
    const code = await hre.ethers.provider.getCode(addresses[key]);
    if (code === "0x") {
      throw new TaskAddressError(
        `${source}: no contract at ${key} ${addresses[key]} on network "${hre.network.name}" (chain ${chainId}) — ` +
          `stale or wrong deployment?`,
      );
    }
  }
  const signer = await pickSigner(hre, args.from);
  let safe: SafeBatch | undefined;
  if (args.safe !== undefined) {
    const file = path.resolve(root, parseText("safe", args.safe));
    const from = args.safeAddress === undefined ? await signer.getAddress() : parseAddress("safe-address", args.safeAddress);
    safe = { file, from, chainId, transactions: [] };
  } else if (args.safeAddress !== undefined) {
    throw new TaskArgumentError("safe-address", "only with --safe <file>");
  }
  const at = <T>(key: ContractKey) =>
    hre.ethers.getContractAt(CONTRACT_NAMES[key], addresses[key], signer) as unknown as Promise<T>;
  return {
    hre,
    safe,
    addresses,
    source,
    chainId,
    signer,
    signerAddress: await signer.getAddress(),
    registry: await at<ProjectRegistry>("registry"),
    credits: await at<CarbonCredits>("credits"),
    market: await at<CreditMarketplace>("market"),
    pool: await at<CarbonPool>("pool"),
    oracle: await at<MRVOracle>("oracle"),
  };
}

async function pickSigner(hre: HardhatRuntimeEnvironment, from: string | undefined): Promise<Signer> {
  const signers = await hre.ethers.getSigners();
  if (signers.length === 0) throw new TaskArgumentError("from", `network "${hre.network.name}" has no accounts (set DEPLOYER_PRIVATE_KEY)`);
  if (from === undefined) return signers[0];
  const address = parseAddress("from", from);
  const signer = signers.find((s) => s.address === address);
  if (signer === undefined) throw new TaskArgumentError("from", `${address} is not one of the accounts of network "${hre.network.name}"`);
  return signer;
}

// ───────────────────────────── argument parsing ─────────────────────────────

/** A required string argument, trimmed, non-empty. */
export function parseText(argument: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") throw new TaskArgumentError(argument, "is required (non-empty text)");
  return value.trim();
}

/** A checksummed, non-zero address. */
export function parseAddress(argument: string, value: unknown): string {
  if (typeof value !== "string" || !isAddress(value)) {
    const badChecksum = typeof value === "string" && /^0x[0-9a-fA-F]{40}$/.test(value);
    throw new TaskArgumentError(
      argument,
      `not an address: ${JSON.stringify(value)}${badChecksum ? " (mixed-case checksum is wrong; check it, or write it in lower case)" : ""}`,
    );
  }
  const address = getAddress(value);
  if (address === ZeroAddress) throw new TaskArgumentError(argument, "the zero address is not allowed");
  return address;
}

/** A decimal integer in `[min, max]` (bigint). */
export function parseInteger(argument: string, value: unknown, min: bigint, max: bigint): bigint {
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string" || !/^[0-9]+$/.test(text.trim())) {
    throw new TaskArgumentError(argument, `not a whole number: ${JSON.stringify(value)}`);
  }
  const n = BigInt(text.trim());
  if (n < min || n > max) throw new TaskArgumentError(argument, `${n} is out of range [${min}, ${max >= 2n ** 64n ? `2^${max.toString(2).length} − 1` : max}]`);
  return n;
}

/** A positive id (1 … 2^256 − 1); `0` and out-of-range values get a short message, not a 78-digit range. */
export function parseId(argument: string, value: unknown): bigint {
  const n = parseInteger(argument, value, 0n, 2n ** 256n);
  if (n === 0n) throw new TaskArgumentError(argument, "ids start at 1 (0 is never an id)");
  if (n >= 2n ** 256n) throw new TaskArgumentError(argument, `${value} does not fit in a uint256`);
  return n;
}

/**
 * A positive amount of credits as a decimal (`"1.5"` = 1.5 tCO2e), returned in units
 * (1 credit = 1,000,000 units, i.e. grams). At most 6 decimals.
 */
export function parseCredits(argument: string, value: unknown): bigint {
  if (typeof value !== "string" || !/^[0-9]+(\.[0-9]+)?$/.test(value.trim())) {
    throw new TaskArgumentError(argument, `not a positive decimal number of credits: ${JSON.stringify(value)}`);
  }
  const [whole, frac = ""] = value.trim().split(".");
  if (frac.length > CREDIT_DECIMALS) {
    throw new TaskArgumentError(argument, `at most ${CREDIT_DECIMALS} decimals (1 unit = 1 g CO2e): ${value}`);
  }
  const units = BigInt(whole) * 10n ** BigInt(CREDIT_DECIMALS) + BigInt(frac.padEnd(CREDIT_DECIMALS, "0"));
  if (units === 0n) throw new TaskArgumentError(argument, "must be greater than 0");
  return units;
}

/** Formats units as credits (`1500000n` → `"1.5"`). */
export function formatCredits(units: bigint): string {
  const whole = units / 10n ** BigInt(CREDIT_DECIMALS);
  const frac = (units % 10n ** BigInt(CREDIT_DECIMALS)).toString().padStart(CREDIT_DECIMALS, "0").replace(/0+$/, "");
  return frac === "" ? whole.toString() : `${whole}.${frac}`;
}

/**
 * A UTC date `YYYY-MM-DD` (00:00:00 UTC, or 23:59:59 UTC with `endOfDay`) or unix seconds, as unix
 * seconds.
 */
export function parseDate(argument: string, value: unknown, endOfDay = false): bigint {
  if (typeof value === "string" && /^[0-9]+$/.test(value.trim())) return BigInt(value.trim());
  const m = typeof value === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim()) : null;
  if (m === null) throw new TaskArgumentError(argument, `not a date (YYYY-MM-DD, UTC) or unix seconds: ${JSON.stringify(value)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || y < 1970) {
    throw new TaskArgumentError(argument, `not a valid calendar date: ${value}`);
  }
  return BigInt(ms / 1000) + (endOfDay ? 86_399n : 0n);
}

/**
 * One of `names` (case-insensitive; `-` and `_` are interchangeable), returned as its index — the
 * Solidity enum value when `names` lists the enum in order.
 */
export function parseEnum(argument: string, value: unknown, names: readonly string[]): number {
  const norm = (s: string) => s.toLowerCase().replace(/[-_ ]/g, "");
  const i = typeof value === "string" ? names.findIndex((n) => norm(n) === norm(value)) : -1;
  if (i < 0) throw new TaskArgumentError(argument, `${JSON.stringify(value)} is not one of: ${names.join(", ")}`);
  return i;
}

// ───────────────────────────── transactions ─────────────────────────────

let eventInterfaces: Interface[] | undefined;

async function interfaces(hre: HardhatRuntimeEnvironment): Promise<{ events: Interface[] }> {
  if (eventInterfaces === undefined) {
    const abis = await Promise.all(CONTRACT_KEYS.map(async (k) => (await hre.artifacts.readArtifact(CONTRACT_NAMES[k])).abi));
    eventInterfaces = abis.map((abi) => new Interface(abi));
  }
  return { events: eventInterfaces };
}

function formatArg(v: unknown): string {
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) return `[${v.map(formatArg).join(", ")}]`;
  return typeof v === "string" ? v : JSON.stringify(v);
}

/**
 * Turns a failed call into a {@link TaskTransactionError}, decoding the revert with the SDK's
 * `toSdkError`: a custom error of any system contract (or OpenZeppelin's, e.g.
 * `AccessControlUnauthorizedAccount`, `EnforcedPause`) becomes `Name(param=value, …)`, enums and roles by name.
 * The SDK is imported here, at run time, because `sdk/generated/` exists only after a compile and
 * this file is loaded with the Hardhat config.
 */
export async function decodeFailure(_hre: HardhatRuntimeEnvironment, action: string, e: unknown): Promise<TaskTransactionError> {
  const { toSdkError, ContractRevertError, UnknownRevertError, ERROR_ABI, ProjectStatus, PeriodStatus, AllocationMethod, ReportStatus, roleName } =
    await import("../sdk");
  // Names of the enums that appear in custom errors, by the ABI's `internalType`, in on-chain order.
  const enumNames: Record<string, readonly string[]> = {
    "enum IProjectRegistry.ProjectStatus": Object.keys(ProjectStatus),
    "enum ICarbonPool.PeriodStatus": Object.keys(PeriodStatus),
    "enum ICarbonPool.AllocationMethod": Object.keys(AllocationMethod),
    "enum IMRVOracle.ReportStatus": Object.keys(ReportStatus),
  };
  const err = toSdkError(action, e);
  if (err instanceof ContractRevertError) {
    const abi = (ERROR_ABI as unknown as Array<{ name: string; inputs: Array<{ name: string; internalType?: string }> }>).find(
      (f) => f.name === err.errorName,
    );
    const shown = err.args.map((a, i) => {
      const input = abi?.inputs[i];
      const names = input?.internalType === undefined ? undefined : enumNames[input.internalType];
      const isRole = input?.internalType === "bytes32" && typeof a === "string" && /role/i.test(input.name);
      const text = names !== undefined && typeof a === "bigint" ? (names[Number(a)] ?? formatArg(a)) : isRole ? roleName(a) : formatArg(a);
      return input?.name ? `${input.name}=${text}` : text;
    });
    return new TaskTransactionError(action, err.errorName, [...err.args], `${err.errorName}(${shown.join(", ")})`);
  }
  if (err instanceof UnknownRevertError) {
    return new TaskTransactionError(action, undefined, [], err.reason ?? `reverted with unknown data ${err.data}`);
  }
  const message = (e as { shortMessage?: string; message?: string }).shortMessage ?? (e as Error).message ?? String(e);
  return new TaskTransactionError(action, undefined, [], message);
}

/**
 * A mined transaction and the system events it emitted — or, with `--safe`, the transaction queued
 * in the Safe batch (`queued` set, `hash` empty, no events).
 */
export interface Sent {
  hash: string;
  gasUsed: bigint;
  blockNumber: number;
  events: LogDescription[];
  /** With `--safe`: where the transaction was queued (the batch file, its 0-based index there). */
  queued?: { file: string; index: number };
}

/** A TypeChain contract method: sendable, simulatable (`staticCall`) and populatable. */
export interface TxMethod {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (...args: any[]): Promise<ContractTransactionResponse>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  populateTransaction(...args: any[]): Promise<ContractTransaction>;
}

/**
 * Runs one write of a task: encodes `method(...args)`, simulates it with `eth_call` from the signer
 * (or, with `--safe`, from the Safe) — a revert is refused with the decoded custom error and nothing
 * is sent (no nonce, no gas) — then sends it, waits, prints `action: tx <hash>, block, gas`, and
 * returns its decoded events. With `--safe <file>` the simulated transaction is appended to the Safe
 * Transaction Builder batch in `file` instead of being sent.
 * @throws TaskTransactionError with the decoded custom error when the simulation or the transaction reverts.
 */
export async function sendTx(sys: System, action: string, method: TxMethod, args: readonly unknown[]): Promise<Sent> {
  const { hre } = sys;
  let receipt;
  try {
    const populated = await method.populateTransaction(...args);
    const tx = { to: populated.to, data: populated.data, value: populated.value ?? 0n };
    await hre.ethers.provider.call({ ...tx, from: sys.safe?.from ?? sys.signerAddress });
    if (sys.safe !== undefined) {
      const index = queueInSafe(sys.safe, tx, action);
      say(`${action}: simulated from ${sys.safe.from}, queued as transaction ${index + 1} of the Safe batch ${sys.safe.file} (not sent)`);
      return { hash: "", gasUsed: 0n, blockNumber: 0, events: [], queued: { file: sys.safe.file, index } };
    }
    const response = await sys.signer.sendTransaction(tx);
    receipt = await response.wait();
  } catch (e) {
    throw await decodeFailure(hre, action, e);
  }
  if (receipt === null) throw new TaskTransactionError(action, undefined, [], "no receipt");
  const { events: ifaces } = await interfaces(hre);
  const events: LogDescription[] = [];
  for (const log of receipt.logs) {
    for (const iface of ifaces) {
      const parsed = iface.parseLog(log);
      if (parsed !== null) {
        events.push(parsed);
        break;
      }
    }
  }
  say(`${action}: tx ${receipt.hash} (block ${receipt.blockNumber}, gas ${receipt.gasUsed})`);
  return { hash: receipt.hash, gasUsed: receipt.gasUsed, blockNumber: receipt.blockNumber, events };
}

/** The first event named `name` in `sent`, or a TaskTransactionError when the transaction emitted none. */
export function eventOf(sent: Sent, name: string, action: string): LogDescription {
  const ev = sent.events.find((e) => e.name === name);
  if (ev === undefined) throw new TaskTransactionError(action, undefined, [], `no ${name} event in tx ${sent.hash}`);
  return ev;
}
