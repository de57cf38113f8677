import Foundation

/// What the store has seen lately, for `veilleur status`.
public struct Activity: Sendable, Equatable {
    /// Items stored since the given instant.
    public var newItems: Int
    /// Matches stored since the given instant.
    public var newMatches: Int
    /// Matches no digest has taken yet, daily or weekly.
    public var pendingMatches: Int
    /// All items stored.
    public var totalItems: Int
    /// The most recent fetch of any source.
    public var lastFetchAt: Date?
    /// The most recent digest written, of any profile.
    public var lastDigestAt: Date?

    public init(
        newItems: Int, newMatches: Int, pendingMatches: Int, totalItems: Int, lastFetchAt: Date?, lastDigestAt: Date?
    ) {
        self.newItems = newItems
        self.newMatches = newMatches
        self.pendingMatches = pendingMatches
        self.totalItems = totalItems
        self.lastFetchAt = lastFetchAt
        self.lastDigestAt = lastDigestAt
    }
}
