import Foundation

/// How long the store keeps what it recorded (`retention` in `veilleur.yaml`).
public struct Retention: Sendable, Equatable {
    /// How long an item's text and matches, and the records of written digests, are kept (`retention.content`).
    public var content: TimeInterval
    /// How long an item's identity keys (GUID, canonical link, title) are kept (`retention.identity`): as long
    /// as they are, a page read again is recognised and neither stored nor alerted again.
    public var identity: TimeInterval

    /// 180 days: two seasons of a watch, enough for the trends of a digest and a backtest.
    public static let defaultContent: TimeInterval = 180 * 86_400
    /// Two years: evergreen pages (a programme's page, a standing call for projects) stay recognised long
    /// after their text is gone.
    public static let defaultIdentity: TimeInterval = 730 * 86_400
    /// Eight days: more than the seven days a weekly digest gathers and the near-duplicate window, so
    /// that neither ever reads a pruned item.
    public static let minimumContent: TimeInterval = 8 * 86_400
    /// A hundred years, far beyond any use, and small enough for date arithmetic.
    public static let maximum: TimeInterval = 36_500 * 86_400

    /// How many items, digests or forgotten items one transaction of retention handles at most: a few
    /// milliseconds of work, so that recordings never wait long behind it.
    public static let batch = 500

    public init(content: TimeInterval = Retention.defaultContent, identity: TimeInterval = Retention.defaultIdentity) {
        self.content = content
        self.identity = identity
    }
}
