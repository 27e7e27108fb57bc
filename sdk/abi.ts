/**
 * `opentonne/abi` — the system's ABIs for plain-ethers (or viem, web3) users, without the SDK.
 *
 * A call into one contract can revert with another contract's custom error (a marketplace buy that
 * fails in CarbonCredits or in the payment token), which the called contract's ABI alone cannot
 * decode. {@link ERROR_ABI} holds every custom error of every system contract and of the ERC-20
 * payment token; add it to the contract's ABI:
 *
 * @example
 * ```ts
 * import { Contract, Interface } from "ethers";
 * import { CreditMarketplaceAbi, ERROR_ABI } from "opentonne/abi";
 * const market = new Contract(address, [...CreditMarketplaceAbi, ...ERROR_ABI], signer);
 * try { await market.buy(listingId, amount, price, maxCost); }
 * catch (e) { console.log(market.interface.parseError(e.data)); } // e.g. ERC1155InsufficientBalance(…)
 * ```
 *
 * @packageDocumentation
 */
export { ERROR_ABI } from "./generated/error-abi";
export { CarbonCreditsAbi, CarbonPoolAbi, CreditMarketplaceAbi, MRVOracleAbi, ProjectRegistryAbi } from "./generated/abis";
