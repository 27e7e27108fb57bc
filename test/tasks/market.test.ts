import { expect } from "chai";
import { ethers } from "hardhat";
import { approvedProject, expectTaskError, fixture, run } from "./helpers";

describe("tasks: market", () => {
  it("market:set-fee sets the rate; above the cap or not a number changes nothing", async () => {
    const f = await fixture();
    const r = await run<{ before: bigint; feeBps: bigint }>(f, "market:set-fee", { bps: "300" });
    expect(r).to.include({ before: 250n, feeBps: 300n });
    expect(await f.market.feeBps()).to.equal(300n);
    await expectTaskError(run(f, "market:set-fee", { bps: "1001" }), "TaskArgumentError", /--bps: 1001 is above the maximum 1000 bps/);
    await expectTaskError(run(f, "market:set-fee", { bps: "2.5" }), "TaskArgumentError", /--bps: not a whole number/);
    expect(await f.market.feeBps()).to.equal(300n);
  });

  it("market:set-fee-recipient sets the recipient; the zero address is refused", async () => {
    const f = await fixture();
    await run(f, "market:set-fee-recipient", { recipient: f.bob.address });
    expect(await f.market.feeRecipient()).to.equal(f.bob.address);
    await expectTaskError(run(f, "market:set-fee-recipient", { recipient: ethers.ZeroAddress }), "TaskArgumentError", /--recipient: the zero address/);
    expect(await f.market.feeRecipient()).to.equal(f.bob.address);
  });

  it("market:set-payment-token allows and disallows a token; an address without code is refused", async () => {
    const f = await fixture();
    const usdc = await ethers.deployContract("MockUSD", ["USD Coin", "USDC"]);
    const token = await usdc.getAddress();
    await run(f, "market:set-payment-token", { token });
    expect(await f.market.isPaymentToken(token)).to.equal(true);
    await run(f, "market:set-payment-token", { token, disallow: true });
    expect(await f.market.isPaymentToken(token)).to.equal(false);
    await expectTaskError(run(f, "market:set-payment-token", { token: f.bob.address }), "TaskArgumentError", /--token: no contract at/);
    expect(await f.market.isPaymentToken(f.bob.address)).to.equal(false);
  });

  it("market:buy-and-retire buys a fill and retires it in one transaction for the signer; bad input changes nothing", async () => {
    const f = await fixture();
    const { batchId } = await approvedProject(f, "100");
    await run(f, "credits:mint", { to: f.alice.address, batch: batchId.toString(), amount: "10" });
    const market = await f.market.getAddress();
    await f.credits.connect(f.alice).setApprovalForAll(market, true);
    const expiry = BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 86_400n;
    await f.market.connect(f.alice).createListing(batchId, 10_000_000n, 12_000_000n, await f.usd.getAddress(), 0n, expiry);
    await f.usd.mint(f.deployer.address, 100_000_000n);
    await expectTaskError(run(f, "market:buy-and-retire", { listing: "1", amount: "1", reason: "offset claim" }), "TaskTransactionError", /ERC20InsufficientAllowance/);
    const r = await run<{ retirementId: bigint; account: string; cost: bigint; fee: bigint }>(f, "market:buy-and-retire", {
      listing: "1",
      amount: "2",
      reason: "offset claim: FY2026",
      beneficiaryName: "Acme Textiles",
      country: "IN",
      approve: true,
    });
    expect(r).to.include({ retirementId: 1n, account: f.deployer.address, cost: 24_000_000n, fee: 600_000n });
    const stored = await f.credits.getRetirement(1n);
    expect([stored.account, stored.beneficiary, stored.amount]).to.deep.equal([f.deployer.address, f.deployer.address, 2_000_000n]);
    expect(await f.credits.balanceOf(f.deployer.address, batchId)).to.equal(0n);
    await expectTaskError(run(f, "market:buy-and-retire", { listing: "1", amount: "x", reason: "r" }), "TaskArgumentError", /--amount/);
  });
});
