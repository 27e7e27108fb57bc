/**
 * A stand-in for a browser wallet extension, for the browser tests: an init script that announces an
 * EIP-1193 provider by EIP-6963 ("Test Wallet"). It starts on chain 1 (so the app must ask to switch),
 * honours `wallet_switchEthereumChain` (emitting `chainChanged`), answers `eth_requestAccounts` with one
 * account, and forwards every other request to a `hardhat node`, which signs with its unlocked key.
 */

/** The init script's source for `page.addInitScript`. */
export function injectedWalletScript(rpcUrl: string, account: string): string {
  return `(() => {
  const rpcUrl = ${JSON.stringify(rpcUrl)};
  const account = ${JSON.stringify(account)};
  let chainId = "0x1";
  const listeners = {};
  const emit = (event, value) => (listeners[event] || []).forEach((f) => f(value));
  const forward = async (method, params) => {
    const response = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: params || [] }) });
    const body = await response.json();
    if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.code, data: body.error.data });
    return body.result;
  };
  const provider = {
    async request({ method, params }) {
      if (method === "eth_chainId") return chainId;
      if (method === "eth_requestAccounts" || method === "eth_accounts") return [account];
      if (method === "wallet_switchEthereumChain") {
        chainId = params[0].chainId;
        emit("chainChanged", chainId);
        return null;
      }
      if (chainId !== "0x7a69") throw Object.assign(new Error("the test wallet is on chain " + chainId), { code: 4901 });
      return forward(method, params);
    },
    on(event, f) { (listeners[event] = listeners[event] || []).push(f); },
    removeListener(event, f) { listeners[event] = (listeners[event] || []).filter((g) => g !== f); },
  };
  const info = Object.freeze({ uuid: "6f1e0c52-0000-4000-8000-000000000001", name: "Test Wallet", icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E", rdns: "org.opentonne.test-wallet" });
  const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
})();`;
}
