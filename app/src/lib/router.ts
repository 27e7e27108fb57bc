/**
 * Hash routing (`#/project/1`), so every page — a retirement certificate included — has a URL that
 * works on any static host without server rewrites.
 */
import { useEffect, useState } from "react";

/** A parsed route: the screen and its path parameters. */
export interface Route {
  readonly screen: "registry" | "project" | "batch" | "portfolio" | "retirement" | "market" | "pool" | "fleet" | "device" | "audit" | "notFound";
  readonly id?: string;
  /** `#/audit/<device>/<YYYY-MM-DD>`: the UTC day (absent: the device's days to choose from). */
  readonly date?: string;
}

/** Parses `#/screen/id` (leading `#` and `/` optional). */
export function parseRoute(hash: string): Route {
  const [screen = "", id, date] = hash.replace(/^#?\/?/, "").split("/");
  switch (screen) {
    case "":
    case "registry":
      return { screen: "registry" };
    case "portfolio":
    case "market":
    case "pool":
    case "fleet":
      return { screen };
    case "project":
    case "batch":
    case "retirement":
    case "device":
      return id ? { screen, id: decodeURIComponent(id) } : { screen: "notFound" };
    case "audit":
      if (!id) return { screen: "notFound" };
      if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) return { screen: "notFound" };
      return date ? { screen, id: decodeURIComponent(id), date } : { screen, id: decodeURIComponent(id) };
    default:
      return { screen: "notFound" };
  }
}

/** The current route; follows `hashchange`. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => {
      setRoute(parseRoute(window.location.hash));
      window.scrollTo(0, 0);
    };
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return route;
}
