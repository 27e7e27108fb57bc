// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ICreditMarketplaceTypes — the marketplace's status and kind enums
/// @notice Part of {ICreditMarketplace}, which inherits it; the contract-level documentation is there. The enums
/// are shared by the events, the errors and the structs; the structs stay in {ICreditMarketplace} itself.
interface ICreditMarketplaceTypes {
    /// @notice Lifecycle of a tender. Stored: `Open`, `Awarded`, `Cancelled`, `Expired`. `UnderReview`
    /// is derived from time: an `Open` tender whose deadline has passed (no more proposals; the buyer
    /// may still award until `deadline + GRACE_PERIOD`). `Awarded`, `Cancelled` and `Expired` are final.
    enum TenderStatus {
        None,
        Open,
        UnderReview,
        Awarded,
        Cancelled,
        Expired
    }

    /// @notice Lifecycle of a proposal: `Pending → Accepted` (the award's winner), `Pending → Withdrawn`
    /// (by its seller while the tender is open), `Pending → Rejected` (the tender was awarded to another
    /// proposal, cancelled or expired). `Rejected` is derived from the tender's status; its credits stay
    /// in escrow until {reclaimProposal} (see {proposalEscrow}).
    enum ProposalStatus {
        None,
        Pending,
        Accepted,
        Rejected,
        Withdrawn
    }

    /// @notice Lifecycle of a listing. Stored: `Active`, `SoldOut`, `Cancelled`. `Expired` is derived: an
    /// `Active` listing at or after its expiry (no more fills; the seller cancels to get the rest back).
    enum ListingStatus {
        None,
        Active,
        Expired,
        SoldOut,
        Cancelled
    }

    /// @notice Where a trade came from, in the {Trade} event.
    enum TradeKind {
        Award,
        Listing
    }
}
