import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import OpenTonnePublicModule, { HANDOVER_CONTRACTS } from "../../ignition/modules/OpenTonnePublic";
import { ROLE_IDS, ROLE_PARAMETERS } from "../../ignition/modules/system";
import type { RoleHolders } from "../../tasks/access";
import { output } from "../../tasks/lib";

/** A filled-in OpenTonnePublic parameter set: every role its own account (accounts 5…13), none the deployer. */
async function publicParameters(paymentToken: string) {
  const signers = await ethers.getSigners();
  return {
    admin: signers[1].address,
    paymentToken,
    feeRecipient: signers[2].address,
    treasury: signers[3].address,
    oracleSigner: signers[4].address,
    adminTransferDelay: 3_600,
    ...Object.fromEntries(ROLE_PARAMETERS.map((name, i) => [name, signers[5 + i].address])),
  } as Record<string, string | number>;
}

/** Runs `ignition deploy` of the public module on `params` written to a parameter file; returns the error message ("" if it deployed). */
async function deployWithFile(params: Record<string, unknown>): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ot06-"));
  const file = path.join(dir, "public.json");
  fs.writeFileSync(file, JSON.stringify({ OpenTonnePublic: params }));
  try {
    await hre.run({ scope: "ignition", task: "deploy" }, { modulePath: "ignition/modules/OpenTonnePublic.ts", parameters: file });
    return "";
  } catch (e) {
    return (e as Error).message;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("OT-06 (low): after the admin handover no single hot key holds every role", () => {
  it("the public module no longer defaults the roles to the deployer: a missing role holder stops Ignition before any transaction", async () => {
    const before = await ethers.provider.getBlockNumber();
    const { registrar: _r, verifier: _v, issuer: _i, ...rest } = await publicParameters(ethers.Wallet.createRandom().address);
    let message = "";
    try {
      await hre.ignition.deploy(OpenTonnePublicModule, { parameters: { OpenTonnePublic: rest } });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).to.match(/Module parameter '(registrar|verifier|issuer)' requires a value/);
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
  });

  it("`ignition deploy` refuses the same account as registrar and verifier (or issuer), or the deployer as a role holder, before Ignition starts", async () => {
    const [deployer] = await ethers.getSigners();
    const base = await publicParameters(ethers.Wallet.createRandom().address);
    const before = await ethers.provider.getBlockNumber();
    expect(await deployWithFile({ ...base, verifier: base.registrar })).to.match(/OpenTonnePublic\.verifier is the same account as OpenTonnePublic\.registrar/);
    expect(await deployWithFile({ ...base, issuer: base.registrar })).to.match(/OpenTonnePublic\.issuer is the same account as OpenTonnePublic\.registrar/);
    expect(await deployWithFile({ ...base, issuer: deployer.address })).to.match(/OpenTonnePublic\.issuer is the deploying account/);
    expect(await ethers.provider.getBlockNumber()).to.equal(before);
  });

  it("honest path: distinct holders; the deployer keeps no operational role, loses the admin at acceptance; access:holders shows it", async () => {
    const signers = await ethers.getSigners();
    const [deployer, multisig] = signers;
    const usd = await ethers.deployContract("MockUSD", ["USD Coin", "USDC"]);
    const params = await publicParameters(await usd.getAddress());
    const r = await hre.ignition.deploy(OpenTonnePublicModule, { parameters: { OpenTonnePublic: params } });
    const addresses = Object.fromEntries(await Promise.all(HANDOVER_CONTRACTS.map(async (k) => [k, await r[k].getAddress()])));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ot06-"));
    const file = path.join(dir, "addresses.json");
    fs.writeFileSync(file, JSON.stringify(addresses));
    output.quiet = true;
    try {
      const h = (await hre.run("access:holders", { addresses: file })) as RoleHolders;
      expect(h.holders.registry.REGISTRAR_ROLE).to.have.members([params.registrar, addresses.pool]);
      expect(h.holders.registry.VERIFIER_ROLE).to.deep.equal([params.verifier]);
      expect(h.holders.credits.ISSUER_ROLE).to.have.members([params.issuer, addresses.pool]);
      expect(h.combined).to.deep.equal([]);
      for (const key of HANDOVER_CONTRACTS) {
        for (const [role, list] of Object.entries(h.holders[key])) {
          if (role !== "DEFAULT_ADMIN_ROLE") expect(list, `${key}.${role}`).to.not.include(deployer.address);
        }
        expect(h.pendingAdmins[key].account).to.equal(multisig.address);
      }
      await time.increase(3_601);
      for (const key of HANDOVER_CONTRACTS) {
        const c = await ethers.getContractAt("ProjectRegistry", addresses[key]); // every contract has the admin-rules interface
        await c.connect(multisig).acceptDefaultAdminTransfer();
      }
      const after = (await hre.run("access:holders", { addresses: file })) as RoleHolders;
      for (const key of HANDOVER_CONTRACTS) {
        expect(after.holders[key].DEFAULT_ADMIN_ROLE, key).to.deep.equal([multisig.address]);
        for (const id of Object.values(ROLE_IDS)) {
          const c = await ethers.getContractAt("ProjectRegistry", addresses[key]);
          expect(await c.hasRole(id, deployer.address), `${key} ${id}`).to.equal(false);
        }
      }
    } finally {
      output.quiet = false;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
