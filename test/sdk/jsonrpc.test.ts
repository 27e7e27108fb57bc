import { expect } from "chai";
import hre from "hardhat";
import { Contract, JsonRpcProvider, isCallException } from "ethers";
import {
  AccessControlUnauthorizedAccountError,
  ContractRevertError,
  OpenTonne,
  RegistryInvalidStatusTransitionError,
  RegistryUnknownProjectError,
  toSdkError,
  type ProjectInput,
} from "../../sdk";
import { ProjectRegistryAbi as RegistryAbi } from "../../sdk/generated/abis";
import { startRpcSystem, type RpcNetwork, type RpcSystem } from "../helpers/rpc-system";

const CREDIT = 1_000_000n;
const REGISTRAR_ROLE = hre.ethers.id("REGISTRAR_ROLE");

describe("SDK over JSON-RPC (hardhat node) @skip-on-coverage", function () {
  let net: RpcNetwork;
  let provider: JsonRpcProvider;
  let sys: RpcSystem;
  const as = (signer: keyof RpcSystem["accounts"]) => OpenTonne.connect(sys.accounts[signer], { addresses: sys.deployment, chainId: 31337 });
  const project = (owner: string, name = "Solar Plant 1"): ProjectInput => ({ owner, name, standard: "VCS", methodology: "AMS-I.D", country: "IN" });

  before(async function () {
    net = await startRpcSystem(hre);
    ({ provider, sys } = net);
  });

  after(async function () {
    await net?.stop();
  });

  it("connects over JSON-RPC (chain 31337, code at every address) and reads and writes the registry", async () => {
    const registrar = await as("registrar");
    const verifier = await as("verifier");
    const alice = await sys.accounts.alice.getAddress();
    expect(registrar.chainId).to.equal(31337n);
    const before = await registrar.registry.projectCount();
    expect(before).to.equal(sys.poolProjectId);
    const { projectId, hash, receipt } = await registrar.registry.registerProject(project(alice));
    expect(projectId).to.equal(before + 1n);
    expect(receipt.hash).to.equal(hash);
    expect(receipt.status).to.equal(1);
    const { batchId } = await registrar.registry.addBatch(projectId, {
      serial: "RPC-2024-1",
      vintage: 2024,
      startDate: new Date("2024-01-01T00:00:00Z"),
      endDate: new Date("2024-12-31T00:00:00Z"),
      totalSupply: 1_000n * CREDIT,
    });
    await verifier.registry.approveProject(projectId);
    // Read back through a read-only (Provider) connection.
    const reader = await OpenTonne.connect(provider, { addresses: sys.deployment });
    expect(await reader.registry.getProject(projectId)).to.include({ id: projectId, owner: alice, status: "Approved", name: "Solar Plant 1" });
    expect((await reader.registry.getProjectBatches(projectId)).map((b) => [b.id, b.serial, b.totalSupply, b.remaining])).to.deep.equal([
      [batchId, "RPC-2024-1", 1_000n * CREDIT, 1_000n * CREDIT],
    ]);
    expect(await reader.registry.findBatchBySerial("RPC-2024-1")).to.equal(batchId);
    const page = await reader.registry.listProjects({ offset: Number(before) - 1, limit: 10 });
    expect(page.items.map((p) => p.id)).to.deep.equal([before, projectId]);
  });

  it("decodes custom errors from real JSON-RPC reverts: eth_call of a read, the simulated write, and a sent transaction", async () => {
    const registrar = await as("registrar");
    const alice = await as("alice");
    const aliceAddress = await sys.accounts.alice.getAddress();

    // A read (eth_call) that reverts.
    const read = await registrar.registry.getProject(9_999n).catch((e: unknown) => e);
    expect(read).to.be.instanceOf(RegistryUnknownProjectError);
    expect((read as RegistryUnknownProjectError).projectId).to.equal(9_999n);
    // The underlying error is the JSON-RPC provider's, not Hardhat's in-process one.
    expect(isCallException((read as ContractRevertError).cause)).to.equal(true);

    // A write refused in simulation: nothing is sent.
    const blockBefore = await provider.getBlockNumber();
    const write = await alice.registry.registerProject(project(aliceAddress)).catch((e: unknown) => e);
    expect(write).to.be.instanceOf(AccessControlUnauthorizedAccountError);
    expect(write).to.include({ account: aliceAddress, neededRole: REGISTRAR_ROLE, action: "registry.registerProject" });
    expect(await provider.getBlockNumber()).to.equal(blockBefore);

    // An invalid status transition of a project that exists.
    const verifier = await as("verifier");
    const { projectId } = await registrar.registry.registerProject(project(aliceAddress, "To reject"));
    await verifier.registry.rejectProject(projectId, "incomplete");
    const transition = await verifier.registry.approveProject(projectId).catch((e: unknown) => e);
    expect(transition).to.be.instanceOf(RegistryInvalidStatusTransitionError);
    expect((transition as RegistryInvalidStatusTransitionError).projectId).to.equal(projectId);

    // A transaction sent without simulation (explicit gas limit: no estimateGas): the node rejects it,
    // and the SDK decodes the revert data from the JSON-RPC error of eth_sendTransaction.
    const raw = new Contract(sys.deployment.registry, RegistryAbi as never, sys.accounts.alice);
    const sent = await raw.registerProject({ ...project(aliceAddress), uri: "", estimatedCredits: 0n }, { gasLimit: 1_000_000n }).catch((e: unknown) => e);
    const decoded = toSdkError("raw.registerProject", sent);
    expect(decoded).to.be.instanceOf(AccessControlUnauthorizedAccountError);
    expect(decoded).to.include({ account: aliceAddress, neededRole: REGISTRAR_ROLE });
  });

  it("history over JSON-RPC: an account's mints and transfers, chunked, with progress", async () => {
    const registrar = await as("registrar");
    const verifier = await as("verifier");
    const [alice, bob] = await Promise.all([sys.accounts.alice.getAddress(), sys.accounts.bob.getAddress()]);
    const { projectId } = await registrar.registry.registerProject(project(alice, "History plant"));
    const { batchId } = await registrar.registry.addBatch(projectId, {
      serial: "RPC-HIST-1",
      vintage: 2023,
      startDate: 1_672_531_200,
      endDate: 1_703_980_800,
      totalSupply: 500n * CREDIT,
    });
    await verifier.registry.approveProject(projectId);
    const credits = new Contract(sys.deployment.credits, ["function mint(address,uint256,uint256)", "function safeTransferFrom(address,address,uint256,uint256,bytes)"], provider);
    await (await (credits.connect(sys.accounts.issuer) as Contract).mint(alice, batchId, 40n * CREDIT)).wait();
    await (await (credits.connect(sys.accounts.alice) as Contract).safeTransferFrom(alice, bob, batchId, 15n * CREDIT, "0x")).wait();

    const reader = await OpenTonne.connect(provider, { addresses: sys.deployment });
    const progress: Array<[number, number]> = [];
    const txs = await reader.history.accountTransactions(alice, { chunkSize: 4, onProgress: (done, total) => progress.push([done, total]) });
    expect(txs.map((t) => [t.kind, t.batchId, t.amount])).to.deep.equal([
      ["transferOut", batchId, 15n * CREDIT],
      ["mint", batchId, 40n * CREDIT],
    ]);
    expect(txs[0]).to.include({ to: bob });
    const total = (await provider.getBlockNumber()) - sys.deployment.deploymentBlock + 1;
    expect(progress.at(-1)).to.deep.equal([total, total]);
    expect(progress).to.have.length(Math.ceil(total / 4));
    expect(await reader.history.accountTransactions(alice)).to.deep.equal(txs);
    const block = await provider.getBlock(txs[1].blockNumber);
    expect(txs[1].timestamp).to.equal(block!.timestamp);
  });
});
