import Foundation

/// A stored item with when it was first stored and the score of one profile's stored match on it.
public struct ScoredItem: Sendable, Equatable {
    /// The item, its row id and first source.
    public var stored: StoredItem
    /// When the item was first stored.
    public var firstSeenAt: Date
    /// The score of the profile's match on the item, nil when the profile was not alerted to it.
    public var matchScore: Double?

    public init(stored: StoredItem, firstSeenAt: Date, matchScore: Double?) {
        self.stored = stored
        self.firstSeenAt = firstSeenAt
        self.matchScore = matchScore
    }
}
