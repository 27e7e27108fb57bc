// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ICarbonCredits — vintage-batched carbon credits as ERC-1155 (token id = batch id)
/// @notice One token id per vintage batch of the ProjectRegistry. Amounts are integer grams CO2e:
/// 1 unit = 1 gram, 1 credit = 1 tCO2e = 1_000_000 units (docs/contracts.md, "Units").
/// Issuance is minting by the issuer into approved projects; retirement is the only burn and leaves
/// a retirement record. Transfers, approvals and receiver hooks are plain ERC-1155 (EIP-1155) and
/// stop while paused — except that a contract holding ESCROW_ROLE (the system's marketplace and pool)
/// may still send its own escrowed credits out, so a pause never traps escrow. The token counts its
/// paused seconds (IPauseClock.pausedSeconds) so the marketplace can give award time back.
interface ICarbonCredits {
    /// @notice Who a retirement is for and why.
    /// @param beneficiary The account the offset claim is made for (not zero; may be the holder).
    /// @param beneficiaryName Display name of the beneficiary (≤ 256 bytes, may be empty).
    /// @param reason Purpose of the retirement, e.g. "offset claim: 2026 scope 2" (≤ 256 bytes).
    /// @param referenceId External reference, e.g. an invoice or claim id (≤ 256 bytes).
    /// @param consumptionCountry ISO 3166-1 alpha-2 country where the offset is claimed (≤ 256 bytes).
    struct RetirementDetails {
        address beneficiary;
        string beneficiaryName;
        string reason;
        string referenceId;
        string consumptionCountry;
    }

    /// @notice Which path made a retirement: a holder's own `retire`/`retireProject` (Direct), or one of
    /// the system's escrow contracts retiring in one step what it settled — a listing fill bought to
    /// retire, a tender awarded to retire, a pool allocation claimed to retire.
    enum RetirementSource {
        Direct,
        ListingFill,
        TenderAward,
        PoolClaim
    }

    /// @notice What a retirement came from, in its {Retired} event (all zero for Direct).
    /// @param source See {RetirementSource}.
    /// @param refId The listing id (ListingFill), the tender id (TenderAward) or the pool period id (PoolClaim).
    /// @param fill For ListingFill and TenderAward: the trade's number in its batch's market data
    /// (the marketplace's `marketData(batchId).tradeCount` right after the trade), which with the batch id
    /// identifies the marketplace's `Trade` event; 0 for PoolClaim and Direct.
    struct RetirementLink {
        RetirementSource source;
        uint256 refId;
        uint256 fill;
    }

    /// @notice A retirement as stored on-chain, in two storage slots (the gas budget of a retirement,
    /// ≤ 120,000, rules out storing texts). The texts and the per-batch breakdown are in the
    /// {Retired} event, indexed by `retirementId`.
    /// @param account The retiring account: the holder whose credits were burned, or, for a one-step
    /// retirement through an escrow contract, the buyer or member it was made for.
    /// @param timestamp Block time of the retirement, unix seconds.
    /// @param beneficiary See {RetirementDetails}.
    /// @param amount Total units retired (grams CO2e).
    struct Retirement {
        address account;
        uint40 timestamp;
        address beneficiary;
        uint96 amount;
    }

    /// @notice Credits were retired, whatever the path: every retirement emits exactly one. `account` is
    /// the retiring account (see {Retirement}); `operator` the caller (the holder, its operator, or the
    /// escrow contract for a one-step retirement). `batchIds`/`amounts` is the per-batch breakdown
    /// (vintage order for project-level retirements); `amount` their sum; `link` names the trade or claim
    /// it came from (see {RetirementLink}).
    event Retired(
        uint256 indexed retirementId,
        address indexed account,
        address indexed beneficiary,
        address operator,
        uint256 amount,
        uint256[] batchIds,
        uint256[] amounts,
        RetirementDetails details,
        RetirementLink link
    );

    /// @notice The default URI (used for batches without their own URI; `{id}` substitution, EIP-1155).
    event DefaultURIUpdated(string uri);
    /// @notice The base URI prepended to per-batch URIs.
    event BaseURIUpdated(string baseURI);

    /// @notice An amount of zero was given.
    error CarbonCreditsZeroAmount();
    /// @notice The registry address given at deployment is zero.
    error CarbonCreditsInvalidRegistry(address registry);
    /// @notice The retirement's beneficiary is the zero address.
    error CarbonCreditsInvalidBeneficiary(address beneficiary);
    /// @notice A retirement text field (`field`) is `length` bytes, above `maxLength`.
    error CarbonCreditsFieldTooLong(string field, uint256 length, uint256 maxLength);
    /// @notice `holder` holds only `available` units of `projectId`, less than `requested`.
    error CarbonCreditsInsufficientProjectBalance(
        address holder,
        uint256 projectId,
        uint256 requested,
        uint256 available
    );
    /// @notice No retirement has id `retirementId`.
    error CarbonCreditsUnknownRetirement(uint256 retirementId);
    /// @notice The retiring account of a one-step retirement is the zero address.
    error CarbonCreditsInvalidAccount(address account);
    /// @notice `caller` is not the ProjectRegistry this token was deployed with.
    error CarbonCreditsUnauthorizedRegistry(address caller);

    /// @notice Mints `amount` units of batch `batchId` to `to`.
    /// @dev Caller: ISSUER_ROLE. Not while paused. Emits TransferSingle (and the registry's
    /// IssuanceRecorded). Calls `onERC1155Received` if `to` is a contract.
    /// Reverts: CarbonCreditsZeroAmount, ERC1155InvalidReceiver (zero `to` or a rejecting receiver),
    /// RegistryUnknownBatch, RegistryProjectNotApproved, RegistryExceedsBatchSupply, EnforcedPause,
    /// AccessControlUnauthorizedAccount.
    /// @param to Recipient.
    /// @param batchId Batch (= token id).
    /// @param amount Units (grams CO2e).
    function mint(address to, uint256 batchId, uint256 amount) external;

    /// @notice Mints `amount` units of project `projectId` to `to`, from the oldest vintage with
    /// remaining supply first and spilling into the next vintages (Bitgreen carbon-credits pallet).
    /// @dev Caller: ISSUER_ROLE. Not while paused. Emits TransferBatch (TransferSingle when one batch
    /// covers the amount, as OpenZeppelin 5 does for one-element batches) and calls
    /// `onERC1155BatchReceived` if `to` is a contract. Gas grows with the batches touched only; the
    /// registry's forward-only cursor skips fully minted vintages.
    /// Reverts: CarbonCreditsZeroAmount, ERC1155InvalidReceiver, RegistryUnknownProject,
    /// RegistryProjectNotApproved, RegistryExceedsProjectSupply, EnforcedPause,
    /// AccessControlUnauthorizedAccount.
    /// @return batchIds Batches minted from, oldest vintage first.
    /// @return amounts Units minted from each (grams CO2e).
    function mintProject(
        address to,
        uint256 projectId,
        uint256 amount
    ) external returns (uint256[] memory batchIds, uint256[] memory amounts);

    /// @notice Retires (burns) `amount` units of batch `batchId` held by `from`, for
    /// `details.beneficiary`, and stores a retirement record.
    /// @dev Caller: `from` or an operator `from` approved with `setApprovalForAll`. Not while paused.
    /// Works whatever the project's status. Emits TransferSingle (to the zero address) and {Retired}.
    /// Reverts: CarbonCreditsZeroAmount, CarbonCreditsInvalidBeneficiary, CarbonCreditsFieldTooLong,
    /// ERC1155MissingApprovalForAll, ERC1155InsufficientBalance, EnforcedPause.
    /// @return retirementId The new record's id (sequential from 1).
    function retire(
        address from,
        uint256 batchId,
        uint256 amount,
        RetirementDetails calldata details
    ) external returns (uint256 retirementId);

    /// @notice Retires `amount` units of project `projectId` held by `from`, taking `from`'s oldest
    /// vintage first (Bitgreen carbon-credits pallet), and stores one retirement record with the per-batch breakdown.
    /// @dev Caller: `from` or its approved operator. Not while paused. Reads the holder's set of held
    /// batches of the project (one slot), has the registry put it in vintage order, and reads balances
    /// oldest first until `amount` is covered: gas grows with the batches the holder holds and retires
    /// from, not with the project's number of batches. Emits TransferBatch
    /// (TransferSingle for one batch) to the zero address, and {Retired}.
    /// Reverts: CarbonCreditsZeroAmount, CarbonCreditsInvalidBeneficiary, CarbonCreditsFieldTooLong,
    /// CarbonCreditsInsufficientProjectBalance, ERC1155MissingApprovalForAll, RegistryUnknownProject,
    /// EnforcedPause.
    /// @return retirementId The new record's id.
    function retireProject(
        address from,
        uint256 projectId,
        uint256 amount,
        RetirementDetails calldata details
    ) external returns (uint256 retirementId);

    /// @notice Retires `amount` units of batch `batchId` from the CALLER's own balance (credits it holds in
    /// escrow) and records `account` as the retiring account, with `details` and the trade or claim
    /// `link` — the one-step "buy and retire" of the marketplace and "claim and retire" of the pool.
    /// It burns only the caller's own credits: no holder's balance is touched, no approval is used.
    /// @dev Caller: ESCROW_ROLE (held only by the system's marketplace and pool). Not while paused. Works
    /// whatever the project's status. Emits TransferSingle (caller to the zero address) and {Retired}.
    /// Reverts: CarbonCreditsZeroAmount, CarbonCreditsInvalidAccount, CarbonCreditsInvalidBeneficiary,
    /// CarbonCreditsFieldTooLong, ERC1155InsufficientBalance, EnforcedPause, AccessControlUnauthorizedAccount.
    /// @param account The buyer or member the retirement is made by and recorded for (not zero).
    /// @return retirementId The new record's id.
    function retireFromEscrow(
        address account,
        uint256 batchId,
        uint256 amount,
        RetirementDetails calldata details,
        RetirementLink calldata link
    ) external returns (uint256 retirementId);

    /// @notice Learns that batch `batchId` of project `projectId` was added at stable position
    /// `position` (0–127; see `IProjectRegistry.positionsOldestFirst`). Balances are kept per holder and
    /// project, with a 128-bit set of the positions the holder holds, so {retireProject} finds a
    /// holder's batches without walking the project's.
    /// @dev Caller: the registry, from `addBatch` (once per batch). Emits nothing.
    /// Reverts: CarbonCreditsUnauthorizedRegistry.
    function registerBatch(uint256 batchId, uint256 projectId, uint256 position) external;

    /// @notice Sets the metadata URI of batch `batchId` (appended to the base URI).
    /// @dev Caller: METADATA_ROLE. Emits URI(value, batchId) (EIP-1155).
    /// Reverts: RegistryUnknownBatch, AccessControlUnauthorizedAccount.
    function setBatchURI(uint256 batchId, string calldata tokenURI) external;

    /// @notice Sets the base URI prepended to per-batch URIs.
    /// @dev Caller: METADATA_ROLE. Emits {BaseURIUpdated}. Reverts: AccessControlUnauthorizedAccount.
    function setBaseURI(string calldata baseURI) external;

    /// @notice Sets the default URI returned for batches without their own URI (`{id}` form).
    /// @dev Caller: METADATA_ROLE. Emits {DefaultURIUpdated}. Reverts: AccessControlUnauthorizedAccount.
    function setDefaultURI(string calldata defaultURI) external;

    /// @notice Stops mints, transfers and retirements; ESCROW_ROLE contracts may still transfer their own
    /// credits out (escrow exits). Starts counting paused seconds. Caller: PAUSER_ROLE. Emits Paused.
    /// Reverts: EnforcedPause (already paused), AccessControlUnauthorizedAccount.
    function pause() external;

    /// @notice Resumes. Caller: PAUSER_ROLE. Emits Unpaused.
    /// Reverts: ExpectedPause (not paused), AccessControlUnauthorizedAccount.
    function unpause() external;

    /// @notice Units of batch `id` in circulation: `minted - retired` in the registry, which equals
    /// the sum of all balances of `id` (CarbonCreditMarketplace design, property 1). 0 for an unknown id.
    function totalSupply(uint256 id) external view returns (uint256);

    /// @notice The batches a `retireProject(holder, projectId, amount, …)` would burn now, oldest
    /// vintage first, and how much of each. Reverts CarbonCreditsInsufficientProjectBalance,
    /// CarbonCreditsZeroAmount, RegistryUnknownProject.
    function previewRetireProject(
        address holder,
        uint256 projectId,
        uint256 amount
    ) external view returns (uint256[] memory batchIds, uint256[] memory amounts);

    /// @notice `holder`'s non-zero balances in project `projectId`, oldest vintage first.
    /// Reverts RegistryUnknownProject.
    function balancesOfProject(
        address holder,
        uint256 projectId
    ) external view returns (uint256[] memory batchIds, uint256[] memory amounts);

    /// @notice The stored retirement `retirementId`. Reverts CarbonCreditsUnknownRetirement.
    function getRetirement(uint256 retirementId) external view returns (Retirement memory);

    /// @notice Number of retirements; ids run from 1 to this number.
    function retirementCount() external view returns (uint256);

    /// @notice The ProjectRegistry this token reads batches from and records issuance in.
    function registry() external view returns (address);
}
