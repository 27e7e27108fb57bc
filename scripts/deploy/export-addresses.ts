/**
 * Writes an Ignition deployment's addresses into the SDK's address book (`sdk/deployments.json`):
 *
 *   npm run export-addresses -- --deployment-id chain-11155111 [--out sdk/deployments.json] [--force]
 *
 * Reads `ignition/deployments/<id>/deployed_addresses.json` (the five contracts) and `journal.jsonl`
 * (chain id, block of the first transaction) and merges
 * `{ "<chainId>": { registry, credits, market, pool, oracle, deploymentBlock } }` into the book. An
 * existing, different entry for the same chain is kept unless `--force`. Chain 31337 (hardhat,
 * localhost) is transient and refused unless `--include-local` (never commit such an entry).
 */
import fs from "node:fs";
import path from "node:path";
import {
  type AddressBook,
  AddressResolutionError,
  LOCAL_CHAIN_ID,
  deploymentDir,
  readAddressBook,
  readIgnitionDeployment,
  sameEntry,
} from "./addresses";

/** Options of {@link exportAddresses}. */
export interface ExportOptions {
  /** Ignition deployment directory (`ignition/deployments/<id>`). */
  deploymentDir: string;
  /** The address book to merge into (created as `{}` when absent). */
  out: string;
  /** Replace a different entry already there for the same chain id. */
  force?: boolean;
  /** Accept chain id 31337 (a local node); such an entry must not be committed. */
  includeLocal?: boolean;
}

/** What {@link exportAddresses} did. */
export interface ExportResult {
  chainId: number;
  /** `added`: new chain; `unchanged`: the same entry was there; `replaced`: `force` overwrote it. */
  action: "added" | "unchanged" | "replaced";
  book: AddressBook;
}

/**
 * Merges the deployment in `options.deploymentDir` into the address book `options.out` and writes it
 * (sorted by chain id, 2-space JSON, trailing newline).
 * @throws AddressResolutionError for a missing or malformed deployment or book, a local chain
 * without `includeLocal`, or a different entry for the chain without `force` (nothing is written).
 */
export function exportAddresses(options: ExportOptions): ExportResult {
  const { chainId, entry } = readIgnitionDeployment(options.deploymentDir);
  if (chainId === LOCAL_CHAIN_ID && !options.includeLocal) {
    throw new AddressResolutionError(
      `${options.deploymentDir}: chain ${chainId} is a local, transient chain; pass --include-local to export it ` +
        `anyway (and do not commit that entry)`,
    );
  }
  const book = readAddressBook(options.out);
  const key = String(chainId);
  const previous = book[key];
  let action: ExportResult["action"] = "added";
  if (previous !== undefined) {
    if (sameEntry(previous, entry)) action = "unchanged";
    else if (options.force) action = "replaced";
    else {
      throw new AddressResolutionError(
        `${options.out}: chain ${chainId} already has a different entry (registry ${previous.registry}, block ` +
          `${previous.deploymentBlock}); pass --force to replace it with registry ${entry.registry}, block ` +
          `${entry.deploymentBlock}`,
      );
    }
  }
  book[key] = entry;
  const sorted: AddressBook = {};
  for (const k of Object.keys(book).sort((a, b) => Number(a) - Number(b))) sorted[k] = book[k];
  if (action !== "unchanged" || !fs.existsSync(options.out)) {
    fs.mkdirSync(path.dirname(options.out), { recursive: true });
    fs.writeFileSync(options.out, JSON.stringify(sorted, null, 2) + "\n");
  }
  return { chainId, action, book: sorted };
}

/** Parses the CLI arguments (see the file comment). Throws AddressResolutionError naming a bad flag. */
export function parseExportArgs(argv: string[], root: string): ExportOptions {
  let id: string | undefined;
  let dir: string | undefined;
  let out = path.join(root, "sdk", "deployments.json");
  let force = false;
  let includeLocal = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new AddressResolutionError(`${flag}: a value is required`);
      return v;
    };
    if (flag === "--deployment-id") id = value();
    else if (flag === "--deployment-dir") dir = path.resolve(value());
    else if (flag === "--out") out = path.resolve(value());
    else if (flag === "--force") force = true;
    else if (flag === "--include-local") includeLocal = true;
    else throw new AddressResolutionError(`unknown argument "${flag}"`);
  }
  if ((id === undefined) === (dir === undefined)) {
    throw new AddressResolutionError("give exactly one of --deployment-id <id> or --deployment-dir <path>");
  }
  return { deploymentDir: dir ?? deploymentDir(root, id as string), out, force, includeLocal };
}

if (require.main === module) {
  try {
    const options = parseExportArgs(process.argv.slice(2), path.resolve(__dirname, "..", ".."));
    const { chainId, action, book } = exportAddresses(options);
    console.log(`chain ${chainId}: ${action} in ${path.relative(process.cwd(), options.out)}`);
    console.log(JSON.stringify(book[String(chainId)], null, 2));
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    process.exit(1);
  }
}
