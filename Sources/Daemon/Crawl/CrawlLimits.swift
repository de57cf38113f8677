import Foundation
import Model

/// Bounds on what one source can add, so that a hostile or broken feed (hundreds of thousands of tiny
/// items, GUIDs that change at every fetch) cannot flood the matcher, the database or the digests.
public struct CrawlLimits: Sendable, Equatable {
    /// Most items read from one fetched document.
    public var maxItemsPerFetch: Int
    /// Most new items one source may add in 24 hours.
    public var maxNewItemsPerDay: Int

    public init(maxItemsPerFetch: Int = 1000, maxNewItemsPerDay: Int = 2000) {
        self.maxItemsPerFetch = maxItemsPerFetch
        self.maxNewItemsPerDay = maxNewItemsPerDay
    }

    /// The newest ``maxItemsPerFetch`` of `items`, in document order. Feeds list their items newest first
    /// or oldest first, so the document's order alone cannot tell which to keep: dated items are kept by
    /// date, newest first, then undated ones in document order.
    func itemsKept(from items: [FeedItem]) -> [FeedItem] {
        guard items.count > maxItemsPerFetch else { return items }
        let ranked = items.indices.sorted { left, right in
            switch (items[left].date, items[right].date) {
            case let (l?, r?) where l != r: l > r
            case (_?, nil): true
            case (nil, _?): false
            default: left < right
            }
        }
        return ranked.prefix(max(0, maxItemsPerFetch)).sorted().map { items[$0] }
    }
}
