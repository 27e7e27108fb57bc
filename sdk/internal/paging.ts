import { InvalidArgumentError } from "../errors/base";

/** A page of results: `items` and the `total` count they were taken from. */
export interface Page<T> {
  readonly items: T[];
  readonly total: bigint;
}

/** Paging arguments: skip `offset` items (default 0), return at most `limit` (default 50, ≤ 500). */
export interface PageOptions {
  readonly offset?: number;
  readonly limit?: number;
}

/** Largest page the SDK will read in one call. */
export const MAX_PAGE = 500;

/** Validates paging options (defaults: offset 0, limit 50). @throws {@link InvalidArgumentError} */
export function page(options: PageOptions): { offset: number; limit: number } {
  const offset = options.offset ?? 0;
  const limit = options.limit ?? 50;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new InvalidArgumentError("offset", offset, "expected an integer ≥ 0");
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new InvalidArgumentError("limit", limit, `expected an integer from 1 to ${MAX_PAGE}`);
  }
  return { offset, limit };
}


/** The ids of a page of a 1-based id sequence: `offset + 1 … ≤ total`, at most `limit`. */
export function pageIds(offset: number, limit: number, total: bigint): bigint[] {
  const ids: bigint[] = [];
  for (let id = BigInt(offset) + 1n; id <= total && ids.length < limit; id++) ids.push(id);
  return ids;
}
