import Daemon

/// How far a long command has got, as its progress line shows it: any command that counts work
/// towards a known total (a crawl, a digest run, a backtest, an import) describes itself with one.
struct ProgressSnapshot: Sendable, Equatable {
    /// A count shown after done/total: `12 new items`, `3 failed`.
    struct Counter: Sendable, Equatable {
        var count: Int
        var label: String
        /// Shown in red when not zero: something a person may have to act on.
        var alarming = false
    }

    /// Units of work finished.
    var done: Int
    /// Units of work in all.
    var total: Int
    /// What a unit is, plural: `sources`, `profiles`.
    var unit: String
    var counters: [Counter] = []
}

extension ProgressSnapshot {
    /// A crawl pass: sources recorded, new items, failures (new matches wait for the summary, so that
    /// the line fits 80 columns with its rate and time left).
    init(_ crawl: CrawlProgress) {
        self.init(
            done: crawl.done, total: crawl.total, unit: "sources",
            counters: [
                Counter(count: crawl.summary.newItems, label: "new items"),
                Counter(count: crawl.summary.failed, label: "failed", alarming: true),
            ])
    }

    /// A digest run: profiles handled, and those whose digest could not be written.
    init(_ digest: DigestProgress) {
        self.init(
            done: digest.done, total: digest.total, unit: "profiles",
            counters: [Counter(count: digest.failed, label: "failed", alarming: true)])
    }

    /// A backtest: items read, and those the profile as it is now would alert.
    init(_ backtest: BacktestProgress) {
        self.init(
            done: backtest.done, total: backtest.total, unit: "items",
            counters: [Counter(count: backtest.alerted, label: "would alert")])
    }
}
