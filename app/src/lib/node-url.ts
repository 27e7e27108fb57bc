/**
 * Which oracle node the oracle screen reads: a URL saved in the screen's setting (localStorage, this
 * browser only) wins over the configured one (`oracleNodeUrl` in opentonne.config.json, or
 * `VITE_ORACLE_NODE_URL` at build time); none means on-chain data only.
 */
import { useCallback, useSyncExternalStore } from "react";
import { useApp } from "./app-state";
import { normalizeNodeUrl } from "./oracle-node";

/** The localStorage key of the saved URL. */
export const NODE_URL_KEY = "opentonne.oracleNodeUrl";
const CHANGED = "opentonne:oracle-node-url";

function saved(): string | null {
  try {
    return window.localStorage.getItem(NODE_URL_KEY);
  } catch {
    return null; // storage disabled: the configured URL applies
  }
}

function subscribe(on: () => void): () => void {
  window.addEventListener(CHANGED, on);
  window.addEventListener("storage", on);
  return () => {
    window.removeEventListener(CHANGED, on);
    window.removeEventListener("storage", on);
  };
}

/** The node URL in use and where it comes from. */
export interface NodeUrlSetting {
  /** The URL in use, or undefined: no node (on-chain data only). */
  readonly url: string | undefined;
  readonly source: "saved" | "config" | "none";
  /** Saves `text` (checked by normalizeNodeUrl, which throws a readable Error) for this browser. */
  save(text: string): void;
  /** Forgets the saved URL (the configured one, if any, applies again). */
  clear(): void;
}

/** The current oracle node URL setting (re-renders when it changes, in this tab or another). */
export function useNodeUrl(): NodeUrlSetting {
  const { config } = useApp();
  const stored = useSyncExternalStore(subscribe, saved, () => null);
  const save = useCallback((text: string) => {
    window.localStorage.setItem(NODE_URL_KEY, normalizeNodeUrl(text));
    window.dispatchEvent(new Event(CHANGED));
  }, []);
  const clear = useCallback(() => {
    window.localStorage.removeItem(NODE_URL_KEY);
    window.dispatchEvent(new Event(CHANGED));
  }, []);
  if (stored) return { url: stored, source: "saved", save, clear };
  if (config.oracleNodeUrl) return { url: config.oracleNodeUrl, source: "config", save, clear };
  return { url: undefined, source: "none", save, clear };
}
