import Daemon
import Dispatch
import Fetching
import Foundation
import Logging
import Matching
import LoopbackHTTP
import Model
import Storage
import Synchronization
import Testing

/// A crawl records the documents that are ready together, one transaction for all of them, rather than
/// one transaction per document.
///
/// Serialized, nested suites included: each test blocks a thread of the cooperative pool in the store while
/// the pass needs another, and a small machine has but two.
@Suite(.serialized) struct GroupCommitTests {
    @Test("documents parsed while a transaction is recorded are recorded together in the next one")
    func readyDocumentsShareATransaction() async throws {
        let server = try LoopbackServer { _ in
            HTTPResponse(status: 200, headers: ["Content-Type": "application/rss+xml"], body: Array(Fixtures.newsRSS.utf8))
        }
        defer { server.stop() }
        let sources = (1...8).map { Source(name: "news-\($0)", url: "\(server.baseURL)/\($0).xml") }
        let folder = try TemporaryFolder()
        try folder.state.prepare()
        let store = HeldStore(try SQLiteStore(path: folder.state.database.path), documents: sources.count)
        try await store.syncSources(sources, now: Date())
        let fetcher = HTTPFetcher(limits: FetchLimits(maxConnectionsPerHost: 8, minHostDelay: .zero))
        defer { fetcher.shutdown() }
        let crawler = Crawler(fetcher: fetcher, store: store, logger: Logger(label: "test"))

        let summary = try await crawler.crawl(sources, matcher: Matcher(profiles: []))

        #expect(summary.fetched == sources.count)
        #expect(store.transactions.reduce(0, +) == sources.count)
        #expect(store.transactions.count < sources.count, "fetches per transaction: \(store.transactions)")
    }
}

/// A store whose first recording waits until every document of the pass has been looked up (the step just
/// before matching), so that the others are ready while it records.
private final class HeldStore: ForwardingStore {
    let base: any Store
    private let documents: Int
    private let lookups = Mutex(0)
    private let everyDocumentLookedUp = DispatchSemaphore(value: 0)
    private let recorded = Mutex<[Int]>([])

    init(_ store: any Store, documents: Int) {
        base = store
        self.documents = documents
    }

    /// The number of fetches in each transaction, in order.
    var transactions: [Int] { recorded.withLock { $0 } }

    func record(_ fetches: [FetchRecord], reschedule: (Int, RecordSummary) -> SourceSchedule?) async throws(StorageError) -> [RecordSummary] {
        if recorded.withLock({ $0.isEmpty }) { everyDocumentLookedUp.wait() }
        recorded.withLock { $0.append(fetches.count) }
        return try await base.record(fetches, reschedule: reschedule)
    }

    func unknownItems(_ items: [FeedItem], from source: String) async throws(StorageError) -> [Bool] {
        let unknown = try await base.unknownItems(items, from: source)
        if lookups.withLock({ $0 += 1; return $0 }) == documents { everyDocumentLookedUp.signal() }
        return unknown
    }
}
