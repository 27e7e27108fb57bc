/**
 * OpenTonne SDK — typed ethers v6 access to the OpenTonne carbon-credit contracts.
 *
 * Entry point: {@link OpenTonne.connect}. Amounts are `bigint` grams CO2e (1 credit = 1 tCO2e =
 * 1,000,000 units); see `units` for conversions that round as the contracts do.
 *
 * @packageDocumentation
 */
export { OpenTonne, type ConnectOptions } from "./opentonne";
export * from "./addresses";
export * from "./errors";
export * from "./units";
export type { Prepared, PreparedTransaction, TxResult, WriteOptions } from "./internal/module";
export type { Page, PageOptions } from "./internal/paging";
export { MAX_PAGE } from "./internal/paging";
export { DEFAULT_POLLING_INTERVAL, type LogPosition, type Unsubscribe, type WatchOptions } from "./internal/watch";
export * from "./modules/registry";
export * from "./modules/credits";
export * from "./modules/market";
export * from "./modules/pool";
export * from "./modules/oracle";
export * from "./modules/history";
export * from "./modules/erc20";
