/// How far a crawl pass has got, reported after each source it records, for a progress display.
public struct CrawlProgress: Sendable, Equatable {
    /// Sources in the pass.
    public var total: Int
    /// What the sources recorded so far did.
    public var summary: CrawlSummary

    /// The progress of a pass of `total` sources whose recorded ones did `summary`.
    public init(total: Int, summary: CrawlSummary = CrawlSummary()) {
        self.total = total
        self.summary = summary
    }

    /// Sources recorded so far, whatever their outcome.
    public var done: Int { summary.fetched + summary.unchanged + summary.failed }
}
