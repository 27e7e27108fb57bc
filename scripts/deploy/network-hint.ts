/**
 * The hint printed when `--network <public network>` is asked for but `.env` does not configure it:
 * hardhat.config.ts defines a public network only when its RPC URL and `DEPLOYER_PRIVATE_KEY` are
 * set, and Hardhat alone would just say the network does not exist.
 */

/** Public network name → the variable holding its RPC URL. */
export const PUBLIC_NETWORK_URL_VARS: Readonly<Record<string, string>> = {
  sepolia: "SEPOLIA_RPC_URL",
  amoy: "AMOY_RPC_URL",
  basesepolia: "BASE_SEPOLIA_RPC_URL",
};

/**
 * The network asked for on the command line (`--network x`, `--network=x`) or by `HARDHAT_NETWORK`,
 * when it is a public network that `env` leaves unconfigured: a message naming the missing
 * variables; otherwise `undefined`.
 */
export function missingNetworkHint(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  let name = env.HARDHAT_NETWORK;
  argv.forEach((arg, i) => {
    if (arg === "--network" && argv[i + 1] !== undefined) name = argv[i + 1];
    else if (arg.startsWith("--network=")) name = arg.slice("--network=".length);
  });
  const urlVar = name === undefined ? undefined : PUBLIC_NETWORK_URL_VARS[name.toLowerCase()];
  if (urlVar === undefined) return undefined;
  const missing = [urlVar, "DEPLOYER_PRIVATE_KEY"].filter((v) => !env[v]);
  if (missing.length === 0) return undefined;
  return (
    `network "${name}" is not configured: set ${missing.join(" and ")} in .env ` +
    `(copy .env.example to .env and fill it in; see docs/admin.md). Hardhat defines a public network only when both are set.`
  );
}
