import { expect } from "chai";
import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { ContractRevertError, InvalidArgumentError, OpenTonne, co2GramsFor, toSdkError, type OracleReportInput } from "../../sdk";
import * as E from "../../sdk/generated/errors";
import { CONTRACT_ERRORS } from "../../sdk/generated/errors";
import { ADMIN_DELAY, CREDIT, DEFAULT_URI, ROLES, Status, batchInput, projectInput, retirementDetails } from "../helpers/fixtures";
import { POOL_ROLES, utc } from "../pool/fixtures";
import { EF, RStatus, dayOf, makeReport, signBatch, TEST_DEVICE_OWNERS } from "../mrv-oracle/MRVOracle.fixtures";
import { USD, tradingSetup } from "./tradingFixtures";

/**
 * Issue 6: every generated error class is produced by a real revert on the in-process network and
 * decoded with its typed fields — through an SDK module method wherever the SDK lets the call reach
 * the contract ("sdk"), otherwise by making the call with the TypeChain contract / a deployment and
 * passing the thrown error to `toSdkError` ("raw": the SDK pre-validates the input, or has no method
 * for the path). Classes no call can produce with the deployed code are listed in UNREACHABLE with
 * the reason; the completeness test fails for any class in neither.
 */

type ErrorClass = new (args: readonly unknown[], data: string, cause?: unknown) => ContractRevertError;
type Via = "sdk" | "raw";
type Ctx = Awaited<ReturnType<typeof setup>>;
interface Outcome {
  error: unknown;
  /** The typed fields the decoded error must carry (deep-equal). */
  fields: Record<string, unknown>;
  /** Extra checks on fields whose value depends on the block time. */
  check?: (error: ContractRevertError) => void;
}
interface Case {
  cls: ErrorClass;
  via: Via;
  group: string;
  run: (c: Ctx) => Promise<Outcome>;
  /**
   * For a raw case whose reason is the SDK's own argument check: the same input through the SDK
   * method, which must be refused with an InvalidArgumentError (nothing sent).
   */
  refusedBySdk?: (c: Ctx) => Promise<unknown>;
}

const DAY = 24n * 3600n;
const GRACE = 7n * DAY;
const MAX_UINT128 = (1n << 128n) - 1n;
const march = (d: number) => dayOf(2025, 3, d);

/** SDK clients per fixture deployment: the addresses are the same after every `loadFixture` revert. */
const clientCache = new Map<string, Promise<Clients>>();
type Clients = Awaited<ReturnType<typeof connectAll>>;

async function connectAll(sys: Awaited<ReturnType<typeof tradingSetup>>["sys"], as: Awaited<ReturnType<typeof tradingSetup>>["as"]) {
  const [admin, registrar, verifier, issuer, pauser, alice, bob, carol, dave, outsider, manager, oracleAcct, feeRecipient, deviceRegistrar] =
    await Promise.all(
      [
        sys.admin,
        sys.registrar,
        sys.verifier,
        sys.issuer,
        sys.pauser,
        sys.alice,
        sys.bob,
        sys.carol,
        sys.dave,
        sys.outsider,
        sys.manager,
        sys.oracle,
        sys.feeRecipient,
        sys.deviceRegistrar,
      ].map((s) => as(s)),
    );
  return {
    admin,
    registrar,
    verifier,
    issuer,
    pauser,
    alice,
    bob,
    carol,
    dave,
    outsider,
    manager,
    oracleAcct,
    relayer: outsider,
    feeRecipient,
    deviceRegistrar,
  };
}

async function setup() {
  const { sys, as } = await tradingSetup();
  const key = JSON.stringify(sys.deployment);
  if (!clientCache.has(key)) clientCache.set(key, connectAll(sys, as));
  return { sys, ...(await clientCache.get(key)!) };
}

/** The error an SDK call rejects with; fails when it resolves. */
async function viaSdk(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error("expected the SDK call to revert");
}

/** A raw contract call or deployment that must revert, its error mapped by `toSdkError(action, …)`. */
async function viaRaw(action: string, call: Promise<unknown>): Promise<unknown> {
  try {
    const sent = await call;
    const tx = sent as { wait?: () => Promise<unknown> } | null;
    if (tx && typeof tx.wait === "function") await tx.wait();
  } catch (error) {
    return toSdkError(action, error);
  }
  throw new Error(`expected ${action} to revert`);
}

async function now(): Promise<bigint> {
  return BigInt(await time.latest());
}

const CASES: Case[] = [];
function add(group: string, cls: ErrorClass, via: Via, run: (c: Ctx) => Promise<Outcome>, refusedBySdk?: (c: Ctx) => Promise<unknown>) {
  CASES.push({ cls, via, group, run, refusedBySdk });
}

/**
 * Classes that no call can produce against the deployed code, each with the reason. Everything else
 * in CONTRACT_ERRORS must be in CASES.
 */
const UNREACHABLE: Record<string, string> = {
  CalendarPeriodsInvalidDate:
    "CarbonPool only calls CalendarPeriods.periodOf with a uint40 timestamp: civilFromTimestamp yields year ≥ 1970, month 1..12, and the month starts it asks for are always valid dates",
  StringsInsufficientHexLength:
    "CarbonPool's only Strings.toHexString call is toHexString(address), which always asks for exactly the 20 bytes an address has",
  InvalidShortString:
    'MRVOracle\'s EIP712 name/version are the constructor constants "OpenTonne MRVOracle"/"1" (< 32 bytes, stored as ShortStrings); ShortStrings.byteLength never sees a longer value',
  StringTooLong:
    "EIP712 uses toShortStringWithFallback, which stores long strings in storage instead of reverting; only toShortString reverts, and nothing calls it",
  ERC1155InvalidApprover: "ERC1155._setApprovalForAll is only reached from setApprovalForAll with owner = msg.sender, never the zero address",
  ERC1155InvalidSender:
    "transfers and burns of `from = 0` need msg.sender = 0 or an approval given by the zero address; every path (safeTransferFrom, safeBatchTransferFrom, retire, retireProject) checks that first (ERC1155MissingApprovalForAll)",
  MRVOracleTooManyDevices:
    "registerDevice refuses the 2^24 + 1st device: reaching it takes 16,777,216 registrations (≈ 1.5e12 gas), far beyond any test; the check is one comparison against MAX_DEVICES",
  ERC20InvalidSender:
    "the payment token's _transfer/_burn with from = 0: transfer uses msg.sender, transferFrom(0, …) reverts ERC20InvalidApprover in _spendAllowance first, and MockUSD has no burn",
};

// ───────────────────────────── access control and pause (all five contracts) ─────────────────────────────

add("AccessControl / Pausable", E.AccessControlUnauthorizedAccountError, "sdk", async ({ sys, outsider }) => ({
  error: await viaSdk(outsider.registry.approveProject(sys.tradeProjectId)),
  fields: { account: sys.outsider.address, neededRole: ROLES.VERIFIER },
}));
add("AccessControl / Pausable", E.AccessControlBadConfirmationError, "raw", async ({ sys }) => ({
  // renounceRole(role, callerConfirmation) with a confirmation that is not the caller.
  error: await viaRaw("registry.renounceRole", sys.registry.connect(sys.registrar).renounceRole(ROLES.REGISTRAR, sys.alice.address)),
  fields: { args: [] },
}));
add("AccessControl / Pausable", E.AccessControlEnforcedDefaultAdminRulesError, "raw", async ({ sys }) => ({
  error: await viaRaw("credits.grantRole", sys.credits.connect(sys.admin).grantRole(ROLES.DEFAULT_ADMIN, sys.alice.address)),
  fields: { args: [] },
}));
add("AccessControl / Pausable", E.AccessControlEnforcedDefaultAdminDelayError, "raw", async ({ sys }) => ({
  // The default admin renouncing without a scheduled (and passed) renounce: schedule 0.
  error: await viaRaw("market.renounceRole", sys.market.connect(sys.admin).renounceRole(ROLES.DEFAULT_ADMIN, sys.admin.address)),
  fields: { schedule: 0n },
}));
add("AccessControl / Pausable", E.AccessControlInvalidDefaultAdminError, "raw", async ({ sys }) => ({
  // Accepting a default-admin transfer nobody offered to the caller.
  error: await viaRaw("pool.acceptDefaultAdminTransfer", sys.pool.connect(sys.outsider).acceptDefaultAdminTransfer()),
  fields: { defaultAdmin: sys.outsider.address },
}));
add("AccessControl / Pausable", E.SafeCastOverflowedUintDowncastError, "raw", async ({ sys }) => {
  // AccessControlDefaultAdminRules computes a schedule with SafeCast.toUint48(block.timestamp): a chain
  // clock at 2^48 seconds makes beginDefaultAdminTransfer revert.
  const at = 1n << 48n;
  await time.setNextBlockTimestamp(at);
  const error = await viaRaw(
    "oracle.beginDefaultAdminTransfer",
    sys.mrv.connect(sys.admin).beginDefaultAdminTransfer(sys.alice.address, { gasLimit: 500_000n }),
  );
  return { error, fields: { bits: 48n, value: at } };
});
add("AccessControl / Pausable", E.EnforcedPauseError, "sdk", async ({ sys, pauser, alice }) => {
  await pauser.credits.pause();
  return { error: await viaSdk(alice.credits.transfer(sys.bob.address, sys.b2020a, 1n)), fields: { args: [] } };
});
add("AccessControl / Pausable", E.ExpectedPauseError, "sdk", async ({ pauser }) => ({
  error: await viaSdk(pauser.market.unpause()),
  fields: { args: [] },
}));

// ───────────────────────────── ProjectRegistry ─────────────────────────────

/** A fresh registry whose ledger is the admin EOA (a registry can be bound to any ledger once). */
async function registryWithEoaLedger(c: Ctx) {
  const registry = await ethers.deployContract("ProjectRegistry", [c.sys.admin.address, ADMIN_DELAY]);
  await registry.connect(c.sys.admin).bindCredits(c.sys.admin.address);
  await registry.connect(c.sys.admin).grantRole(ROLES.REGISTRAR, c.sys.registrar.address);
  await registry.connect(c.sys.registrar).registerProject(projectInput(c.sys.alice.address));
  await registry.connect(c.sys.registrar).addBatch(1n, batchInput(2021, 100n * CREDIT));
  return registry;
}

async function pendingProject(c: Ctx): Promise<bigint> {
  const { projectId } = await c.registrar.registry.registerProject({
    owner: c.sys.carol.address,
    name: "Pending wind farm",
    standard: "VCS",
    methodology: "ACM0002",
    country: "IN",
  });
  return projectId;
}

function batch(vintage: number, totalSupply: bigint, serial = `ERR-${vintage}-${totalSupply}-${Math.random()}`) {
  return {
    serial,
    vintage,
    startDate: BigInt(Date.UTC(vintage, 0, 1) / 1000),
    endDate: BigInt(Date.UTC(vintage, 11, 31) / 1000),
    totalSupply,
  };
}

add("ProjectRegistry", E.RegistryUnknownProjectError, "sdk", async ({ alice }) => ({
  error: await viaSdk(alice.registry.getProject(999)),
  fields: { projectId: 999n },
}));
add("ProjectRegistry", E.RegistryUnknownBatchError, "sdk", async ({ alice }) => ({
  error: await viaSdk(alice.registry.getBatch(777)),
  fields: { batchId: 777n },
}));
add("ProjectRegistry", E.RegistryInvalidStatusTransitionError, "sdk", async ({ sys, verifier }) => ({
  error: await viaSdk(verifier.registry.approveProject(sys.tradeProjectId)),
  fields: { projectId: sys.tradeProjectId, from: Number(Status.Approved), to: Number(Status.Approved) },
}));
add("ProjectRegistry", E.RegistryInvalidOwnerError, "sdk", async ({ registrar }) => ({
  error: await viaSdk(
    registrar.registry.registerProject({ owner: ethers.ZeroAddress, name: "No owner", standard: "VCS", methodology: "AMS-I.D", country: "IN" }),
  ),
  fields: { owner: ethers.ZeroAddress },
}));
add(
  "ProjectRegistry",
  E.RegistryEmptyFieldError,
  "raw",
  async ({ sys }) => ({
    // The SDK refuses an empty name (InvalidArgumentError) before any call.
    error: await viaRaw(
      "registry.registerProject",
      sys.registry.connect(sys.registrar).registerProject(projectInput(sys.alice.address, { name: "" })),
    ),
    fields: { field: "name" },
  }),
  (c) => c.registrar.registry.registerProject({ owner: c.sys.alice.address, name: "", standard: "VCS", methodology: "AMS-I.D", country: "IN" }),
);
add("ProjectRegistry", E.RegistryFieldTooLongError, "sdk", async ({ sys, registrar }) => ({
  error: await viaSdk(registrar.registry.setProjectURI(sys.tradeProjectId, "x".repeat(513))),
  fields: { field: "uri", length: 513n, maxLength: 512n },
}));
add("ProjectRegistry", E.RegistryProjectNotOpenForBatchesError, "sdk", async (c) => {
  const projectId = await pendingProject(c);
  await c.verifier.registry.rejectProject(projectId, "no additionality");
  return {
    error: await viaSdk(c.registrar.registry.addBatch(projectId, batch(2024, CREDIT))),
    fields: { projectId, status: Number(Status.Rejected) },
  };
});
add("ProjectRegistry", E.RegistryBatchCapReachedError, "sdk", async (c) => {
  const projectId = await pendingProject(c);
  for (let i = 0; i < 128; i++) await c.sys.registry.connect(c.sys.registrar).addBatch(projectId, batchInput(2024, CREDIT));
  return { error: await viaSdk(c.registrar.registry.addBatch(projectId, batch(2024, CREDIT))), fields: { projectId, cap: 128n } };
});
add("ProjectRegistry", E.RegistryDuplicateSerialError, "sdk", async ({ sys, registrar }) => {
  const { serial } = await registrar.registry.getBatch(sys.b2020a);
  return {
    error: await viaSdk(registrar.registry.addBatch(sys.tradeProjectId, batch(2021, CREDIT, serial))),
    fields: { serial, existingBatchId: sys.b2020a },
  };
});
add("ProjectRegistry", E.RegistryInvalidVintageError, "sdk", async ({ sys, registrar }) => ({
  error: await viaSdk(registrar.registry.addBatch(sys.tradeProjectId, { ...batch(2021, CREDIT), vintage: 1989 })),
  fields: { vintage: 1989n },
}));
add(
  "ProjectRegistry",
  E.RegistryInvalidBatchDatesError,
  "raw",
  async ({ sys }) => {
    // The SDK refuses endDate < startDate before any call.
    const b = batch(2021, CREDIT);
    return {
      error: await viaRaw(
        "registry.addBatch",
        sys.registry.connect(sys.registrar).addBatch(sys.tradeProjectId, { ...b, startDate: b.endDate, endDate: b.startDate }),
      ),
      fields: { startDate: b.endDate, endDate: b.startDate },
    };
  },
  (c) =>
    (() => {
      const b = batch(2021, CREDIT);
      return c.registrar.registry.addBatch(c.sys.tradeProjectId, { ...b, startDate: b.endDate, endDate: b.startDate });
    })(),
);
add(
  "ProjectRegistry",
  E.RegistryNotSelfOwnedError,
  "raw",
  async ({ sys }) => ({
    // No SDK method registers a self-managed project (the pool's registerPoolProject always names the pool).
    error: await viaRaw(
      "registry.registerSelfManagedProject",
      sys.registry.connect(sys.registrar).registerSelfManagedProject(projectInput(sys.alice.address)),
    ),
    fields: { owner: sys.alice.address, caller: sys.registrar.address },
  }),
);
add("ProjectRegistry", E.RegistrySelfManagedProjectError, "sdk", async ({ sys, registrar }) => ({
  error: await viaSdk(registrar.registry.addBatch(sys.projectId, batch(2025, CREDIT))),
  fields: { projectId: sys.projectId, owner: sys.poolAddress, caller: sys.registrar.address },
}));
add("ProjectRegistry", E.RegistryReservedSerialError, "sdk", async ({ sys, registrar }) => {
  const serial = `OTPOOL-${sys.poolAddress.toLowerCase()}-2`;
  return {
    error: await viaSdk(registrar.registry.addBatch(sys.tradeProjectId, batch(2021, CREDIT, serial))),
    fields: { serial, caller: sys.registrar.address },
  };
});
add("ProjectRegistry", E.RegistryInvalidBatchSupplyError, "sdk", async ({ sys, registrar }) => ({
  error: await viaSdk(registrar.registry.addBatch(sys.tradeProjectId, batch(2021, 1n << 72n))),
  fields: { totalSupply: 1n << 72n },
}));
add("ProjectRegistry", E.RegistryInvalidCreditsError, "raw", async ({ sys }) => ({
  // No SDK method binds the ledger.
  error: await viaRaw("registry.bindCredits", sys.registry.connect(sys.admin).bindCredits(ethers.ZeroAddress)),
  fields: { credits: ethers.ZeroAddress },
}));
add("ProjectRegistry", E.RegistryCreditsAlreadyBoundError, "raw", async ({ sys }) => ({
  error: await viaRaw("registry.bindCredits", sys.registry.connect(sys.admin).bindCredits(sys.alice.address)),
  fields: { credits: await sys.credits.getAddress() },
}));
add("ProjectRegistry", E.RegistryBatchesBeforeBindingError, "raw", async ({ sys }) => {
  // No SDK method binds the ledger; a registry that has batches refuses a first binding.
  const fresh = await ethers.deployContract("ProjectRegistry", [sys.admin.address, ADMIN_DELAY]);
  await fresh.connect(sys.admin).grantRole(ROLES.REGISTRAR, sys.registrar.address);
  await fresh.connect(sys.registrar).registerProject(projectInput(sys.alice.address));
  await fresh.connect(sys.registrar).addBatch(1n, batchInput(2021, CREDIT));
  return {
    error: await viaRaw("registry.bindCredits", fresh.connect(sys.admin).bindCredits(await sys.credits.getAddress())),
    fields: { batchCount: 1n },
  };
});
add("ProjectRegistry", E.RegistryUnknownPositionError, "raw", async ({ sys }) => ({
  // No SDK method takes stable positions (CarbonCredits passes only positions it holds an index of).
  error: await viaRaw("registry.positionsOldestFirst", sys.registry.positionsOldestFirst(sys.tradeProjectId, 1n << 5n)),
  fields: { projectId: sys.tradeProjectId, position: 5n },
}));
add("ProjectRegistry", E.RegistryUnauthorizedLedgerError, "raw", async ({ sys }) => ({
  error: await viaRaw("registry.recordIssuance", sys.registry.connect(sys.outsider).recordIssuance(sys.b2020a, 1n)),
  fields: { caller: sys.outsider.address },
}));
add("ProjectRegistry", E.RegistryProjectNotApprovedError, "sdk", async (c) => {
  // Bubbles up from the registry through CarbonCredits.mint.
  const projectId = await pendingProject(c);
  const { batchId } = await c.registrar.registry.addBatch(projectId, batch(2024, CREDIT));
  return { error: await viaSdk(c.issuer.credits.mint(c.sys.alice.address, batchId, 1n)), fields: { projectId, status: Number(Status.Pending) } };
});
add("ProjectRegistry", E.RegistryExceedsBatchSupplyError, "sdk", async ({ sys, issuer }) => {
  const { remaining } = await issuer.registry.getBatch(sys.b2020a);
  return {
    error: await viaSdk(issuer.credits.mint(sys.alice.address, sys.b2020a, remaining + 1n)),
    fields: { batchId: sys.b2020a, requested: remaining + 1n, available: remaining },
  };
});
add("ProjectRegistry", E.RegistryExceedsProjectSupplyError, "sdk", async ({ sys, issuer }) => {
  const batches = await issuer.registry.getProjectBatches(sys.tradeProjectId);
  const available = batches.reduce((s, b) => s + b.remaining, 0n);
  return {
    error: await viaSdk(issuer.credits.mintProject(sys.alice.address, sys.tradeProjectId, available + 5n)),
    fields: { projectId: sys.tradeProjectId, requested: available + 5n, available },
  };
});
add("ProjectRegistry", E.RegistryZeroAmountError, "raw", async (c) => {
  // CarbonCredits rejects a zero amount itself (CarbonCreditsZeroAmount) before calling its registry,
  // so the registry's own check is exercised on a registry bound to an EOA ledger.
  const registry = await registryWithEoaLedger(c);
  return { error: await viaRaw("registry.recordIssuance", registry.connect(c.sys.admin).recordIssuance(1n, 0n)), fields: { args: [] } };
});
add("ProjectRegistry", E.RegistryExceedsMintedError, "raw", async (c) => {
  // Through CarbonCredits the burn fails first (ERC1155InsufficientBalance): balances never exceed
  // minted − retired. A ledger retiring more than was minted hits the registry's own check.
  const registry = await registryWithEoaLedger(c);
  return {
    error: await viaRaw("registry.recordRetirement", registry.connect(c.sys.admin).recordRetirement(1n, 5n)),
    fields: { batchId: 1n, requested: 5n, available: 0n },
  };
});

// ───────────────────────────── CarbonCredits ─────────────────────────────

add("CarbonCredits", E.CarbonCreditsUnknownRetirementError, "sdk", async ({ alice }) => ({
  error: await viaSdk(alice.credits.getRetirement(42)),
  fields: { retirementId: 42n },
}));
add("CarbonCredits", E.CarbonCreditsInsufficientProjectBalanceError, "sdk", async ({ sys, carol }) => ({
  error: await viaSdk(carol.credits.retireProject(sys.tradeProjectId, 3n)),
  fields: { holder: sys.carol.address, projectId: sys.tradeProjectId, requested: 3n, available: 0n },
}));
add(
  "CarbonCredits",
  E.CarbonCreditsFieldTooLongError,
  "raw",
  async ({ sys }) => ({
    // The SDK refuses texts over 256 UTF-8 bytes before any call.
    error: await viaRaw(
      "credits.retire",
      sys.credits.connect(sys.alice).retire(sys.alice.address, sys.b2020a, CREDIT, retirementDetails(sys.alice.address, { reason: "r".repeat(257) })),
    ),
    fields: { field: "reason", length: 257n, maxLength: 256n },
  }),
  (c) => c.alice.credits.retire(c.sys.b2020a, CREDIT, { reason: "r".repeat(257) }),
);
add("CarbonCredits", E.CarbonCreditsUnauthorizedRegistryError, "raw", async ({ sys }) => ({
  // Only the token's registry tells it new batches; no SDK method calls registerBatch.
  error: await viaRaw("credits.registerBatch", sys.credits.connect(sys.outsider).registerBatch(1n, 1n, 0n)),
  fields: { caller: sys.outsider.address },
}));
add("CarbonCredits", E.CarbonCreditsInvalidAccountError, "raw", async ({ sys }) => {
  // Only an ESCROW_ROLE contract calls retireFromEscrow (the marketplace and pool always pass the buyer or member).
  await sys.credits.connect(sys.admin).grantRole(ethers.id("ESCROW_ROLE"), sys.outsider.address);
  const link = { source: 1, refId: 1n, fill: 1n };
  return {
    error: await viaRaw(
      "credits.retireFromEscrow",
      sys.credits.connect(sys.outsider).retireFromEscrow(ethers.ZeroAddress, sys.b2020a, CREDIT, retirementDetails(sys.alice.address), link),
    ),
    fields: { account: ethers.ZeroAddress },
  };
});
add("CarbonCredits", E.CarbonCreditsInvalidBeneficiaryError, "sdk", async ({ sys, alice }) => ({
  error: await viaSdk(alice.credits.retire(sys.b2020a, CREDIT, { beneficiary: ethers.ZeroAddress })),
  fields: { beneficiary: ethers.ZeroAddress },
}));
add(
  "CarbonCredits",
  E.CarbonCreditsZeroAmountError,
  "raw",
  async ({ sys }) => ({
    // The SDK refuses amount 0 (InvalidArgumentError) before any call.
    error: await viaRaw("credits.mint", sys.credits.connect(sys.issuer).mint(sys.alice.address, sys.b2020a, 0n)),
    fields: { args: [] },
  }),
  (c) => c.issuer.credits.mint(c.sys.alice.address, c.sys.b2020a, 0n),
);
add("CarbonCredits", E.CarbonCreditsInvalidRegistryError, "raw", async ({ sys }) => ({
  error: await viaRaw(
    "deploy CarbonCredits",
    ethers.deployContract("CarbonCredits", [sys.admin.address, ADMIN_DELAY, ethers.ZeroAddress, DEFAULT_URI]),
  ),
  fields: { registry: ethers.ZeroAddress },
}));
add("CarbonCredits", E.ERC1155InsufficientBalanceError, "sdk", async ({ sys, carol }) => ({
  error: await viaSdk(carol.credits.transfer(sys.bob.address, sys.b2020a, 7n)),
  fields: { sender: sys.carol.address, balance: 0n, needed: 7n, tokenId: sys.b2020a },
}));
add("CarbonCredits", E.ERC1155MissingApprovalForAllError, "sdk", async ({ sys, carol }) => ({
  error: await viaSdk(carol.credits.transferFrom(sys.alice.address, sys.carol.address, sys.b2020a, 1n)),
  fields: { operator: sys.carol.address, owner: sys.alice.address },
}));
add("CarbonCredits", E.ERC1155InvalidReceiverError, "sdk", async ({ sys, alice }) => {
  // The registry has no onERC1155Received: the transfer reverts without data → InvalidReceiver.
  const registry = await sys.registry.getAddress();
  return { error: await viaSdk(alice.credits.transfer(registry, sys.b2020a, 1n)), fields: { receiver: registry } };
});
add("CarbonCredits", E.ERC1155InvalidOperatorError, "sdk", async ({ alice }) => ({
  error: await viaSdk(alice.credits.setApprovalForAll(ethers.ZeroAddress, true)),
  fields: { operator: ethers.ZeroAddress },
}));
add("CarbonCredits", E.ERC1155InvalidArrayLengthError, "raw", async ({ sys }) => ({
  // The SDK builds the two arrays from one list of { batchId, amount }, so they never differ in length.
  error: await viaRaw(
    "credits.safeBatchTransferFrom",
    sys.credits.connect(sys.alice).safeBatchTransferFrom(sys.alice.address, sys.bob.address, [sys.b2020a, sys.b2022], [1n], "0x"),
  ),
  fields: { idsLength: 2n, valuesLength: 1n },
}));

// ───────────────────────────── CreditMarketplace ─────────────────────────────

const TENDER_CREDITS = 100n * CREDIT;
const TENDER_PRICE = 15n * USD;
const LISTING_CREDITS = 50n * CREDIT;
const LISTING_PRICE = 12n * USD;
const MIN_FILL = 5n * CREDIT;

async function tenderInput(c: Ctx, over: Record<string, unknown> = {}) {
  return {
    paymentToken: c.sys.usdAddress,
    creditsRequired: TENDER_CREDITS,
    maxPricePerCredit: TENDER_PRICE,
    deadline: (await now()) + 3n * DAY,
    ...over,
  };
}

/** carol's open tender with alice's pending proposal (10 credits of b2020a at 12 USD). */
async function tenderWithProposal(c: Ctx, over: Record<string, unknown> = {}) {
  const input = await tenderInput(c, over);
  const { tenderId } = await c.carol.market.createTender(input, { approve: true });
  const { proposalId } = await c.alice.market.submitProposal(tenderId, c.sys.b2020a, 10n * CREDIT, 12n * USD, { approve: true });
  return { tenderId, proposalId, deadline: input.deadline as bigint };
}

/** alice's active listing of b2020a in `token` (default MockUSD). */
async function listing(c: Ctx, token = c.sys.usdAddress) {
  const expiry = (await now()) + 30n * DAY;
  const { listingId } = await c.alice.market.createListing(
    { batchId: c.sys.b2020a, amount: LISTING_CREDITS, pricePerCredit: LISTING_PRICE, paymentToken: token, expiry, minFill: MIN_FILL },
    { approve: true },
  );
  return { listingId, expiry };
}

add("CreditMarketplace", E.MarketplaceUnknownTenderError, "sdk", async ({ alice }) => ({
  error: await viaSdk(alice.market.getTender(31)),
  fields: { tenderId: 31n },
}));
add("CreditMarketplace", E.MarketplaceUnknownListingError, "sdk", async ({ alice }) => ({
  error: await viaSdk(alice.market.getListing(32)),
  fields: { listingId: 32n },
}));
add("CreditMarketplace", E.MarketplaceUnknownProposalError, "sdk", async ({ alice }) => ({
  error: await viaSdk(alice.market.getProposal(33)),
  fields: { proposalId: 33n },
}));
add("CreditMarketplace", E.MarketplaceFeeTooHighError, "sdk", async ({ admin }) => ({
  error: await viaSdk(admin.market.setFeeBps(1_001)),
  fields: { feeBps: 1_001n, maxFeeBps: 1_000n },
}));
add("CreditMarketplace", E.MarketplaceInvalidFeeRecipientError, "sdk", async ({ admin }) => ({
  error: await viaSdk(admin.market.setFeeRecipient(ethers.ZeroAddress)),
  fields: { recipient: ethers.ZeroAddress },
}));
add("CreditMarketplace", E.MarketplaceInvalidPaymentTokenError, "sdk", async ({ sys, admin }) => ({
  // An account without code cannot be a payment token.
  error: await viaSdk(admin.market.setPaymentToken(sys.dave.address, true)),
  fields: { token: sys.dave.address },
}));
add("CreditMarketplace", E.MarketplaceInvalidCreditsError, "raw", async ({ sys }) => ({
  error: await viaRaw(
    "deploy CreditMarketplace",
    ethers.deployContract("CreditMarketplace", [sys.admin.address, ADMIN_DELAY, ethers.ZeroAddress, sys.feeRecipient.address]),
  ),
  fields: { credits: ethers.ZeroAddress },
}));
add("CreditMarketplace", E.MarketplaceNotFeeRecipientError, "sdk", async ({ sys, alice }) => ({
  error: await viaSdk(alice.market.withdrawFees(sys.usdAddress)),
  fields: { caller: sys.alice.address },
}));
add("CreditMarketplace", E.MarketplaceNothingToWithdrawError, "sdk", async ({ sys, feeRecipient }) => ({
  error: await viaSdk(feeRecipient.market.withdrawFees(sys.usdAddress)),
  fields: { token: sys.usdAddress },
}));
add("CreditMarketplace", E.MarketplacePaymentTokenNotAllowedError, "sdk", async (c) => {
  const token = await c.sys.registry.getAddress();
  return { error: await viaSdk(c.carol.market.createTender(await tenderInput(c, { paymentToken: token }))), fields: { token } };
});
add(
  "CreditMarketplace",
  E.MarketplaceZeroAmountError,
  "raw",
  async (c) => ({
    // The SDK refuses amounts ≤ 0 before any call.
    error: await viaRaw(
      "market.createTender",
      c.sys.market.connect(c.sys.carol).createTender({ ...(await tenderInput(c)), creditsRequired: 0n, projectId: 0n, minVintage: 0, maxVintage: 0, retireOnAward: false }),
    ),
    fields: { args: [] },
  }),
  (c) => tenderInput(c, { creditsRequired: 0n }).then((input) => c.carol.market.createTender(input)),
);
add(
  "CreditMarketplace",
  E.MarketplaceZeroPriceError,
  "raw",
  async (c) => ({
    error: await viaRaw(
      "market.createTender",
      c.sys.market
        .connect(c.sys.carol)
        .createTender({ ...(await tenderInput(c)), maxPricePerCredit: 0n, projectId: 0n, minVintage: 0, maxVintage: 0, retireOnAward: false }),
    ),
    fields: { args: [] },
  }),
  (c) => tenderInput(c, { maxPricePerCredit: 0n }).then((input) => c.carol.market.createTender(input)),
);
add(
  "CreditMarketplace",
  E.MarketplaceValueTooLargeError,
  "raw",
  async (c) => ({
    // The SDK refuses values above 2^128 − 1 before any call.
    error: await viaRaw(
      "market.createTender",
      c.sys.market
        .connect(c.sys.carol)
        .createTender({ ...(await tenderInput(c)), creditsRequired: MAX_UINT128 + 1n, projectId: 0n, minVintage: 0, maxVintage: 0, retireOnAward: false }),
    ),
    fields: { value: MAX_UINT128 + 1n, max: MAX_UINT128 },
  }),
  (c) => tenderInput(c, { creditsRequired: MAX_UINT128 + 1n }).then((input) => c.carol.market.createTender(input)),
);
add("CreditMarketplace", E.MarketplaceInvalidDeadlineError, "sdk", async (c) => {
  const deadline = (await now()) - 10n;
  return {
    error: await viaSdk(c.carol.market.createTender(await tenderInput(c, { deadline }))),
    fields: { deadline },
    check: (e) => {
      const err = e as E.MarketplaceInvalidDeadlineError;
      expect(err.now_ > deadline).to.equal(true);
      expect(err.latest).to.equal(err.now_ + 365n * DAY);
    },
  };
});
add(
  "CreditMarketplace",
  E.MarketplaceInvalidVintageRangeError,
  "raw",
  async (c) => ({
    // The SDK refuses maxVintage < minVintage before any call.
    error: await viaRaw(
      "market.createTender",
      c.sys.market.connect(c.sys.carol).createTender({ ...(await tenderInput(c)), projectId: 0n, minVintage: 2024, maxVintage: 2020, retireOnAward: false }),
    ),
    fields: { minVintage: 2024n, maxVintage: 2020n },
  }),
  (c) => tenderInput(c, { minVintage: 2024, maxVintage: 2020 }).then((input) => c.carol.market.createTender(input)),
);
add("CreditMarketplace", E.ERC20InsufficientAllowanceError, "sdk", async (c) => ({
  // From the payment token, nested in createTender's pull of the budget (no approval given).
  error: await viaSdk(c.carol.market.createTender(await tenderInput(c))),
  fields: { spender: c.sys.marketAddress, allowance: 0n, needed: TENDER_CREDITS * 15n },
}));
add("CreditMarketplace", E.ERC20InsufficientBalanceError, "sdk", async (c) => ({
  // outsider holds no MockUSD; approve: true gives the allowance first.
  error: await viaSdk(c.outsider.market.createTender(await tenderInput(c), { approve: true })),
  fields: { sender: c.sys.outsider.address, balance: 0n, needed: TENDER_CREDITS * 15n },
}));
add("CreditMarketplace", E.ERC20InvalidReceiverError, "raw", async ({ sys }) => ({
  // The payment token itself; no SDK method moves it to an arbitrary address.
  error: await viaRaw("usd.transfer", sys.usd.connect(sys.carol).transfer(ethers.ZeroAddress, 1n)),
  fields: { receiver: ethers.ZeroAddress },
}));
add("CreditMarketplace", E.ERC20InvalidSpenderError, "raw", async ({ sys }) => ({
  error: await viaRaw("usd.approve", sys.usd.connect(sys.carol).approve(ethers.ZeroAddress, 1n)),
  fields: { spender: ethers.ZeroAddress },
}));
add("CreditMarketplace", E.ERC20InvalidApproverError, "raw", async ({ sys }) => ({
  // transferFrom(0, …, 0): _spendAllowance re-approves the zero address's allowance.
  error: await viaRaw("usd.transferFrom", sys.usd.connect(sys.carol).transferFrom(ethers.ZeroAddress, sys.carol.address, 0n)),
  fields: { approver: ethers.ZeroAddress },
}));
add("CreditMarketplace", E.MarketplaceProjectNotApprovedError, "sdk", async (c) => {
  await c.verifier.registry.suspendProject(c.sys.tradeProjectId, "audit");
  const expiry = (await now()) + 30n * DAY;
  return {
    error: await viaSdk(
      c.alice.market.createListing({
        batchId: c.sys.b2020a,
        amount: LISTING_CREDITS,
        pricePerCredit: LISTING_PRICE,
        paymentToken: c.sys.usdAddress,
        expiry,
      }),
    ),
    fields: { projectId: c.sys.tradeProjectId, status: Number(Status.Suspended) },
  };
});
add(
  "CreditMarketplace",
  E.MarketplaceInvalidMinFillError,
  "raw",
  async (c) => {
    // The SDK refuses minFill > amount before any call.
    const expiry = (await now()) + 30n * DAY;
    return {
      error: await viaRaw(
        "market.createListing",
        c.sys.market.connect(c.sys.alice).createListing(c.sys.b2020a, CREDIT, LISTING_PRICE, c.sys.usdAddress, 2n * CREDIT, expiry),
      ),
      fields: { minFill: 2n * CREDIT, amount: CREDIT },
    };
  },
  (c) =>
    now().then((t) =>
      c.alice.market.createListing({
        batchId: c.sys.b2020a,
        amount: CREDIT,
        pricePerCredit: LISTING_PRICE,
        paymentToken: c.sys.usdAddress,
        expiry: t + 30n * DAY,
        minFill: 2n * CREDIT,
      }),
    ),
);
add("CreditMarketplace", E.MarketplaceUnsolicitedTransferError, "sdk", async ({ sys, alice }) => ({
  error: await viaSdk(alice.credits.transfer(sys.marketAddress, sys.b2020a, 1n)),
  fields: { token: await sys.credits.getAddress(), operator: sys.alice.address },
}));
// tenders
add("CreditMarketplace", E.MarketplaceSelfTradeError, "sdk", async (c) => {
  const { tenderId } = await c.carol.market.createTender(await tenderInput(c), { approve: true });
  await c.sys.credits.connect(c.sys.issuer).mint(c.sys.carol.address, c.sys.b2022, CREDIT);
  return {
    error: await viaSdk(c.carol.market.submitProposal(tenderId, c.sys.b2022, CREDIT, USD, { approve: true })),
    fields: { account: c.sys.carol.address },
  };
});
add("CreditMarketplace", E.MarketplaceDeadlinePassedError, "sdk", async (c) => {
  const { tenderId, deadline } = await tenderWithProposal(c);
  await time.increaseTo(deadline);
  return { error: await viaSdk(c.bob.market.submitProposal(tenderId, c.sys.b2022, CREDIT, USD, { approve: true })), fields: { tenderId, deadline } };
});
add("CreditMarketplace", E.MarketplaceAmountAboveRequiredError, "sdk", async (c) => {
  const { tenderId } = await tenderWithProposal(c);
  return {
    error: await viaSdk(c.bob.market.submitProposal(tenderId, c.sys.b2020a, TENDER_CREDITS + 1n, USD, { approve: true })),
    fields: { tenderId, amount: TENDER_CREDITS + 1n, creditsRequired: TENDER_CREDITS },
  };
});
add("CreditMarketplace", E.MarketplacePriceAboveMaxError, "sdk", async (c) => {
  const { tenderId } = await tenderWithProposal(c);
  return {
    error: await viaSdk(c.bob.market.submitProposal(tenderId, c.sys.b2020a, CREDIT, TENDER_PRICE + 1n, { approve: true })),
    fields: { tenderId, price: TENDER_PRICE + 1n, maxPricePerCredit: TENDER_PRICE },
  };
});
add("CreditMarketplace", E.MarketplaceBatchNotEligibleError, "sdk", async (c) => {
  const { tenderId } = await c.carol.market.createTender(await tenderInput(c, { minVintage: 2021 }), { approve: true });
  return {
    error: await viaSdk(c.bob.market.submitProposal(tenderId, c.sys.b2020b, CREDIT, USD, { approve: true })),
    fields: { tenderId, batchId: c.sys.b2020b, projectId: c.sys.tradeProjectId, vintage: 2020n },
  };
});
add("CreditMarketplace", E.MarketplaceNotTenderBuyerError, "sdk", async (c) => {
  const { tenderId } = await tenderWithProposal(c);
  return { error: await viaSdk(c.dave.market.cancelTender(tenderId)), fields: { tenderId, caller: c.sys.dave.address } };
});
add("CreditMarketplace", E.MarketplaceTenderNotOpenError, "sdk", async (c) => {
  const { tenderId } = await tenderWithProposal(c);
  await c.carol.market.cancelTender(tenderId);
  return { error: await viaSdk(c.carol.market.cancelTender(tenderId)), fields: { tenderId, status: 4 } };
});
add("CreditMarketplace", E.MarketplaceGracePeriodNotOverError, "sdk", async (c) => {
  const { tenderId, deadline } = await tenderWithProposal(c);
  return { error: await viaSdk(c.dave.market.releaseTender(tenderId)), fields: { tenderId, releasableAt: deadline + GRACE } };
});
add("CreditMarketplace", E.MarketplaceAwardWindowClosedError, "sdk", async (c) => {
  const { tenderId, proposalId, deadline } = await tenderWithProposal(c);
  await time.increaseTo(deadline + GRACE);
  return {
    error: await viaSdk(c.carol.market.awardTender(tenderId, proposalId, { pricePerCredit: 12n * USD, amount: 10n * CREDIT })),
    fields: { tenderId, closesAt: deadline + GRACE },
  };
});
add("CreditMarketplace", E.MarketplaceProposalNotInTenderError, "sdk", async (c) => {
  const first = await tenderWithProposal(c);
  const second = await tenderWithProposal(c);
  return {
    error: await viaSdk(c.carol.market.awardTender(first.tenderId, second.proposalId, { pricePerCredit: 12n * USD, amount: 10n * CREDIT })),
    fields: { proposalId: second.proposalId, tenderId: first.tenderId, actualTenderId: second.tenderId },
  };
});
add("CreditMarketplace", E.MarketplaceProposalNotPendingError, "sdk", async (c) => {
  const { proposalId } = await tenderWithProposal(c);
  await c.alice.market.withdrawProposal(proposalId);
  return { error: await viaSdk(c.alice.market.withdrawProposal(proposalId)), fields: { proposalId, status: 4 } };
});
add("CreditMarketplace", E.MarketplaceNotProposalSellerError, "sdk", async (c) => {
  const { proposalId } = await tenderWithProposal(c);
  return { error: await viaSdk(c.bob.market.withdrawProposal(proposalId)), fields: { proposalId, caller: c.sys.bob.address } };
});
add("CreditMarketplace", E.MarketplaceTenderNotFinalError, "sdk", async (c) => {
  const { tenderId, proposalId } = await tenderWithProposal(c);
  return { error: await viaSdk(c.dave.market.reclaimProposal(proposalId)), fields: { tenderId, status: 1 } };
});
add("CreditMarketplace", E.MarketplaceTermsMismatchError, "sdk", async (c) => {
  const { tenderId, proposalId } = await tenderWithProposal(c);
  return {
    error: await viaSdk(c.carol.market.awardTender(tenderId, proposalId, { pricePerCredit: 11n * USD, amount: 10n * CREDIT })),
    fields: { expectedPrice: 11n * USD, price: 12n * USD, expectedAmount: 10n * CREDIT, amount: 10n * CREDIT },
  };
});
add("CreditMarketplace", E.MarketplaceMaxCostExceededError, "sdk", async (c) => {
  const { tenderId, proposalId } = await tenderWithProposal(c);
  return {
    error: await viaSdk(
      c.carol.market.awardTender(tenderId, proposalId, { pricePerCredit: 12n * USD, amount: 10n * CREDIT, maxTotalCost: 100n * USD }),
    ),
    fields: { cost: 120n * USD, maxTotalCost: 100n * USD },
  };
});
// listings
add("CreditMarketplace", E.MarketplaceListingExpiredError, "sdk", async (c) => {
  const { listingId, expiry } = await listing(c);
  await time.increaseTo(expiry);
  return {
    error: await viaSdk(c.carol.market.buy(listingId, MIN_FILL, { pricePerCredit: LISTING_PRICE }, { approve: true })),
    fields: { listingId, expiry },
  };
});
add("CreditMarketplace", E.MarketplaceListingNotActiveError, "sdk", async (c) => {
  const { listingId } = await listing(c);
  await c.alice.market.cancelListing(listingId);
  return { error: await viaSdk(c.carol.market.buy(listingId, MIN_FILL, { pricePerCredit: LISTING_PRICE })), fields: { listingId, status: 4 } };
});
add("CreditMarketplace", E.MarketplaceAmountAboveRemainingError, "sdk", async (c) => {
  const { listingId } = await listing(c);
  return {
    error: await viaSdk(c.carol.market.buy(listingId, LISTING_CREDITS + 1n, { pricePerCredit: LISTING_PRICE })),
    fields: { listingId, amount: LISTING_CREDITS + 1n, remaining: LISTING_CREDITS },
  };
});
add("CreditMarketplace", E.MarketplaceBelowMinFillError, "sdk", async (c) => {
  const { listingId } = await listing(c);
  return {
    error: await viaSdk(c.carol.market.buy(listingId, MIN_FILL - 1n, { pricePerCredit: LISTING_PRICE })),
    fields: { listingId, amount: MIN_FILL - 1n, minFill: MIN_FILL },
  };
});
add("CreditMarketplace", E.MarketplaceWrongAwardFormError, "sdk", async (c) => {
  const { tenderId, proposalId } = await tenderWithProposal(c, { retireOnAward: true });
  return {
    error: await viaSdk(c.carol.market.awardTender(tenderId, proposalId, { pricePerCredit: 12n * USD, amount: 10n * CREDIT })),
    fields: { tenderId, retireOnAward: true },
  };
});
add("CreditMarketplace", E.MarketplaceBelowMinimumTradeError, "sdk", async (c) => ({
  error: await viaSdk(tenderInput(c, { creditsRequired: 999n }).then((input) => c.carol.market.createTender(input))),
  fields: { amount: 999n, minimum: 1_000n },
}));
add("CreditMarketplace", E.MarketplaceNotListingSellerError, "sdk", async (c) => {
  const { listingId } = await listing(c);
  return { error: await viaSdk(c.carol.market.cancelListing(listingId)), fields: { listingId, caller: c.sys.carol.address } };
});
add("CreditMarketplace", E.MarketplaceShortPaymentError, "sdk", async (c) => {
  const fot = await ethers.deployContract("FeeOnTransferERC20");
  const token = await fot.getAddress();
  await c.admin.market.setPaymentToken(token, true);
  await fot.mint(c.sys.carol.address, 1_000n * USD);
  const { listingId } = await listing(c, token);
  const cost = 5n * LISTING_PRICE;
  return {
    error: await viaSdk(c.carol.market.buy(listingId, MIN_FILL, { pricePerCredit: LISTING_PRICE }, { approve: true })),
    fields: { token, expected: cost, received: cost - cost / 100n },
  };
});
add("CreditMarketplace", E.ReentrancyGuardReentrantCallError, "sdk", async (c) => {
  // A payment token whose transfer hook calls back into the marketplace (cancelListing, nonReentrant).
  const hooked = await ethers.deployContract("HookedERC20");
  const token = await hooked.getAddress();
  await c.admin.market.setPaymentToken(token, true);
  await hooked.mint(c.sys.carol.address, 1_000n * USD);
  const { listingId } = await listing(c, token);
  await hooked.setHook(c.sys.marketAddress, c.sys.market.interface.encodeFunctionData("cancelListing", [listingId]));
  return { error: await viaSdk(c.carol.market.buy(listingId, MIN_FILL, { pricePerCredit: LISTING_PRICE }, { approve: true })), fields: { args: [] } };
});
add("CreditMarketplace", E.SafeERC20FailedOperationError, "sdk", async (c) => {
  // A non-standard payment token (it has code, so it can be allow-listed) answering every call with
  // 32 zero bytes: balanceOf = 0 and transferFrom returns false.
  const deployed = await (await c.sys.admin.sendTransaction({ data: "0x6460206000f36000526005601bf3" })).wait();
  const token = deployed!.contractAddress!;
  await c.admin.market.setPaymentToken(token, true);
  return { error: await viaSdk(c.carol.market.createTender(await tenderInput(c, { paymentToken: token }))), fields: { token } };
});

// ───────────────────────────── CarbonPool ─────────────────────────────

/** A second pool (no project registered yet), managed by `manager`, and an SDK client on it. */
async function freshPool(c: Ctx) {
  const pool = await ethers.deployContract("CarbonPool", [
    c.sys.admin.address,
    ADMIN_DELAY,
    await c.sys.registry.getAddress(),
    await c.sys.credits.getAddress(),
    c.sys.treasury.address,
  ]);
  await pool.connect(c.sys.admin).grantRole(POOL_ROLES.POOL_MANAGER, c.sys.manager.address);
  const poolAddress = await pool.getAddress();
  const manager = await OpenTonne.connect(c.sys.manager, { addresses: { ...c.sys.deployment, pool: poolAddress } });
  return { pool, poolAddress, manager };
}

/** Records grams for each [member, grams] through the pool's ORACLE_ROLE account. */
async function record(c: Ctx, entries: Array<[HardhatEthersSigner, bigint]>) {
  for (const [m, g] of entries) await c.oracleAcct.pool.recordContribution(m.address, c.sys.periodId, g);
}

add("CarbonPool", E.CarbonPoolInvalidAddressError, "raw", async ({ sys }) => ({
  error: await viaRaw(
    "deploy CarbonPool",
    ethers.deployContract("CarbonPool", [sys.admin.address, ADMIN_DELAY, ethers.ZeroAddress, await sys.credits.getAddress(), sys.treasury.address]),
  ),
  fields: { what: "registry", value: ethers.ZeroAddress },
}));
add("CarbonPool", E.CarbonPoolInvalidTreasuryError, "sdk", async ({ admin }) => ({
  error: await viaSdk(admin.pool.setTreasury(ethers.ZeroAddress)),
  fields: { treasury: ethers.ZeroAddress },
}));
add("CarbonPool", E.CarbonPoolSuccessorAlreadyRegisteredError, "sdk", async ({ manager }) => {
  const input = { name: "second", standard: "ICM", methodology: "AMS-I.D", country: "IN" };
  const { projectId } = await manager.pool.registerPoolProject(input); // the successor
  return { error: await viaSdk(manager.pool.registerPoolProject(input)), fields: { projectId } };
});
add("CarbonPool", E.CarbonPoolProjectFullError, "sdk", async ({ sys, manager }) => {
  // 128 closed periods with credits fill the pool's project; the 129th close finds no successor.
  const pool = sys.pool;
  await pool.connect(sys.manager).closePeriod(sys.periodId);
  let at = utc(2025, 4, 1);
  for (let i = 0; i < 129; i++) {
    if ((await now()) < at) await time.increaseTo(at);
    await pool.connect(sys.manager).openPeriod(0, at);
    const id = await pool.periodCount();
    await pool.connect(sys.oracle).recordContribution(sys.alice.address, id, 1_000n);
    const { end, closeGrace } = await pool.getPeriod(id);
    if ((await now()) <= end + closeGrace) await time.increaseTo(end + closeGrace + 1n);
    if (i < 128) await pool.connect(sys.manager).closePeriod(id);
    at = end + 1n;
  }
  const last = await pool.periodCount();
  return { error: await viaSdk(manager.pool.closePeriod(last)), fields: { projectId: sys.projectId, batches: 128n } };
});
add("CarbonPool", E.CarbonPoolInvalidProjectOwnerError, "sdk", async (c) => {
  const { poolAddress, manager } = await freshPool(c);
  return {
    error: await viaSdk(
      manager.pool.registerPoolProject({ owner: c.sys.alice.address, name: "pool", standard: "ICM", methodology: "AMS-I.D", country: "IN" }),
    ),
    fields: { owner: c.sys.alice.address, expected: poolAddress },
  };
});
add("CarbonPool", E.CarbonPoolProjectNotRegisteredError, "sdk", async (c) => {
  const { manager } = await freshPool(c);
  return { error: await viaSdk(manager.pool.openPeriod("Monthly", utc(2025, 5, 1))), fields: { args: [] } };
});
add("CarbonPool", E.CarbonPoolInvalidMemberError, "sdk", async ({ manager }) => ({
  error: await viaSdk(manager.pool.admitMember(ethers.ZeroAddress)),
  fields: { member: ethers.ZeroAddress },
}));
add("CarbonPool", E.CarbonPoolAlreadyMemberError, "sdk", async ({ sys, manager }) => ({
  error: await viaSdk(manager.pool.admitMember(sys.alice.address)),
  fields: { member: sys.alice.address },
}));
add("CarbonPool", E.CarbonPoolNotMemberError, "sdk", async ({ sys, manager }) => ({
  error: await viaSdk(manager.pool.removeMember(sys.dave.address)),
  fields: { member: sys.dave.address },
}));
add(
  "CarbonPool",
  E.CarbonPoolInvalidDurationError,
  "raw",
  async ({ sys }) => ({
    // The SDK refuses a close grace outside 1–30 days before any call.
    error: await viaRaw("pool.setPeriodTimings", sys.pool.connect(sys.manager).setPeriodTimings(3_600, 365 * 86_400)),
    fields: { what: "closeGrace", value: 3_600n, min: 86_400n, max: 30n * 86_400n },
  }),
  (c) => c.manager.pool.setPeriodTimings(3_600, 365 * 86_400),
);
add("CarbonPool", E.CarbonPoolEqualShareNeedsMinimumError, "sdk", async ({ sys, manager }) => {
  await manager.pool.closePeriod(sys.periodId);
  await manager.pool.setAllocationMethod("EqualShare"); // the minimum is still 0
  return { error: await viaSdk(manager.pool.openPeriod("Monthly", utc(2025, 5, 1))), fields: { args: [] } };
});
add("CarbonPool", E.CarbonPoolPeriodNotStartedError, "sdk", async ({ sys, manager }) => {
  await manager.pool.closePeriod(sys.periodId);
  return {
    error: await viaSdk(manager.pool.openPeriod("Yearly", utc(2150, 6, 1))),
    fields: { start: utc(2150, 1, 1) },
    check: (e) => expect((e as E.CarbonPoolPeriodNotStartedError).nowTime < utc(2150, 1, 1)).to.equal(true),
  };
});
add("CarbonPool", E.CarbonPoolPeriodHasContributionsError, "sdk", async (c) => {
  await record(c, [[c.sys.alice, 1_000n]]);
  return { error: await viaSdk(c.manager.pool.cancelPeriod(c.sys.periodId)), fields: { periodId: c.sys.periodId, recordCount: 1n } };
});
add("CarbonPool", E.CarbonPoolClaimWindowOverError, "sdk", async (c) => {
  await record(c, [[c.sys.alice, 1_000n]]);
  await c.manager.pool.closePeriod(c.sys.periodId);
  const { closedAt, claimWindow } = await c.sys.pool.getPeriod(c.sys.periodId);
  await time.increaseTo(closedAt + claimWindow + 1n);
  return { error: await viaSdk(c.alice.pool.claim([c.sys.periodId])), fields: { periodId: c.sys.periodId, deadline: closedAt + claimWindow } };
});
add("CarbonPool", E.CarbonPoolPeriodAlreadyOpenError, "sdk", async ({ sys, manager }) => ({
  error: await viaSdk(manager.pool.openPeriod("Monthly", utc(2025, 6, 1))),
  fields: { openPeriodId: sys.periodId },
}));
add("CarbonPool", E.CarbonPoolInvalidPeriodYearError, "sdk", async ({ sys, manager }) => {
  await manager.pool.closePeriod(sys.periodId);
  return { error: await viaSdk(manager.pool.openPeriod("Monthly", utc(1985, 6, 1))), fields: { year: 1985n, minYear: 1990n, maxYear: 2200n } };
});
add("CarbonPool", E.CarbonPoolPeriodOverlapsError, "sdk", async ({ sys, manager }) => {
  await manager.pool.closePeriod(sys.periodId);
  return {
    error: await viaSdk(manager.pool.openPeriod("Monthly", utc(2025, 2, 10))),
    fields: { start: utc(2025, 2, 1), lastEnd: utc(2025, 4, 1) - 1n },
  };
});
add("CarbonPool", E.CarbonPoolPeriodNotEndedError, "sdk", async ({ sys, manager }) => {
  await manager.pool.closePeriod(sys.periodId);
  const opened = await manager.pool.openPeriod("Yearly", await now());
  return {
    error: await viaSdk(manager.pool.closePeriod(opened.periodId)),
    fields: { periodId: opened.periodId, closableAfter: opened.end + BigInt(opened.closeGrace) },
    check: (e) => expect((e as E.CarbonPoolPeriodNotEndedError).nowTime <= opened.end).to.equal(true),
  };
});
add("CarbonPool", E.CarbonPoolPeriodNotOpenError, "sdk", async ({ sys, oracleAcct }) => ({
  error: await viaSdk(oracleAcct.pool.recordContribution(sys.alice.address, 9, 1_000n)),
  fields: { periodId: 9n, status: 0 },
}));
add(
  "CarbonPool",
  E.CarbonPoolInvalidHybridWeightError,
  "raw",
  async ({ sys }) => ({
    // The SDK refuses a hybrid weight for a non-hybrid method before any call.
    error: await viaRaw("pool.setAllocationMethod", sys.pool.connect(sys.manager).setAllocationMethod(1, 2_500)),
    fields: { method: 1, hybridBps: 2_500n },
  }),
  (c) => c.manager.pool.setAllocationMethod("EqualShare", 2_500),
);
add(
  "CarbonPool",
  E.CarbonPoolZeroAmountError,
  "raw",
  async ({ sys }) => ({
    // The SDK refuses grams ≤ 0 before any call.
    error: await viaRaw("pool.recordContribution", sys.pool.connect(sys.oracle).recordContribution(sys.alice.address, sys.periodId, 0n)),
    fields: { args: [] },
  }),
  (c) => c.oracleAcct.pool.recordContribution(c.sys.alice.address, c.sys.periodId, 0n),
);
add("CarbonPool", E.CarbonPoolGramsOverflowError, "sdk", async ({ sys, oracleAcct }) => ({
  error: await viaSdk(oracleAcct.pool.recordContribution(sys.alice.address, sys.periodId, 1n << 72n)),
  fields: { total: 1n << 72n, max: (1n << 72n) - 1n },
}));
add(
  "CarbonPool",
  E.CarbonPoolEmptyClaimError,
  "raw",
  async ({ sys }) => ({
    // The SDK refuses an empty list before any call.
    error: await viaRaw("pool.claim", sys.pool.connect(sys.alice).claim([])),
    fields: { args: [] },
  }),
  (c) => c.alice.pool.claim([]),
);
add("CarbonPool", E.CarbonPoolPeriodNotClosedError, "sdk", async (c) => {
  await record(c, [[c.sys.alice, 1_000n]]);
  return { error: await viaSdk(c.alice.pool.claim([c.sys.periodId])), fields: { periodId: c.sys.periodId, status: 1 } };
});
add("CarbonPool", E.CarbonPoolNotEligibleError, "sdk", async (c) => {
  await record(c, [[c.sys.alice, 1_000n]]);
  await c.manager.pool.closePeriod(c.sys.periodId);
  return { error: await viaSdk(c.carol.pool.claim([c.sys.periodId])), fields: { periodId: c.sys.periodId, member: c.sys.carol.address } };
});
add("CarbonPool", E.CarbonPoolAlreadyClaimedError, "sdk", async (c) => {
  await record(c, [[c.sys.alice, 1_000n]]);
  await c.manager.pool.closePeriod(c.sys.periodId);
  await c.alice.pool.claim([c.sys.periodId]);
  return { error: await viaSdk(c.alice.pool.claim([c.sys.periodId])), fields: { periodId: c.sys.periodId, member: c.sys.alice.address } };
});
add("CarbonPool", E.CarbonPoolClaimsOutstandingError, "sdk", async (c) => {
  await record(c, [
    [c.sys.alice, 1_000n],
    [c.sys.bob, 1_000n],
  ]);
  await c.manager.pool.closePeriod(c.sys.periodId);
  await c.alice.pool.claim([c.sys.periodId]);
  return { error: await viaSdk(c.manager.pool.sweepDust(c.sys.periodId)), fields: { periodId: c.sys.periodId, claimedCount: 1n, eligibleCount: 2n } };
});
add("CarbonPool", E.CarbonPoolNoDustError, "sdk", async (c) => {
  await record(c, [
    [c.sys.alice, 1_000n],
    [c.sys.bob, 1_000n],
  ]);
  await c.manager.pool.closePeriod(c.sys.periodId);
  await c.alice.pool.claim([c.sys.periodId]);
  await c.bob.pool.claim([c.sys.periodId]);
  return { error: await viaSdk(c.manager.pool.sweepDust(c.sys.periodId)), fields: { periodId: c.sys.periodId } };
});
add("CarbonPool", E.CarbonPoolUnsolicitedTransferError, "sdk", async ({ sys, alice }) => ({
  error: await viaSdk(alice.credits.transfer(sys.poolAddress, sys.b2020a, 1n)),
  fields: { token: await sys.credits.getAddress(), operator: sys.alice.address },
}));

// ───────────────────────────── MRVOracle ─────────────────────────────

function report(deviceId: string, day: number, over: Partial<OracleReportInput> = {}): OracleReportInput {
  const energyWh = over.energyWh ?? 40_000n;
  return {
    deviceId,
    owner: TEST_DEVICE_OWNERS.get(deviceId) ?? ethers.ZeroAddress,
    day,
    energyWh,
    co2Grams: co2GramsFor(energyWh, EF),
    correlationBps: 9_500,
    status: "Verified",
    evidenceHash: ethers.id(`evidence:${deviceId}:${day}:${energyWh}`),
    ...over,
  };
}

/** Signs `reports` by signer1 (the only signer, quorum 1) and relays them through the SDK. */
async function relay(c: Ctx, reports: OracleReportInput[], deadline?: bigint) {
  const d = deadline ?? (await now()) + 3_600n;
  const signatures = await c.relayer.oracle.signReports(reports, d, [c.sys.signer1]);
  return c.relayer.oracle.submitReports(reports, d, signatures);
}

/** The same for raw report values (statuses and fields the SDK would refuse), relayed with TypeChain. */
async function relayRaw(c: Ctx, reports: ReturnType<typeof makeReport>[]) {
  const deadline = (await now()) + 3_600n;
  const signatures = await signBatch(c.sys.mrv, reports, deadline, [c.sys.signer1]);
  return viaRaw("oracle.submitReports", c.sys.mrv.connect(c.sys.outsider).submitReports(reports, deadline, signatures));
}

const deviceIn = (owner: string) => ({ owner, latMicroDeg: 14_820_000, lonMicroDeg: 78_280_000, capacityW: 10_000n, emissionFactorGPerKWh: EF });
const NEW_DEVICE = ethers.id("inverter-new");

add("MRVOracle", E.MRVOracleInvalidAddressError, "raw", async ({ sys }) => ({
  error: await viaRaw(
    "deploy MRVOracle",
    ethers.deployContract("MRVOracle", [sys.admin.address, ADMIN_DELAY, ethers.ZeroAddress, sys.signer1.address]),
  ),
  fields: { what: "pool", value: ethers.ZeroAddress },
}));
add(
  "MRVOracle",
  E.MRVOracleInvalidDeviceIdError,
  "raw",
  async ({ sys }) => ({
    // The SDK refuses the zero device id before any call.
    error: await viaRaw("oracle.registerDevice", sys.mrv.connect(sys.deviceRegistrar).registerDevice(ethers.ZeroHash, deviceIn(sys.alice.address))),
    fields: { deviceId: ethers.ZeroHash },
  }),
  (c) => c.deviceRegistrar.oracle.registerDevice(ethers.ZeroHash, deviceIn(c.sys.alice.address)),
);
add("MRVOracle", E.MRVOracleDeviceExistsError, "sdk", async ({ sys, deviceRegistrar }) => ({
  error: await viaSdk(deviceRegistrar.oracle.registerDevice(sys.devA, deviceIn(sys.alice.address))),
  fields: { deviceId: sys.devA },
}));
add("MRVOracle", E.MRVOracleInvalidOwnerError, "sdk", async ({ deviceRegistrar }) => ({
  error: await viaSdk(deviceRegistrar.oracle.registerDevice(NEW_DEVICE, deviceIn(ethers.ZeroAddress))),
  fields: { owner: ethers.ZeroAddress },
}));
add(
  "MRVOracle",
  E.MRVOracleInvalidLocationError,
  "raw",
  async ({ sys }) => ({
    // The SDK refuses the out-of-range field before any call.
    error: await viaRaw(
      "oracle.registerDevice",
      sys.mrv.connect(sys.deviceRegistrar).registerDevice(NEW_DEVICE, { ...deviceIn(sys.alice.address), latMicroDeg: 90_000_001 }),
    ),
    fields: { latMicroDeg: 90_000_001n, lonMicroDeg: 78_280_000n },
  }),
  (c) => c.deviceRegistrar.oracle.registerDevice(NEW_DEVICE, { ...deviceIn(c.sys.alice.address), latMicroDeg: 90_000_001 }),
);
add(
  "MRVOracle",
  E.MRVOracleInvalidCapacityError,
  "raw",
  async ({ sys }) => ({
    // The SDK refuses the out-of-range field before any call.
    error: await viaRaw(
      "oracle.registerDevice",
      sys.mrv.connect(sys.deviceRegistrar).registerDevice(NEW_DEVICE, { ...deviceIn(sys.alice.address), capacityW: 0n }),
    ),
    fields: { capacityW: 0n, max: 10n ** 12n },
  }),
  (c) => c.deviceRegistrar.oracle.registerDevice(NEW_DEVICE, { ...deviceIn(c.sys.alice.address), capacityW: 0n }),
);
add(
  "MRVOracle",
  E.MRVOracleInvalidEmissionFactorError,
  "raw",
  async ({ sys }) => ({
    // The SDK refuses the out-of-range field before any call.
    error: await viaRaw(
      "oracle.registerDevice",
      sys.mrv.connect(sys.deviceRegistrar).registerDevice(NEW_DEVICE, { ...deviceIn(sys.alice.address), emissionFactorGPerKWh: 10_001n }),
    ),
    fields: { emissionFactorGPerKWh: 10_001n, max: 10_000n },
  }),
  (c) => c.deviceRegistrar.oracle.registerDevice(NEW_DEVICE, { ...deviceIn(c.sys.alice.address), emissionFactorGPerKWh: 10_001n }),
);
add("MRVOracle", E.MRVOracleUnknownDeviceError, "sdk", async ({ sys, deviceRegistrar }) => ({
  error: await viaSdk(deviceRegistrar.oracle.updateDevice(NEW_DEVICE, deviceIn(sys.alice.address))),
  fields: { deviceId: NEW_DEVICE },
}));
add("MRVOracle", E.MRVOracleDeviceInactiveError, "sdk", async ({ sys, deviceRegistrar }) => {
  await deviceRegistrar.oracle.deactivateDevice(sys.devA);
  return { error: await viaSdk(deviceRegistrar.oracle.deactivateDevice(sys.devA)), fields: { deviceId: sys.devA } };
});
add("MRVOracle", E.MRVOracleDeviceActiveError, "sdk", async ({ sys, deviceRegistrar }) => ({
  error: await viaSdk(deviceRegistrar.oracle.activateDevice(sys.devB)),
  fields: { deviceId: sys.devB },
}));
add("MRVOracle", E.MRVOracleInvalidSignerError, "sdk", async ({ admin }) => ({
  error: await viaSdk(admin.oracle.addSigner(ethers.ZeroAddress)),
  fields: { signer: ethers.ZeroAddress },
}));
add("MRVOracle", E.MRVOracleSignerExistsError, "sdk", async ({ sys, admin }) => ({
  error: await viaSdk(admin.oracle.addSigner(sys.signer1.address)),
  fields: { signer: sys.signer1.address },
}));
add("MRVOracle", E.MRVOracleTooManySignersError, "sdk", async ({ sys, admin }) => {
  for (let i = 1; i < 20; i++) await sys.mrv.connect(sys.admin).addSigner(ethers.Wallet.createRandom().address);
  return { error: await viaSdk(admin.oracle.addSigner(sys.signer2.address)), fields: { max: 20n } };
});
add("MRVOracle", E.MRVOracleNotSignerError, "sdk", async ({ sys, admin }) => ({
  error: await viaSdk(admin.oracle.removeSigner(sys.alice.address)),
  fields: { signer: sys.alice.address },
}));
add("MRVOracle", E.MRVOracleInvalidQuorumError, "sdk", async ({ admin }) => ({
  error: await viaSdk(admin.oracle.setQuorum(2)),
  fields: { quorum: 2n, signerCount: 1n },
}));
add(
  "MRVOracle",
  E.MRVOracleEmptyBatchError,
  "raw",
  async ({ sys }) => ({
    // The SDK refuses an empty batch before any call.
    error: await viaRaw("oracle.submitReports", sys.mrv.connect(sys.outsider).submitReports([], (await now()) + 3_600n, [])),
    fields: { args: [] },
  }),
  (c) => now().then((t) => c.relayer.oracle.submitReports([], t + 3_600n, ["0x01"])),
);
add(
  "MRVOracle",
  E.MRVOracleBatchTooLargeError,
  "raw",
  async (c) => {
    // The SDK refuses more than 100 reports before any call.
    const reports = Array.from({ length: 101 }, (_, i) => makeReport(c.sys.devA, dayOf(2024, 1, 1) + i));
    return {
      error: await viaRaw("oracle.submitReports", c.sys.mrv.connect(c.sys.outsider).submitReports(reports, (await now()) + 3_600n, [])),
      fields: { count: 101n, max: 100n },
    };
  },
  (c) =>
    now().then((t) =>
      c.relayer.oracle.submitReports(
        Array.from({ length: 101 }, (_, i) => report(c.sys.devA, dayOf(2024, 1, 1) + i)),
        t + 3_600n,
        ["0x01"],
      ),
    ),
);
add("MRVOracle", E.MRVOracleSignatureExpiredError, "sdk", async (c) => {
  const deadline = (await now()) - 5n;
  return {
    error: await viaSdk(relay(c, [report(c.sys.devA, march(2))], deadline)),
    fields: { deadline },
    check: (e) => expect((e as E.MRVOracleSignatureExpiredError).nowTime > deadline).to.equal(true),
  };
});
add("MRVOracle", E.MRVOracleQuorumNotMetError, "sdk", async (c) => {
  await c.admin.oracle.addSigner(c.sys.signer2.address);
  await c.admin.oracle.setQuorum(2);
  return { error: await viaSdk(relay(c, [report(c.sys.devA, march(2))])), fields: { count: 1n, quorum: 2n } };
});
add("MRVOracle", E.MRVOracleInvalidSignatureError, "sdk", async (c) => ({
  error: await viaSdk(c.relayer.oracle.submitReports([report(c.sys.devA, march(2))], (await now()) + 3_600n, ["0x1234"])),
  fields: { index: 0n },
}));
add("MRVOracle", E.MRVOracleUnknownSignerError, "sdk", async (c) => {
  const reports = [report(c.sys.devA, march(2))];
  const deadline = (await now()) + 3_600n;
  const signatures = await c.relayer.oracle.signReports(reports, deadline, [c.sys.alice]);
  return { error: await viaSdk(c.relayer.oracle.submitReports(reports, deadline, signatures)), fields: { index: 0n, signer: c.sys.alice.address } };
});
add("MRVOracle", E.MRVOracleSignersNotAscendingError, "sdk", async (c) => {
  await c.admin.oracle.addSigner(c.sys.signer2.address);
  const reports = [report(c.sys.devA, march(2))];
  const deadline = (await now()) + 3_600n;
  const ascending = await c.relayer.oracle.signReports(reports, deadline, [c.sys.signer1, c.sys.signer2]);
  const [low, high] = [c.sys.signer1.address, c.sys.signer2.address].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  return {
    error: await viaSdk(c.relayer.oracle.submitReports(reports, deadline, [...ascending].reverse())),
    fields: { index: 1n, signer: low, previous: high },
  };
});
add("MRVOracle", E.MRVOracleDayNotOverError, "sdk", async (c) => {
  const today = Number((await now()) / DAY);
  return {
    error: await viaSdk(relay(c, [report(c.sys.devA, today)])),
    fields: { deviceId: c.sys.devA, day: BigInt(today), currentDay: BigInt(today) },
  };
});
add("MRVOracle", E.MRVOracleAlreadyReportedError, "sdk", async (c) => {
  await relay(c, [report(c.sys.devA, march(2))]);
  return {
    error: await viaSdk(relay(c, [report(c.sys.devA, march(2), { energyWh: 1_000n })])),
    fields: { deviceId: c.sys.devA, day: BigInt(march(2)), status: RStatus.Verified },
  };
});
add("MRVOracle", E.MRVOracleWrongOwnerError, "sdk", async (c) => ({
  error: await viaSdk(relay(c, [report(c.sys.devA, march(2), { owner: c.sys.bob.address })])),
  fields: { index: 0n, deviceId: c.sys.devA, day: BigInt(march(2)), owner: c.sys.bob.address, expected: c.sys.alice.address },
}));
add("MRVOracle", E.MRVOracleOwnerUnknownError, "sdk", async (c) => {
  // Two owner changes on different days: alice's days (before the first change) are forgotten.
  await c.deviceRegistrar.oracle.updateDevice(c.sys.devA, deviceIn(c.sys.bob.address));
  const first = Number((await now()) / DAY) + 1;
  await time.increase(2n * DAY);
  await c.deviceRegistrar.oracle.updateDevice(c.sys.devA, deviceIn(c.sys.carol.address));
  return {
    error: await viaSdk(relay(c, [report(c.sys.devA, march(2), { owner: c.sys.alice.address })])),
    fields: { deviceId: c.sys.devA, day: BigInt(march(2)), firstDay: BigInt(first) },
  };
});
add(
  "MRVOracle",
  E.MRVOracleInvalidStatusError,
  "raw",
  async (c) => ({
    // The SDK only takes Verified / Flagged / Pending; status None (0) needs a raw report.
    error: await relayRaw(c, [makeReport(c.sys.devA, march(2)), makeReport(c.sys.devB, march(2), { status: RStatus.None })]),
    fields: { index: 1n, status: 0 },
  }),
  (c) => relay(c, [report(c.sys.devA, march(2), { status: "None" as OracleReportInput["status"] })]),
);
add(
  "MRVOracle",
  E.MRVOracleMissingEvidenceError,
  "raw",
  async (c) => ({
    // The SDK refuses a zero evidence hash before anything is signed.
    error: await relayRaw(c, [makeReport(c.sys.devA, march(2), { evidenceHash: ethers.ZeroHash })]),
    fields: { index: 0n },
  }),
  (c) => relay(c, [report(c.sys.devA, march(2), { evidenceHash: ethers.ZeroHash })]),
);
add(
  "MRVOracle",
  E.MRVOracleInvalidCorrelationError,
  "raw",
  async (c) => ({
    // The SDK refuses correlationBps above 10,000 before anything is signed.
    error: await relayRaw(c, [makeReport(c.sys.devA, march(2), { correlationBps: 10_001 })]),
    fields: { index: 0n, correlationBps: 10_001n },
  }),
  (c) => relay(c, [report(c.sys.devA, march(2), { correlationBps: 10_001 })]),
);
add("MRVOracle", E.MRVOracleEnergyAboveCapacityError, "sdk", async (c) => ({
  error: await viaSdk(relay(c, [report(c.sys.devA, march(2), { energyWh: 240_001n })])),
  fields: { deviceId: c.sys.devA, day: BigInt(march(2)), energyWh: 240_001n, maxWh: 240_000n },
}));
add("MRVOracle", E.MRVOracleCo2MismatchError, "sdk", async (c) => ({
  error: await viaSdk(relay(c, [report(c.sys.devA, march(2), { co2Grams: 1n })])),
  fields: { deviceId: c.sys.devA, day: BigInt(march(2)), co2Grams: 1n, expected: co2GramsFor(40_000n, EF) },
}));
add("MRVOracle", E.MRVOracleDayOutsideOpenPeriodError, "sdk", async (c) => ({
  error: await viaSdk(relay(c, [report(c.sys.devA, dayOf(2025, 2, 10))])),
  fields: { deviceId: c.sys.devA, day: BigInt(dayOf(2025, 2, 10)), periodId: c.sys.periodId, start: utc(2025, 3, 1), end: utc(2025, 4, 1) - 1n },
}));

// ───────────────────────────── the tests ─────────────────────────────

describe("SDK errors: every generated error class from a real revert", () => {
  const groups = [...new Set(CASES.map((c) => c.group))];
  for (const group of groups) {
    describe(group, () => {
      for (const { cls, via, run, refusedBySdk } of CASES.filter((c) => c.group === group)) {
        it(`${cls.name} (${via === "sdk" ? "via an SDK method" : "raw call → toSdkError"})`, async () => {
          const c = await setup();
          if (refusedBySdk) {
            const refused = await viaSdk(refusedBySdk(c));
            expect(refused, `the SDK refuses this input itself: ${String(refused)}`).to.be.instanceOf(InvalidArgumentError);
          }
          const { error, fields, check } = await run(c);
          expect(error, String(error)).to.be.instanceOf(cls);
          const decoded = error as ContractRevertError;
          expect(decoded.errorName + "Error").to.equal(cls.name);
          expect(decoded.action).to.not.equal("");
          for (const [key, value] of Object.entries(fields)) {
            expect((decoded as unknown as Record<string, unknown>)[key], `${cls.name}.${key}`).to.deep.equal(value);
          }
          check?.(decoded);
        });
      }
    });
  }

  it("completeness: every class in CONTRACT_ERRORS is triggered above or documented as unreachable", () => {
    const triggered = new Set(CASES.map((c) => c.cls));
    const classes = Object.values(CONTRACT_ERRORS);
    const missing = classes.filter((cls) => !triggered.has(cls) && !(cls.name.replace(/Error$/, "") in UNREACHABLE)).map((cls) => cls.name);
    expect(missing, `neither triggered nor listed as unreachable: ${missing.join(", ")}`).to.deep.equal([]);
    // The two lists do not overlap, name only real classes, and each class has one entry.
    const names = new Set(classes.map((cls) => cls.name.replace(/Error$/, "")));
    for (const name of Object.keys(UNREACHABLE)) {
      expect(names.has(name), `UNREACHABLE names an unknown class ${name}`).to.equal(true);
      expect(
        [...triggered].some((cls) => cls.name === `${name}Error`),
        `${name} is both triggered and unreachable`,
      ).to.equal(false);
    }
    expect(CASES.length, "one case per class").to.equal(triggered.size);
    expect(triggered.size + Object.keys(UNREACHABLE).length).to.equal(classes.length);
  });
});
