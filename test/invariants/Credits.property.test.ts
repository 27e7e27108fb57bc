/**
 * Handler-driven invariant test of ProjectRegistry + CarbonCredits (in the spirit of Morpho's
 * test/invariant and Toucan's batch-backed invariant), using fast-check model-based testing.
 *
 * Each of the 200 runs starts from a fresh `deploySystem` snapshot (loadFixture, with a ReadLens)
 * and executes a random sequence of commands (register / approve / reject / suspend / reinstate /
 * deactivate a project, add a vintage batch, mint to a batch or at project level, safeTransferFrom,
 * safeBatchTransferFrom of two ids (often of two projects), retire a batch or at project level,
 * pause, unpause) among three holders: a short opening that sketches 1–3
 * projects, then up to 15 commands of any kind (see `openingArb`, `mainArb`).
 * For every command the TypeScript model (creditsModel.ts) predicts the outcome: a predicted failure
 * must revert with exactly the predicted custom error and arguments, a predicted success must
 * succeed and emit exactly the predicted ids / oldest-vintage-first breakdown. After every step the
 * whole on-chain state is read back (in one eth_call, test/helpers/read-lens.ts), checked against
 * the ledger invariants and compared with the model (see `checkInvariants`) — including the token's
 * held-batch index (`balancesOfProject` of every holder and project: exactly the non-zero balances,
 * oldest vintage first, which is what retireProject takes from) and the registry's stable positions
 * (`positionsOldestFirst` of all of a project's positions, mapped back by `batchesAtPositions`, is
 * the project's vintage order).
 *
 * Commands name entities handler-style, by reference rather than id (see `Ref`, `Holder`):
 *   p~k / b~k   the (k mod n)-th of the n projects / batches the command would likely succeed on
 *   p@k / b@k   the (k mod n)-th of all existing projects / batches
 *   p? / b?     an id never used;  p.last  the newest project
 *   holder~k    the (k mod n)-th of the n actors holding credits
 * Amounts are relative: `37.50% of remaining`, `all`, `all+5` (too much), `0`.
 * When a run fails, fast-check prints the shrunk command lists and the error message ends with the
 * resolved steps (actual ids, amounts, predicted outcome and breakdown of each step).
 */
import { expect } from "chai";
import fc from "fast-check";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { BaseContract, type ContractTransactionResponse, type ErrorFragment, type Result } from "ethers";
import {
  CREDIT,
  Status as S,
  batchInput,
  deploySystem,
  projectInput,
  retirementDetails,
  type System,
} from "../helpers/fixtures";
import { CreditsModel, TRANSITIONS, type Breakdown, type ExpectedError, type Prediction, type Transition } from "./creditsModel";
import { Reads, deployReadLens } from "../helpers/read-lens";
import { holds, same } from "../helpers/check";
import type { ReadLens } from "../../typechain-types";

/** The fixture: registry + credits, and the lens the invariant check reads through. */
async function deploySystemWithLens(): Promise<System & { lens: ReadLens }> {
  return { ...(await deploySystem()), lens: await deployReadLens() };
}

/** Random command sequences. */
const NUM_RUNS = 200;
const ACTOR_NAMES = ["alice", "bob", "carol"] as const;
const BENEFICIARY_NAMES = [...ACTOR_NAMES, "outsider"] as const;
const REASON = "property test";
const OPEN_FOR_BATCHES: bigint[] = [S.Pending, S.Approved];

// ───────────────────────────── system under test ─────────────────────────────

interface Real {
  sys: System;
  /** Reads the whole state in one call after every step (test/helpers/read-lens.ts). */
  lens: ReadLens;
  /** The holders: alice, bob, carol. */
  actors: HardhatEthersSigner[];
  /** actors + outsider (never holds credits). */
  beneficiaries: string[];
  registryAddress: string;
  creditsAddress: string;
  /** Decodes the custom errors of both contracts (registry errors bubble up through the token). */
  errors: BaseContract;
  /** Resolved description of each step run so far, for failure reports. */
  trace: string[];
}

/** Per command kind: how often the chain call was predicted (and shown) to succeed or revert. */
const stats = new Map<string, { ok: number; revert: number }>();
let multiBatchMints = 0;
let multiBatchRetires = 0;

function count(kind: string, pred: Prediction<unknown>): void {
  const s = stats.get(kind) ?? { ok: 0, revert: 0 };
  if (pred.ok) s.ok++;
  else s.revert++;
  stats.set(kind, s);
}

// ───────────────────────────── helpers ─────────────────────────────

/**
 * How a command names a project or batch, handler-style: `fit` picks the (k mod n)-th of the n
 * existing entities the command is likely to succeed on (falling back to any existing one), `any`
 * the (k mod n)-th of all existing ones, `new` an id never used.
 */
interface Ref {
  pick: "fit" | "any" | "new" | "last";
  k: number;
}

/** The newest existing entity (used by the opening, which builds one project at a time). */
const LAST: Ref = { pick: "last", k: 0 };

function pickRef(ref: Ref, existing: number, fits: (id: bigint) => boolean): bigint {
  if (ref.pick === "new" || existing === 0) return BigInt(existing + 1);
  if (ref.pick === "last") return BigInt(existing);
  const all = Array.from({ length: existing }, (_, i) => BigInt(i + 1));
  const fitting = ref.pick === "fit" ? all.filter(fits) : [];
  const pool = fitting.length > 0 ? fitting : all;
  return pool[ref.k % pool.length];
}

function showRef(prefix: string, ref: Ref): string {
  switch (ref.pick) {
    case "new":
      return `${prefix}?`;
    case "last":
      return `${prefix}.last`;
    case "fit":
      return `${prefix}~${ref.k}`;
    case "any":
      return `${prefix}@${ref.k}`;
  }
}

/**
 * Who sends a transfer or retirement: an actor by name, or (`fit`) the (k mod n)-th of the n actors
 * holding something relevant (any actor if none does).
 */
interface Holder {
  fit: boolean;
  k: number;
}

function pickHolder(h: Holder, holds: (actor: number) => boolean): number {
  const all = ACTOR_NAMES.map((_, a) => a);
  const fitting = h.fit ? all.filter(holds) : [];
  const pool = fitting.length > 0 ? fitting : all;
  return pool[h.k % pool.length];
}

const showHolder = (h: Holder): string => (h.fit ? `holder~${h.k}` : ACTOR_NAMES[h.k % ACTOR_NAMES.length]);
const holdsAny = (m: CreditsModel, actor: number): boolean => m.batches.some((b) => m.balance(actor, b.id) > 0n);

/** An amount relative to what is available for the command (remaining supply, balance). */
type AmountSel = { kind: "frac"; bp: number } | { kind: "all" } | { kind: "over"; extra: bigint } | { kind: "zero" };

function resolveAmount(sel: AmountSel, available: bigint): bigint {
  switch (sel.kind) {
    case "frac": {
      const amount = (available * BigInt(sel.bp)) / 10_000n;
      return amount === 0n ? 1n : amount;
    }
    case "all":
      return available;
    case "over":
      return available + sel.extra;
    case "zero":
      return 0n;
  }
}

function showAmount(sel: AmountSel): string {
  switch (sel.kind) {
    case "frac":
      return `${(sel.bp / 100).toFixed(2)}%`;
    case "all":
      return "all";
    case "over":
      return `all+${sel.extra}`;
    case "zero":
      return "0";
  }
}

const showError = (e: ExpectedError): string => `${e.name}(${e.args.map(String).join(", ")})`;
const showBreakdown = (b: Breakdown): string => `[${b.ids.map((id, i) => `b${id}:${b.amounts[i]}`).join(", ")}]`;
const showPrediction = (p: Prediction<unknown>): string => (p.ok ? "expect ok" : `expect revert ${showError(p.error)}`);

/** Asserts that `call` reverts with exactly the predicted custom error and arguments. */
async function expectRevert(r: Real, call: Promise<unknown>, error: ExpectedError): Promise<void> {
  const assertion = expect(call).to.be.revertedWithCustomError(r.errors, error.name);
  await (error.args.length > 0 ? assertion.withArgs(...error.args) : assertion);
}

/** A contract object whose ABI is every custom error of the registry and the token, once each. */
function allErrors(sys: System): BaseContract {
  const errors = new Map<string, ErrorFragment>();
  for (const iface of [sys.registry.interface, sys.credits.interface]) {
    iface.forEachError((e) => errors.set(e.format("sighash"), e));
  }
  return new BaseContract(sys.credits.target, [...errors.values()]);
}

/** Sends a transaction predicted to succeed and returns its decoded logs per contract. */
async function expectSuccess(r: Real, call: Promise<ContractTransactionResponse>): Promise<Logs> {
  const receipt = await (await call).wait();
  holds(receipt !== null, "receipt");
  same(receipt!.status, 1, "receipt status");
  const logs = new Logs();
  for (const log of receipt!.logs) {
    const address = log.address.toLowerCase();
    const contract: BaseContract | undefined =
      address === r.registryAddress ? r.sys.registry : address === r.creditsAddress ? r.sys.credits : undefined;
    const parsed = contract?.interface.parseLog(log);
    if (parsed) logs.push(parsed.name, parsed.args);
  }
  return logs;
}

class Logs {
  private readonly byName = new Map<string, Result[]>();
  push(name: string, args: Result): void {
    this.byName.set(name, [...(this.byName.get(name) ?? []), args]);
  }
  all(name: string): Result[] {
    return this.byName.get(name) ?? [];
  }
  one(name: string): Result {
    const found = this.all(name);
    same(found.length, 1, `number of ${name} events`);
    return found[0];
  }
  /** Every ERC-1155 movement of the transaction, TransferSingle and TransferBatch alike. */
  transfers(): Array<{ operator: string; from: string; to: string; ids: bigint[]; values: bigint[] }> {
    return [
      ...this.all("TransferSingle").map((a) => ({
        operator: a[0] as string,
        from: a[1] as string,
        to: a[2] as string,
        ids: [a[3] as bigint],
        values: [a[4] as bigint],
      })),
      ...this.all("TransferBatch").map((a) => ({
        operator: a[0] as string,
        from: a[1] as string,
        to: a[2] as string,
        ids: Array.from(a[3] as Result) as bigint[],
        values: Array.from(a[4] as Result) as bigint[],
      })),
    ];
  }
}

/** Exactly one ERC-1155 movement, equal to the given one. */
function expectMovement(
  logs: Logs,
  expected: { operator: string; from: string; to: string; ids: bigint[]; values: bigint[] },
): void {
  const moves = logs.transfers();
  same(moves.length, 1, "number of TransferSingle/TransferBatch events");
  same(moves[0], expected, "ERC-1155 transfer event");
}

function expectIssuanceRecorded(logs: Logs, m: CreditsModel, spill: Breakdown): void {
  const recorded = logs.all("IssuanceRecorded").map((a) => ({ id: a[0] as bigint, amount: a[1] as bigint, after: a[2] as bigint }));
  const expected = spill.ids.map((id, i) => ({ id, amount: spill.amounts[i], after: m.batch(id)!.minted }));
  same(recorded, expected, "IssuanceRecorded events (oldest vintage first)");
}

function expectRetirementRecorded(logs: Logs, m: CreditsModel, spill: Breakdown): void {
  const recorded = logs.all("RetirementRecorded").map((a) => ({ id: a[0] as bigint, amount: a[1] as bigint, after: a[2] as bigint }));
  const expected = spill.ids.map((id, i) => ({ id, amount: spill.amounts[i], after: m.batch(id)!.retired }));
  same(recorded, expected, "RetirementRecorded events");
}

async function expectRetired(
  r: Real,
  logs: Logs,
  expected: { id: bigint; account: string; beneficiary: string; amount: bigint; spill: Breakdown },
): Promise<void> {
  const ev = logs.one("Retired");
  same(ev[0], expected.id, "Retired.retirementId");
  same(ev[1], expected.account, "Retired.account");
  same(ev[2], expected.beneficiary, "Retired.beneficiary");
  same(ev[3], expected.account, "Retired.operator");
  same(ev[4], expected.amount, "Retired.amount");
  same(Array.from(ev[5] as Result), expected.spill.ids, "Retired.batchIds (holder's oldest vintage first)");
  same(Array.from(ev[6] as Result), expected.spill.amounts, "Retired.amounts (holder's oldest vintage first)");
  same(Array.from(ev[8] as Result), [0n, 0n, 0n], "Retired.link (Direct)");
  const stored = await r.sys.credits.getRetirement(expected.id);
  same([stored.account, stored.beneficiary, stored.amount], [expected.account, expected.beneficiary, expected.amount], "stored retirement");
}

// ───────────────────────────── invariants ─────────────────────────────

/**
 * What a step may have changed beyond what every check reads: `held` (balances: the held-batch index
 * is compared too), `positions` (a batch was added: the registry's stable positions are compared).
 */
interface Touched {
  held?: boolean;
  positions?: boolean;
}

/** Reads the whole on-chain state and checks the invariants and its equality with the model. */
async function checkInvariants(m: CreditsModel, r: Real, touched: Touched = {}): Promise<void> {
  const { registry, credits } = r.sys;
  const ids = m.batches.map((b) => b.id);
  const accounts = r.actors.flatMap((a) => ids.map(() => a.address));
  const tokenIds = r.actors.flatMap(() => ids);
  const pairs = touched.held ? m.projects.flatMap((p) => r.actors.map((_, a) => ({ p, a }))) : [];
  const ordered = touched.positions ? m.projects : [];
  // One eth_call for the whole state (test/helpers/read-lens.ts): the same view functions, one round trip.
  const q = new Reads(r.lens);
  const reads = Promise.all([
    q.read(registry, "projectCount"),
    q.read(registry, "batchCount"),
    q.read(credits, "paused"),
    q.read(credits, "retirementCount"),
    Promise.all(m.projects.map((p) => q.read(registry, "getProject", p.id))),
    Promise.all(m.projects.map((p) => q.read(registry, "projectBatches", p.id))),
    Promise.all(ids.map((id) => q.read(registry, "getBatch", id))),
    Promise.all(ids.map((id) => q.read(credits, "totalSupply", id))),
    ids.length > 0 ? q.read(credits, "balanceOfBatch", accounts, tokenIds) : Promise.resolve([] as bigint[]),
    Promise.all(pairs.map(({ p, a }) => q.read(credits, "balancesOfProject", r.actors[a].address, p.id))),
    Promise.all(ordered.map((p) => q.read(registry, "positionsOldestFirst", p.id, (1n << BigInt(p.added.length)) - 1n))),
  ]);
  await q.flush();
  const [projectCount, batchCount, paused, retirementCount, projects, orders, batches, supplies, balances, held, positions] =
    await reads;

  same(projectCount, BigInt(m.projects.length), "projectCount");
  same(batchCount, BigInt(m.batches.length), "batchCount");
  same(paused, m.paused, "paused");
  same(retirementCount, BigInt(m.retirements.length), "retirementCount");

  m.batches.forEach((mb, i) => {
    const b = batches[i];
    const tag = `batch ${mb.id}`;
    // Ledger invariants, on chain values alone.
    holds(b.minted <= b.totalSupply, `${tag}: minted ${b.minted} <= totalSupply ${b.totalSupply}`);
    holds(b.retired <= b.minted, `${tag}: retired ${b.retired} <= minted ${b.minted}`);
    same(supplies[i], b.minted - b.retired, `${tag}: credits.totalSupply == minted - retired`);
    const held = r.actors.map((_, a) => balances[a * ids.length + i]);
    same(held.reduce((x, y) => x + y, 0n), supplies[i], `${tag}: Σ balances == credits.totalSupply`);
    // Chain == model.
    same(
      [b.projectId, b.vintage, b.startDate, b.serial, b.totalSupply, b.minted, b.retired],
      [mb.projectId, BigInt(mb.vintage), mb.startDate, mb.serial, mb.totalSupply, mb.minted, mb.retired],
      `${tag}: (projectId, vintage, startDate, serial, totalSupply, minted, retired)`,
    );
    same(held, r.actors.map((_, a) => m.balance(a, mb.id)), `${tag}: balances of ${ACTOR_NAMES.join("/")}`);
  });

  m.projects.forEach((mp, i) => {
    const p = projects[i];
    const tag = `project ${mp.id}`;
    same(p.status, mp.status, `${tag}: status`);
    same(p.owner, mp.owner, `${tag}: owner`);
    const order = Array.from(orders[i]);
    same(order, mp.order, `${tag}: batches in vintage order`);
    // Forward-only issuance cursor: every batch before it is fully minted.
    const cursor = Number(p.issuanceCursor);
    holds(cursor <= order.length, `${tag}: issuanceCursor ${cursor} <= ${order.length} batches`);
    for (const id of order.slice(0, cursor)) {
      const b = batches[Number(id) - 1];
      same(b.minted, b.totalSupply, `${tag}: batch ${id} before the issuance cursor is fully minted`);
    }
    // Credits are only ever issued into approved projects (seed 003, property 7).
    if (!mp.everApproved) {
      for (const id of order) {
        same(batches[Number(id) - 1].minted, 0n, `${tag} (never approved): batch ${id} minted`);
      }
    }
  });

  // The held-batch index: each holder's batches of each project with a non-zero balance, oldest first.
  pairs.forEach(({ p, a }, i) => {
    const [heldIds, heldAmounts] = held[i];
    same(
      { ids: Array.from(heldIds), amounts: Array.from(heldAmounts) },
      m.heldOldestFirst(a, p),
      `balancesOfProject(${ACTOR_NAMES[a]}, p${p.id})`,
    );
  });
  // Stable positions: put in vintage order by the registry, they map back to the vintage order.
  const mappedReads = Promise.all(ordered.map((p, i) => q.read(registry, "batchesAtPositions", p.id, Array.from(positions[i]))));
  await q.flush();
  const mapped = await mappedReads;
  ordered.forEach((p, i) => {
    const stable = p.order.map((id) => BigInt(p.added.indexOf(id)));
    same(Array.from(positions[i]), stable, `project ${p.id}: positionsOldestFirst(all positions)`);
    same(Array.from(mapped[i]), p.order, `project ${p.id}: batchesAtPositions(positionsOldestFirst)`);
  });
}

// ───────────────────────────── commands ─────────────────────────────

abstract class Step implements fc.AsyncCommand<CreditsModel, Real> {
  check(): boolean {
    return true; // every command is meaningful in every state: the model predicts success or the revert
  }
  abstract run(m: CreditsModel, r: Real): Promise<void>;
  abstract toString(): string;

  /** Records the resolved call and its predicted outcome before it is sent. */
  protected note(r: Real, kind: string, call: string, pred: Prediction<unknown>): void {
    count(kind, pred);
    r.trace.push(`${call} → ${showPrediction(pred)}`);
  }
}

class RegisterProject extends Step {
  constructor(readonly owner: number) {
    super();
  }
  async run(m: CreditsModel, r: Real): Promise<void> {
    const owner = r.actors[this.owner].address;
    const pred = m.register(owner);
    this.note(r, "register", `registerProject(owner=${ACTOR_NAMES[this.owner]})`, pred);
    if (!pred.ok) throw new Error("unreachable: registration always succeeds");
    const logs = await expectSuccess(r, r.sys.registry.connect(r.sys.registrar).registerProject(projectInput(owner)));
    const ev = logs.one("ProjectRegistered");
    same([ev[0], ev[1]], [pred.value, owner], "ProjectRegistered(projectId, owner)");
    await checkInvariants(m, r);
  }
  toString(): string {
    return `register(${ACTOR_NAMES[this.owner]})`;
  }
}

class ChangeStatus extends Step {
  constructor(
    readonly kind: Transition,
    readonly project: Ref,
  ) {
    super();
  }
  async run(m: CreditsModel, r: Real): Promise<void> {
    const from = TRANSITIONS[this.kind].from;
    const id = pickRef(this.project, m.projects.length, (p) => from.includes(m.project(p)!.status));
    const pred = m.transition(this.kind, id);
    this.note(r, this.kind, `${this.kind}(p${id})`, pred);
    const reg = r.sys.registry.connect(r.sys.verifier);
    const call = (): Promise<ContractTransactionResponse> => {
      switch (this.kind) {
        case "approve":
          return reg.approveProject(id);
        case "reject":
          return reg.rejectProject(id, REASON);
        case "suspend":
          return reg.suspendProject(id, REASON);
        case "reinstate":
          return reg.reinstateProject(id);
        case "deactivate":
          return reg.deactivateProject(id, REASON);
      }
    };
    if (!pred.ok) {
      await expectRevert(r, call(), pred.error);
    } else {
      const logs = await expectSuccess(r, call());
      const ev = logs.one("ProjectStatusChanged");
      same([ev[0], ev[1], ev[2]], [id, pred.value.from, pred.value.to], "ProjectStatusChanged(projectId, from, to)");
    }
    await checkInvariants(m, r);
  }
  toString(): string {
    return `${this.kind}(${showRef("p", this.project)})`;
  }
}

class AddBatch extends Step {
  constructor(
    readonly project: Ref,
    readonly vintage: number,
    readonly startDay: number,
    readonly supply: bigint,
    /** null: a fresh serial; otherwise reuse the serial of batch `b@dupOf` (if any batch exists). */
    readonly dupOf: Ref | null,
  ) {
    super();
  }
  async run(m: CreditsModel, r: Real): Promise<void> {
    const id = pickRef(this.project, m.projects.length, (p) => OPEN_FOR_BATCHES.includes(m.project(p)!.status));
    const dupOf = this.dupOf === null ? 0n : pickRef(this.dupOf, m.batches.length, () => true);
    const dup = dupOf !== 0n && m.batch(dupOf) !== undefined;
    // Batch k always has serial "OT-k", so a fresh serial is the next id's.
    const serial = dup ? m.batch(dupOf)!.serial : `OT-${m.batches.length + 1}`;
    const startDate = BigInt(Date.UTC(this.vintage, 0, 1) / 1000 + this.startDay * 86_400);
    const input = batchInput(this.vintage, this.supply, { serial, startDate });
    const pred = m.addBatch(id, { serial, vintage: this.vintage, startDate, totalSupply: this.supply });
    this.note(r, "addBatch", `addBatch(p${id}, ${serial}, vintage ${this.vintage}+${this.startDay}d, supply ${this.supply})`, pred);
    const call = r.sys.registry.connect(r.sys.registrar).addBatch(id, input);
    if (!pred.ok) {
      await expectRevert(r, call, pred.error);
    } else {
      const logs = await expectSuccess(r, call);
      const ev = logs.one("BatchAdded");
      same(
        [ev[0], ev[1], ev[2], ev[3], ev[4], ev[5]],
        [pred.value.batchId, id, serial, BigInt(this.vintage), this.supply, BigInt(pred.value.position)],
        "BatchAdded(batchId, projectId, serial, vintage, supply, position)",
      );
    }
    await checkInvariants(m, r, { positions: pred.ok });
  }
  toString(): string {
    const dup = this.dupOf === null ? "" : `, serial of ${showRef("b", this.dupOf)}`;
    return `addBatch(${showRef("p", this.project)}, vintage ${this.vintage}+${this.startDay}d, supply ${this.supply}${dup})`;
  }
}

class Mint extends Step {
  constructor(
    readonly to: number,
    readonly batch: Ref,
    readonly amount: AmountSel,
  ) {
    super();
  }
  async run(m: CreditsModel, r: Real): Promise<void> {
    const id = pickRef(this.batch, m.batches.length, (b) => {
      const batch = m.batch(b)!;
      return m.project(batch.projectId)!.status === S.Approved && m.remaining(batch) > 0n;
    });
    const b = m.batch(id);
    const amount = resolveAmount(this.amount, b ? m.remaining(b) : 0n);
    const to = r.actors[this.to].address;
    const pred = m.mint(this.to, id, amount);
    this.note(r, "mint", `mint(${ACTOR_NAMES[this.to]}, b${id}, ${amount})`, pred);
    const call = r.sys.credits.connect(r.sys.issuer).mint(to, id, amount);
    if (!pred.ok) {
      await expectRevert(r, call, pred.error);
    } else {
      const logs = await expectSuccess(r, call);
      const spill = { ids: [id], amounts: [amount] };
      expectMovement(logs, { operator: r.sys.issuer.address, from: ZERO, to, ids: spill.ids, values: spill.amounts });
      expectIssuanceRecorded(logs, m, spill);
    }
    await checkInvariants(m, r, { held: pred.ok });
  }
  toString(): string {
    return `mint(${ACTOR_NAMES[this.to]}, ${showRef("b", this.batch)}, ${showAmount(this.amount)} of remaining)`;
  }
}

class MintProject extends Step {
  constructor(
    readonly to: number,
    readonly project: Ref,
    readonly amount: AmountSel,
  ) {
    super();
  }
  async run(m: CreditsModel, r: Real): Promise<void> {
    const id = pickRef(this.project, m.projects.length, (p) => {
      const project = m.project(p)!;
      return project.status === S.Approved && m.projectRemaining(project) > 0n;
    });
    const p = m.project(id);
    const amount = resolveAmount(this.amount, p ? m.projectRemaining(p) : 0n);
    const to = r.actors[this.to].address;
    const pred = m.mintProject(this.to, id, amount);
    this.note(r, "mintProject", `mintProject(${ACTOR_NAMES[this.to]}, p${id}, ${amount})`, pred);
    const call = r.sys.credits.connect(r.sys.issuer).mintProject(to, id, amount);
    if (!pred.ok) {
      await expectRevert(r, call, pred.error);
    } else {
      r.trace[r.trace.length - 1] += ` ${showBreakdown(pred.value)}`;
      if (pred.value.ids.length > 1) multiBatchMints++;
      const logs = await expectSuccess(r, call);
      // Oldest vintage with remaining supply first, spilling into the next vintages.
      expectMovement(logs, { operator: r.sys.issuer.address, from: ZERO, to, ids: pred.value.ids, values: pred.value.amounts });
      expectIssuanceRecorded(logs, m, pred.value);
    }
    await checkInvariants(m, r, { held: pred.ok });
  }
  toString(): string {
    return `mintProject(${ACTOR_NAMES[this.to]}, ${showRef("p", this.project)}, ${showAmount(this.amount)} of remaining)`;
  }
}

class Transfer extends Step {
  constructor(
    readonly from: Holder,
    readonly to: number,
    readonly batch: Ref,
    readonly amount: AmountSel,
  ) {
    super();
  }
  async run(m: CreditsModel, r: Real): Promise<void> {
    const a = pickHolder(this.from, (actor) => holdsAny(m, actor));
    const id = pickRef(this.batch, m.batches.length, (b) => m.balance(a, b) > 0n);
    const amount = resolveAmount(this.amount, m.balance(a, id));
    const [from, to] = [r.actors[a], r.actors[this.to]];
    const pred = m.transfer(a, this.to, id, amount);
    this.note(r, "transfer", `safeTransferFrom(${ACTOR_NAMES[a]} → ${ACTOR_NAMES[this.to]}, b${id}, ${amount})`, pred);
    const call = r.sys.credits.connect(from).safeTransferFrom(from.address, to.address, id, amount, "0x");
    if (!pred.ok) {
      await expectRevert(r, call, pred.error);
    } else {
      const logs = await expectSuccess(r, call);
      expectMovement(logs, { operator: from.address, from: from.address, to: to.address, ids: [id], values: [amount] });
    }
    await checkInvariants(m, r, { held: pred.ok });
  }
  toString(): string {
    return `transfer(${showHolder(this.from)} → ${ACTOR_NAMES[this.to]}, ${showRef("b", this.batch)}, ${showAmount(this.amount)} of balance)`;
  }
}

class TransferBatch extends Step {
  constructor(
    readonly from: Holder,
    readonly to: number,
    readonly batches: [Ref, Ref],
    readonly amounts: [AmountSel, AmountSel],
  ) {
    super();
  }
  async run(m: CreditsModel, r: Real): Promise<void> {
    const a = pickHolder(this.from, (actor) => holdsAny(m, actor));
    const ids = this.batches.map((ref) => pickRef(ref, m.batches.length, (b) => m.balance(a, b) > 0n));
    // Each amount is relative to the balance before the call (a repeated id may then overdraw).
    const amounts = ids.map((id, i) => resolveAmount(this.amounts[i], m.balance(a, id)));
    const [from, to] = [r.actors[a], r.actors[this.to]];
    const pred = m.transferBatch(a, this.to, ids, amounts);
    const shown = ids.map((id, i) => `b${id}:${amounts[i]}`).join(", ");
    this.note(r, "transferBatch", `safeBatchTransferFrom(${ACTOR_NAMES[a]} → ${ACTOR_NAMES[this.to]}, [${shown}])`, pred);
    const call = r.sys.credits.connect(from).safeBatchTransferFrom(from.address, to.address, ids, amounts, "0x");
    if (!pred.ok) {
      await expectRevert(r, call, pred.error);
    } else {
      const logs = await expectSuccess(r, call);
      expectMovement(logs, { operator: from.address, from: from.address, to: to.address, ids, values: amounts });
    }
    await checkInvariants(m, r, { held: pred.ok });
  }
  toString(): string {
    const [b0, b1] = this.batches.map((b) => showRef("b", b));
    const [x0, x1] = this.amounts.map(showAmount);
    return `transferBatch(${showHolder(this.from)} → ${ACTOR_NAMES[this.to]}, ${b0}: ${x0}, ${b1}: ${x1} of balance)`;
  }
}

class Retire extends Step {
  constructor(
    readonly holder: Holder,
    readonly batch: Ref,
    readonly amount: AmountSel,
    readonly beneficiary: number,
  ) {
    super();
  }
  async run(m: CreditsModel, r: Real): Promise<void> {
    const a = pickHolder(this.holder, (actor) => holdsAny(m, actor));
    const id = pickRef(this.batch, m.batches.length, (b) => m.balance(a, b) > 0n);
    const amount = resolveAmount(this.amount, m.balance(a, id));
    const holder = r.actors[a];
    const beneficiary = r.beneficiaries[this.beneficiary];
    const pred = m.retire(a, id, amount, beneficiary);
    this.note(r, "retire", `retire(${ACTOR_NAMES[a]}, b${id}, ${amount})`, pred);
    const call = r.sys.credits.connect(holder).retire(holder.address, id, amount, retirementDetails(beneficiary));
    if (!pred.ok) {
      await expectRevert(r, call, pred.error);
    } else {
      const logs = await expectSuccess(r, call);
      const spill = { ids: [id], amounts: [amount] };
      expectMovement(logs, { operator: holder.address, from: holder.address, to: ZERO, ids: [id], values: [amount] });
      expectRetirementRecorded(logs, m, spill);
      await expectRetired(r, logs, { id: pred.value, account: holder.address, beneficiary, amount, spill });
    }
    await checkInvariants(m, r, { held: pred.ok });
  }
  toString(): string {
    return `retire(${showHolder(this.holder)}, ${showRef("b", this.batch)}, ${showAmount(this.amount)} of balance, for ${BENEFICIARY_NAMES[this.beneficiary]})`;
  }
}

class RetireProject extends Step {
  constructor(
    readonly holder: Holder,
    readonly project: Ref,
    readonly amount: AmountSel,
    readonly beneficiary: number,
  ) {
    super();
  }
  async run(m: CreditsModel, r: Real): Promise<void> {
    const a = pickHolder(this.holder, (actor) => holdsAny(m, actor));
    const id = pickRef(this.project, m.projects.length, (p) => m.projectBalance(a, m.project(p)!) > 0n);
    const p = m.project(id);
    const amount = resolveAmount(this.amount, p ? m.projectBalance(a, p) : 0n);
    const holder = r.actors[a];
    const beneficiary = r.beneficiaries[this.beneficiary];

    // previewRetireProject, called just before, must give the model's breakdown (or revert the same way).
    const preview = m.previewRetireProject(a, id, amount);
    r.trace.push(`previewRetireProject(${ACTOR_NAMES[a]}, p${id}, ${amount}) → ${showPrediction(preview)}`);
    const previewCall = r.sys.credits.previewRetireProject(holder.address, id, amount);
    if (!preview.ok) {
      await expectRevert(r, previewCall, preview.error);
    } else {
      const [ids, amounts] = await previewCall;
      same({ ids: Array.from(ids), amounts: Array.from(amounts) }, preview.value, "previewRetireProject");
    }

    const pred = m.retireProject(a, id, amount, beneficiary);
    this.note(r, "retireProject", `retireProject(${ACTOR_NAMES[a]}, p${id}, ${amount})`, pred);
    const call = r.sys.credits.connect(holder).retireProject(holder.address, id, amount, retirementDetails(beneficiary));
    if (!pred.ok) {
      await expectRevert(r, call, pred.error);
    } else {
      const { retirementId, spill } = pred.value;
      r.trace[r.trace.length - 1] += ` ${showBreakdown(spill)}`;
      if (spill.ids.length > 1) multiBatchRetires++;
      // The model's breakdown is the one the preview gave (checked above).
      const logs = await expectSuccess(r, call);
      expectMovement(logs, { operator: holder.address, from: holder.address, to: ZERO, ids: spill.ids, values: spill.amounts });
      expectRetirementRecorded(logs, m, spill);
      await expectRetired(r, logs, { id: retirementId, account: holder.address, beneficiary, amount, spill });
    }
    await checkInvariants(m, r, { held: pred.ok });
  }
  toString(): string {
    return `retireProject(${showHolder(this.holder)}, ${showRef("p", this.project)}, ${showAmount(this.amount)} of balance, for ${BENEFICIARY_NAMES[this.beneficiary]})`;
  }
}

class SetPaused extends Step {
  constructor(readonly pause: boolean) {
    super();
  }
  async run(m: CreditsModel, r: Real): Promise<void> {
    const pred = this.pause ? m.pause() : m.unpause();
    const kind = this.pause ? "pause" : "unpause";
    this.note(r, kind, `${kind}()`, pred);
    const credits = r.sys.credits.connect(r.sys.pauser);
    const call = this.pause ? credits.pause() : credits.unpause();
    if (!pred.ok) {
      await expectRevert(r, call, pred.error);
    } else {
      const logs = await expectSuccess(r, call);
      same(logs.one(this.pause ? "Paused" : "Unpaused")[0], r.sys.pauser.address, "Paused/Unpaused account");
    }
    await checkInvariants(m, r);
  }
  toString(): string {
    return this.pause ? "pause()" : "unpause()";
  }
}

const ZERO = "0x0000000000000000000000000000000000000000";

// ───────────────────────────── arbitraries ─────────────────────────────

const actorArb = fc.integer({ min: 0, max: ACTOR_NAMES.length - 1 });
const holderArb: fc.Arbitrary<Holder> = fc.record({
  fit: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  k: fc.nat(2),
});
const beneficiaryArb = fc.integer({ min: 0, max: BENEFICIARY_NAMES.length - 1 });
/** Mostly an existing entity, sometimes an id that does not exist. */
const refArb: fc.Arbitrary<Ref> = fc.record({
  pick: fc.constantFrom<Ref["pick"]>("fit", "fit", "fit", "fit", "fit", "fit", "any", "any", "any", "new"),
  k: fc.nat(5),
});
const amountArb: fc.Arbitrary<AmountSel> = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 1, max: 10_000 }).map((bp): AmountSel => ({ kind: "frac", bp })) },
  { weight: 4, arbitrary: fc.constant<AmountSel>({ kind: "all" }) },
  { weight: 2, arbitrary: fc.bigInt({ min: 1n, max: 1_000n }).map((extra): AmountSel => ({ kind: "over", extra })) },
  { weight: 1, arbitrary: fc.constant<AmountSel>({ kind: "zero" }) },
);
/** Vintages out of insertion order; the start day (0–2) makes same-vintage ties and tie-breaks. */
const vintageArb = fc.integer({ min: 2015, max: 2030 });
const startDayArb = fc.integer({ min: 0, max: 2 });
/** Small supplies (a few grams) make exact exhaustion and spills across many batches likely too. */
const supplyArb = fc.oneof(fc.bigInt({ min: 1n, max: 10n * CREDIT }), fc.bigInt({ min: 1n, max: 20n }));

type Kind =
  | "register"
  | "addBatch"
  | "approve"
  | "reject"
  | "suspend"
  | "reinstate"
  | "deactivate"
  | "mint"
  | "mintProject"
  | "transfer"
  | "transferBatch"
  | "retire"
  | "retireProject"
  | "pause"
  | "unpause";

const STEP_ARBS: Record<Kind, fc.Arbitrary<Step>> = {
  register: actorArb.map((o) => new RegisterProject(o)),
  addBatch: fc
    .tuple(
      refArb,
      vintageArb,
      startDayArb,
      supplyArb,
      fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: refArb }), // duplicate serial
    )
    .map(([p, v, d, s, dup]) => new AddBatch(p, v, d, s, dup)),
  approve: refArb.map((p) => new ChangeStatus("approve", p)),
  reject: refArb.map((p) => new ChangeStatus("reject", p)),
  suspend: refArb.map((p) => new ChangeStatus("suspend", p)),
  reinstate: refArb.map((p) => new ChangeStatus("reinstate", p)),
  deactivate: refArb.map((p) => new ChangeStatus("deactivate", p)),
  mint: fc.tuple(actorArb, refArb, amountArb).map(([a, b, x]) => new Mint(a, b, x)),
  mintProject: fc.tuple(actorArb, refArb, amountArb).map(([a, p, x]) => new MintProject(a, p, x)),
  transfer: fc.tuple(holderArb, actorArb, refArb, amountArb).map(([f, t, b, x]) => new Transfer(f, t, b, x)),
  transferBatch: fc
    .tuple(holderArb, actorArb, refArb, refArb, amountArb, amountArb)
    .map(([f, t, b0, b1, x0, x1]) => new TransferBatch(f, t, [b0, b1], [x0, x1])),
  retire: fc.tuple(holderArb, refArb, amountArb, beneficiaryArb).map(([a, b, x, n]) => new Retire(a, b, x, n)),
  retireProject: fc
    .tuple(holderArb, refArb, amountArb, beneficiaryArb)
    .map(([a, p, x, n]) => new RetireProject(a, p, x, n)),
  pause: fc.constant(new SetPaused(true)),
  unpause: fc.constant(new SetPaused(false)),
};

const weighted = (weights: Partial<Record<Kind, number>>): fc.Arbitrary<Step> =>
  fc.oneof(
    ...Object.entries(weights).map(([kind, weight]) => ({ weight: weight!, arbitrary: STEP_ARBS[kind as Kind] })),
  );

/**
 * Each sequence is a random list of commands in two phases. The opening sketches 1–3 projects, each
 * as the commands `register`, 0–3 × `addBatch` (random vintages, so out of order), usually `approve`
 * and 0–2 × `mintProject`; without it most random commands would hit an empty registry. The main
 * phase is up to 15 commands drawn from every kind. Opening commands are predicted and checked
 * exactly like the others.
 */
const openingArb: fc.Arbitrary<Step[]> = fc
  .array(
    fc.record({
      owner: actorArb,
      batches: fc.array(fc.tuple(vintageArb, startDayArb, supplyArb), { maxLength: 3 }),
      approve: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      mints: fc.array(fc.tuple(actorArb, amountArb), { maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((sketches) =>
    sketches.flatMap((sk): Step[] => [
      new RegisterProject(sk.owner),
      ...sk.batches.map(([v, d, supply]) => new AddBatch(LAST, v, d, supply, null)),
      ...(sk.approve ? [new ChangeStatus("approve", LAST)] : []),
      ...sk.mints.map(([to, amount]) => new MintProject(to, LAST, amount)),
    ]),
  );
const mainArb = fc.commands(
  [
    weighted({
      register: 2,
      addBatch: 4,
      approve: 3,
      reject: 1,
      suspend: 2,
      reinstate: 2,
      deactivate: 1,
      mint: 4,
      mintProject: 6,
      transfer: 5,
      transferBatch: 3,
      retire: 5,
      retireProject: 7,
      pause: 1,
      unpause: 2,
    }),
  ],
  { maxCommands: 15, size: "max" },
);

// ───────────────────────────── the property ─────────────────────────────

describe("invariants: CarbonCredits + ProjectRegistry (model-based, fast-check)", function () {
  it(`holds the ledger invariants and the model over ${NUM_RUNS} random command sequences`, async function () {
    this.timeout(600_000);
    stats.clear();
    multiBatchMints = 0;
    multiBatchRetires = 0;

    await fc.assert(
      fc.asyncProperty(openingArb, mainArb, async (opening, main) => {
        const { lens, ...sys } = await loadFixture(deploySystemWithLens);
        const actors = [sys.alice, sys.bob, sys.carol];
        const real: Real = {
          sys,
          lens,
          actors,
          beneficiaries: [...actors.map((a) => a.address), sys.outsider.address],
          registryAddress: (await sys.registry.getAddress()).toLowerCase(),
          creditsAddress: (await sys.credits.getAddress()).toLowerCase(),
          errors: allErrors(sys),
          trace: [],
        };
        const model = new CreditsModel(actors.map((a) => a.address));
        try {
          await checkInvariants(model, real);
          await fc.asyncModelRun(() => ({ model, real }), opening);
          await fc.asyncModelRun(() => ({ model, real }), main);
        } catch (e) {
          const steps = real.trace.map((t, i) => `  ${i + 1}. ${t}`).join("\n");
          const message = e instanceof Error ? e.message : String(e);
          throw new Error(`${message}\nresolved steps (the last one failed):\n${steps}`);
        }
      }),
      { numRuns: NUM_RUNS },
    );

    // Keep every random command meaningful: the sequences must have driven each kind of call
    // through both outcomes, and the oldest-vintage-first paths across several batches.
    const kinds = ["register", "addBatch", "approve", "mint", "mintProject", "transfer", "transferBatch", "retire", "retireProject"];
    for (const kind of kinds) {
      const s = stats.get(kind) ?? { ok: 0, revert: 0 };
      expect(s.ok, `${kind}: successful calls over the run`).to.be.greaterThan(0);
      if (kind !== "register") expect(s.revert, `${kind}: reverted calls over the run`).to.be.greaterThan(0);
    }
    expect(multiBatchMints, "project mints spilling across several vintages").to.be.greaterThan(0);
    expect(multiBatchRetires, "project retirements across several vintages").to.be.greaterThan(0);
  });
});
