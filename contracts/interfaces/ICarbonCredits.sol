// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ICarbonCredits — vintage-batched carbon credits as ERC-1155 (token id = batch id)
/// @notice One token id per vintage batch of the ProjectRegistry. Amounts are integer grams CO2e:
/// 1 unit = 1 gram, 1 credit = 1 tCO2e = 1_000_000 units (DESIGN.md, "Units").
/// Issuance is minting by the issuer into approved projects; retirement is the only burn and leaves
/// a retirement record. Transfers, approvals and receiver hooks are plain ERC-1155 (EIP-1155) and
/// stop while paused.
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

    /// @notice A retirement as stored on-chain, in two storage slots (the gas budget of a retirement,
    /// ≤ 120,000, rules out storing texts). The texts and the per-batch breakdown are in the
    /// {Retired} event, indexed by `retirementId`.
    /// @param account The holder whose credits were burned.
    /// @param timestamp Block time of the retirement, unix seconds.
    /// @param beneficiary See {RetirementDetails}.
    /// @param amount Total units retired (grams CO2e).
    struct Retirement {
        address account;
        uint40 timestamp;
        address beneficiary;
        uint96 amount;
    }

    /// @notice Credits were retired. `batchIds`/`amounts` is the per-batch breakdown (vintage order
    /// for project-level retirements); `amount` their sum. `operator` is who sent the transaction.
    event Retired(
        uint256 indexed retirementId,
        address indexed account,
        address indexed beneficiary,
        address operator,
        uint256 amount,
        uint256[] batchIds,
        uint256[] amounts,
        RetirementDetails details
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
    /// remaining supply first and spilling into the next vintages (seed 001).
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
    /// vintage first (seed 001), and stores one retirement record with the per-batch breakdown.
    /// @dev Caller: `from` or its approved operator. Not while paused. Walks the project's batches
    /// oldest first (≤ MAX_BATCHES_PER_PROJECT) and stops once `amount` is covered: gas grows with the
    /// batches up to the newest one taken from, not with the batches after it. Emits TransferBatch
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

    /// @notice Stops mints, transfers and retirements. Caller: PAUSER_ROLE. Emits Paused.
    /// Reverts: EnforcedPause (already paused), AccessControlUnauthorizedAccount.
    function pause() external;

    /// @notice Resumes. Caller: PAUSER_ROLE. Emits Unpaused.
    /// Reverts: ExpectedPause (not paused), AccessControlUnauthorizedAccount.
    function unpause() external;

    /// @notice Units of batch `id` in circulation: `minted - retired` in the registry, which equals
    /// the sum of all balances of `id` (seed 003, property 1). 0 for an unknown id.
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
