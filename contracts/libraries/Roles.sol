// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title Roles — the narrow AccessControl roles of OpenTonne (docs/contracts.md, "Roles")
/// @notice `DEFAULT_ADMIN_ROLE` (a multisig in production, transferred with a delay) grants and
/// revokes these. No role can move a holder's credits.
library Roles {
    /// @notice Registers projects, adds vintage batches, edits project metadata (ProjectRegistry).
    bytes32 internal constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");
    /// @notice Approves, rejects, suspends, reinstates and deactivates projects (ProjectRegistry).
    bytes32 internal constant VERIFIER_ROLE = keccak256("VERIFIER_ROLE");
    /// @notice Mints credits into batches of approved projects (CarbonCredits).
    bytes32 internal constant ISSUER_ROLE = keccak256("ISSUER_ROLE");
    /// @notice Sets token metadata URIs (CarbonCredits).
    bytes32 internal constant METADATA_ROLE = keccak256("METADATA_ROLE");
    /// @notice Pauses and unpauses (every contract that can be paused).
    bytes32 internal constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// @notice Sets the marketplace fee (bps, capped) and the fee recipient (CreditMarketplace).
    bytes32 internal constant FEE_ADMIN_ROLE = keccak256("FEE_ADMIN_ROLE");
    /// @notice Manages the allow-list of ERC-20 payment tokens (CreditMarketplace).
    bytes32 internal constant MARKET_ADMIN_ROLE = keccak256("MARKET_ADMIN_ROLE");
    /// @notice Registers the pool's project, opens and closes pool periods, admits and removes members,
    /// sets pool parameters and sweeps rounding dust (CarbonPool).
    bytes32 internal constant POOL_MANAGER_ROLE = keccak256("POOL_MANAGER_ROLE");
    /// @notice Records verified CO2 reductions of pool members (CarbonPool); held by the MRVOracle.
    bytes32 internal constant ORACLE_ROLE = keccak256("ORACLE_ROLE");
    /// @notice Held only by the system's own escrow contracts (CreditMarketplace, CarbonPool) on
    /// CarbonCredits: they may send their own escrowed credits out while the token is paused, and retire
    /// credits from their own balance naming the account they retire for. It moves nobody else's credits.
    bytes32 internal constant ESCROW_ROLE = keccak256("ESCROW_ROLE");
    /// @notice Registers, updates, deactivates and reactivates solar inverters (devices) of the MRVOracle.
    bytes32 internal constant DEVICE_REGISTRAR_ROLE = keccak256("DEVICE_REGISTRAR_ROLE");
}
