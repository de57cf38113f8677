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

/// The matcher is compiled when a document first brings an item to match, not when the configuration loads.
@Suite struct MatcherOnDemandTests {
    @Test("a loaded configuration compiles its matcher only when it is asked for")
    func loadCompilesNothing() throws {
        let folder = try TemporaryFolder()
        try folder.write("sources:\n  - name: news\n    url: http://127.0.0.1:9/news.xml\n", to: "config/sources.yaml")
        try folder.write(Fixtures.profile, to: "config/profiles/circulaire.yaml")
        let loaded = try LoadedConfiguration.load(directory: folder.configDirectory)
        #expect(!loaded.compiledMatcher.isCompiled)
        _ = loaded.matcher
        #expect(loaded.compiledMatcher.isCompiled)
    }

    @Test("a pass in which every source answers 304 compiles no matcher; one with a new item compiles it once")
    func unchangedPassCompilesNothing() async throws {
        let server = try LoopbackServer { request in
            if request.headers["if-none-match"] != nil { return HTTPResponse(status: 304) }
            return HTTPResponse(
                status: 200, headers: ["Content-Type": "application/rss+xml", "ETag": "\"v1\""], body: Array(Fixtures.newsRSS.utf8))
        }
        defer { server.stop() }
        let sources = (1...3).map { Source(name: "news-\($0)", url: "\(server.baseURL)/\($0).xml") }
        let folder = try TemporaryFolder()
        try folder.state.prepare()
        let store = try SQLiteStore(path: folder.state.database.path)
        try await store.syncSources(sources, now: Date())
        let fetcher = HTTPFetcher(limits: FetchLimits(minHostDelay: .zero))
        defer { fetcher.shutdown() }
        let crawler = Crawler(fetcher: fetcher, store: store, logger: Logger(label: "test"))
        let compilations = Mutex(0)
        func onDemand() -> MatcherOnDemand {
            MatcherOnDemand {
                compilations.withLock { $0 += 1 }
                return Matcher(profiles: [])
            }
        }

        let cold = try await crawler.crawl(sources, matcher: onDemand())
        #expect(cold.fetched == 3 && compilations.withLock { $0 } == 1)
        let warm = try await crawler.crawl(sources, matcher: onDemand())
        #expect(warm.unchanged == 3)
        #expect(compilations.withLock { $0 } == 1, "the warm pass compiled a matcher")
    }
}
