import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { missingNetworkHint } from "../../scripts/deploy/network-hint";
import { parseCountry } from "../../tasks/country";
import { CREDIT, approvedProject, expectTaskError, fixture, registerProject, run } from "./helpers";

describe("tasks: read tasks and papercuts", () => {
  it("registry:project and registry:batch show a project and a batch; credits:balance an account's credits", async () => {
    const f = await fixture();
    const { projectId, batchId } = await approvedProject(f, "100");
    await run(f, "credits:mint", { to: f.bob.address, batch: batchId.toString(), amount: "12.5" });
    const p = await run<Record<string, unknown>>(f, "registry:project", { project: projectId.toString() });
    expect(p).to.deep.include({ projectId, owner: f.alice.address, status: "Approved", country: "IN", batchIds: [batchId] });
    const b = await run<Record<string, unknown>>(f, "registry:batch", { batch: batchId.toString() });
    expect(b).to.deep.include({ batchId, projectId, serial: "VCS-2024-1", vintage: 2024, supplyCap: 100n * CREDIT, minted: 12_500_000n, retired: 0n });
    const all = await run<{ balances: unknown[]; total: bigint }>(f, "credits:balance", { account: f.bob.address });
    expect(all).to.deep.include({ balances: [{ batchId, amount: 12_500_000n }], total: 12_500_000n });
    const none = await run<{ balances: unknown[]; total: bigint }>(f, "credits:balance", { account: f.alice.address, project: projectId.toString() });
    expect(none).to.deep.include({ balances: [], total: 0n });
    await expectTaskError(run(f, "registry:batch", { batch: "7" }), "TaskArgumentError", /--batch: batch 7 does not exist \(there are 1\)/);
  });

  it("--project 0 says ids start at 1, not a 78-digit range", async () => {
    const f = await fixture();
    const e = await expectTaskError(run(f, "registry:approve", { project: "0" }), "TaskArgumentError", /--project: ids start at 1/);
    expect(e.message).to.not.match(/[0-9]{20}/);
    await expectTaskError(run(f, "registry:project", { project: (2n ** 256n).toString() }), "TaskArgumentError", /does not fit in a uint256/);
  });

  it("--country must be ISO 3166-1 alpha-2; a country name gets the code it meant", async () => {
    const f = await fixture();
    const base = { name: "P", owner: f.alice.address, standard: "VCS", methodology: "M" };
    await expectTaskError(run(f, "registry:register", { ...base, country: "India" }), "TaskArgumentError", /--country: "India" is not an ISO 3166-1 alpha-2 country code — use IN for India/);
    await expectTaskError(run(f, "registry:register", { ...base, country: "XX" }), "TaskArgumentError", /--country: "XX" is not an ISO 3166-1 alpha-2/);
    await expectTaskError(run(f, "pool:register-project", { name: "Pool", standard: "VCS", methodology: "M", country: "UK" }), "TaskArgumentError", /--country/);
    expect(await f.registry.projectCount()).to.equal(0n);
    const id = await registerProject(f);
    expect((await f.registry.getProject(id)).country).to.equal("IN");
    expect(parseCountry("country", "de")).to.equal("DE");
  });

  it("a flat addresses file missing a contract names what is missing", async () => {
    const f = await fixture();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ot-flat-")), "flat.json");
    const { oracle: _o, pool: _p, ...partial } = JSON.parse(fs.readFileSync(f.addressesFile, "utf8")) as Record<string, string>;
    fs.writeFileSync(file, JSON.stringify(partial));
    await expectTaskError(run(f, "system:status", { addresses: file }), "TaskArgumentError", /a flat address file needs all of registry, credits, market, pool, oracle; missing pool, oracle/);
  });

  it("--network sepolia without .env: a hint naming the missing variables", () => {
    expect(missingNetworkHint(["hardhat", "--network", "sepolia", "system:status"], {})).to.match(
      /network "sepolia" is not configured: set SEPOLIA_RPC_URL and DEPLOYER_PRIVATE_KEY in \.env/,
    );
    expect(missingNetworkHint(["--network=amoy"], { AMOY_RPC_URL: "https://x" })).to.match(/set DEPLOYER_PRIVATE_KEY in \.env/);
    expect(missingNetworkHint(["--network", "sepolia"], { SEPOLIA_RPC_URL: "https://x", DEPLOYER_PRIVATE_KEY: "0x1" })).to.equal(undefined);
    expect(missingNetworkHint(["--network", "localhost"], {})).to.equal(undefined);
  });
});
