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
 * `oracleSigner`, `paymentToken` (an ERC-20 with code, e.g. the network's USDC). Optional: the role
 * holders (default the deployer), `adminTransferDelay` (seconds, default 3 days), `defaultURI`.
 *
 * The deployer deploys as admin (it must, to bind and grant), then calls
 * `beginDefaultAdminTransfer(admin)` on all five contracts. The handover completes only when the
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
