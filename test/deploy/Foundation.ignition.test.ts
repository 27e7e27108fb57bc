import { expect } from "chai";
import hre, { ethers } from "hardhat";
import FoundationModule, { DEFAULT_ADMIN_TRANSFER_DELAY } from "../../ignition/modules/Foundation";

describe("Ignition: Foundation module", () => {
  it("deploys the registry and the credits token and binds them", async () => {
    const [deployer] = await ethers.getSigners();
    const { registry, credits } = await hre.ignition.deploy(FoundationModule, {
      parameters: { Foundation: { defaultURI: "https://meta.example/{id}.json" } },
    });
    expect(await registry.credits()).to.equal(await credits.getAddress());
    expect(await credits.registry()).to.equal(await registry.getAddress());
    expect(await credits.uri(1)).to.equal("https://meta.example/{id}.json");
    expect(await registry.defaultAdmin()).to.equal(deployer.address);
    expect(await credits.defaultAdmin()).to.equal(deployer.address);
    expect(await registry.defaultAdminDelay()).to.equal(DEFAULT_ADMIN_TRANSFER_DELAY);
  });
});
