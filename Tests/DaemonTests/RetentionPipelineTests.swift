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
