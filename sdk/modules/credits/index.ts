/**
 * `credits` — ERC-1155 vintage credits (`CarbonCredits`): balances, transfers, mint, retire,
 * retirement records. The shapes are in `types.ts`, the module class in `module.ts`, the retirement
 * encoders/decoders in `retirement.ts`.
 */
export * from "./types";
export { CreditsModule } from "./module";
export { retiredFromReceipt, toRetirementDetails } from "./retirement";
