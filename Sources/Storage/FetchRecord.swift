import Foundation
import Model

/// One parsed item and the profiles it matched.
public struct ItemWithMatches: Sendable, Equatable {
    /// The item as parsed.
    public var item: FeedItem
    /// Its matches, one per profile at most; may be empty (items are stored for deduplication anyway).
    public var matches: [Match]

    public init(item: FeedItem, matches: [Match] = []) {
        self.item = item
        self.matches = matches
    }
}

/// Everything one fetch of one source produced, recorded in a single transaction.
public struct FetchRecord: Sendable, Equatable {
    /// The source's name; it must have been declared through `syncSources`.
    public var source: String
    /// When the fetch ended; becomes the items' `first_seen_at` and the matches' `matched_at`.
    public var fetchedAt: Date
    /// How it ended.
    public var outcome: FetchOutcome
    /// When the scheduler wants it again.
    public var nextDueAt: Date
    /// The items read, in document order.
    public var items: [ItemWithMatches]
    /// Most new items the source may add in 24 hours (counted back from ``fetchedAt``); new items beyond
    /// it are not stored now, so a feed whose GUIDs change at every fetch cannot flood the store.
    /// Nil: no cap.
    public var dailyNewItemCap: Int?

    public init(
        source: String, fetchedAt: Date, outcome: FetchOutcome, nextDueAt: Date, items: [ItemWithMatches] = [],
        dailyNewItemCap: Int? = nil
    ) {
        self.source = source
        self.fetchedAt = fetchedAt
        self.outcome = outcome
        self.nextDueAt = nextDueAt
        self.items = items
        self.dailyNewItemCap = dailyNewItemCap
    }
}

/// What a `record` call added.
public struct RecordSummary: Sendable, Equatable {
    /// Items not seen before (by GUID or canonical link, across all sources).
    public var newItems: Int
    /// Matches stored for those new items.
    public var newMatches: Int
    /// New items left out because the source reached ``FetchRecord/dailyNewItemCap``.
    public var itemsOverCap: Int

    public init(newItems: Int, newMatches: Int, itemsOverCap: Int = 0) {
        self.newItems = newItems
        self.newMatches = newMatches
        self.itemsOverCap = itemsOverCap
    }
}
