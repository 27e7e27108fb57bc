import fs from "node:fs";
import { isAddress } from "ethers";
import { HardhatPluginError } from "hardhat/plugins";
import { ROLE_PARAMETERS } from "../../ignition/modules/system";

/** Module parameters that must hold an address. */
export const ADDRESS_PARAMETERS: readonly string[] = [
  "admin",
  "feeRecipient",
  "treasury",
  "oracleSigner",
  "paymentToken",
  ...ROLE_PARAMETERS,
];

/** The role holders that must be three distinct accounts in the public module: no single key can register, approve and mint. */
export const SEPARATED_ROLE_PARAMETERS = ["registrar", "verifier", "issuer"] as const;

/** The module whose parameters are checked for the public-network role rules. */
export const PUBLIC_MODULE_ID = "OpenTonnePublic";

/** A parameter file still holds a placeholder or a malformed value. The message names file and key. */
export class DeploymentParameterError extends HardhatPluginError {
  constructor(message: string) {
    super("opentonne-deploy", message);
    this.name = "DeploymentParameterError";
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/**
 * Checks an Ignition parameter file before anything is deployed: every string value that looks like
 * a placeholder (`<…>`, or containing `REQUIRED` / `REPLACE`) is refused, and so is every
 * {@link ADDRESS_PARAMETERS} value that is not an address (the zero address included). With
 * `deployer`, an `admin` equal to it is refused too: `OpenTonnePublic` would hand the admin role over
 * to the account that already holds it. In the `OpenTonnePublic` section, `registrar`, `verifier` and
 * `issuer` must be three different addresses (compared case-insensitively), and, with `deployer`, no
 * role holder of ROLE_PARAMETERS may be the deploying account (it keeps no role after the handover).
 * @throws DeploymentParameterError naming `file`, the module and the parameter.
 */
export function checkDeploymentParameters(file: string, deployer?: string): void {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new DeploymentParameterError(`${file}: cannot read parameters (${(e as Error).message})`);
  }
  if (json === null || typeof json !== "object") throw new DeploymentParameterError(`${file}: not a JSON object`);
  for (const [moduleId, params] of Object.entries(json as Record<string, unknown>)) {
    if (params === null || typeof params !== "object") continue;
    for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
      const where = `${file}: ${moduleId}.${name}`;
      if (typeof value === "string" && /^<.*>$|REQUIRED|REPLACE/.test(value)) {
        throw new DeploymentParameterError(`${where} is a placeholder (${value}); set a real value before deploying`);
      }
      if (ADDRESS_PARAMETERS.includes(name)) {
        if (typeof value !== "string" || !isAddress(value) || /^0x0{40}$/i.test(value)) {
          throw new DeploymentParameterError(`${where} must be a non-zero address, got ${JSON.stringify(value)}`);
        }
        if (name === "admin" && deployer !== undefined && value.toLowerCase() === deployer.toLowerCase()) {
          throw new DeploymentParameterError(
            `${where} is the deploying account ${deployer}: the admin handover would be to itself; give the multisig's ` +
              `address, or deploy the OpenTonne module (no handover)`,
          );
        }
      }
    }
    if (moduleId === PUBLIC_MODULE_ID) checkPublicRoles(file, params as Record<string, unknown>, deployer);
  }
}

/** The public module's role rules (see {@link checkDeploymentParameters}); values are already known to be addresses. */
function checkPublicRoles(file: string, params: Record<string, unknown>, deployer: string | undefined): void {
  const seen = new Map<string, string>();
  for (const name of SEPARATED_ROLE_PARAMETERS) {
    const value = params[name];
    if (typeof value !== "string") continue; // missing: Ignition itself refuses to start
    const other = seen.get(value.toLowerCase());
    if (other !== undefined) {
      throw new DeploymentParameterError(
        `${file}: ${PUBLIC_MODULE_ID}.${name} is the same account as ${PUBLIC_MODULE_ID}.${other} (${value}): registrar, ` +
          `verifier and issuer must be three distinct accounts, so that no single key can register, approve and mint`,
      );
    }
    seen.set(value.toLowerCase(), name);
  }
  if (deployer === undefined) return;
  for (const name of ROLE_PARAMETERS) {
    const value = params[name];
    if (typeof value === "string" && value.toLowerCase() === deployer.toLowerCase()) {
      throw new DeploymentParameterError(
        `${file}: ${PUBLIC_MODULE_ID}.${name} is the deploying account ${deployer}: on a public network the deployer keeps ` +
          `no role after the handover; give the role holder's own address`,
      );
    }
  }
}
