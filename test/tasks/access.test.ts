import { expect } from "chai";
import { ethers } from "hardhat";
import type { RoleHolders } from "../../tasks/access";
import { expectTaskError, fixture, run } from "./helpers";

describe("tasks: access", () => {
  it("access:grant and access:revoke an operational role (any spelling of the role name)", async () => {
    const f = await fixture();
    const role = ethers.id("VERIFIER_ROLE");
    await run(f, "access:grant", { contract: "registry", role: "verifier", account: f.bob.address });
    expect(await f.registry.hasRole(role, f.bob.address)).to.equal(true);
    await run(f, "access:revoke", { contract: "Registry", role: "VERIFIER_ROLE", account: f.bob.address });
    expect(await f.registry.hasRole(role, f.bob.address)).to.equal(false);
    await run(f, "access:grant", { contract: "oracle", role: "device-registrar", account: f.bob.address });
    expect(await f.oracle.hasRole(ethers.id("DEVICE_REGISTRAR_ROLE"), f.bob.address)).to.equal(true);
  });

  it("rejects unknown contracts and roles, the default admin role, and no-op grants; nothing changes", async () => {
    const f = await fixture();
    const args = { contract: "registry", role: "registrar", account: f.bob.address };
    await expectTaskError(run(f, "access:grant", { ...args, contract: "bank" }), "TaskArgumentError", /--contract: "bank" is not one of: registry, credits/);
    await expectTaskError(run(f, "access:grant", { ...args, role: "issuer" }), "TaskArgumentError", /--role: "issuer" is not a role of registry: REGISTRAR_ROLE, VERIFIER_ROLE/);
    await expectTaskError(run(f, "access:grant", { ...args, role: "DEFAULT_ADMIN_ROLE" }), "TaskArgumentError", /--role: DEFAULT_ADMIN_ROLE cannot be granted/);
    await expectTaskError(run(f, "access:revoke", args), "TaskArgumentError", /--account: .* does not have REGISTRAR_ROLE on registry/);
    await expectTaskError(
      run(f, "access:grant", { ...args, account: f.deployer.address }),
      "TaskArgumentError",
      /--account: .* already has REGISTRAR_ROLE on registry/,
    );
    expect(await f.registry.hasRole(ethers.id("REGISTRAR_ROLE"), f.bob.address)).to.equal(false);
  });

  it("a non-admin sender gets the decoded AccessControlUnauthorizedAccount with the admin role", async () => {
    const f = await fixture();
    const e = await expectTaskError(
      run(f, "access:grant", { contract: "pool", role: "pauser", account: f.bob.address, from: f.outsider.address }),
      "TaskTransactionError",
      /AccessControlUnauthorizedAccount\(account=0x[0-9a-fA-F]{40}, neededRole=DEFAULT_ADMIN_ROLE\)/,
    );
    expect(e.errorArgs).to.deep.equal([f.outsider.address, ethers.ZeroHash]);
    expect(await f.pool.hasRole(ethers.id("PAUSER_ROLE"), f.bob.address)).to.equal(false);
  });

  it("access:holders lists every role's holders (from the role events, confirmed by hasRole) and flags one key holding registrar + verifier + issuer", async () => {
    const f = await fixture();
    const pool = await f.pool.getAddress();
    const before = await run<RoleHolders>(f, "access:holders");
    // the local module gives every account role to the deployer; the pool holds its wiring roles
    expect(before.holders.registry.DEFAULT_ADMIN_ROLE).to.deep.equal([f.deployer.address]);
    expect(before.holders.registry.REGISTRAR_ROLE).to.have.members([f.deployer.address, pool]);
    expect(before.holders.credits.ISSUER_ROLE).to.have.members([f.deployer.address, pool]);
    expect(before.holders.pool.ORACLE_ROLE).to.deep.equal([await f.oracle.getAddress()]);
    expect(before.holders.oracle.DEVICE_REGISTRAR_ROLE).to.deep.equal([f.deployer.address]);
    expect(before.combined).to.deep.equal([
      { account: f.deployer.address, roles: ["registry.REGISTRAR_ROLE", "registry.VERIFIER_ROLE", "credits.ISSUER_ROLE"] },
    ]);
    expect(before.pendingAdmins.pool).to.deep.equal({ account: ethers.ZeroAddress, acceptFrom: 0 });
    // separate the roles: bob verifies, alice issues; the deployer gives both up
    await run(f, "access:grant", { contract: "registry", role: "verifier", account: f.bob.address });
    await run(f, "access:grant", { contract: "credits", role: "issuer", account: f.alice.address });
    await run(f, "access:revoke", { contract: "registry", role: "verifier", account: f.deployer.address });
    await run(f, "access:revoke", { contract: "credits", role: "issuer", account: f.deployer.address });
    const after = await run<RoleHolders>(f, "access:holders");
    expect(after.holders.registry.VERIFIER_ROLE).to.deep.equal([f.bob.address]);
    expect(after.holders.credits.ISSUER_ROLE).to.have.members([f.alice.address, pool]);
    expect(after.combined).to.deep.equal([]);
    await expectTaskError(run(f, "access:holders", { fromBlock: "-1" }), "TaskArgumentError", /--from-block/);
  });
});
