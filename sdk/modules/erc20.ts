/**
 * `erc20` — a small typed helper for an ERC-20 payment token (the marketplace's stablecoin):
 * balance, allowance, decimals, symbol, name (`tokenName`), and `approve` as an SDK write (simulated first, typed
 * errors, `onSent`, overrides, `prepare`). Get one with `ot.erc20(token)` or, for the deployment's
 * recorded payment token, `ot.paymentToken()`.
 *
 * Units: amounts are the token's smallest unit (`bigint`); `decimals()` says how many decimals a
 * whole token has (6 for USDC and the test stablecoin).
 */
import { Contract } from "ethers";
import type { Context } from "../internal/context";
import { Module, type TxResult, type WriteOptions } from "../internal/module";
import * as check from "../internal/validate";

/** The ERC-20 functions the helper calls (EIP-20; `name`, `symbol`, `decimals` are its optional metadata). */
export const ERC20_ABI = [
  "function name() view returns (string)",
  "function symbol() view returns (string)",
  "function decimals() view returns (uint8)",
  "function totalSupply() view returns (uint256)",
  "function balanceOf(address account) view returns (uint256)",
  "function allowance(address owner, address spender) view returns (uint256)",
  "function approve(address spender, uint256 amount) returns (bool)",
] as const;

/** One ERC-20 token, see the file header. */
export class Erc20Token extends Module<Contract> {
  /** The token's address (checksummed). */
  readonly address: string;

  /** @param ctx shared connection; @param token the token's address. */
  constructor(ctx: Context, token: string) {
    const address = check.address("token", token);
    super(ctx, new Contract(address, ERC20_ABI, ctx.runner), "erc20");
    this.address = address;
  }

  /** `account`'s balance, smallest units. */
  async balanceOf(account: string): Promise<bigint> {
    const who = check.address("account", account);
    return this.read("balanceOf", () => this.contract.balanceOf(who) as Promise<bigint>);
  }

  /** How much `spender` (default: the marketplace) may pull from `owner`, smallest units. */
  async allowance(owner: string, spender: string = this.ctx.addresses.market): Promise<bigint> {
    const [o, s] = [check.address("owner", owner), check.address("spender", spender)];
    return this.read("allowance", () => this.contract.allowance(o, s) as Promise<bigint>);
  }

  /** Decimals of a whole token (e.g. 6). */
  async decimals(): Promise<number> {
    return Number(await this.read("decimals", () => this.contract.decimals() as Promise<bigint>));
  }

  /** The token's symbol, e.g. `"USDC"`. */
  async symbol(): Promise<string> {
    return this.read("symbol", () => this.contract.symbol() as Promise<string>);
  }

  /** The token's name (ERC-20 `name()`). */
  async tokenName(): Promise<string> {
    return this.read("name", () => this.contract.name() as Promise<string>);
  }

  /**
   * Lets `spender` (default: the marketplace) pull up to `amount` from the signer (ERC-20 `approve`).
   * @throws {@link InvalidArgumentError} before any call; the token's `ERC20InvalidSpenderError`.
   */
  async approve(amount: bigint, spender: string = this.ctx.addresses.market, options?: WriteOptions): Promise<TxResult> {
    const args = [check.address("spender", spender), check.unsigned("amount", amount)];
    return this.write("approve", this.contract.approve as never, args, undefined, options);
  }
}
