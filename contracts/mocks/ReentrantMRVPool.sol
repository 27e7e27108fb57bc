// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ICarbonPool} from "../interfaces/ICarbonPool.sol";
import {ICarbonPoolTypes} from "../interfaces/ICarbonPoolTypes.sol";

/// @title ReentrantMRVPool — a hostile stand-in for the CarbonPool that re-enters the MRVOracle
/// @notice Test helper (never deployed): reports period 1 open over all time, and on
/// `recordContribution` calls `reentryTarget` with `payload` (e.g. another `submitReports`), bubbling its revert.
contract ReentrantMRVPool {
    address public reentryTarget;
    bytes public payload;

    /// @notice Sets the call made from `recordContribution`.
    function arm(address target_, bytes calldata payload_) external {
        reentryTarget = target_;
        payload = payload_;
    }

    /// @notice Always period 1.
    function openPeriodId() external pure returns (uint256) {
        return 1;
    }

    /// @notice Period 1 spans every second a uint40 can hold.
    function getPeriod(uint256) external pure returns (ICarbonPool.Period memory p) {
        p.status = ICarbonPoolTypes.PeriodStatus.Open;
        p.end = type(uint40).max;
    }

    /// @notice Re-enters `reentryTarget` with `payload`; bubbles its revert data.
    function recordContribution(address, uint256, uint256) external {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory ret) = reentryTarget.call(payload);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 32), mload(ret))
            }
        }
    }
}
