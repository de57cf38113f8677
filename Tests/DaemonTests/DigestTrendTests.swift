import Daemon
import Foundation
import Model
import Storage
import Testing

/// The digest job feeds the HTML digest its trend and the index each profile's name, kind and entry counts.
@Suite struct DigestTrendTests {
    @Test func aWrittenDigestDrawsTheDaysMatchesAndTheIndexCountsItsEntries() async throws {
        let site = try FixtureSite.newsAndPartner()
        defer { site.stop() }
        let folder = try TemporaryFolder()
        let pipeline = try await folder.makePipeline(for: site)
        _ = try await pipeline.crawl(try await pipeline.dueSources(all: true))
        let day = DigestPeriod(of: Date(), in: TimeZone(identifier: "Europe/Paris")!)
        let written = try await pipeline.writeDigests(period: day.description, cutoff: Date())

        let entries = try digestItems(try #require(written["circulaire"]?.first { $0.pathExtension == "json" })).count
        #expect(entries > 0)
        #expect(try await pipeline.store.digestEntryCounts() == [day.description: ["circulaire": entries]])

        let html = try String(contentsOf: try #require(written["circulaire"]?.first { $0.pathExtension == "html" }), encoding: .utf8)
        let matches = try await pipeline.store.dailyMatchCounts(
            profile: "circulaire", since: Date().addingTimeInterval(-86_400), timeZone: TimeZone(identifier: "Europe/Paris")!)
        let today = try #require(matches.total[day])
        #expect(html.components(separatedBy: "<svg class=\"spark\"").count == 3, "all topics, then the profile's one topic")
        #expect(html.contains("<title>Tous thèmes : \(today) correspondance"))

        let index = try String(contentsOf: folder.state.digests.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<strong>Test — économie circulaire</strong> <span class=\"kind\">(territoire)</span>"))
        #expect(index.contains("<td class=\"count\">\(entries) élément"))
        #expect(index.contains("<h4 class=\"trend-title\">Correspondances par jour sur 30 jours</h4>"))
    }
}
