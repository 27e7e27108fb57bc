/**
 * Loading, empty and error states for every read: {@link useLoad} runs an async read (again after
 * every write, via the refresh counter) and {@link Loaded} renders its three states.
 */
import { useEffect, useState, type DependencyList, type ReactNode } from "react";
import { useApp } from "./app-state";
import { errorMessage } from "./errors";

/** The state of one read. */
export type Load<T> = { readonly status: "loading" } | { readonly status: "error"; readonly message: string } | { readonly status: "ok"; readonly data: T };

/** Runs `read` now, when `deps` change and after every write; keeps the last data while re-reading. */
export function useLoad<T>(read: () => Promise<T>, deps: DependencyList): Load<T> {
  const { refreshKey } = useApp();
  const [state, setState] = useState<Load<T>>({ status: "loading" });
  useEffect(() => {
    let live = true;
    read()
      .then((data) => live && setState({ status: "ok", data }))
      .catch((error: unknown) => live && setState({ status: "error", message: errorMessage(error) }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, refreshKey]);
  return state;
}

/** Renders a {@link Load}: a loading line, the error in words, the empty text, or `children(data)`. */
export function Loaded<T>(props: {
  load: Load<T>;
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}): ReactNode {
  const { load } = props;
  if (load.status === "loading") return <p className="state loading" role="status">Loading {props.what}…</p>;
  if (load.status === "error") return <p className="state error" role="alert">Could not load {props.what}: {load.message}</p>;
  if (props.isEmpty?.(load.data)) return <p className="state empty">{props.empty ?? `No ${props.what} yet.`}</p>;
  return <>{props.children(load.data)}</>;
}
