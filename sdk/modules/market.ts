/**
 * `market` — tenders, proposals and direct listings (CreditMarketplace, seed 003).
 */
import type { CreditMarketplace } from "../../typechain-types";
import { Module } from "../internal/module";

/** The `market` module: see the file header. */
export class MarketModule extends Module<CreditMarketplace> {}
