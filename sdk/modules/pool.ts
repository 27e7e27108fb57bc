/**
 * `pool` — the MSME pool (CarbonPool, seed 000): periods, members, contributions, claims.
 */
import type { CarbonPool } from "../../typechain-types";
import { Module } from "../internal/module";

/** The `pool` module: see the file header. */
export class PoolModule extends Module<CarbonPool> {}
