import { ethers, type Provider, type Signer } from "ethers";
import { verifyCommand, type VerifyOptions, type VerifyOutcome } from "./verify-command";
import { InvalidEnvError, MissingEnvError } from "./env-errors";
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_DEADLINE_S,
  MAX_BATCH_SIZE,
  PostingConfigError,
  postReports,
  type DeviceDayRef,
  type PostProgress,
  type PostSummary,
} from "../lib/post";

/** Default JSON-RPC endpoint of `post` (a local `npx hardhat node`). */
export const DEFAULT_RPC_URL = "http://127.0.0.1:8545";

/**
 * The environment variables `post` reads (from `.env` via dotenv, or the process environment).
 * Keys are never taken from the command line, so they do not end up in shell history or `ps`.
 */
export const POST_ENV = {
  /** Comma-separated private keys of the oracle signers (M-of-N: give at least the quorum). Required. */
  signerKeys: "ORACLE_SIGNER_PRIVATE_KEYS",
  /** Private key of the account that sends the transactions and pays gas. Optional: the first signer key. */
  relayerKey: "ORACLE_RELAYER_PRIVATE_KEY",
  /** The MRVOracle address, unless `--oracle` is given. */
  oracle: "ORACLE_ADDRESS",
  /** JSON-RPC URL (default DEFAULT_RPC_URL). */
  rpcUrl: "ORACLE_RPC_URL",
  /** Optional: the chain id the RPC must serve; posting to another chain is refused. */
  chainId: "ORACLE_CHAIN_ID",
} as const;

export { InvalidEnvError, MissingEnvError } from "./env-errors";

/** Options of the `post` command: the `verify` inputs plus the posting options. */
export interface PostCommandOptions extends VerifyOptions {
  /** MRVOracle address; overrides ORACLE_ADDRESS. */
  readonly oracle?: string;
  /** Reports per batch (1..100; default 50). */
  readonly batchSize?: number;
  /** Signature validity after the latest block, seconds (default 3600). */
  readonly deadlineSeconds?: number;
  /** Verify, sign and simulate; send nothing. */
  readonly dryRun?: boolean;
  /** Progress of the on-chain checks and batches. */
  readonly onPostProgress?: (p: PostProgress) => void;
  /** Environment to read (default process.env, after dotenv loaded `.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Provider to use instead of a JsonRpcProvider on ORACLE_RPC_URL (tests pass the in-process network's). */
  readonly provider?: Provider;
}

/** What `post` did: the verification outcome (results, summary table) and the posting summary. */
export interface PostCommandOutcome {
  readonly verify: VerifyOutcome;
  readonly post: PostSummary;
  /** The posting summary as text (formatPostSummary). */
  readonly postText: string;
}

/** The posting settings read from the environment. */
export interface PostEnv {
  readonly signerKeys: string[];
  readonly relayerKey: string | undefined;
  readonly oracle: string;
  readonly rpcUrl: string;
  readonly chainId: bigint | undefined;
}

const present = (v: string | undefined): v is string => v !== undefined && v.trim() !== "";

function privateKey(variable: string, text: string, index?: number): string {
  const k = text.trim();
  const hex = k.startsWith("0x") ? k : `0x${k}`;
  if (!ethers.isHexString(hex, 32)) {
    throw new InvalidEnvError(variable, `${index === undefined ? "the key" : `key #${index + 1}`} is not a 32-byte hex private key`);
  }
  return hex;
}

/**
 * Reads and checks the posting environment. `oracleOption` (the `--oracle` flag) wins over
 * ORACLE_ADDRESS. Throws MissingEnvError / InvalidEnvError naming the variable.
 */
export function readPostEnv(env: Readonly<Record<string, string | undefined>>, oracleOption?: string): PostEnv {
  const oracleText = oracleOption ?? env[POST_ENV.oracle];
  if (!present(oracleText)) throw new MissingEnvError(POST_ENV.oracle, "or pass --oracle <address>");
  if (!ethers.isAddress(oracleText.trim())) throw new InvalidEnvError(POST_ENV.oracle, `not an address: ${JSON.stringify(oracleText)}`);
  const keysText = env[POST_ENV.signerKeys];
  if (!present(keysText)) throw new MissingEnvError(POST_ENV.signerKeys, "comma-separated oracle signer private keys");
  const signerKeys = keysText.split(",").map((k, i) => privateKey(POST_ENV.signerKeys, k, i));
  const relayerText = env[POST_ENV.relayerKey];
  const relayerKey = present(relayerText) ? privateKey(POST_ENV.relayerKey, relayerText) : undefined;
  const rpcUrl = present(env[POST_ENV.rpcUrl]) ? (env[POST_ENV.rpcUrl] as string).trim() : DEFAULT_RPC_URL;
  const chainText = env[POST_ENV.chainId];
  let chainId: bigint | undefined;
  if (present(chainText)) {
    if (!/^\d+$/.test(chainText.trim())) throw new InvalidEnvError(POST_ENV.chainId, `not a chain id: ${JSON.stringify(chainText)}`);
    chainId = BigInt(chainText.trim());
  }
  return { signerKeys, relayerKey, oracle: ethers.getAddress(oracleText.trim()), rpcUrl, chainId };
}

/**
 * The `post` command: checks the environment first (MissingEnvError / InvalidEnvError: nothing
 * read, written or posted), then runs `verify` over the inputs (bad input throws the pipeline's
 * typed errors naming file, line and field — nothing posted), then postReports: skips device-days
 * already on-chain with a final status (re-posts a PENDING one now VERIFIED or FLAGGED), reports those
 * that cannot be posted, signs each batch with every signer key and
 * sends it from the relayer (ORACLE_RELAYER_PRIVATE_KEY, else the first signer key). With `dryRun`,
 * nothing is sent.
 */
export async function postCommand(opts: PostCommandOptions): Promise<PostCommandOutcome> {
  const env = readPostEnv(opts.env ?? process.env, opts.oracle);
  // The posting options too are checked before anything is read or written.
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const deadlineSeconds = opts.deadlineSeconds ?? DEFAULT_DEADLINE_S;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new PostingConfigError(`batch size must be an integer in [1, ${MAX_BATCH_SIZE}] (got ${batchSize})`);
  }
  if (!Number.isInteger(deadlineSeconds) || deadlineSeconds < 60) {
    throw new PostingConfigError(`deadline window must be an integer ≥ 60 seconds (got ${deadlineSeconds})`);
  }
  const provider = opts.provider ?? new ethers.JsonRpcProvider(env.rpcUrl);
  if (env.chainId !== undefined) {
    const { chainId } = await provider.getNetwork();
    if (chainId !== env.chainId) {
      const from = opts.provider ? "the given provider" : env.rpcUrl;
      throw new InvalidEnvError(POST_ENV.chainId, `expected chain ${env.chainId}, but ${from} serves chain ${chainId}`);
    }
  }
  const signers: Signer[] = env.signerKeys.map((k) => new ethers.Wallet(k, provider));
  const relayer: Signer = env.relayerKey ? new ethers.Wallet(env.relayerKey, provider) : signers[0];

  const verify = await verifyCommand(opts);
  const post = await postReports({
    oracle: env.oracle,
    relayer,
    signers,
    results: verify.results,
    batchSize,
    deadlineSeconds,
    dryRun: opts.dryRun ?? false,
    onProgress: opts.onPostProgress,
  });
  return { verify, post, postText: formatPostSummary(post) };
}

/** `device first..last (n)` per device, for a compact list of device-days. */
function describeDays(refs: readonly DeviceDayRef[]): string[] {
  const by = new Map<string, DeviceDayRef[]>();
  for (const r of refs) {
    const list = by.get(r.deviceId);
    if (list) list.push(r);
    else by.set(r.deviceId, [r]);
  }
  return [...by].map(([id, rs]) => `${id} ${rs[0].date}${rs.length > 1 ? `..${rs[rs.length - 1].date}` : ""} (${rs.length})`);
}

/** The posting summary as text: what was (or would be) posted per batch, what was skipped and why. */
export function formatPostSummary(s: PostSummary): string {
  const out: string[] = [];
  const grams = (rs: readonly DeviceDayRef[]) => rs.filter((r) => r.status === "VERIFIED").reduce((a, r) => a + r.co2Grams, 0);
  out.push(
    `${s.dryRun ? "DRY RUN — nothing sent. Would post" : "Posted"} ${s.posted.length} of ${s.considered} device-days ` +
      `in ${s.batches.length} batch(es) to MRVOracle ${s.oracle} (chain ${s.chainId}); ` +
      `VERIFIED CO2 to the pool: ${(grams(s.posted) / 1e6).toFixed(6)} t` +
      (s.dryRun ? "" : `; gas used ${s.gasUsed}`),
  );
  const superseding = s.posted.filter((r) => r.supersedesPending).length;
  if (superseding > 0) out.push(`  of which ${superseding} supersede an on-chain PENDING day (now VERIFIED or FLAGGED)`);
  for (const b of s.batches) {
    const tx = b.txHash ? ` tx ${b.txHash} (block ${b.blockNumber}, gas ${b.gasUsed})` : b.digest ? ` digest ${b.digest} (simulated)` : " (not signed)";
    out.push(`  batch ${b.index + 1}: ${b.reports.length} reports${tx}`);
    for (const line of describeDays(b.reports)) out.push(`    ${line}`);
  }
  const differing = s.alreadyOnChain.filter((r) => !r.sameEvidence);
  out.push(`Already on-chain (skipped): ${s.alreadyOnChain.length}` + (differing.length ? `, ${differing.length} with DIFFERENT evidence:` : ""));
  for (const r of differing) out.push(`  ${r.deviceId} ${r.date} (${r.onChainStatus} on-chain): the on-chain evidence hash differs from this run's`);
  out.push(`Not postable: ${s.notPostable.length}`);
  for (const r of s.notPostable) out.push(`  ${r.deviceId} ${r.date} ${r.status}: ${r.reason}`);
  return out.join("\n");
}
