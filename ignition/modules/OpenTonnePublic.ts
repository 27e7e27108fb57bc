import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { buildSystem } from "./system";

/** The contracts whose DEFAULT_ADMIN_ROLE the `OpenTonnePublic` module hands over. */
export const HANDOVER_CONTRACTS = ["registry", "credits", "market", "pool", "oracle"] as const;

/**
 * Module `OpenTonnePublic` — the whole system for a public network (sepolia, amoy, baseSepolia, …):
 * the contracts and wiring of {@link buildSystem}, a real stablecoin allow-listed on the marketplace,
 * and the start of the DEFAULT_ADMIN_ROLE handover to a multisig.
 *
 * Required parameters (no default; Ignition stops before any transaction when one is missing):
 * `admin` (the multisig that will hold DEFAULT_ADMIN_ROLE), `feeRecipient`, `treasury`,
 * `oracleSigner`, `paymentToken` (an ERC-20 with code, e.g. the network's USDC), and every role holder
 * (`registrar`, `verifier`, `issuer`, `metadataAdmin`, `poolManager`, `deviceRegistrar`, `feeAdmin`,
 * `marketAdmin`, `pauser`). Optional: `adminTransferDelay` (seconds, default 3 days), `defaultURI`.
 * `registrar`, `verifier` and `issuer` must be three distinct accounts, and no role holder may be the
 * deploying account: `ignition deploy --parameters <file>` refuses such a file before Ignition starts
 * (scripts/deploy/parameters.ts), so no single key can register, approve and mint.
 *
 * The deployer deploys as admin (it must, to bind and grant), holds MARKET_ADMIN_ROLE only for the
 * `setPaymentToken` call and renounces it (see {@link buildSystem}), grants every account role to its
 * parameter, then calls `beginDefaultAdminTransfer(admin)` on all five contracts: afterwards it holds
 * no operational role, and no role at all once the multisig accepts. The handover completes only when the
 * multisig calls `acceptDefaultAdminTransfer()` on each contract after the delay
 * (`pendingDefaultAdmin()` shows when); until then the deployer is still the admin and can cancel
 * with `cancelDefaultAdminTransfer()`. Use this module only when `admin` differs from the deployer.
 */
export default buildModule("OpenTonnePublic", (m) => {
  const admin = m.getParameter<string>("admin");
  const paymentToken = m.getParameter<string>("paymentToken");
  const system = buildSystem(m, { requireAddresses: true, paymentToken });
  const { registry, credits, market, pool, oracle, deployer } = system;
  for (const name of HANDOVER_CONTRACTS) {
    m.call(system[name], "beginDefaultAdminTransfer", [admin], { id: `${name}_beginDefaultAdminTransfer`, from: deployer });
  }
  return { registry, credits, market, pool, oracle };
});
