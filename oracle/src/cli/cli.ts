import "dotenv/config";
import { Command, InvalidArgumentError, Option } from "commander";
import cliProgress from "cli-progress";
import {
  AuditLogError,
  IrradianceCacheMissError,
  NasaPowerHttpError,
  OracleInputError,
  ResolutionMismatchError,
  verifyAuditLogAndHead,
} from "../lib";
import { verifyCommand, type ReadingsFormat, type SensorFormat, type VerifyOptions } from "./verify-command";
import { InvalidEnvError, MissingEnvError } from "./env-errors";
import { BatchRevertedError, PostingConfigError } from "../lib/post-errors";

/**
 * OpenTonne oracle CLI: `npm run oracle -- <command> [options]`.
 *
 *   verify        readings + irradiance + device registry → per-device-day results JSON, audit log, summary
 *   verify-audit  check the hash chain of an audit log
 *   post          verify, then sign (EIP-712) and post the device-days to the MRVOracle in batches
 *
 * Bad input stops with `error: <file>:<line> field "<field>": <what is wrong>`, exit code 1, and
 * nothing written.
 */

function number(min: number, max = Infinity) {
  return (text: string): number => {
    const x = Number(text);
    if (text.trim() === "" || !Number.isFinite(x) || x < min || x > max) {
      throw new InvalidArgumentError(`expected a number in [${min}, ${max}]`);
    }
    return x;
  };
}

/** The CLI's commands (verify, post, verify-audit); the installed `opentonne-oracle` bin adds `serve`. */
export const program = new Command()
  .name("oracle")
  .description("OpenTonne off-chain dMRV oracle: verify solar device-days by the seed 004 rules")
  .showHelpAfterError();

/** The input options shared by `verify` and `post`. */
function withVerifyOptions(cmd: Command): Command {
  return cmd
    .requiredOption("-r, --readings <files...>", "inverter readings: Kaggle CSV, generic CSV, JSON or PVDAQ CSV (.gz ok)")
    .addOption(new Option("--readings-format <format>", "readings layout").choices(["auto", "kaggle", "generic", "json", "pvdaq", "mapped"]).default("auto"))
    .option("--device-id <id>", "device id for PVDAQ files (no id column)")
    .option("--readings-map <file>", "column mapping JSON for readings in any CSV layout (docs/oracle.md, \"Column-mapped input\")")
    .option("--sensor-map <file>", "column mapping JSON for an irradiance CSV in any layout")
    .requiredOption("-d, --registry <file>", "device registry JSON (id → capacityW, emissionFactorGPerKWh, lat, lon)")
    .option("-s, --sensor <file>", "on-site irradiance: Kaggle sensor CSV or PVDAQ/PSM3 CSV")
    .addOption(new Option("--sensor-format <format>", "sensor layout").choices(["auto", "kaggle", "psm3", "mapped"]).default("auto"))
    .option("--nasa-file <file>", "a saved NASA POWER JSON response (hourly or daily ALLSKY_SFC_SW_DWN)")
    .option("--nasa-api", "fetch hourly NASA POWER for each device's lat/lon (cached on disk)", false)
    .option("--cache-dir <dir>", "NASA POWER cache directory", ".cache/nasa-power")
    .option("--offline", "read NASA POWER only from the cache; fail on a miss", false)
    .option("--nasa-base-url <url>", "NASA POWER host (default https://power.larc.nasa.gov)")
    .option("--utc-offset-minutes <n>", "offset of Kaggle local timestamps, minutes east of UTC", number(-720, 840), 330)
    .option("--interval-s <n>", "reading interval in seconds where the layout has none", number(1), 900)
    .option("--min-correlation <r>", "VERIFIED needs Pearson r above this", number(-1, 1))
    .option("--tolerance <f>", "FLAGGED above theoretical max × (1 + f)", number(0))
    .option("--min-coverage <f>", "PENDING below this share of the sun-expected intervals covered", number(0, 1))
    .option("--min-pairs <n>", "PENDING with fewer intervals than this", number(2))
    .option("-o, --out <file>", "results JSON", "reports/oracle/results.json")
    .option("-a, --audit-log <file>", "append-only JSONL audit log", "reports/oracle/audit.jsonl")
    .option("--no-progress", "no progress bar");
}

/** A progress display: a cli-progress bar on a TTY, plain lines otherwise (logs, CI). */
function progress(enabled: boolean, label: string, unit: string) {
  if (!enabled) return { update: (_done: number, _total: number, _note?: string) => undefined, stop: () => undefined };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {value}/{total} ${unit} {note}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
    let started = false;
    return {
      update(done: number, total: number, note = "") {
        if (!started) {
          bar.start(total, 0, { note: "" });
          started = true;
        }
        bar.update(done, { note });
      },
      stop: () => {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let lastDecile = -1;
  return {
    update(done: number, total: number, note = "") {
      // plain lines: one per tenth of the work, and one per posted batch (a note)
      const decile = total === 0 ? 10 : Math.floor((done * 10) / total);
      if (note || decile !== lastDecile) console.error(`${label}: ${done}/${total} ${unit}${note ? ` ${note}` : ""}`);
      lastDecile = decile;
    },
    stop: () => undefined,
  };
}

/** The verify options from the parsed flags. */
function verifyOptions(o: Record<string, unknown>, onProgress: (done: number, total: number) => void): VerifyOptions {
  const thresholds = Object.fromEntries(
    (
      [
        ["minCorrelation", o.minCorrelation],
        ["tolerance", o.tolerance],
        ["minCoverage", o.minCoverage],
        ["minPairs", o.minPairs],
      ] as const
    ).filter(([, v]) => v !== undefined),
  );
  return {
    readings: o.readings as string[],
    readingsFormat: o.readingsFormat as ReadingsFormat,
    deviceId: o.deviceId as string | undefined,
    readingsMap: o.readingsMap as string | undefined,
    sensorMap: o.sensorMap as string | undefined,
    registry: o.registry as string,
    sensor: o.sensor as string | undefined,
    sensorFormat: o.sensorFormat as SensorFormat,
    nasaFile: o.nasaFile as string | undefined,
    nasaApi: o.nasaApi as boolean,
    cacheDir: o.cacheDir as string,
    offline: o.offline as boolean,
    nasaBaseUrl: o.nasaBaseUrl as string | undefined,
    utcOffsetMinutes: o.utcOffsetMinutes as number,
    intervalS: o.intervalS as number,
    thresholds,
    out: o.out as string,
    auditLog: o.auditLog as string,
    onProgress,
  };
}

withVerifyOptions(program.command("verify").description("verify device-days and write results + audit log")).action(async (o) => {
  const bar = progress(o.progress as boolean, "verify", "device-days");
  try {
    const outcome = await verifyCommand(verifyOptions(o, (done, total) => bar.update(done, total)));
    bar.stop();
    console.log(outcome.table);
    for (const r of outcome.readers) console.error(`read ${r.file}: ${r.layout} layout, timestamps ${r.timestampFormat} at UTC${r.utcOffsetMinutes >= 0 ? "+" : ""}${r.utcOffsetMinutes} min, meter ${r.meterColumn ?? "none (meter cross-check skipped)"}`);
    const faults = Object.entries(outcome.faultCounts);
    if (faults.length > 0) console.log(`\nfailed rules (device-days, t CO2): ${faults.map(([k, v]) => `${k} ${v.days} (${(v.grams / 1e6).toFixed(3)} t)`).join(", ")}`);
    console.log(
      `\n${outcome.results.length} device-days (${outcome.nightOnlyDays} night-only fragments skipped); ` +
        `results → ${outcome.out}; audit log → ${outcome.auditLog}`,
    );
  } finally {
    bar.stop();
  }
});

withVerifyOptions(
  program
    .command("post")
    .description(
      "verify device-days (as `verify`), then sign them (EIP-712) and post them to the MRVOracle in batches; " +
        "skips device-days already on-chain. Keys from .env: ORACLE_SIGNER_PRIVATE_KEYS [, ORACLE_RELAYER_PRIVATE_KEY]; " +
        "ORACLE_ADDRESS (or --oracle), ORACLE_RPC_URL (default http://127.0.0.1:8545), optional ORACLE_CHAIN_ID",
    ),
)
  .option("--oracle <address>", "MRVOracle address (default: ORACLE_ADDRESS)")
  .option("-b, --batch-size <n>", "reports per batch (1..100)", number(1, 100), 50)
  .option("--deadline-s <seconds>", "signature validity after the latest block", number(60), 3600)
  .option("--dry-run", "verify, sign and simulate every batch; print what would be posted; send nothing", false)
  .action(async (o) => {
    const verifyBar = progress(o.progress as boolean, "verify", "device-days");
    const checkBar = progress(o.progress as boolean, "check on-chain", "device-days");
    const postBar = progress(o.progress as boolean, o.dryRun ? "plan" : "post", "reports");
    try {
      // Loaded here: the posting code (ethers, the contract bindings) is not needed by `verify`.
      const { postCommand } = await import("./post-command");
      const outcome = await postCommand({
        ...verifyOptions(o, (done, total) => verifyBar.update(done, total)),
        oracle: o.oracle as string | undefined,
        batchSize: o.batchSize as number,
        deadlineSeconds: o.deadlineS as number,
        dryRun: o.dryRun as boolean,
        onPostProgress: (p) => {
          verifyBar.stop();
          if (p.stage === "check") checkBar.update(p.done, p.total);
          else {
            checkBar.stop();
            postBar.update(p.done, p.total, `batch ${p.batch + 1}/${p.batches}${p.txHash ? ` tx ${p.txHash}` : ""}`);
          }
        },
      });
      verifyBar.stop();
      checkBar.stop();
      postBar.stop();
      console.log(outcome.verify.table);
      console.log(`\n${outcome.verify.results.length} device-days verified; results → ${outcome.verify.out}; audit log → ${outcome.verify.auditLog}\n`);
      console.log(outcome.postText);
    } finally {
      verifyBar.stop();
      checkBar.stop();
      postBar.stop();
    }
  });

program
  .command("verify-audit")
  .description("check the hash chain of an audit log")
  .argument("<file>", "JSONL audit log")
  .action((file: string) => {
    const v = verifyAuditLogAndHead(file);
    if (!v.ok) {
      console.error(`error: ${file}:${v.line}: audit log chain broken: ${v.reason}`);
      process.exitCode = 1;
      return;
    }
    console.log(`${file}: ${v.entries} entries, chain intact, last hash ${v.lastHash}`);
  });

/** Prints an error the way the CLI does (typed errors: the message; others: the stack too) and sets exit code 1. */
export function reportCliError(err: unknown): void {
  // The oracle's typed errors say what and where (file, line, field; URL; cache path); anything
  // else is unexpected and prints its stack too.
  const known = [
    OracleInputError,
    IrradianceCacheMissError,
    NasaPowerHttpError,
    AuditLogError,
    ResolutionMismatchError,
    MissingEnvError,
    InvalidEnvError,
    PostingConfigError,
    BatchRevertedError,
  ];
  if (known.some((k) => err instanceof k)) console.error(`error: ${(err as Error).message}`);
  else if (err instanceof Error) console.error(`error: ${err.message}\n${err.stack ?? ""}`);
  else console.error("error:", err);
  process.exitCode = 1;
}

// Run when this file is the entry point (`ts-node oracle/src/cli/cli.ts`). The installed bin's
// bundle (oracle/build.mjs) defines `require.main` as undefined, and parses after adding `serve`.
if (require.main === module) program.parseAsync(process.argv).catch(reportCliError);
