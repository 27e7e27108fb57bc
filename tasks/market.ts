/**
 * Marketplace tasks: fee rate, fee recipient, payment-token allow-list.
 * `npx hardhat market:<name> --network <net> [--deployment-id <id> | --addresses <file>] …`
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { type CommonArgs, TaskArgumentError, adminTask, parseAddress, parseInteger, resolveSystem, say, sendTx } from "./lib";

adminTask("market:set-fee", "Set the marketplace fee rate (bps, at most MAX_FEE_BPS = 1000). Needs FEE_ADMIN_ROLE")
  .addParam("bps", "Fee in basis points (0–1000; 250 = 2.5 %)")
  .setAction(async (args: CommonArgs & { bps: string }, hre: HardhatRuntimeEnvironment) => {
    const bps = parseInteger("bps", args.bps, 0n, 10_000n);
    const sys = await resolveSystem(hre, args);
    const max = await sys.market.MAX_FEE_BPS();
    if (bps > max) throw new TaskArgumentError("bps", `${bps} is above the maximum ${max} bps`);
    const before = await sys.market.feeBps();
    const sent = await sendTx(sys, "market:set-fee", sys.market.setFeeBps, [bps]);
    say(`fee ${before} → ${bps} bps`);
    return { ...sent, before, feeBps: bps };
  });

adminTask("market:set-fee-recipient", "Set the account that withdraws marketplace fees. Needs FEE_ADMIN_ROLE")
  .addParam("recipient", "Fee recipient address")
  .setAction(async (args: CommonArgs & { recipient: string }, hre: HardhatRuntimeEnvironment) => {
    const recipient = parseAddress("recipient", args.recipient);
    const sys = await resolveSystem(hre, args);
    const sent = await sendTx(sys, "market:set-fee-recipient", sys.market.setFeeRecipient, [recipient]);
    say(`fee recipient: ${recipient}`);
    return { ...sent, recipient };
  });

adminTask("market:set-payment-token", "Allow (or with --disallow, stop) an ERC-20 as a payment token. Needs MARKET_ADMIN_ROLE")
  .addParam("token", "ERC-20 contract address")
  .addFlag("disallow", "Remove the token from the allow-list instead")
  .setAction(async (args: CommonArgs & { token: string; disallow: boolean }, hre: HardhatRuntimeEnvironment) => {
    const token = parseAddress("token", args.token);
    const allowed = !args.disallow;
    const sys = await resolveSystem(hre, args);
    if (allowed && (await hre.ethers.provider.getCode(token)) === "0x") {
      throw new TaskArgumentError("token", `no contract at ${token} on network "${hre.network.name}"`);
    }
    const sent = await sendTx(sys, "market:set-payment-token", sys.market.setPaymentToken, [token, allowed]);
    say(`payment token ${token}: ${allowed ? "allowed" : "not allowed"}`);
    return { ...sent, token, allowed };
  });
