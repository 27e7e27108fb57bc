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
 *
 * CPU time (these run ~10,000 times per property test): the reads are packed by concatenation for
 * `ReadLens.readPacked` and its `bytes[]` result is split by offset, instead of through the ABI coder,
 * and each distinct call remembers its calldata and its last return data with the decoded value —
 * a read that returns the same bytes as last time is not decoded again (ethers' decoded values are
 * read-only). The decoded values themselves always come from the target's ABI.
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

/** One distinct call of one interface: its calldata, and its last return data with the decoded value. */
interface Call {
  fragment: FunctionFragment;
  data: string;
  lastReturn?: string;
  lastValue?: unknown;
}

/** Each interface's calls by function name and arguments, encoded once. */
const calls = new WeakMap<Interface, Map<string, Call>>();
const argKey = (_: string, v: unknown) => (typeof v === "bigint" ? `${v}n` : v);

function callOf(iface: Interface, fn: string, args: readonly unknown[]): Call {
  let byKey = calls.get(iface);
  if (!byKey) calls.set(iface, (byKey = new Map()));
  const key = `${fn}${JSON.stringify(args, argKey)}`;
  let call = byKey.get(key);
  if (!call) {
    const fragment = iface.getFunction(fn)!;
    byKey.set(key, (call = { fragment, data: iface.encodeFunctionData(fragment, args) }));
  }
  return call;
}

interface Pending {
  contract: BaseContract;
  call: Call;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** A queue of view calls sent together by {@link Reads.flush}. */
export class Reads {
  private queue: Pending[] = [];

  constructor(private readonly lens: ReadLens) {}

  /** Queues `contract.fn(...args)`; the promise settles at the next {@link Reads.flush}. */
  read<C extends BaseContract, K extends ViewName<C>>(contract: C, fn: K, ...args: ArgsOf<C[K]>): Promise<ResultOf<C[K]>> {
    const call = callOf(contract.interface, fn, args);
    return new Promise((resolve, reject) => {
      this.queue.push({ contract, call, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  /** Sends every queued call in one `ReadLens.readPacked` and settles their promises. */
  async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let results: string[];
    try {
      const packed = batch.map(({ contract, call }) => {
        const data = call.data.slice(2);
        return (contract.target as string).slice(2) + (data.length / 2).toString(16).padStart(8, "0") + data;
      });
      const calldata = this.lens.interface.encodeFunctionData("readPacked", [`0x${packed.join("")}`]);
      results = splitBytesArray(await ethers.provider.call({ to: this.lens.target as string, data: calldata }));
    } catch (e) {
      const error = lensError(this.lens, e);
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach(({ contract, call, resolve, reject }, i) => {
      try {
        if (call.lastReturn !== results[i]) {
          const decoded = contract.interface.decodeFunctionResult(call.fragment, results[i]);
          call.lastValue = decoded.length === 1 ? decoded[0] : decoded;
          call.lastReturn = results[i];
        }
        resolve(call.lastValue);
      } catch (e) {
        reject(e);
      }
    });
  }
}

/** A revert of `readPacked` named by the lens's ABI (`ReadLensCallReverted(index, reason)`), else `e` itself. */
function lensError(lens: ReadLens, e: unknown): unknown {
  const data = (e as { data?: unknown }).data;
  const parsed = typeof data === "string" ? lens.interface.parseError(data) : null;
  if (!parsed) return e;
  return new Error(`ReadLens.readPacked reverted with ${parsed.name}(${parsed.args.map(String).join(", ")})`, { cause: e });
}

/** The elements of an ABI-encoded `bytes[]` (a function's only output), as 0x-hex strings. */
function splitBytesArray(hex: string): string[] {
  const word = (byte: number) => Number.parseInt(hex.slice(2 + byte * 2, 2 + byte * 2 + 64), 16);
  const array = word(0); // offset of the array
  const count = word(array);
  const out: string[] = [];
  for (let j = 0; j < count; j++) {
    const element = array + 32 + word(array + 32 + j * 32); // offsets count from the first head word
    const length = word(element);
    out.push(`0x${hex.slice(2 + (element + 32) * 2, 2 + (element + 32 + length) * 2)}`);
  }
  return out;
}
