/**
 * `oracle` — devices and signed device-day reports (`MRVOracle`). The shapes are in `types.ts`, the
 * limits and unit conversions in `values.ts`, what signers sign in `eip712.ts`, the module class in
 * `module.ts`.
 */
export * from "./types";
export * from "./values";
export { MRV_EIP712_NAME, MRV_EIP712_TYPES, MRV_EIP712_VERSION, deviceIdOf, mrvDomain, reportMessage } from "./eip712";
export { OracleModule } from "./module";
