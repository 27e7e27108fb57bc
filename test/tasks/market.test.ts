import { expect } from "chai";
import { ethers } from "hardhat";
import { expectTaskError, fixture, run } from "./helpers";

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
});
