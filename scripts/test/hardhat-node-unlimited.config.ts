/**
 * The project's Hardhat config with `allowUnlimitedContractSize` on the in-process network, for a
 * `hardhat node` serving coverage-instrumented bytecode (instrumentation pushes some contracts past
 * the 24,576-byte limit; the real limit is checked by `npm run size`). Used by `startHardhatNode({
 * allowUnlimitedContractSize: true })` only. It lives outside test/ so that `hardhat test` does not load it as a test file.
 */
import type { HardhatUserConfig } from "hardhat/types";
import base from "../../hardhat.config";

const config: HardhatUserConfig = {
  ...base,
  paths: { ...base.paths, root: "../.." },
  networks: { ...base.networks, hardhat: { ...base.networks?.hardhat, allowUnlimitedContractSize: true } },
};

export default config;
