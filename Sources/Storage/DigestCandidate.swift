import Foundation
import Model

/// A stored match offered to a digest, with its item.
public struct DigestCandidate: Sendable, Equatable {
    /// The match's row id; pass it back to `commitDigest`.
    public var matchID: Int64
    /// The item's row id.
    public var itemID: Int64
    /// The name of the source the item was first seen in.
    public var source: String
    /// The item as stored.
    public var item: FeedItem
    /// The match as stored.
    public var match: Match
    /// When the match was recorded.
    public var matchedAt: Date

    public init(matchID: Int64, itemID: Int64, source: String, item: FeedItem, match: Match, matchedAt: Date) {
        self.matchID = matchID
        self.itemID = itemID
        self.source = source
        self.item = item
        self.match = match
        self.matchedAt = matchedAt
    }
}
