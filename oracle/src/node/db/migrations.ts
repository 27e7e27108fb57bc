import { type Kysely, type Migration, type MigrationProvider } from "kysely";

/**
 * The schema migrations, in order. One SQL dialect for SQLite and PostgreSQL: `bigint` (SQLite
 * INTEGER affinity, PostgreSQL int8), `double precision` (SQLite REAL), `text`. Never edit an
 * applied migration: add the next one.
 */
const MIGRATIONS: Record<string, Migration> = {
  "0001-initial": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("devices")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("capacity_w", "double precision", (c) => c.notNull())
        .addColumn("emission_factor_g_per_kwh", "bigint", (c) => c.notNull())
        .addColumn("lat", "double precision", (c) => c.notNull())
        .addColumn("lon", "double precision", (c) => c.notNull())
        .addColumn("site", "text", (c) => c.notNull())
        .addColumn("owner", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("readings")
        .addColumn("device_id", "text", (c) => c.notNull().references("devices.id"))
        .addColumn("t", "bigint", (c) => c.notNull())
        .addColumn("duration_s", "bigint", (c) => c.notNull())
        .addColumn("ac_power_w", "double precision", (c) => c.notNull())
        .addColumn("total_yield_wh", "double precision")
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("line", "bigint")
        .addPrimaryKeyConstraint("readings_pk", ["device_id", "t"])
        .execute();
      await db.schema
        .createTable("irradiance")
        .addColumn("site", "text", (c) => c.notNull())
        .addColumn("t", "bigint", (c) => c.notNull())
        .addColumn("duration_s", "bigint", (c) => c.notNull())
        .addColumn("ghi_wm2", "double precision", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("irradiance_pk", ["site", "t"])
        .execute();
      await db.schema
        .createTable("device_days")
        .addColumn("device_id", "text", (c) => c.notNull().references("devices.id"))
        .addColumn("day", "bigint", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("evidence_hash", "text", (c) => c.notNull())
        .addColumn("result_json", "text", (c) => c.notNull())
        .addColumn("verified_at", "text", (c) => c.notNull())
        .addColumn("audit_seq", "bigint", (c) => c.notNull())
        .addColumn("post_state", "text", (c) => c.notNull())
        .addColumn("post_attempts", "bigint", (c) => c.notNull().defaultTo(0))
        .addColumn("next_post_at", "bigint", (c) => c.notNull().defaultTo(0))
        .addColumn("post_error", "text")
        .addColumn("tx_hash", "text")
        .addColumn("block_number", "bigint")
        .addColumn("posted_at", "text")
        .addPrimaryKeyConstraint("device_days_pk", ["device_id", "day"])
        .execute();
      await db.schema.createIndex("device_days_status").on("device_days").columns(["status", "device_id", "day"]).execute();
      await db.schema.createIndex("device_days_post").on("device_days").columns(["post_state", "next_post_at"]).execute();
      await db.schema
        .createTable("audit")
        .addColumn("seq", "bigint", (c) => c.primaryKey())
        .addColumn("time", "text", (c) => c.notNull())
        .addColumn("prev_hash", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("hash", "text", (c) => c.notNull())
        .execute();
    },
  },
};

/** Kysely migration provider over the in-code migrations (no files to ship next to the bundle). */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
