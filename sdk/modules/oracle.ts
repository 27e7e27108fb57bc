/**
 * `oracle` — devices and signed device-day reports (MRVOracle, seed 004).
 */
import type { MRVOracle } from "../../typechain-types";
import { Module } from "../internal/module";

/** The `oracle` module: see the file header. */
export class OracleModule extends Module<MRVOracle> {}
