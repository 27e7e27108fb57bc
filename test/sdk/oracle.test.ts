import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import {
  AccessControlUnauthorizedAccountError,
  EnforcedPauseError,
  InvalidArgumentError,
  MRVOracleAlreadyReportedError,
  MRVOracleCo2MismatchError,
  MRVOracleDayNotOverError,
  MRVOracleDayOutsideOpenPeriodError,
  MRVOracleDeviceExistsError,
  MRVOracleDeviceInactiveError,
  MRVOracleDeviceActiveError,
  MRVOracleEnergyAboveCapacityError,
  MRVOracleInvalidOwnerError,
  MRVOracleInvalidQuorumError,
  MRVOracleQuorumNotMetError,
  MRVOracleSignatureExpiredError,
  MRVOracleSignerExistsError,
  MRVOracleSignersNotAscendingError,
  MRVOracleUnknownDeviceError,
  MRVOracleUnknownSignerError,
  MRV_EIP712_TYPES,
  OpenTonne,
  co2GramsFor,
  dateOfUtcDay,
  deviceIdOf,
  fromMicroDegrees,
  mrvDomain,
  reportMessage,
  toMicroDegrees,
  utcDayOf,
  type OracleReportInput,
} from "../../sdk";
import { utc } from "../pool/fixtures";
import { CAPACITY_W, EF, ORACLE_ROLES, co2Of, dayOf, TEST_DEVICE_OWNERS } from "../mrv-oracle/MRVOracle.fixtures";
import { sdkSystem } from "./fixtures";

async function setup() {
  const sys = await loadFixture(sdkSystem);
  const as = (signer: HardhatEthersSigner) => OpenTonne.connect(signer, { addresses: sys.deployment });
  return {
    sys,
    registrar: await as(sys.deviceRegistrar),
    admin: await as(sys.admin),
    pauser: await as(sys.pauser),
    relayer: await as(sys.outsider),
    alice: await as(sys.alice),
  };
}

/** A report of `deviceId` on UTC day `day` (40 kWh at 1200 g/kWh unless overridden). */
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
    evidenceHash: ethers.id(`evidence:${deviceId}:${String(day)}:${energyWh}`),
    ...over,
  };
}

async function deadline(): Promise<bigint> {
  return BigInt(await time.latest()) + 3_600n;
}

const march = (d: number) => dayOf(2025, 3, d);

describe("SDK: oracle", () => {
  it("helpers: deviceIdOf, utcDayOf ↔ dateOfUtcDay, co2GramsFor (the contract's rule), microdegrees", async () => {
    const { sys } = await setup();
    expect(deviceIdOf("inverter-A")).to.equal(sys.devA);
    expect(utcDayOf(new Date("2025-03-03T23:59:59Z"))).to.equal(march(3));
    expect(utcDayOf(Number(utc(2025, 3, 3)))).to.equal(march(3));
    expect(dateOfUtcDay(march(3)).toISOString()).to.equal("2025-03-03T00:00:00.000Z");
    expect(co2GramsFor(12_345n, 1_200n)).to.equal(14_814n); // 14,814.0 exactly
    expect(co2GramsFor(12_345n, 861)).to.equal(10_629n); // 10,629.045 rounded down
    expect(co2GramsFor(12_345n, 861)).to.equal(co2Of(12_345n, 861n));
    expect(toMicroDegrees(14.82)).to.equal(14_820_000);
    expect(fromMicroDegrees(78_280_000)).to.equal(78.28);
  });

  it("EIP-712: the domain matches the contract's, the local digest equals hashBatch, signReports = signTypedData in ascending signer order", async () => {
    const { sys, relayer, admin } = await setup();
    expect(await relayer.oracle.eip712Domain()).to.deep.equal(relayer.oracle.domain);
    expect(relayer.oracle.domain).to.deep.equal(mrvDomain(31337n, sys.mrvAddress));
    const reports = [report(sys.devA, march(3)), report(sys.devB, march(3), { status: "Pending" })];
    const dl = await deadline();
    const digest = await relayer.oracle.hashBatch(reports, dl);
    expect(relayer.oracle.batchDigest(reports, dl)).to.equal(digest);

    await admin.oracle.addSigner(sys.signer2.address);
    await admin.oracle.setQuorum(2);
    const sigs = await relayer.oracle.signReports(reports, dl, [sys.signer2, sys.signer1]);
    const ordered = [sys.signer1, sys.signer2].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
    const value = { reports: reportMessage(reports), deadline: dl };
    const direct = await Promise.all(ordered.map((s) => s.signTypedData(relayer.oracle.domain, MRV_EIP712_TYPES, value)));
    expect(sigs).to.deep.equal(direct);
    for (const [i, sig] of sigs.entries()) expect(ethers.recoverAddress(digest, sig)).to.equal(ordered[i].address);

    const res = await relayer.oracle.submitReports(reports, dl, sigs);
    expect(res.batch).to.deep.include({ digest, count: 2n, verifiedGrams: 48_000n, periodId: sys.periodId });
  });

  it("submitReports: per-report results, the stored records, and the owner's pool contribution", async () => {
    const { sys, relayer } = await setup();
    const reports = [
      report(sys.devA, march(1), { energyWh: 12_345n }),
      report(sys.devA, march(2), { status: "Flagged", correlationBps: 1_200 }),
    ];
    const dl = await deadline();
    const res = await relayer.oracle.submitReports(reports, dl, await relayer.oracle.signReports(reports, dl, [sys.signer1]));
    expect(res.reports).to.deep.equal([
      {
        deviceId: sys.devA,
        day: march(1),
        owner: sys.alice.address,
        status: "Verified",
        energyWh: 12_345n,
        co2Grams: 14_814n,
        correlationBps: 9_500,
        evidenceHash: reports[0].evidenceHash,
        periodId: sys.periodId,
        supersedesPending: false,
      },
      {
        deviceId: sys.devA,
        day: march(2),
        owner: sys.alice.address,
        status: "Flagged",
        energyWh: 40_000n,
        co2Grams: 48_000n,
        correlationBps: 1_200,
        evidenceHash: reports[1].evidenceHash,
        periodId: 0n,
        supersedesPending: false,
      },
    ]);
    expect(res.batch).to.deep.include({ relayer: sys.outsider.address, count: 2n, verifiedGrams: 14_814n });

    const rec = await relayer.oracle.getReport(sys.devA, march(2));
    expect(rec).to.deep.equal({
      deviceId: sys.devA,
      day: march(2),
      status: "Flagged",
      reported: true,
      supersededPending: false,
      owner: sys.alice.address,
      correlationBps: 1_200,
      energyWh: 40_000n,
      co2Grams: 48_000n,
      evidenceHash: reports[1].evidenceHash,
      evidencePrefix: reports[1].evidenceHash.slice(0, 34),
      periodId: 0n,
    });
    expect((await relayer.oracle.getReport(sys.devA, new Date("2025-03-01T12:00:00Z"))).status).to.equal("Verified");
    expect(await relayer.oracle.isReported(sys.devA, march(1))).to.equal(true);
    const none = await relayer.oracle.getReport(sys.devA, march(9));
    expect(none).to.include({ status: "None", reported: false, energyWh: 0n, owner: ethers.ZeroAddress, periodId: 0n });
    expect(await relayer.oracle.isReported(sys.devA, march(9))).to.equal(false);
    expect((await relayer.pool.getMemberPeriod(sys.periodId, sys.alice.address)).grams).to.equal(14_814n);

    const history = await relayer.oracle.reportHistory({ deviceId: sys.devA });
    expect(history.map(({ blockNumber: _b, transactionHash, ...r }) => ({ ...r, tx: transactionHash }))).to.deep.equal(
      res.reports.map((r) => ({ ...r, tx: res.hash })),
    );
    expect(history[0].blockNumber).to.equal(res.receipt.blockNumber);
    expect(await relayer.oracle.reportHistory({ owner: sys.bob.address })).to.deep.equal([]);
  });

  it("report errors decode from real reverts: duplicate device-day, CO2 mismatch, wrong signer, expired, day not over, outside the period, above capacity", async () => {
    const { sys, relayer } = await setup();
    const dl = await deadline();
    const send = async (reports: OracleReportInput[], signers = [sys.signer1], deadlineS = dl) =>
      relayer.oracle.submitReports(reports, deadlineS, await relayer.oracle.signReports(reports, deadlineS, signers)).catch((e: unknown) => e);

    await relayer.oracle.submitReports([report(sys.devB, march(5))], dl, await relayer.oracle.signReports([report(sys.devB, march(5))], dl, [sys.signer1]));
    const before = await ethers.provider.getBlockNumber();
    const dup = await send([report(sys.devB, march(5))]);
    expect(dup).to.be.instanceOf(MRVOracleAlreadyReportedError);
    expect((dup as MRVOracleAlreadyReportedError).deviceId).to.equal(sys.devB);
    expect((dup as MRVOracleAlreadyReportedError).day).to.equal(BigInt(march(5)));
    expect((dup as MRVOracleAlreadyReportedError).action).to.equal("oracle.submitReports");
    expect(await ethers.provider.getBlockNumber()).to.equal(before);

    const mismatch = await send([report(sys.devA, march(6), { energyWh: 12_345n, co2Grams: 14_815n })]);
    expect(mismatch).to.be.instanceOf(MRVOracleCo2MismatchError);
    expect((mismatch as MRVOracleCo2MismatchError).co2Grams).to.equal(14_815n);
    expect((mismatch as MRVOracleCo2MismatchError).expected).to.equal(co2GramsFor(12_345n, EF));

    const wrong = await send([report(sys.devA, march(6))], [sys.signer2]);
    expect(wrong).to.be.instanceOf(MRVOracleUnknownSignerError);
    expect((wrong as MRVOracleUnknownSignerError).index).to.equal(0n);
    expect((wrong as MRVOracleUnknownSignerError).signer).to.equal(sys.signer2.address);

    const past = BigInt(await time.latest()) - 10n;
    const expired = await send([report(sys.devA, march(6))], [sys.signer1], past);
    expect(expired).to.be.instanceOf(MRVOracleSignatureExpiredError);
    expect((expired as MRVOracleSignatureExpiredError).deadline).to.equal(past);

    const today = utcDayOf(await time.latest());
    const notOver = await send([report(sys.devA, today, { status: "Pending" })]);
    expect(notOver).to.be.instanceOf(MRVOracleDayNotOverError);
    expect((notOver as MRVOracleDayNotOverError).currentDay).to.equal(BigInt(today));

    const outside = await send([report(sys.devA, dayOf(2025, 2, 28))]);
    expect(outside).to.be.instanceOf(MRVOracleDayOutsideOpenPeriodError);
    const o = outside as MRVOracleDayOutsideOpenPeriodError;
    expect([o.periodId, o.start, o.end]).to.deep.equal([sys.periodId, utc(2025, 3, 1), utc(2025, 4, 1) - 1n]);

    const tooMuch = CAPACITY_W * 24n + 1n;
    const above = await send([report(sys.devA, march(7), { energyWh: tooMuch })]);
    expect(above).to.be.instanceOf(MRVOracleEnergyAboveCapacityError);
    expect((above as MRVOracleEnergyAboveCapacityError).maxWh).to.equal(CAPACITY_W * 24n);
  });

  it("devices: getDevice typed, register, update, deactivate, reactivate, with typed errors", async () => {
    const { sys, registrar, relayer } = await setup();
    const a = await registrar.oracle.getDevice(sys.devA);
    expect(a).to.deep.equal({
      id: sys.devA,
      owner: sys.alice.address,
      latMicroDeg: 14_820_000,
      lonMicroDeg: 78_280_000,
      latitude: 14.82,
      longitude: 78.28,
      active: true,
      capacityW: CAPACITY_W,
      emissionFactorGPerKWh: EF,
      maxDailyEnergyWh: CAPACITY_W * 24n,
      ownerFromDay: 0,
      previousOwner: ethers.ZeroAddress,
      previousOwnerFromDay: 0,
    });
    expect(await registrar.oracle.getDevice(deviceIdOf("nope"))).to.equal(undefined);

    const id = deviceIdOf("inverter-D");
    const input = { owner: sys.bob.address, latMicroDeg: toMicroDegrees(-33.8688), lonMicroDeg: toMicroDegrees(151.2093), capacityW: 5_000n, emissionFactorGPerKWh: 861 };
    const reg = await registrar.oracle.registerDevice(id, input);
    expect(reg.deviceId).to.equal(id);
    expect(await registrar.oracle.getDevice(id)).to.deep.include({ owner: sys.bob.address, latitude: -33.8688, longitude: 151.2093, capacityW: 5_000n, emissionFactorGPerKWh: 861n, active: true });
    const exists = await registrar.oracle.registerDevice(id, input).catch((e: unknown) => e);
    expect(exists).to.be.instanceOf(MRVOracleDeviceExistsError);
    expect((exists as MRVOracleDeviceExistsError).deviceId).to.equal(id);
    const zeroOwner = await registrar.oracle.registerDevice(deviceIdOf("inverter-E"), { ...input, owner: ethers.ZeroAddress }).catch((e: unknown) => e);
    expect(zeroOwner).to.be.instanceOf(MRVOracleInvalidOwnerError);

    const updated = await registrar.oracle.updateDevice(id, { ...input, owner: sys.carol.address, emissionFactorGPerKWh: 1_200n });
    const tomorrow = utcDayOf(await time.latest()) + 1;
    expect(updated.ownerFromDay).to.equal(tomorrow);
    expect(await registrar.oracle.getDevice(id)).to.deep.include({
      owner: sys.carol.address,
      emissionFactorGPerKWh: 1_200n,
      active: true,
      ownerFromDay: tomorrow,
      previousOwner: sys.bob.address,
      previousOwnerFromDay: 0,
    });
    // March 2025 stays bob's: the new owner is credited from tomorrow only
    expect(await relayer.oracle.ownerOf(id, march(3))).to.equal(sys.bob.address);
    expect(await relayer.oracle.ownerOf(id, tomorrow)).to.equal(sys.carol.address);
    const unknown = await registrar.oracle.updateDevice(deviceIdOf("ghost"), input).catch((e: unknown) => e);
    expect(unknown).to.be.instanceOf(MRVOracleUnknownDeviceError);

    await registrar.oracle.deactivateDevice(id);
    expect((await registrar.oracle.getDevice(id))?.active).to.equal(false);
    const twice = await registrar.oracle.deactivateDevice(id).catch((e: unknown) => e);
    expect(twice).to.be.instanceOf(MRVOracleDeviceInactiveError);
    const dl = await deadline();
    const reports = [report(id, march(3), { owner: sys.bob.address })];
    const inactive = await relayer.oracle.submitReports(reports, dl, await relayer.oracle.signReports(reports, dl, [sys.signer1])).catch((e: unknown) => e);
    expect(inactive).to.be.instanceOf(MRVOracleDeviceInactiveError);

    await registrar.oracle.activateDevice(id);
    expect((await registrar.oracle.getDevice(id))?.active).to.equal(true);
    const active = await registrar.oracle.activateDevice(id).catch((e: unknown) => e);
    expect(active).to.be.instanceOf(MRVOracleDeviceActiveError);
    expect((active as MRVOracleDeviceActiveError).deviceId).to.equal(id);
    const posted = await relayer.oracle.submitReports(reports, dl, await relayer.oracle.signReports(reports, dl, [sys.signer1]));
    expect(posted.reports.map((r) => r.deviceId)).to.deep.equal([id]);
    expect(await relayer.oracle.isReported(id, march(3))).to.equal(true);

    const unauthorized = await relayer.oracle.registerDevice(deviceIdOf("x"), input).catch((e: unknown) => e);
    expect(unauthorized).to.be.instanceOf(AccessControlUnauthorizedAccountError);
    expect((unauthorized as AccessControlUnauthorizedAccountError).neededRole).to.equal(ORACLE_ROLES.DEVICE_REGISTRAR);
  });

  it("signers and quorum: add, list, 2-of-2 batches, order and quorum errors, remove", async () => {
    const { sys, admin, relayer } = await setup();
    expect(await admin.oracle.listSigners()).to.deep.equal([sys.signer1.address]);
    await admin.oracle.addSigner(sys.signer2.address);
    const exists = await admin.oracle.addSigner(sys.signer2.address).catch((e: unknown) => e);
    expect(exists).to.be.instanceOf(MRVOracleSignerExistsError);
    expect(await admin.oracle.setQuorum(2)).to.deep.include({ quorum: 2n, signerCount: 2n });
    expect(await admin.oracle.quorum()).to.equal(2n);
    expect(await admin.oracle.signerCount()).to.equal(2n);
    const sorted = [sys.signer1.address, sys.signer2.address].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    expect(await admin.oracle.listSigners()).to.deep.equal(sorted);

    const reports = [report(sys.devC, march(10))];
    const dl = await deadline();
    const one = await relayer.oracle.submitReports(reports, dl, await relayer.oracle.signReports(reports, dl, [sys.signer1])).catch((e: unknown) => e);
    expect(one).to.be.instanceOf(MRVOracleQuorumNotMetError);
    expect([(one as MRVOracleQuorumNotMetError).count, (one as MRVOracleQuorumNotMetError).quorum]).to.deep.equal([1n, 2n]);
    const both = await relayer.oracle.signReports(reports, dl, [sys.signer1, sys.signer2]);
    const reversed = await relayer.oracle.submitReports(reports, dl, [...both].reverse()).catch((e: unknown) => e);
    expect(reversed).to.be.instanceOf(MRVOracleSignersNotAscendingError);
    expect((reversed as MRVOracleSignersNotAscendingError).index).to.equal(1n);
    const ok = await relayer.oracle.submitReports(reports, dl, both);
    expect(ok.reports[0]).to.include({ owner: sys.carol.address, co2Grams: 48_000n });

    const tooFew = await admin.oracle.removeSigner(sys.signer2.address).catch((e: unknown) => e);
    expect(tooFew).to.be.instanceOf(MRVOracleInvalidQuorumError);
    const high = await admin.oracle.setQuorum(3).catch((e: unknown) => e);
    expect(high).to.be.instanceOf(MRVOracleInvalidQuorumError);
    expect((high as MRVOracleInvalidQuorumError).signerCount).to.equal(2n);
    await admin.oracle.setQuorum(1);
    await admin.oracle.removeSigner(sys.signer2.address);
    expect(await admin.oracle.isSigner(sys.signer2.address)).to.equal(false);
    expect(await admin.oracle.listSigners()).to.deep.equal([sys.signer1.address]);
  });

  it("pause stops submissions (EnforcedPauseError) until unpaused", async () => {
    const { sys, pauser, relayer } = await setup();
    await pauser.oracle.pause();
    expect(await relayer.oracle.paused()).to.equal(true);
    const reports = [report(sys.devA, march(4))];
    const dl = await deadline();
    const sigs = await relayer.oracle.signReports(reports, dl, [sys.signer1]);
    const paused = await relayer.oracle.submitReports(reports, dl, sigs).catch((e: unknown) => e);
    expect(paused).to.be.instanceOf(EnforcedPauseError);
    await pauser.oracle.unpause();
    expect((await relayer.oracle.submitReports(reports, dl, sigs)).batch.count).to.equal(1n);
    expect(await relayer.oracle.pool()).to.equal(sys.poolAddress);
  });

  it("bad arguments are refused before any call or signature with InvalidArgumentError naming the argument", async () => {
    const { sys, registrar, relayer, admin } = await setup();
    const before = await ethers.provider.getBlockNumber();
    const ok = report(sys.devA, march(3));
    const input = { owner: sys.bob.address, latMicroDeg: 0, lonMicroDeg: 0, capacityW: 1_000n, emissionFactorGPerKWh: 1_200n };
    const cases: Array<[() => Promise<unknown>, string]> = [
      [() => relayer.oracle.signReports([ok], 10, []), "signers"],
      [() => relayer.oracle.signReports([ok], 10, [sys.signer1, sys.signer1]), "signers"],
      [() => relayer.oracle.signReports([], 10, [sys.signer1]), "reports"],
      [() => relayer.oracle.signReports([{ ...ok, correlationBps: 10_001 }], 10, [sys.signer1]), "reports[0].correlationBps"],
      [() => relayer.oracle.signReports([ok, { ...ok, status: "None" as never }], 10, [sys.signer1]), "reports[1].status"],
      [() => relayer.oracle.signReports([{ ...ok, evidenceHash: ethers.ZeroHash }], 10, [sys.signer1]), "reports[0].evidenceHash"],
      [() => relayer.oracle.signReports([{ ...ok, deviceId: "0x1234" }], 10, [sys.signer1]), "reports[0].deviceId"],
      [() => relayer.oracle.signReports([{ ...ok, energyWh: -1n }], 10, [sys.signer1]), "reports[0].energyWh"],
      [() => relayer.oracle.signReports([{ ...ok, owner: "0x1234" }], 10, [sys.signer1]), "reports[0].owner"],
      [() => relayer.oracle.signReports([{ ...ok, day: new Date("garbage") }], 10, [sys.signer1]), "reports[0].day"],
      [() => relayer.oracle.signReports([ok], new Date("garbage"), [sys.signer1]), "deadline"],
      [() => relayer.oracle.submitReports([ok], 10, []), "signatures"],
      [() => relayer.oracle.submitReports([ok], 10, ["not hex"]), "signatures[0]"],
      [() => relayer.oracle.submitReports(Array.from({ length: 101 }, (_, i) => report(sys.devA, i)), 10, ["0x01"]), "reports"],
      [() => registrar.oracle.registerDevice(ethers.ZeroHash, input), "deviceId"],
      [() => registrar.oracle.registerDevice(deviceIdOf("n"), { ...input, latMicroDeg: 90_000_001 }), "input.latMicroDeg"],
      [() => registrar.oracle.registerDevice(deviceIdOf("n"), { ...input, lonMicroDeg: 12.5 }), "input.lonMicroDeg"],
      [() => registrar.oracle.registerDevice(deviceIdOf("n"), { ...input, capacityW: 0n }), "input.capacityW"],
      [() => registrar.oracle.registerDevice(deviceIdOf("n"), { ...input, emissionFactorGPerKWh: 10_001 }), "input.emissionFactorGPerKWh"],
      [() => registrar.oracle.registerDevice(deviceIdOf("n"), { ...input, owner: "bob" }), "input.owner"],
      [() => registrar.oracle.deactivateDevice("0xzz"), "deviceId"],
      [() => admin.oracle.setQuorum(0), "quorum"],
      [() => admin.oracle.addSigner("0x12"), "signer"],
      [() => relayer.oracle.getReport(sys.devA, -1), "day"],
      [() => relayer.oracle.ownerOf(sys.devA, -1), "day"],
      [() => relayer.oracle.getDevice("devA"), "deviceId"],
      [() => relayer.oracle.reportHistory({ owner: "nobody" }), "filter.owner"],
      [() => relayer.oracle.reportHistory({ toBlock: 1.5 }), "filter.toBlock"],
      [async () => utcDayOf(new Date("garbage")), "at"],
      [async () => deviceIdOf(""), "key"],
      [async () => co2GramsFor(-1n, 1_200n), "energyWh"],
    ];
    for (const [call, argument] of cases) {
      const err = await call().catch((e: unknown) => e);
      expect(err, argument).to.be.instanceOf(InvalidArgumentError);
      expect((err as InvalidArgumentError).argument, argument).to.equal(argument);
    }
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
  });
});
