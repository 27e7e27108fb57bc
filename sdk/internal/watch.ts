/**
 * Event subscriptions by polling `eth_blockNumber` + `eth_getLogs` — works on any HTTP RPC (no
 * `eth_newFilter`, no websocket), the same chunked, splitting scan as the history reads.
 */
import { InvalidArgumentError } from "../errors/base";

/** Where a delivered event was mined. */
export interface LogPosition {
  /** Block the event was mined in. */
  readonly blockNumber: number;
  /** Transaction that emitted it. */
  readonly transactionHash: string;
  /** Index of the log in its block. */
  readonly logIndex: number;
}

/** Options of the `watch…` helpers. */
export interface WatchOptions {
  /** First block to deliver events from (default: the block after the latest one when watching starts). Past events are delivered first, in chain order. */
  readonly fromBlock?: number;
  /** Milliseconds between polls (default 4,000; at least 10). */
  readonly pollingInterval?: number;
  /**
   * Called with an SDK error when a poll fails (a {@link NetworkError}, …) or the listener throws;
   * watching goes on at the next poll, from the first block not yet delivered. Default: the error
   * is written to `console.error`.
   */
  readonly onError?: (error: unknown) => void;
}

/** Stops a watch: no listener call happens after it returns. */
export type Unsubscribe = () => void;

/** Default {@link WatchOptions.pollingInterval}, ms. */
export const DEFAULT_POLLING_INTERVAL = 4_000;

/**
 * Polls: each round reads the latest block and calls `deliver(from, to)` for the blocks not yet
 * delivered; `deliver` resolves to the events of that range, which go to `listener` in order.
 */
export function poll<T>(
  latestBlock: () => Promise<number>,
  fetch: (fromBlock: number, toBlock: number) => Promise<T[]>,
  listener: (event: T) => void,
  options: WatchOptions,
): Unsubscribe {
  if (typeof listener !== "function") throw new InvalidArgumentError("listener", listener, "expected a function (event) => void");
  const interval = options.pollingInterval ?? DEFAULT_POLLING_INTERVAL;
  if (!Number.isSafeInteger(interval) || interval < 10) throw new InvalidArgumentError("pollingInterval", interval, "expected milliseconds ≥ 10");
  if (options.fromBlock !== undefined && (!Number.isSafeInteger(options.fromBlock) || options.fromBlock < 0)) {
    throw new InvalidArgumentError("fromBlock", options.fromBlock, "expected a block number ≥ 0");
  }
  const report = options.onError ?? ((error: unknown) => console.error(error));
  let next = options.fromBlock;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const round = async () => {
    try {
      const latest = await latestBlock();
      next ??= latest + 1;
      if (latest >= next) {
        const events = await fetch(next, latest);
        next = latest + 1;
        for (const event of events) {
          if (stopped) return;
          try {
            listener(event);
          } catch (error) {
            report(error);
          }
        }
      }
    } catch (error) {
      if (!stopped) report(error);
    }
    if (!stopped) timer = setTimeout(round, interval);
  };
  timer = setTimeout(round, 0);
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}
