/**
 * Connect / disconnect: injected wallets (EIP-6963 or `window.ethereum`) and, on chain 31337 only,
 * the development signer over the node's unlocked accounts. Shows a switch prompt on the wrong chain.
 */
import { useEffect, useState } from "react";
import { useApp } from "../lib/app-state";
import { DEV_CHAIN_ID } from "../lib/config";
import { errorMessage } from "../lib/errors";
import { short } from "../lib/format";
import { connectInjected, devAccounts, devSigner, discoverWallets, switchChain, type InjectedWallet } from "../lib/wallet";

/** The header's wallet area: connect buttons, the connected account, the chain switch prompt. */
export function WalletBar() {
  const { config, rpc, wallet, setWallet, wrongChain } = useApp();
  const [injected, setInjected] = useState<InjectedWallet[]>([]);
  const [dev, setDev] = useState<string[]>([]);
  const [devChoice, setDevChoice] = useState("");
  const [problem, setProblem] = useState<string>();

  useEffect(() => discoverWallets(setInjected), []);
  useEffect(() => {
    devAccounts(rpc, config.chainId)
      .then(setDev)
      .catch(() => setDev([]));
  }, [rpc, config]);

  // Follow account and chain changes of an injected wallet.
  useEffect(() => {
    const p = wallet?.eip1193 as { on?: (e: string, f: () => void) => void; removeListener?: (e: string, f: () => void) => void } | undefined;
    if (!p?.on || !wallet) return;
    const w = injected.find((i) => i.provider === wallet.eip1193);
    const reconnect = () => {
      if (w) void connect(w);
    };
    p.on("accountsChanged", reconnect);
    p.on("chainChanged", reconnect);
    return () => {
      p.removeListener?.("accountsChanged", reconnect);
      p.removeListener?.("chainChanged", reconnect);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wallet, injected]);

  async function connect(w: InjectedWallet) {
    setProblem(undefined);
    try {
      const { signer, chainId } = await connectInjected(w);
      setWallet({ kind: "injected", label: w.name, account: await signer.getAddress(), chainId, signer, eip1193: w.provider });
    } catch (e) {
      setProblem(errorMessage(e));
    }
  }

  async function connectDev() {
    setProblem(undefined);
    const account = devChoice || dev[0];
    try {
      const signer = await devSigner(rpc, account);
      setWallet({ kind: "dev", label: "Development signer (node account)", account: await signer.getAddress(), chainId: DEV_CHAIN_ID, signer });
    } catch (e) {
      setProblem(errorMessage(e));
    }
  }

  if (wallet) {
    return (
      <div className="wallet" aria-label="Wallet">
        <span className={wallet.kind === "dev" ? "badge dev" : "badge"}>{wallet.label}</span>{" "}
        <code title={wallet.account} data-testid="account">{short(wallet.account)}</code>{" "}
        <button type="button" onClick={() => setWallet(undefined)}>Disconnect</button>
        {wrongChain && (
          <p className="state error" role="alert">
            Your wallet is on chain {wallet.chainId.toString()}; OpenTonne here is on {config.networkName} (chain {config.chainId.toString()}).{" "}
            {wallet.eip1193 && (
              <button type="button" onClick={() => switchChain(wallet.eip1193!, config.chainId).catch((e: unknown) => setProblem(errorMessage(e)))}>
                Switch network
              </button>
            )}
          </p>
        )}
        {problem && <p className="state error" role="alert">{problem}</p>}
      </div>
    );
  }
  return (
    <div className="wallet" aria-label="Wallet">
      <span className="badge">Read-only</span>{" "}
      {injected.map((w) => (
        <button type="button" key={w.id} onClick={() => void connect(w)}>
          Connect {w.name}
        </button>
      ))}
      {dev.length > 0 && (
        <span className="dev-connect">
          <label>
            Dev account{" "}
            <select value={devChoice || dev[0]} onChange={(e) => setDevChoice(e.target.value)} data-testid="dev-account">
              {dev.map((a, i) => (
                <option key={a} value={a}>
                  #{i} {short(a)}
                </option>
              ))}
            </select>
          </label>{" "}
          <button type="button" onClick={() => void connectDev()}>Use development signer</button>
        </span>
      )}
      {injected.length === 0 && dev.length === 0 && <span className="muted">No wallet found — browsing read-only.</span>}
      {problem && <p className="state error" role="alert">{problem}</p>}
    </div>
  );
}
