/**
 * `{ approve: true }` of the market's escrow writes (internal): before a write that pulls the caller's
 * tokens into escrow, send the missing ERC-20 `approve` (buyers) or ERC-1155 `setApprovalForAll`
 * (sellers) to the marketplace — only when the current allowance / approval is insufficient, and only
 * after checking what an approval cannot fix (the caller's balance) and simulating the write.
 */
import { Contract, type Signer } from "ethers";
import type { CarbonCredits } from "../../../typechain-types";
import { InvalidArgumentError } from "../../errors/base";
import { revertError, toSdkError } from "../../errors/decode";
import { ERC1155InsufficientBalanceError, ERC1155MissingApprovalForAllError, ERC20InsufficientAllowanceError, ERC20InsufficientBalanceError } from "../../generated/errors";
import type { Context } from "../../internal/context";
import type { SendableMethod, TxResult, WriteOptions } from "../../internal/module";
import type { ApproveOptions } from "./types";

const ERC20_ABI = [
  "function allowance(address owner, address spender) view returns (uint256)",
  "function approve(address spender, uint256 amount) returns (bool)",
  "function balanceOf(address account) view returns (uint256)",
] as const;

/** What the approval helpers use of the `market` module (its protected members, bound to the module or its prepare form). */
export interface MarketCalls {
  /** Module name, for error actions. */
  readonly name: string;
  /** The shared connection. */
  readonly ctx: Context;
  /** CarbonCredits, for the sellers' operator approval. */
  readonly credits: CarbonCredits;
  /** Whether this is the module's prepare form (one transaction: approvals refused). */
  readonly isPreparing: boolean;
  /** Runs a read; a revert becomes the matching SDK error. */
  read<T>(method: string, call: () => Promise<T>): Promise<T>;
  /** Simulates, sends and awaits a write (the module's `write` without a decoder). */
  send(method: string, fn: SendableMethod, args: readonly unknown[], options: WriteOptions): Promise<TxResult>;
  /** The connected signer, or a `SignerRequiredError` naming `method`. */
  requireSigner(method: string): Signer;
}

/**
 * With `approve`, sends `approve(marketplace, needed)` when the signer's allowance of `token` is
 * below `needed` — only after checking everything the approval cannot fix: the signer's balance of
 * `token` (an {@link ERC20InsufficientBalanceError} as the token would raise it, nothing sent) and a
 * simulation of the write (`fn(...args)`), so that a write that would fail for any other reason
 * than the missing allowance throws its error without an approval being sent.
 */
export async function ensureAllowance(
  m: MarketCalls,
  method: string,
  token: string,
  needed: bigint,
  options: ApproveOptions,
  fn: SendableMethod,
  args: readonly unknown[],
): Promise<string | undefined> {
  if (!options.approve) return undefined;
  refuseApproveWhenPreparing(m, method);
  const owner = await m.requireSigner(method).getAddress();
  const erc20 = new Contract(token, ERC20_ABI, m.ctx.runner);
  const allowance = (await m.read(`${method}.allowance`, () => erc20.allowance(owner, m.ctx.addresses.market))) as bigint;
  if (allowance >= needed) return undefined;
  const balance = (await m.read(`${method}.balanceOf`, () => erc20.balanceOf(owner))) as bigint;
  if (balance < needed) throw revertError(`${m.name}.${method}`, ERC20InsufficientBalanceError, [owner, balance, needed]);
  await preflight(m, method, fn, args, ERC20InsufficientAllowanceError);
  return sendApproval(m, `${method}.approve`, erc20.approve as unknown as SendableMethod, [m.ctx.addresses.market, needed], options);
}

/**
 * With `approve`, sends `setApprovalForAll(marketplace, true)` on CarbonCredits when the signer has
 * not — after checking the signer holds `amount` of `batchId` (an {@link ERC1155InsufficientBalanceError}
 * as CarbonCredits would raise it, nothing sent) and simulating the write, as {@link ensureAllowance} does.
 */
export async function ensureOperator(
  m: MarketCalls,
  method: string,
  options: ApproveOptions,
  fn: SendableMethod,
  args: readonly unknown[],
  batchId: bigint,
  amount: bigint,
): Promise<string | undefined> {
  if (!options.approve) return undefined;
  refuseApproveWhenPreparing(m, method);
  const owner = await m.requireSigner(method).getAddress();
  const ok = await m.read(`${method}.isApprovedForAll`, () => m.credits.isApprovedForAll(owner, m.ctx.addresses.market));
  if (ok) return undefined;
  const balance = await m.read(`${method}.balanceOf`, () => m.credits.balanceOf(owner, batchId));
  if (balance < amount) throw revertError(`${m.name}.${method}`, ERC1155InsufficientBalanceError, [owner, balance, amount, batchId]);
  await preflight(m, method, fn, args, ERC1155MissingApprovalForAllError);
  return sendApproval(m, `${method}.setApprovalForAll`, m.credits.setApprovalForAll, [m.ctx.addresses.market, true], options);
}

/** Sends an approval before the write; an explicit `nonce` override would be taken by it, so it is refused. */
async function sendApproval(m: MarketCalls, method: string, fn: SendableMethod, args: readonly unknown[], options: ApproveOptions): Promise<string> {
  if (options.overrides?.nonce !== undefined && options.overrides.nonce !== null) {
    throw new InvalidArgumentError("options.overrides.nonce", options.overrides.nonce, "an approval must be sent first; send it yourself or drop the nonce");
  }
  const { hash } = await m.send(method, fn, args, options);
  return hash;
}

export function refuseApproveWhenPreparing(m: MarketCalls, method: string): void {
  if (m.isPreparing) {
    throw new InvalidArgumentError("options.approve", true, `market.prepare.${method} prepares one transaction: prepare the approval separately (credits.prepare.setApprovalForAll, or the token's approve)`);
  }
}

/**
 * Simulates `fn(...args)`; the missing-approval error `tolerated` is expected (the approval is
 * about to be sent), any other revert is thrown as its SDK error. The marketplace checks every
 * other condition before it pulls tokens, so those surface here.
 */
async function preflight(m: MarketCalls, method: string, fn: SendableMethod, args: readonly unknown[], tolerated: abstract new (...a: never[]) => Error): Promise<void> {
  try {
    await fn.staticCall(...args);
  } catch (error) {
    const e = toSdkError(`${m.name}.${method}`, error);
    if (e instanceof tolerated) return;
    throw e;
  }
}
