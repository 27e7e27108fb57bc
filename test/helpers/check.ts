/**
 * Plain assertions for the checks the fast-check property tests repeat after every step (thousands of
 * times per run): `same` is Node's `assert.deepStrictEqual` and `holds` its `assert.ok`, each named by
 * a label. They fail with an `AssertionError` that carries `actual` and `expected` (mocha prints the
 * diff) and the label.
 *
 * Why not chai's `expect(...).to.equal` there: Hardhat's chai matchers wrap every `equal` to accept
 * ethers big numbers and addressables, and those checks `require` modules and throw and catch an
 * error on each comparison, ~50–100 µs, a third of the CPU time of the credits property test. These
 * are stricter, not looser: no number/bigint or address/contract coercion, so both sides must have
 * the same type (every on-chain integer is a `bigint`, every address a checksummed string).
 *
 * ```ts
 * same(await credits.totalSupply(id), 5n, `batch ${id}: totalSupply`);
 * holds(minted <= supply, `batch ${id}: minted ${minted} <= totalSupply ${supply}`);
 * ```
 */
import assert from "node:assert/strict";

/** Asserts that `actual` deep-equals `expected` (strict: same types, same array and object shapes). */
export function same<T>(actual: unknown, expected: T, label: string): asserts actual is T {
  assert.deepStrictEqual(actual, expected, label);
}

/** Asserts that `condition` is true; `label` says what was checked (with the values it compared). */
export function holds(condition: boolean, label: string): asserts condition {
  assert.ok(condition, label);
}
