/**
 * Credits tasks: mint into one batch or at project level (oldest vintage first).
 * `npx hardhat credits:mint --network <net> --to <addr> (--batch <id> | --project <id>) --amount <t>`
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import {
  type CommonArgs,
  TaskArgumentError,
  adminTask,
  formatCredits,
  parseAddress,
  parseCredits,
  parseId,
  resolveSystem,
  say,
  sendTx,
} from "./lib";

interface MintArgs extends CommonArgs {
  to: string;
  batch?: string;
  project?: string;
  amount: string;
}

adminTask("credits:mint", "Mint credits to an account, into one batch or a project's oldest vintages first. Needs ISSUER_ROLE")
  .addParam("to", "Recipient address")
  .addOptionalParam("batch", "Batch id (= token id) to mint into")
  .addOptionalParam("project", "Project id: mint its oldest vintage with remaining supply first, spilling forward")
  .addParam("amount", "Credits (tCO2e, decimal, > 0; 1 credit = 1,000,000 units)")
  .setAction(async (args: MintArgs, hre: HardhatRuntimeEnvironment) => {
    const to = parseAddress("to", args.to);
    const amount = parseCredits("amount", args.amount);
    if ((args.batch === undefined) === (args.project === undefined)) {
      throw new TaskArgumentError("batch", "give exactly one of --batch <id> or --project <id>");
    }
    const sys = await resolveSystem(hre, args);
    const minted: Array<{ batchId: bigint; amount: bigint }> = [];
    let sent;
    if (args.batch !== undefined) {
      const batchId = parseId("batch", args.batch);
      const count = await sys.registry.batchCount();
      if (batchId > count) throw new TaskArgumentError("batch", `batch ${batchId} does not exist (there are ${count})`);
      sent = await sendTx(sys, "credits:mint", sys.credits.mint, [to, batchId, amount]);
    } else {
      const projectId = parseId("project", args.project);
      const count = await sys.registry.projectCount();
      if (projectId > count) throw new TaskArgumentError("project", `project ${projectId} does not exist (there are ${count})`);
      sent = await sendTx(sys, "credits:mint", sys.credits.mintProject, [to, projectId, amount]);
    }
    for (const ev of sent.events) {
      if (ev.name === "TransferSingle") minted.push({ batchId: ev.args.id as bigint, amount: ev.args.value as bigint });
      if (ev.name === "TransferBatch") {
        const ids = ev.args.ids as bigint[];
        const values = ev.args[4] as bigint[];
        ids.forEach((id, i) => minted.push({ batchId: id, amount: values[i] }));
      }
    }
    for (const m of minted) say(`minted ${formatCredits(m.amount)} t of batch ${m.batchId} to ${to}`);
    return { ...sent, minted };
  });

adminTask("credits:balance", "Show an account's credits: one batch, a project's vintages, or every batch it holds (read only)")
  .addParam("account", "Holder address")
  .addOptionalParam("batch", "Only this batch id")
  .addOptionalParam("project", "Only this project's batches")
  .setAction(async (args: CommonArgs & { account: string; batch?: string; project?: string }, hre: HardhatRuntimeEnvironment) => {
    const account = parseAddress("account", args.account);
    if (args.batch !== undefined && args.project !== undefined) throw new TaskArgumentError("batch", "give at most one of --batch <id> or --project <id>");
    const sys = await resolveSystem(hre, args);
    let batchIds: bigint[];
    if (args.batch !== undefined) {
      const batchId = parseId("batch", args.batch);
      const count = await sys.registry.batchCount();
      if (batchId > count) throw new TaskArgumentError("batch", `batch ${batchId} does not exist (there are ${count})`);
      batchIds = [batchId];
    } else if (args.project !== undefined) {
      const projectId = parseId("project", args.project);
      const count = await sys.registry.projectCount();
      if (projectId > count) throw new TaskArgumentError("project", `project ${projectId} does not exist (there are ${count})`);
      batchIds = [...(await sys.registry.projectBatches(projectId))];
    } else {
      const count = await sys.registry.batchCount();
      batchIds = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
    }
    const amounts = batchIds.length === 0 ? [] : await sys.credits.balanceOfBatch(batchIds.map(() => account), batchIds);
    const balances = batchIds.map((batchId, i) => ({ batchId, amount: amounts[i] })).filter((b) => args.batch !== undefined || b.amount > 0n);
    const total = balances.reduce((sum, b) => sum + b.amount, 0n);
    for (const b of balances) say(`batch ${b.batchId}: ${formatCredits(b.amount)} t`);
    say(`${account}: ${formatCredits(total)} t in ${balances.length} batch(es)`);
    return { account, balances, total };
  });
