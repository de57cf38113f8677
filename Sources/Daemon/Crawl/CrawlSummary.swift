/// What one crawl pass did, for logs, systemd's STATUS line and `crawl --once`.
public struct CrawlSummary: Sendable, Equatable, CustomStringConvertible {
    /// Sources that answered with a new document.
    public var fetched = 0
    /// Sources that answered 304 Not Modified.
    public var unchanged = 0
    /// Sources that failed (network, HTTP status, parse error).
    public var failed = 0
    /// Of the ``failed`` sources, the pages not fetched because robots.txt disallows them (or could not be read).
    public var disallowed = 0
    /// Items stored for the first time.
    public var newItems = 0
    /// Matches stored for those items.
    public var newMatches = 0

    public init() {}

    public var description: String {
        let refused = disallowed > 0 ? " (\(disallowed) disallowed by robots.txt)" : ""
        return "sources: \(fetched) fetched, \(unchanged) unchanged, \(failed) failed\(refused); \(newItems) new items, \(newMatches) new matches"
    }

    static func + (lhs: CrawlSummary, rhs: CrawlSummary) -> CrawlSummary {
        var sum = lhs
        sum.fetched += rhs.fetched
        sum.unchanged += rhs.unchanged
        sum.failed += rhs.failed
        sum.disallowed += rhs.disallowed
        sum.newItems += rhs.newItems
        sum.newMatches += rhs.newMatches
        return sum
    }
}
