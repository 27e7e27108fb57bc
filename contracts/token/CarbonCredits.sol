// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {ERC1155Pausable} from "@openzeppelin/contracts/token/ERC1155/extensions/ERC1155Pausable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ERC1155URIStorage} from "@openzeppelin/contracts/token/ERC1155/extensions/ERC1155URIStorage.sol";
import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ICarbonCredits} from "../interfaces/ICarbonCredits.sol";
import {IProjectRegistry} from "../interfaces/IProjectRegistry.sol";
import {PauseClock} from "../libraries/PauseClock.sol";
import {Roles} from "../libraries/Roles.sol";

/// @title CarbonCredits — ERC-1155 carbon credits, one token id per vintage batch
/// @notice See {ICarbonCredits}. Supply caps, project status and the minted / retired ledger live in
/// the {IProjectRegistry}; this contract holds balances and retirement records.
contract CarbonCredits is
    ICarbonCredits,
    ERC1155Pausable,
    ERC1155URIStorage,
    PauseClock,
    AccessControlDefaultAdminRules
{
    /// @notice Maximum length of each retirement text field, bytes.
    uint256 public constant MAX_RETIREMENT_TEXT = 256;
    /// @notice Role allowed to mint (see {Roles}).
    bytes32 public constant ISSUER_ROLE = Roles.ISSUER_ROLE;
    /// @notice Role allowed to set metadata URIs (see {Roles}).
    bytes32 public constant METADATA_ROLE = Roles.METADATA_ROLE;
    /// @notice Role allowed to pause and unpause (see {Roles}).
    bytes32 public constant PAUSER_ROLE = Roles.PAUSER_ROLE;
    /// @notice Role of the system's own escrow contracts (marketplace, pool; see {Roles}).
    bytes32 public constant ESCROW_ROLE = Roles.ESCROW_ROLE;

    /// @dev {_takeOldestFirstCounted} reads a project's batch ids in slices: vintages 1–4, 5–32, the rest.
    uint256 private constant FIRST_SLICE = 4;
    uint256 private constant SECOND_SLICE_END = 32;

    IProjectRegistry private immutable _registry;

    /// @dev Id the next retirement gets. Starts at 1 (set in the constructor), so the first
    /// retirement updates a non-zero slot instead of paying for a fresh one.
    uint256 private _nextRetirementId;
    mapping(uint256 retirementId => Retirement) private _retirements;

    /// @notice Deploys the token. The registry must then `bindCredits` this address.
    /// @param admin Receives DEFAULT_ADMIN_ROLE (a multisig in production).
    /// @param adminTransferDelay Delay in seconds before a new default admin can accept the role.
    /// @param registry_ The ProjectRegistry (not zero; reverts CarbonCreditsInvalidRegistry).
    /// @param defaultURI EIP-1155 default metadata URI, e.g. "https://…/{id}.json".
    constructor(
        address admin,
        uint48 adminTransferDelay,
        address registry_,
        string memory defaultURI
    ) ERC1155(defaultURI) AccessControlDefaultAdminRules(adminTransferDelay, admin) {
        if (registry_ == address(0)) revert CarbonCreditsInvalidRegistry(registry_);
        _registry = IProjectRegistry(registry_);
        _nextRetirementId = 1;
    }

    // ───────────────────────────── issuance ─────────────────────────────

    /// @inheritdoc ICarbonCredits
    function mint(address to, uint256 batchId, uint256 amount) external onlyRole(ISSUER_ROLE) whenNotPaused {
        if (amount == 0) revert CarbonCreditsZeroAmount();
        _registry.recordIssuance(batchId, amount);
        _mint(to, batchId, amount, "");
    }

    /// @inheritdoc ICarbonCredits
    function mintProject(
        address to,
        uint256 projectId,
        uint256 amount
    ) external onlyRole(ISSUER_ROLE) whenNotPaused returns (uint256[] memory batchIds, uint256[] memory amounts) {
        if (amount == 0) revert CarbonCreditsZeroAmount();
        (batchIds, amounts) = _registry.recordProjectIssuance(projectId, amount);
        _mintBatch(to, batchIds, amounts, "");
    }

    // ───────────────────────────── retirement ─────────────────────────────

    /// @inheritdoc ICarbonCredits
    function retire(
        address from,
        uint256 batchId,
        uint256 amount,
        RetirementDetails calldata details
    ) external whenNotPaused returns (uint256 retirementId) {
        _checkRetirement(from, amount, details);
        uint256[] memory batchIds = new uint256[](1);
        uint256[] memory amounts = new uint256[](1);
        batchIds[0] = batchId;
        amounts[0] = amount;
        _burnBatch(from, batchIds, amounts);
        _registry.recordRetirement(batchId, amount);
        retirementId = _recordRetirement(from, amount, details, batchIds, amounts, _direct());
    }

    /// @inheritdoc ICarbonCredits
    function retireProject(
        address from,
        uint256 projectId,
        uint256 amount,
        RetirementDetails calldata details
    ) external whenNotPaused returns (uint256 retirementId) {
        _checkRetirement(from, amount, details);
        (uint256[] memory batchIds, uint256[] memory amounts) = _planRetirement(from, projectId, amount);
        _burnBatch(from, batchIds, amounts);
        for (uint256 i = 0; i < batchIds.length; ++i) {
            _registry.recordRetirement(batchIds[i], amounts[i]);
        }
        retirementId = _recordRetirement(from, amount, details, batchIds, amounts, _direct());
    }

    /// @inheritdoc ICarbonCredits
    function retireFromEscrow(
        address account,
        uint256 batchId,
        uint256 amount,
        RetirementDetails calldata details,
        RetirementLink calldata link
    ) external onlyRole(ESCROW_ROLE) whenNotPaused returns (uint256 retirementId) {
        if (account == address(0)) revert CarbonCreditsInvalidAccount(account);
        _checkDetails(amount, details);
        uint256[] memory batchIds = new uint256[](1);
        uint256[] memory amounts = new uint256[](1);
        batchIds[0] = batchId;
        amounts[0] = amount;
        _burnBatch(_msgSender(), batchIds, amounts);
        _registry.recordRetirement(batchId, amount);
        retirementId = _recordRetirement(account, amount, details, batchIds, amounts, link);
    }

    // ───────────────────────────── admin ─────────────────────────────

    /// @inheritdoc ICarbonCredits
    function setBatchURI(uint256 batchId, string calldata tokenURI) external onlyRole(METADATA_ROLE) {
        _registry.getBatch(batchId); // reverts RegistryUnknownBatch
        _setURI(batchId, tokenURI);
    }

    /// @inheritdoc ICarbonCredits
    function setBaseURI(string calldata baseURI) external onlyRole(METADATA_ROLE) {
        _setBaseURI(baseURI);
        emit BaseURIUpdated(baseURI);
    }

    /// @inheritdoc ICarbonCredits
    function setDefaultURI(string calldata defaultURI) external onlyRole(METADATA_ROLE) {
        _setURI(defaultURI);
        emit DefaultURIUpdated(defaultURI);
    }

    /// @inheritdoc ICarbonCredits
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc ICarbonCredits
    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc ICarbonCredits
    function totalSupply(uint256 id) external view returns (uint256) {
        return _registry.circulatingSupply(id);
    }

    /// @inheritdoc ICarbonCredits
    function previewRetireProject(
        address holder,
        uint256 projectId,
        uint256 amount
    ) external view returns (uint256[] memory batchIds, uint256[] memory amounts) {
        if (amount == 0) revert CarbonCreditsZeroAmount();
        return _planRetirement(holder, projectId, amount);
    }

    /// @inheritdoc ICarbonCredits
    function balancesOfProject(
        address holder,
        uint256 projectId
    ) external view returns (uint256[] memory batchIds, uint256[] memory amounts) {
        return _takeOldestFirst(holder, projectId, type(uint256).max);
    }

    /// @inheritdoc ICarbonCredits
    function getRetirement(uint256 retirementId) external view returns (Retirement memory) {
        Retirement memory r = _retirements[retirementId];
        if (r.account == address(0)) revert CarbonCreditsUnknownRetirement(retirementId);
        return r;
    }

    /// @inheritdoc ICarbonCredits
    function retirementCount() external view returns (uint256) {
        return _nextRetirementId - 1;
    }

    /// @inheritdoc ICarbonCredits
    function registry() external view returns (address) {
        return address(_registry);
    }

    /// @notice The metadata URI of token `tokenId`: base URI + batch URI if set, else the default URI.
    function uri(uint256 tokenId) public view override(ERC1155, ERC1155URIStorage) returns (string memory) {
        return super.uri(tokenId);
    }

    /// @notice ERC-165: ERC-1155, ERC-1155 metadata URI, AccessControl(DefaultAdminRules), ERC-165.
    function supportsInterface(
        bytes4 interfaceId
    ) public view override(ERC1155, AccessControlDefaultAdminRules) returns (bool) {
        return ERC1155.supportsInterface(interfaceId) || AccessControlDefaultAdminRules.supportsInterface(interfaceId);
    }

    // ───────────────────────────── internal ─────────────────────────────

    /// @dev The pause hook: while paused, the only transfer allowed is an ESCROW_ROLE contract sending
    /// its own escrowed credits out (`from` is the caller, `to` not zero), so a pause never traps them.
    /// Mints, burns and every other transfer revert EnforcedPause.
    function _update(
        address from,
        address to,
        uint256[] memory ids,
        uint256[] memory values
    ) internal override(ERC1155, ERC1155Pausable) {
        if (paused() && (from != _msgSender() || to == address(0) || !hasRole(ESCROW_ROLE, from))) {
            revert EnforcedPause();
        }
        ERC1155._update(from, to, ids, values);
    }

    function _pause() internal override(Pausable, PauseClock) {
        PauseClock._pause();
    }

    function _unpause() internal override(Pausable, PauseClock) {
        PauseClock._unpause();
    }

    /// @dev Checks the caller may retire `from`'s credits and the details are well-formed.
    function _checkRetirement(address from, uint256 amount, RetirementDetails calldata details) private view {
        if (amount == 0) revert CarbonCreditsZeroAmount();
        if (from != _msgSender() && !isApprovedForAll(from, _msgSender())) {
            revert ERC1155MissingApprovalForAll(_msgSender(), from);
        }
        _checkDetails(amount, details);
    }

    /// @dev Checks the amount and the retirement details are well-formed.
    function _checkDetails(uint256 amount, RetirementDetails calldata details) private pure {
        if (amount == 0) revert CarbonCreditsZeroAmount();
        if (details.beneficiary == address(0)) revert CarbonCreditsInvalidBeneficiary(details.beneficiary);
        _checkText("beneficiaryName", details.beneficiaryName);
        _checkText("reason", details.reason);
        _checkText("referenceId", details.referenceId);
        _checkText("consumptionCountry", details.consumptionCountry);
    }

    function _checkText(string memory field, string calldata value) private pure {
        uint256 length = bytes(value).length;
        if (length > MAX_RETIREMENT_TEXT) revert CarbonCreditsFieldTooLong(field, length, MAX_RETIREMENT_TEXT);
    }

    /// @dev The holder's oldest-vintage-first breakdown of `amount`; reverts if the holder has less.
    function _planRetirement(
        address holder,
        uint256 projectId,
        uint256 amount
    ) private view returns (uint256[] memory batchIds, uint256[] memory amounts) {
        uint256 taken;
        (batchIds, amounts, taken) = _takeOldestFirstCounted(holder, projectId, amount);
        if (taken < amount) revert CarbonCreditsInsufficientProjectBalance(holder, projectId, amount, taken);
    }

    function _takeOldestFirst(
        address holder,
        uint256 projectId,
        uint256 limit
    ) private view returns (uint256[] memory batchIds, uint256[] memory amounts) {
        (batchIds, amounts, ) = _takeOldestFirstCounted(holder, projectId, limit);
    }

    /// @dev Walks the project's batches in vintage order (≤ MAX_BATCHES_PER_PROJECT), taking up to
    /// `limit` units from `holder`'s balances; returns the non-zero takes and their sum. Reads the
    /// batch ids in three slices — the 4 oldest, up to the 32nd, the rest — and stops after the first
    /// that covers `limit`, so a holder of the oldest vintages reads only those (one external call per
    /// slice: more slices would make a walk to the newest cost more).
    function _takeOldestFirstCounted(
        address holder,
        uint256 projectId,
        uint256 limit
    ) private view returns (uint256[] memory batchIds, uint256[] memory amounts, uint256 taken) {
        (uint256[] memory ids, uint256 total) = _registry.projectBatchesSlice(projectId, 0, FIRST_SLICE);
        batchIds = new uint256[](total);
        amounts = new uint256[](total);
        uint256 count;
        uint256 start;
        while (true) {
            for (uint256 i = 0; i < ids.length && taken < limit; ++i) {
                uint256 balance = balanceOf(holder, ids[i]);
                if (balance == 0) continue;
                uint256 want = limit - taken;
                uint256 take = balance < want ? balance : want;
                batchIds[count] = ids[i];
                amounts[count] = take;
                taken += take;
                ++count;
            }
            start += ids.length;
            if (taken >= limit || start >= total) break;
            uint256 slice = start < SECOND_SLICE_END ? SECOND_SLICE_END - start : total - start;
            (ids, ) = _registry.projectBatchesSlice(projectId, start, slice);
        }
        assembly ("memory-safe") {
            // Shrink to the batches taken from (count <= allocated length).
            mstore(batchIds, count)
            mstore(amounts, count)
        }
    }

    /// @dev The link of a holder's own retirement: Direct, no trade.
    function _direct() private pure returns (RetirementLink memory) {
        return RetirementLink(RetirementSource.Direct, 0, 0);
    }

    function _recordRetirement(
        address from,
        uint256 amount,
        RetirementDetails calldata details,
        uint256[] memory batchIds,
        uint256[] memory amounts,
        RetirementLink memory link
    ) private returns (uint256 retirementId) {
        retirementId = _nextRetirementId++;
        _retirements[retirementId] = Retirement({
            account: from,
            timestamp: uint40(block.timestamp),
            beneficiary: details.beneficiary,
            amount: uint96(amount) // amount <= Σ minted of <= 128 batches <= 2^7 * 2^72 < 2^96
        });
        emit Retired(retirementId, from, details.beneficiary, _msgSender(), amount, batchIds, amounts, details, link);
    }
}
