/** Boot: load the configuration, connect the read-only SDK client, render the app (or why it cannot start). */
import { JsonRpcProvider } from "ethers";
import { OpenTonne } from "opentonne";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { AppStateProvider } from "./lib/app-state";
import { loadConfig } from "./lib/config";
import { errorMessage } from "./lib/errors";
import "./styles.css";

const root = createRoot(document.getElementById("root")!);

async function boot(): Promise<void> {
  root.render(<p className="state loading" role="status">Connecting to the network…</p>);
  try {
    const config = await loadConfig();
    // cacheTimeout -1: no response cache, so the block number (and so the event scans) read right after a
    // write include that write's block — a cached block number made a fresh claim look missing.
    const rpc = new JsonRpcProvider(config.rpcUrl, config.chainId, { staticNetwork: true, polling: true, pollingInterval: 1000, cacheTimeout: -1 });
    const reader = await OpenTonne.connect(rpc, { chainId: config.chainId, addresses: config.addresses });
    root.render(
      <AppStateProvider config={config} rpc={rpc} reader={reader}>
        <App />
      </AppStateProvider>,
    );
  } catch (error) {
    root.render(
      <main className="page">
        <h1>OpenTonne</h1>
        <p className="state error" role="alert">The app cannot reach OpenTonne: {errorMessage(error)}</p>
        <p>See docs/app.md: point the app at a network with opentonne.config.json or VITE_OPENTONNE_RPC_URL.</p>
      </main>,
    );
  }
}

void boot();
