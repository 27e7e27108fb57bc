/**
 * A `JsonRpcProvider` that counts what it sends at the transport level: HTTP requests (one per
 * `_send`, whether one JSON-RPC call or a batch) and JSON-RPC calls by method. For tests and the
 * history benchmark that assert or print how many round trips an SDK read costs.
 */
import { JsonRpcProvider, type JsonRpcApiProviderOptions, type JsonRpcPayload, type JsonRpcResult } from "ethers";

/** Counts since the last {@link CountingProvider.reset}. */
export interface RpcCounts {
  /** HTTP requests (a JSON-RPC batch is one). */
  readonly requests: number;
  /** JSON-RPC calls (each call of a batch counts). */
  readonly calls: number;
  /** JSON-RPC calls by method. */
  readonly byMethod: Readonly<Record<string, number>>;
}

/** See the file header. `counts()` reads the counters, `reset()` zeroes them. */
export class CountingProvider extends JsonRpcProvider {
  #requests = 0;
  #byMethod = new Map<string, number>();

  /** @param url the node's JSON-RPC endpoint; @param options ethers' provider options (defaults kept). */
  constructor(url: string, options?: JsonRpcApiProviderOptions) {
    super(url, undefined, options);
  }

  /** Counts, then sends as `JsonRpcProvider` does. */
  override async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    this.#requests++;
    for (const p of Array.isArray(payload) ? payload : [payload]) this.#byMethod.set(p.method, (this.#byMethod.get(p.method) ?? 0) + 1);
    return super._send(payload);
  }

  /** The counters since the last reset. */
  counts(): RpcCounts {
    const byMethod = Object.fromEntries(this.#byMethod);
    return { requests: this.#requests, calls: Object.values(byMethod).reduce((s, n) => s + n, 0), byMethod };
  }

  /** Zeroes the counters. */
  reset(): void {
    this.#requests = 0;
    this.#byMethod.clear();
  }
}
