import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import MockUSDModule from "./MockUSD";
import { buildSystem } from "./system";

/**
 * Module `OpenTonne` — the whole system for local development (`localhost`, the in-process
 * `hardhat` network): ProjectRegistry, CarbonCredits, CreditMarketplace, CarbonPool and MRVOracle,
 * wired as {@link buildSystem} describes, plus the `MockUSD` module's test stablecoin allow-listed as a
 * payment token on the marketplace.
 *
 * The deployer stays the DEFAULT_ADMIN of every contract (no handover). Every address parameter
 * (`feeRecipient`, `treasury`, `oracleSigner` and the role holders `registrar`, `verifier`, `issuer`,
 * `metadataAdmin`, `poolManager`, `deviceRegistrar`, `feeAdmin`, `marketAdmin`, `pauser`) defaults to
 * the deployer; `adminTransferDelay` to 3 days; `defaultURI` to "".
 */
export default buildModule("OpenTonne", (m) => {
  const { usd } = m.useModule(MockUSDModule);
  const { registry, credits, market, pool, oracle } = buildSystem(m, { requireAddresses: false, paymentToken: usd });
  return { registry, credits, market, pool, oracle, usd };
});
