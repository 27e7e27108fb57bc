import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { OpenTonne } from "../../sdk";
import { DemoStepError, StepRunner } from "../../scripts/demo/runner";
import { deploySystem } from "../helpers/fixtures";

/** The demo's step runner: progress lines, gas per step, and a failing step named with its decoded contract error. */
describe("demo step runner", () => {
  async function system() {
    const sys = await deploySystem();
    const registry = await sys.registry.getAddress();
    const credits = await sys.credits.getAddress();
    // Only the registry is used here; the other modules point at a contract so the connection is well-formed.
    const ot = await OpenTonne.connect(sys.verifier, {
      addresses: { registry, credits, market: credits, pool: credits, oracle: credits, deploymentBlock: 0 },
    });
    return { ...sys, ot };
  }

  it("records each transaction's hash and gas under its step and prints progress", async () => {
    const ctx = await loadFixture(system);
    const lines: string[] = [];
    const runner = new StepRunner(2, (l) => lines.push(l));
    const input = { owner: ctx.alice.address, name: "P", standard: "VCS", methodology: "M", country: "IN", uri: "", estimatedCredits: 0n };
    const receipt = await runner.step("register", (s) => s.send("registry.registerProject", ctx.registry.connect(ctx.registrar).registerProject(input)));
    const approved = await runner.step("approve", (s) => s.sdk("registry.approveProject", ctx.ot.registry.approveProject(1)));
    expect(runner.steps.map((s) => [s.index, s.name, s.txs.length, s.gasUsed])).to.deep.equal([
      [1, "register", 1, receipt.gasUsed],
      [2, "approve", 1, approved.receipt.gasUsed],
    ]);
    expect(runner.steps[0].txs[0]).to.deep.equal({ label: "registry.registerProject", hash: receipt.hash, gasUsed: receipt.gasUsed });
    expect(lines[0]).to.equal("[1/2] register …");
    expect(lines[1]).to.match(/done: 1 tx, [\d,]+ gas, \d+\.\d s$/);
    expect(lines[2]).to.equal("[2/2] approve …");
  });

  it("stops on a reverted transaction with the step and the decoded custom error", async () => {
    const ctx = await loadFixture(system);
    const runner = new StepRunner(3, () => undefined);
    const err = await runner
      .step("approve an unknown project", (s) => s.send("registry.approveProject", ctx.registry.connect(ctx.verifier).approveProject(99)))
      .then(() => undefined, (e: unknown) => e);
    expect(err).to.be.instanceOf(DemoStepError);
    const e = err as DemoStepError;
    expect(e.step).to.equal("approve an unknown project");
    expect(e.index).to.equal(1);
    expect(e.message).to.match(/^step 1 "approve an unknown project" failed: registry\.approveProject: .*RegistryUnknownProject/);
    expect(e.message).to.include("99");
  });

  it("stops on an SDK write that reverts, and on any other error, naming the step", async () => {
    const ctx = await loadFixture(system);
    const runner = new StepRunner(2, () => undefined);
    const viaSdk = await runner.step("sdk", (s) => s.sdk("registry.approveProject", ctx.ot.registry.approveProject(42))).then(() => undefined, (e: unknown) => e);
    expect(viaSdk).to.be.instanceOf(DemoStepError);
    expect((viaSdk as Error).message).to.match(/^step 1 "sdk" failed: registry\.approveProject: .*RegistryUnknownProject/);
    expect((viaSdk as Error).message).to.include("42");
    const other = await runner.step("off-chain", async () => { throw new Error("devices.json has 21 inverters"); }).then(() => undefined, (e: unknown) => e);
    expect((other as Error).message).to.equal('step 2 "off-chain" failed: devices.json has 21 inverters');
  });
});
