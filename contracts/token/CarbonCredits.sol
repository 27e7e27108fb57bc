// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {ERC1155Utils} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Utils.sol";
import {ERC1155URIStorage} from "@openzeppelin/contracts/token/ERC1155/extensions/ERC1155URIStorage.sol";
import {
    AccessControlDefaultAdminRules
} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ICarbonCredits} from "../interfaces/ICarbonCredits.sol";
import {IProjectRegistry} from "../interfaces/IProjectRegistry.sol";
import {PauseClock} from "../libraries/PauseClock.sol";
import {Roles} from "../libraries/Roles.sol";
import {ProjectBalances} from "./ProjectBalances.sol";

/// @title CarbonCredits — ERC-1155 carbon credits, one token id per vintage batch
/// @notice See {ICarbonCredits}. Supply caps, project status and the minted / retired ledger live in
/// the {IProjectRegistry}; this contract holds balances and retirement records. Balances live in
/// {ProjectBalances} (per holder and project, with an index of the held batches) instead of OpenZeppelin
/// ERC1155's storage; transfers, events, approvals and receiver checks are OpenZeppelin ERC1155's.
contract CarbonCredits is
    ICarbonCredits,
    ERC1155URIStorage,
    ProjectBalances,
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
        (uint256 projectId, uint256 position) = _registry.recordIssuance(batchId, amount);
        if (to == address(0)) revert ERC1155InvalidReceiver(address(0));
        _credit(to, (projectId << 8) | position, amount);
        emit TransferSingle(_msgSender(), address(0), to, batchId, amount);
        ERC1155Utils.checkOnERC1155Received(_msgSender(), address(0), to, batchId, amount, "");
    }

    /// @inheritdoc ICarbonCredits
    function mintProject(
        address to,
        uint256 projectId,
        uint256 amount
    ) external onlyRole(ISSUER_ROLE) whenNotPaused returns (uint256[] memory batchIds, uint256[] memory amounts) {
        if (amount == 0) revert CarbonCreditsZeroAmount();
        uint256[] memory positions;
        (batchIds, amounts, positions) = _registry.recordProjectIssuance(projectId, amount);
        if (to == address(0)) revert ERC1155InvalidReceiver(address(0));
        for (uint256 i = 0; i < batchIds.length; ++i) _credit(to, (projectId << 8) | positions[i], amounts[i]);
        _emitTransfer(address(0), to, batchIds, amounts);
        // The batch hook even for one batch, as OpenZeppelin ERC1155's _mintBatch does.
        ERC1155Utils.checkOnERC1155BatchReceived(_msgSender(), address(0), to, batchIds, amounts, "");
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
        (uint256[] memory batchIds, uint256[] memory amounts) = _burnOne(from, batchId, amount);
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
        (uint256[] memory batchIds, uint256[] memory amounts, uint256[] memory positions) = _planRetirement(
            from,
            projectId,
            amount
        );
        for (uint256 i = 0; i < batchIds.length; ++i) {
            _debit(from, batchIds[i], (projectId << 8) | positions[i], amounts[i]);
        }
        _emitTransfer(from, address(0), batchIds, amounts);
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
        (uint256[] memory batchIds, uint256[] memory amounts) = _burnOne(_msgSender(), batchId, amount);
        _registry.recordRetirement(batchId, amount);
        retirementId = _recordRetirement(account, amount, details, batchIds, amounts, link);
    }

    // ───────────────────────────── registry ─────────────────────────────

    /// @inheritdoc ICarbonCredits
    function registerBatch(uint256 batchId, uint256 projectId, uint256 position) external {
        if (msg.sender != address(_registry)) revert CarbonCreditsUnauthorizedRegistry(msg.sender);
        _setLayout(batchId, projectId, position);
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
        (batchIds, amounts, ) = _planRetirement(holder, projectId, amount);
    }

    /// @inheritdoc ICarbonCredits
    function balancesOfProject(
        address holder,
        uint256 projectId
    ) external view returns (uint256[] memory batchIds, uint256[] memory amounts) {
        (batchIds, amounts, , ) = _takeOldestFirst(holder, projectId, type(uint256).max);
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

    /// @notice The balance of `account` in batch `id` (ERC-1155); 0 for an id that is not a batch.
    function balanceOf(address account, uint256 id) public view override returns (uint256) {
        return _balanceAt(account, _layoutOf(id));
    }

    /// @notice The metadata URI of token `tokenId`: base URI + batch URI if set, else the default URI.
    function uri(uint256 tokenId) public view override returns (string memory) {
        return super.uri(tokenId);
    }

    /// @notice ERC-165: ERC-1155, ERC-1155 metadata URI, AccessControl(DefaultAdminRules), ERC-165.
    function supportsInterface(
        bytes4 interfaceId
    ) public view override(ERC1155, AccessControlDefaultAdminRules) returns (bool) {
        return ERC1155.supportsInterface(interfaceId) || AccessControlDefaultAdminRules.supportsInterface(interfaceId);
    }

    // ───────────────────────────── internal ─────────────────────────────

    /// @dev Every transfer (`safeTransferFrom`, `safeBatchTransferFrom`; mints and burns have their own
    /// paths) moves balances in {ProjectBalances} and emits as OpenZeppelin ERC1155 does; OpenZeppelin's
    /// caller then runs the receiver check (`from` and `to` are never zero here). The pause rule: while
    /// paused, the only transfer allowed is an ESCROW_ROLE contract sending its own escrowed credits out
    /// (`from` is the caller), so a pause never traps them; mints and retirements check the pause themselves.
    function _update(address from, address to, uint256[] memory ids, uint256[] memory values) internal override {
        if (ids.length != values.length) revert ERC1155InvalidArrayLength(ids.length, values.length);
        if (paused() && (from != _msgSender() || !hasRole(ESCROW_ROLE, from))) {
            revert EnforcedPause();
        }
        for (uint256 i = 0; i < ids.length; ++i) {
            uint256 value = values[i];
            if (value == 0) continue; // a zero-value transfer changes no balance
            uint256 layout = _layoutOf(ids[i]);
            _debit(from, ids[i], layout, value);
            _credit(to, layout, value);
        }
        _emitTransfer(from, to, ids, values);
    }

    /// @dev TransferSingle for one id, TransferBatch otherwise (as OpenZeppelin ERC1155 emits).
    function _emitTransfer(address from, address to, uint256[] memory ids, uint256[] memory values) private {
        if (ids.length == 1) emit TransferSingle(_msgSender(), from, to, ids[0], values[0]);
        else emit TransferBatch(_msgSender(), from, to, ids, values);
    }

    /// @dev Burns `amount` (> 0) of `batchId` from `from`; emits TransferSingle. Returns the one-element
    /// breakdown of the retirement record.
    function _burnOne(
        address from,
        uint256 batchId,
        uint256 amount
    ) private returns (uint256[] memory batchIds, uint256[] memory amounts) {
        _debit(from, batchId, _layoutOf(batchId), amount);
        emit TransferSingle(_msgSender(), from, address(0), batchId, amount);
        batchIds = new uint256[](1);
        amounts = new uint256[](1);
        batchIds[0] = batchId;
        amounts[0] = amount;
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

    /// @dev The holder's oldest-vintage-first breakdown of `amount` (with the batches' positions);
    /// reverts if the holder has less.
    function _planRetirement(
        address holder,
        uint256 projectId,
        uint256 amount
    ) private view returns (uint256[] memory batchIds, uint256[] memory amounts, uint256[] memory positions) {
        uint256 taken;
        (batchIds, amounts, positions, taken) = _takeOldestFirst(holder, projectId, amount);
        if (taken < amount) revert CarbonCreditsInsufficientProjectBalance(holder, projectId, amount, taken);
    }

    /// @dev Takes up to `limit` units from `holder`'s batches of `projectId`, oldest vintage first;
    /// returns the batches taken from, the takes, their positions and their sum. The held-batch index
    /// gives the held positions, the registry puts them in vintage order (at most four words read),
    /// and balances are read only until `limit` is covered, so the cost grows with the batches the
    /// holder holds and takes from, not with the project's batches.
    function _takeOldestFirst(
        address holder,
        uint256 projectId,
        uint256 limit
    )
        private
        view
        returns (uint256[] memory batchIds, uint256[] memory amounts, uint256[] memory positions, uint256 taken)
    {
        positions = _registry.positionsOldestFirst(projectId, _heldPositions(holder, projectId));
        amounts = new uint256[](positions.length);
        uint256 count;
        while (count < positions.length && taken < limit) {
            // A held position has a non-zero balance (the index's invariant).
            uint256 balance = _balanceAt(holder, (projectId << 8) | positions[count]);
            uint256 want = limit - taken;
            uint256 take = balance < want ? balance : want;
            amounts[count] = take;
            taken += take;
            ++count;
        }
        assembly ("memory-safe") {
            // Shrink to the batches taken from (count <= allocated length).
            mstore(positions, count)
            mstore(amounts, count)
        }
        batchIds = _registry.batchesAtPositions(projectId, positions);
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
