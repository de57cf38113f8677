import Foundation
import Model

/// A stored match offered to a digest, with its item and the other copies of its story.
public struct DigestCandidate: Sendable, Equatable {
    /// Another copy of the candidate's story, republished by another source or under another link.
    public struct Copy: Sendable, Equatable {
        /// The copy's item row id.
        public var itemID: Int64
        /// The name of the source it was read from.
        public var source: String
        /// Its link, as the feed gave it.
        public var link: String?
        /// Its title.
        public var title: String?

        public init(itemID: Int64, source: String, link: String?, title: String?) {
            self.itemID = itemID
            self.source = source
            self.link = link
            self.title = title
        }
    }

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
    /// The story's other copies that matched the same profile in the same digest, by source then link:
    /// their matches belong to the digest, but only this one is shown.
    public var copies: [Copy]

    public init(
        matchID: Int64, itemID: Int64, source: String, item: FeedItem, match: Match, matchedAt: Date, copies: [Copy] = []
    ) {
        self.matchID = matchID
        self.itemID = itemID
        self.source = source
        self.item = item
        self.match = match
        self.matchedAt = matchedAt
        self.copies = copies
    }
}
