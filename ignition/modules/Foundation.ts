import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/** Default delay before a new DEFAULT_ADMIN_ROLE holder can accept the role: 3 days, in seconds. */
export const DEFAULT_ADMIN_TRANSFER_DELAY = 3n * 24n * 60n * 60n;

/**
 * The foundation layer: ProjectRegistry and CarbonCredits, with the registry bound to the token.
 *
 * Parameters (module `Foundation`):
 * - `adminTransferDelay` — seconds before a new default admin can accept (default 3 days);
 * - `defaultURI` — EIP-1155 metadata URI with `{id}` (default empty).
 *
 * The deploying account (account 0) is the default admin of both contracts, so it can bind them;
 * handing the admin role to a multisig afterwards uses the delayed transfer of
 * AccessControlDefaultAdminRules (`beginDefaultAdminTransfer`).
 */
export default buildModule("Foundation", (m) => {
  const admin = m.getAccount(0);
  const adminTransferDelay = m.getParameter("adminTransferDelay", DEFAULT_ADMIN_TRANSFER_DELAY);
  const defaultURI = m.getParameter("defaultURI", "");

  const registry = m.contract("ProjectRegistry", [admin, adminTransferDelay]);
  const credits = m.contract("CarbonCredits", [admin, adminTransferDelay, registry, defaultURI]);
  m.call(registry, "bindCredits", [credits], { from: admin });

  return { registry, credits };
});
