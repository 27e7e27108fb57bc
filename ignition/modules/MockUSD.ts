import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Module `MockUSD`: a 6-decimal test stablecoin (`contracts/mocks/MockUSD.sol`, anyone may mint) to
 * pay with on a local network. Never deploy it to a public network: use a real stablecoin there.
 */
export default buildModule("MockUSD", (m) => {
  const usd = m.contract("MockUSD", ["Mock USD", "mUSD"]);
  return { usd };
});
