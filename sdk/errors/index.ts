/**
 * Errors: {@link OpenTonneError} is the base of all; `*Error` classes generated per contract
 * custom error carry the decoded arguments as typed fields.
 */
export * from "./base";
export * from "../generated/errors";
export { decodeRevertData, findRevertData, toSdkError } from "./decode";
