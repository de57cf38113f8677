import Foundation

/// An item of a backtest's window that the profile alerted when it was stored, or would alert now, or both.
public struct BacktestItem: Sendable, Equatable {
    /// The item's row id, which `veilleur explain` accepts.
    public var id: Int64
    /// The source it was first stored from.
    public var source: String
    /// Its title as stored, from the feed.
    public var title: String?
    /// Its link as stored, from the feed.
    public var link: String?
    /// When it was first stored.
    public var firstSeenAt: Date
    /// The score of its stored match, when the profile alerted it then.
    public var scoreThen: Double?
    /// Its score for the profile as it is now, when that alerts it.
    public var scoreNow: Double?
    /// Its place among the window's alerts then, 1 for the highest score; set by ``BacktestReport``.
    public var rankThen: Int?
    /// Its place among the window's alerts now, 1 for the highest score; set by ``BacktestReport``.
    public var rankNow: Int?

    public init(
        id: Int64, source: String, title: String?, link: String?, firstSeenAt: Date, scoreThen: Double?, scoreNow: Double?,
        rankThen: Int? = nil, rankNow: Int? = nil
    ) {
        self.id = id
        self.source = source
        self.title = title
        self.link = link
        self.firstSeenAt = firstSeenAt
        self.scoreThen = scoreThen
        self.scoreNow = scoreNow
        self.rankThen = rankThen
        self.rankNow = rankNow
    }
}
