/**
 * `market` — tenders, proposals and direct listings (`CreditMarketplace`, seed 003). The shapes are in
 * `types.ts`, the module class in `module.ts`, its argument checks in `inputs.ts`, its decoders in
 * `decode.ts` and the `{ approve: true }` escrow approvals in `approvals.ts`.
 *
 * Units: credit amounts are integer grams CO2e (1 credit = 1,000,000 units); prices are per whole
 * credit in the payment token's smallest unit; fees are basis points; times are unix seconds.
 * A trade costs the buyer `costUp(amount, price)` = `ceil(amount × price / 1e6)`; the fee
 * `feeDown(cost, feeBps)` = `floor(cost × feeBps / 10,000)` is taken out of the SELLER's proceeds
 * (`cost − fee`) and accrues in the marketplace for the fee recipient to withdraw. The fee rate of a
 * proposal or listing is the one in force when the seller committed.
 *
 * Writes that move the caller's tokens into escrow accept `{ approve: true }`: before the write the
 * SDK sends the missing ERC-20 `approve` (buyers) or ERC-1155 `setApprovalForAll` (sellers) to the
 * marketplace — only when the current allowance / approval is insufficient — and reports its hash as
 * `approvalHash`. Before any approval the SDK checks what an approval cannot fix — the caller's
 * payment-token balance (buyers) or credit balance (sellers), thrown as the token's own
 * `ERC20InsufficientBalanceError` / `ERC1155InsufficientBalanceError` — and simulates the write: if it
 * would fail for any other reason than the missing approval, its error is thrown and nothing is sent.
 */
export * from "./types";
export { MarketModule } from "./module";
