/**
 * Event queries paged over block ranges, and block timestamps: the plumbing of the `history` module.
 * Plain ethers `Contract.queryFilter`, one chunk of blocks at a time.
 */
import { JsonRpcApiProvider, getNumber, toQuantity, type BaseContract, type DeferredTopicFilter, type EventLog, type JsonRpcPayload, type Log, type Provider } from "ethers";
import { InvalidArgumentError, OpenTonneError } from "../errors/base";
import { toSdkError } from "../errors/decode";

/** Default number of blocks per `eth_getLogs` call (public RPCs commonly allow 10,000). */
export const DEFAULT_CHUNK_SIZE = 10_000;

/** Where and how an event query scans: block range, chunk size, progress. */
export interface HistoryOptions {
  /** First block scanned (default: the deployment's `deploymentBlock`). */
  readonly fromBlock?: number;
  /**
   * Last block scanned (default: the provider's latest block when the query starts; ethers providers
   * cache responses for `cacheTimeout`, 250 ms by default, so pass `toBlock` to include a block just mined).
   */
  readonly toBlock?: number;
  /** Blocks per `eth_getLogs` call (default {@link DEFAULT_CHUNK_SIZE}); lower it for RPCs with tighter limits. */
  readonly chunkSize?: number;
  /**
   * Called after each chunk with the blocks scanned so far and the blocks to scan in all
   * (`done === total` on the last call; at least one call).
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/** One event query: a contract and a filter on it. */
export interface LogQuery {
  readonly contract: BaseContract;
  readonly filter: DeferredTopicFilter;
}

/** The block range a query covers, after defaults and checks. */
export interface BlockRange {
  readonly fromBlock: number;
  readonly toBlock: number;
}

/** Resolves and checks the block range and chunk size of `options`. @throws {@link InvalidArgumentError} */
export async function resolveRange(
  provider: Provider,
  deploymentBlock: number,
  options: HistoryOptions,
): Promise<BlockRange & { chunkSize: number }> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new InvalidArgumentError("chunkSize", chunkSize, "expected an integer ≥ 1");
  const fromBlock = options.fromBlock ?? deploymentBlock;
  if (!Number.isSafeInteger(fromBlock) || fromBlock < 0) throw new InvalidArgumentError("fromBlock", fromBlock, "expected a block number ≥ 0");
  if (options.toBlock !== undefined && (!Number.isSafeInteger(options.toBlock) || options.toBlock < 0)) {
    throw new InvalidArgumentError("toBlock", options.toBlock, "expected a block number ≥ 0");
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    throw new InvalidArgumentError("onProgress", options.onProgress, "expected a function (done, total) => void");
  }
  const toBlock = options.toBlock ?? (await provider.getBlockNumber());
  if (toBlock < fromBlock) throw new InvalidArgumentError("toBlock", toBlock, `is before fromBlock ${fromBlock}`);
  return { fromBlock, toBlock, chunkSize };
}

/**
 * Runs every query over `range`, `chunkSize` blocks at a time (all queries of a chunk in parallel),
 * reporting progress after each chunk. A chunk the provider refuses (many RPCs cap the blocks or the
 * results of one `eth_getLogs`) is split in halves and retried, down to single blocks; only an error on
 * a single block is thrown. Returns, per query, its decoded logs in chain order.
 */
export async function scanLogs(
  action: string,
  queries: readonly LogQuery[],
  range: BlockRange & { chunkSize: number },
  onProgress?: (done: number, total: number) => void,
): Promise<EventLog[][]> {
  const out: EventLog[][] = queries.map(() => []);
  const total = range.toBlock - range.fromBlock + 1;
  for (let start = range.fromBlock; start <= range.toBlock; start += range.chunkSize) {
    const end = Math.min(start + range.chunkSize - 1, range.toBlock);
    let chunk: Array<Array<EventLog | Log>>;
    try {
      chunk = await Promise.all(queries.map((q) => querySplitting(q, start, end)));
    } catch (error) {
      throw toSdkError(action, error);
    }
    chunk.forEach((logs, i) => {
      for (const log of logs) if (isEventLog(log)) out[i].push(log);
    });
    onProgress?.(end - range.fromBlock + 1, total);
  }
  for (const logs of out) logs.sort(byChainOrder);
  return out;
}

/** `queryFilter` over `from..to`; on an error, the two halves of the range (recursively). */
async function querySplitting(q: LogQuery, from: number, to: number): Promise<Array<EventLog | Log>> {
  try {
    return await q.contract.queryFilter(q.filter, from, to);
  } catch (error) {
    if (from >= to) throw error;
    const mid = from + Math.floor((to - from) / 2);
    const [first, second] = [await querySplitting(q, from, mid), await querySplitting(q, mid + 1, to)];
    return [...first, ...second];
  }
}

/** Orders logs by block, then position in the block. */
export function byChainOrder(a: Log, b: Log): number {
  return a.blockNumber - b.blockNumber || a.index - b.index;
}

function isEventLog(log: EventLog | Log): log is EventLog {
  return "args" in log && log.args !== undefined;
}

/** Unique key of a log: transaction hash and log index. */
export function logKey(log: Log): string {
  return `${log.transactionHash}:${log.index}`;
}

/**
 * The timestamps (unix seconds) of `blockNumbers`, each distinct block fetched once.
 *
 * Over JSON-RPC (an ethers `JsonRpcApiProvider`, e.g. `JsonRpcProvider`) the headers are fetched
 * with JSON-RPC batch requests: `eth_getBlockByNumber` for up to the provider's `batchMaxCount`
 * blocks (ethers' default 100) per HTTP request, {@link BATCHES_IN_FLIGHT} requests at a time — no
 * `eth_chainId` check per block, no batch stall. Any other provider (e.g. Hardhat's in-process one)
 * gets `getBlock` calls, `concurrency` at a time.
 * @throws {@link OpenTonneError} when the provider does not know a block or answers a block with an error.
 */
export async function blockTimestamps(provider: Provider, blockNumbers: Iterable<number>, concurrency = 8): Promise<Map<number, number>> {
  const pending = [...new Set(blockNumbers)];
  if (provider instanceof JsonRpcApiProvider) return batchedTimestamps(provider, pending);
  const out = new Map<number, number>();
  const worker = async () => {
    for (let n = pending.pop(); n !== undefined; n = pending.pop()) {
      const block = await provider.getBlock(n);
      if (!block) throw new OpenTonneError(`history: the provider does not know block ${n}`);
      out.set(n, block.timestamp);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, pending.length) }, worker));
  return out;
}

/** JSON-RPC batch requests of block headers {@link blockTimestamps} keeps in flight at once. */
export const BATCHES_IN_FLIGHT = 4;

async function batchedTimestamps(provider: JsonRpcApiProvider, blocks: number[]): Promise<Map<number, number>> {
  const size = Math.max(1, provider._getOption("batchMaxCount") ?? 100);
  const chunks: number[][] = [];
  for (let i = 0; i < blocks.length; i += size) chunks.push(blocks.slice(i, i + size));
  const out = new Map<number, number>();
  const worker = async () => {
    for (let chunk = chunks.pop(); chunk !== undefined; chunk = chunks.pop()) {
      const payloads: JsonRpcPayload[] = chunk.map((n, id) => ({ method: "eth_getBlockByNumber", params: [toQuantity(n), false], id, jsonrpc: "2.0" }));
      // One payload is sent alone (not as a batch of one), as ethers does, for RPCs without batches.
      const results = await provider._send(payloads.length === 1 ? payloads[0] : payloads);
      for (const r of results) {
        const n = chunk[Number(r.id)];
        if (n === undefined) throw new OpenTonneError(`history: the provider answered an unknown request id ${String(r.id)}`);
        if ("error" in r) throw new OpenTonneError(`history: eth_getBlockByNumber(${n}) failed: ${r.error.message ?? JSON.stringify(r.error)}`);
        const block = r.result as { timestamp?: string } | null;
        if (!block || block.timestamp === undefined) throw new OpenTonneError(`history: the provider does not know block ${n}`);
        out.set(n, getNumber(block.timestamp));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCHES_IN_FLIGHT, chunks.length) }, worker));
  for (const n of blocks) if (!out.has(n)) throw new OpenTonneError(`history: the provider gave no header for block ${n}`);
  return out;
}
