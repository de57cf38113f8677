import Daemon
import Dispatch
import Fetching
import Foundation
import Logging
import LoopbackHTTP
import Matching
import Model
import Storage
import Synchronization
import Testing

extension GroupCommitTests {
    /// While the store records, finished transfers wait for it instead of piling their documents up in memory:
    /// the documents a pass holds stay within its transfers in flight and the room of the ready list.
    @Suite struct RecordingBackpressureTests {
        static let transfers = 2
        static let sources = 24

        @Test("documents parsed while the store is held never outnumber the ready list and the transfers in flight")
        func documentsWaitingStayBounded() async throws {
            let held = HeldRecording(documents: Self.sources)
            let (crawler, sources, stop) = try await Self.crawler(held: held)
            defer { stop() }

            let summary = try await crawler.crawl(sources, matcher: Matcher(profiles: []))

            #expect(summary.fetched == Self.sources)
            // The batch being recorded, the ready list (one place per transfer) and one document per transfer.
            let bound = 2 * (Self.transfers + Self.transfers)
            #expect(held.peakWaiting <= bound, "documents waiting at most: \(held.peakWaiting)")
        }

        @Test("a storage error while transfers wait for the store ends the pass with that error")
        func storageErrorReleasesWaitingTransfers() async throws {
            let held = HeldRecording(documents: Self.sources, failure: StorageError(operation: "record", message: "disk full", database: "test"))
            let (crawler, sources, stop) = try await Self.crawler(held: held)
            defer { stop() }

            await #expect(throws: StorageError.self) {
                _ = try await crawler.crawl(sources, matcher: Matcher(profiles: []))
            }
        }

        @Test("a stop while transfers wait for the store ends the pass with every document recorded whole")
        func stopReleasesWaitingTransfers() async throws {
            let stop = StopRequest()
            let held = HeldRecording(documents: Self.sources, onRelease: { stop.request() })
            let (crawler, sources, end) = try await Self.crawler(held: held)
            defer { end() }

            let summary = try await crawler.crawl(sources, matcher: Matcher(profiles: []), stop: stop)

            #expect(summary.fetched == held.recorded, "every document handed over is recorded, none left waiting")
            #expect(summary.fetched < Self.sources, "the transfers stopped leave their sources due")
        }

        private static func sourceList(_ baseURL: String) -> [Source] {
            (1...sources).map { Source(name: "news-\($0)", url: "\(baseURL)/\($0).xml") }
        }

        private static func crawler(held: HeldRecording) async throws -> (crawler: Crawler, sources: [Source], stop: () -> Void) {
            let server = try LoopbackServer { _ in
                HTTPResponse(status: 200, headers: ["Content-Type": "application/rss+xml"], body: Array(Fixtures.newsRSS.utf8))
            }
            let folder = try TemporaryFolder()
            try folder.state.prepare()
            let store = HeldStore(try SQLiteStore(path: folder.state.database.path), held: held)
            let sources = sourceList(server.baseURL)
            try await store.syncSources(sources, now: Date())
            let fetcher = HTTPFetcher(
                limits: FetchLimits(maxConcurrent: transfers, maxConnectionsPerHost: transfers, minHostDelay: .zero))
            let logger = Logger(label: "test") { _ in HeldRecording.Handler(held: held) }
            let crawler = Crawler(fetcher: fetcher, store: store, logger: logger)
            return (crawler, sources, {
                fetcher.shutdown()
                server.stop()
                withExtendedLifetime(folder) {}
            })
        }
    }
}

/// Holds the first recording until transfers wait for the store (the crawler logs it) or every document
/// is parsed, and counts the documents parsed but not yet handed to the store.
private final class HeldRecording: Sendable {
    private struct Counts {
        var parsed = 0
        var recorded = 0
        var peakWaiting = 0
        var released = false
    }

    let documents: Int
    let failure: StorageError?
    private let onRelease: @Sendable () -> Void
    private let counts = Mutex(Counts())
    private let release = DispatchSemaphore(value: 0)

    /// - Parameter onRelease: called when the first recording goes on, before it reaches the store.
    init(documents: Int, failure: StorageError? = nil, onRelease: @escaping @Sendable () -> Void = {}) {
        self.documents = documents
        self.failure = failure
        self.onRelease = onRelease
    }

    var peakWaiting: Int { counts.withLock { $0.peakWaiting } }

    /// Documents handed to the store so far.
    var recorded: Int { counts.withLock { $0.recorded } }

    /// A document was parsed (its known items looked up, the step before matching).
    func parsed() {
        let all = counts.withLock { counts in
            counts.parsed += 1
            counts.peakWaiting = max(counts.peakWaiting, counts.parsed - counts.recorded)
            return counts.parsed == documents
        }
        if all { open() }
    }

    /// `count` documents are handed to the store; the first time, once the gate opens.
    func recording(_ count: Int) {
        if counts.withLock({ $0.recorded == 0 }) {
            release.wait()
            onRelease()
        }
        counts.withLock { $0.recorded += count }
    }

    func open() {
        let first = counts.withLock { counts in
            defer { counts.released = true }
            return !counts.released
        }
        if first { release.signal() }
    }

    struct Handler: LogHandler {
        let held: HeldRecording
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            if "\(event.message)".hasPrefix("documents wait for the store") { held.open() }
        }
    }
}

/// A store that reports to `held` and may fail every recording.
private final class HeldStore: ForwardingStore {
    let base: any Store
    private let held: HeldRecording

    init(_ store: any Store, held: HeldRecording) {
        base = store
        self.held = held
    }

    func record(_ fetches: [FetchRecord], reschedule: (Int, RecordSummary) -> SourceSchedule?) async throws(StorageError) -> [RecordSummary] {
        held.recording(fetches.count)
        if let failure = held.failure { throw failure }
        return try await base.record(fetches, reschedule: reschedule)
    }

    func unknownItems(_ items: [FeedItem], from source: String) async throws(StorageError) -> [Bool] {
        defer { held.parsed() }
        return try await base.unknownItems(items, from: source)
    }
}
