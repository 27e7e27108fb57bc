/**
 * Registry tasks: register a project, add a vintage batch, and the verifier's status decisions.
 * `npx hardhat registry:<name> --network <net> [--deployment-id <id> | --addresses <file>] …`
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import {
  type CommonArgs,
  adminTask,
  eventOf,
  formatCredits,
  parseAddress,
  parseCredits,
  parseDate,
  parseId,
  parseInteger,
  parseText,
  resolveSystem,
  say,
  sendTx,
  TaskArgumentError,
  type TxMethod,
} from "./lib";
import { parseCountry } from "./country";

/** IProjectRegistry.ProjectStatus, in enum order. */
export const PROJECT_STATUS = ["None", "Pending", "Approved", "Rejected", "Suspended", "Deactivated"] as const;

/** Checks that project `id` exists (1 … projectCount) before a transaction is sent. */
async function existingProject(sys: Awaited<ReturnType<typeof resolveSystem>>, value: unknown): Promise<bigint> {
  const id = parseId("project", value);
  const count = await sys.registry.projectCount();
  if (id > count) throw new TaskArgumentError("project", `project ${id} does not exist (there are ${count})`);
  return id;
}

const iso = (s: bigint) => new Date(Number(s) * 1000).toISOString().slice(0, 10);

adminTask("registry:project", "Show a project: owner, status, standard, country, URI and its vintage batches (read only)")
  .addParam("project", "Project id")
  .setAction(async (args: CommonArgs & { project: string }, hre: HardhatRuntimeEnvironment) => {
    const sys = await resolveSystem(hre, args);
    const projectId = await existingProject(sys, args.project);
    const p = await sys.registry.getProject(projectId);
    const batchIds = await sys.registry.projectBatches(projectId);
    const status = PROJECT_STATUS[Number(p.status)];
    say(`project ${projectId}: ${p.name} — ${status}; owner ${p.owner}`);
    say(`  ${p.standard} ${p.methodology}, ${p.country}${p.uri ? `, ${p.uri}` : ""}; estimated ${formatCredits(p.estimatedCredits)} t`);
    say(`  batches (vintage order): ${batchIds.length === 0 ? "none" : batchIds.join(", ")}`);
    return { projectId, owner: p.owner, name: p.name, status, standard: p.standard, methodology: p.methodology, country: p.country, uri: p.uri, estimatedCredits: p.estimatedCredits, batchIds: [...batchIds] };
  });

adminTask("registry:batch", "Show a vintage batch: serial, vintage, monitoring period, cap, minted, retired (read only)")
  .addParam("batch", "Batch id (= token id)")
  .setAction(async (args: CommonArgs & { batch: string }, hre: HardhatRuntimeEnvironment) => {
    const batchId = parseId("batch", args.batch);
    const sys = await resolveSystem(hre, args);
    const count = await sys.registry.batchCount();
    if (batchId > count) throw new TaskArgumentError("batch", `batch ${batchId} does not exist (there are ${count})`);
    const b = await sys.registry.getBatch(batchId);
    const out = { batchId, projectId: b.projectId, serial: b.serial, vintage: Number(b.vintage), startDate: b.startDate, endDate: b.endDate, supplyCap: b.totalSupply, minted: b.minted, retired: b.retired };
    say(`batch ${batchId} of project ${b.projectId}: ${b.serial}, vintage ${out.vintage}, ${iso(b.startDate)} … ${iso(b.endDate)}`);
    say(`  cap ${formatCredits(b.totalSupply)} t, minted ${formatCredits(b.minted)} t, retired ${formatCredits(b.retired)} t, mintable ${formatCredits(b.totalSupply - b.minted)} t`);
    return out;
  });

interface RegisterArgs extends CommonArgs {
  name: string;
  owner: string;
  standard: string;
  methodology: string;
  country: string;
  uri: string;
  estimated: string;
}

adminTask("registry:register", "Register a project (status Pending); prints its id. Needs REGISTRAR_ROLE")
  .addParam("name", "Project name")
  .addParam("owner", "Project owner (developer / NGO) address")
  .addParam("standard", "Standard, e.g. VCS, GS, ICM")
  .addParam("methodology", "Methodology, e.g. AMS-I.D")
  .addParam("country", "Country (ISO 3166-1 alpha-2, e.g. IN)")
  .addOptionalParam("uri", "Metadata URI", "")
  .addOptionalParam("estimated", "Estimated credits (tCO2e, decimal; 0 = unknown)", "0")
  .setAction(async (args: RegisterArgs, hre: HardhatRuntimeEnvironment) => {
    const input = {
      owner: parseAddress("owner", args.owner),
      name: parseText("name", args.name),
      standard: parseText("standard", args.standard),
      methodology: parseText("methodology", args.methodology),
      country: parseCountry("country", args.country),
      uri: args.uri ?? "",
      estimatedCredits: args.estimated === "0" ? 0n : parseCredits("estimated", args.estimated),
    };
    const sys = await resolveSystem(hre, args);
    const sent = await sendTx(sys, "registry:register", sys.registry.registerProject, [input]);
    if (sent.queued) return sent;
    const projectId = eventOf(sent, "ProjectRegistered", "registry:register").args.projectId as bigint;
    say(`project ${projectId} registered (Pending): ${input.name}, owner ${input.owner}`);
    return { ...sent, projectId };
  });

interface BatchArgs extends CommonArgs {
  project: string;
  serial: string;
  vintage: string;
  start: string;
  end: string;
  supply: string;
}

adminTask("registry:add-batch", "Add a vintage batch to a project; prints the batch id (= token id). Needs REGISTRAR_ROLE")
  .addParam("project", "Project id")
  .addParam("serial", "Serial / uuid of the off-chain registry (unique system-wide)")
  .addParam("vintage", "Vintage year (1990–2200)")
  .addParam("start", "First day of the monitoring period (YYYY-MM-DD, UTC, or unix seconds)")
  .addParam("end", "Last day of the monitoring period (YYYY-MM-DD, UTC: 23:59:59 of that day, or unix seconds)")
  .addParam("supply", "Total supply of the batch, credits (tCO2e, decimal, > 0)")
  .setAction(async (args: BatchArgs, hre: HardhatRuntimeEnvironment) => {
    const serial = parseText("serial", args.serial);
    const vintage = Number(parseInteger("vintage", args.vintage, 1990n, 2200n));
    const startDate = parseDate("start", args.start);
    const endDate = parseDate("end", args.end, true);
    if (endDate < startDate) throw new TaskArgumentError("end", `${args.end} is before --start ${args.start}`);
    const totalSupply = parseCredits("supply", args.supply);
    const sys = await resolveSystem(hre, args);
    const projectId = await existingProject(sys, args.project);
    const input = { serial, vintage, startDate, endDate, totalSupply };
    const sent = await sendTx(sys, "registry:add-batch", sys.registry.addBatch, [projectId, input]);
    if (sent.queued) return sent;
    const batchId = eventOf(sent, "BatchAdded", "registry:add-batch").args.batchId as bigint;
    say(`batch ${batchId} added to project ${projectId}: ${serial}, vintage ${vintage}, supply ${formatCredits(totalSupply)} t`);
    return { ...sent, batchId };
  });

type Decision = "approve" | "reject" | "suspend" | "reinstate" | "deactivate";

const DECISIONS: Record<Decision, { withReason: boolean; description: string }> = {
  approve: { withReason: false, description: "Pending → Approved" },
  reject: { withReason: true, description: "Pending → Rejected" },
  suspend: { withReason: true, description: "Approved → Suspended" },
  reinstate: { withReason: false, description: "Suspended → Approved" },
  deactivate: { withReason: true, description: "Approved / Suspended → Deactivated (final)" },
};

for (const [decision, { withReason, description }] of Object.entries(DECISIONS) as Array<[Decision, (typeof DECISIONS)[Decision]]>) {
  const t = adminTask(`registry:${decision}`, `${description}. Needs VERIFIER_ROLE`).addParam("project", "Project id");
  if (withReason) t.addParam("reason", "Reason (free text, recorded in the event)");
  t.setAction(async (args: CommonArgs & { project: string; reason?: string }, hre: HardhatRuntimeEnvironment) => {
    const reason = withReason ? parseText("reason", args.reason) : "";
    const sys = await resolveSystem(hre, args);
    const projectId = await existingProject(sys, args.project);
    const r = sys.registry;
    const action = `registry:${decision}`;
    const [method, callArgs] = {
      approve: [r.approveProject, [projectId]],
      reject: [r.rejectProject, [projectId, reason]],
      suspend: [r.suspendProject, [projectId, reason]],
      reinstate: [r.reinstateProject, [projectId]],
      deactivate: [r.deactivateProject, [projectId, reason]],
    }[decision] as [TxMethod, unknown[]];
    const sent = await sendTx(sys, action, method, callArgs);
    if (sent.queued) return { ...sent, projectId };
    const ev = eventOf(sent, "ProjectStatusChanged", action);
    const from = PROJECT_STATUS[Number(ev.args.from)];
    const to = PROJECT_STATUS[Number(ev.args.to)];
    say(`project ${projectId}: ${from} → ${to}`);
    return { ...sent, projectId, from, to };
  });
}
