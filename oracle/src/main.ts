/**
 * Entry of the installed `opentonne-oracle` bin (bundled to oracle/dist/cli.cjs by oracle/build.mjs):
 * the CLI's `verify`, `post` and `verify-audit` (oracle/src/cli/cli.ts) plus `serve`, the oracle node.
 * The node's modules load only for `serve`, so `verify` starts as fast as the CLI alone.
 */
import { Option } from "commander";
import { program, reportCliError } from "./cli/cli";

program.name("opentonne-oracle");
program
  .command("serve")
  .description("run the oracle node: HTTP API (ingest, results, audit, metrics), scheduler (verify, post); configuration from .env (docs/oracle-node.md)")
  .option("--db <url>", "database: sqlite:<file>, pglite:<directory> or postgres://user:password@host:port/database (default ORACLE_NODE_DB)")
  .option("--host <host>", "listen address (default ORACLE_NODE_HOST or 127.0.0.1)")
  .addOption(new Option("--port <n>", "listen port (default ORACLE_NODE_PORT or 8787)").argParser((v) => Number(v)))
  .addOption(new Option("--schedule-s <n>", "seconds between scheduler passes; 0: only on POST /scheduler/run").argParser((v) => Number(v)))
  .option("--dry-run", "sign and simulate batches, send nothing")
  .option("--no-post", "verify only, never post")
  .action(async (o: { db?: string; host?: string; port?: number; scheduleS?: number; dryRun?: boolean; post: boolean }) => {
    const { serve } = await import("./serve");
    const { DatabaseUrlError } = await import("./node/db/open");
    const { DatabaseUnreachableError } = await import("./node/db/postgres");
    try {
      await serve({ db: o.db, host: o.host, port: o.port, scheduleS: o.scheduleS, dryRun: o.dryRun, noPost: !o.post });
    } catch (err) {
      // A database that cannot be opened is the operator's configuration: the message says which and why.
      if (!(err instanceof DatabaseUrlError || err instanceof DatabaseUnreachableError)) throw err;
      console.error(`error: ${err.message}`);
      process.exitCode = 1;
    }
  });

program.parseAsync(process.argv).catch(reportCliError);
