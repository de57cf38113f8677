import Fetching
import Foundation
import Logging
import Matching
import Model
import Parsing
import Scheduling
import Storage

/// One crawl pass: fetch the given sources concurrently, parse what changed, match it against every
/// profile and store each source's outcome in one transaction.
///
/// The crawler owns no state between passes: validators and due times come from the store.
public struct Crawler {
    /// Sources fetched together; the fetcher runs them concurrently within its own limit, and a batch
    /// is stored before the next one starts, so a long pass commits as it goes.
    public static let batchSize = 64
    /// A source answering 410 Gone is treated as if it had failed this many times: the backoff cap.
    static let failuresForGone = 30

    let fetcher: HTTPFetcher
    let store: any Store
    let policy: RefreshPolicy
    let logger: Logger
    let clock: @Sendable () -> Date
    let heartbeat: (@Sendable () -> Void)?

    public init(
        fetcher: HTTPFetcher, store: any Store, policy: RefreshPolicy = RefreshPolicy(), logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }, heartbeat: (@Sendable () -> Void)? = nil
    ) {
        self.fetcher = fetcher
        self.store = store
        self.policy = policy
        self.logger = logger
        self.clock = clock
        self.heartbeat = heartbeat
    }

    /// Fetches, parses, matches and stores `sources`.
    /// - Parameter stop: a stop requested during the pass aborts the transfers in flight; the sources
    ///   they belonged to are left untouched (still due), and what was stored stays committed.
    public func crawl(
        _ sources: [Source], matcher: Matcher, stop: StopRequest = StopRequest()
    ) async throws(StorageError) -> CrawlSummary {
        let states = Dictionary(try store.sourceStates().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var summary = CrawlSummary()
        var start = 0
        while start < sources.count, !stop.isRequested {
            let batch = Array(sources[start..<min(start + Self.batchSize, sources.count)])
            start += batch.count
            let requests = batch.map { source in
                let state = states[source.name]
                // A changed URL must not be sent the validators of the old one.
                let sameURL = state?.url == source.url
                return FetchRequest(
                    url: source.url,
                    etag: sameURL ? state?.etag : nil,
                    lastModified: sameURL ? state?.lastModified : nil,
                    headers: source.headers)
            }
            let transfers = Task { [fetcher] in await fetcher.fetchAll(requests) }
            let results = await stop.whileRegistered(abort: { transfers.cancel() }) { await transfers.value }
            for (source, result) in zip(batch, results) {
                // An aborted transfer says nothing about the source: it stays due for the next start.
                if case .failed(let error) = result, error.kind == .cancelled { continue }
                let failures = states[source.name]?.consecutiveFailures ?? 0
                let record = process(result, from: source, previousFailures: failures, matcher: matcher)
                let stored = try store.record(record.fetch)
                summary = summary + record.summary
                summary.newItems += stored.newItems
                summary.newMatches += stored.newMatches
                heartbeat?()
            }
        }
        return summary
    }

    private struct Processed {
        var fetch: FetchRecord
        var summary: CrawlSummary
    }

    /// Turns one fetch result into what the store records; pure apart from logging.
    private func process(_ result: FetchResult, from source: Source, previousFailures: Int, matcher: Matcher) -> Processed {
        var logger = self.logger
        logger[metadataKey: "source"] = "\(source.name)"
        let now = clock()
        var summary = CrawlSummary()

        func record(
            _ outcome: FetchOutcome, failures: Int, retryAfter: TimeInterval? = nil, items: [ItemWithMatches] = []
        ) -> FetchRecord {
            let due = policy.nextDue(
                now: now, interval: source.interval, consecutiveFailures: failures, retryAfter: retryAfter,
                random: Double.random(in: 0..<1))
            return FetchRecord(source: source.name, fetchedAt: now, outcome: outcome, nextDueAt: due, items: items)
        }

        switch result {
        case .notModified:
            summary.unchanged = 1
            logger.debug("source unchanged")
            return Processed(fetch: record(.notModified, failures: 0), summary: summary)

        case .failed(let error):
            summary.failed = 1
            logger.warning("fetch failed", metadata: ["error": "\(error)", "failures": "\(previousFailures + 1)"])
            var reason = error.description
            var failures = previousFailures + 1
            if error.kind == .httpStatus(410) {
                // Gone for good: asked again only at the slowest pace until a person removes it.
                reason += " (gone: remove it from sources.yaml)"
                failures = Self.failuresForGone
            }
            return Processed(
                fetch: record(.failed(reason: reason), failures: failures, retryAfter: error.retryAfter), summary: summary)

        case .modified(let response):
            if let target = response.permanentRedirect {
                logger.notice("source moved permanently; update sources.yaml", metadata: ["to": "\(target)"])
            }
            let document: ParsedDocument
            do {
                document = try DocumentParser.parse(response.body, url: response.finalURL, contentType: response.contentType)
            } catch {
                summary.failed = 1
                logger.warning("parse failed", metadata: ["error": "\(error)"])
                // The store keeps the validators of the last document that parsed, not this one's,
                // so the next fetch brings this document again instead of a 304.
                return Processed(
                    fetch: record(.failed(reason: "parse error: \(error)"), failures: previousFailures + 1), summary: summary)
            }
            summary.fetched = 1
            let items = document.items.map { item in
                ItemWithMatches(item: item, matches: matcher.matches(for: item, source: source))
            }
            logger.debug("source parsed", metadata: ["format": "\(document.format.rawValue)", "items": "\(items.count)"])
            if let cut = document.truncation {
                logger.warning("document truncated: items after this point were not read", metadata: ["at": "\(cut)", "items": "\(items.count)"])
            }
            let outcome = FetchOutcome.modified(etag: response.etag, lastModified: response.lastModified)
            return Processed(fetch: record(outcome, failures: 0, items: items), summary: summary)
        }
    }
}
