import Daemon
import Foundation
import Logging
import LoopbackHTTP
import Storage
import Synchronization
import Testing

/// One fetch cannot add without bound: a huge document is read up to a cap (its newest items), and a
/// feed whose GUIDs change at every fetch adds at most a daily cap of new items.
@Suite struct CrawlLimitsTests {
    /// An RSS feed of `count` items listed oldest first, each with a GUID made of `generation`.
    static func feed(items count: Int, generation: Int) -> String {
        let items = (0..<count).map { index in
            let day = String(format: "%02d", index + 1)
            return """
                <item><title>Économie circulaire n° \(index)</title><guid>urn:g\(generation):\(index)</guid>
                <pubDate>\(day) Nov 2026 08:00:00 GMT</pubDate></item>
                """
        }
        return "<rss version=\"2.0\"><channel><title>Flot</title>\(items.joined())</channel></rss>"
    }

    /// A site whose feed lists `count` items with new GUIDs at every request.
    static func churningSite(items count: Int) throws -> LoopbackServer {
        let generation = Atomic(0)
        return try LoopbackServer { _ in
            let body = feed(items: count, generation: generation.add(1, ordering: .relaxed).newValue)
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/rss+xml"], body: Array(body.utf8))
        }
    }

    static func pipeline(in folder: TemporaryFolder, server: LoopbackServer, settings: String, log: CapturedLog) async throws -> Pipeline {
        try folder.write("sources:\n  - name: flot\n    url: \(server.baseURL)/feed.xml\n", to: "config/sources.yaml")
        try folder.write(Fixtures.profile, to: "config/profiles/circulaire.yaml")
        try folder.write(settings, to: "config/veilleur.yaml")
        return try await Pipeline(
            configuration: try LoadedConfiguration.load(directory: folder.configDirectory), state: folder.state, logger: log.logger)
    }

    @Test("a document longer than the per-fetch cap gives its newest items, even when it lists them oldest first")
    func perFetchCapKeepsTheNewest() async throws {
        let server = try Self.churningSite(items: 10)
        defer { server.stop() }
        let folder = try TemporaryFolder()
        let log = CapturedLog()
        let pipeline = try await Self.pipeline(in: folder, server: server, settings: "fetch:\n  max_items_per_fetch: 3\n", log: log)

        let summary = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        #expect(summary.newItems == 3)
        for index in 0..<10 {
            let stored = try await pipeline.store.findItem("urn:g1:\(index)") != nil
            #expect(stored == (index >= 7), "item \(index)")
        }
        #expect(log.text.contains("the newest are kept") && log.text.contains("items=10"))
    }

    @Test("a feed whose GUIDs change at every fetch adds no more than the daily cap, and says so")
    func dailyCapStopsChurningFeeds() async throws {
        let server = try Self.churningSite(items: 4)
        defer { server.stop() }
        let folder = try TemporaryFolder()
        let log = CapturedLog()
        let pipeline = try await Self.pipeline(in: folder, server: server, settings: "fetch:\n  max_new_items_per_day: 6\n", log: log)

        var added: [Int] = []
        for _ in 0..<3 {
            added.append(try await pipeline.crawl(try await pipeline.dueSources(all: true)).newItems)
        }
        #expect(added == [4, 2, 0])
        #expect(log.text.contains("daily cap of new items reached") && log.text.contains("left_out=2"))
    }
}
