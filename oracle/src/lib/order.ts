import { TimestampOrderError, type InputLocation } from "./errors";

/**
 * Checks that timestamps of each series (a device, or an irradiance site) strictly increase in
 * file order. One instance per read; it holds only the last timestamp seen per key.
 */
export class OrderGuard {
  private readonly last = new Map<string, number>();

  /** Throws TimestampOrderError (naming `loc`) unless `t` (unix s) is after the previous `t` of `key`. */
  check(key: string, t: number, loc: InputLocation): void {
    const previous = this.last.get(key);
    if (previous !== undefined && t <= previous) throw new TimestampOrderError(loc, previous, t);
    this.last.set(key, t);
  }
}
