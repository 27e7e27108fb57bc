import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { SchedulerPass } from "../scheduler/scheduler";

/**
 * The node's Prometheus metrics (served at /metrics). Names and labels:
 *
 * | metric | type | labels | meaning |
 * |---|---|---|---|
 * | `oracle_ingest_requests_total` | counter | kind, code | ingest requests by HTTP status |
 * | `oracle_ingest_rows_total` | counter | kind, outcome (inserted, duplicate) | rows ingested |
 * | `oracle_device_days_verified_total` | counter | status | device-days verified by this process |
 * | `oracle_reports_posted_total` | counter | | reports posted (transactions mined) |
 * | `oracle_post_failures_total` | counter | | device-days whose batch failed (retried with backoff) |
 * | `oracle_scheduler_pass_seconds` | histogram | | duration of a verify + post pass |
 * | `oracle_device_days` | gauge | status, post_state | stored device-days (read at scrape) |
 * | `oracle_audit_entries` | gauge | | length of the audit chain (read at scrape) |
 * | `oracle_http_request_seconds` | histogram | method, route, code | HTTP latency |
 *
 * plus prom-client's default process metrics (`process_resident_memory_bytes`, event loop lag, …).
 */
export class NodeMetrics {
  readonly registry = new Registry();
  readonly ingestRequests = new Counter({ name: "oracle_ingest_requests_total", help: "Ingest requests by HTTP status", labelNames: ["kind", "code"], registers: [this.registry] });
  readonly ingestRows = new Counter({ name: "oracle_ingest_rows_total", help: "Rows ingested", labelNames: ["kind", "outcome"], registers: [this.registry] });
  readonly verified = new Counter({ name: "oracle_device_days_verified_total", help: "Device-days verified", labelNames: ["status"], registers: [this.registry] });
  readonly posted = new Counter({ name: "oracle_reports_posted_total", help: "Reports posted on-chain", registers: [this.registry] });
  readonly postFailures = new Counter({ name: "oracle_post_failures_total", help: "Device-days whose posting batch failed", registers: [this.registry] });
  readonly passSeconds = new Histogram({ name: "oracle_scheduler_pass_seconds", help: "Scheduler pass duration", buckets: [0.05, 0.1, 0.5, 1, 5, 15, 60], registers: [this.registry] });
  readonly http = new Histogram({ name: "oracle_http_request_seconds", help: "HTTP request duration", labelNames: ["method", "route", "code"], buckets: [0.005, 0.02, 0.1, 0.5, 2, 10], registers: [this.registry] });

  constructor(db: Kysely<Database>) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: "oracle_device_days",
      help: "Stored device-days by status and posting state",
      labelNames: ["status", "post_state"],
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows = await db.selectFrom("device_days").select(["status", "post_state", (eb) => eb.fn.countAll().as("n")]).groupBy(["status", "post_state"]).execute();
        for (const r of rows) this.set({ status: r.status, post_state: r.post_state }, Number(r.n));
      },
    });
    new Gauge({
      name: "oracle_audit_entries",
      help: "Entries in the audit chain",
      registers: [this.registry],
      async collect() {
        const r = await db.selectFrom("audit").select((eb) => eb.fn.max("seq").as("seq")).executeTakeFirst();
        this.set(r?.seq === null || r?.seq === undefined ? 0 : Number(r.seq) + 1);
      },
    });
  }

  /** Counts what a scheduler pass did. */
  onPass(p: SchedulerPass): void {
    for (const [status, n] of Object.entries(p.verify.verified)) this.verified.inc({ status }, n);
    if (p.post) {
      this.posted.inc(p.post.posted);
      this.postFailures.inc(p.post.failed);
    }
    this.passSeconds.observe(p.ms / 1000);
  }
}
