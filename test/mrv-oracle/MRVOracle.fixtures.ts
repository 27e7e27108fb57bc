import { ethers } from "hardhat";
import type { Signer, TypedDataDomain, TypedDataField } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { MRVOracle } from "../../typechain-types";
import type { IMRVOracle } from "../../typechain-types/contracts/oracle/MRVOracle";
import { ADMIN_DELAY, ROLES } from "../helpers/fixtures";
import { Kind, POOL_ROLES, approvedPool, utc, type PoolSystem } from "../pool/fixtures";

/** MRVOracle role ids, as contracts/libraries/Roles.sol computes them. */
export const ORACLE_ROLES = {
  DEFAULT_ADMIN: ROLES.DEFAULT_ADMIN,
  DEVICE_REGISTRAR: ethers.id("DEVICE_REGISTRAR_ROLE"),
  PAUSER: ROLES.PAUSER,
} as const;

/** IMRVOracle.ReportStatus. */
export const RStatus = { None: 0, Verified: 1, Flagged: 2, Pending: 3 } as const;

/** Seconds per day. */
export const DAY_S = 86_400n;

/** UTC day number of year-month-day. */
export function dayOf(year: number, month: number, day: number): number {
  return Number(utc(year, month, day) / DAY_S);
}

/** The EIP-712 types the oracle signers sign (IMRVOracle, "Signing"), written out independently of the SDK. */
export const EIP712_TYPES: Record<string, TypedDataField[]> = {
  SubmitReports: [
    { name: "reports", type: "Report[]" },
    { name: "deadline", type: "uint256" },
  ],
  Report: [
    { name: "deviceId", type: "bytes32" },
    { name: "owner", type: "address" },
    { name: "day", type: "uint32" },
    { name: "energyWh", type: "uint64" },
    { name: "co2Grams", type: "uint64" },
    { name: "correlationBps", type: "uint16" },
    { name: "status", type: "uint8" },
    { name: "evidenceHash", type: "bytes32" },
  ],
};

/** The EIP-712 domain of `oracle`. */
export async function oracleDomain(oracle: MRVOracle): Promise<TypedDataDomain> {
  const { chainId } = await ethers.provider.getNetwork();
  return { name: "OpenTonne MRVOracle", version: "1", chainId, verifyingContract: await oracle.getAddress() };
}

/** A report as plain values (what is signed and submitted). */
export interface ReportValue {
  deviceId: string;
  owner: string;
  day: number;
  energyWh: bigint;
  co2Grams: bigint;
  correlationBps: number;
  status: number;
  evidenceHash: string;
}

/** Test emission factor, g CO2 per kWh (seed 004 diesel baseline). */
export const EF = 1200n;
/** Test capacity, W. */
export const CAPACITY_W = 10_000n;

/** floor(energyWh × factor / 1000), the on-chain CO2 rule. */
export function co2Of(energyWh: bigint, ef: bigint = EF): bigint {
  return (energyWh * ef) / 1000n;
}

/**
 * The owner each test device was registered with (filled by {@link oracleSystem} and {@link registerTestDevice}),
 * so that {@link makeReport} names it by default.
 */
export const TEST_DEVICE_OWNERS = new Map<string, string>();

/**
 * A valid report of `deviceId` on `day` (owner as registered in the fixtures, energy 40 kWh, Verified,
 * r = 0.95) with CO2 by the rule; override any field.
 */
export function makeReport(deviceId: string, day: number, over: Partial<ReportValue> = {}): ReportValue {
  const energyWh = over.energyWh ?? 40_000n;
  return {
    deviceId,
    owner: TEST_DEVICE_OWNERS.get(deviceId) ?? ethers.ZeroAddress,
    day,
    energyWh,
    co2Grams: co2Of(energyWh),
    correlationBps: 9_500,
    status: RStatus.Verified,
    evidenceHash: ethers.id(`evidence:${deviceId}:${day}:${energyWh}`),
    ...over,
  };
}

/** Signs `reports` + `deadline` with each of `signers` and returns the signatures in ascending signer order. */
export async function signBatch(
  oracle: MRVOracle,
  reports: ReportValue[],
  deadline: bigint,
  signers: Signer[],
): Promise<string[]> {
  const domain = await oracleDomain(oracle);
  const withAddr = await Promise.all(signers.map(async (s) => ({ s, a: BigInt(await s.getAddress()) })));
  withAddr.sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : 0));
  return Promise.all(withAddr.map(({ s }) => s.signTypedData(domain, EIP712_TYPES, { reports, deadline })));
}

export interface OracleSystem extends PoolSystem {
  projectId: bigint;
  /** The MRVOracle contract (`oracle` is the pool's ORACLE_ROLE test account). */
  mrv: MRVOracle;
  mrvAddress: string;
  deviceRegistrar: HardhatEthersSigner;
  /** Oracle signer 1 (the constructor's), and two more accounts (not signers until added). */
  signer1: HardhatEthersSigner;
  signer2: HardhatEthersSigner;
  signer3: HardhatEthersSigner;
  /** The open pool period (March 2025) and its id. */
  periodId: bigint;
  year: number;
  month: number;
  /** Devices of alice, bob and carol (capacity 10 kW, 1200 g/kWh). */
  devA: string;
  devB: string;
  devC: string;
}

/** A device's registration input; override any field. */
export function deviceInput(owner: string, over: Partial<IMRVOracle.DeviceInputStruct> = {}): IMRVOracle.DeviceInputStruct {
  return {
    owner,
    latMicroDeg: 14_820_000,
    lonMicroDeg: 78_280_000,
    capacityW: CAPACITY_W,
    emissionFactorGPerKWh: EF,
    ...over,
  };
}

/** Registers device `deviceId` for `owner` on `ctx`'s oracle (by the device registrar) and remembers the owner for {@link makeReport}. */
export async function registerTestDevice(
  ctx: { mrv: MRVOracle; deviceRegistrar: HardhatEthersSigner },
  deviceId: string,
  owner: string,
  over: Partial<IMRVOracle.DeviceInputStruct> = {},
) {
  const tx = await ctx.mrv.connect(ctx.deviceRegistrar).registerDevice(deviceId, deviceInput(owner, over));
  TEST_DEVICE_OWNERS.set(deviceId, owner);
  return tx;
}

/** Device id from an inverter's SOURCE_KEY: keccak256 of its UTF-8 bytes. */
export function deviceIdOf(sourceKey: string): string {
  return ethers.id(sourceKey);
}

/** Deploys an MRVOracle on `ctx`'s pool with ORACLE_ROLE there, a device registrar and the system's pauser. */
export async function deployOracle(ctx: PoolSystem) {
  const [deviceRegistrar, signer1, signer2, signer3] = ctx.extra;
  const oracle = await ethers.deployContract("MRVOracle", [ctx.admin.address, ADMIN_DELAY, ctx.poolAddress, signer1.address]);
  const oracleAddress = await oracle.getAddress();
  await ctx.pool.connect(ctx.admin).grantRole(POOL_ROLES.ORACLE, oracleAddress);
  await oracle.connect(ctx.admin).grantRole(ORACLE_ROLES.DEVICE_REGISTRAR, deviceRegistrar.address);
  await oracle.connect(ctx.admin).grantRole(ORACLE_ROLES.PAUSER, ctx.pauser.address);
  return { mrv: oracle, mrvAddress: oracleAddress, deviceRegistrar, signer1, signer2, signer3 };
}

/**
 * approvedPool (alice, bob, carol members) + an MRVOracle (1-of-1, signer1), the monthly pool period of
 * March 2025 open (all its days are in the chain's past), and one device each for alice, bob and carol.
 */
export async function oracleSystem(): Promise<OracleSystem> {
  const ctx = await approvedPool();
  const o = await deployOracle(ctx);
  const year = 2025;
  const month = 3;
  await ctx.pool.connect(ctx.manager).openPeriod(Kind.Monthly, utc(year, month, 15));
  const periodId = await ctx.pool.periodCount();
  const devA = deviceIdOf("inverter-A");
  const devB = deviceIdOf("inverter-B");
  const devC = deviceIdOf("inverter-C");
  await registerTestDevice(o, devA, ctx.alice.address);
  await registerTestDevice(o, devB, ctx.bob.address);
  await registerTestDevice(o, devC, ctx.carol.address);
  return { ...ctx, ...o, periodId, year, month, devA, devB, devC };
}

/** A deadline one hour after the latest block. */
export async function soon(): Promise<bigint> {
  const block = await ethers.provider.getBlock("latest");
  return BigInt(block!.timestamp) + 3600n;
}

/** Signs `reports` with `signers` (default: signer1) and submits them from `relayer` (default: outsider). */
export async function submit(
  ctx: OracleSystem,
  reports: ReportValue[],
  opts: { signers?: Signer[]; deadline?: bigint; relayer?: Signer } = {},
) {
  const deadline = opts.deadline ?? (await soon());
  const sigs = await signBatch(ctx.mrv, reports, deadline, opts.signers ?? [ctx.signer1]);
  return ctx.mrv.connect(opts.relayer ?? ctx.outsider).submitReports(reports, deadline, sigs);
}

/** The values of the latest `ReportSubmitted` event of device `deviceId`'s day `day` (what the chain keeps of a report besides its status). */
export async function reportEvent(mrv: MRVOracle, deviceId: string, day: number) {
  const logs = await mrv.queryFilter(mrv.filters.ReportSubmitted(deviceId, day));
  const last = logs[logs.length - 1];
  if (!last) throw new Error(`no ReportSubmitted event for ${deviceId} day ${day}`);
  return last.args;
}
