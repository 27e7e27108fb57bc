import { expect } from "chai";
import { ethers } from "hardhat";
import { expectTaskError, fixture, run } from "./helpers";

describe("tasks: oracle", () => {
  it("oracle:register-device hashes a text id and stores the device in microdegrees", async () => {
    const f = await fixture();
    const r = await run<{ deviceId: string }>(f, "oracle:register-device", {
      device: "1BY6WEcLGh8j5v7",
      owner: f.alice.address,
      lat: "14.82",
      lon: "-78.280001",
      capacity: "1500000",
    });
    expect(r.deviceId).to.equal(ethers.id("1BY6WEcLGh8j5v7"));
    const d = await f.oracle.getDevice(r.deviceId);
    expect(d.owner).to.equal(f.alice.address);
    expect(d.latMicroDeg).to.equal(14_820_000n);
    expect(d.lonMicroDeg).to.equal(-78_280_001n);
    expect(d.capacityW).to.equal(1_500_000n);
    expect(d.emissionFactorGPerKWh).to.equal(1200n);
    expect(d.active).to.equal(true);
  });

  it("oracle:update-device changes the owner from the next UTC day on; earlier days keep the old owner", async () => {
    const f = await fixture();
    const base = { device: "inv-u", owner: f.alice.address, lat: "14.82", lon: "78.28", capacity: "1000" };
    await run(f, "oracle:register-device", base);
    const r = await run<{ deviceId: string; ownerFromDay: number }>(f, "oracle:update-device", { ...base, owner: f.bob.address, capacity: "2000" });
    const block = await ethers.provider.getBlock("latest");
    expect(r.ownerFromDay).to.equal(Math.floor(block!.timestamp / 86_400) + 1);
    const d = await f.oracle.getDevice(r.deviceId);
    expect([d.owner, d.previousOwner, d.capacityW, d.ownerFromDay]).to.deep.equal([f.bob.address, f.alice.address, 2000n, BigInt(r.ownerFromDay)]);
    expect(await f.oracle.ownerOf(r.deviceId, r.ownerFromDay - 1)).to.equal(f.alice.address);
    await expectTaskError(run(f, "oracle:update-device", { ...base, device: "inv-none" }), "TaskTransactionError", /MRVOracleUnknownDevice/);
    await expectTaskError(run(f, "oracle:update-device", { ...base, lat: "91" }), "TaskArgumentError", /--lat: 91 is outside ±90°/);
  });

  it("oracle:register-device rejects bad coordinates, capacity and ids; registers nothing", async () => {
    const f = await fixture();
    const base = { device: "inv-1", owner: f.alice.address, lat: "14.82", lon: "78.28", capacity: "1000" };
    await expectTaskError(run(f, "oracle:register-device", { ...base, lat: "91" }), "TaskArgumentError", /--lat: 91 is outside ±90°/);
    await expectTaskError(run(f, "oracle:register-device", { ...base, lon: "east" }), "TaskArgumentError", /--lon: not decimal degrees/);
    await expectTaskError(run(f, "oracle:register-device", { ...base, capacity: "0" }), "TaskArgumentError", /--capacity: 0 is out of range/);
    await expectTaskError(run(f, "oracle:register-device", { ...base, device: "0x1234" }), "TaskArgumentError", /--device: a hex device id must be 32 bytes/);
    await expectTaskError(run(f, "oracle:register-device", { ...base, factor: "0" }), "TaskArgumentError", /--factor: 0 is out of range/);
    expect((await f.oracle.getDevice(ethers.id("inv-1"))).owner).to.equal(ethers.ZeroAddress);
    await run(f, "oracle:register-device", base);
    await expectTaskError(run(f, "oracle:register-device", base), "TaskTransactionError", /MRVOracleDeviceExists/);
  });

  it("oracle:add-signer, oracle:set-quorum and oracle:remove-signer manage the M-of-N signers", async () => {
    const f = await fixture();
    await run(f, "oracle:add-signer", { signer: f.bob.address });
    expect(await f.oracle.isSigner(f.bob.address)).to.equal(true);
    await run(f, "oracle:set-quorum", { quorum: "2" });
    expect(await f.oracle.quorum()).to.equal(2n);
    await run(f, "oracle:set-quorum", { quorum: "1" });
    await run(f, "oracle:remove-signer", { signer: f.bob.address });
    expect(await f.oracle.isSigner(f.bob.address)).to.equal(false);
    expect(await f.oracle.signerCount()).to.equal(1n);
  });

  it("signer and quorum tasks reject bad input and decoded contract errors change nothing", async () => {
    const f = await fixture();
    await expectTaskError(run(f, "oracle:set-quorum", { quorum: "2" }), "TaskArgumentError", /--quorum: 2 is above the 1 signer\(s\)/);
    await expectTaskError(run(f, "oracle:set-quorum", { quorum: "0" }), "TaskArgumentError", /--quorum: 0 is out of range/);
    await expectTaskError(run(f, "oracle:add-signer", { signer: "nobody" }), "TaskArgumentError", /--signer: not an address/);
    await expectTaskError(
      run(f, "oracle:add-signer", { signer: f.deployer.address }),
      "TaskTransactionError",
      new RegExp(`MRVOracleSignerExists\\(signer=${f.deployer.address}\\)`),
    );
    await expectTaskError(run(f, "oracle:remove-signer", { signer: f.deployer.address }), "TaskTransactionError", /MRVOracleInvalidQuorum\(quorum=1, signerCount=0\)/);
    expect(await f.oracle.signerCount()).to.equal(1n);
    expect(await f.oracle.quorum()).to.equal(1n);
  });
});
