// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {CalendarPeriods} from "../libraries/CalendarPeriods.sol";
import {ICarbonCredits} from "./ICarbonCredits.sol";
import {ICarbonPoolErrors} from "./ICarbonPoolErrors.sol";
import {ICarbonPoolEvents} from "./ICarbonPoolEvents.sol";
import {ICarbonPoolTypes} from "./ICarbonPoolTypes.sol";
import {IProjectRegistry} from "./IProjectRegistry.sol";

/// @title ICarbonPool — MSMEs pooling small verified CO2 reductions into vintage batches (MSME pool rules)
/// @notice ONE pool per deployment. The pool issues credits into projects of the ProjectRegistry that it
/// registers itself as SELF-MANAGED projects owned by this contract (only the pool can add their batches;
/// e.g. `indian_carbon_market_pool`); it must hold REGISTRAR_ROLE on the registry and ISSUER_ROLE on
/// CarbonCredits, and a VERIFIER must approve each project before it receives credits. Each closed period
/// with credits becomes ONE vintage batch (serial `OTPOOL-<pool address>-<periodId>`, a serial namespace
/// the registry reserves for this pool; vintage = the period's year, start / end = the period's bounds)
/// whose credits are minted to the pool and then claimed by the members (pull). A registry project holds
/// at most 128 batches: the manager registers a SUCCESSOR project in advance, and the close that finds
/// the current project full (or no longer Approved) moves to it, so the pool outlives any one project.
///
/// Issuance rule (one credit = one verified tonne): a period mints exactly its eligible verified grams,
/// `credits = G` units (1 unit = 1 g CO2e). There is no conversion rate, so Σ credits issued by the pool
/// ≤ Σ verified grams recorded, always.
///
/// Lifecycle of a period: `openPeriod` (manager; a UTC calendar month, quarter or year that has already
/// started; at most one open at a time; periods never overlap; the allocation method, minimum
/// contribution, close grace and claim window are fixed here) → `recordContribution` (oracle; grams per
/// member) → `closePeriod` (manager; only after the period's end PLUS the close grace, so verified days
/// relayed late still count) → `claim` (each member, within the claim window) → `sweepDust` (manager:
/// rounding dust once all claimed, or everything unclaimed once the claim window is over).
/// An open period can also end as `Cancelled` (no contributions yet; its dates become free again) or
/// `Aborted` (a stuck period after the close grace; every member's grams carry forward to the member's
/// next period, and the next period keeps the aborted period's allocation rule).
///
/// Units: contributions in grams CO2e; credits in units (1 unit = 1 g CO2e, 1 credit = 1 tCO2e =
/// 1_000_000 units); times in unix seconds (UTC), durations in seconds; weights in grams × points; bps.
///
/// Scale: nothing loops over members. Every total the close and the claims need — eligible grams
/// `G`, eligible count `n`, performance weight sum `W` — is updated as each contribution arrives, so
/// record, close and claim cost the same with 10 or 10,000 members. A member's first record in a period
/// writes one new storage slot (its period record) and updates one (its packed running state).
///
/// Eligibility and carry-forward: a member is eligible in a period when its grams there (including
/// anything carried in) are non-zero and ≥ the period's minimum contribution. Grams of a period in
/// which the member stayed below the minimum, and all grams of an aborted period, carry forward to the
/// member's NEXT period in which it contributes: they are added, lazily, on the member's first record in
/// that period (event {ContributionCarriedForward}); nothing is lost and nothing counts twice.
///
/// Performance weight (MSME pool rules): on a member's first record in a period its participation score is
/// fixed for that period: `score = min(100, recent × 10 + totalKg / 100)`, where `recent` = the number
/// of the 10 periods before this one (by period id) in which the member was eligible (aborted periods do
/// not count), and `totalKg = floor(lifetime recorded grams before this period / 1000)`. The member's
/// weight in the period is `grams × (100 + score)` — proportional to its reductions, with a
/// participation bonus of up to ×2. Carbon efficiency (credits per kg) is reported per member but not
/// part of the weight: it is the same for every member (one unit per gram), and it depends on past
/// allocations.
///
/// Allocation (at claim, rounded down once per member, so `credits − n < Σ claims ≤ credits`):
/// - Proportional (MSME pool rules): `floor(C × g / G)`;
/// - EqualShare: `floor(C / n)` (needs a non-zero minimum contribution);
/// - PerformanceBased: `floor(C × w / W)`;
/// - Hybrid (`h` bps performance): `floor(C × ((10000 − h) × g × W + h × w × G) / (10000 × G × W))`.
interface ICarbonPool is ICarbonPoolTypes, ICarbonPoolEvents, ICarbonPoolErrors {
    // ───────────────────────────── structs ─────────────────────────────

    /// @notice A pool period as stored.
    /// @param status See {PeriodStatus}.
    /// @param kind Monthly, quarterly or yearly (UTC calendar).
    /// @param method Allocation method, fixed at open.
    /// @param hybridBps Weight of the performance-based part for Hybrid, bps (0 otherwise), fixed at open.
    /// @param start First second of the period, unix seconds.
    /// @param end Last second of the period, unix seconds (inclusive).
    /// @param closeGrace Seconds after `end` before the period can be closed (snapshot at open).
    /// @param claimWindow Seconds after `closedAt` during which members can claim (snapshot at open).
    /// @param closedAt When the period was closed, unix seconds (0 until then).
    /// @param dustSwept Whether the unclaimed remainder was swept to the treasury.
    /// @param eligibleCount Members eligible in the period (`n`).
    /// @param claimedCount Eligible members that have claimed.
    /// @param recordCount Members with at least one record in the period.
    /// @param minContribution Minimum grams for eligibility in this period (snapshot at open).
    /// @param eligibleGrams Σ grams of eligible members (`G`).
    /// @param weightSum Σ performance weights of eligible members (`W`), grams × points.
    /// @param credits Units minted for the period at close (`C` = `G`).
    /// @param claimedUnits Units claimed so far (Σ claims ≤ credits).
    /// @param batchId The period's batch (= token id); 0 when no credits were minted.
    struct Period {
        PeriodStatus status;
        CalendarPeriods.Kind kind;
        AllocationMethod method;
        uint16 hybridBps;
        uint40 start;
        uint40 end;
        uint32 closeGrace;
        uint32 claimWindow;
        uint40 closedAt;
        bool dustSwept;
        uint32 eligibleCount;
        uint32 claimedCount;
        uint32 recordCount;
        uint128 minContribution;
        uint128 eligibleGrams;
        uint128 weightSum;
        uint128 credits;
        uint128 claimedUnits;
        uint256 batchId;
    }

    /// @notice A member's running state and metrics. Everything a record needs is in one slot (`active`
    /// … `totalGrams`); claims and removals use the second.
    /// @param active Admitted and not removed.
    /// @param hasCarried Whether `carriedGrams` is non-zero.
    /// @param lastPeriodId The last period in which the member has a record (0: none).
    /// @param historyAnchor Period id that bit 0 of `history` stands for.
    /// @param history Eligibility bitmap: bit k = eligible in period `historyAnchor − k` (16 periods).
    /// @param allocationCount Periods in which the member was (or, for the open period, is) eligible;
    /// an aborted period is taken off at the member's next record.
    /// @param totalGrams Lifetime verified CO2 reduced, grams (every record counted once).
    /// @param claimCount Periods claimed.
    /// @param claimedUnits Credit units received through claims.
    /// @param carriedGrams Grams withdrawn from an open period by a removal (see {removeMember}), waiting
    /// to join the member's next record; below-minimum grams of the member's last closed period and the
    /// grams of an aborted last period also join its next record but stay in that period's record until
    /// then (see {carriedForward}).
    struct Member {
        bool active;
        bool hasCarried;
        uint32 lastPeriodId;
        uint32 historyAnchor;
        uint16 history;
        uint32 allocationCount;
        uint128 totalGrams;
        uint32 claimCount;
        uint128 claimedUnits;
        uint96 carriedGrams;
    }

    /// @notice A member's record in one period.
    /// @param grams Grams counted in the period (records + carried-in grams).
    /// @param score Participation score fixed at the member's first record in the period (0–100).
    /// @param claimed Whether the member claimed the period.
    struct MemberPeriod {
        uint128 grams;
        uint8 score;
        bool claimed;
    }

    // ───────────────────────────── manager ─────────────────────────────

    /// @notice Registers a self-managed project of the registry owned by this pool (status Pending; a
    /// VERIFIER must approve it before it receives credits). The first call sets the pool's current
    /// project; each later call registers the SUCCESSOR, which the pool moves to at the first close that
    /// finds the current project full (128 batches) or not Approved (e.g. suspended). At most one
    /// successor waits at a time.
    /// @dev Caller: POOL_MANAGER_ROLE. The pool needs REGISTRAR_ROLE on the registry. Emits
    /// {PoolProjectRegistered} (and the registry's ProjectRegistered).
    /// Reverts: CarbonPoolSuccessorAlreadyRegistered, CarbonPoolInvalidProjectOwner (`input.owner` must be
    /// this pool), the registry's RegistryEmptyField / RegistryFieldTooLong /
    /// AccessControlUnauthorizedAccount (pool lacks REGISTRAR_ROLE), AccessControlUnauthorizedAccount.
    /// @param input The project fields (name e.g. `indian_carbon_market_pool`, standard "ICM", …).
    /// @return projectId The registry's id of the new project.
    function registerPoolProject(IProjectRegistry.ProjectInput calldata input) external returns (uint256 projectId);

    /// @notice Admits `member` (an MSME account).
    /// @dev Caller: POOL_MANAGER_ROLE. Emits {MemberAdmitted}. O(1).
    /// Reverts: CarbonPoolInvalidMember (zero), CarbonPoolAlreadyMember, AccessControlUnauthorizedAccount.
    function admitMember(address member) external;

    /// @notice Removes `member`. Closed periods are untouched: the member keeps and can still claim what
    /// was allocated. Its contribution to the OPEN period (if any) is taken out of the period's totals
    /// (G, n, W stay consistent) and kept as the member's carried grams: it counts again in the member's
    /// next period if the member is readmitted and records again.
    /// @dev Caller: POOL_MANAGER_ROLE. Emits {MemberRemoved}. O(1).
    /// Reverts: CarbonPoolNotMember, AccessControlUnauthorizedAccount.
    function removeMember(address member) external;

    /// @notice Sets the allocation method (and `hybridBps`, the performance weight of Hybrid) for periods
    /// opened from now on; an open period keeps the method it was opened with. Default Proportional.
    /// @dev Caller: POOL_MANAGER_ROLE. Emits {AllocationMethodUpdated}.
    /// Reverts: CarbonPoolInvalidHybridWeight (> 10000 for Hybrid, non-zero otherwise),
    /// AccessControlUnauthorizedAccount.
    function setAllocationMethod(AllocationMethod method, uint16 hybridBps) external;

    /// @notice Sets the minimum contribution (grams per member per period) for periods opened from now
    /// on. 0 makes every contributor eligible (not allowed with EqualShare, checked at open). The MSME pool rules'
    /// "100 credits at 0.1 credit per kg" is 1 t = 1_000_000 g.
    /// @dev Caller: POOL_MANAGER_ROLE. Emits {MinContributionUpdated}. Reverts: AccessControlUnauthorizedAccount.
    function setMinContribution(uint128 grams) external;

    /// @notice Sets, for periods opened from now on, the close grace (seconds after a period's end before
    /// it can be closed, so that verified device-days relayed late still count; default 2 days, allowed
    /// 1–30 days) and the claim window (seconds after the close during which members can claim; default
    /// 365 days, allowed 30 days – 10 years).
    /// @dev Caller: POOL_MANAGER_ROLE. Emits {PeriodTimingsUpdated}.
    /// Reverts: CarbonPoolInvalidDuration("closeGrace" | "claimWindow", …), AccessControlUnauthorizedAccount.
    function setPeriodTimings(uint32 closeGrace, uint32 claimWindow) external;

    /// @notice Sets the treasury that receives swept units.
    /// @dev Caller: DEFAULT_ADMIN_ROLE. Emits {TreasuryUpdated}.
    /// Reverts: CarbonPoolInvalidTreasury (zero), AccessControlUnauthorizedAccount.
    function setTreasury(address treasury) external;

    /// @notice Opens the UTC calendar period of kind `kind` that contains unix time `timestamp`, with the
    /// pool's current allocation method, minimum contribution, close grace and claim window — except
    /// right after an aborted period, whose method and minimum the new period keeps (so an abort cannot
    /// re-split what it carries forward). The period must have started (`start ≤ now`).
    /// @dev Caller: POOL_MANAGER_ROLE. Not while paused. Emits {PeriodOpened}. Bounds from
    /// {CalendarPeriods.periodOf} (days-from-civil).
    /// Reverts: CarbonPoolProjectNotRegistered, CarbonPoolPeriodAlreadyOpen, CarbonPoolPeriodNotStarted,
    /// CarbonPoolPeriodOverlaps (the period must start after the last closed or aborted period's end),
    /// CarbonPoolInvalidPeriodYear (outside 1990..2200, the registry's vintages),
    /// CarbonPoolEqualShareNeedsMinimum, EnforcedPause, AccessControlUnauthorizedAccount.
    /// @return periodId The new period's id (sequential from 1).
    function openPeriod(CalendarPeriods.Kind kind, uint40 timestamp) external returns (uint256 periodId);

    /// @notice Closes period `periodId` after its end plus its close grace: mints `credits = G` units —
    /// exactly the eligible verified grams (one unit per gram) — as the period's vintage batch of the
    /// pool's project (moving to the successor project first when the current one is full or not
    /// Approved), if non-zero; the claim window starts.
    /// @dev Caller: POOL_MANAGER_ROLE. Not while paused. O(1) in members. Emits {PeriodClosed} (and
    /// {PoolProjectRolledOver}, the registry's BatchAdded, the token's TransferSingle).
    /// Reverts: CarbonPoolPeriodNotOpen, CarbonPoolPeriodNotEnded, CarbonPoolProjectFull (128 batches and
    /// no successor), the registry's RegistryProjectNotApproved (project Pending) /
    /// RegistryProjectNotOpenForBatches (project Suspended, Rejected or Deactivated and no successor),
    /// EnforcedPause, AccessControlUnauthorizedAccount. A period that cannot close can be aborted.
    function closePeriod(uint256 periodId) external;

    /// @notice Cancels the open period `periodId`, which has no contribution yet (e.g. opened with the
    /// wrong kind); nothing is issued and its dates can be opened again.
    /// @dev Caller: POOL_MANAGER_ROLE. Emits {PeriodCancelled}.
    /// Reverts: CarbonPoolPeriodNotOpen, CarbonPoolPeriodHasContributions, AccessControlUnauthorizedAccount.
    function cancelPeriod(uint256 periodId) external;

    /// @notice Aborts the open period `periodId` that cannot be closed (e.g. its project suspended and no
    /// successor approved yet), only after its end plus its close grace. Nothing is issued; every member's
    /// grams there (eligible or not) carry forward to the member's next period with a record, exactly once;
    /// the aborted period's eligibility does not count towards participation scores. The next period
    /// opened keeps its allocation method and minimum.
    /// @dev Caller: POOL_MANAGER_ROLE. Emits {PeriodAborted}.
    /// Reverts: CarbonPoolPeriodNotOpen, CarbonPoolPeriodNotEnded, AccessControlUnauthorizedAccount.
    function abortPeriod(uint256 periodId) external;

    /// @notice Sends period `periodId`'s unclaimed units to the treasury: the rounding dust
    /// (`credits − claimedUnits`) once every eligible member has claimed, or — once the claim window is
    /// over — everything still unclaimed (a later claim then reverts CarbonPoolClaimWindowOver: the late
    /// claimer's share went to the treasury). Once per period; never takes a share inside the window.
    /// @dev Caller: POOL_MANAGER_ROLE. Not while paused. Emits {DustSwept} (and TransferSingle).
    /// Reverts: CarbonPoolPeriodNotClosed, CarbonPoolClaimsOutstanding, CarbonPoolNoDust (none or already
    /// swept), EnforcedPause, AccessControlUnauthorizedAccount.
    function sweepDust(uint256 periodId) external;

    /// @notice Stops opening, recording, closing and sweeping. Claims stay open (a pause never traps a
    /// user's own assets; the token's own pause still applies to them).
    /// @dev Caller: PAUSER_ROLE. Emits Paused. Reverts: EnforcedPause, AccessControlUnauthorizedAccount.
    function pause() external;

    /// @notice Resumes. Caller: PAUSER_ROLE. Emits Unpaused.
    /// Reverts: ExpectedPause, AccessControlUnauthorizedAccount.
    function unpause() external;

    // ───────────────────────────── oracle ─────────────────────────────

    /// @notice Records `grams` of verified CO2 reduction of `member` in the open period `periodId`.
    /// On the member's first record in the period its participation score is fixed and any grams it
    /// carried forward are added first. When the member's grams reach the period's minimum, the member
    /// becomes eligible and its grams and weight join the period's totals; afterwards each record adds
    /// its grams (and `grams × (100 + score)` of weight) to them. O(1) in members. Allowed until the
    /// period is closed, also after its end (verified data arrives after the fact: the close grace).
    /// @dev Caller: ORACLE_ROLE (the MRVOracle). Not while paused. Emits {ContributionRecorded} (and
    /// {ContributionCarriedForward} when carried grams join).
    /// Reverts: CarbonPoolZeroAmount, CarbonPoolNotMember, CarbonPoolPeriodNotOpen,
    /// CarbonPoolGramsOverflow (member or eligible total above 2^72 − 1 grams, the registry's batch cap,
    /// so a close never fails on supply), EnforcedPause, AccessControlUnauthorizedAccount.
    function recordContribution(address member, uint256 periodId, uint256 grams) external;

    // ───────────────────────────── members ─────────────────────────────

    /// @notice Claims the caller's allocation of each period in `periodIds` (closed periods only, each
    /// once, within each period's claim window), rounded down per period (see the formulas above), and
    /// receives them by ERC-1155 transfer from the pool. Works for removed members. Bounded by the list's
    /// length. Zero-unit allocations are marked claimed without a transfer.
    /// @dev Caller: anyone with an allocation. Open during the pool's pause. nonReentrant. Emits
    /// {AllocationClaimed} per period and one TransferBatch (TransferSingle for one batch).
    /// Reverts: CarbonPoolEmptyClaim, CarbonPoolPeriodNotClosed, CarbonPoolClaimWindowOver,
    /// CarbonPoolNotEligible, CarbonPoolAlreadyClaimed (also for a period listed twice),
    /// ERC1155InvalidReceiver (a contract caller that rejects ERC-1155), the token's EnforcedPause.
    /// @return total Units received in all.
    function claim(uint256[] calldata periodIds) external returns (uint256 total);

    /// @notice Claims the caller's allocation of closed period `periodId` straight into a retirement
    /// (retire on issue): the same allocation as {claim}, but the credits never leave the pool's balance
    /// to the member — CarbonCredits retires them from the pool (its ESCROW_ROLE) with `details`, naming
    /// the member as the retiring account and linking the claim (PoolClaim, `periodId`).
    /// @dev Caller: anyone with an allocation. Open during the pool's pause; not while CarbonCredits is
    /// paused. nonReentrant. Emits {AllocationClaimed}, CarbonCredits' TransferSingle (pool to zero) and
    /// `Retired`. Reverts: CarbonPoolPeriodNotClosed, CarbonPoolNotEligible, CarbonPoolAlreadyClaimed,
    /// CarbonCreditsZeroAmount (a zero share: nothing to retire), CarbonCreditsInvalidBeneficiary,
    /// CarbonCreditsFieldTooLong, the token's EnforcedPause.
    /// @return amount Units retired (grams CO2e).
    /// @return retirementId The CarbonCredits retirement id.
    function claimAndRetire(
        uint256 periodId,
        ICarbonCredits.RetirementDetails calldata details
    ) external returns (uint256 amount, uint256 retirementId);

    // ───────────────────────────── views ─────────────────────────────

    /// @notice The ProjectRegistry. @return The registry address.
    function registry() external view returns (address);

    /// @notice The CarbonCredits token. @return The token address.
    function credits() external view returns (address);

    /// @notice The pool's current project id in the registry (0 before {registerPoolProject}).
    function projectId() external view returns (uint256);

    /// @notice The registered successor project (0: none), and the batches the pool has added to its
    /// current project (at most 128).
    function poolProjects() external view returns (uint256 successorProjectId, uint256 currentProjectBatches);

    /// @notice The treasury that receives swept units.
    function treasury() external view returns (address);

    /// @notice The allocation method and Hybrid weight (bps) for the next period opened.
    function allocationMethod() external view returns (AllocationMethod method, uint16 hybridBps);

    /// @notice The minimum contribution for the next period, grams.
    function minContribution() external view returns (uint128);

    /// @notice The close grace and claim window for the next period, seconds.
    function periodTimings() external view returns (uint32 closeGrace, uint32 claimWindow);

    /// @notice Number of periods opened so far; ids run from 1 to this number.
    function periodCount() external view returns (uint256);

    /// @notice The open period's id, 0 if none is open.
    function openPeriodId() external view returns (uint256);

    /// @notice Number of active members.
    function memberCount() external view returns (uint256);

    /// @notice Whether `account` is an active member.
    function isMember(address account) external view returns (bool);

    /// @notice Period `periodId` as stored (all zero for an unknown id).
    function getPeriod(uint256 periodId) external view returns (Period memory);

    /// @notice `member`'s stored state and metrics.
    function getMember(address member) external view returns (Member memory);

    /// @notice `member`'s record in period `periodId`.
    function getMemberPeriod(uint256 periodId, address member) external view returns (MemberPeriod memory);

    /// @notice Units `member` would receive by claiming `periodId` now (0 when not closed, not eligible,
    /// already claimed or after the claim window). Same formula as {claim}.
    function claimable(uint256 periodId, address member) external view returns (uint256);

    /// @notice Grams of `member` waiting to join its next period: its stored carried grams plus, when its
    /// last recorded period is aborted, or closed with the member below that period's minimum, those grams.
    function carriedForward(address member) external view returns (uint256);

    /// @notice `member`'s participation score (MSME pool rules, 0–100) as it would be fixed at a first record in
    /// the next period to receive records (the open one, or the one after the last).
    function participationScore(address member) external view returns (uint256);

    /// @notice `member`'s carbon efficiency (MSME pool rules: credits per kg reduced): claimed credit units per
    /// kg of lifetime recorded CO2, rounded down: `floor(claimedUnits × 1000 / totalGrams)`.
    function carbonEfficiency(address member) external view returns (uint256);
}
