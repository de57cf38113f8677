import Configuration
import Foundation
import Matching
import Model
import Storage

/// Replays the items a store holds through one profile as it is now, and compares what it would have
/// alerted with what it alerted: what `veilleur backtest` shows, so that a profile is tuned before it goes live.
///
/// It only reads the store, a page of items at a time, so memory holds one page and the items alerted
/// then or now, however many items the window has. Each item is matched with the source it was first
/// stored from, as configured now. An item whose source is no longer configured is left out of both
/// sides: the profile's source filters cannot be applied to it, and that source brings nothing more.
/// The store keeps one item per link, so a match that only another source's copy of it brought is
/// compared with the first source's verdict; each copy of a story republished under its own link is an
/// item of its own.
public struct Backtest: Sendable {
    /// Items read per page: enough to make the per-page cost negligible, few enough to bound memory.
    public static let defaultPageSize = 500

    private let store: any Store
    private let profile: Profile
    private let matcher: Matcher
    private let sources: [String: Source]
    private let pageSize: Int

    /// A backtest of `profile` over `store`, with the configured `sources`.
    public init(store: any Store, profile: Profile, sources: [Source], pageSize: Int = Backtest.defaultPageSize) {
        self.store = store
        self.profile = profile
        self.matcher = Matcher(profiles: [profile])
        self.sources = Dictionary(sources.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.pageSize = max(1, pageSize)
    }

    /// Replays the items first stored at or after `since`: those stored when it starts, even if a crawl
    /// adds more meanwhile.
    /// - Parameter progress: told before the first page and after each one.
    public func run(seenSince since: Date, progress: ((BacktestProgress) -> Void)? = nil) async throws(StorageError) -> BacktestReport {
        let span = try await store.itemSpan(seenSince: since)
        var tally = BacktestProgress(total: span.count)
        var items: [BacktestItem] = []
        var skippedSources: Set<String> = []
        progress?(tally)
        var remaining = span.ids
        while let ids = remaining {
            let page = try await store.itemPage(seenSince: since, ids: ids, limit: pageSize, scoresOf: profile.id)
            for scored in page {
                let stored = scored.stored
                guard let source = sources[stored.source] else {
                    tally.skipped += 1
                    skippedSources.insert(stored.source)
                    continue
                }
                // Matched as of its first sighting, as it was then, so that recency weighs it as it did.
                let scoreNow = matcher.matches(for: stored.item, source: source, matchedAt: scored.firstSeenAt)
                    .first { $0.profile == profile.id }?.score
                tally.replayed += 1
                if scoreNow != nil { tally.alerted += 1 }
                guard scored.matchScore != nil || scoreNow != nil else { continue }
                items.append(BacktestItem(
                    id: stored.id, source: stored.source, title: stored.item.title, link: stored.item.link,
                    firstSeenAt: scored.firstSeenAt, scoreThen: scored.matchScore, scoreNow: scoreNow))
            }
            progress?(tally)
            guard page.count == pageSize, let last = page.last?.stored.id, last < ids.upperBound else { break }
            remaining = (last + 1)...ids.upperBound
        }
        return BacktestReport(
            since: since, replayed: tally.replayed, skipped: tally.skipped, skippedSources: skippedSources.sorted(), items: items)
    }
}
