/**
 * `credits` — ERC-1155 vintage credits (CarbonCredits): balances, transfers, mint, retire, retirement records.
 */
import type { CarbonCredits } from "../../typechain-types";
import { Module } from "../internal/module";

/** The `credits` module: see the file header. */
export class CreditsModule extends Module<CarbonCredits> {}
