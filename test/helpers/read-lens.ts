/**
 * Batched reads for tests that read back a whole state after every step (the fast-check property
 * tests). Each view call sent as its own JSON-RPC request costs ~2 ms of provider overhead, far more
 * than the read; `Reads` queues typed view calls and sends them in one `eth_call` to the test-only
 * `ReadLens` (contracts/mocks/ReadLens.sol), which `staticcall`s each target in order. The results
 * are decoded with each target's ABI exactly as a direct call would return them (one output: the
 * value; several: the ethers `Result`), read at the same block — the same view functions, fewer
 * round trips.
 *
 * ```ts
 * const q = new Reads(lens);
 * const count = q.read(registry, "projectCount");
 * const batch = q.read(registry, "getBatch", 1n);
 * await q.flush();
 * expect(await count).to.equal(1n);
 * ```
 */
import { ethers } from "hardhat";
import type { BaseContract, FunctionFragment, Interface } from "ethers";
import type { ReadLens } from "../../typechain-types";
import type { TypedContractMethod } from "../../typechain-types/common";

/** Deploys a `ReadLens` (call it inside a fixture, so that `loadFixture` snapshots it too). */
export async function deployReadLens(): Promise<ReadLens> {
  return ethers.deployContract("ReadLens");
}

type ArgsOf<M> = M extends TypedContractMethod<infer A, infer _R, infer _S> ? A : never;
/** What a direct call returns (TypeChain's `DefaultReturnType`: the outputs are one tuple element). */
type ResultOf<M> = M extends TypedContractMethod<infer _A, infer R, infer _S> ? (R extends Array<any> ? R[0] : R) : never;
/** The names of `C`'s view (and pure) functions. */
type ViewName<C> = { [K in keyof C]: C[K] extends TypedContractMethod<infer _A, infer _R, infer S> ? (S extends "view" ? K : never) : never }[keyof C] & string;

/** Each interface's function fragments by name, looked up once (ethers looks a name up on every call). */
const fragments = new WeakMap<Interface, Map<string, FunctionFragment>>();
function fragmentOf(iface: Interface, fn: string): FunctionFragment {
  let byName = fragments.get(iface);
  if (!byName) fragments.set(iface, (byName = new Map()));
  let fragment = byName.get(fn);
  if (!fragment) byName.set(fn, (fragment = iface.getFunction(fn)!));
  return fragment;
}

interface Pending {
  contract: BaseContract;
  fragment: FunctionFragment;
  data: string;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** A queue of view calls sent together by {@link Reads.flush}. */
export class Reads {
  private queue: Pending[] = [];

  constructor(private readonly lens: ReadLens) {}

  /** Queues `contract.fn(...args)`; the promise settles at the next {@link Reads.flush}. */
  read<C extends BaseContract, K extends ViewName<C>>(contract: C, fn: K, ...args: ArgsOf<C[K]>): Promise<ResultOf<C[K]>> {
    const fragment = fragmentOf(contract.interface, fn);
    const data = contract.interface.encodeFunctionData(fragment, args);
    return new Promise((resolve, reject) => {
      this.queue.push({ contract, fragment, data, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  /** Sends every queued call in one `ReadLens.readAll` and settles their promises. */
  async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let results: string[];
    try {
      results = await this.lens.readAll(batch.map((p) => ({ target: p.contract.target as string, data: p.data })));
    } catch (e) {
      for (const p of batch) p.reject(e);
      return;
    }
    batch.forEach((p, i) => {
      try {
        const decoded = p.contract.interface.decodeFunctionResult(p.fragment, results[i]);
        p.resolve(decoded.length === 1 ? decoded[0] : decoded);
      } catch (e) {
        p.reject(e);
      }
    });
  }
}
