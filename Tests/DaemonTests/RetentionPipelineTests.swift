import Daemon
import Foundation
import Model
import Storage
import Testing

@Suite("Retention in the pipeline")
struct RetentionPipelineTests {
    private let start = Date(timeIntervalSince1970: 1_795_000_000)
    private let day: TimeInterval = 86_400

    @Test("The pipeline prunes by the limits of veilleur.yaml, and warns about matches no digest took before they went")
    func prunesBySettings() async throws {
        let folder = try TemporaryFolder()
        try folder.write("sources:\n  - name: news\n    url: http://127.0.0.1:9/news.xml\n", to: "config/sources.yaml")
        try folder.write(Fixtures.profile, to: "config/profiles/circulaire.yaml")
        try folder.write("retention: {content: 10d, identity: 20d}\n", to: "config/veilleur.yaml")
        let clock = BacktestTests.MovableClock()
        clock.now = start
        let log = CapturedLog()
        let pipeline = try await Pipeline(
            configuration: try LoadedConfiguration.load(directory: folder.configDirectory), state: folder.state, logger: log.logger,
            clock: { clock.now })
        let item = FeedItem(
            id: "urn:uuid:usine", title: "Économie circulaire : l'usine recycle", link: "http://example.org/usine", published: start,
            summaryText: "Recyclage des déchets")
        _ = try await pipeline.store.record(FetchRecord(
            source: "news", fetchedAt: start, outcome: .modified(etag: nil, lastModified: nil), nextDueAt: start.addingTimeInterval(3600),
            items: [ItemWithMatches(item: item, matches: [Match(profile: "circulaire", score: 2, topics: ["Économie circulaire"], terms: ["recyclage"])])]))

        #expect(try await pipeline.prune() == PruneSummary(), "nothing is older than the limits yet")
        clock.now = start.addingTimeInterval(11 * day)
        let content = try await pipeline.prune()
        #expect(content.itemsPruned == 1 && content.unassignedMatchesDeleted == 1 && content.itemsForgotten == 0)
        #expect(log.text.contains("matches older than the content limit were pruned before any digest took them"))
        await #expect(try pipeline.store.unknownItems([item], from: "news") == [false])
        clock.now = start.addingTimeInterval(21 * day)
        #expect(try await pipeline.prune().itemsForgotten == 1)
        await #expect(try pipeline.store.unknownItems([item], from: "news") == [true])
    }
}

/// The daemon runs retention on its own, the first time at start.
@Suite struct DaemonRetentionTests {
    @Test("A daemon started on a database holding an item older than the content limit prunes it before its first crawl pass ends")
    func daemonPrunesAtStart() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let seed = try TemporaryFolder()
        let path = seed.url.appendingPathComponent("veilleur.sqlite").path
        let old = Date().addingTimeInterval(-200 * 86_400)
        let item = FeedItem(id: "urn:uuid:ancien", title: "Ancien article", link: "http://example.org/ancien", published: old, summaryText: "Texte")
        let store = try SQLiteStore(path: path)
        try await store.syncSources([Source(name: "news", url: "\(site.base)/news.xml")], now: old)
        _ = try await store.record(FetchRecord(
            source: "news", fetchedAt: old, outcome: .modified(etag: nil, lastModified: nil), nextDueAt: old, items: [ItemWithMatches(item: item)]))
        await store.close()

        let daemon = try DaemonUnderTest(site: site, database: .sqlite(path: path))
        #expect(await daemon.socket.receive(until: "STATUS=sources") != nil)
        try await daemon.stop()

        let reopened = try SQLiteStore(path: path)
        let stored = try #require(try await reopened.findItem("urn:uuid:ancien"))
        #expect(stored.item.summaryText == nil, "the text of an item older than the default 180 days is pruned")
        await #expect(try reopened.unknownItems([item], from: "news") == [false], "its identity is kept for two years")
        await reopened.close()
    }
}
