// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {CalendarPeriods} from "../libraries/CalendarPeriods.sol";
import {ICarbonCredits} from "./ICarbonCredits.sol";
import {IProjectRegistry} from "./IProjectRegistry.sol";

/// @title ICarbonPool — MSMEs pooling small verified CO2 reductions into vintage batches (seed 000)
/// @notice ONE pool per deployment: the pool is one project of the ProjectRegistry (e.g.
/// `indian_carbon_market_pool`), registered by this contract, which must hold REGISTRAR_ROLE on the
/// registry and ISSUER_ROLE on CarbonCredits; a VERIFIER must approve the project before the first
/// close. Each closed period becomes ONE vintage batch of that project (serial
/// `OTPOOL-<pool address>-<periodId>`, vintage = the period's year, start / end = the period's bounds)
/// whose credits are minted to the pool and then claimed by the members (pull).
///
/// Lifecycle of a period: `openPeriod` (manager; a UTC calendar month, quarter or year; at most one
/// period open at a time; periods never overlap) → `recordContribution` (oracle; grams per member)
/// → `closePeriod` (manager; after the period's last second; fixes the allocation method, mints
/// `floor(eligibleGrams × rateNumerator / rateDenominator)` units as the period's batch) →
/// `claim` (each member, any time later, several periods per call).
///
/// Units: contributions in grams CO2e; credits in units (1 unit = 1 g CO2e, 1 credit = 1 tCO2e =
/// 1_000_000 units); times in unix seconds (UTC); weights in grams × points; hybrid weight in bps.
///
/// Scale: nothing loops over members. Every total the close and the claims need — eligible grams
/// `G`, eligible count `n`, performance weight sum `W` — is updated as each contribution arrives, so
/// record, close and claim cost the same with 10 or 10,000 members.
///
/// Eligibility and carry-forward: a member is eligible in a period when its grams there (including
/// anything carried in) are non-zero and ≥ the period's minimum contribution. Grams of a period in
/// which the member stayed below the minimum carry forward to the member's NEXT period in which it
/// contributes: they are added, lazily, on the member's first record in that period (event
/// {ContributionCarriedForward}); nothing is lost.
///
/// Performance weight (seed 000): on a member's first record in a period its participation score is
/// fixed for that period: `score = min(100, recent × 10 + totalKg / 100)`, where `recent` = the number
/// of the 10 periods before this one (by period id) in which the member was eligible, and
/// `totalKg = floor(lifetime recorded grams before this period / 1000)`. The member's weight in the
/// period is `grams × (100 + score)` — proportional to its reductions, with a participation bonus of up
/// to ×2. Carbon efficiency (credits per kg) is reported per member but not part of the weight: under
/// one conversion rate it is the same for every member, and it depends on past allocations.
///
/// Allocation (at claim, rounded down once per member, so `credits − n < Σ claims ≤ credits`):
/// - Proportional (seed 000): `floor(C × g / G)`;
/// - EqualShare: `floor(C / n)`;
/// - PerformanceBased: `floor(C × w / W)`;
/// - Hybrid (`h` bps performance): `floor(C × ((10000 − h) × g × W + h × w × G) / (10000 × G × W))`.
/// The remainder (dust) of a period is swept to the treasury once every eligible member has claimed.
interface ICarbonPool {
    /// @notice Lifecycle of a period: `None → Open → Closed`.
    enum PeriodStatus {
        None,
        Open,
        Closed
    }

    /// @notice How a closed period's credits are split among its eligible members (seed 000).
    enum AllocationMethod {
        Proportional,
        EqualShare,
        PerformanceBased,
        Hybrid
    }

    /// @notice A pool period as stored.
    /// @param status See {PeriodStatus}.
    /// @param kind Monthly, quarterly or yearly (UTC calendar).
    /// @param method Allocation method, fixed at close (Proportional until then).
    /// @param hybridBps Weight of the performance-based part for Hybrid, bps (0 otherwise).
    /// @param start First second of the period, unix seconds.
    /// @param end Last second of the period, unix seconds (inclusive).
    /// @param eligibleCount Members eligible in the period (`n`).
    /// @param claimedCount Eligible members that have claimed.
    /// @param dustSwept Whether the dust was swept to the treasury.
    /// @param rateNumerator Conversion rate numerator, credit units per `rateDenominator` grams.
    /// @param rateDenominator Conversion rate denominator (> 0).
    /// @param minContribution Minimum grams for eligibility in this period (snapshot at open).
    /// @param eligibleGrams Σ grams of eligible members (`G`).
    /// @param weightSum Σ performance weights of eligible members (`W`), grams × points.
    /// @param credits Units minted for the period at close (`C`).
    /// @param claimedUnits Units claimed so far (Σ claims ≤ credits).
    /// @param batchId The period's batch (= token id); 0 when no credits were minted.
    struct Period {
        PeriodStatus status;
        CalendarPeriods.Kind kind;
        AllocationMethod method;
        uint16 hybridBps;
        uint40 start;
        uint40 end;
        uint32 eligibleCount;
        uint32 claimedCount;
        bool dustSwept;
        uint64 rateNumerator;
        uint64 rateDenominator;
        uint128 minContribution;
        uint128 eligibleGrams;
        uint128 weightSum;
        uint128 credits;
        uint128 claimedUnits;
        uint256 batchId;
    }

    /// @notice A member's running state and metrics.
    /// @param active Admitted and not removed.
    /// @param lastPeriodId The last period in which the member has a record (0: none).
    /// @param historyAnchor Period id that bit 0 of `history` stands for.
    /// @param history Eligibility bitmap: bit k = eligible in period `historyAnchor − k`.
    /// @param allocationCount Periods in which the member was (or, for the open period, is) eligible.
    /// @param claimCount Periods claimed.
    /// @param totalGrams Lifetime verified CO2 reduced, grams (every record counted once).
    /// @param carriedGrams Grams withdrawn from an open period by a removal (see {removeMember}), waiting
    /// to join the member's next record; below-minimum grams of the member's last closed period also
    /// join its next record but stay in that period's record until then (see {carriedForward}).
    /// @param claimedUnits Credit units received through claims.
    struct Member {
        bool active;
        uint32 lastPeriodId;
        uint32 historyAnchor;
        uint64 history;
        uint32 allocationCount;
        uint32 claimCount;
        uint128 totalGrams;
        uint128 carriedGrams;
        uint128 claimedUnits;
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

    // ───────────────────────────── events ─────────────────────────────

    /// @notice The pool's project was registered in the registry.
    event PoolProjectRegistered(uint256 indexed projectId, string name);
    /// @notice `member` was admitted.
    event MemberAdmitted(address indexed member);
    /// @notice `member` was removed; `withdrawnGrams` of its contribution to the open period `periodId`
    /// were taken out of the period's totals and kept as the member's carried grams (0 if none).
    event MemberRemoved(address indexed member, uint256 indexed periodId, uint256 withdrawnGrams);
    /// @notice Period `periodId` was opened.
    event PeriodOpened(
        uint256 indexed periodId,
        CalendarPeriods.Kind kind,
        uint256 start,
        uint256 end,
        uint256 minContribution,
        uint256 rateNumerator,
        uint256 rateDenominator
    );
    /// @notice `grams` were recorded for `member` in `periodId`; `memberGrams` is its total there (incl.
    /// carried-in grams), `score` its participation score for the period, `eligible` its eligibility.
    event ContributionRecorded(
        uint256 indexed periodId,
        address indexed member,
        uint256 grams,
        uint256 memberGrams,
        uint256 score,
        bool eligible
    );
    /// @notice `grams` below the minimum (or withdrawn by a removal) moved into `member`'s period `toPeriodId`.
    event ContributionCarriedForward(address indexed member, uint256 indexed toPeriodId, uint256 grams);
    /// @notice Period `periodId` was closed: `credits` units minted as batch `batchId` (0: none).
    event PeriodClosed(
        uint256 indexed periodId,
        AllocationMethod method,
        uint256 hybridBps,
        uint256 credits,
        uint256 batchId,
        uint256 eligibleGrams,
        uint256 eligibleCount,
        uint256 weightSum
    );
    /// @notice `member` claimed `amount` units of batch `batchId` for period `periodId`.
    event AllocationClaimed(uint256 indexed periodId, address indexed member, uint256 batchId, uint256 amount);
    /// @notice The dust of period `periodId` (`amount` units) was sent to `treasury`.
    event DustSwept(uint256 indexed periodId, address indexed treasury, uint256 amount);
    /// @notice The conversion rate for periods opened from now on.
    event ConversionRateUpdated(uint256 numerator, uint256 denominator);
    /// @notice The minimum contribution for periods opened from now on, grams.
    event MinContributionUpdated(uint256 grams);
    /// @notice The treasury that receives swept dust.
    event TreasuryUpdated(address indexed treasury);

    // ───────────────────────────── errors ─────────────────────────────

    /// @notice A constructor address (`what`: "registry", "credits") is zero.
    error CarbonPoolInvalidAddress(string what, address value);
    /// @notice The treasury is the zero address.
    error CarbonPoolInvalidTreasury(address treasury);
    /// @notice The project's owner must be this pool.
    error CarbonPoolInvalidProjectOwner(address owner, address expected);
    /// @notice The pool's project is already registered (as `projectId`).
    error CarbonPoolProjectAlreadyRegistered(uint256 projectId);
    /// @notice The pool's project is not registered yet.
    error CarbonPoolProjectNotRegistered();
    /// @notice `member` is the zero address.
    error CarbonPoolInvalidMember(address member);
    /// @notice `member` is already an active member.
    error CarbonPoolAlreadyMember(address member);
    /// @notice `member` is not an active member.
    error CarbonPoolNotMember(address member);
    /// @notice The conversion rate `numerator / denominator` has a zero part.
    error CarbonPoolInvalidConversionRate(uint256 numerator, uint256 denominator);
    /// @notice Period `openPeriodId` is still open.
    error CarbonPoolPeriodAlreadyOpen(uint256 openPeriodId);
    /// @notice A new period starting at `start` would not begin after the last period's end `lastEnd`.
    error CarbonPoolPeriodOverlaps(uint256 start, uint256 lastEnd);
    /// @notice The period's year `year` is outside the registry's vintage range `minYear..maxYear`.
    error CarbonPoolInvalidPeriodYear(uint256 year, uint256 minYear, uint256 maxYear);
    /// @notice Period `periodId` is not open (its status is `status`).
    error CarbonPoolPeriodNotOpen(uint256 periodId, PeriodStatus status);
    /// @notice Period `periodId` ends at `end` (unix seconds); now is `nowTime`, not after it.
    error CarbonPoolPeriodNotEnded(uint256 periodId, uint256 end, uint256 nowTime);
    /// @notice Period `periodId` is not closed (its status is `status`).
    error CarbonPoolPeriodNotClosed(uint256 periodId, PeriodStatus status);
    /// @notice An amount of zero grams was given.
    error CarbonPoolZeroAmount();
    /// @notice A total (`total` grams) would exceed the cap `max` (2^96 − 1).
    error CarbonPoolGramsOverflow(uint256 total, uint256 max);
    /// @notice `hybridBps` is not valid for `method` (> 10000 for Hybrid, non-zero otherwise).
    error CarbonPoolInvalidHybridWeight(AllocationMethod method, uint256 hybridBps);
    /// @notice `claim` was given no periods.
    error CarbonPoolEmptyClaim();
    /// @notice `member` has no allocation in period `periodId` (no record, below minimum, or removed).
    error CarbonPoolNotEligible(uint256 periodId, address member);
    /// @notice `member` already claimed period `periodId`.
    error CarbonPoolAlreadyClaimed(uint256 periodId, address member);
    /// @notice Only `claimedCount` of `eligibleCount` eligible members of `periodId` have claimed.
    error CarbonPoolClaimsOutstanding(uint256 periodId, uint256 claimedCount, uint256 eligibleCount);
    /// @notice Period `periodId` has no dust left to sweep.
    error CarbonPoolNoDust(uint256 periodId);
    /// @notice ERC-1155 tokens reached the pool other than by its own mint of a period's credits
    /// (`token` is the calling contract, `operator` who started the transfer); they would be stuck.
    error CarbonPoolUnsolicitedTransfer(address token, address operator);

    // ───────────────────────────── manager ─────────────────────────────

    /// @notice Registers the pool as a project of the registry, owned by this pool (status Pending; a
    /// VERIFIER must approve it before the first close). Once.
    /// @dev Caller: POOL_MANAGER_ROLE. The pool needs REGISTRAR_ROLE on the registry. Emits
    /// {PoolProjectRegistered} (and the registry's ProjectRegistered).
    /// Reverts: CarbonPoolProjectAlreadyRegistered, CarbonPoolInvalidProjectOwner (`input.owner` must be
    /// this pool), the registry's RegistryEmptyField / RegistryFieldTooLong /
    /// AccessControlUnauthorizedAccount (pool lacks REGISTRAR_ROLE), AccessControlUnauthorizedAccount.
    /// @param input The project fields (name e.g. `indian_carbon_market_pool`, standard "ICM", …).
    /// @return projectId The registry's id of the pool project.
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

    /// @notice Sets the conversion rate for periods opened from now on: `numerator / denominator` credit
    /// units per gram. Default 1 / 1 (1 credit = 1 tCO2e); seed 000's 0.1 credit per kg is 100 / 1.
    /// @dev Caller: POOL_MANAGER_ROLE. Emits {ConversionRateUpdated}.
    /// Reverts: CarbonPoolInvalidConversionRate (a zero part), AccessControlUnauthorizedAccount.
    function setConversionRate(uint64 numerator, uint64 denominator) external;

    /// @notice Sets the minimum contribution (grams per member per period) for periods opened from now
    /// on. 0 makes every contributor eligible.
    /// @dev Caller: POOL_MANAGER_ROLE. Emits {MinContributionUpdated}. Reverts: AccessControlUnauthorizedAccount.
    function setMinContribution(uint128 grams) external;

    /// @notice Sets the treasury that receives swept dust.
    /// @dev Caller: DEFAULT_ADMIN_ROLE. Emits {TreasuryUpdated}.
    /// Reverts: CarbonPoolInvalidTreasury (zero), AccessControlUnauthorizedAccount.
    function setTreasury(address treasury) external;

    /// @notice Opens the UTC calendar period of kind `kind` that contains unix time `timestamp`, with the
    /// pool's current minimum contribution and conversion rate.
    /// @dev Caller: POOL_MANAGER_ROLE. Not while paused. Emits {PeriodOpened}. Bounds from
    /// {CalendarPeriods.periodOf} (days-from-civil).
    /// Reverts: CarbonPoolProjectNotRegistered, CarbonPoolPeriodAlreadyOpen, CarbonPoolPeriodOverlaps (the
    /// period must start after the previous period's end), CarbonPoolInvalidPeriodYear (outside
    /// 1990..2200, the registry's vintages), EnforcedPause, AccessControlUnauthorizedAccount.
    /// @return periodId The new period's id (sequential from 1).
    function openPeriod(CalendarPeriods.Kind kind, uint40 timestamp) external returns (uint256 periodId);

    /// @notice Closes period `periodId`: fixes the allocation `method` (and `hybridBps` for Hybrid),
    /// computes `credits = floor(G × rateNumerator / rateDenominator)` units (seed 000: credits from CO2
    /// reduced at the conversion rate; only eligible grams count), and — if non-zero — adds the
    /// period's vintage batch (supply = credits) to the pool's project and mints it to the pool.
    /// @dev Caller: POOL_MANAGER_ROLE. Not while paused. Only after the period's last second
    /// (`block.timestamp > end`). O(1) in members. Emits {PeriodClosed} (and the registry's BatchAdded,
    /// the token's TransferSingle).
    /// Reverts: CarbonPoolPeriodNotOpen, CarbonPoolPeriodNotEnded, CarbonPoolInvalidHybridWeight, the
    /// registry's RegistryProjectNotApproved (project still Pending), RegistryProjectNotOpenForBatches
    /// (project Suspended, Rejected or Deactivated), RegistryBatchCapReached (128 periods with credits),
    /// RegistryInvalidBatchSupply (credits ≥ 2^72), EnforcedPause,
    /// AccessControlUnauthorizedAccount.
    function closePeriod(uint256 periodId, AllocationMethod method, uint16 hybridBps) external;

    /// @notice Sends period `periodId`'s dust — `credits − claimedUnits`, what rounding down left — to the
    /// treasury. Allowed once every eligible member has claimed, so it never takes a member's allocation
    /// and Σ claims + dust = credits exactly.
    /// @dev Caller: POOL_MANAGER_ROLE. Not while paused. Emits {DustSwept} (and TransferSingle).
    /// Reverts: CarbonPoolPeriodNotClosed, CarbonPoolClaimsOutstanding, CarbonPoolNoDust (none or already
    /// swept), EnforcedPause, AccessControlUnauthorizedAccount.
    function sweepDust(uint256 periodId) external;

    /// @notice Stops opening, recording, closing and sweeping. Claims stay open (DESIGN.md: a pause never
    /// traps a user's own assets; the token's own pause still applies to them).
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
    /// period is closed, also after its end (verified data arrives after the fact).
    /// @dev Caller: ORACLE_ROLE (the MRVOracle). Not while paused. Emits {ContributionRecorded} (and
    /// {ContributionCarriedForward} when carried grams join).
    /// Reverts: CarbonPoolZeroAmount, CarbonPoolNotMember, CarbonPoolPeriodNotOpen,
    /// CarbonPoolGramsOverflow (member or eligible total above 2^96 − 1 grams), EnforcedPause,
    /// AccessControlUnauthorizedAccount.
    function recordContribution(address member, uint256 periodId, uint256 grams) external;

    // ───────────────────────────── members ─────────────────────────────

    /// @notice Claims the caller's allocation of each period in `periodIds` (closed periods only, each
    /// once), rounded down per period (see the formulas above), and receives them by ERC-1155 transfer
    /// from the pool. Works for removed members. Bounded by the list's length. Zero-unit allocations
    /// (e.g. a period with no credits) are marked claimed without a transfer.
    /// @dev Caller: anyone with an allocation. Open during the pool's pause. nonReentrant. Emits
    /// {AllocationClaimed} per period and one TransferBatch (TransferSingle for one batch).
    /// Reverts: CarbonPoolEmptyClaim, CarbonPoolPeriodNotClosed, CarbonPoolNotEligible,
    /// CarbonPoolAlreadyClaimed (also for a period listed twice), ERC1155InvalidReceiver (a contract
    /// caller that rejects ERC-1155), the token's EnforcedPause.
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

    /// @notice The pool's project id in the registry (0 before {registerPoolProject}).
    function projectId() external view returns (uint256);

    /// @notice The treasury that receives swept dust.
    function treasury() external view returns (address);

    /// @notice The conversion rate for the next period: units per gram = numerator / denominator.
    function conversionRate() external view returns (uint64 numerator, uint64 denominator);

    /// @notice The minimum contribution for the next period, grams.
    function minContribution() external view returns (uint128);

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

    /// @notice Units `member` would receive by claiming `periodId` now (0 when not closed, not eligible
    /// or already claimed). Same formula as {claim}.
    function claimable(uint256 periodId, address member) external view returns (uint256);

    /// @notice Grams of `member` waiting to join its next period: its stored carried grams plus, when its
    /// last recorded period is closed and it stayed below that period's minimum there, those grams.
    function carriedForward(address member) external view returns (uint256);

    /// @notice `member`'s participation score (seed 000, 0–100) as it would be fixed at a first record in
    /// the next period to receive records (the open one, or the one after the last).
    function participationScore(address member) external view returns (uint256);

    /// @notice `member`'s carbon efficiency (seed 000: credits per kg reduced): claimed credit units per
    /// kg of lifetime recorded CO2, rounded down: `floor(claimedUnits × 1000 / totalGrams)`.
    function carbonEfficiency(address member) external view returns (uint256);
}
