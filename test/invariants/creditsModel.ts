/**
 * A plain TypeScript model of ProjectRegistry + CarbonCredits, used by Credits.property.test.ts.
 *
 * Every operation first predicts the outcome of the matching on-chain call from the model state:
 * either the exact custom error it must revert with (checked in the order the contracts check), or
 * success together with what it must produce (batch id, vintage position, oldest-first breakdown).
 * On success the operation also applies its effect to the model; on a predicted revert the model is
 * left untouched.
 */

import { Status as S } from "../helpers/fixtures";

export interface MBatch {
  id: bigint;
  projectId: bigint;
  serial: string;
  vintage: number;
  startDate: bigint;
  totalSupply: bigint;
  minted: bigint;
  retired: bigint;
}

export interface MProject {
  id: bigint;
  owner: string;
  status: bigint;
  /** Was the project ever `Approved`? Credits may only ever exist in such projects. */
  everApproved: boolean;
  /** Batch ids in vintage order (vintage, then startDate, then insertion order). */
  order: bigint[];
  /** Batch ids in the order they were added: index = the batch's stable position in the project. */
  added: bigint[];
}

export interface MRetirement {
  account: string;
  beneficiary: string;
  amount: bigint;
}

/** The custom error a call must revert with (declared by the registry, the token or OpenZeppelin). */
export interface ExpectedError {
  name: string;
  args: unknown[];
}

export type Prediction<T> = { ok: true; value: T } | { ok: false; error: ExpectedError };

/** A per-batch breakdown: parallel arrays, in the order the contracts produce them. */
export interface Breakdown {
  ids: bigint[];
  amounts: bigint[];
}

export type Transition = "approve" | "reject" | "suspend" | "reinstate" | "deactivate";

/** Allowed source statuses and the target status of each verifier action. */
export const TRANSITIONS: Record<Transition, { from: bigint[]; to: bigint }> = {
  approve: { from: [S.Pending], to: S.Approved },
  reject: { from: [S.Pending], to: S.Rejected },
  suspend: { from: [S.Approved], to: S.Suspended },
  reinstate: { from: [S.Suspended], to: S.Approved },
  deactivate: { from: [S.Approved, S.Suspended], to: S.Deactivated },
};

const fail = <T>(name: string, ...args: unknown[]): Prediction<T> => ({ ok: false, error: { name, args } });
const ok = <T>(value: T): Prediction<T> => ({ ok: true, value });

export class CreditsModel {
  readonly projects: MProject[] = []; // index = id - 1
  readonly batches: MBatch[] = []; // index = id - 1
  /** balances[actor][batchId - 1] */
  readonly balances: bigint[][];
  readonly retirements: MRetirement[] = [];
  paused = false;

  /** @param actors Addresses of the holders the test moves credits between. */
  constructor(readonly actors: readonly string[]) {
    this.balances = actors.map(() => []);
  }

  // ───────────────────────────── queries ─────────────────────────────

  project(id: bigint): MProject | undefined {
    return id >= 1n && id <= BigInt(this.projects.length) ? this.projects[Number(id) - 1] : undefined;
  }

  batch(id: bigint): MBatch | undefined {
    return id >= 1n && id <= BigInt(this.batches.length) ? this.batches[Number(id) - 1] : undefined;
  }

  balance(actor: number, id: bigint): bigint {
    return this.balances[actor][Number(id) - 1] ?? 0n;
  }

  remaining(b: MBatch): bigint {
    return b.totalSupply - b.minted;
  }

  projectRemaining(p: MProject): bigint {
    return p.order.reduce((sum, id) => sum + this.remaining(this.batch(id)!), 0n);
  }

  projectBalance(actor: number, p: MProject): bigint {
    return p.order.reduce((sum, id) => sum + this.balance(actor, id), 0n);
  }

  /** The batch's stable position in its project: how many batches the project had before it. */
  stablePosition(b: MBatch): number {
    return this.project(b.projectId)!.added.indexOf(b.id);
  }

  /** `balancesOfProject(holder, p)`: the holder's non-zero balances of the project, oldest vintage first. */
  heldOldestFirst(actor: number, p: MProject): Breakdown {
    const ids = p.order.filter((id) => this.balance(actor, id) > 0n);
    return { ids, amounts: ids.map((id) => this.balance(actor, id)) };
  }

  /** Project-level issuance: oldest vintage with remaining supply first, spilling forward. */
  issuanceSpill(p: MProject, amount: bigint): Breakdown {
    return this.takeOldestFirst(p, amount, (id) => this.remaining(this.batch(id)!));
  }

  /** Project-level retirement: the holder's oldest vintage first. */
  retirementSpill(actor: number, p: MProject, amount: bigint): Breakdown {
    return this.takeOldestFirst(p, amount, (id) => this.balance(actor, id));
  }

  private takeOldestFirst(p: MProject, amount: bigint, room: (id: bigint) => bigint): Breakdown {
    const out: Breakdown = { ids: [], amounts: [] };
    let left = amount;
    for (const id of p.order) {
      if (left === 0n) break;
      const r = room(id);
      if (r === 0n) continue;
      const take = left < r ? left : r;
      out.ids.push(id);
      out.amounts.push(take);
      left -= take;
    }
    return out;
  }

  private addBalance(actor: number, id: bigint, delta: bigint): void {
    this.balances[actor][Number(id) - 1] = this.balance(actor, id) + delta;
  }

  // ───────────────────────────── registry ─────────────────────────────

  register(owner: string): Prediction<bigint> {
    const id = BigInt(this.projects.length + 1);
    this.projects.push({ id, owner, status: S.Pending, everApproved: false, order: [], added: [] });
    return ok(id);
  }

  transition(kind: Transition, projectId: bigint): Prediction<{ from: bigint; to: bigint }> {
    const p = this.project(projectId);
    if (!p) return fail("RegistryUnknownProject", projectId);
    const t = TRANSITIONS[kind];
    if (!t.from.includes(p.status)) return fail("RegistryInvalidStatusTransition", projectId, p.status, t.to);
    const from = p.status;
    p.status = t.to;
    if (t.to === S.Approved) p.everApproved = true;
    return ok({ from, to: t.to });
  }

  addBatch(
    projectId: bigint,
    input: { serial: string; vintage: number; startDate: bigint; totalSupply: bigint },
  ): Prediction<{ batchId: bigint; position: number }> {
    const p = this.project(projectId);
    if (!p) return fail("RegistryUnknownProject", projectId);
    if (p.status !== S.Pending && p.status !== S.Approved) {
      return fail("RegistryProjectNotOpenForBatches", projectId, p.status);
    }
    const existing = this.batches.find((b) => b.serial === input.serial);
    if (existing) return fail("RegistryDuplicateSerial", input.serial, existing.id);

    const batchId = BigInt(this.batches.length + 1);
    this.batches.push({ id: batchId, projectId, ...input, minted: 0n, retired: 0n });
    // Insert after every batch that is not strictly younger: (vintage, startDate), then insertion order.
    let position = p.order.length;
    while (position > 0) {
      const prev = this.batch(p.order[position - 1])!;
      const older = input.vintage < prev.vintage || (input.vintage === prev.vintage && input.startDate < prev.startDate);
      if (!older) break;
      --position;
    }
    p.order.splice(position, 0, batchId);
    p.added.push(batchId);
    return ok({ batchId, position });
  }

  // ───────────────────────────── credits ─────────────────────────────

  pause(): Prediction<void> {
    if (this.paused) return fail("EnforcedPause");
    this.paused = true;
    return ok(undefined);
  }

  unpause(): Prediction<void> {
    if (!this.paused) return fail("ExpectedPause");
    this.paused = false;
    return ok(undefined);
  }

  mint(to: number, batchId: bigint, amount: bigint): Prediction<void> {
    if (this.paused) return fail("EnforcedPause");
    if (amount === 0n) return fail("CarbonCreditsZeroAmount");
    const b = this.batch(batchId);
    if (!b) return fail("RegistryUnknownBatch", batchId);
    const p = this.project(b.projectId)!;
    if (p.status !== S.Approved) return fail("RegistryProjectNotApproved", p.id, p.status);
    const available = this.remaining(b);
    if (amount > available) return fail("RegistryExceedsBatchSupply", batchId, amount, available);
    b.minted += amount;
    this.addBalance(to, batchId, amount);
    return ok(undefined);
  }

  mintProject(to: number, projectId: bigint, amount: bigint): Prediction<Breakdown> {
    if (this.paused) return fail("EnforcedPause");
    if (amount === 0n) return fail("CarbonCreditsZeroAmount");
    const p = this.project(projectId);
    if (!p) return fail("RegistryUnknownProject", projectId);
    if (p.status !== S.Approved) return fail("RegistryProjectNotApproved", projectId, p.status);
    const available = this.projectRemaining(p);
    if (amount > available) return fail("RegistryExceedsProjectSupply", projectId, amount, available);
    const spill = this.issuanceSpill(p, amount);
    spill.ids.forEach((id, i) => {
      this.batch(id)!.minted += spill.amounts[i];
      this.addBalance(to, id, spill.amounts[i]);
    });
    return ok(spill);
  }

  /** `safeTransferFrom(from, to, id, amount)` sent by `from` itself. */
  transfer(from: number, to: number, id: bigint, amount: bigint): Prediction<void> {
    if (this.paused) return fail("EnforcedPause");
    const balance = this.balance(from, id);
    if (balance < amount) return fail("ERC1155InsufficientBalance", this.actors[from], balance, amount, id);
    if (amount > 0n) {
      // Zero-value transfers of any id (even unknown) succeed and change nothing.
      this.addBalance(from, id, -amount);
      this.addBalance(to, id, amount);
    }
    return ok(undefined);
  }

  /**
   * `safeBatchTransferFrom(from, to, ids, amounts)` sent by `from` itself: element by element, each
   * taking from the balance the earlier elements left (ids may repeat, `from` may be `to`).
   */
  transferBatch(from: number, to: number, ids: bigint[], amounts: bigint[]): Prediction<void> {
    if (this.paused) return fail("EnforcedPause");
    const moved: Array<[bigint, bigint]> = [];
    for (let i = 0; i < ids.length; i++) {
      const balance = this.balance(from, ids[i]);
      if (balance < amounts[i]) {
        // Undo the earlier elements: a revert changes nothing.
        for (const [id, amount] of moved.reverse()) {
          this.addBalance(to, id, -amount);
          this.addBalance(from, id, amount);
        }
        return fail("ERC1155InsufficientBalance", this.actors[from], balance, amounts[i], ids[i]);
      }
      if (amounts[i] > 0n) {
        this.addBalance(from, ids[i], -amounts[i]);
        this.addBalance(to, ids[i], amounts[i]);
        moved.push([ids[i], amounts[i]]);
      }
    }
    return ok(undefined);
  }

  /** `retire(holder, batchId, amount, …)` sent by the holder. Works whatever the project's status. */
  retire(actor: number, batchId: bigint, amount: bigint, beneficiary: string): Prediction<bigint> {
    if (this.paused) return fail("EnforcedPause");
    if (amount === 0n) return fail("CarbonCreditsZeroAmount");
    const balance = this.balance(actor, batchId);
    if (balance < amount) {
      return fail("ERC1155InsufficientBalance", this.actors[actor], balance, amount, batchId);
    }
    this.addBalance(actor, batchId, -amount);
    this.batch(batchId)!.retired += amount; // balance > 0, so the batch exists
    this.retirements.push({ account: this.actors[actor], beneficiary, amount });
    return ok(BigInt(this.retirements.length));
  }

  /** `previewRetireProject(holder, projectId, amount)`: a view, so it ignores the pause. Pure. */
  previewRetireProject(actor: number, projectId: bigint, amount: bigint): Prediction<Breakdown> {
    if (amount === 0n) return fail("CarbonCreditsZeroAmount");
    const p = this.project(projectId);
    if (!p) return fail("RegistryUnknownProject", projectId);
    const available = this.projectBalance(actor, p);
    if (amount > available) {
      return fail("CarbonCreditsInsufficientProjectBalance", this.actors[actor], projectId, amount, available);
    }
    return ok(this.retirementSpill(actor, p, amount));
  }

  /** `retireProject(holder, projectId, amount, …)` sent by the holder. Works whatever the status. */
  retireProject(
    actor: number,
    projectId: bigint,
    amount: bigint,
    beneficiary: string,
  ): Prediction<{ retirementId: bigint; spill: Breakdown }> {
    if (this.paused) return fail("EnforcedPause");
    const preview = this.previewRetireProject(actor, projectId, amount);
    if (!preview.ok) return preview;
    const spill = preview.value;
    spill.ids.forEach((id, i) => {
      this.addBalance(actor, id, -spill.amounts[i]);
      this.batch(id)!.retired += spill.amounts[i];
    });
    this.retirements.push({ account: this.actors[actor], beneficiary, amount });
    return ok({ retirementId: BigInt(this.retirements.length), spill });
  }
}
