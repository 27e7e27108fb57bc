/**
 * The SDK's error classes that do not come from a contract. Every error the SDK throws is an
 * {@link OpenTonneError}; contract reverts are {@link ContractRevertError}s (one generated subclass
 * per custom error, see `generated/errors.ts`).
 */
import { ROLE_NAMES } from "../generated/roles";

export { ROLE_NAMES };

/** Base class of every error the SDK throws. `cause` keeps the underlying error, if any. */
export class OpenTonneError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * An argument failed validation before any call was made (amount ≤ 0, malformed address, bad
 * date, unknown enum name, …). Nothing was sent.
 */
export class InvalidArgumentError extends OpenTonneError {
  /** @param argument the argument's name, e.g. `"amount"`; @param value what was passed; @param reason what is wrong. */
  constructor(
    readonly argument: string,
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(`invalid ${argument} (${describe(value)}): ${reason}`);
  }
}

/** The provider is connected to a different chain than the one asked for. */
export class WrongChainError extends OpenTonneError {
  /** @param expected the chain id the caller asked for; @param actual the provider's chain id. */
  constructor(
    readonly expected: bigint,
    readonly actual: bigint,
  ) {
    super(`the provider is on chain ${actual}, expected chain ${expected}`);
  }
}

/**
 * An address the SDK needs is unknown: the address book has no deployment for the chain, or a
 * contract address has no code on it.
 */
export class UnknownAddressError extends OpenTonneError {
  /** @param contract which contract (`"registry"`, …, or `"deployment"`); @param address the address, if one was given; @param chainId the chain. */
  constructor(
    readonly contract: string,
    readonly address: string | undefined,
    readonly chainId: bigint,
    reason: string,
  ) {
    super(`${contract}${address ? ` at ${address}` : ""} on chain ${chainId}: ${reason}`);
  }
}

/**
 * A read asked for an id the contract does not know and for which it has no custom error of its own
 * (e.g. `pool.getPeriod(999)`: the contract returns an all-zero record). Nothing was sent.
 */
export class UnknownIdError extends OpenTonneError {
  /** @param action the SDK method, e.g. `"pool.getPeriod"`; @param kind what was looked up (`"period"`); @param id the id asked for; @param count how many exist. */
  constructor(
    readonly action: string,
    readonly kind: string,
    readonly id: bigint,
    readonly count: bigint,
  ) {
    super(`${action}: ${kind} ${id} does not exist (there are ${count}, ids 1 … ${count})`);
  }
}

/** A write was called on a client connected with a Provider only; connect with a Signer. */
export class SignerRequiredError extends OpenTonneError {
  /** @param action the method that needs a signer, e.g. `"credits.retire"`. */
  constructor(readonly action: string) {
    super(`${action} sends a transaction: connect OpenTonne with an ethers Signer, not a Provider`);
  }
}

/**
 * A transaction or call reverted with data the SDK cannot decode into a known custom error (a
 * plain `revert()`, an out-of-gas, a panic, or an error of a contract outside the system).
 */
export class UnknownRevertError extends OpenTonneError {
  /** @param action the SDK method; @param data the raw revert data (`"0x"` when none). */
  constructor(
    readonly action: string,
    readonly data: string,
    options?: { cause?: unknown; reason?: string },
  ) {
    super(
      `${action} reverted` +
        (options?.reason !== undefined
          ? `: ${options.reason}`
          : data && data !== "0x"
            ? ` with undecoded data ${data.slice(0, 74)}`
            : " without data"),
      options,
    );
    this.reason = options?.reason;
  }

  /** The reason string of a `revert("…")` / `require(…, "…")`, when the data is `Error(string)`. */
  readonly reason: string | undefined;
}

/** A Solidity panic (`Panic(uint256)`: overflow, division by zero, …) — a bug, never expected. */
export class PanicError extends OpenTonneError {
  /** @param action the SDK method; @param code the panic code (0x11 overflow, 0x12 division by zero, …). */
  constructor(
    readonly action: string,
    readonly code: bigint,
    options?: { cause?: unknown },
  ) {
    super(`${action} panicked with code 0x${code.toString(16)}`, options);
  }
}

/**
 * How a generated error class describes itself: `template` is the custom error's NatSpec with
 * `{field}` placeholders; `fields` names each argument and how to render it — an enum's member names
 * (the value is shown by name), `"role"` (a role id shown by name, see {@link ROLE_NAMES}), or `null`.
 */
export interface ErrorDescription {
  readonly template: string;
  readonly fields: ReadonlyArray<readonly [string, readonly string[] | "role" | null]>;
}

/**
 * Base class of the generated per-custom-error classes (`RegistryUnknownProjectError`, …). The
 * decoded arguments are both in `args` (in order) and as typed readonly fields named after the
 * Solidity parameters. The message is in words, from the error's NatSpec, with named fields and
 * enum values and roles by name, e.g. `MarketplaceTenderNotOpen: The tender is status Awarded
 * (Awarded, Cancelled or Expired), not open. (tenderId: 1, status: Awarded)`.
 */
export class ContractRevertError extends OpenTonneError {
  /** The SDK method that reverted, e.g. `"registry.approveProject"`; set by the SDK when it decodes. */
  action = "";

  constructor(
    /** The custom error's name, e.g. `"RegistryUnknownProject"`. */
    readonly errorName: string,
    /** Its Solidity signature, e.g. `"RegistryUnknownProject(uint256)"`. */
    readonly signature: string,
    /** The decoded arguments, in declaration order. */
    readonly args: readonly unknown[],
    /** The raw revert data. */
    readonly data: string,
    cause?: unknown,
    description?: ErrorDescription,
  ) {
    super(describeRevert(errorName, args, description), { cause });
  }
}

function describeRevert(errorName: string, args: readonly unknown[], description: ErrorDescription | undefined): string {
  if (!description) return `${errorName}(${args.map(describe).join(", ")})`;
  const shown = new Map<string, string>();
  description.fields.forEach(([name, kind], i) => {
    const value = args[i];
    let text = describe(value);
    if (Array.isArray(kind) && (typeof value === "bigint" || typeof value === "number")) text = kind[Number(value)] ?? text;
    else if (kind === "role" && typeof value === "string") text = roleName(value);
    else if (typeof value === "string") text = value;
    shown.set(name, text);
  });
  const sentence = description.template.replace(/\{([A-Za-z0-9_]+)\}/g, (m, name: string) => (shown.has(name) ? `${name} ${shown.get(name)}` : m));
  const fields = [...shown.entries()].map(([name, text]) => `${name}: ${text}`).join(", ");
  return `${errorName}: ${sentence || "reverted"}${fields ? ` (${fields})` : ""}`;
}

/** The name of a role id (`"VERIFIER_ROLE"`, `"DEFAULT_ADMIN_ROLE"`), or the id itself when it is not a role of the system. */
export function roleName(roleId: string): string {
  return ROLE_NAMES[roleId.toLowerCase()] ?? roleId;
}

/**
 * The RPC endpoint could not be reached or answered with a transport error (connection refused,
 * DNS failure, timeout, HTTP 5xx, a dropped socket). Nothing is known to have been sent unless the
 * message says so; retry or check the URL.
 */
export class NetworkError extends OpenTonneError {
  /** @param action the SDK method, e.g. `"registry.getProject"` or `"connect"`; @param code the ethers or Node error code (`NETWORK_ERROR`, `ECONNREFUSED`, `TIMEOUT`, …). */
  constructor(
    readonly action: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    const detail = (options?.cause as { shortMessage?: string; message?: string } | undefined);
    super(`${action}: network error (${code}): ${detail?.shortMessage ?? detail?.message ?? "the RPC endpoint did not answer"}`, options);
  }
}

/** A short, readable rendering of a value for error messages (bigints without the `n`). */
export function describe(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(", ")}]`;
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? String(value);
  } catch {
    return String(value);
  }
}
