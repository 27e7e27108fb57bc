import { AbiCoder, Interface, isCallException } from "ethers";
import { CONTRACT_ERRORS } from "../generated/errors";
import { ERROR_ABI } from "../generated/error-abi";
import { ContractRevertError, NetworkError, OpenTonneError, PanicError, UnknownRevertError } from "./base";

let errors: Interface | undefined;
/** The combined error interface, built on first use (not at import: keeps a minimal import small). */
function errorInterface(): Interface {
  errors ??= new Interface(ERROR_ABI as unknown as string[]);
  return errors;
}
const PANIC_SELECTOR = "0x4e487b71";
const ERROR_STRING_SELECTOR = "0x08c379a0";

/**
 * Finds the revert data in an error thrown by ethers or by a provider (ethers `CALL_EXCEPTION`,
 * Hardhat's in-process provider, JSON-RPC error payloads nested in `error`, `info`, `cause`).
 * Returns `undefined` when the error carries none.
 */
export function findRevertData(error: unknown, depth = 0): string | undefined {
  if (depth > 6 || error === null || typeof error !== "object") return undefined;
  const e = error as Record<string, unknown>;
  const data = e.data;
  if (typeof data === "string" && /^0x[0-9a-fA-F]*$/.test(data) && data.length >= 10) return data;
  if (data && typeof data === "object") {
    const nested = findRevertData(data, depth + 1);
    if (nested) return nested;
  }
  for (const key of ["error", "info", "cause", "revert", "payload"]) {
    const nested = findRevertData(e[key], depth + 1);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * Turns revert data into the matching SDK error: a generated {@link ContractRevertError} subclass
 * for every custom error of the system (also when it bubbled up from a nested call), a
 * {@link PanicError}, or an {@link UnknownRevertError}.
 */
export function decodeRevertData(action: string, data: string, cause?: unknown): OpenTonneError {
  const selector = data.slice(0, 10).toLowerCase();
  const ErrorClass = CONTRACT_ERRORS[selector];
  if (ErrorClass) {
    try {
      const parsed = errorInterface().parseError(data);
      if (parsed) {
        const error = new ErrorClass([...parsed.args], data, cause);
        error.action = action;
        error.message = `${action} reverted: ${error.message}`;
        return error;
      }
    } catch {
      // Malformed arguments under a known selector: reported below as undecodable, with the data.
    }
  }
  if (selector === PANIC_SELECTOR) {
    return new PanicError(action, BigInt("0x" + data.slice(10, 74)), { cause });
  }
  if (selector === ERROR_STRING_SELECTOR) {
    try {
      const [reason] = AbiCoder.defaultAbiCoder().decode(["string"], "0x" + data.slice(10)) as unknown as [string];
      return new UnknownRevertError(action, data, { cause, reason });
    } catch {
      // Not a well-formed Error(string): reported as undecodable below.
    }
  }
  return new UnknownRevertError(action, data, { cause });
}

/**
 * Maps any error thrown while calling `action` to an SDK error: revert data → the decoded error
 * class; an ethers call exception without data → {@link UnknownRevertError}; an
 * {@link OpenTonneError} passes through; an unreachable RPC or a transport failure becomes a
 * {@link NetworkError}; anything else (the user rejected the signature, …) is rethrown unchanged.
 */
export function toSdkError(action: string, error: unknown): unknown {
  if (error instanceof OpenTonneError) return error;
  const data = findRevertData(error);
  if (data) return decodeRevertData(action, data, error);
  if (isCallException(error)) return new UnknownRevertError(action, "0x", { cause: error });
  const network = networkCode(error);
  if (network) return new NetworkError(action, network, { cause: error });
  return error;
}

/** ethers' transport error codes and Node's socket / DNS error codes. */
const NETWORK_CODES = new Set(["NETWORK_ERROR", "SERVER_ERROR", "TIMEOUT", "ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_SOCKET"]);

/** The transport error code in `error` (or its `cause` chain), if it is a network failure. */
function networkCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || error === null || typeof error !== "object") return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
  // fetch() in browsers and Node: TypeError("fetch failed" / "Failed to fetch") with the socket error as cause.
  if (error instanceof TypeError && /fetch/i.test(error.message)) return networkCode((error as { cause?: unknown }).cause, depth + 1) ?? "FETCH_FAILED";
  return networkCode((error as { cause?: unknown }).cause ?? (error as { error?: unknown }).error, depth + 1);
}

/**
 * Builds the SDK error a contract would raise with `args` — as if decoded from its revert data —
 * for a precondition the SDK checks itself before sending (e.g. the buyer's payment-token balance
 * before an approval). `data` is the ABI encoding of the custom error.
 */
export function revertError<E extends ContractRevertError>(
  action: string,
  ErrorClass: (new (args: readonly unknown[], data: string, cause?: unknown) => E) & { readonly signature: string },
  args: readonly unknown[],
): E {
  const data = errorInterface().encodeErrorResult(ErrorClass.signature, args);
  const error = new ErrorClass(args, data);
  error.action = action;
  error.message = `${action} would revert: ${error.message}`;
  return error;
}
