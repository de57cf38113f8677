import Foundation

/// An immediate alert: one profile's match on one stored item whose score reached the profile's
/// `alert_score`, as the store keeps it until its file is written and its command has run.
public struct Alert: Sendable, Equatable {
    /// The store's row id of the alert.
    public var id: Int64
    /// The profile's id.
    public var profile: String
    /// The store's row id of the item.
    public var itemID: Int64
    /// The name of the source the item was stored from.
    public var source: String
    /// The item as stored.
    public var item: FeedItem
    /// The match's normalised score (0–100).
    public var score: Double
    /// Names of the topics that contributed, strongest first.
    public var topics: [String]
    /// The profile terms found, strongest first.
    public var terms: [String]
    /// When the alert was raised: when the match was recorded.
    public var createdAt: Date
    /// How many times its command has run and failed.
    public var attempts: Int

    public init(
        id: Int64, profile: String, itemID: Int64, source: String, item: FeedItem, score: Double, topics: [String], terms: [String],
        createdAt: Date, attempts: Int = 0
    ) {
        self.id = id
        self.profile = profile
        self.itemID = itemID
        self.source = source
        self.item = item
        self.score = score
        self.topics = topics
        self.terms = terms
        self.createdAt = createdAt
        self.attempts = attempts
    }
}
