import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { ADMIN_DELAY } from "../helpers/fixtures";
import { Kind, utc } from "../pool/fixtures";
import {
  CAPACITY_W,
  DAY_S,
  EF,
  EIP712_TYPES,
  ORACLE_ROLES,
  RStatus,
  co2Of,
  dayOf,
  deviceIdOf,
  deviceInput,
  makeReport,
  registerTestDevice,
  reportEvent,
  oracleDomain,
  oracleSystem,
  signBatch,
  soon,
  submit,
  type OracleSystem,
  type ReportValue,
} from "./MRVOracle.fixtures";

/** March 2025 days used by the tests (the fixture's open period). */
const D1 = dayOf(2025, 3, 1);
const D2 = dayOf(2025, 3, 2);
const D31 = dayOf(2025, 3, 31);

async function grams(ctx: OracleSystem, member: string): Promise<bigint> {
  return (await ctx.pool.getMemberPeriod(ctx.periodId, member)).grams;
}

/** Adds signer2 and signer3 and sets a 2-of-3 quorum. */
async function twoOfThree(ctx: OracleSystem): Promise<void> {
  await ctx.mrv.connect(ctx.admin).addSigner(ctx.signer2.address);
  await ctx.mrv.connect(ctx.admin).addSigner(ctx.signer3.address);
  await ctx.mrv.connect(ctx.admin).setQuorum(2);
}

describe("MRVOracle", () => {
  describe("deployment", () => {
    it("starts 1-of-1 with the constructor's signer, bound to the pool", async () => {
      const ctx = await loadFixture(oracleSystem);
      expect(await ctx.mrv.pool()).to.equal(ctx.poolAddress);
      expect(await ctx.mrv.quorum()).to.equal(1n);
      expect(await ctx.mrv.signerCount()).to.equal(1n);
      expect(await ctx.mrv.isSigner(ctx.signer1.address)).to.equal(true);
      expect(await ctx.mrv.isSigner(ctx.signer2.address)).to.equal(false);
      expect(await ctx.mrv.MAX_BATCH_SIZE()).to.equal(100n);
      const domain = await ctx.mrv.eip712Domain();
      expect(domain.name).to.equal("OpenTonne MRVOracle");
      expect(domain.version).to.equal("1");
      expect(domain.verifyingContract).to.equal(ctx.mrvAddress);
    });

    it("emits SignerAdded and QuorumUpdated(1, 1) at deployment", async () => {
      const ctx = await loadFixture(oracleSystem);
      const factory = await ethers.getContractFactory("MRVOracle");
      const o = await factory.deploy(ctx.admin.address, ADMIN_DELAY, ctx.poolAddress, ctx.signer1.address);
      const tx = o.deploymentTransaction()!;
      await expect(tx).to.emit(o, "SignerAdded").withArgs(ctx.signer1.address);
      await expect(tx).to.emit(o, "QuorumUpdated").withArgs(1n, 1n);
    });

    it("rejects a zero pool or a zero signer", async () => {
      const ctx = await loadFixture(oracleSystem);
      const factory = await ethers.getContractFactory("MRVOracle");
      await expect(factory.deploy(ctx.admin.address, ADMIN_DELAY, ethers.ZeroAddress, ctx.signer1.address))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleInvalidAddress")
        .withArgs("pool", ethers.ZeroAddress);
      await expect(factory.deploy(ctx.admin.address, ADMIN_DELAY, ctx.poolAddress, ethers.ZeroAddress))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleInvalidAddress")
        .withArgs("signer", ethers.ZeroAddress);
    });

    it("hashBatch equals the EIP-712 digest ethers computes for the same batch", async () => {
      const ctx = await loadFixture(oracleSystem);
      const reports = [makeReport(ctx.devA, D1), makeReport(ctx.devB, D2, { status: RStatus.Flagged })];
      const deadline = 1_900_000_000n;
      const expected = ethers.TypedDataEncoder.hash(await oracleDomain(ctx.mrv), EIP712_TYPES, { reports, deadline });
      expect(await ctx.mrv.hashBatch(reports, deadline)).to.equal(expected);
    });
  });

  describe("device registry", () => {
    it("registers a device (active) and emits DeviceRegistered", async () => {
      const ctx = await loadFixture(oracleSystem);
      const id = deviceIdOf("inverter-D");
      const input = deviceInput(ctx.alice.address, { latMicroDeg: -33_868_800, lonMicroDeg: 151_209_300 });
      await expect(ctx.mrv.connect(ctx.deviceRegistrar).registerDevice(id, input))
        .to.emit(ctx.mrv, "DeviceRegistered")
        .withArgs(id, ctx.alice.address, -33_868_800, 151_209_300, CAPACITY_W, EF);
      const d = await ctx.mrv.getDevice(id);
      expect([d.owner, d.latMicroDeg, d.lonMicroDeg, d.active, d.capacityW, d.emissionFactorGPerKWh]).to.deep.equal([
        ctx.alice.address,
        -33_868_800n,
        151_209_300n,
        true,
        CAPACITY_W,
        EF,
      ]);
    });

    it("accepts the location bounds ±90° / ±180°, the maximum capacity and the maximum emission factor", async () => {
      const ctx = await loadFixture(oracleSystem);
      const reg = ctx.mrv.connect(ctx.deviceRegistrar);
      await reg.registerDevice(deviceIdOf("n"), deviceInput(ctx.alice.address, { latMicroDeg: 90_000_000, lonMicroDeg: 180_000_000 }));
      await reg.registerDevice(
        deviceIdOf("s"),
        deviceInput(ctx.alice.address, { latMicroDeg: -90_000_000, lonMicroDeg: -180_000_000, emissionFactorGPerKWh: 10_000, capacityW: 10n ** 12n }),
      );
      const d = await ctx.mrv.getDevice(deviceIdOf("s"));
      expect([d.emissionFactorGPerKWh, d.capacityW]).to.deep.equal([10_000n, 10n ** 12n]);
    });

    it("rejects a zero id and an id already registered", async () => {
      const ctx = await loadFixture(oracleSystem);
      const reg = ctx.mrv.connect(ctx.deviceRegistrar);
      await expect(reg.registerDevice(ethers.ZeroHash, deviceInput(ctx.alice.address)))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleInvalidDeviceId")
        .withArgs(ethers.ZeroHash);
      await expect(reg.registerDevice(ctx.devA, deviceInput(ctx.bob.address)))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleDeviceExists")
        .withArgs(ctx.devA);
    });

    const badInputs: Array<[string, (owner: string) => ReturnType<typeof deviceInput>, string, unknown[]]> = [
      ["a zero owner", () => deviceInput(ethers.ZeroAddress), "MRVOracleInvalidOwner", [ethers.ZeroAddress]],
      ["latitude above 90°", (o) => deviceInput(o, { latMicroDeg: 90_000_001 }), "MRVOracleInvalidLocation", [90_000_001, 78_280_000]],
      ["latitude below −90°", (o) => deviceInput(o, { latMicroDeg: -90_000_001 }), "MRVOracleInvalidLocation", [-90_000_001, 78_280_000]],
      ["longitude above 180°", (o) => deviceInput(o, { lonMicroDeg: 180_000_001 }), "MRVOracleInvalidLocation", [14_820_000, 180_000_001]],
      ["longitude below −180°", (o) => deviceInput(o, { lonMicroDeg: -180_000_001 }), "MRVOracleInvalidLocation", [14_820_000, -180_000_001]],
      ["zero capacity", (o) => deviceInput(o, { capacityW: 0 }), "MRVOracleInvalidCapacity", [0, 10n ** 12n]],
      ["capacity above 1 TW", (o) => deviceInput(o, { capacityW: 10n ** 12n + 1n }), "MRVOracleInvalidCapacity", [10n ** 12n + 1n, 10n ** 12n]],
      ["a zero emission factor", (o) => deviceInput(o, { emissionFactorGPerKWh: 0 }), "MRVOracleInvalidEmissionFactor", [0, 10_000]],
      ["an emission factor above the cap", (o) => deviceInput(o, { emissionFactorGPerKWh: 10_001 }), "MRVOracleInvalidEmissionFactor", [10_001, 10_000]],
    ];
    for (const [label, input, error, args] of badInputs) {
      it(`registerDevice and updateDevice reject ${label} (${error})`, async () => {
        const ctx = await loadFixture(oracleSystem);
        const reg = ctx.mrv.connect(ctx.deviceRegistrar);
        await expect(reg.registerDevice(deviceIdOf("new"), input(ctx.alice.address)))
          .to.be.revertedWithCustomError(ctx.mrv, error)
          .withArgs(...args);
        await expect(reg.updateDevice(ctx.devA, input(ctx.alice.address)))
          .to.be.revertedWithCustomError(ctx.mrv, error)
          .withArgs(...args);
        expect(await ctx.mrv.isReported(deviceIdOf("new"), D1)).to.equal(false);
        expect((await ctx.mrv.getDevice(deviceIdOf("new"))).owner).to.equal(ethers.ZeroAddress);
      });
    }

    it("updateDevice replaces owner, location, capacity and factor, keeps the active flag; later reports use them, the new owner from the next day", async () => {
      const ctx = await loadFixture(oracleSystem);
      const today = Math.floor((await time.latest()) / 86_400) + 1;
      await time.setNextBlockTimestamp(BigInt(today) * DAY_S + 60n);
      const input = deviceInput(ctx.bob.address, { latMicroDeg: 1, lonMicroDeg: -2, capacityW: 5_000n, emissionFactorGPerKWh: 861 });
      await expect(ctx.mrv.connect(ctx.deviceRegistrar).updateDevice(ctx.devA, input))
        .to.emit(ctx.mrv, "DeviceUpdated")
        .withArgs(ctx.devA, ctx.bob.address, 1, -2, 5_000n, 861, today + 1);
      const d = await ctx.mrv.getDevice(ctx.devA);
      expect([d.owner, d.latMicroDeg, d.lonMicroDeg, d.active, d.capacityW, d.emissionFactorGPerKWh]).to.deep.equal([
        ctx.bob.address,
        1n,
        -2n,
        true,
        5_000n,
        861n,
      ]);
      expect([d.ownerFromDay, d.previousOwner, d.previousOwnerFromDay]).to.deep.equal([BigInt(today + 1), ctx.alice.address, 0n]);
      expect(await ctx.mrv.ownerOf(ctx.devA, D1)).to.equal(ctx.alice.address);
      expect(await ctx.mrv.ownerOf(ctx.devA, today)).to.equal(ctx.alice.address);
      expect(await ctx.mrv.ownerOf(ctx.devA, today + 1)).to.equal(ctx.bob.address);
      // CO2 by the new factor (12,345 Wh × 861 / 1000 = 10,629.045 → 10,629 g); March 2025 stays alice's.
      await expect(submit(ctx, [makeReport(ctx.devA, D1, { owner: ctx.bob.address, energyWh: 12_345n, co2Grams: 10_629n })]))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleWrongOwner")
        .withArgs(0n, ctx.devA, D1, ctx.bob.address, ctx.alice.address);
      await submit(ctx, [makeReport(ctx.devA, D1, { owner: ctx.alice.address, energyWh: 12_345n, co2Grams: 10_629n })]);
      expect(await grams(ctx, ctx.alice.address)).to.equal(10_629n);
      expect(await grams(ctx, ctx.bob.address)).to.equal(0n);
    });

    it("updateDevice: a second owner change the same day only corrects the new owner; a later one keeps two owners and forgets the oldest", async () => {
      const ctx = await loadFixture(oracleSystem);
      const reg = ctx.mrv.connect(ctx.deviceRegistrar);
      const t = Math.floor((await time.latest()) / 86_400) + 1;
      await time.setNextBlockTimestamp(BigInt(t) * DAY_S + 60n);
      await reg.updateDevice(ctx.devA, deviceInput(ctx.outsider.address));
      await reg.updateDevice(ctx.devA, deviceInput(ctx.bob.address)); // same day: a correction
      let d = await ctx.mrv.getDevice(ctx.devA);
      expect([d.owner, d.ownerFromDay, d.previousOwner, d.previousOwnerFromDay]).to.deep.equal([ctx.bob.address, BigInt(t + 1), ctx.alice.address, 0n]);
      // only the location changes: the owner history stays
      await reg.updateDevice(ctx.devA, deviceInput(ctx.bob.address, { latMicroDeg: 5 }));
      d = await ctx.mrv.getDevice(ctx.devA);
      expect([d.owner, d.ownerFromDay, d.previousOwner, d.latMicroDeg]).to.deep.equal([ctx.bob.address, BigInt(t + 1), ctx.alice.address, 5n]);
      // two days later bob hands over to carol: bob keeps t+1 … t+2, alice's days before t+1 are forgotten
      await time.setNextBlockTimestamp(BigInt(t + 2) * DAY_S + 60n);
      await expect(reg.updateDevice(ctx.devA, deviceInput(ctx.carol.address)))
        .to.emit(ctx.mrv, "DeviceUpdated")
        .withArgs(ctx.devA, ctx.carol.address, anyValue, anyValue, anyValue, anyValue, t + 3);
      d = await ctx.mrv.getDevice(ctx.devA);
      expect([d.owner, d.ownerFromDay, d.previousOwner, d.previousOwnerFromDay]).to.deep.equal([ctx.carol.address, BigInt(t + 3), ctx.bob.address, BigInt(t + 1)]);
      expect(await ctx.mrv.ownerOf(ctx.devA, t + 2)).to.equal(ctx.bob.address);
      expect(await ctx.mrv.ownerOf(ctx.devA, t + 3)).to.equal(ctx.carol.address);
      await expect(ctx.mrv.ownerOf(ctx.devA, D1)).to.be.revertedWithCustomError(ctx.mrv, "MRVOracleOwnerUnknown").withArgs(ctx.devA, D1, t + 1);
      await expect(submit(ctx, [makeReport(ctx.devA, D1, { owner: ctx.alice.address })]))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleOwnerUnknown")
        .withArgs(ctx.devA, D1, t + 1);
      await expect(ctx.mrv.ownerOf(deviceIdOf("nope"), D1)).to.be.revertedWithCustomError(ctx.mrv, "MRVOracleUnknownDevice");
    });

    it("updateDevice rejects an unknown device", async () => {
      const ctx = await loadFixture(oracleSystem);
      const id = deviceIdOf("nope");
      await expect(ctx.mrv.connect(ctx.deviceRegistrar).updateDevice(id, deviceInput(ctx.alice.address)))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleUnknownDevice")
        .withArgs(id);
    });

    it("deactivateDevice emits DeviceDeactivated, clears the flag, and rejects an unknown or already inactive device", async () => {
      const ctx = await loadFixture(oracleSystem);
      const reg = ctx.mrv.connect(ctx.deviceRegistrar);
      await expect(reg.deactivateDevice(ctx.devA)).to.emit(ctx.mrv, "DeviceDeactivated").withArgs(ctx.devA);
      expect((await ctx.mrv.getDevice(ctx.devA)).active).to.equal(false);
      await expect(reg.deactivateDevice(ctx.devA)).to.be.revertedWithCustomError(ctx.mrv, "MRVOracleDeviceInactive").withArgs(ctx.devA);
      const id = deviceIdOf("nope");
      await expect(reg.deactivateDevice(id)).to.be.revertedWithCustomError(ctx.mrv, "MRVOracleUnknownDevice").withArgs(id);
    });

    it("activateDevice brings a deactivated device back (DeviceActivated) and rejects an unknown or already active device", async () => {
      const ctx = await loadFixture(oracleSystem);
      const reg = ctx.mrv.connect(ctx.deviceRegistrar);
      await expect(reg.activateDevice(ctx.devA)).to.be.revertedWithCustomError(ctx.mrv, "MRVOracleDeviceActive").withArgs(ctx.devA);
      const id = deviceIdOf("nope");
      await expect(reg.activateDevice(id)).to.be.revertedWithCustomError(ctx.mrv, "MRVOracleUnknownDevice").withArgs(id);
      const before = await ctx.mrv.getDevice(ctx.devA);
      await reg.deactivateDevice(ctx.devA);
      await expect(reg.activateDevice(ctx.devA)).to.emit(ctx.mrv, "DeviceActivated").withArgs(ctx.devA);
      // the same device as before deactivation: fields unchanged, active again
      const after = await ctx.mrv.getDevice(ctx.devA);
      expect(after.active).to.equal(true);
      expect([after.owner, after.latMicroDeg, after.lonMicroDeg, after.capacityW, after.emissionFactorGPerKWh]).to.deep.equal([
        before.owner, before.latMicroDeg, before.lonMicroDeg, before.capacityW, before.emissionFactorGPerKWh,
      ]);
      // a second activation is refused; deactivate → activate can be repeated
      await expect(reg.activateDevice(ctx.devA)).to.be.revertedWithCustomError(ctx.mrv, "MRVOracleDeviceActive").withArgs(ctx.devA);
      await expect(reg.deactivateDevice(ctx.devA)).to.emit(ctx.mrv, "DeviceDeactivated").withArgs(ctx.devA);
      await expect(reg.activateDevice(ctx.devA)).to.emit(ctx.mrv, "DeviceActivated").withArgs(ctx.devA);
    });

    it("a reactivated device is reported again: days reported before stay refused, days of the inactive spell can be reported once", async () => {
      const ctx = await loadFixture(oracleSystem);
      const reg = ctx.mrv.connect(ctx.deviceRegistrar);
      const d1 = dayOf(ctx.year, ctx.month, 1);
      const d2 = dayOf(ctx.year, ctx.month, 2);
      await submit(ctx, [makeReport(ctx.devA, d1)]);
      await reg.deactivateDevice(ctx.devA);
      await expect(submit(ctx, [makeReport(ctx.devA, d2)])).to.be.revertedWithCustomError(ctx.mrv, "MRVOracleDeviceInactive").withArgs(ctx.devA);
      expect(await ctx.mrv.isReported(ctx.devA, d2)).to.equal(false);
      await reg.activateDevice(ctx.devA);
      await expect(submit(ctx, [makeReport(ctx.devA, d1)]))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleAlreadyReported")
        .withArgs(ctx.devA, d1, RStatus.Verified);
      await expect(submit(ctx, [makeReport(ctx.devA, d2)])).to.emit(ctx.mrv, "ReportSubmitted");
      expect(await ctx.mrv.isReported(ctx.devA, d2)).to.equal(true);
      // alice was credited for both days, each once
      expect((await ctx.pool.getMemberPeriod(ctx.periodId, ctx.alice.address)).grams).to.equal(2n * co2Of(40_000n));
    });
  });

  describe("signers and quorum", () => {
    it("addSigner adds (SignerAdded) and rejects zero, an existing signer and a 21st signer", async () => {
      const ctx = await loadFixture(oracleSystem);
      const admin = ctx.mrv.connect(ctx.admin);
      await expect(admin.addSigner(ctx.signer2.address)).to.emit(ctx.mrv, "SignerAdded").withArgs(ctx.signer2.address);
      expect(await ctx.mrv.isSigner(ctx.signer2.address)).to.equal(true);
      expect(await ctx.mrv.signerCount()).to.equal(2n);
      await expect(admin.addSigner(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleInvalidSigner")
        .withArgs(ethers.ZeroAddress);
      await expect(admin.addSigner(ctx.signer2.address))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleSignerExists")
        .withArgs(ctx.signer2.address);
      for (let i = 2; i < 20; i++) await admin.addSigner(ethers.Wallet.createRandom().address);
      expect(await ctx.mrv.signerCount()).to.equal(20n);
      await expect(admin.addSigner(ctx.signer3.address))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleTooManySigners")
        .withArgs(20n);
    });

    it("removeSigner removes (SignerRemoved), rejects a non-signer, and never leaves fewer signers than the quorum", async () => {
      const ctx = await loadFixture(oracleSystem);
      const admin = ctx.mrv.connect(ctx.admin);
      await expect(admin.removeSigner(ctx.signer2.address))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleNotSigner")
        .withArgs(ctx.signer2.address);
      await expect(admin.removeSigner(ctx.signer1.address))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleInvalidQuorum")
        .withArgs(1n, 0n);
      await twoOfThree(ctx);
      await expect(admin.removeSigner(ctx.signer3.address)).to.emit(ctx.mrv, "SignerRemoved").withArgs(ctx.signer3.address);
      expect(await ctx.mrv.isSigner(ctx.signer3.address)).to.equal(false);
      expect(await ctx.mrv.signerCount()).to.equal(2n);
      await expect(admin.removeSigner(ctx.signer2.address))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleInvalidQuorum")
        .withArgs(2n, 1n);
      // A removed signer no longer counts.
      await expect(submit(ctx, [makeReport(ctx.devA, D1)], { signers: [ctx.signer1, ctx.signer3] }))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleUnknownSigner")
        .withArgs(anyValue, ctx.signer3.address);
    });

    it("setQuorum sets M (QuorumUpdated) and rejects 0 and more than the signer count", async () => {
      const ctx = await loadFixture(oracleSystem);
      const admin = ctx.mrv.connect(ctx.admin);
      await expect(admin.setQuorum(0)).to.be.revertedWithCustomError(ctx.mrv, "MRVOracleInvalidQuorum").withArgs(0n, 1n);
      await expect(admin.setQuorum(2)).to.be.revertedWithCustomError(ctx.mrv, "MRVOracleInvalidQuorum").withArgs(2n, 1n);
      await admin.addSigner(ctx.signer2.address);
      await expect(admin.setQuorum(2)).to.emit(ctx.mrv, "QuorumUpdated").withArgs(2n, 2n);
      expect(await ctx.mrv.quorum()).to.equal(2n);
    });
  });

  describe("signatures", () => {
    it("anyone may relay a batch signed by the 1-of-1 signer", async () => {
      const ctx = await loadFixture(oracleSystem);
      await expect(submit(ctx, [makeReport(ctx.devA, D1)], { relayer: ctx.outsider })).to.emit(ctx.mrv, "BatchSubmitted");
      expect(await ctx.mrv.isReported(ctx.devA, D1)).to.equal(true);
    });

    it("rejects a batch signed by a key that is not an oracle signer (MRVOracleUnknownSigner)", async () => {
      const ctx = await loadFixture(oracleSystem);
      await expect(submit(ctx, [makeReport(ctx.devA, D1)], { signers: [ctx.signer2] }))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleUnknownSigner")
        .withArgs(0n, ctx.signer2.address);
      expect(await ctx.mrv.isReported(ctx.devA, D1)).to.equal(false);
    });

    it("rejects a replay of an applied batch (MRVOracleAlreadyReported) and credits it once", async () => {
      const ctx = await loadFixture(oracleSystem);
      const reports = [makeReport(ctx.devA, D1)];
      const deadline = await soon();
      const sigs = await signBatch(ctx.mrv, reports, deadline, [ctx.signer1]);
      await ctx.mrv.connect(ctx.outsider).submitReports(reports, deadline, sigs);
      await expect(ctx.mrv.connect(ctx.bob).submitReports(reports, deadline, sigs))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleAlreadyReported")
        .withArgs(ctx.devA, D1, RStatus.Verified);
      expect(await grams(ctx, ctx.alice.address)).to.equal(co2Of(40_000n));
    });

    it("rejects an expired deadline (MRVOracleSignatureExpired); the deadline second itself is still valid", async () => {
      const ctx = await loadFixture(oracleSystem);
      const reports = [makeReport(ctx.devA, D1)];
      const deadline = BigInt(await time.latest()) + 100n;
      const sigs = await signBatch(ctx.mrv, reports, deadline, [ctx.signer1]);
      await time.setNextBlockTimestamp(deadline + 1n);
      await expect(ctx.mrv.submitReports(reports, deadline, sigs))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleSignatureExpired")
        .withArgs(deadline, deadline + 1n);

      const deadline2 = BigInt(await time.latest()) + 100n;
      const sigs2 = await signBatch(ctx.mrv, reports, deadline2, [ctx.signer1]);
      await time.setNextBlockTimestamp(deadline2);
      await expect(ctx.mrv.submitReports(reports, deadline2, sigs2)).to.emit(ctx.mrv, "BatchSubmitted");
    });

    it("rejects fewer signatures than the quorum (MRVOracleQuorumNotMet), also none", async () => {
      const ctx = await loadFixture(oracleSystem);
      await twoOfThree(ctx);
      await expect(submit(ctx, [makeReport(ctx.devA, D1)], { signers: [ctx.signer2] }))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleQuorumNotMet")
        .withArgs(1n, 2n);
      await expect(submit(ctx, [makeReport(ctx.devA, D1)], { signers: [] }))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleQuorumNotMet")
        .withArgs(0n, 2n);
    });

    it("accepts 2-of-3 (any two signers) and 3-of-3", async () => {
      const ctx = await loadFixture(oracleSystem);
      await twoOfThree(ctx);
      await submit(ctx, [makeReport(ctx.devA, D1)], { signers: [ctx.signer1, ctx.signer2] });
      await submit(ctx, [makeReport(ctx.devB, D1)], { signers: [ctx.signer3, ctx.signer2] });
      await submit(ctx, [makeReport(ctx.devC, D1)], { signers: [ctx.signer1, ctx.signer2, ctx.signer3] });
      for (const dev of [ctx.devA, ctx.devB, ctx.devC]) expect(await ctx.mrv.isReported(dev, D1)).to.equal(true);
    });

    it("rejects the same signer twice (MRVOracleSignersNotAscending), so one key cannot meet a 2-of-3 quorum", async () => {
      const ctx = await loadFixture(oracleSystem);
      await twoOfThree(ctx);
      const reports = [makeReport(ctx.devA, D1)];
      const deadline = await soon();
      const [sig] = await signBatch(ctx.mrv, reports, deadline, [ctx.signer2]);
      await expect(ctx.mrv.submitReports(reports, deadline, [sig, sig]))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleSignersNotAscending")
        .withArgs(1n, ctx.signer2.address, ctx.signer2.address);
    });

    it("rejects signatures in descending signer order (MRVOracleSignersNotAscending)", async () => {
      const ctx = await loadFixture(oracleSystem);
      await twoOfThree(ctx);
      const reports = [makeReport(ctx.devA, D1)];
      const deadline = await soon();
      const sorted = await signBatch(ctx.mrv, reports, deadline, [ctx.signer1, ctx.signer2]);
      const addrs = [ctx.signer1.address, ctx.signer2.address].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      await expect(ctx.mrv.submitReports(reports, deadline, [sorted[1], sorted[0]]))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleSignersNotAscending")
        .withArgs(1n, addrs[0], addrs[1]);
    });

    it("rejects a malformed signature (MRVOracleInvalidSignature)", async () => {
      const ctx = await loadFixture(oracleSystem);
      const reports = [makeReport(ctx.devA, D1)];
      const deadline = await soon();
      const [sig] = await signBatch(ctx.mrv, reports, deadline, [ctx.signer1]);
      await expect(ctx.mrv.submitReports(reports, deadline, [ethers.dataSlice(sig, 0, 64)]))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleInvalidSignature")
        .withArgs(0n);
    });

    /** Each field changed after signing, to a value that would otherwise be a valid report. */
    const tamper: Array<[string, (r: ReportValue, ctx: OracleSystem) => ReportValue]> = [
      ["deviceId", (r, ctx) => ({ ...r, deviceId: ctx.devB, owner: ctx.bob.address })],
      ["day", (r) => ({ ...r, day: D2 })],
      ["energyWh", (r) => ({ ...r, energyWh: 50_000n, co2Grams: co2Of(50_000n) })],
      ["co2Grams", (r) => ({ ...r, energyWh: 50_000n, co2Grams: co2Of(50_000n) })],
      ["correlationBps", (r) => ({ ...r, correlationBps: 9_999 })],
      ["status", (r) => ({ ...r, status: RStatus.Pending })],
      ["evidenceHash", (r) => ({ ...r, evidenceHash: ethers.id("other evidence") })],
    ];
    for (const [field, change] of tamper) {
      it(`rejects a batch whose ${field} was changed after signing (MRVOracleUnknownSigner)`, async () => {
        const ctx = await loadFixture(oracleSystem);
        const signed = [makeReport(ctx.devA, D1)];
        const deadline = await soon();
        const sigs = await signBatch(ctx.mrv, signed, deadline, [ctx.signer1]);
        const changed = [change(signed[0], ctx)];
        await expect(ctx.mrv.submitReports(changed, deadline, sigs))
          .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleUnknownSigner")
          .withArgs(0n, anyValue);
        // The changed report is valid by itself: signed properly, it is accepted.
        await submit(ctx, changed);
      });
    }

    it("rejects a changed deadline, an extra report and a dropped report (MRVOracleUnknownSigner)", async () => {
      const ctx = await loadFixture(oracleSystem);
      const signed = [makeReport(ctx.devA, D1), makeReport(ctx.devB, D1)];
      const deadline = await soon();
      const sigs = await signBatch(ctx.mrv, signed, deadline, [ctx.signer1]);
      await expect(ctx.mrv.submitReports(signed, deadline + 1n, sigs)).to.be.revertedWithCustomError(ctx.mrv, "MRVOracleUnknownSigner");
      await expect(ctx.mrv.submitReports([signed[0]], deadline, sigs)).to.be.revertedWithCustomError(ctx.mrv, "MRVOracleUnknownSigner");
      await expect(ctx.mrv.submitReports([...signed, makeReport(ctx.devC, D1)], deadline, sigs)).to.be.revertedWithCustomError(
        ctx.mrv,
        "MRVOracleUnknownSigner",
      );
    });

    it("rejects a signature made for another oracle deployment (domain-bound)", async () => {
      const ctx = await loadFixture(oracleSystem);
      const other = await ethers.deployContract("MRVOracle", [ctx.admin.address, ADMIN_DELAY, ctx.poolAddress, ctx.signer1.address]);
      const reports = [makeReport(ctx.devA, D1)];
      const deadline = await soon();
      const sigs = await signBatch(other, reports, deadline, [ctx.signer1]);
      await expect(ctx.mrv.submitReports(reports, deadline, sigs)).to.be.revertedWithCustomError(ctx.mrv, "MRVOracleUnknownSigner");
    });
  });

  describe("report validation (whole batch reverts, nothing applied)", () => {
    it("rejects an empty batch (MRVOracleEmptyBatch)", async () => {
      const ctx = await loadFixture(oracleSystem);
      await expect(submit(ctx, [])).to.be.revertedWithCustomError(ctx.mrv, "MRVOracleEmptyBatch");
    });

    it("accepts 100 reports and rejects 101 (MRVOracleBatchTooLarge)", async () => {
      const ctx = await loadFixture(oracleSystem);
      const devD = deviceIdOf("inverter-D");
      await registerTestDevice(ctx, devD, ctx.alice.address);
      const devices = [ctx.devA, ctx.devB, ctx.devC, devD]; // 4 devices × 31 March days ≥ 101 device-days
      const many = Array.from({ length: 101 }, (_, i) => makeReport(devices[i % 4], D1 + Math.floor(i / 4), { status: RStatus.Pending }));
      await expect(submit(ctx, many))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleBatchTooLarge")
        .withArgs(101n, 100n);
      await submit(ctx, many.slice(0, 100));
      expect(await ctx.mrv.isReported(many[99].deviceId, many[99].day)).to.equal(true);
      expect(await ctx.mrv.isReported(many[100].deviceId, many[100].day)).to.equal(false);
    });

    it("rejects a device-day with a final status reported in an earlier batch, with another status and evidence (MRVOracleAlreadyReported)", async () => {
      const ctx = await loadFixture(oracleSystem);
      await submit(ctx, [makeReport(ctx.devA, D1, { status: RStatus.Flagged })]);
      await expect(submit(ctx, [makeReport(ctx.devB, D1), makeReport(ctx.devA, D1, { evidenceHash: ethers.id("x") })]))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleAlreadyReported")
        .withArgs(ctx.devA, D1, RStatus.Flagged);
      expect(await ctx.mrv.isReported(ctx.devB, D1)).to.equal(false);
    });

    it("a PENDING day is superseded once by a final status (supersedesPending); PENDING over PENDING and a second supersede are refused", async () => {
      const ctx = await loadFixture(oracleSystem);
      await submit(ctx, [makeReport(ctx.devA, D1, { status: RStatus.Pending })]);
      await expect(submit(ctx, [makeReport(ctx.devA, D1, { status: RStatus.Pending, evidenceHash: ethers.id("y") })]))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleAlreadyReported")
        .withArgs(ctx.devA, D1, RStatus.Pending);
      const verified = makeReport(ctx.devA, D1, { evidenceHash: ethers.id("z") });
      await expect(submit(ctx, [verified]))
        .to.emit(ctx.mrv, "ReportSubmitted")
        .withArgs(ctx.devA, D1, ctx.alice.address, RStatus.Verified, 40_000n, co2Of(40_000n), 9_500, verified.evidenceHash, ctx.periodId, true);
      const rec = await ctx.mrv.getReport(ctx.devA, D1);
      expect([rec.status, rec.supersededPending]).to.deep.equal([BigInt(RStatus.Verified), true]);
      expect(await grams(ctx, ctx.alice.address)).to.equal(co2Of(40_000n));
      await expect(submit(ctx, [makeReport(ctx.devA, D1, { status: RStatus.Flagged })]))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleAlreadyReported")
        .withArgs(ctx.devA, D1, RStatus.Verified);
      // PENDING → FLAGGED in the same way, and the neighbouring device's state in the shared word is untouched
      await submit(ctx, [makeReport(ctx.devB, D1, { status: RStatus.Pending })]);
      await submit(ctx, [makeReport(ctx.devB, D1, { status: RStatus.Flagged })]);
      const b = await ctx.mrv.getReport(ctx.devB, D1);
      expect([b.status, b.supersededPending]).to.deep.equal([BigInt(RStatus.Flagged), true]);
      expect((await ctx.mrv.getReport(ctx.devA, D1)).status).to.equal(BigInt(RStatus.Verified));
      expect(await ctx.mrv.isReported(ctx.devC, D1)).to.equal(false);
    });

    it("rejects a device-day twice within one batch (MRVOracleAlreadyReported) and applies nothing", async () => {
      const ctx = await loadFixture(oracleSystem);
      const reports = [makeReport(ctx.devA, D1), makeReport(ctx.devB, D1), makeReport(ctx.devA, D1, { status: RStatus.Flagged })];
      await expect(submit(ctx, reports)).to.be.revertedWithCustomError(ctx.mrv, "MRVOracleAlreadyReported").withArgs(ctx.devA, D1, RStatus.Verified);
      expect(await ctx.mrv.isReported(ctx.devA, D1)).to.equal(false);
      expect(await grams(ctx, ctx.alice.address)).to.equal(0n);
    });

    it("rejects CO2 one gram above or below floor(energyWh × factor / 1000) (MRVOracleCo2Mismatch)", async () => {
      const ctx = await loadFixture(oracleSystem);
      // 12,345 Wh × 1200 / 1000 = 14,814 g exactly; 12,346 Wh → 14,815.2 → 14,815 g (rounded down).
      for (const [energyWh, expected] of [
        [12_345n, 14_814n],
        [12_346n, 14_815n],
      ]) {
        for (const co2Grams of [expected - 1n, expected + 1n]) {
          await expect(submit(ctx, [makeReport(ctx.devB, D2), makeReport(ctx.devA, D1, { energyWh, co2Grams })]))
            .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleCo2Mismatch")
            .withArgs(ctx.devA, D1, co2Grams, expected);
        }
      }
      expect(await ctx.mrv.isReported(ctx.devB, D2)).to.equal(false);
      await submit(ctx, [makeReport(ctx.devA, D1, { energyWh: 12_346n, co2Grams: 14_815n })]);
      expect((await reportEvent(ctx.mrv, ctx.devA, D1)).co2Grams).to.equal(14_815n);
    });

    it("rejects an unknown device (MRVOracleUnknownDevice)", async () => {
      const ctx = await loadFixture(oracleSystem);
      const id = deviceIdOf("unregistered");
      await expect(submit(ctx, [makeReport(id, D1)])).to.be.revertedWithCustomError(ctx.mrv, "MRVOracleUnknownDevice").withArgs(id);
    });

    it("rejects a deactivated device (MRVOracleDeviceInactive)", async () => {
      const ctx = await loadFixture(oracleSystem);
      await ctx.mrv.connect(ctx.deviceRegistrar).deactivateDevice(ctx.devA);
      await expect(submit(ctx, [makeReport(ctx.devA, D1, { status: RStatus.Pending })]))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleDeviceInactive")
        .withArgs(ctx.devA);
    });

    it("rejects today and a future day (MRVOracleDayNotOver); yesterday is accepted", async () => {
      const ctx = await loadFixture(oracleSystem);
      const today = Math.floor((await time.latest()) / 86_400) + 1; // the next block may cross midnight: set its time
      await time.setNextBlockTimestamp(BigInt(today) * DAY_S + 3600n);
      const deadline = BigInt(today + 1) * DAY_S;
      await expect(submit(ctx, [makeReport(ctx.devA, today, { status: RStatus.Pending })], { deadline }))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleDayNotOver")
        .withArgs(ctx.devA, today, today);
      await expect(submit(ctx, [makeReport(ctx.devA, today + 1, { status: RStatus.Pending })], { deadline }))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleDayNotOver")
        .withArgs(ctx.devA, today + 1, anyValue);
      // yesterday passes the day check (and then meets the period check: March 2025 is open, not yesterday)
      await expect(submit(ctx, [makeReport(ctx.devA, today - 1, { status: RStatus.Pending })], { deadline }))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleDayOutsideOpenPeriod")
        .withArgs(ctx.devA, today - 1, ctx.periodId, anyValue, anyValue);
    });

    it("rejects a correlation above 10,000 bps (MRVOracleInvalidCorrelation); 10,000 is accepted", async () => {
      const ctx = await loadFixture(oracleSystem);
      await expect(submit(ctx, [makeReport(ctx.devA, D1, { correlationBps: 10_001 })]))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleInvalidCorrelation")
        .withArgs(0n, 10_001);
      await submit(ctx, [makeReport(ctx.devA, D1, { correlationBps: 10_000 })]);
      expect((await reportEvent(ctx.mrv, ctx.devA, D1)).correlationBps).to.equal(10_000n);
    });

    it("rejects status None (MRVOracleInvalidStatus) and a zero evidence hash (MRVOracleMissingEvidence)", async () => {
      const ctx = await loadFixture(oracleSystem);
      await expect(submit(ctx, [makeReport(ctx.devB, D1), makeReport(ctx.devA, D1, { status: RStatus.None })]))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleInvalidStatus")
        .withArgs(1n, RStatus.None);
      await expect(submit(ctx, [makeReport(ctx.devA, D1, { evidenceHash: ethers.ZeroHash })]))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleMissingEvidence")
        .withArgs(0n);
    });

    it("rejects energy above capacity × 24 h (MRVOracleEnergyAboveCapacity); exactly capacity × 24 is accepted", async () => {
      const ctx = await loadFixture(oracleSystem);
      const maxWh = CAPACITY_W * 24n;
      await expect(submit(ctx, [makeReport(ctx.devA, D1, { energyWh: maxWh + 1n })]))
        .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleEnergyAboveCapacity")
        .withArgs(ctx.devA, D1, maxWh + 1n, maxWh);
      await submit(ctx, [makeReport(ctx.devA, D1, { energyWh: maxWh, status: RStatus.Flagged })]);
      expect((await reportEvent(ctx.mrv, ctx.devA, D1)).energyWh).to.equal(maxWh);
    });
  });

  describe("crediting the pool", () => {
    it("a VERIFIED report adds its CO2 to the owner's contribution in the open period", async () => {
      const ctx = await loadFixture(oracleSystem);
      const r = makeReport(ctx.devA, D1, { energyWh: 31_234n, co2Grams: co2Of(31_234n) });
      await expect(submit(ctx, [r]))
        .to.emit(ctx.pool, "ContributionRecorded")
        .withArgs(ctx.periodId, ctx.alice.address, 37_480n, 37_480n, anyValue, true);
      expect(await grams(ctx, ctx.alice.address)).to.equal(37_480n);
      expect((await ctx.pool.getMember(ctx.alice.address)).totalGrams).to.equal(37_480n);
      expect((await ctx.pool.getPeriod(ctx.periodId)).eligibleGrams).to.equal(37_480n);
    });

    it("FLAGGED and PENDING reports are stored for audit but add nothing to the pool", async () => {
      const ctx = await loadFixture(oracleSystem);
      const flagged = makeReport(ctx.devA, D1, { status: RStatus.Flagged, correlationBps: 9_700 });
      const pending = makeReport(ctx.devB, D1, { status: RStatus.Pending, correlationBps: 4_200 });
      await expect(submit(ctx, [flagged, pending])).to.not.emit(ctx.pool, "ContributionRecorded");
      expect(await grams(ctx, ctx.alice.address)).to.equal(0n);
      expect(await grams(ctx, ctx.bob.address)).to.equal(0n);
      expect((await ctx.pool.getPeriod(ctx.periodId)).eligibleGrams).to.equal(0n);
      const rec = await reportEvent(ctx.mrv, ctx.devA, D1);
      expect((await ctx.mrv.getReport(ctx.devA, D1)).status).to.equal(BigInt(RStatus.Flagged));
      expect([rec.status, rec.owner, rec.correlationBps, rec.energyWh, rec.co2Grams, rec.evidenceHash, rec.periodId]).to.deep.equal([
        BigInt(RStatus.Flagged),
        ctx.alice.address,
        9_700n,
        40_000n,
        co2Of(40_000n),
        flagged.evidenceHash,
        0n,
      ]);
      expect((await ctx.mrv.getReport(ctx.devB, D1)).status).to.equal(BigInt(RStatus.Pending));
    });

    it("with no period open, every status reverts (MRVOracleDayOutsideOpenPeriod, period 0)", async () => {
      const ctx = await loadFixture(oracleSystem);
      await time.increaseTo(utc(2025, 4, 1) > BigInt(await time.latest()) ? utc(2025, 4, 1) : BigInt(await time.latest()) + 1n);
      await ctx.pool.connect(ctx.manager).closePeriod(ctx.periodId);
      for (const [dev, status] of [[ctx.devA, RStatus.Flagged], [ctx.devB, RStatus.Pending], [ctx.devC, RStatus.Verified]] as const) {
        await expect(submit(ctx, [makeReport(dev, D1, { status })]))
          .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleDayOutsideOpenPeriod")
          .withArgs(dev, D1, 0n, 0n, 0n);
      }
    });

    it("rejects a day (any status) before or after the open period (MRVOracleDayOutsideOpenPeriod); its first and last days are accepted", async () => {
      const ctx = await loadFixture(oracleSystem);
      const { start, end } = await ctx.pool.getPeriod(ctx.periodId);
      for (const day of [D1 - 1, D31 + 1]) {
        for (const status of [RStatus.Verified, RStatus.Flagged, RStatus.Pending]) {
          await expect(submit(ctx, [makeReport(ctx.devA, day, { status })]))
            .to.be.revertedWithCustomError(ctx.mrv, "MRVOracleDayOutsideOpenPeriod")
            .withArgs(ctx.devA, day, ctx.periodId, start, end);
        }
      }
      await submit(ctx, [makeReport(ctx.devA, D1), makeReport(ctx.devA, D31)]);
      expect(await grams(ctx, ctx.alice.address)).to.equal(2n * co2Of(40_000n));
    });

    it("a VERIFIED report of a device whose owner is not a pool member reverts with the pool's CarbonPoolNotMember", async () => {
      const ctx = await loadFixture(oracleSystem);
      const devX = deviceIdOf("inverter-X");
      await registerTestDevice(ctx, devX, ctx.outsider.address);
      await expect(submit(ctx, [makeReport(devX, D1)]))
        .to.be.revertedWithCustomError(ctx.pool, "CarbonPoolNotMember")
        .withArgs(ctx.outsider.address);
      expect(await ctx.mrv.isReported(devX, D1)).to.equal(false);
    });

    it("a VERIFIED report of zero energy is stored without a pool call", async () => {
      const ctx = await loadFixture(oracleSystem);
      await expect(submit(ctx, [makeReport(ctx.devA, D1, { energyWh: 0n })])).to.not.emit(ctx.pool, "ContributionRecorded");
      expect(await ctx.mrv.isReported(ctx.devA, D1)).to.equal(true);
    });

    it("sums consecutive VERIFIED reports of one owner into one pool record; interleaved owners get one each", async () => {
      const ctx = await loadFixture(oracleSystem);
      const e = (wh: bigint) => co2Of(wh);
      const reports = [
        makeReport(ctx.devA, D1, { energyWh: 10_000n }),
        makeReport(ctx.devA, D2, { energyWh: 20_000n }),
        makeReport(ctx.devA, D2 + 1, { energyWh: 5_000n, status: RStatus.Pending }),
        makeReport(ctx.devB, D1, { energyWh: 30_000n }),
        makeReport(ctx.devA, D2 + 2, { energyWh: 1_000n }),
      ];
      const tx = submit(ctx, reports);
      await expect(tx).to.emit(ctx.pool, "ContributionRecorded").withArgs(ctx.periodId, ctx.alice.address, e(30_000n), e(30_000n), anyValue, true);
      await expect(tx).to.emit(ctx.pool, "ContributionRecorded").withArgs(ctx.periodId, ctx.bob.address, e(30_000n), e(30_000n), anyValue, true);
      await expect(tx)
        .to.emit(ctx.pool, "ContributionRecorded")
        .withArgs(ctx.periodId, ctx.alice.address, e(1_000n), e(31_000n), anyValue, true);
      const receipt = await (await tx).wait();
      const recorded = receipt!.logs.filter((l) => l.address === ctx.poolAddress).length;
      expect(recorded).to.equal(3);
      expect(await grams(ctx, ctx.alice.address)).to.equal(e(31_000n));
      expect(await grams(ctx, ctx.bob.address)).to.equal(e(30_000n));
    });

    it("emits ReportSubmitted for every report and BatchSubmitted with the digest, relayer, count and verified grams", async () => {
      const ctx = await loadFixture(oracleSystem);
      const v = makeReport(ctx.devA, D1, { correlationBps: 9_321 });
      const p = makeReport(ctx.devB, D1, { status: RStatus.Pending, correlationBps: 0 });
      const deadline = await soon();
      const sigs = await signBatch(ctx.mrv, [v, p], deadline, [ctx.signer1]);
      const digest = await ctx.mrv.hashBatch([v, p], deadline);
      const tx = ctx.mrv.connect(ctx.carol).submitReports([v, p], deadline, sigs);
      await expect(tx)
        .to.emit(ctx.mrv, "ReportSubmitted")
        .withArgs(v.deviceId, v.day, ctx.alice.address, RStatus.Verified, v.energyWh, v.co2Grams, 9_321, v.evidenceHash, ctx.periodId, false);
      await expect(tx)
        .to.emit(ctx.mrv, "ReportSubmitted")
        .withArgs(p.deviceId, p.day, ctx.bob.address, RStatus.Pending, p.energyWh, p.co2Grams, 0, p.evidenceHash, 0n, false);
      await expect(tx).to.emit(ctx.mrv, "BatchSubmitted").withArgs(digest, ctx.carol.address, 2n, v.co2Grams, ctx.periodId);
    });

    it("BatchSubmitted reports period 0 when no report is VERIFIED", async () => {
      const ctx = await loadFixture(oracleSystem);
      await expect(submit(ctx, [makeReport(ctx.devA, D1, { status: RStatus.Flagged })]))
        .to.emit(ctx.mrv, "BatchSubmitted")
        .withArgs(anyValue, ctx.outsider.address, 1n, 0n, 0n);
    });

    it("getReport and isReported are empty for a device-day never reported", async () => {
      const ctx = await loadFixture(oracleSystem);
      expect(await ctx.mrv.isReported(ctx.devA, D1)).to.equal(false);
      const rec = await ctx.mrv.getReport(ctx.devA, D1);
      expect([rec.status, rec.supersededPending]).to.deep.equal([0n, false]);
      const unknown = await ctx.mrv.getReport(deviceIdOf("unregistered"), D1);
      expect([unknown.status, unknown.supersededPending]).to.deep.equal([0n, false]);
      expect(await ctx.mrv.isReported(deviceIdOf("unregistered"), D1)).to.equal(false);
    });
  });

  describe("access control", () => {
    type Call = (ctx: OracleSystem) => Promise<unknown>;
    const rows: Array<[fn: string, role: keyof typeof ORACLE_ROLES, call: Call]> = [
      ["registerDevice", "DEVICE_REGISTRAR", (c) => c.mrv.connect(c.outsider).registerDevice(deviceIdOf("x"), deviceInput(c.alice.address))],
      ["updateDevice", "DEVICE_REGISTRAR", (c) => c.mrv.connect(c.outsider).updateDevice(c.devA, deviceInput(c.alice.address))],
      ["deactivateDevice", "DEVICE_REGISTRAR", (c) => c.mrv.connect(c.outsider).deactivateDevice(c.devA)],
      ["activateDevice", "DEVICE_REGISTRAR", (c) => c.mrv.connect(c.outsider).activateDevice(c.devA)],
      ["addSigner", "DEFAULT_ADMIN", (c) => c.mrv.connect(c.outsider).addSigner(c.signer2.address)],
      ["removeSigner", "DEFAULT_ADMIN", (c) => c.mrv.connect(c.outsider).removeSigner(c.signer1.address)],
      ["setQuorum", "DEFAULT_ADMIN", (c) => c.mrv.connect(c.outsider).setQuorum(1)],
      ["pause", "PAUSER", (c) => c.mrv.connect(c.outsider).pause()],
      ["unpause", "PAUSER", (c) => c.mrv.connect(c.outsider).unpause()],
    ];
    for (const [fn, role, call] of rows) {
      it(`${fn} reverts AccessControlUnauthorizedAccount(outsider, ${role}_ROLE)`, async () => {
        const ctx = await loadFixture(oracleSystem);
        if (fn === "unpause") await ctx.mrv.connect(ctx.pauser).pause();
        await expect(call(ctx))
          .to.be.revertedWithCustomError(ctx.mrv, "AccessControlUnauthorizedAccount")
          .withArgs(ctx.outsider.address, ORACLE_ROLES[role]);
      });
    }

    it("an oracle signer or device registrar holds no other power (signer1 cannot add a signer; the registrar cannot pause)", async () => {
      const ctx = await loadFixture(oracleSystem);
      await expect(ctx.mrv.connect(ctx.signer1).addSigner(ctx.signer2.address))
        .to.be.revertedWithCustomError(ctx.mrv, "AccessControlUnauthorizedAccount")
        .withArgs(ctx.signer1.address, ORACLE_ROLES.DEFAULT_ADMIN);
      await expect(ctx.mrv.connect(ctx.deviceRegistrar).pause())
        .to.be.revertedWithCustomError(ctx.mrv, "AccessControlUnauthorizedAccount")
        .withArgs(ctx.deviceRegistrar.address, ORACLE_ROLES.PAUSER);
    });
  });

  describe("pause", () => {
    it("a paused oracle rejects submitReports (EnforcedPause); unpaused, the same signed batch goes through", async () => {
      const ctx = await loadFixture(oracleSystem);
      const reports = [makeReport(ctx.devA, D1)];
      const deadline = await soon();
      const sigs = await signBatch(ctx.mrv, reports, deadline, [ctx.signer1]);
      await expect(ctx.mrv.connect(ctx.pauser).pause()).to.emit(ctx.mrv, "Paused").withArgs(ctx.pauser.address);
      await expect(ctx.mrv.submitReports(reports, deadline, sigs)).to.be.revertedWithCustomError(ctx.mrv, "EnforcedPause");
      await expect(ctx.mrv.connect(ctx.pauser).pause()).to.be.revertedWithCustomError(ctx.mrv, "EnforcedPause");
      await expect(ctx.mrv.connect(ctx.pauser).unpause()).to.emit(ctx.mrv, "Unpaused").withArgs(ctx.pauser.address);
      await expect(ctx.mrv.connect(ctx.pauser).unpause()).to.be.revertedWithCustomError(ctx.mrv, "ExpectedPause");
      await ctx.mrv.submitReports(reports, deadline, sigs);
      expect(await grams(ctx, ctx.alice.address)).to.equal(co2Of(40_000n));
    });

    it("the device registry stays usable while paused", async () => {
      const ctx = await loadFixture(oracleSystem);
      await ctx.mrv.connect(ctx.pauser).pause();
      await expect(ctx.mrv.connect(ctx.deviceRegistrar).registerDevice(deviceIdOf("p"), deviceInput(ctx.alice.address))).to.emit(
        ctx.mrv,
        "DeviceRegistered",
      );
    });

    it("a paused pool makes a VERIFIED batch revert with the pool's EnforcedPause; a FLAGGED one still goes through", async () => {
      const ctx = await loadFixture(oracleSystem);
      await ctx.pool.connect(ctx.pauser).pause();
      await expect(submit(ctx, [makeReport(ctx.devA, D1)])).to.be.revertedWithCustomError(ctx.pool, "EnforcedPause");
      await submit(ctx, [makeReport(ctx.devB, D1, { status: RStatus.Flagged })]);
      expect(await ctx.mrv.isReported(ctx.devA, D1)).to.equal(false);
      expect(await ctx.mrv.isReported(ctx.devB, D1)).to.equal(true);
    });
  });

  describe("re-entrancy", () => {
    it("a pool that re-enters submitReports from recordContribution is stopped (ReentrancyGuardReentrantCall)", async () => {
      const ctx = await loadFixture(oracleSystem);
      const hostile = await ethers.deployContract("ReentrantMRVPool");
      const mrv = await ethers.deployContract("MRVOracle", [ctx.admin.address, ADMIN_DELAY, await hostile.getAddress(), ctx.signer1.address]);
      await mrv.connect(ctx.admin).grantRole(ORACLE_ROLES.DEVICE_REGISTRAR, ctx.deviceRegistrar.address);
      await mrv.connect(ctx.deviceRegistrar).registerDevice(ctx.devA, deviceInput(ctx.alice.address));
      const deadline = await soon();
      const inner = [makeReport(ctx.devA, D2)];
      const innerSigs = await signBatch(mrv, inner, deadline, [ctx.signer1]);
      await hostile.arm(await mrv.getAddress(), mrv.interface.encodeFunctionData("submitReports", [inner, deadline, innerSigs]));
      const outer = [makeReport(ctx.devA, D1)];
      const outerSigs = await signBatch(mrv, outer, deadline, [ctx.signer1]);
      await expect(mrv.submitReports(outer, deadline, outerSigs)).to.be.revertedWithCustomError(mrv, "ReentrancyGuardReentrantCall");
      expect(await mrv.isReported(ctx.devA, D1)).to.equal(false);
      expect(await mrv.isReported(ctx.devA, D2)).to.equal(false);
    });
  });

  describe("period kinds", () => {
    it("credits a day of a quarterly period", async () => {
      const ctx = await loadFixture(oracleSystem);
      await time.increaseTo(utc(2025, 4, 1) > BigInt(await time.latest()) ? utc(2025, 4, 1) : BigInt(await time.latest()) + 1n);
      await ctx.pool.connect(ctx.manager).closePeriod(ctx.periodId);
      await ctx.pool.connect(ctx.manager).openPeriod(Kind.Quarterly, utc(2025, 5, 1));
      const q = await ctx.pool.periodCount();
      await submit(ctx, [makeReport(ctx.devA, dayOf(2025, 6, 30))]);
      expect((await ctx.pool.getMemberPeriod(q, ctx.alice.address)).grams).to.equal(co2Of(40_000n));
    });
  });
});
