/**
 * `history` — what happened, rebuilt from the contracts' events: an account's transactions, daily
 * price candles per batch, a pool period's leaderboard, the oracle fleet's report summary.
 *
 * Every query scans the logs from the deployment block (`addresses.deploymentBlock`) to the latest
 * block, `chunkSize` blocks per `eth_getLogs` call, and reports progress (see {@link HistoryOptions}).
 * Amounts are integer grams CO2e (1 credit = 1,000,000); prices are per whole credit in the payment
 * token's smallest unit; times are unix seconds (UTC); days are UTC day numbers (days since 1970-01-01).
 */
import { Contract, ZeroAddress, type EventLog } from "ethers";
import type { CarbonCredits, CarbonPool, CreditMarketplace, MRVOracle } from "../../../typechain-types";
import { CarbonCreditsAbi, CarbonPoolAbi, CreditMarketplaceAbi, MRVOracleAbi } from "../../generated/abis";
import { InvalidArgumentError } from "../../errors/base";
import type { Context } from "../../internal/context";
import { blockTimestamps, logKey, resolveRange, scanLogs, type LogQuery } from "../../internal/logs";
import { ALLOCATION_METHODS, shareDown, type ClosedPeriodTotals } from "../../internal/pool-share";
import * as check from "../../internal/validate";
import { ACCOUNT_TX_KINDS, type AccountTransaction, type AccountTransactionsOptions, type AccountTxKind, type FleetSummary, type FleetSummaryOptions, type PoolLeaderboard, type PoolLeaderboardOptions, type PriceHistoryOptions, type PriceSeries, type ReportTotals } from "./types";

const SECONDS_PER_DAY = 86_400;
const REPORT_STATUSES = ["None", "Verified", "Flagged", "Pending"] as const;

/** The `history` module: see the file header. Read-only; works with a Provider or a Signer. */
export class HistoryModule {
  private readonly credits: CarbonCredits;
  private readonly market: CreditMarketplace;
  private readonly pool: CarbonPool;
  private readonly oracle: MRVOracle;

  /** @param ctx the connection shared with the other modules. */
  constructor(private readonly ctx: Context) {
    const at = <C>(address: string, abi: readonly unknown[]) => new Contract(address, abi as never, ctx.provider) as unknown as C;
    this.credits = at<CarbonCredits>(ctx.addresses.credits, CarbonCreditsAbi);
    this.market = at<CreditMarketplace>(ctx.addresses.market, CreditMarketplaceAbi);
    this.pool = at<CarbonPool>(ctx.addresses.pool, CarbonPoolAbi);
    this.oracle = at<MRVOracle>(ctx.addresses.oracle, MRVOracleAbi);
  }

  /**
   * An account's transactions, newest first: mints, transfers in and out, retirements, marketplace
   * trades and pool claims (see {@link AccountTransaction}), each with block, time and transaction hash.
   * @throws {@link InvalidArgumentError} on a malformed account, kind or range, before any call.
   */
  async accountTransactions(account: string, options: AccountTransactionsOptions = {}): Promise<AccountTransaction[]> {
    const who = check.address("account", account);
    const kinds = new Set<AccountTxKind>(options.kinds ?? ACCOUNT_TX_KINDS);
    for (const kind of kinds) {
      if (!(ACCOUNT_TX_KINDS as readonly string[]).includes(kind)) {
        throw new InvalidArgumentError("kinds", kind, `expected some of ${ACCOUNT_TX_KINDS.join(", ")}`);
      }
    }
    const range = await resolveRange(this.ctx.provider, this.ctx.addresses.deploymentBlock, options);
    const transfers = kinds.has("mint") || kinds.has("transferIn") || kinds.has("transferOut");
    const queries: Array<[string, LogQuery]> = [];
    const c = this.credits;
    if (transfers) {
      queries.push(["transfer", { contract: c, filter: c.filters.TransferSingle(undefined, who) }]);
      queries.push(["transfer", { contract: c, filter: c.filters.TransferSingle(undefined, undefined, who) }]);
      queries.push(["transfer", { contract: c, filter: c.filters.TransferBatch(undefined, who) }]);
      queries.push(["transfer", { contract: c, filter: c.filters.TransferBatch(undefined, undefined, who) }]);
    }
    if (kinds.has("retirement")) queries.push(["retirement", { contract: c, filter: c.filters.Retired(undefined, who) }]);
    if (kinds.has("trade")) {
      queries.push(["trade", { contract: this.market, filter: this.market.filters.Trade(undefined, who) }]);
      queries.push(["trade", { contract: this.market, filter: this.market.filters.Trade(undefined, undefined, who) }]);
    }
    if (kinds.has("claim")) queries.push(["claim", { contract: this.pool, filter: this.pool.filters.AllocationClaimed(undefined, who) }]);

    const results = await scanLogs("history.accountTransactions", queries.map(([, q]) => q), range, options.onProgress);
    const seen = new Set<string>();
    const logs: EventLog[] = [];
    for (const list of results) {
      for (const log of list) {
        const key = logKey(log);
        if (seen.has(key)) continue;
        seen.add(key);
        logs.push(log);
      }
    }
    const times = await blockTimestamps(this.ctx.provider, logs.map((l) => l.blockNumber));
    const out: Array<AccountTransaction & { sub: number }> = [];
    const same = (a: string) => a.toLowerCase() === who.toLowerCase();
    for (const log of logs) {
      const base = { blockNumber: log.blockNumber, timestamp: times.get(log.blockNumber)!, transactionHash: log.transactionHash, logIndex: log.index };
      const a = log.args;
      switch (log.eventName) {
        case "TransferSingle":
        case "TransferBatch": {
          // TransferSingle(operator, from, to, id, value) / TransferBatch(operator, from, to, ids, values);
          // by position: `values` is also a method of ethers' Result.
          const ids: bigint[] = log.eventName === "TransferSingle" ? [a[3]] : [...a[3]];
          const values: bigint[] = log.eventName === "TransferSingle" ? [a[4]] : [...a[4]];
          const from = a.from as string;
          const to = a.to as string;
          ids.forEach((batchId, sub) => {
            const amount = values[sub];
            const move = { ...base, batchId, amount, operator: a.operator as string, sub };
            // Burns are retirements (the only burn); the Retired event reports them with their details.
            if (from === ZeroAddress) {
              if (same(to) && kinds.has("mint")) out.push({ ...move, kind: "mint" });
              return;
            }
            if (to === ZeroAddress) return;
            if (same(from) && kinds.has("transferOut")) out.push({ ...move, kind: "transferOut", to });
            if (same(to) && kinds.has("transferIn")) out.push({ ...move, kind: "transferIn", from });
          });
          break;
        }
        case "Retired": {
          const d = a.details;
          const batchIds: bigint[] = [...a.batchIds];
          batchIds.forEach((batchId, sub) => {
            out.push({
              ...base,
              sub,
              kind: "retirement",
              batchId,
              amount: a.amounts[sub] as bigint,
              retirementId: a.retirementId as bigint,
              totalAmount: a.amount as bigint,
              operator: a.operator as string,
              beneficiary: d.beneficiary as string,
              beneficiaryName: d.beneficiaryName as string,
              reason: d.reason as string,
              referenceId: d.referenceId as string,
              consumptionCountry: d.consumptionCountry as string,
            });
          });
          break;
        }
        case "Trade": {
          const buy = same(a.buyer);
          out.push({
            ...base,
            sub: 0,
            kind: "trade",
            side: buy ? "buy" : "sell",
            counterparty: buy ? a.seller : a.buyer,
            batchId: a.batchId as bigint,
            amount: a.amount as bigint,
            paymentToken: a.paymentToken as string,
            pricePerCredit: a.pricePerCredit as bigint,
            cost: a.cost as bigint,
            fee: a.fee as bigint,
            tradeKind: Number(a.kind) === 0 ? "Award" : "Listing",
            refId: a.refId as bigint,
          });
          break;
        }
        case "AllocationClaimed":
          out.push({ ...base, sub: 0, kind: "claim", periodId: a.periodId as bigint, batchId: a.batchId as bigint, amount: a.amount as bigint });
          break;
      }
    }
    out.sort((x, y) => y.blockNumber - x.blockNumber || y.logIndex - x.logIndex || x.sub - y.sub);
    return withoutPurchaseTransfers(out, this.ctx.addresses.market).map(({ sub: _sub, ...tx }) => tx as AccountTransaction);
  }

  /**
   * Daily (UTC) open / high / low / close / volume of a batch's marketplace trades (tender awards and
   * listing fills, from the `Trade` events), one series per payment token (ordered by token address),
   * candles oldest first. Prices are per whole credit in the token's smallest unit; volume is grams.
   * @throws {@link InvalidArgumentError} on a bad batch id, token or range, before any call.
   */
  async priceHistory(batchId: bigint | number, options: PriceHistoryOptions = {}): Promise<PriceSeries[]> {
    const id = check.unsigned("batchId", batchId);
    const token = options.paymentToken === undefined ? undefined : check.address("paymentToken", options.paymentToken);
    const range = await resolveRange(this.ctx.provider, this.ctx.addresses.deploymentBlock, options);
    const [trades] = await scanLogs(
      "history.priceHistory",
      [{ contract: this.market, filter: this.market.filters.Trade(id) }],
      range,
      options.onProgress,
    );
    const selected = token === undefined ? trades : trades.filter((l) => (l.args.paymentToken as string).toLowerCase() === token.toLowerCase());
    const times = await blockTimestamps(this.ctx.provider, selected.map((l) => l.blockNumber));
    const series = new Map<string, Map<number, { open: bigint; high: bigint; low: bigint; close: bigint; volume: bigint; cost: bigint; trades: number }>>();
    for (const log of selected) {
      const paymentToken = log.args.paymentToken as string;
      const price = log.args.pricePerCredit as bigint;
      const day = Math.floor(times.get(log.blockNumber)! / SECONDS_PER_DAY);
      let days = series.get(paymentToken);
      if (!days) series.set(paymentToken, (days = new Map()));
      const candle = days.get(day);
      if (!candle) {
        days.set(day, { open: price, high: price, low: price, close: price, volume: log.args.amount, cost: log.args.cost, trades: 1 });
      } else {
        if (price > candle.high) candle.high = price;
        if (price < candle.low) candle.low = price;
        candle.close = price;
        candle.volume += log.args.amount as bigint;
        candle.cost += log.args.cost as bigint;
        candle.trades += 1;
      }
    }
    return [...series.entries()]
      .sort(([a], [b]) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1))
      .map(([paymentToken, days]) => ({
        batchId: id,
        paymentToken,
        candles: [...days.entries()].map(([day, c]) => ({ day, date: utcDate(day), ...c })),
      }));
  }

  /**
   * A pool period's leaderboard, from the pool's events: the top `top` members by reduction (grams
   * counted in the period) and by credits allocated (recomputed exactly as the contract's claim; then
   * by credits claimed).
   * @throws {@link InvalidArgumentError} on a bad period id, `top` or range, before any call.
   */
  async poolLeaderboard(periodId: bigint | number, options: PoolLeaderboardOptions = {}): Promise<PoolLeaderboard> {
    const id = check.unsigned("periodId", periodId);
    const top = options.top ?? 10;
    if (!Number.isSafeInteger(top) || top < 1 || top > 500) throw new InvalidArgumentError("top", top, "expected an integer from 1 to 500");
    const range = await resolveRange(this.ctx.provider, this.ctx.addresses.deploymentBlock, options);
    const p = this.pool;
    const [records, removals, closes, claims] = await scanLogs(
      "history.poolLeaderboard",
      [
        { contract: p, filter: p.filters.ContributionRecorded(id) },
        { contract: p, filter: p.filters.MemberRemoved(undefined, id) },
        { contract: p, filter: p.filters.PeriodClosed(id) },
        { contract: p, filter: p.filters.AllocationClaimed(id) },
      ],
      range,
      options.onProgress,
    );
    type State = { member: string; grams: bigint; score: bigint; eligible: boolean; claimed: bigint; hasClaimed: boolean };
    const members = new Map<string, State>();
    const state = (member: string): State => {
      let s = members.get(member);
      if (!s) members.set(member, (s = { member, grams: 0n, score: 0n, eligible: false, claimed: 0n, hasClaimed: false }));
      return s;
    };
    // Records and removals change a member's grams; replay them in chain order.
    for (const log of [...records, ...removals].sort((x, y) => x.blockNumber - y.blockNumber || x.index - y.index)) {
      const s = state(log.args.member as string);
      if (log.eventName === "ContributionRecorded") {
        s.grams = log.args.memberGrams as bigint;
        s.score = log.args.score as bigint;
        s.eligible = log.args.eligible as boolean;
      } else {
        s.grams = 0n;
        s.eligible = false;
      }
    }
    for (const log of claims) {
      const s = state(log.args.member as string);
      s.claimed += log.args.amount as bigint;
      s.hasClaimed = true;
    }
    const close = closes[0];
    const totals: ClosedPeriodTotals | undefined = close && {
      method: ALLOCATION_METHODS[Number(close.args.method)],
      hybridBps: close.args.hybridBps as bigint,
      credits: close.args.credits as bigint,
      eligibleGrams: close.args.eligibleGrams as bigint,
      eligibleCount: close.args.eligibleCount as bigint,
      weightSum: close.args.weightSum as bigint,
    };
    const entries = [...members.values()].map((s) => ({
      member: s.member,
      grams: s.grams,
      score: Number(s.score),
      eligible: s.eligible,
      allocated: totals && s.eligible ? shareDown(totals, s.grams, s.score) : 0n,
      claimed: s.claimed,
      hasClaimed: s.hasClaimed,
    }));
    const byAddress = (a: { member: string }, b: { member: string }) => (BigInt(a.member) < BigInt(b.member) ? -1 : 1);
    const cmp = (a: bigint, b: bigint) => (a > b ? -1 : a < b ? 1 : 0);
    const rank = <T>(list: T[]) => list.slice(0, top).map((e, i) => ({ rank: i + 1, ...e }));
    const withGrams = entries.filter((e) => e.grams > 0n);
    return {
      periodId: id,
      closed: totals !== undefined,
      method: totals?.method,
      credits: totals?.credits ?? 0n,
      batchId: close ? (close.args.batchId as bigint) : 0n,
      memberCount: withGrams.length,
      totalGrams: withGrams.reduce((sum, e) => sum + e.grams, 0n),
      byReduction: rank(withGrams.sort((a, b) => cmp(a.grams, b.grams) || byAddress(a, b))),
      byCredits: rank(
        entries.filter((e) => e.allocated > 0n || e.claimed > 0n).sort((a, b) => cmp(a.allocated, b.allocated) || cmp(a.claimed, b.claimed) || byAddress(a, b)),
      ),
    };
  }

  /**
   * The oracle fleet's reports (`ReportSubmitted` events) summed per device and for the fleet:
   * verified, flagged and pending device-days, energy (Wh) and CO2 (g). A PENDING day later superseded
   * by a final status (`supersedesPending`) counts once, under its final status.
   * @throws {@link InvalidArgumentError} on a malformed owner, device id, day or range, before any call.
   */
  async fleetSummary(options: FleetSummaryOptions = {}): Promise<FleetSummary> {
    const owner = options.owner === undefined ? undefined : check.address("owner", options.owner);
    const deviceIds = options.deviceIds?.map((d, i) => {
      if (typeof d !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(d)) throw new InvalidArgumentError(`deviceIds[${i}]`, d, "expected a bytes32 hex string");
      return d.toLowerCase();
    });
    const fromDay = options.fromDay === undefined ? undefined : Number(check.unsigned("fromDay", options.fromDay, 32));
    const toDay = options.toDay === undefined ? undefined : Number(check.unsigned("toDay", options.toDay, 32));
    if (deviceIds !== undefined && deviceIds.length === 0) throw new InvalidArgumentError("deviceIds", deviceIds, "must not be empty");
    const range = await resolveRange(this.ctx.provider, this.ctx.addresses.deploymentBlock, options);
    // A topic may be a list of values (any of them): ethers encodes `deviceIds` as one OR-ed topic.
    const [reports] = await scanLogs(
      "history.fleetSummary",
      [{ contract: this.oracle, filter: this.oracle.filters.ReportSubmitted(deviceIds as never, undefined, owner) }],
      range,
      options.onProgress,
    );
    type Mutable = { -readonly [K in keyof ReportTotals]: ReportTotals[K] };
    const zero = (): Mutable => ({ days: 0, energyWh: 0n, co2Grams: 0n });
    const add = (t: Mutable, energyWh: bigint, co2Grams: bigint, sign = 1) => {
      t.days += sign;
      t.energyWh += BigInt(sign) * energyWh;
      t.co2Grams += BigInt(sign) * co2Grams;
    };
    // A PENDING day superseded by a final status counts once, as its final status (logs are in chain order).
    const pendingOf = new Map<string, { energyWh: bigint; co2Grams: bigint }>();
    type Device = { deviceId: string; owner: string; verified: Mutable; flagged: Mutable; pending: Mutable; total: Mutable; firstDay: number; lastDay: number };
    const devices = new Map<string, Device>();
    const fleet = { verified: zero(), flagged: zero(), pending: zero(), total: zero() };
    for (const log of reports) {
      const day = Number(log.args.day);
      if ((fromDay !== undefined && day < fromDay) || (toDay !== undefined && day > toDay)) continue;
      const deviceId = log.args.deviceId as string;
      let d = devices.get(deviceId);
      if (!d) devices.set(deviceId, (d = { deviceId, owner: "", verified: zero(), flagged: zero(), pending: zero(), total: zero(), firstDay: day, lastDay: day }));
      d.owner = log.args.owner as string;
      d.firstDay = Math.min(d.firstDay, day);
      d.lastDay = Math.max(d.lastDay, day);
      const status = REPORT_STATUSES[Number(log.args.status)];
      const energyWh = log.args.energyWh as bigint;
      const co2Grams = log.args.co2Grams as bigint;
      const key = `${deviceId}:${day}`;
      const superseded = log.args.supersedesPending === true ? pendingOf.get(key) : undefined;
      if (superseded) {
        for (const t of [d.pending, d.total, fleet.pending, fleet.total]) add(t, superseded.energyWh, superseded.co2Grams, -1);
        pendingOf.delete(key);
      }
      if (status === "Pending") pendingOf.set(key, { energyWh, co2Grams });
      add(d.total, energyWh, co2Grams);
      add(fleet.total, energyWh, co2Grams);
      if (status === "Verified" || status === "Flagged" || status === "Pending") {
        const key = status === "Verified" ? "verified" : status === "Flagged" ? "flagged" : "pending";
        add(d[key], energyWh, co2Grams);
        add(fleet[key], energyWh, co2Grams);
      }
    }
    return { devices: [...devices.values()].sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1)), ...fleet };
  }
}

/**
 * Drops, for every `trade` entry on the buy side, the `transferIn` from the marketplace that
 * delivered the bought credits in the same transaction (same batch and amount): a purchase is listed
 * once, as its trade. Without `trade` entries (not among the kinds asked for) nothing is dropped.
 */
function withoutPurchaseTransfers<T extends AccountTransaction>(txs: T[], market: string): T[] {
  const key = (t: AccountTransaction) => `${t.transactionHash}:${t.batchId}:${t.amount}`;
  const bought = new Map<string, number>();
  for (const t of txs) if (t.kind === "trade" && t.side === "buy") bought.set(key(t), (bought.get(key(t)) ?? 0) + 1);
  if (bought.size === 0) return txs;
  return txs.filter((t) => {
    if (t.kind !== "transferIn" || t.from.toLowerCase() !== market.toLowerCase()) return true;
    const left = bought.get(key(t)) ?? 0;
    if (left === 0) return true;
    bought.set(key(t), left - 1);
    return false;
  });
}

/** `YYYY-MM-DD` of a UTC day number. */
function utcDate(day: number): string {
  return new Date(day * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10);
}