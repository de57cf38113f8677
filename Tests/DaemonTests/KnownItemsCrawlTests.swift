import Configuration
import Daemon
import Fetching
import Foundation
import Logging
import LoopbackHTTP
import Matching
import Model
import Storage
import Synchronization
import Testing

/// A changed document is matched and fingerprinted only for the items the store does not hold yet.
@Suite struct KnownItemsCrawlTests {
    private static func feed(items: Int) -> String {
        let entries = (1...items).map { number in
            "<item><title>Économie circulaire n° \(number)</title><link>http://example.org/\(number)</link>"
                + "<guid>news-\(number)</guid><description>Recyclage et économie circulaire.</description></item>"
        }
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Actualités</title>\(entries.joined())</channel></rss>"
    }

    @Test("a feed that gained one item hands the store that item only, with its matches")
    func onlyTheNewItemIsMatched() async throws {
        let fetches = Mutex(0)
        let server = try LoopbackServer { _ in
            let count = fetches.withLock { count in
                count += 1
                return count
            }
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/rss+xml"], body: Array(Self.feed(items: count + 1).utf8))
        }
        defer { server.stop() }
        let folder = try TemporaryFolder()
        try folder.write("sources:\n  - name: news\n    url: \(server.baseURL)/news.xml\n", to: "config/sources.yaml")
        try folder.write(Fixtures.profile, to: "config/profiles/circulaire.yaml")
        let loaded = try LoadedConfiguration.load(directory: folder.configDirectory)
        try folder.state.prepare()
        let store = RecordingStore(try SQLiteStore(path: folder.state.database.path))
        try await store.syncSources(loaded.configuration.sources, now: Date())
        let fetcher = HTTPFetcher()
        defer { fetcher.shutdown() }
        let crawler = Crawler(fetcher: fetcher, store: store, logger: Logger(label: "test"))

        let first = try await crawler.crawl(loaded.configuration.sources, matcher: loaded.matcher)
        let second = try await crawler.crawl(loaded.configuration.sources, matcher: loaded.matcher)

        #expect(store.recordedItems == [["news-1", "news-2"], ["news-3"]])
        #expect(first.newItems == 2 && first.newMatches == 2)
        #expect(second.newItems == 1 && second.newMatches == 1)
    }
}
