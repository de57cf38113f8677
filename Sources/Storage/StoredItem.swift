import Foundation
import Model

/// An item as stored: its row id and the source that brought it first.
public struct StoredItem: Sendable, Equatable {
    /// The row id, stable for the life of the database.
    public var id: Int64
    /// The name of the source the item was first read from.
    public var source: String
    /// The item itself.
    public var item: FeedItem
    /// When it was first stored: the time its matches were scored at, recency included.
    public var firstSeenAt: Date?

    public init(id: Int64, source: String, item: FeedItem, firstSeenAt: Date? = nil) {
        self.id = id
        self.source = source
        self.item = item
        self.firstSeenAt = firstSeenAt
    }
}
