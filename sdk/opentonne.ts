import { Contract, type ContractRunner, type Provider, type Signer } from "ethers";
import type { CarbonCredits, CarbonPool, CreditMarketplace, MRVOracle, ProjectRegistry } from "../typechain-types";
import { CONTRACT_KEYS, getDeployment, isAddressBook, validateDeployment, type AddressBook, type Deployment } from "./addresses";
import { InvalidArgumentError, UnknownAddressError, WrongChainError } from "./errors/base";
import { toSdkError } from "./errors/decode";
import { CarbonCreditsAbi, CarbonPoolAbi, CreditMarketplaceAbi, MRVOracleAbi, ProjectRegistryAbi } from "./generated/abis";
import type { Context } from "./internal/context";
import { CreditsModule } from "./modules/credits";
import { Erc20Token } from "./modules/erc20";
import { HistoryModule } from "./modules/history";
import { MarketModule } from "./modules/market";
import { OracleModule } from "./modules/oracle";
import { PoolModule } from "./modules/pool";
import { RegistryModule } from "./modules/registry";

/** Options of {@link OpenTonne.connect}. */
export interface ConnectOptions {
  /** The chain the caller expects; a provider on another chain is refused with {@link WrongChainError}. */
  readonly chainId?: bigint | number;
  /**
   * Explicit addresses (e.g. a local deployment): one {@link Deployment}, or a chain-keyed
   * {@link AddressBook} as `npm run export-addresses` writes it (the provider's chain is picked).
   * Default: the package's address book entry for the chain.
   */
  readonly addresses?: Deployment | AddressBook;
  /** Check that every address has contract code (default true); a miss is an {@link UnknownAddressError}. */
  readonly checkCode?: boolean;
}

/**
 * The SDK's entry point: one object per connection, holding the `registry`, `credits`, `market`,
 * `pool`, `oracle` and `history` modules. No global provider or signer: pass yours.
 *
 * @example
 * ```ts
 * const ot = await OpenTonne.connect(signer, { chainId: 11155111 });
 * const { retirementId } = await ot.credits.retire(batchId, parseCredits("1.5"), { beneficiaryName: "Acme" });
 * ```
 */
export class OpenTonne {
  /** Chain id the connection is on. */
  readonly chainId: bigint;
  /** The contract addresses and deployment block in use. */
  readonly addresses: Deployment;
  /** The provider reads go through. */
  readonly provider: Provider;
  /** The signer writes are sent from, when connected with one. */
  readonly signer: Signer | undefined;
  /** Projects and vintage batches. */
  readonly registry: RegistryModule;
  /** ERC-1155 credits: balances, transfers, mint, retire. */
  readonly credits: CreditsModule;
  /** Tenders, proposals, listings. */
  readonly market: MarketModule;
  /** The MSME pool. */
  readonly pool: PoolModule;
  /** The dMRV oracle's devices and reports. */
  readonly oracle: OracleModule;
  /** Event history: account transactions, price candles, pool leaderboards, the oracle fleet. */
  readonly history: HistoryModule;

  private readonly ctx: Context;

  private constructor(ctx: Context) {
    this.ctx = ctx;
    this.chainId = ctx.chainId;
    this.addresses = ctx.addresses;
    this.provider = ctx.provider;
    this.signer = ctx.signer;
    const at = <C>(address: string, abi: readonly unknown[]) => new Contract(address, abi as never, ctx.runner) as unknown as C;
    this.registry = new RegistryModule(ctx, at<ProjectRegistry>(ctx.addresses.registry, ProjectRegistryAbi), "registry");
    this.credits = new CreditsModule(ctx, at<CarbonCredits>(ctx.addresses.credits, CarbonCreditsAbi), "credits");
    this.market = new MarketModule(ctx, at<CreditMarketplace>(ctx.addresses.market, CreditMarketplaceAbi), "market");
    this.pool = new PoolModule(ctx, at<CarbonPool>(ctx.addresses.pool, CarbonPoolAbi), "pool");
    this.oracle = new OracleModule(ctx, at<MRVOracle>(ctx.addresses.oracle, MRVOracleAbi), "oracle");
    this.history = new HistoryModule(ctx);
  }

  /** A typed helper for the ERC-20 at `token` (balance, allowance, decimals, symbol, approve). @throws {@link InvalidArgumentError} for a malformed address. */
  erc20(token: string): Erc20Token {
    return new Erc20Token(this.ctx, token);
  }

  /**
   * The helper for the deployment's recorded payment token (`addresses.paymentToken`).
   * @throws {@link UnknownAddressError} when the deployment record has none (use `market.paymentTokens()` and `erc20(token)`).
   */
  paymentToken(): Erc20Token {
    const token = this.addresses.paymentToken;
    if (!token) throw new UnknownAddressError("paymentToken", undefined, this.chainId, "the deployment record has no paymentToken; pass it in options.addresses or use erc20(token)");
    return new Erc20Token(this.ctx, token);
  }

  /**
   * Connects to the system with an ethers `Provider` (read-only) or `Signer` (reads and writes).
   *
   * @throws {@link InvalidArgumentError} when `runner` has no provider or an address is malformed;
   * {@link WrongChainError} when `options.chainId` differs from the provider's chain;
   * {@link UnknownAddressError} when the chain has no address-book entry and no `addresses` were
   * given, or (with `checkCode`) an address has no contract code; {@link NetworkError} when the RPC
   * cannot be reached.
   */
  static async connect(runner: Provider | Signer, options: ConnectOptions = {}): Promise<OpenTonne> {
    const provider = providerOf(runner);
    const signer = isSigner(runner) ? runner : undefined;
    let chainId: bigint;
    try {
      chainId = (await provider.getNetwork()).chainId;
    } catch (error) {
      throw toSdkError("connect", error);
    }
    if (options.chainId !== undefined && BigInt(options.chainId) !== chainId) {
      throw new WrongChainError(BigInt(options.chainId), chainId);
    }
    let addresses: Deployment;
    if (options.addresses && isAddressBook(options.addresses)) {
      const entry = options.addresses[chainId.toString()];
      if (!entry) {
        const chains = Object.keys(options.addresses).join(", ") || "none";
        throw new UnknownAddressError("deployment", undefined, chainId, `the address book passed as options.addresses has no entry for this chain (it has: ${chains})`);
      }
      addresses = validateDeployment(entry);
    } else if (options.addresses) {
      addresses = validateDeployment(options.addresses);
    } else {
      const known = getDeployment(chainId);
      if (!known) throw new UnknownAddressError("deployment", undefined, chainId, "no deployment in the address book; pass options.addresses or registerDeployment()");
      addresses = known;
    }
    if (options.checkCode ?? true) {
      await Promise.all(
        CONTRACT_KEYS.map(async (key) => {
          let code: string;
          try {
            code = await provider.getCode(addresses[key]);
          } catch (error) {
            throw toSdkError("connect", error);
          }
          if (code === "0x") throw new UnknownAddressError(key, addresses[key], chainId, "no contract code at this address");
        }),
      );
    }
    return new OpenTonne({ runner: signer ?? provider, provider, signer, chainId, addresses });
  }
}

function isSigner(runner: ContractRunner): runner is Signer {
  return typeof (runner as Signer).getAddress === "function" && typeof (runner as Signer).signTransaction === "function";
}

function providerOf(runner: Provider | Signer): Provider {
  if (runner === null || typeof runner !== "object") throw new InvalidArgumentError("runner", runner, "expected an ethers Provider or Signer");
  if (isSigner(runner)) {
    if (!runner.provider) throw new InvalidArgumentError("runner", "Signer", "the signer is not connected to a provider");
    return runner.provider;
  }
  if (typeof (runner as Provider).getNetwork !== "function") throw new InvalidArgumentError("runner", runner, "expected an ethers Provider or Signer");
  return runner as Provider;
}
