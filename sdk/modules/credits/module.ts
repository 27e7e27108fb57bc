/**
 * `credits` — ERC-1155 vintage credits (`CarbonCredits`): balances, transfers, mint, retire, retirement records.
 *
 * Token id = batch id of the registry. Amounts are integer grams CO2e (1 credit = 1 tCO2e =
 * 1,000,000 units); times are unix seconds. Retirement is the only burn and leaves a record.
 */
import { Contract, ZeroAddress, type TransactionReceipt } from "ethers";
import type { CarbonCredits, ProjectRegistry } from "../../../typechain-types";
import { InvalidArgumentError, OpenTonneError } from "../../errors/base";
import { ProjectRegistryAbi } from "../../generated/abis";
import type { Context } from "../../internal/context";
import { blockTimestamps } from "../../internal/logs";
import { Module, type TxResult, type WriteOptions } from "../../internal/module";
import * as check from "../../internal/validate";
import type { LogPosition, Unsubscribe, WatchOptions } from "../../internal/watch";
import { retiredFromReceipt, text, toDetails, toRecord } from "./retirement";
import { USE_REASON, type BatchAmount, type ProjectBalance, type Retirement, type RetirementDetailsInput, type RetirementFilter, type RetirementRecord, type RetireResult, type TransferOptions, type VintageBalance } from "./types";

const RETIREMENT_FILTER_KEYS = ["account", "beneficiary", "fromBlock", "toBlock"] as const;

/** The `credits` module: see the file header. */
export class CreditsModule extends Module<CarbonCredits> {
  private readonly registry: ProjectRegistry;

  /** @param ctx shared connection; @param contract the CarbonCredits contract; @param name module name. */
  constructor(ctx: Context, contract: CarbonCredits, name: string) {
    super(ctx, contract, name);
    this.registry = new Contract(ctx.addresses.registry, ProjectRegistryAbi as never, ctx.runner) as unknown as ProjectRegistry;
  }

  // ───────────── reads ─────────────

  /** Units (grams CO2e) of batch `batchId` held by `account`. @throws {@link InvalidArgumentError} on a malformed address. */
  async balanceOf(account: string, batchId: bigint | number): Promise<bigint> {
    const who = check.address("account", account);
    const id = check.unsigned("batchId", batchId);
    return this.read("balanceOf", () => this.contract.balanceOf(who, id));
  }

  /**
   * `account`'s balances of the given batches, in the order given (zeros included), in one call
   * (`balanceOfBatch`).
   */
  async holdings(account: string, batchIds: readonly (bigint | number)[]): Promise<BatchAmount[]> {
    const who = check.address("account", account);
    if (!Array.isArray(batchIds)) throw new InvalidArgumentError("batchIds", batchIds, "expected an array");
    const ids = batchIds.map((id, i) => check.unsigned(`batchIds[${i}]`, id));
    if (ids.length === 0) return [];
    const amounts = await this.read("holdings", () => this.contract.balanceOfBatch(ids.map(() => who), ids));
    return ids.map((batchId, i) => ({ batchId, amount: amounts[i] }));
  }

  /**
   * `account`'s non-zero balances in project `projectId`, grouped by vintage, oldest first.
   * @throws `RegistryUnknownProjectError` when the project does not exist.
   */
  async balancesOfProject(account: string, projectId: bigint | number): Promise<ProjectBalance> {
    const who = check.address("account", account);
    const pid = check.unsigned("projectId", projectId);
    const [batchIds, amounts] = await this.read("balancesOfProject", () => this.contract.balancesOfProject(who, pid));
    const batches = batchIds.length === 0 ? [] : await this.read("balancesOfProject", () => this.registry.getBatches([...batchIds]));
    const vintages: VintageBalance[] = [];
    let total = 0n;
    batchIds.forEach((batchId, i) => {
      const vintage = Number(batches[i].vintage);
      const amount = amounts[i];
      total += amount;
      const last = vintages[vintages.length - 1];
      if (last && last.vintage === vintage) {
        vintages[vintages.length - 1] = { vintage, amount: last.amount + amount, batches: [...last.batches, { batchId, amount }] };
      } else {
        vintages.push({ vintage, amount, batches: [{ batchId, amount }] });
      }
    });
    return { projectId: pid, account: who, total, vintages };
  }

  /**
   * Units of batch `batchId` in circulation (`minted − retired`, = the sum of all balances); 0 for
   * an unknown id. The ERC-1155 `totalSupply(id)` — NOT the batch's issuance cap, which is
   * `registry.getBatch(id).supplyCap`. Same as {@link CreditsModule.circulatingSupply}.
   */
  async totalSupply(batchId: bigint | number): Promise<bigint> {
    const id = check.unsigned("batchId", batchId);
    return this.read("totalSupply", () => this.contract.totalSupply(id));
  }

  /** Grams CO2e of batch `batchId` in circulation (`minted − retired`): {@link CreditsModule.totalSupply} under an unambiguous name. */
  async circulatingSupply(batchId: bigint | number): Promise<bigint> {
    return this.totalSupply(batchId);
  }

  /** Number of retirements; ids run from 1 to this number. */
  async retirementCount(): Promise<bigint> {
    return this.read("retirementCount", () => this.contract.retirementCount());
  }

  /**
   * The stored retirement record `retirementId` (account, beneficiary, amount, time).
   * @throws `CarbonCreditsUnknownRetirementError` when no retirement has this id.
   */
  async getRetirement(retirementId: bigint | number): Promise<Retirement> {
    const id = check.unsigned("retirementId", retirementId);
    const r = await this.read("getRetirement", () => this.contract.getRetirement(id));
    return { id, account: r.account, beneficiary: r.beneficiary, amount: r.amount, timestamp: r.timestamp };
  }

  /**
   * The retirement with its texts, operator and per-batch breakdown, read from its `Retired` event
   * (searched from the deployment block).
   * @throws `CarbonCreditsUnknownRetirementError` when no retirement has this id.
   */
  async getRetirementRecord(retirementId: bigint | number): Promise<RetirementRecord> {
    const stored = await this.getRetirement(retirementId);
    const logs = await this.queryEvents("getRetirementRecord", this.contract.filters.Retired(stored.id));
    if (logs.length === 0) {
      throw new OpenTonneError(`credits.getRetirementRecord: no Retired event for retirement ${stored.id} since block ${this.ctx.addresses.deploymentBlock}`);
    }
    return toRecord(logs[0], stored);
  }

  /**
   * Retirement records matching `filter` (by holder and/or beneficiary), oldest first, from `Retired`
   * events. The record's `timestamp` is its block's time (what the contract stores); the blocks' headers
   * are fetched in JSON-RPC batches (see `blockTimestamps`), not one call per record.
   * @throws {@link InvalidArgumentError} for a key `filter` does not have (e.g. `holder` for `account`) or a malformed address.
   */
  async findRetirements(filter: RetirementFilter = {}): Promise<RetirementRecord[]> {
    check.knownKeys("filter", filter, RETIREMENT_FILTER_KEYS);
    const account = filter.account === undefined ? undefined : check.address("filter.account", filter.account);
    const beneficiary = filter.beneficiary === undefined ? undefined : check.address("filter.beneficiary", filter.beneficiary);
    const logs = await this.queryEvents("findRetirements", this.contract.filters.Retired(undefined, account, beneficiary), filter.fromBlock, filter.toBlock);
    const times = await blockTimestamps(this.ctx.provider, logs.map((l) => l.blockNumber));
    return logs.map((log) => {
      const a = log.args;
      return toRecord(log, { id: a.retirementId, account: a.account, beneficiary: a.beneficiary, amount: a.amount, timestamp: BigInt(times.get(log.blockNumber)!) });
    });
  }

  /**
   * Calls `listener` with every new retirement (from the `Retired` event: id, holder, beneficiary,
   * operator, grams, per-batch breakdown, details), optionally only of `account` / `beneficiary`,
   * polling the RPC (works over HTTP). @returns the unsubscribe function.
   */
  watchRetirements(
    listener: (retirement: Omit<RetirementRecord, "timestamp" | "blockNumber" | "transactionHash"> & LogPosition) => void,
    options: WatchOptions & Pick<RetirementFilter, "account" | "beneficiary"> = {},
  ): Unsubscribe {
    const account = options.account === undefined ? undefined : check.address("options.account", options.account);
    const beneficiary = options.beneficiary === undefined ? undefined : check.address("options.beneficiary", options.beneficiary);
    return this.watchEvents("watchRetirements", this.contract.filters.Retired(undefined, account, beneficiary), (log) => {
      const { timestamp: _t, blockNumber: _b, transactionHash: _h, ...rest } = toRecord(log, { timestamp: 0n } as Retirement);
      return rest;
    }, listener, options);
  }

  /**
   * The batches a project-level retirement of `amount` by `holder` would burn now, oldest vintage first.
   * @throws `CarbonCreditsInsufficientProjectBalanceError` (holder has less), `RegistryUnknownProjectError`;
   * {@link InvalidArgumentError} when `amount` ≤ 0.
   */
  async previewRetireProject(holder: string, projectId: bigint | number, amount: bigint): Promise<BatchAmount[]> {
    const who = check.address("holder", holder);
    const pid = check.unsigned("projectId", projectId);
    const value = check.positive("amount", amount);
    const [batchIds, amounts] = await this.read("previewRetireProject", () => this.contract.previewRetireProject(who, pid, value));
    return batchIds.map((batchId, i) => ({ batchId, amount: amounts[i] }));
  }

  /** Whether `operator` may transfer and retire all of `account`'s credits. */
  async isApprovedForAll(account: string, operator: string): Promise<boolean> {
    const who = check.address("account", account);
    const op = check.address("operator", operator);
    return this.read("isApprovedForAll", () => this.contract.isApprovedForAll(who, op));
  }

  /**
   * Metadata URI of batch `batchId`: base URI + the batch's URI if set, else the default URI. With
   * `{ resolve: true }`, an EIP-1155 `{id}` placeholder is replaced by the id as 64 lowercase hex digits.
   */
  async uri(batchId: bigint | number, options: { resolve?: boolean } = {}): Promise<string> {
    const id = check.unsigned("batchId", batchId);
    const value = await this.read("uri", () => this.contract.uri(id));
    return options.resolve ? value.replaceAll("{id}", id.toString(16).padStart(64, "0")) : value;
  }

  /** Whether mints, transfers and retirements are paused. */
  async paused(): Promise<boolean> {
    return this.read("paused", () => this.contract.paused());
  }

  // ───────────── issuance (ISSUER_ROLE) ─────────────

  /**
   * Mints `amount` grams CO2e of batch `batchId` to `to`. Caller: ISSUER_ROLE. Not while paused.
   * @returns `{ hash, receipt }`.
   * @throws {@link InvalidArgumentError} (malformed `to`, amount ≤ 0) before any call;
   * `RegistryUnknownBatchError`, `RegistryProjectNotApprovedError`, `RegistryExceedsBatchSupplyError`,
   * `ERC1155InvalidReceiverError`, `EnforcedPauseError`, `AccessControlUnauthorizedAccountError`.
   */
  async mint(to: string, batchId: bigint | number, amount: bigint, options?: WriteOptions): Promise<TxResult> {
    const args = [check.address("to", to), check.unsigned("batchId", batchId), check.positive("amount", amount)];
    return this.write("mint", this.contract.mint, args, undefined, options);
  }

  /**
   * Mints `amount` grams CO2e of project `projectId` to `to`, oldest vintage with remaining supply
   * first, spilling into later vintages (seed 001). Caller: ISSUER_ROLE. Not while paused.
   * @returns `{ hash, receipt, minted }`: the batches minted from, oldest vintage first.
   * @throws {@link InvalidArgumentError} before any call; `RegistryUnknownProjectError`,
   * `RegistryProjectNotApprovedError`, `RegistryExceedsProjectSupplyError`, `EnforcedPauseError`,
   * `AccessControlUnauthorizedAccountError`.
   */
  async mintProject(to: string, projectId: bigint | number, amount: bigint, options?: WriteOptions): Promise<TxResult<{ minted: BatchAmount[] }>> {
    const args = [check.address("to", to), check.unsigned("projectId", projectId), check.positive("amount", amount)];
    return this.write("mintProject", this.contract.mintProject, args, (r) => ({ minted: this.transfers(r, ZeroAddress) }), options);
  }

  // ───────────── transfers and approvals (holders) ─────────────

  /**
   * Sends `amount` grams CO2e of batch `batchId` from the signer to `to` (`safeTransferFrom`). Not while paused.
   * @throws {@link InvalidArgumentError} before any call; `ERC1155InsufficientBalanceError`,
   * `ERC1155InvalidReceiverError` (zero address or a contract that rejects), `EnforcedPauseError`.
   */
  async transfer(to: string, batchId: bigint | number, amount: bigint, options: TransferOptions = {}): Promise<TxResult> {
    const recipient = check.address("to", to);
    const id = check.unsigned("batchId", batchId);
    const value = check.positive("amount", amount);
    const from = await this.sender("transfer", options);
    return this.write("transfer", this.contract.safeTransferFrom, [from, recipient, id, value, data(options)], undefined, options);
  }

  /**
   * Sends `amount` of batch `batchId` from `from` to `to`, as `from`'s approved operator (`safeTransferFrom`).
   * @throws as {@link CreditsModule.transfer}, plus `ERC1155MissingApprovalForAllError`.
   */
  async transferFrom(from: string, to: string, batchId: bigint | number, amount: bigint, options: TransferOptions = {}): Promise<TxResult> {
    const args = [check.address("from", from), check.address("to", to), check.unsigned("batchId", batchId), check.positive("amount", amount), data(options)];
    return this.write("transferFrom", this.contract.safeTransferFrom, args, undefined, options);
  }

  /**
   * Sends several batches from the signer to `to` in one transaction (`safeBatchTransferFrom`).
   * @param items `{ batchId, amount }` pairs, at least one, each amount > 0.
   * @throws as {@link CreditsModule.transfer}.
   */
  async transferBatch(to: string, items: readonly BatchAmount[], options: TransferOptions = {}): Promise<TxResult> {
    const recipient = check.address("to", to);
    if (!Array.isArray(items) || items.length === 0) throw new InvalidArgumentError("items", items, "expected at least one { batchId, amount }");
    const ids = items.map((item, i) => check.unsigned(`items[${i}].batchId`, item.batchId));
    const amounts = items.map((item, i) => check.positive(`items[${i}].amount`, item.amount));
    const from = await this.sender("transferBatch", options);
    return this.write("transferBatch", this.contract.safeBatchTransferFrom, [from, recipient, ids, amounts, data(options)], undefined, options);
  }

  /**
   * Lets `operator` transfer and retire all the signer's credits (`approved = true`) or revokes it.
   * The marketplace needs this before a proposal or listing (see `market`'s `{ approve: true }`).
   * @throws `ERC1155InvalidOperatorError` (zero operator).
   */
  async setApprovalForAll(operator: string, approved: boolean, options?: WriteOptions): Promise<TxResult> {
    if (typeof approved !== "boolean") throw new InvalidArgumentError("approved", approved, "expected a boolean");
    return this.write("setApprovalForAll", this.contract.setApprovalForAll, [check.address("operator", operator), approved], undefined, options);
  }

  // ───────────── retirement (holder or its approved operator) ─────────────

  /**
   * Retires (burns) `amount` grams CO2e of batch `batchId` held by the signer and stores a record.
   * `details.beneficiary` defaults to the signer. Works whatever the project's status; not while paused.
   * @returns `{ hash, receipt, retirementId, amount, batches }` from the `Retired` event.
   * @throws {@link InvalidArgumentError} (amount ≤ 0, malformed beneficiary, text over 256 bytes)
   * before any call; `ERC1155InsufficientBalanceError`, `EnforcedPauseError`.
   */
  async retire(batchId: bigint | number, amount: bigint, details: RetirementDetailsInput = {}, options?: WriteOptions): Promise<TxResult<RetireResult>> {
    const from = await this.sender("retire", options);
    return this.retireAs("retire", from, batchId, amount, details, options);
  }

  /**
   * Retires `amount` of batch `batchId` held by `holder`, as the holder's approved operator (e.g. a
   * broker retiring for a client); `details.beneficiary` defaults to the holder.
   * @throws as {@link CreditsModule.retire}, plus `ERC1155MissingApprovalForAllError` when the signer is not `holder`'s operator.
   */
  async retireFrom(holder: string, batchId: bigint | number, amount: bigint, details: RetirementDetailsInput = {}, options?: WriteOptions): Promise<TxResult<RetireResult>> {
    return this.retireAs("retireFrom", check.address("holder", holder), batchId, amount, details, options);
  }

  /**
   * Retires `amount` of project `projectId` held by the signer, oldest vintage first (seed 001), as
   * ONE retirement record with the per-batch breakdown (see {@link CreditsModule.previewRetireProject}).
   * @returns `{ hash, receipt, retirementId, amount, batches }`.
   * @throws {@link InvalidArgumentError} before any call; `CarbonCreditsInsufficientProjectBalanceError`,
   * `RegistryUnknownProjectError`, `EnforcedPauseError`.
   */
  async retireProject(projectId: bigint | number, amount: bigint, details: RetirementDetailsInput = {}, options?: WriteOptions): Promise<TxResult<RetireResult>> {
    const from = await this.sender("retireProject", options);
    return this.retireProjectAs("retireProject", from, projectId, amount, details, options);
  }

  /** {@link CreditsModule.retireProject} for `holder`, as its approved operator. @throws also `ERC1155MissingApprovalForAllError`. */
  async retireProjectFrom(holder: string, projectId: bigint | number, amount: bigint, details: RetirementDetailsInput = {}, options?: WriteOptions): Promise<TxResult<RetireResult>> {
    return this.retireProjectAs("retireProjectFrom", check.address("holder", holder), projectId, amount, details, options);
  }

  /**
   * "Use" credits (seed 000): a retirement of the signer's batch `batchId` for an offset claim. Same
   * as {@link CreditsModule.retire} with `details.reason` defaulting to {@link USE_REASON}
   * (`"offset claim"`); there is no separate on-chain "use".
   */
  async use(batchId: bigint | number, amount: bigint, details: RetirementDetailsInput = {}, options?: WriteOptions): Promise<TxResult<RetireResult>> {
    const from = await this.sender("use", options);
    return this.retireAs("use", from, batchId, amount, { ...details, reason: details.reason ?? USE_REASON }, options);
  }

  /** "Use" credits of a project, oldest vintage first: {@link CreditsModule.retireProject} with `reason` defaulting to {@link USE_REASON}. */
  async useProject(projectId: bigint | number, amount: bigint, details: RetirementDetailsInput = {}, options?: WriteOptions): Promise<TxResult<RetireResult>> {
    const from = await this.sender("useProject", options);
    return this.retireProjectAs("useProject", from, projectId, amount, { ...details, reason: details.reason ?? USE_REASON }, options);
  }

  // ───────────── admin ─────────────

  /** Sets batch `batchId`'s metadata URI (appended to the base URI). Caller: METADATA_ROLE. @throws `RegistryUnknownBatchError`. */
  async setBatchURI(batchId: bigint | number, uri: string, options?: WriteOptions): Promise<TxResult> {
    return this.write("setBatchURI", this.contract.setBatchURI, [check.unsigned("batchId", batchId), text("uri", uri)], undefined, options);
  }

  /** Sets the base URI prepended to per-batch URIs. Caller: METADATA_ROLE. */
  async setBaseURI(baseURI: string, options?: WriteOptions): Promise<TxResult> {
    return this.write("setBaseURI", this.contract.setBaseURI, [text("baseURI", baseURI)], undefined, options);
  }

  /** Sets the default URI (EIP-1155 `{id}` form) of batches without their own. Caller: METADATA_ROLE. */
  async setDefaultURI(defaultURI: string, options?: WriteOptions): Promise<TxResult> {
    return this.write("setDefaultURI", this.contract.setDefaultURI, [text("defaultURI", defaultURI)], undefined, options);
  }

  /** Stops mints, transfers and retirements. Caller: PAUSER_ROLE. @throws `EnforcedPauseError` when already paused. */
  async pause(options?: WriteOptions): Promise<TxResult> {
    return this.write("pause", this.contract.pause, [], undefined, options);
  }

  /** Resumes. Caller: PAUSER_ROLE. @throws `ExpectedPauseError` when not paused. */
  async unpause(options?: WriteOptions): Promise<TxResult> {
    return this.write("unpause", this.contract.unpause, [], undefined, options);
  }

  // ───────────── internals ─────────────

  private async retireAs(
    method: string,
    from: string,
    batchId: bigint | number,
    amount: bigint,
    details: RetirementDetailsInput,
    options?: WriteOptions,
  ): Promise<TxResult<RetireResult>> {
    const args = [from, check.unsigned("batchId", batchId), check.positive("amount", amount), toDetails(details, from)];
    return this.write(method, this.contract.retire, args, (r) => this.retired(r), options);
  }

  private async retireProjectAs(
    method: string,
    from: string,
    projectId: bigint | number,
    amount: bigint,
    details: RetirementDetailsInput,
    options?: WriteOptions,
  ): Promise<TxResult<RetireResult>> {
    const args = [from, check.unsigned("projectId", projectId), check.positive("amount", amount), toDetails(details, from)];
    return this.write(method, this.contract.retireProject, args, (r) => this.retired(r), options);
  }

  private retired(receipt: TransactionReceipt): RetireResult {
    return retiredFromReceipt(this.contract.interface, this.ctx.addresses.credits, receipt);
  }

  /** The TransferSingle / TransferBatch amounts of `receipt` whose `from` is `from`. */
  private transfers(receipt: TransactionReceipt, from: string): BatchAmount[] {
    const out: BatchAmount[] = [];
    for (const e of this.events(receipt, "TransferSingle")) {
      if (e.from === from) out.push({ batchId: e.id as bigint, amount: e.value as bigint });
    }
    for (const e of this.events(receipt, "TransferBatch")) {
      if (e.from !== from) continue;
      const ids = e.ids as bigint[];
      const values = e[4] as bigint[]; // `values` clashes with Result.values()
      ids.forEach((batchId, i) => out.push({ batchId, amount: values[i] }));
    }
    return out;
  }
}

function data(options: TransferOptions): string {
  const value = options.data ?? "0x";
  if (typeof value !== "string" || !/^0x([0-9a-fA-F]{2})*$/.test(value)) throw new InvalidArgumentError("options.data", value, "expected 0x-prefixed hex bytes");
  return value;
}
