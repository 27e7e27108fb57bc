import type { BaseContract, ContractTransaction, ContractTransactionResponse, EventLog, Log, Overrides, TransactionReceipt } from "ethers";
import { getAddress } from "ethers";
import { InvalidArgumentError, SignerRequiredError, OpenTonneError } from "../errors/base";
import { toSdkError } from "../errors/decode";
import type { TypedContractEvent, TypedDeferredTopicFilter, TypedEventLog } from "../../typechain-types/common";
import type { Context } from "./context";
import { resolveRange, scanLogs } from "./logs";
import { poll, type LogPosition, type Unsubscribe, type WatchOptions } from "./watch";

/** The result of every write: the transaction hash and its mined receipt, plus the ids it created. */
export type TxResult<T extends object = object> = {
  /** Transaction hash. */
  readonly hash: string;
  /** The mined receipt (status 1). */
  readonly receipt: TransactionReceipt;
} & T;

/**
 * Optional settings of a write (every write method takes them as its last argument).
 *
 * Lifecycle: the write is checked and simulated (`eth_call`; a revert becomes its typed error and
 * nothing is sent), sent — `onSent(hash)` is called as soon as the transaction is broadcast, before
 * it is mined, so a UI can show the pending hash — then awaited for `confirmations` and decoded.
 */
export interface WriteOptions {
  /** Confirmations to wait for (default 1). */
  readonly confirmations?: number;
  /**
   * ethers transaction overrides: `gasLimit`, `maxFeePerGas`, `maxPriorityFeePerGas`, `gasPrice`,
   * `nonce`, `type`, … (not `from`, `to`, `data` or `value`, which the SDK sets). Passed to the
   * simulation too (except `nonce`).
   */
  readonly overrides?: Overrides;
  /** Called with the transaction hash once it is sent (before the receipt). Called once per transaction sent, approvals included. */
  readonly onSent?: (hash: string) => void;
  /**
   * Prepare form only (`module.prepare.method(…)`): the account the transaction will be sent from
   * (e.g. a Safe), which it is simulated from. Default: the connected signer's address.
   */
  readonly from?: string;
}

/**
 * An unsigned transaction, as `module.prepare.<write>(…)` returns it: simulated from `from`, ready
 * for a multisig (Safe), a hardware wallet or any other sender.
 */
export interface PreparedTransaction {
  /** The contract called. */
  readonly to: string;
  /** ABI-encoded call. */
  readonly data: string;
  /** Native value, wei (always 0 for the OpenTonne contracts). */
  readonly value: bigint;
  /** The account it was simulated from. */
  readonly from: string;
}

/**
 * The prepare form of a module: the same write methods, same arguments and checks, each resolving
 * to the simulated unsigned {@link PreparedTransaction} instead of sending it.
 */
export type Prepared<M> = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly [K in keyof M as K extends "prepare" | "contract" ? never : M[K] extends (...args: any[]) => Promise<TxResult<any>> ? K : never]: M[K] extends (...args: infer A) => Promise<TxResult<object>>
    ? (...args: A) => Promise<PreparedTransaction>
    : never;
};

/**
 * A TypeChain contract method that sends a transaction (callable), can be simulated (`staticCall`)
 * and encoded (`populateTransaction`). Arguments are checked by the module methods before they get here.
 */
export interface SendableMethod {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (...args: any[]): Promise<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  staticCall(...args: any[]): Promise<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  populateTransaction(...args: any[]): Promise<ContractTransaction>;
}

/**
 * Base of the `registry`, `credits`, `market`, `pool` and `oracle` modules: wraps reads so reverts
 * become typed errors, and runs writes as simulate → send → wait → decode.
 */
export abstract class Module<C extends BaseContract> {
  /** @param ctx shared connection; @param contract the TypeChain-typed contract; @param name module name used in error actions. */
  constructor(
    protected readonly ctx: Context,
    /** The underlying TypeChain-typed ethers contract, for anything the module does not wrap. */
    readonly contract: C,
    protected readonly name: string,
  ) {}

  /** Runs a read; a revert becomes the matching SDK error. */
  protected async read<T>(method: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toSdkError(`${this.name}.${method}`, error);
    }
  }

  /** The connected signer, or a {@link SignerRequiredError} naming `method`. */
  protected requireSigner(method: string) {
    if (!this.ctx.signer) throw new SignerRequiredError(`${this.name}.${method}`);
    return this.ctx.signer;
  }

  /** Set on the object {@link Module.prepare} returns: writes resolve to the unsigned transaction. */
  private preparing = false;

  /**
   * The prepare form of this module: `ot.credits.prepare.retire(batchId, amount)` runs the same
   * checks and simulation as `ot.credits.retire(…)` and resolves to `{ to, data, value, from }`
   * without sending (give `{ from }` in the options to simulate as another account, e.g. a Safe —
   * then no signer is needed). `{ approve: true }` is refused there: prepare the approval itself.
   */
  get prepare(): Prepared<this> {
    const prepared = Object.create(this) as this;
    prepared.preparing = true;
    return prepared as unknown as Prepared<this>;
  }

  /** Whether this is the prepare form (see {@link Module.prepare}). */
  protected get isPreparing(): boolean {
    return this.preparing;
  }

  /**
   * The account a write of `method` is sent from: `options.from` in the prepare form, else the
   * connected signer's address. @throws {@link SignerRequiredError} when there is neither.
   */
  protected async sender(method: string, options?: WriteOptions): Promise<string> {
    if (this.preparing && options?.from !== undefined) return checkedFrom(options.from);
    return this.requireSigner(method).getAddress();
  }

  /**
   * Simulates `fn(...args)` with `staticCall` (a revert surfaces as a typed error before any gas is
   * spent), sends it with `options.overrides`, calls `options.onSent(hash)`, waits for the receipt and
   * returns `{ hash, receipt, ...decode(receipt) }`. In the prepare form it stops after the
   * simulation and returns the {@link PreparedTransaction} instead (typed through {@link Prepared}).
   */
  protected async write<T extends object = object>(
    method: string,
    fn: SendableMethod,
    args: readonly unknown[],
    decode?: (receipt: TransactionReceipt) => T,
    options: WriteOptions = {},
  ): Promise<TxResult<T>> {
    const action = `${this.name}.${method}`;
    const overrides = checkedOverrides(options.overrides);
    const { nonce: _nonce, ...simulation } = overrides;
    if (this.preparing) return (await this.prepareWrite(method, fn, args, simulation, options)) as unknown as TxResult<T>;
    this.requireSigner(method);
    let receipt: TransactionReceipt | null;
    let hash: string;
    try {
      await fn.staticCall(...args, simulation);
      const tx = (await fn(...args, overrides)) as ContractTransactionResponse;
      hash = tx.hash;
      options.onSent?.(hash);
      receipt = await tx.wait(options.confirmations ?? 1);
    } catch (error) {
      throw toSdkError(action, error);
    }
    if (!receipt) throw new OpenTonneError(`${action}: transaction ${hash} has no receipt`);
    const extra = decode ? decode(receipt) : ({} as T);
    return { hash, receipt, ...extra } as TxResult<T>;
  }

  private async prepareWrite(method: string, fn: SendableMethod, args: readonly unknown[], simulation: Overrides, options: WriteOptions): Promise<PreparedTransaction> {
    const from = await this.sender(method, options);
    try {
      const tx = await fn.populateTransaction(...args, simulation);
      const prepared = { to: getAddress(tx.to), data: tx.data, value: tx.value ?? 0n, from };
      await this.ctx.provider.call({ ...simulation, to: prepared.to, data: prepared.data, value: prepared.value, from });
      return prepared;
    } catch (error) {
      throw toSdkError(`${this.name}.${method}`, error);
    }
  }

  /**
   * The logs matching `filter` emitted by this module's contract from `fromBlock` (default: the
   * deployment block) to `toBlock` (default: latest), in chain order, typed as TypeChain types them.
   * Scanned in chunks of `DEFAULT_CHUNK_SIZE` blocks; a chunk the RPC refuses is split and retried
   * (see `internal/logs.ts`), so a long history works on public RPCs that cap `eth_getLogs`.
   * @throws {@link InvalidArgumentError} on a bad block range.
   */
  protected async queryEvents<E extends TypedContractEvent>(
    method: string,
    filter: TypedDeferredTopicFilter<E>,
    fromBlock?: number,
    toBlock?: number,
  ): Promise<Array<TypedEventLog<E>>> {
    const range = await resolveRange(this.ctx.provider, this.ctx.addresses.deploymentBlock, { fromBlock, toBlock });
    const [logs] = await scanLogs(`${this.name}.${method}`, [{ contract: this.contract, filter }], range);
    return logs as unknown as Array<TypedEventLog<E>>;
  }

  /**
   * Watches `filter` on this module's contract by polling (see `internal/watch.ts`): each new log is
   * mapped by `map` and given to `listener` with its {@link LogPosition}. Returns the unsubscribe.
   */
  protected watchEvents<E extends TypedContractEvent, T>(
    method: string,
    filter: TypedDeferredTopicFilter<E>,
    map: (log: TypedEventLog<E>) => T,
    listener: (event: T & LogPosition) => void,
    options: WatchOptions = {},
  ): Unsubscribe {
    const action = `${this.name}.${method}`;
    return poll(
      async () => {
        try {
          return await this.ctx.provider.getBlockNumber();
        } catch (error) {
          throw toSdkError(action, error);
        }
      },
      async (fromBlock, toBlock) =>
        (await this.queryEvents(method, filter, fromBlock, toBlock)).map((log) => ({
          ...map(log),
          blockNumber: log.blockNumber,
          transactionHash: log.transactionHash,
          logIndex: log.index,
        })),
      listener,
      options,
    );
  }

  /** The decoded `args` of every `eventName` log that this module's contract emitted in `receipt`. */
  protected events(receipt: TransactionReceipt, eventName: string): EventLog["args"][] {
    const address = this.ctx.addresses[this.name as keyof typeof this.ctx.addresses];
    const out: EventLog["args"][] = [];
    for (const log of receipt.logs as Log[]) {
      if (typeof address === "string" && log.address.toLowerCase() !== address.toLowerCase()) continue;
      const parsed = this.contract.interface.parseLog({ topics: [...log.topics], data: log.data });
      if (parsed && parsed.name === eventName) out.push(parsed.args);
    }
    return out;
  }

  /** The first `eventName` log of `receipt` (see {@link Module.events}); throws if there is none. */
  protected event(receipt: TransactionReceipt, eventName: string): EventLog["args"] {
    const [first] = this.events(receipt, eventName);
    if (!first) throw new OpenTonneError(`${this.name}: expected a ${eventName} event in transaction ${receipt.hash}`);
    return first;
  }
}

/** Keys of ethers `Overrides` the SDK sets itself. */
const RESERVED_OVERRIDES = ["from", "to", "data", "value"] as const;

function checkedOverrides(overrides: Overrides | undefined): Overrides {
  if (overrides === undefined) return {};
  if (overrides === null || typeof overrides !== "object") throw new InvalidArgumentError("options.overrides", overrides, "expected an ethers Overrides object");
  for (const key of RESERVED_OVERRIDES) {
    if (key in overrides) throw new InvalidArgumentError(`options.overrides.${key}`, (overrides as Record<string, unknown>)[key], "is set by the SDK; it cannot be overridden");
  }
  return { ...overrides };
}

function checkedFrom(from: string): string {
  try {
    return getAddress(from);
  } catch {
    throw new InvalidArgumentError("options.from", from, "expected a 0x-prefixed 20-byte address");
  }
}
