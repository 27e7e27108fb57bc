// Quickstart: read, write, catch a typed error and query event history with the `opentonne` package.
// Run against a node with the system deployed (see docs/sdk.md); addresses.json is what
// `npm run export-addresses -- --deployment-id <id> --out addresses.json [--include-local]` writes:
//   RPC_URL=http://127.0.0.1:8545 OPENTONNE_ADDRESSES=addresses.json PRIVATE_KEY=0x… node quickstart.js
import { readFileSync } from "node:fs";
import { JsonRpcProvider, Wallet } from "ethers";
import { AccessControlUnauthorizedAccountError, OpenTonne, formatCredits, parseCredits, roleName, type AddressBook } from "opentonne";

async function main(): Promise<void> {
  // cacheTimeout -1: no response cache, so nonces and block numbers are fresh on a node that mines at once.
  const provider = new JsonRpcProvider(process.env.RPC_URL ?? "http://127.0.0.1:8545", undefined, { cacheTimeout: -1 });
  // Public networks are in the package's address book: OpenTonne.connect(runner, { chainId }).
  // A local or private deployment passes its address book (the provider's chain is picked) or one
  // flat { registry, credits, market, pool, oracle, deploymentBlock } entry.
  const addresses = JSON.parse(readFileSync(process.env.OPENTONNE_ADDRESSES ?? "addresses.json", "utf8")) as AddressBook;

  // 1. Reads need only a Provider.
  const reader = await OpenTonne.connect(provider, { addresses });
  console.log(`projects: ${await reader.registry.projectCount()}`);

  // 2. Writes need a Signer: a browser wallet's (BrowserProvider.getSigner()) or a server key.
  //    This key holds REGISTRAR_ROLE on the registry.
  const registrar = new Wallet(process.env.PRIVATE_KEY ?? "", provider);
  const ot = await OpenTonne.connect(registrar, { addresses });
  const { projectId } = await ot.registry.registerProject({
    owner: registrar.address,
    name: "Rooftop solar, Pune",
    standard: "VCS",
    methodology: "AMS-I.D",
    country: "IN",
  });
  const { batchId } = await ot.registry.addBatch(projectId, {
    serial: `QS-${projectId}-2025`,
    vintage: 2025,
    startDate: new Date("2025-01-01T00:00:00Z"),
    endDate: new Date("2025-12-31T00:00:00Z"),
    totalSupply: parseCredits("1500"), // bigint grams CO2e: 1 credit = 1 tCO2e = 1,000,000
  });
  const batch = await ot.registry.getBatch(batchId);
  console.log(`batch ${batch.id} of project ${batch.projectId}: ${formatCredits(batch.remaining)} credits mintable`);

  // 3. Reverts arrive as typed errors carrying the custom error's arguments.
  try {
    await ot.registry.approveProject(projectId); // needs VERIFIER_ROLE
  } catch (error) {
    if (!(error instanceof AccessControlUnauthorizedAccountError)) throw error;
    console.log(`refused: ${error.account} lacks role ${roleName(error.neededRole)}`);
  }

  // 4. History, rebuilt from events in block chunks from the deployment block.
  const fleet = await reader.history.fleetSummary({ chunkSize: 5_000 });
  const txs = await reader.history.accountTransactions(registrar.address);
  console.log(`oracle fleet: ${fleet.devices.length} devices; registrar transactions: ${txs.length}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
