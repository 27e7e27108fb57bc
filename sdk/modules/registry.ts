/**
 * `registry` — projects and their vintage batches (`ProjectRegistry`, seed 001 / seed 003).
 * Amounts are integer grams CO2e (1 credit = 1,000,000); dates are unix seconds.
 */
import type { ProjectRegistry } from "../../typechain-types";
import type { IProjectRegistry } from "../../typechain-types/contracts/registry/ProjectRegistry";
import { InvalidArgumentError } from "../errors/base";
import { Module, type TxResult, type WriteOptions } from "../internal/module";
import * as check from "../internal/validate";
import { page, type Page, type PageOptions } from "../internal/paging";
import type { LogPosition, Unsubscribe, WatchOptions } from "../internal/watch";

/** A project's status change, as {@link RegistryModule.watchProjectStatus} delivers it (statuses by name). */
export interface ProjectStatusChange {
  /** The project. */
  readonly projectId: bigint;
  /** Status before. */
  readonly from: ProjectStatusName;
  /** Status after. */
  readonly to: ProjectStatusName;
  /** The verifier's reason (may be empty). */
  readonly reason: string;
}

/** Project lifecycle states, as `IProjectRegistry.ProjectStatus` (name → on-chain value). */
export const ProjectStatus = { None: 0, Pending: 1, Approved: 2, Rejected: 3, Suspended: 4, Deactivated: 5 } as const;
/** A project status name: `"Pending"`, `"Approved"`, … */
export type ProjectStatusName = keyof typeof ProjectStatus;
const STATUS_NAMES = Object.keys(ProjectStatus) as ProjectStatusName[];

/** What a registrar supplies to register a project (`IProjectRegistry.ProjectInput`). */
export interface ProjectInput {
  /** Project developer / NGO / pool contract that owns the project. */
  readonly owner: string;
  /** 1–128 bytes. */
  readonly name: string;
  /** Certification standard, e.g. "VCS", "GS", "ICM". */
  readonly standard: string;
  /** Methodology id, e.g. "AMS-I.D". */
  readonly methodology: string;
  /** ISO 3166-1 alpha-2 host country, e.g. "IN". */
  readonly country: string;
  /** Off-chain metadata URI (may be empty). */
  readonly uri?: string;
  /** Expected lifetime issuance, grams CO2e (informational; default 0). */
  readonly estimatedCredits?: bigint;
}

/** A registered project. */
export interface Project {
  /** Sequential id, from 1. */
  readonly id: bigint;
  readonly owner: string;
  readonly status: ProjectStatusName;
  /** Registration time, unix seconds. */
  readonly createdAt: bigint;
  /** Index of the first vintage batch that may still have unminted supply. */
  readonly issuanceCursor: number;
  /** Grams CO2e (informational). */
  readonly estimatedCredits: bigint;
  readonly name: string;
  readonly standard: string;
  readonly methodology: string;
  readonly country: string;
  readonly uri: string;
}

/** What a registrar supplies to add a vintage batch (`IProjectRegistry.BatchInput`). */
export interface BatchInput {
  /** The off-chain registry's serial, unique system-wide, 1–128 bytes. */
  readonly serial: string;
  /** Issuance year, e.g. 2024. */
  readonly vintage: number;
  /** Monitoring period start (a Date or unix seconds). */
  readonly startDate: Date | number | bigint;
  /** Monitoring period end (a Date or unix seconds), ≥ start. */
  readonly endDate: Date | number | bigint;
  /** Cap on issuance, grams CO2e, > 0. */
  readonly totalSupply: bigint;
}

/** A vintage batch (token id = batch id) with its issuance ledger. */
export interface Batch {
  /** Batch id = ERC-1155 token id, from 1. */
  readonly id: bigint;
  readonly projectId: bigint;
  /** Grams CO2e minted so far. */
  readonly minted: bigint;
  /** Grams CO2e retired so far. */
  readonly retired: bigint;
  /** Issuance cap, grams CO2e: the most that can ever be minted into the batch (not what circulates: see `circulating`, or `credits.circulatingSupply(id)`). */
  readonly supplyCap: bigint;
  /**
   * The issuance cap, as the contract's `Batch.totalSupply` field names it — NOT the ERC-1155
   * `credits.totalSupply(id)`, which is what circulates.
   * @deprecated read {@link Batch.supplyCap}; kept for compatibility.
   */
  readonly totalSupply: bigint;
  /** `minted − retired`: grams CO2e in circulation. */
  readonly circulating: bigint;
  /** `supplyCap − minted`: grams CO2e still mintable. */
  readonly remaining: bigint;
  /** Issuance year. */
  readonly vintage: number;
  /** Unix seconds. */
  readonly startDate: bigint;
  /** Unix seconds. */
  readonly endDate: bigint;
  readonly serial: string;
}

/** The `registry` module: see the file header. */
export class RegistryModule extends Module<ProjectRegistry> {
  // ───────────── reads ─────────────

  /** Number of registered projects. */
  async projectCount(): Promise<bigint> {
    return this.read("projectCount", () => this.contract.projectCount());
  }

  /**
   * One project.
   * @throws `RegistryUnknownProjectError` when `projectId` is not registered.
   */
  async getProject(projectId: bigint | number): Promise<Project> {
    const id = check.unsigned("projectId", projectId);
    const p = await this.read("getProject", () => this.contract.getProject(id));
    return toProject(id, p);
  }

  /** Projects in id order, paged (`offset` 0 = project 1). */
  async listProjects(options: PageOptions = {}): Promise<Page<Project>> {
    const { offset, limit } = page(options);
    const total = await this.projectCount();
    const ids: bigint[] = [];
    for (let id = BigInt(offset) + 1n; id <= total && ids.length < limit; id++) ids.push(id);
    const items = await Promise.all(ids.map((id) => this.getProject(id)));
    return { items, total };
  }

  /** Number of batches in the whole registry. */
  async batchCount(): Promise<bigint> {
    return this.read("batchCount", () => this.contract.batchCount());
  }

  /**
   * One vintage batch with its ledger.
   * @throws `RegistryUnknownBatchError` when `batchId` does not exist.
   */
  async getBatch(batchId: bigint | number): Promise<Batch> {
    const id = check.unsigned("batchId", batchId);
    const b = await this.read("getBatch", () => this.contract.getBatch(id));
    return toBatch(id, b);
  }

  /**
   * A project's batches in vintage order (oldest first), each with supply, minted and retired — two
   * calls (`projectBatches`, `getBatches`) whatever the number of batches.
   * @throws `RegistryUnknownProjectError` when `projectId` is not registered.
   */
  async getProjectBatches(projectId: bigint | number): Promise<Batch[]> {
    const id = check.unsigned("projectId", projectId);
    const ids = await this.read("getProjectBatches", () => this.contract.projectBatches(id));
    if (ids.length === 0) return [];
    const batches = await this.read("getProjectBatches", () => this.contract.getBatches([...ids]));
    return ids.map((batchId, i) => toBatch(batchId, batches[i]));
  }

  /** The batch id registered under an off-chain `serial`, or `undefined` when none is. */
  async findBatchBySerial(serial: string): Promise<bigint | undefined> {
    check.nonEmpty("serial", serial);
    const id = await this.read("findBatchBySerial", () => this.contract.batchIdBySerial(serial));
    return id === 0n ? undefined : id;
  }

  /**
   * Calls `listener` with every `ProjectStatusChanged` from now on (or from `options.fromBlock`),
   * statuses by name, polling the RPC (works over HTTP). Optionally only for `projectId`.
   * @returns the unsubscribe function. @throws {@link InvalidArgumentError} on bad options.
   */
  watchProjectStatus(listener: (change: ProjectStatusChange & LogPosition) => void, options: WatchOptions & { readonly projectId?: bigint | number } = {}): Unsubscribe {
    const projectId = options.projectId === undefined ? undefined : check.unsigned("options.projectId", options.projectId);
    return this.watchEvents(
      "watchProjectStatus",
      this.contract.filters.ProjectStatusChanged(projectId),
      (log) => ({ projectId: log.args.projectId, from: STATUS_NAMES[Number(log.args.from)], to: STATUS_NAMES[Number(log.args.to)], reason: log.args.reason }),
      listener,
      options,
    );
  }

  // ───────────── writes (see each role in IProjectRegistry) ─────────────

  /**
   * Registers a project in status `Pending`. Caller: REGISTRAR_ROLE.
   * @returns `{ hash, receipt, projectId }`.
   * @throws {@link InvalidArgumentError} on a malformed owner or empty name, before any call;
   * `RegistryEmptyField` / `RegistryFieldTooLong` / `AccessControlUnauthorizedAccount` errors from the contract.
   */
  async registerProject(input: ProjectInput, options?: WriteOptions): Promise<TxResult<{ projectId: bigint }>> {
    const args = projectInputStruct(input);
    return this.write("registerProject", this.contract.registerProject, [args], (r) => ({
      projectId: this.event(r, "ProjectRegistered").projectId as bigint,
    }), options);
  }

  /**
   * Adds a vintage batch to a `Pending` or `Approved` project, kept in vintage order. Caller: REGISTRAR_ROLE.
   * @returns `{ hash, receipt, batchId }` (the batch id is the ERC-1155 token id).
   * @throws {@link InvalidArgumentError} (totalSupply ≤ 0, bad dates, end before start) before any call;
   * `RegistryInvalidVintage`, `RegistryDuplicateSerial`, `RegistryBatchCapReached`, … from the contract.
   */
  async addBatch(projectId: bigint | number, input: BatchInput, options?: WriteOptions): Promise<TxResult<{ batchId: bigint }>> {
    const id = check.unsigned("projectId", projectId);
    const startDate = check.unixSeconds("input.startDate", input.startDate);
    const endDate = check.unixSeconds("input.endDate", input.endDate);
    if (endDate < startDate) throw new InvalidArgumentError("input.endDate", input.endDate, "is before input.startDate");
    const args: IProjectRegistry.BatchInputStruct = {
      serial: check.nonEmpty("input.serial", input.serial),
      vintage: check.unsigned("input.vintage", input.vintage, 32),
      startDate,
      endDate,
      totalSupply: check.positive("input.totalSupply", input.totalSupply),
    };
    return this.write("addBatch", this.contract.addBatch, [id, args], (r) => ({
      batchId: this.event(r, "BatchAdded").batchId as bigint,
    }), options);
  }

  /** `Pending → Approved`. Caller: VERIFIER_ROLE. @throws `RegistryInvalidStatusTransitionError` from any other status. */
  async approveProject(projectId: bigint | number, options?: WriteOptions): Promise<TxResult> {
    return this.write("approveProject", this.contract.approveProject, [check.unsigned("projectId", projectId)], undefined, options);
  }

  /** `Pending → Rejected` (final), with a reason. Caller: VERIFIER_ROLE. */
  async rejectProject(projectId: bigint | number, reason: string, options?: WriteOptions): Promise<TxResult> {
    return this.write("rejectProject", this.contract.rejectProject, [check.unsigned("projectId", projectId), reason], undefined, options);
  }

  /** `Approved → Suspended` (stops minting and new listings), with a reason. Caller: VERIFIER_ROLE. */
  async suspendProject(projectId: bigint | number, reason: string, options?: WriteOptions): Promise<TxResult> {
    return this.write("suspendProject", this.contract.suspendProject, [check.unsigned("projectId", projectId), reason], undefined, options);
  }

  /** `Suspended → Approved`. Caller: VERIFIER_ROLE. */
  async reinstateProject(projectId: bigint | number, options?: WriteOptions): Promise<TxResult> {
    return this.write("reinstateProject", this.contract.reinstateProject, [check.unsigned("projectId", projectId)], undefined, options);
  }

  /** `Approved | Suspended → Deactivated` (final), with a reason. Caller: VERIFIER_ROLE. */
  async deactivateProject(projectId: bigint | number, reason: string, options?: WriteOptions): Promise<TxResult> {
    return this.write("deactivateProject", this.contract.deactivateProject, [check.unsigned("projectId", projectId), reason], undefined, options);
  }

  /** Sets a project's metadata URI. Caller: REGISTRAR_ROLE. */
  async setProjectURI(projectId: bigint | number, uri: string, options?: WriteOptions): Promise<TxResult> {
    return this.write("setProjectURI", this.contract.setProjectURI, [check.unsigned("projectId", projectId), uri], undefined, options);
  }
}


/**
 * Checks a {@link ProjectInput} and converts it to the contract's `ProjectInput` struct (uri default
 * "", estimatedCredits default 0 grams). Used by `registry.registerProject` and
 * `pool.registerPoolProject`.
 * @throws {@link InvalidArgumentError} naming `input.owner`, `input.name` or `input.estimatedCredits`.
 */
export function projectInputStruct(input: ProjectInput): IProjectRegistry.ProjectInputStruct {
  return {
    owner: check.address("input.owner", input.owner),
    name: check.nonEmpty("input.name", input.name),
    standard: input.standard,
    methodology: input.methodology,
    country: input.country,
    uri: input.uri ?? "",
    estimatedCredits: check.unsigned("input.estimatedCredits", input.estimatedCredits ?? 0n, 128),
  };
}

/** Converts the contract's project struct. */
function toProject(id: bigint, p: IProjectRegistry.ProjectStructOutput): Project {
  return {
    id,
    owner: p.owner,
    status: STATUS_NAMES[Number(p.status)],
    createdAt: p.createdAt,
    issuanceCursor: Number(p.issuanceCursor),
    estimatedCredits: p.estimatedCredits,
    name: p.name,
    standard: p.standard,
    methodology: p.methodology,
    country: p.country,
    uri: p.uri,
  };
}

/** Converts the contract's batch struct. */
function toBatch(id: bigint, b: IProjectRegistry.BatchStructOutput): Batch {
  return {
    id,
    projectId: b.projectId,
    minted: b.minted,
    retired: b.retired,
    supplyCap: b.totalSupply,
    totalSupply: b.totalSupply,
    circulating: b.minted - b.retired,
    remaining: b.totalSupply - b.minted,
    vintage: Number(b.vintage),
    startDate: b.startDate,
    endDate: b.endDate,
    serial: b.serial,
  };
}
