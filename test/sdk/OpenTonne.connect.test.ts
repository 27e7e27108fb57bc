import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import {
  InvalidArgumentError,
  OpenTonne,
  SignerRequiredError,
  UnknownAddressError,
  WrongChainError,
  getDeployment,
  registerDeployment,
} from "../../sdk";
import { sdkSystem } from "./fixtures";

describe("SDK: OpenTonne.connect", () => {
  it("connects a Signer with explicit addresses and reads through every module's contract", async () => {
    const sys = await loadFixture(sdkSystem);
    const ot = await OpenTonne.connect(sys.alice, { chainId: 31337, addresses: sys.deployment });
    expect(ot.chainId).to.equal(31337n);
    expect(ot.signer).to.equal(sys.alice);
    expect(ot.addresses.registry).to.equal(sys.deployment.registry);
    expect(await ot.registry.contract.getAddress()).to.equal(sys.deployment.registry);
    expect(await ot.credits.contract.registry()).to.equal(sys.deployment.registry);
    expect(await ot.market.contract.feeRecipient()).to.equal(sys.feeRecipient.address);
    expect(await ot.pool.contract.projectId()).to.equal(sys.projectId);
    expect(await ot.oracle.contract.pool()).to.equal(sys.deployment.pool);
  });

  it("refuses a provider on another chain with WrongChainError", async () => {
    const sys = await loadFixture(sdkSystem);
    const err = await OpenTonne.connect(ethers.provider, { chainId: 1, addresses: sys.deployment }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(WrongChainError);
    expect((err as WrongChainError).expected).to.equal(1n);
    expect((err as WrongChainError).actual).to.equal(31337n);
  });

  it("refuses a chain without an address-book entry with UnknownAddressError", async () => {
    expect(getDeployment(31337)).to.equal(undefined);
    const err = await OpenTonne.connect(ethers.provider).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(UnknownAddressError);
    expect((err as UnknownAddressError).contract).to.equal("deployment");
  });

  it("refuses an address without contract code with UnknownAddressError naming the contract", async () => {
    const sys = await loadFixture(sdkSystem);
    const err = await OpenTonne.connect(ethers.provider, { addresses: { ...sys.deployment, pool: sys.outsider.address } }).catch(
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(UnknownAddressError);
    expect((err as UnknownAddressError).contract).to.equal("pool");
    expect((err as UnknownAddressError).address).to.equal(sys.outsider.address);
  });

  it("rejects a malformed address with InvalidArgumentError naming the field", async () => {
    const sys = await loadFixture(sdkSystem);
    const err = await OpenTonne.connect(ethers.provider, { addresses: { ...sys.deployment, market: "0x1234" } }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(InvalidArgumentError);
    expect((err as InvalidArgumentError).argument).to.equal("deployment.market");
  });

  it("uses the address book after registerDeployment, and refuses a silent override", async () => {
    const sys = await loadFixture(sdkSystem);
    const chainId = 9_999_999n; // a chain id no test connects to, so the global book stays clean for 31337
    registerDeployment(chainId, sys.deployment);
    expect(getDeployment(chainId)?.market).to.equal(sys.deployment.market);
    expect(() => registerDeployment(chainId, { ...sys.deployment, market: sys.deployment.pool })).to.throw(InvalidArgumentError, /already registered/);
    expect(registerDeployment(chainId, sys.deployment).market).to.equal(sys.deployment.market);
  });

  it("a Provider-only connection refuses writes with SignerRequiredError before any call", async () => {
    const sys = await loadFixture(sdkSystem);
    const ot = await OpenTonne.connect(ethers.provider, { addresses: sys.deployment });
    const before = await ethers.provider.getBlockNumber();
    const err = await ot.registry.approveProject(1n).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(SignerRequiredError);
    expect((err as SignerRequiredError).action).to.equal("registry.approveProject");
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
  });
});
