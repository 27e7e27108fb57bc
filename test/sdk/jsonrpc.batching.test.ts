import { expect } from "chai";
import hre from "hardhat";
import { Interface } from "ethers";
import { OpenTonne } from "../../sdk";
import { CarbonCreditsAbi, ProjectRegistryAbi } from "../../sdk/generated/abis";
import { CountingProvider } from "../helpers/counting-provider";
import { startRpcSystem, type RpcNetwork, type RpcSystem } from "../helpers/rpc-system";

const CREDIT = 1_000_000n;
const credits = new Interface(CarbonCreditsAbi as never);
const registry = new Interface(ProjectRegistryAbi as never);

/**
 * How many round trips the SDK's event reads cost over JSON-RPC, counted at the transport (HTTP
 * requests and JSON-RPC calls by method) against a real `hardhat node`: block timestamps are fetched
 * in JSON-RPC batches, each block once; `findRetirements` and `balancesOfProject` do not call once per
 * record or batch. (Speed is measured by `npm run bench:history`, not asserted.)
 */
describe("SDK over JSON-RPC: batched reads, counted at the transport @skip-on-coverage", function () {
  let net: RpcNetwork;
  let sys: RpcSystem;
  let counting: CountingProvider;
  let alice: string;
  let bob: string;
  let projectId: bigint;
  const MOVES = 150; // alice's mints and transfers, one block each
  const RETIREMENTS = 100;
  const BATCHES = 50;

  /** Sends `data` to `to` from `from` (an unlocked dev account) without waiting: the node mines at once. */
  const send = (from: string, to: string, data: string) => net.provider.send("eth_sendTransaction", [{ from, to, data, gas: "0x1e8480" }]);

  before(async function () {
    this.timeout(300_000);
    net = await startRpcSystem(hre);
    sys = net.sys;
    const [registrar, verifier, issuer] = await Promise.all([sys.accounts.registrar, sys.accounts.verifier, sys.accounts.issuer].map((s) => s.getAddress()));
    [alice, bob] = await Promise.all([sys.accounts.alice.getAddress(), sys.accounts.bob.getAddress()]);
    const r = sys.deployment.registry;
    const c = sys.deployment.credits;
    const read = async (fn: string, args: unknown[] = []) => registry.decodeFunctionResult(fn, await net.provider.call({ to: r, data: registry.encodeFunctionData(fn, args) }))[0];
    await send(registrar, r, registry.encodeFunctionData("registerProject", [{ owner: alice, name: "Batching plant", standard: "VCS", methodology: "AMS-I.D", country: "IN", uri: "", estimatedCredits: 0n }]));
    projectId = BigInt(await read("projectCount"));
    for (let i = 0; i < BATCHES; i++) {
      const vintage = 1990 + i;
      const start = Date.UTC(vintage, 0, 1) / 1000;
      await send(registrar, r, registry.encodeFunctionData("addBatch", [projectId, { serial: `RPC-BATCH-${vintage}`, vintage, startDate: start, endDate: start + 86_400, totalSupply: (i === BATCHES - 1 ? 1_000n : 2n) * CREDIT }]));
    }
    await send(verifier, r, registry.encodeFunctionData("approveProject", [projectId]));
    const newest = BigInt((await read("projectBatches", [projectId]))[BATCHES - 1]);
    // One project mint spilling over all 50 vintages (2 credits in each but the newest, 500 there), then
    // alice's moves and retirements in the newest batch.
    await send(issuer, c, credits.encodeFunctionData("mintProject", [alice, projectId, 2n * CREDIT * BigInt(BATCHES - 1) + 500n * CREDIT]));
    for (let i = 0; i < MOVES; i++) {
      const data = i % 2 === 0
        ? credits.encodeFunctionData("mint", [alice, newest, CREDIT])
        : credits.encodeFunctionData("safeTransferFrom", [alice, bob, newest, CREDIT, "0x"]);
      await send(i % 2 === 0 ? issuer : alice, c, data);
    }
    const details = { beneficiary: alice, beneficiaryName: "Acme", reason: "offset", referenceId: "", consumptionCountry: "IN" };
    for (let i = 0; i < RETIREMENTS; i++) await send(alice, c, credits.encodeFunctionData("retire", [alice, newest, 1_000n, details]));
    counting = new CountingProvider(net.node.url);
  });

  after(async function () {
    counting?.destroy();
    await net?.stop();
  });

  it("accountTransactions: the 8 eth_getLogs, then each block's header once, in JSON-RPC batches of ≤ 100", async () => {
    const reader = await OpenTonne.connect(counting, { addresses: sys.deployment });
    counting.reset();
    const txs = await reader.history.accountTransactions(alice);
    const { requests, byMethod } = counting.counts();
    expect(txs.length).to.equal(BATCHES + MOVES + RETIREMENTS);
    const blocks = new Set(txs.map((t) => t.blockNumber)).size;
    expect(blocks).to.equal(1 + MOVES + RETIREMENTS);
    expect(byMethod.eth_getLogs).to.equal(8);
    expect(byMethod.eth_getBlockByNumber, "one header per distinct block").to.equal(blocks);
    // 8 log queries + the batches of headers + eth_blockNumber and the network checks.
    const headerBatches = Math.ceil(blocks / 100);
    expect(requests).to.be.at.most(8 + headerBatches + 1 + 8);
    expect(byMethod.eth_getBlockByNumber + byMethod.eth_getLogs).to.be.greaterThan(requests);
    // The timestamps are the blocks' own.
    for (const t of [txs[0], txs[txs.length - 1]]) expect(t.timestamp).to.equal((await net.provider.getBlock(t.blockNumber))!.timestamp);
  });

  it("findRetirements: 100 records from one eth_getLogs and one batch of headers, not one call per record", async () => {
    const reader = await OpenTonne.connect(counting, { addresses: sys.deployment });
    counting.reset();
    const found = await reader.credits.findRetirements({ account: alice });
    const { requests, byMethod } = counting.counts();
    expect(found.length).to.equal(RETIREMENTS);
    expect(byMethod.eth_getLogs).to.equal(1);
    expect(byMethod.eth_call ?? 0, "no getRetirement per record").to.equal(0);
    expect(byMethod.eth_getBlockByNumber).to.equal(RETIREMENTS);
    expect(requests).to.be.at.most(1 + 1 + 1 + 2);
    for (const r of [found[0], found[RETIREMENTS - 1]]) {
      const stored = await reader.credits.getRetirement(r.id);
      expect([r.timestamp, r.account, r.beneficiary, r.amount]).to.deep.equal([stored.timestamp, stored.account, stored.beneficiary, stored.amount]);
    }
  });

  it("balancesOfProject over 50 batches: two eth_calls (balancesOfProject, getBatches)", async () => {
    const reader = await OpenTonne.connect(counting, { addresses: sys.deployment });
    counting.reset();
    const balance = await reader.credits.balancesOfProject(alice, projectId);
    const { requests, byMethod } = counting.counts();
    expect(balance.vintages.map((v) => v.vintage)).to.deep.equal(Array.from({ length: BATCHES }, (_, i) => 1990 + i));
    expect(byMethod.eth_call).to.equal(2);
    expect(requests).to.be.at.most(2);
    counting.reset();
    expect((await reader.registry.getProjectBatches(projectId)).length).to.equal(BATCHES);
    expect(counting.counts().byMethod.eth_call).to.equal(2);
  });
});
