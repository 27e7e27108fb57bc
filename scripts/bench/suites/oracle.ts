import { ethers } from "hardhat";
import { deployApprovedPool, gasOf, type GasTable, type SuiteResult } from "../lib";
import { MRV_EIP712_TYPES } from "../../../sdk/modules/oracle";

/** CalendarPeriods.Kind.Monthly and IMRVOracle.ReportStatus.Verified. */
const MONTHLY = 0;
const VERIFIED = 1;
/** The pool period the reports fall in: March 2025 (UTC), in the chain's past. */
const PERIOD_MID = BigInt(Date.UTC(2025, 2, 15) / 1000);
const FIRST_DAY = Date.UTC(2025, 2, 1) / 86_400_000;
/** Seed 004 diesel baseline, g CO2 per kWh, and a 10 kW inverter. */
const EF = 1200n;
const CAPACITY_W = 10_000n;
/** Fleet shape of the 50-report batch: 10 inverters (each its own pool member) × 5 days. */
const DEVICES = 10;
const DAYS = 5;
/** Inverters (each its own pool member) of the distinct-owner batch: one report each, the same day. */
const DISTINCT_OWNERS = 100;
/** Target: marginal gas per report in a batch of 50 (issue #5), and in a batch of 100 distinct owners (issue #14). */
const MARGINAL_LIMIT = 60_000;

/** The batch's EIP-712 types, as the oracle operator signs them (SDK). */
const TYPES = MRV_EIP712_TYPES;

/**
 * A fresh system (registry, credits, pool with an approved project and March 2025 open, MRVOracle 1-of-1
 * holding ORACLE_ROLE) with `devices` inverters, each owned by its own pool member (admitted before the
 * batch); returns the gas of one `submitReports` of `count` VERIFIED reports, `daysPerDevice` consecutive
 * days per device, ordered by device then day (as the pipeline emits them), each member's first record in
 * the period included.
 */
async function submitScenario(count: number, devices: number, daysPerDevice: number): Promise<number> {
  const [admin, signer, relayer] = await ethers.getSigners();
  const { pool, poolAddress } = await deployApprovedPool(admin);
  await pool.openPeriod(MONTHLY, PERIOD_MID);

  const mrv = await ethers.deployContract("MRVOracle", [admin.address, 0, poolAddress, signer.address]);
  await pool.grantRole(await pool.ORACLE_ROLE(), await mrv.getAddress());
  await mrv.grantRole(await mrv.DEVICE_REGISTRAR_ROLE(), admin.address);
  const fleet: Array<{ id: string; owner: string }> = [];
  for (let i = 0; i < devices; i++) {
    const owner = ethers.Wallet.createRandom().address;
    await pool.admitMember(owner);
    const id = ethers.id(`bench-inverter-${i}`);
    await mrv.registerDevice(id, {
      owner,
      latMicroDeg: 14_820_000,
      lonMicroDeg: 78_280_000,
      capacityW: CAPACITY_W,
      emissionFactorGPerKWh: EF,
    });
    fleet.push({ id, owner });
  }

  const reports = [];
  for (let k = 0; k < count; k++) {
    const energyWh = 40_000n + BigInt(k);
    const device = fleet[Math.floor(k / daysPerDevice) % devices];
    reports.push({
      deviceId: device.id,
      owner: device.owner,
      day: FIRST_DAY + (k % daysPerDevice),
      energyWh,
      co2Grams: (energyWh * EF) / 1000n,
      correlationBps: 9_500,
      status: VERIFIED,
      evidenceHash: ethers.id(`evidence-${k}`),
    });
  }
  const block = await ethers.provider.getBlock("latest");
  const deadline = BigInt(block!.timestamp) + 3600n;
  const { chainId } = await ethers.provider.getNetwork();
  const domain = { name: "OpenTonne MRVOracle", version: "1", chainId, verifyingContract: await mrv.getAddress() };
  const signature = await signer.signTypedData(domain, TYPES, { reports, deadline });
  return gasOf(mrv.connect(relayer).submitReports(reports, deadline, [signature]));
}

/**
 * MRVOracle: gas of a signed batch of 1 and of 50 VERIFIED reports (10 devices × 5 days, issue #5), and
 * of 1 and 100 reports each of a different device and owner (issue #14); the marginal gas per report of each.
 */
export async function oracleSuite(): Promise<SuiteResult> {
  const gas: GasTable = {};
  gas["oracle.submit.reports1"] = await submitScenario(1, DEVICES, DAYS);
  gas["oracle.submit.reports50"] = await submitScenario(DEVICES * DAYS, DEVICES, DAYS);
  gas["oracle.submit.marginalPerReport"] = Math.ceil(
    (gas["oracle.submit.reports50"] - gas["oracle.submit.reports1"]) / 49,
  );
  gas["oracle.submit.distinctOwners1"] = await submitScenario(1, 1, 1);
  gas["oracle.submit.distinctOwners100"] = await submitScenario(DISTINCT_OWNERS, DISTINCT_OWNERS, 1);
  gas["oracle.submit.distinctOwnersMarginal"] = Math.ceil(
    (gas["oracle.submit.distinctOwners100"] - gas["oracle.submit.distinctOwners1"]) / (DISTINCT_OWNERS - 1),
  );
  return {
    gas,
    targets: [
      {
        key: "oracle.submit.marginalPerReport",
        limit: MARGINAL_LIMIT,
        label: `(reports50 − reports1) / 49 ≤ ${MARGINAL_LIMIT}`,
      },
      {
        key: "oracle.submit.distinctOwnersMarginal",
        limit: MARGINAL_LIMIT,
        label: `(distinctOwners100 − distinctOwners1) / 99 ≤ ${MARGINAL_LIMIT}`,
      },
    ],
  };
}
