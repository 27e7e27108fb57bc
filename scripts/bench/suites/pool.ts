import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { deployApprovedPool, gasOf, type GasTable, type SuiteResult } from "../lib";

/** CalendarPeriods.Kind.Monthly and ICarbonPool.AllocationMethod.Hybrid. */
const MONTHLY = 0;
const HYBRID = 3;
/** Half performance-based, half proportional: the method whose claim does the most arithmetic. */
const HYBRID_BPS = 5_000;
/** Grams recorded per member (1 kg plus the member's index, so the shares differ). */
const BASE_GRAMS = 1_000n;
/** Allowed growth of a members1000 figure over its members10 figure. */
const SCALING = 1.02;

/**
 * A fresh system with one pool of `members` members, each with one record in one monthly period.
 * Measures, identically shaped in every size: the record of the last member (an admitted member's first
 * record in the period, crossing the minimum: one fresh storage slot), the close (hybrid, which mints the period's batch), and the first claim
 * of the period (member 0, a new holder of the batch).
 */
async function poolScenario(members: number): Promise<{ record: number; close: number; claim: number }> {
  const [admin, claimer] = await ethers.getSigners();
  const { pool, poolAddress } = await deployApprovedPool(admin);
  await pool.grantRole(await pool.ORACLE_ROLE(), admin.address);

  const addresses = [claimer.address];
  for (let i = 1; i < members; i++) addresses.push(ethers.Wallet.createRandom().address);
  for (const a of addresses) await pool.admitMember(a);

  await pool.setAllocationMethod(HYBRID, HYBRID_BPS); // fixed for the period when it opens
  await pool.openPeriod(MONTHLY, await time.latest()); // the month the chain is in (a period must have started)
  const periodId = await pool.periodCount();
  for (let i = 0; i < members - 1; i++) {
    await pool.recordContribution(addresses[i], periodId, BASE_GRAMS + BigInt(i));
  }
  const record = await gasOf(
    pool.recordContribution(addresses[members - 1], periodId, BASE_GRAMS + BigInt(members - 1)),
  );
  const { end, closeGrace } = await pool.getPeriod(periodId);
  await time.increaseTo(end + closeGrace + 1n); // past the close grace
  const close = await gasOf(pool.closePeriod(periodId));
  const claim = await gasOf(pool.connect(claimer).claim([periodId]));
  return { record, close, claim };
}

/** CarbonPool (issue #4): record, close and claim must not grow with the number of members. */
export async function poolSuite(): Promise<SuiteResult> {
  const gas: GasTable = {};
  const small = await poolScenario(10);
  const large = await poolScenario(1_000);
  gas["pool.recordContribution"] = small.record;
  gas["pool.recordContribution.members1000"] = large.record;
  gas["pool.closePeriod.members10"] = small.close;
  gas["pool.closePeriod.members1000"] = large.close;
  gas["pool.claim.members10"] = small.claim;
  gas["pool.claim.members1000"] = large.claim;
  const scaling = (key: string, base: string) => ({
    key,
    limit: SCALING * gas[base],
    label: `≤ ${SCALING} × ${base}`,
  });
  return {
    gas,
    targets: [
      scaling("pool.recordContribution.members1000", "pool.recordContribution"),
      scaling("pool.closePeriod.members1000", "pool.closePeriod.members10"),
      scaling("pool.claim.members1000", "pool.claim.members10"),
    ],
  };
}
