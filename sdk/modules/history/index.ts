/**
 * `history` — what happened, rebuilt from the contracts' events: an account's transactions, daily
 * price candles per batch, a pool period's leaderboard, the oracle fleet's report summary. The shapes
 * are in `types.ts`, the module class in `module.ts`.
 */
export { DEFAULT_CHUNK_SIZE, type HistoryOptions } from "../../internal/logs";
export * from "./types";
export { HistoryModule } from "./module";
