// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ICarbonPoolTypes — the pool's period status and allocation method enums
/// @notice Part of {ICarbonPool}, which inherits it; the contract-level documentation is there.
/// The enums are shared by the events, the errors and the structs; the structs stay in {ICarbonPool} itself.
interface ICarbonPoolTypes {
    /// @notice Lifecycle of a period: `None → Open → Closed | Cancelled | Aborted`.
    enum PeriodStatus {
        None,
        Open,
        Closed,
        Cancelled,
        Aborted
    }

    /// @notice How a closed period's credits are split among its eligible members (MSME pool rules).
    enum AllocationMethod {
        Proportional,
        EqualShare,
        PerformanceBased,
        Hybrid
    }
}
