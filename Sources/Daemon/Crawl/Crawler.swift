import Configuration
import Fetching
import Foundation
import Logging
import Matching
import Model
import Parsing
import Scheduling
import Storage
import Synchronization

/// One crawl pass: fetch the given sources concurrently, parse what changed, match it against every
/// profile and store each source's outcome in one transaction.
///
/// Each item's near-duplicate fingerprint is computed with its matches (`ItemWithMatches`), in the task of
/// its source, so the store only compares fingerprints while it holds its lock.
///
/// Each source is parsed, matched and recorded as soon as its own transfer completes, so one slow server
/// delays no one else and a long pass commits as it goes. Parsing and matching run in the task of each
/// source, on every core; recording, the only step that needs the store, is done by the task that owns the
/// pass, several ready documents per transaction. A response is parsed, and its document handed to the
/// recording task, while its transfer slot is still held (see `HTTPFetcher.fetch(_:then:)`), so the
/// documents in memory stay within a few times the fetcher's concurrent transfers, however many sources
/// the pass holds and however slowly the store records. Sitemaps and `discover` pages are the exception:
/// reading them fetches more documents (child sitemaps, the announced feed), often from the same host,
/// which could never get the slot their own response held; they are read after their slot is released.
///
/// The crawler owns no state between passes: validators, due times and each source's pace (its interval
/// and publishing rate, adapted after every successful fetch by ``AdaptiveInterval``) come from the store.
public struct Crawler: Sendable {
    /// A source answering 410 Gone is treated as if it had failed this many times: the backoff cap.
    static let failuresForGone = 30

    let fetcher: HTTPFetcher
    let store: any Store
    let robots: RobotsCache
    let policy: RefreshPolicy
    let adaptive: AdaptiveInterval
    let limits: CrawlLimits
    let logger: Logger
    let clock: @Sendable () -> Date
    let heartbeat: (@Sendable () -> Void)?
    let progress: (@Sendable (CrawlProgress) -> Void)?
    let metrics: DaemonMetrics
    /// Each profile's `alert_score`, by id, given to every recording (``FetchRecord/alertScores``).
    let alertScores: [String: Double]
    /// Told after a recording that raised alerts; it must return quickly.
    let alertsRaised: (@Sendable () -> Void)?

    /// - Parameters:
    ///   - robots: the robots.txt files read so far, asked before each page that obeys them is fetched; nil
    ///     gives this crawler a cache of its own.
    ///   - progress: called once before the first transfer and after each recorded source, on the task that
    ///     records them; it must return quickly.
    ///   - alertScores: each profile's `alert_score`, by id; matches reaching it raise alerts as they are recorded.
    ///   - alertsRaised: called after a recording that raised alerts, on the task that records; it must return quickly.
    public init(
        fetcher: HTTPFetcher, store: any Store, robots: RobotsCache? = nil, policy: RefreshPolicy = RefreshPolicy(),
        adaptive: AdaptiveInterval = AdaptiveInterval(), limits: CrawlLimits = CrawlLimits(),
        logger: Logger, clock: @escaping @Sendable () -> Date = { Date() }, heartbeat: (@Sendable () -> Void)? = nil,
        progress: (@Sendable (CrawlProgress) -> Void)? = nil, metrics: DaemonMetrics = DaemonMetrics(),
        alertScores: [String: Double] = [:], alertsRaised: (@Sendable () -> Void)? = nil
    ) {
        self.fetcher = fetcher
        self.store = store
        self.robots = robots ?? RobotsCache(logger: logger, now: clock)
        self.policy = policy
        self.adaptive = adaptive
        self.limits = limits
        self.logger = logger
        self.clock = clock
        self.heartbeat = heartbeat
        self.progress = progress
        self.metrics = metrics
        self.alertScores = alertScores
        self.alertsRaised = alertsRaised
    }

    /// Fetches, parses, matches and stores `sources`.
    /// - Parameter stop: a stop requested during the pass aborts the transfers in flight; the sources
    ///   they belonged to are left untouched (still due), and what was stored stays committed.
    public func crawl(
        _ sources: [Source], matcher: Matcher, stop: StopRequest = StopRequest()
    ) async throws(StorageError) -> CrawlSummary {
        try await crawl(sources, matcher: MatcherOnDemand { matcher }, stop: stop)
    }

    /// Fetches, parses, matches and stores `sources`, compiling `matcher` only if some document brings an
    /// item to match; otherwise like the `crawl` given a compiled matcher.
    /// - Parameter states: the stored states of `sources` when the caller has them (a claim returns them);
    ///   nil reads them from the store.
    public func crawl(
        _ sources: [Source], matcher: MatcherOnDemand, stop: StopRequest = StopRequest(), states known: [String: SourceState]? = nil
    ) async throws(StorageError) -> CrawlSummary {
        let states: [String: SourceState]
        if let known {
            states = known
        } else {
            states = Dictionary(try await store.sourceStates().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let pass = Task { await fetchAndRecord(sources, states: states, matcher: matcher) }
        return try await stop.whileRegistered(abort: { pass.cancel() }) { await pass.value }.get()
    }

    /// Runs one child task per source and records the results in the order they complete; the first
    /// storage error cancels the rest of the pass.
    ///
    /// Sources start a few per transfer slot at a time (``startedPerTransfer``), hosts in turn
    /// (``SourceOrder``), so that the memory of a pass does not grow with its number of sources while the
    /// fetcher always has requests for other hosts than those it must make wait.
    ///
    /// Children parse and match concurrently and hand their documents to `ready`; this task records, in
    /// one transaction, every document ready when it gets to them (at most ``maxDocumentsPerTransaction``).
    /// While one transaction commits the next documents gather, so transactions grow with the load and
    /// need no timer, and a document waits for at most the transaction before its own. A child hands its
    /// document over before it gives up its transfer slot and waits while `ready` is full, so a store
    /// slower than the network holds back transfers instead of piling documents up in memory.
    private func fetchAndRecord(
        _ sources: [Source], states: [String: SourceState], matcher: MatcherOnDemand
    ) async -> Result<CrawlSummary, StorageError> {
        let behindAlready = Mutex(false)
        let ready = ReadyDocuments<Processed>(capacity: min(fetcher.limits.maxConcurrent, Self.maxDocumentsReady)) { [logger] in
            // Once per pass: a slow disk would otherwise log it for most documents.
            let first = behindAlready.withLock { logged in
                defer { logged = true }
                return !logged
            }
            guard first else { return }
            logger.debug("documents wait for the store; transfers wait until it records them")
        }
        let processing = ProcessingPermits(count: ProcessInfo.processInfo.activeProcessorCount)
        let ordered = SourceOrder.hostsInTurn(sources) { states[$0.name]?.fetchURL(configured: $0.url) ?? $0.url }
        let started = max(fetcher.limits.maxConcurrent * Self.startedPerTransfer, 1)
        return await withTaskGroup(of: Void.self) { pass in
            pass.addTask {
                await withTaskGroup(of: Void.self) { children in
                    var next = ordered.makeIterator()
                    func start() -> Bool {
                        guard !Task.isCancelled, let source = next.next() else { return false }
                        children.addTask {
                            await fetchAndHandOver(source, state: states[source.name], matcher: matcher, processing: processing, to: ready)
                        }
                        return true
                    }
                    for _ in 0..<started {
                        guard start() else { break }
                    }
                    while await children.next() != nil { _ = start() }
                }
                ready.close()
            }
            var summary = CrawlSummary()
            let heapTrim = HeapTrim()
            progress?(CrawlProgress(total: sources.count))
            while case let batch = await ready.nextBatch(Self.maxDocumentsPerTransaction), !batch.isEmpty {
                let stored: [RecordSummary]
                do throws(StorageError) {
                    stored = try await record(batch)
                } catch {
                    pass.cancelAll()
                    ready.close()
                    return .failure(error)
                }
                heartbeat?()
                heapTrim.trimIfDue()
                for (processed, stored) in zip(batch, stored) {
                    metrics.stored(stored)
                    summary = summary + processed.summary
                    summary.newItems += stored.newItems
                    summary.newMatches += stored.newMatches
                    progress?(CrawlProgress(total: sources.count, summary: summary))
                }
            }
            return .success(summary)
        }
    }

    /// Fetches and processes one source and hands the outcome to `ready`, while the transfer slot is held
    /// and, for the documents read without fetching more, a processing permit (``ProcessingPermits``).
    private func fetchAndHandOver(
        _ source: Source, state: SourceState?, matcher: MatcherOnDemand, processing: ProcessingPermits,
        to ready: ReadyDocuments<Processed>
    ) async {
        let request = request(for: source, state: state)
        // A discovered feed is a feed: robots.txt has a say on the page it was found on, not on it.
        let followsDiscoveredFeed = source.kind == .discover && request.url != source.url
        if source.obeysRobots, !followsDiscoveredFeed {
            switch await robots.verdict(for: request.url, using: fetcher) {
            case .allowed: break
            case .disallowed(let reason):
                metrics.refusedByRobots()
                _ = await ready.put(refused(source, state: state, reason: reason))
                return
            case .unknown: return
            }
        }
        if Self.readingFetchesMore(source.kind) {
            // No permit: reading these waits on the network, which would stall every other document.
            let result = await fetcher.fetch(request)
            if case .failed(let error) = result, error.kind == .cancelled { return }
            _ = await ready.put(await process(result, from: source, state: state, matcher: matcher))
            return
        }
        await fetcher.fetch(request) { result in
            // An aborted transfer says nothing about the source: it stays due for the next start.
            if case .failed(let error) = result, error.kind == .cancelled { return }
            _ = await processing.with {
                await ready.put(await process(result, from: source, state: state, matcher: matcher))
            }
        }
    }

    /// Sources started at a time per transfer slot: enough that the fetcher holds requests for other hosts
    /// while some wait for theirs, few enough that a pass of 20,000 sources costs no more than one of 500.
    static let startedPerTransfer = 4

    /// At most this many documents wait for the recorder. With many profiles a matched document is large
    /// (1,000 profiles: some 700 matches per feed of 60 items): 16 rather than one per transfer (64) took 24 MB
    /// off the peak of a cold crawl of 2,000 feeds, for 3% more CPU; 8 cost 20% more CPU, in transactions
    /// too small to share their index pages.
    static let maxDocumentsReady = 16

    /// At most this many documents are recorded in one transaction: enough to write the index pages they
    /// share once, few enough that one transaction stays short.
    static let maxDocumentsPerTransaction = 64

    /// Records `batch` in one transaction and logs what each source added.
    private func record(_ batch: [Processed]) async throws(StorageError) -> [RecordSummary] {
        var paced = [SourceSchedule?](repeating: nil, count: batch.count)
        let fetches = batch.map { processed in
            var fetch = processed.fetch
            fetch.alertScores = alertScores
            return fetch
        }
        let stored = try await store.record(fetches) { index, stored in
            let processed = batch[index]
            paced[index] = processed.adaptation.map { schedule(after: $0, newItems: stored.newItems, at: processed.fetch.fetchedAt) }
            return paced[index]
        }
        for (processed, (stored, paced)) in zip(batch, zip(stored, paced)) {
            log(processed.fetch.source, stored: stored, paced: paced)
        }
        if stored.contains(where: { $0.newAlerts > 0 }) { alertsRaised?() }
        return stored
    }

    private func log(_ source: String, stored: RecordSummary, paced: SourceSchedule?) {
        if let paced {
            logger.debug(
                "source paced",
                metadata: [
                    "source": "\(source)", "interval": "\(Int(paced.interval))",
                    "items_per_day": "\(paced.itemsPerDay.map { String(format: "%.1f", $0) } ?? "-")",
                ])
        }
        if stored.itemsOverCap > 0 {
            logger.warning(
                "daily cap of new items reached; the rest waits for a later fetch",
                metadata: ["source": "\(source)", "left_out": "\(stored.itemsOverCap)", "cap": "\(limits.maxNewItemsPerDay)"])
        }
        if stored.nearDuplicates > 0 {
            logger.debug(
                "new items republish stories already stored; digests show each story once",
                metadata: ["source": "\(source)", "copies": "\(stored.nearDuplicates)"])
        }
    }

    /// The conditional GET for `source`, at its effective URL if it has moved, with the validators of its
    /// last document.
    private func request(for source: Source, state: SourceState?) -> FetchRequest {
        // A changed URL must not be sent the validators of the old one. The store keeps URLs redacted.
        let sameURL = state?.url == URLRedaction.redacted(source.url)
        return FetchRequest(
            url: state?.fetchURL(configured: source.url) ?? source.url,
            etag: sameURL ? state?.etag : nil,
            lastModified: sameURL ? state?.lastModified : nil,
            headers: source.headers)
    }

    private struct Processed: Sendable {
        var fetch: FetchRecord
        var summary: CrawlSummary
        /// What the pace of a successful fetch is adapted from, once its new items are counted; nil after a failure.
        var adaptation: Adaptation?
    }

    private struct Adaptation: Sendable {
        /// The source's bounds.
        var adaptive: AdaptiveInterval
        var pace: PublishingPace
        /// Seconds since the previous successful fetch; nil for the first one.
        var elapsed: TimeInterval?
        var cacheLifetime: TimeInterval?
    }

    /// The pace of `source` before this fetch: as stored, or its configured interval before any success.
    private func pace(of source: Source, state: SourceState?, within adaptive: AdaptiveInterval) -> PublishingPace {
        guard let interval = state?.interval else { return adaptive.initial(source.interval) }
        return PublishingPace(interval: adaptive.clamped(interval), itemsPerDay: state?.itemsPerDay)
    }

    /// The schedule of a successful fetch that stored `newItems` new items.
    private func schedule(after adaptation: Adaptation, newItems: Int, at now: Date) -> SourceSchedule {
        let pace = adaptation.adaptive.next(
            after: adaptation.pace, newItems: newItems, elapsed: adaptation.elapsed, cacheLifetime: adaptation.cacheLifetime)
        let due = policy.nextDue(now: now, interval: pace.interval, consecutiveFailures: 0, random: Double.random(in: 0..<1))
        return SourceSchedule(interval: pace.interval, itemsPerDay: pace.itemsPerDay, nextDueAt: due)
    }

    /// The items of a changed document that the store does not hold from this source yet: a feed that
    /// gained one item still lists the others, and matching and fingerprinting them again would cost most
    /// of the pass. When the lookup fails every item is kept; recording checks again anyway.
    private func unknown(_ items: [FeedItem], from source: Source, logger: Logger) async -> [FeedItem] {
        do throws(StorageError) {
            let unknown = try await store.unknownItems(items, from: source.name)
            return zip(items, unknown).compactMap { item, isUnknown in isUnknown ? item : nil }
        } catch {
            logger.warning("stored items could not be looked up; every item is matched", metadata: ["error": "\(error)"])
            return items
        }
    }

    /// What the store records of a page that robots.txt keeps from being fetched: a failure for digests and
    /// `sources list`, but no fault of the server, so the page is asked again at its usual pace rather than
    /// backed off. Logged when the reason changes, not at every pass.
    private func refused(_ source: Source, state: SourceState?, reason: String) -> Processed {
        var logger = self.logger
        logger[metadataKey: "source"] = "\(source.name)"
        if state?.lastError == reason {
            logger.debug("page still disallowed by robots.txt; not fetched")
        } else {
            logger.warning("page disallowed by robots.txt; not fetched until it is allowed", metadata: ["reason": "\(reason)"])
        }
        let now = clock()
        let pace = pace(of: source, state: state, within: adaptive.overriding(minimum: source.minInterval, maximum: source.maxInterval))
        let due = policy.nextDue(now: now, interval: pace.interval, consecutiveFailures: 0, random: Double.random(in: 0..<1))
        var summary = CrawlSummary()
        summary.failed = 1
        summary.disallowed = 1
        return Processed(
            fetch: FetchRecord(source: source.name, fetchedAt: now, outcome: .failed(reason: reason), nextDueAt: due), summary: summary)
    }

    /// Turns one fetch result into what the store records; pure apart from logging and the lookup of known items.
    private func process(_ result: FetchResult, from source: Source, state: SourceState?, matcher: MatcherOnDemand) async -> Processed {
        var logger = self.logger
        logger[metadataKey: "source"] = "\(source.name)"
        metrics.fetched(result)
        let now = clock()
        var summary = CrawlSummary()
        let previousFailures = state?.consecutiveFailures ?? 0
        let adaptive = adaptive.overriding(minimum: source.minInterval, maximum: source.maxInterval)
        let pace = pace(of: source, state: state, within: adaptive)
        let adaptation = Adaptation(
            adaptive: adaptive, pace: pace, elapsed: state?.lastSuccessAt.map { now.timeIntervalSince($0) },
            cacheLifetime: result.response?.freshnessLifetime)

        func record(
            _ outcome: FetchOutcome, failures: Int, retryAfter: TimeInterval? = nil, items: [ItemWithMatches] = []
        ) -> FetchRecord {
            let due = policy.nextDue(
                now: now, interval: pace.interval, consecutiveFailures: failures, retryAfter: retryAfter,
                random: Double.random(in: 0..<1))
            return FetchRecord(source: source.name, fetchedAt: now, outcome: outcome, nextDueAt: due, items: items)
        }

        switch result {
        case .notModified(let response):
            summary.unchanged = 1
            logger.debug("source unchanged")
            var fetch = record(.notModified, failures: 0)
            fetch.movedTo = movedTo(response, from: source, state: state, logger: logger)
            return Processed(fetch: fetch, summary: summary, adaptation: adaptation)

        case .failed(let error):
            summary.failed = 1
            logger.warning("fetch failed", metadata: ["error": "\(error)", "failures": "\(previousFailures + 1)"])
            var reason = error.description
            var failures = previousFailures + 1
            if error.kind == .httpStatus(410) {
                // Gone for good, at its configured or its effective URL alike: asked again only at the slowest
                // pace until a person edits its URL (which also drops the effective one) or removes it.
                reason += " (gone: edit or remove it in sources.yaml)"
                failures = Self.failuresForGone
            }
            return Processed(
                fetch: record(.failed(reason: reason), failures: failures, retryAfter: error.retryAfter), summary: summary)

        case .modified(let response):
            let reading: Reading
            do throws(ReadFailure) {
                reading = try await read(response, from: source, logger: logger)
            } catch {
                summary.failed = 1
                metrics.unreadable()
                logger.warning("read failed", metadata: ["error": "\(error)"])
                // The store keeps the validators of the last document that parsed, not this one's,
                // so the next fetch brings this document again instead of a 304.
                return Processed(fetch: record(.failed(reason: error.description), failures: previousFailures + 1), summary: summary)
            }
            let document = reading.document
            if let cut = document.truncation, cut.endsMidDocument {
                // The bytes stop mid-document (a transfer cut short, or a compressed body whose end is missing,
                // which libcurl does not report): storing its items and validators would keep the rest from
                // ever being read. The last good state stays, and the next fetch asks for the document again.
                summary.failed = 1
                metrics.unreadable()
                logger.warning("document cut short; read again at the next fetch", metadata: ["at": "\(cut)"])
                return Processed(
                    fetch: record(.failed(reason: "document cut short at \(cut)"), failures: previousFailures + 1), summary: summary)
            }
            summary.fetched = 1
            let kept = limits.itemsKept(from: document.items)
            if kept.count < document.items.count {
                logger.warning(
                    "document holds more items than a fetch reads; the newest are kept",
                    metadata: ["items": "\(document.items.count)", "kept": "\(kept.count)", "cap": "\(limits.maxItemsPerFetch)"])
            }
            let unknownItems = await unknown(kept, from: source, logger: logger)
            let items = unknownItems.isEmpty ? [] : unknownItems.map { [matcher = matcher.matcher] item -> ItemWithMatches in
                let (matches, fingerprint) = matcher.matchesAndFingerprint(for: item, source: source, matchedAt: now)
                return ItemWithMatches(item: item, matches: matches.sharingEvidence(), fingerprint: fingerprint)
            }
            logger.debug(
                "source parsed", metadata: ["format": "\(document.format.rawValue)", "items": "\(kept.count)", "unknown": "\(items.count)"])
            if let cut = document.truncation {
                logger.warning("document truncated: items after this point were not read", metadata: ["at": "\(cut)", "items": "\(kept.count)"])
            }
            let outcome = FetchOutcome.modified(etag: reading.response.etag, lastModified: reading.response.lastModified)
            var fetch = record(outcome, failures: 0, items: items)
            fetch.dailyNewItemCap = limits.maxNewItemsPerDay
            fetch.movedTo = reading.discoveredFeed ?? movedTo(response, from: source, state: state, logger: logger)
            return Processed(fetch: fetch, summary: summary, adaptation: adaptation)
        }
    }

    /// Where a successful fetch says `source` has moved for good, if that is a new URL the store may keep:
    /// one a source may be configured with, holding no secret (the store keeps no secret, and a URL it
    /// masked could not be fetched). The configuration file is never rewritten.
    private func movedTo(_ response: FetchResponse, from source: Source, state: SourceState?, logger: Logger) -> String? {
        guard let target = response.permanentRedirect,
              target != (state?.fetchURL(configured: source.url) ?? source.url) else { return nil }
        var logger = logger
        logger[metadataKey: "to"] = "\(URLRedaction.redacted(target))"
        if let problem = SourceURL.problem(with: target) {
            logger.warning("source moved permanently to a URL it cannot be fetched from; keeping its URL", metadata: ["problem": "\(problem)"])
            return nil
        }
        guard URLRedaction.redacted(target) == target else {
            logger.notice("source moved permanently to a URL holding a credential; update sources.yaml to follow it")
            return nil
        }
        logger.notice("source moved permanently; fetched from its new URL until its configured URL changes")
        return target
    }
}
