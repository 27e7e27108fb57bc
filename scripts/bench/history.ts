/**
 * History benchmark over JSON-RPC: starts a `hardhat node`, deploys the system, gives one account
 * ~1,000 transactions (mints and transfers, one block each), then measures
 * `history.accountTransactions` for it — RPC calls and HTTP requests counted at the transport, time
 * min / median over RUNS runs — next to a raw lower bound it measures itself: the same 8 `eth_getLogs`
 * (in parallel) plus ONE JSON-RPC batch of `eth_getBlockByNumber` for every distinct block.
 * Target: SDK time ≤ 3 × the lower bound's (printed, not enforced: times depend on the machine).
 *
 * Usage: `npm run bench:history` (HISTORY_TXS=… to change the number of transactions).
 */
import hre from "hardhat";
import { Interface, toQuantity, type JsonRpcPayload } from "ethers";
import { OpenTonne } from "../../sdk";
import { CarbonCreditsAbi, CarbonPoolAbi, CreditMarketplaceAbi, ProjectRegistryAbi } from "../../sdk/generated/abis";
import { CountingProvider, type RpcCounts } from "../../test/helpers/counting-provider";
import { startRpcSystem } from "../../test/helpers/rpc-system";

const CREDIT = 1_000_000n;
const TXS = Number(process.env.HISTORY_TXS ?? 1_000);
const RUNS = 5;
const TARGET_RATIO = 3;

const creditsI = new Interface(CarbonCreditsAbi as never);
const registryI = new Interface(ProjectRegistryAbi as never);
const marketI = new Interface(CreditMarketplaceAbi as never);
const poolI = new Interface(CarbonPoolAbi as never);

/** Min and median of `runs` timed calls of `fn` (ms), and the counts of the last run. */
async function measure(provider: CountingProvider, fn: () => Promise<unknown>): Promise<{ minMs: number; medianMs: number; counts: RpcCounts }> {
  const times: number[] = [];
  let counts: RpcCounts = { requests: 0, calls: 0, byMethod: {} };
  for (let i = 0; i < RUNS; i++) {
    provider.reset();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    counts = provider.counts();
  }
  times.sort((a, b) => a - b);
  return { minMs: times[0], medianMs: times[Math.floor(times.length / 2)], counts };
}

async function main(): Promise<void> {
  const net = await startRpcSystem(hre);
  const counting = new CountingProvider(net.node.url);
  try {
    const { sys, provider } = net;
    const [registrar, verifier, issuer, alice, bob] = await Promise.all(
      [sys.accounts.registrar, sys.accounts.verifier, sys.accounts.issuer, sys.accounts.alice, sys.accounts.bob].map((s) => s.getAddress()),
    );
    const send = (from: string, to: string, data: string) => provider.send("eth_sendTransaction", [{ from, to, data, gas: "0x1e8480" }]);
    const r = sys.deployment.registry;
    const c = sys.deployment.credits;
    await send(registrar, r, registryI.encodeFunctionData("registerProject", [{ owner: alice, name: "History bench", standard: "VCS", methodology: "AMS-I.D", country: "IN", uri: "", estimatedCredits: 0n }]));
    const projectId = registryI.decodeFunctionResult("projectCount", await provider.call({ to: r, data: registryI.encodeFunctionData("projectCount") }))[0] as bigint;
    await send(registrar, r, registryI.encodeFunctionData("addBatch", [projectId, { serial: "HISTORY-BENCH-2024", vintage: 2024, startDate: 1_704_067_200, endDate: 1_735_603_200, totalSupply: 1_000_000n * CREDIT }]));
    await send(verifier, r, registryI.encodeFunctionData("approveProject", [projectId]));
    const batchId = registryI.decodeFunctionResult("batchCount", await provider.call({ to: r, data: registryI.encodeFunctionData("batchCount") }))[0] as bigint;
    console.log(`sending ${TXS} transactions of one account (mints and transfers, one block each) …`);
    for (let i = 0; i < TXS; i++) {
      if (i % 2 === 0) await send(issuer, c, creditsI.encodeFunctionData("mint", [alice, batchId, 2n * CREDIT]));
      else await send(alice, c, creditsI.encodeFunctionData("safeTransferFrom", [alice, bob, batchId, CREDIT, "0x"]));
    }

    const reader = await OpenTonne.connect(counting, { addresses: sys.deployment });
    let entries = 0;
    const sdk = await measure(counting, async () => {
      entries = (await reader.history.accountTransactions(alice)).length;
    });

    // The raw lower bound: the 8 log queries accountTransactions makes, then one batch of headers.
    const fromBlock = toQuantity(sys.deployment.deploymentBlock);
    const toBlock = toQuantity(await provider.getBlockNumber());
    const logQuery = (address: string, topics: Array<string | null>, id: number): JsonRpcPayload => ({
      method: "eth_getLogs",
      params: [{ address, topics, fromBlock, toBlock }],
      id,
      jsonrpc: "2.0",
    });
    const topics = (i: Interface, event: string, values: unknown[]) => i.encodeFilterTopics(event, values) as Array<string | null>;
    const queries = [
      logQuery(c, topics(creditsI, "TransferSingle", [null, alice]), 1),
      logQuery(c, topics(creditsI, "TransferSingle", [null, null, alice]), 2),
      logQuery(c, topics(creditsI, "TransferBatch", [null, alice]), 3),
      logQuery(c, topics(creditsI, "TransferBatch", [null, null, alice]), 4),
      logQuery(c, topics(creditsI, "Retired", [null, alice]), 5),
      logQuery(sys.deployment.market, topics(marketI, "Trade", [null, alice]), 6),
      logQuery(sys.deployment.market, topics(marketI, "Trade", [null, null, alice]), 7),
      logQuery(sys.deployment.pool, topics(poolI, "AllocationClaimed", [null, alice]), 8),
    ];
    let rawBlocks = 0;
    const raw = await measure(counting, async () => {
      const results = await Promise.all(queries.map((q) => counting._send(q)));
      const blocks = new Set<number>();
      for (const [res] of results) for (const log of res.result as Array<{ blockNumber: string }>) blocks.add(Number(log.blockNumber));
      rawBlocks = blocks.size;
      const headers = [...blocks].map((n, id): JsonRpcPayload => ({ method: "eth_getBlockByNumber", params: [toQuantity(n), false], id, jsonrpc: "2.0" }));
      await counting._send(headers);
    });

    const ratio = sdk.medianMs / raw.medianMs;
    const row = (name: string, m: typeof sdk) => ({
      measure: name,
      "JSON-RPC calls": m.counts.calls,
      "HTTP requests": m.counts.requests,
      "eth_getBlockByNumber": m.counts.byMethod.eth_getBlockByNumber ?? 0,
      "min ms": Math.round(m.minMs),
      "median ms": Math.round(m.medianMs),
    });
    console.log(`account ${alice}: ${entries} entries over ${rawBlocks} blocks; ${RUNS} runs each`);
    console.table([row("history.accountTransactions", sdk), row("raw lower bound (8 eth_getLogs + 1 batch of headers)", raw)]);
    console.log(`${ratio <= TARGET_RATIO ? "ok  " : "MISS"} accountTransactions median / lower bound median = ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO})`);
  } finally {
    counting.destroy();
    await net.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
