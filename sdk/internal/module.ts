import type { BaseContract, ContractTransactionResponse, EventLog, Log, TransactionReceipt } from "ethers";
import { SignerRequiredError, OpenTonneError } from "../errors/base";
import { toSdkError } from "../errors/decode";
import type { TypedContractEvent, TypedDeferredTopicFilter, TypedEventLog } from "../../typechain-types/common";
import type { Context } from "./context";
import { resolveRange, scanLogs } from "./logs";

/** The result of every write: the transaction hash and its mined receipt, plus the ids it created. */
export type TxResult<T extends object = object> = {
  /** Transaction hash. */
  readonly hash: string;
  /** The mined receipt (status 1). */
  readonly receipt: TransactionReceipt;
} & T;

/** Optional settings of a write. */
export interface WriteOptions {
  /** Confirmations to wait for (default 1). */
  readonly confirmations?: number;
}

/**
 * A TypeChain contract method that sends a transaction (callable) and can be simulated
 * (`staticCall`). Arguments are checked by the module methods before they get here.
 */
export interface SendableMethod {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (...args: any[]): Promise<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  staticCall(...args: any[]): Promise<unknown>;
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

  /**
   * Simulates `fn(...args)` with `staticCall` (a revert surfaces as a typed error before any gas is
   * spent), sends it, waits for the receipt and returns `{ hash, receipt, ...decode(receipt) }`.
   */
  protected async write<T extends object = object>(
    method: string,
    fn: SendableMethod,
    args: readonly unknown[],
    decode?: (receipt: TransactionReceipt) => T,
    options: WriteOptions = {},
  ): Promise<TxResult<T>> {
    this.requireSigner(method);
    const action = `${this.name}.${method}`;
    let receipt: TransactionReceipt | null;
    let hash: string;
    try {
      await fn.staticCall(...args);
      const tx = (await fn(...args)) as ContractTransactionResponse;
      hash = tx.hash;
      receipt = await tx.wait(options.confirmations ?? 1);
    } catch (error) {
      throw toSdkError(action, error);
    }
    if (!receipt) throw new OpenTonneError(`${action}: transaction ${hash} has no receipt`);
    const extra = decode ? decode(receipt) : ({} as T);
    return { hash, receipt, ...extra } as TxResult<T>;
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
