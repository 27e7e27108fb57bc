/**
 * The app's shared state: the configuration, a read-only SDK client over the JSON-RPC URL, the
 * connected wallet (injected or the development signer) with a write client when it is on the right
 * chain, the payment tokens, a refresh counter that reloads every screen after a write, and the one
 * write in flight (see {@link useTx}).
 */
import { Contract, JsonRpcProvider, type Signer } from "ethers";
import { OpenTonne } from "opentonne";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { AppConfig } from "./config";
import { errorMessage } from "./errors";
import { ObservedSigner } from "./wallet";

/** An ERC-20 the marketplace accepts. */
export interface Token {
  readonly address: string;
  readonly symbol: string;
  readonly decimals: number;
}

/** The connected account. `kind: "dev"` is the node's unlocked account (chain 31337 only). */
export interface Wallet {
  readonly kind: "dev" | "injected";
  readonly label: string;
  readonly account: string;
  readonly chainId: bigint;
  readonly signer: Signer;
  /** The EIP-1193 provider of an injected wallet (for the chain switch). */
  readonly eip1193?: import("ethers").Eip1193Provider;
}

/** The state of the one write in flight or last finished. */
export type TxState =
  | { readonly phase: "idle" }
  | { readonly phase: "signing"; readonly owner: string; readonly hashes: string[] }
  | { readonly phase: "pending"; readonly owner: string; readonly hashes: string[] }
  | { readonly phase: "done"; readonly owner: string; readonly hashes: string[]; readonly message: string }
  | { readonly phase: "error"; readonly owner: string; readonly hashes: string[]; readonly message: string };

interface AppState {
  readonly config: AppConfig;
  readonly rpc: JsonRpcProvider;
  readonly reader: OpenTonne;
  readonly wallet: Wallet | undefined;
  readonly writer: OpenTonne | undefined;
  readonly wrongChain: boolean;
  readonly tokens: Token[];
  readonly refreshKey: number;
  readonly tx: TxState;
  setWallet(wallet: Wallet | undefined): void;
  refresh(): void;
  runTx(owner: string, action: (ot: OpenTonne) => Promise<string>): Promise<boolean>;
  clearTx(): void;
}

const Ctx = createContext<AppState | undefined>(undefined);

const ERC20_ABI = ["function symbol() view returns (string)", "function decimals() view returns (uint8)", "function balanceOf(address) view returns (uint256)"];

/** An ERC-20 read contract (symbol, decimals, balanceOf) — the payment token is outside the SDK. */
export function erc20(address: string, rpc: JsonRpcProvider): Contract {
  return new Contract(address, ERC20_ABI, rpc);
}

/** Provides {@link useApp} to the screens; `reader` was connected by the caller. */
export function AppStateProvider(props: { config: AppConfig; rpc: JsonRpcProvider; reader: OpenTonne; children: ReactNode }) {
  const { config, rpc, reader } = props;
  const [wallet, setWallet] = useState<Wallet>();
  const [writer, setWriter] = useState<OpenTonne>();
  const [tokens, setTokens] = useState<Token[]>([]);
  const [refreshKey, setRefreshKey] = useState(0);
  const [tx, setTx] = useState<TxState>({ phase: "idle" });
  const sent = useRef<(hash: string) => void>(() => undefined);
  const wrongChain = wallet !== undefined && wallet.chainId !== config.chainId;

  useEffect(() => {
    let live = true;
    setWriter(undefined);
    if (!wallet || wallet.chainId !== config.chainId) return;
    const observed = new ObservedSigner(wallet.signer, (hash) => sent.current(hash));
    OpenTonne.connect(observed, { chainId: config.chainId, addresses: config.addresses, checkCode: false })
      .then((ot) => live && setWriter(ot))
      .catch((e: unknown) => live && setTx({ phase: "error", owner: "wallet", hashes: [], message: errorMessage(e) }));
    return () => {
      live = false;
    };
  }, [wallet, config]);

  useEffect(() => {
    let live = true;
    (async () => {
      const addresses = await reader.market.paymentTokens();
      const list = await Promise.all(
        addresses.map(async (address) => {
          const c = erc20(address, rpc);
          const [symbol, decimals] = await Promise.all([c.symbol() as Promise<string>, c.decimals() as Promise<bigint>]);
          return { address, symbol, decimals: Number(decimals) };
        }),
      );
      if (live) setTokens(list);
    })().catch(() => live && setTokens([]));
    return () => {
      live = false;
    };
  }, [reader, rpc]);

  const refresh = useCallback(() => setRefreshKey((k) => k + 1), []);

  const runTx = useCallback(
    async (owner: string, action: (ot: OpenTonne) => Promise<string>): Promise<boolean> => {
      if (!writer) {
        setTx({ phase: "error", owner, hashes: [], message: wallet ? `Switch your wallet to chain ${config.chainId} first` : "Connect a wallet first: this action sends a transaction" });
        return false;
      }
      const hashes: string[] = [];
      sent.current = (hash) => {
        hashes.push(hash);
        setTx({ phase: "pending", owner, hashes: [...hashes] });
      };
      setTx({ phase: "signing", owner, hashes: [] });
      try {
        const message = await action(writer);
        setTx({ phase: "done", owner, hashes: [...hashes], message });
        return true;
      } catch (error) {
        setTx({ phase: "error", owner, hashes: [...hashes], message: errorMessage(error) });
        return false;
      } finally {
        sent.current = () => undefined;
        setRefreshKey((k) => k + 1); // every screen re-reads the chain: no half-state survives a write
      }
    },
    [writer, wallet, config],
  );

  const value = useMemo<AppState>(
    () => ({ config, rpc, reader, wallet, writer, wrongChain, tokens, refreshKey, tx, setWallet, refresh, runTx, clearTx: () => setTx({ phase: "idle" }) }),
    [config, rpc, reader, wallet, writer, wrongChain, tokens, refreshKey, tx, refresh, runTx],
  );
  return <Ctx.Provider value={value}>{props.children}</Ctx.Provider>;
}

/** The shared state; only inside {@link AppStateProvider}. */
export function useApp(): AppState {
  const state = useContext(Ctx);
  if (!state) throw new Error("useApp outside AppStateProvider");
  return state;
}

/** The payment token at `address` (case-insensitive), if the marketplace accepts it. */
export function useToken(address: string | undefined): Token | undefined {
  const { tokens } = useApp();
  return tokens.find((t) => address !== undefined && t.address.toLowerCase() === address.toLowerCase());
}

/** Whether a write is in flight (every write button is disabled meanwhile). */
export function useBusy(): boolean {
  const { tx } = useApp();
  return tx.phase === "signing" || tx.phase === "pending";
}
