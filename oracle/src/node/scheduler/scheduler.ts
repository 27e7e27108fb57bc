import type { Kysely } from "kysely";
import type { VerificationThresholds } from "../../lib";
import type { Database } from "../db/schema";
import { postReadyDays, type PostPass, type PosterConfig } from "./post-days";
import { DEFAULT_READINESS, verifyReadyDays, type ReadinessRule, type VerifyPass } from "./verify-days";

/** Options of the Scheduler. */
export interface SchedulerOptions {
  /** When to verify a device-day (default DEFAULT_READINESS). */
  readonly readiness?: ReadinessRule;
  /** Threshold overrides (default: the library's defaults of each irradiance kind). */
  readonly thresholds?: Partial<VerificationThresholds>;
  /** Posting; without it the node verifies only. */
  readonly poster?: PosterConfig;
  /** Seconds between passes when started (default 60). */
  readonly intervalS?: number;
  /** The clock (default `() => new Date()`); tests drive it. */
  readonly now?: () => Date;
  /** Called after each pass (metrics, logs). */
  readonly onPass?: (p: SchedulerPass) => void;
  /** Called with an error a pass threw (the next pass runs anyway). */
  readonly onError?: (err: unknown) => void;
}

/** What one pass did. */
export interface SchedulerPass {
  readonly verify: VerifyPass;
  readonly post: PostPass | null;
  /** Wall time of the pass, ms. */
  readonly ms: number;
}

/**
 * The node's scheduler: each pass verifies the ready device-days (verify-days.ts) then posts the
 * waiting ones (post-days.ts). Passes never overlap (a pass asked for while one runs waits for it
 * and runs after). All state is in the database, so a restarted node resumes where it stopped.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SchedulerPass> | undefined;
  private stopped = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly opts: SchedulerOptions = {},
  ) {}

  /** Whether posting is configured. */
  get posting(): boolean {
    return this.opts.poster !== undefined;
  }

  /** Runs one pass now (after the one in progress, if any) and returns what it did. */
  async runOnce(): Promise<SchedulerPass> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.pass();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async pass(): Promise<SchedulerPass> {
    const started = Date.now();
    const now = (this.opts.now ?? (() => new Date()))();
    const nowS = Math.floor(now.getTime() / 1000);
    const verify = await verifyReadyDays(this.db, { nowS, now, rule: this.opts.readiness ?? DEFAULT_READINESS, thresholds: this.opts.thresholds });
    const post = this.opts.poster ? await postReadyDays(this.db, this.opts.poster, nowS, now) : null;
    const p = { verify, post, ms: Date.now() - started };
    this.opts.onPass?.(p);
    return p;
  }

  /** Starts passes every `intervalS` seconds (the first one now). */
  start(): void {
    this.stopped = false;
    const loop = async () => {
      try {
        await this.runOnce();
      } catch (err) {
        this.opts.onError?.(err);
      }
      if (!this.stopped) this.timer = setTimeout(() => void loop(), (this.opts.intervalS ?? 60) * 1000);
    };
    void loop();
  }

  /** Stops the timer and waits for the pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await this.running.catch(() => undefined);
  }
}
