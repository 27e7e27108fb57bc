import type { Kysely, Updateable } from "kysely";
import type { Signer } from "ethers";
import type { DeviceDayResult, JsonValue } from "../../lib";
import { BatchRevertedError, DEFAULT_BATCH_SIZE, postReports, type DeviceDayRef, type PostSummary } from "../../lib/post";
import type { Database, DeviceDaysTable } from "../db/schema";
import { appendAudit } from "../store/audit";
import { textOrder, writeTransaction } from "../db/open";

/** How the node posts: the posting library's options plus the retry backoff. */
export interface PosterConfig {
  /** MRVOracle address. */
  readonly oracle: string;
  /** Sends and pays for the batches (connected to the RPC provider). */
  readonly relayer: Signer;
  /** The M-of-N oracle signers (each signs every batch, EIP-712). */
  readonly signers: readonly Signer[];
  /** Reports per batch, 1..100 (default 50). */
  readonly batchSize?: number;
  /** Signature validity after the latest block, seconds (default 3600). */
  readonly deadlineSeconds?: number;
  /** Sign and simulate each batch; send nothing (device-days are marked `dry-run`). */
  readonly dryRun?: boolean;
  /** The oracle's deployment block: where postReports starts scanning for the events of days already on-chain (default 0). */
  readonly fromBlock?: number;
  /** First retry delay after a failure, seconds (default 30); doubles per attempt up to maxBackoffS. */
  readonly backoffS?: number;
  /** Longest retry delay, seconds (default 3600). */
  readonly maxBackoffS?: number;
}

/** What one posting pass did (counts of device-days). */
export interface PostPass {
  readonly posted: number;
  readonly alreadyOnChain: number;
  readonly notPostable: number;
  readonly failed: number;
  readonly dryRun: number;
  readonly batches: number;
  /** The errors met (one per failed batch), for logs and metrics. */
  readonly errors: string[];
}

/** Backoff before attempt `attempts + 1`: backoffS × 2^(attempts − 1), capped. */
export function backoffSeconds(attempts: number, backoffS = 30, maxBackoffS = 3600): number {
  return Math.min(maxBackoffS, backoffS * 2 ** Math.max(0, attempts - 1));
}

const key = (r: { deviceId: string; day: number }) => `${r.deviceId}/${r.day}`;

/**
 * Posts the verified device-days waiting for it (`unposted`, or `failed` / `not-postable` whose
 * backoff is over), batch by batch through the posting library's postReports, one call per batch
 * so every device-day's transaction hash is recorded as soon as its batch is mined (state
 * `posted`, the seed's SUBMITTED), with an audit entry `{ type: "post", txHash, … }`.
 *
 * Never posts twice: postReports reads each device-day's on-chain record first and skips what is
 * there (after a crash between sending and recording, those are marked `posted` with the note
 * that the node found them on-chain). A batch that fails (RPC down, a revert) marks its device-days
 * `failed` with the error, the attempt count and the next attempt time (exponential backoff); one
 * the chain would refuse now (e.g. device not registered) is `not-postable` with the reason, retried
 * with the same backoff.
 */
export async function postReadyDays(db: Kysely<Database>, cfg: PosterConfig, nowS: number, now: Date): Promise<PostPass> {
  const rows = await db
    .selectFrom("device_days")
    .select(["device_id", "day", "result_json", "post_attempts"])
    .where("post_state", "in", ["unposted", "failed", "not-postable"])
    .where("next_post_at", "<=", nowS)
    .orderBy(textOrder(db, "device_id"))
    .orderBy("day")
    .execute();
  const size = cfg.batchSize ?? DEFAULT_BATCH_SIZE;
  const pass = { posted: 0, alreadyOnChain: 0, notPostable: 0, failed: 0, dryRun: 0, batches: 0, errors: [] as string[] };
  const attempts = new Map(rows.map((r) => [`${r.device_id}/${Number(r.day)}`, Number(r.post_attempts)]));
  for (let i = 0; i < rows.length; i += size) {
    const results = rows.slice(i, i + size).map((r) => JSON.parse(r.result_json) as DeviceDayResult);
    let summary: PostSummary;
    try {
      summary = await postReports({
        oracle: cfg.oracle,
        relayer: cfg.relayer,
        signers: cfg.signers,
        results,
        batchSize: size,
        deadlineSeconds: cfg.deadlineSeconds,
        dryRun: cfg.dryRun,
        fromBlock: cfg.fromBlock,
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      pass.errors.push(message);
      // A batch that reverted after earlier ones of this call were sent cannot happen here (one batch per call).
      const partial = err instanceof BatchRevertedError ? err.partial.posted : [];
      await markFailed(db, results.filter((r) => !partial.some((p) => key(p) === key(r))), attempts, message, cfg, nowS);
      pass.failed += results.length;
      continue;
    }
    await record(db, summary, attempts, cfg, nowS, now);
    pass.batches += summary.batches.length;
    if (summary.dryRun) pass.dryRun += summary.posted.length;
    else pass.posted += summary.posted.length;
    pass.alreadyOnChain += summary.alreadyOnChain.length;
    pass.notPostable += summary.notPostable.length;
  }
  return pass;
}

async function markFailed(
  db: Kysely<Database>,
  days: readonly { deviceId: string; day: number }[],
  attempts: ReadonlyMap<string, number>,
  message: string,
  cfg: PosterConfig,
  nowS: number,
): Promise<void> {
  await writeTransaction(db, async (trx) => {
    for (const d of days) {
      const n = (attempts.get(key(d)) ?? 0) + 1;
      await trx
        .updateTable("device_days")
        .set({ post_state: "failed", post_attempts: n, post_error: message, next_post_at: nowS + backoffSeconds(n, cfg.backoffS, cfg.maxBackoffS) })
        .where("device_id", "=", d.deviceId)
        .where("day", "=", d.day)
        .execute();
    }
  });
}

async function record(db: Kysely<Database>, s: PostSummary, attempts: ReadonlyMap<string, number>, cfg: PosterConfig, nowS: number, now: Date): Promise<void> {
  await writeTransaction(db, async (trx) => {
    const set = (d: DeviceDayRef, values: Updateable<DeviceDaysTable>) =>
      trx.updateTable("device_days").set(values).where("device_id", "=", d.deviceId).where("day", "=", d.day).execute();
    for (const b of s.batches) {
      for (const d of b.reports) {
        if (s.dryRun) await set(d, { post_state: "dry-run", post_error: b.digest ? `dry run: batch digest ${b.digest} simulated` : "dry run: not signed" });
        else {
          await set(d, {
            post_state: "posted",
            tx_hash: b.txHash ?? null,
            block_number: b.blockNumber ?? null,
            posted_at: now.toISOString(),
            post_error: null,
            post_attempts: (attempts.get(key(d)) ?? 0) + 1,
          });
        }
      }
      if (!s.dryRun) {
        const payload: JsonValue = {
          type: "post",
          oracle: s.oracle,
          chainId: s.chainId.toString(),
          txHash: b.txHash ?? null,
          blockNumber: b.blockNumber ?? null,
          digest: b.digest ?? null,
          reports: b.reports.map((d) => ({ deviceId: d.deviceId, day: d.day, status: d.status })),
        };
        await appendAudit(trx, [payload], now);
      }
    }
    for (const d of s.alreadyOnChain) {
      await set(d, {
        post_state: "posted",
        posted_at: now.toISOString(),
        post_error: d.sameEvidence ? "found on-chain (posted before the node recorded it)" : "found on-chain with DIFFERENT evidence",
      });
    }
    for (const d of s.notPostable) {
      const n = (attempts.get(key(d)) ?? 0) + 1;
      await set(d, { post_state: "not-postable", post_error: d.reason, post_attempts: n, next_post_at: nowS + backoffSeconds(n, cfg.backoffS, cfg.maxBackoffS) });
    }
  });
}
