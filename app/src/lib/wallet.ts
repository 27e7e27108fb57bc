/**
 * Wallets: injected EIP-1193 providers (found by EIP-6963 discovery, or `window.ethereum`), wrapped
 * in an ethers v6 `BrowserProvider`; and, on chain 31337 only, the development signer over the local
 * node's unlocked accounts. Every signer the app hands to the SDK is an {@link ObservedSigner}, which
 * reports each transaction hash the moment the wallet returns it, so a screen can show it pending.
 */
import {
  AbstractSigner,
  BrowserProvider,
  JsonRpcProvider,
  type Eip1193Provider,
  type Provider,
  type Signer,
  type TransactionRequest,
  type TransactionResponse,
  type TypedDataDomain,
  type TypedDataField,
} from "ethers";
import { DEV_CHAIN_ID } from "./config";

/** An injected wallet as EIP-6963 announces it (`info`) with its EIP-1193 provider. */
export interface InjectedWallet {
  readonly id: string;
  readonly name: string;
  readonly icon?: string;
  readonly provider: Eip1193Provider;
}

interface Eip6963Detail {
  readonly info: { readonly uuid: string; readonly name: string; readonly icon: string; readonly rdns: string };
  readonly provider: Eip1193Provider;
}

/**
 * Finds injected wallets: listens to `eip6963:announceProvider`, asks with `eip6963:requestProvider`,
 * and adds `window.ethereum` when no wallet announced itself. Calls `onChange` with the full list each time.
 * @returns a function that stops listening.
 */
export function discoverWallets(onChange: (wallets: InjectedWallet[]) => void): () => void {
  const found = new Map<string, InjectedWallet>();
  const emit = () => {
    const list = [...found.values()];
    const legacy = (window as unknown as { ethereum?: Eip1193Provider }).ethereum;
    if (list.length === 0 && legacy) list.push({ id: "window.ethereum", name: "Browser wallet", provider: legacy });
    onChange(list);
  };
  const onAnnounce = (event: Event) => {
    const detail = (event as CustomEvent<Eip6963Detail>).detail;
    if (!detail?.info || !detail.provider) return;
    found.set(detail.info.uuid, { id: detail.info.rdns || detail.info.uuid, name: detail.info.name, icon: detail.info.icon, provider: detail.provider });
    emit();
  };
  window.addEventListener("eip6963:announceProvider", onAnnounce);
  window.dispatchEvent(new Event("eip6963:requestProvider"));
  emit();
  return () => window.removeEventListener("eip6963:announceProvider", onAnnounce);
}

/** Asks an injected wallet to switch to `chainId` (EIP-3326 `wallet_switchEthereumChain`). */
export async function switchChain(provider: Eip1193Provider, chainId: bigint): Promise<void> {
  await provider.request({ method: "wallet_switchEthereumChain", params: [{ chainId: `0x${chainId.toString(16)}` }] });
}

/** Connects an injected wallet: requests accounts and returns the ethers signer of the first. */
export async function connectInjected(wallet: InjectedWallet): Promise<{ provider: BrowserProvider; signer: Signer; chainId: bigint }> {
  const provider = new BrowserProvider(wallet.provider);
  await provider.send("eth_requestAccounts", []);
  const signer = await provider.getSigner();
  const { chainId } = await provider.getNetwork();
  return { provider, signer, chainId };
}

/**
 * The node's unlocked accounts (`eth_accounts`), offered as development signers — only when both the
 * app's configuration and the node itself say chain 31337; on any other chain this returns `[]`.
 */
export async function devAccounts(rpc: JsonRpcProvider, configChainId: bigint): Promise<string[]> {
  if (configChainId !== DEV_CHAIN_ID) return [];
  const { chainId } = await rpc.getNetwork();
  if (chainId !== DEV_CHAIN_ID) return [];
  return (await rpc.send("eth_accounts", [])) as string[];
}

/** The development signer of `address`: the node signs with its unlocked key (chain 31337 only). */
export async function devSigner(rpc: JsonRpcProvider, address: string): Promise<Signer> {
  const { chainId } = await rpc.getNetwork();
  if (chainId !== DEV_CHAIN_ID) throw new Error(`the development signer is only for chain ${DEV_CHAIN_ID}; this node is chain ${chainId}`);
  return rpc.getSigner(address);
}

/**
 * A signer that delegates everything to `inner` and calls `onSent(hash)` as soon as a transaction is
 * accepted by the wallet (before it is mined).
 */
export class ObservedSigner extends AbstractSigner {
  constructor(
    private readonly inner: Signer,
    private readonly onSent: (hash: string) => void,
  ) {
    super(inner.provider);
  }

  override connect(provider: Provider | null): ObservedSigner {
    return new ObservedSigner(this.inner.connect(provider), this.onSent);
  }

  override getAddress(): Promise<string> {
    return this.inner.getAddress();
  }

  override signTransaction(tx: TransactionRequest): Promise<string> {
    return this.inner.signTransaction(tx);
  }

  override signMessage(message: string | Uint8Array): Promise<string> {
    return this.inner.signMessage(message);
  }

  override signTypedData(domain: TypedDataDomain, types: Record<string, TypedDataField[]>, value: Record<string, unknown>): Promise<string> {
    return this.inner.signTypedData(domain, types, value);
  }

  override async sendTransaction(tx: TransactionRequest): Promise<TransactionResponse> {
    const response = await this.inner.sendTransaction(tx);
    this.onSent(response.hash);
    return response;
  }
}
