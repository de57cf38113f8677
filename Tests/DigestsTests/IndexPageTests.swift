import Digests
import Foundation
import Model
import Testing

@Suite("What the index says of each profile and digest")
struct IndexPageTests {
    private func index(_ root: URL) throws -> String {
        try String(contentsOf: root.appendingPathComponent("index.html"), encoding: .utf8)
    }

    @Test("Each digest of a period is listed with its profile's name, kind and entry count")
    func periodRows() throws {
        let directory = try TemporaryDirectory()
        _ = try DigestWriter(root: directory.url).write(digest([entry("Un", score: 1), entry("Deux", score: 2)]))
        let html = try index(directory.url)
        #expect(html.contains(
            "<tr><td><strong>Réalité étendue</strong> <span class=\"kind\">(technologie)</span> <span class=\"id\">xr</span></td>"
                + "<td class=\"count\">2 éléments</td>"))
        #expect(html.contains("<h1>veilleur — Veilles</h1>"))
        #expect(html.contains("<h2 class=\"period-title\">Dernières veilles</h2>"))
        #expect(html.contains("<html lang=\"fr\">"))
    }

    @Test("Counts recorded for digests of earlier runs are shown; a digest without one shows none")
    func countsFromEarlierRuns() throws {
        let directory = try TemporaryDirectory()
        let writer = DigestWriter(root: directory.url)
        _ = try writer.write(digest(period: "2026-11-24", [entry("Un", score: 1)]))
        _ = try writer.write(digest(period: "2026-11-25", [entry("Un", score: 1)]))
        var run = try writer.open(today: today)
        _ = try run.write(digest(period: "2026-11-26", [entry("Un", score: 1), entry("Deux", score: 1), entry("Trois", score: 1)]))
        try run.finish(entryCounts: ["2026-11-24": ["xr": 7], "2026-11-26": ["xr": 99]])
        let html = try index(directory.url)
        let sections = html.components(separatedBy: "<section class=\"period\">").dropFirst()
        #expect(sections.count == 3)
        #expect(sections.map { $0.contains("class=\"count\">") && !$0.contains("class=\"count\"></td>") } == [true, false, true])
        #expect(sections.first?.contains(">3 éléments</td>") == true, "the run's own count wins")
        #expect(sections.last?.contains(">7 éléments</td>") == true)
    }

    @Test("The index is in English when every profile is, in French when they differ")
    func language() throws {
        let english = try TemporaryDirectory()
        _ = try DigestWriter(root: english.url).write(digest(language: "en", [entry("One", score: 1)]))
        let html = try index(english.url)
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("<h2 class=\"period-title\">Latest digests</h2>"))
        #expect(html.contains(">1 item</td>"))

        let mixed = try TemporaryDirectory()
        let writer = DigestWriter(root: mixed.url)
        _ = try writer.write(digest(language: "en", [entry("One", score: 1)]))
        _ = try writer.write(digest(profile: "autre", language: "fr", [entry("Un", score: 1)]))
        #expect(try index(mixed.url).contains("<html lang=\"fr\">"))
    }

    @Test("The latest card of a profile draws its trend; what the job says of a profile wins over the digest")
    func latestTrend() throws {
        let directory = try TemporaryDirectory()
        var run = try DigestWriter(root: directory.url).open(today: today)
        _ = try run.write(digest([entry("Un", score: 1)]))
        let day = DigestPeriod("2026-11-26")!
        let trend = MatchTrend(endingOn: day, total: [day: 2], byTopic: ["Casques": [day: 2]], topicOrder: ["Casques"])
        try run.finish(profiles: ["xr": IndexedProfile(name: "XR <b>", kind: "cluster", language: "fr", trend: trend)])
        let html = try index(directory.url)
        let latest = try #require(html.components(separatedBy: "<section class=\"period\">").first)
        #expect(latest.contains("<article class=\"profile\">\n<h3><strong>XR &lt;b&gt;</strong> <span class=\"kind\">(cluster)</span>"))
        #expect(latest.contains("<h4 class=\"trend-title\">Correspondances par jour sur 30 jours</h4>"))
        #expect(latest.contains("aria-label=\"Casques : 2 correspondances du 28 octobre 2026 au 26 novembre 2026, au plus 2 par jour\""))
        #expect(latest.contains("<span class=\"count\">· 1 élément</span>"))
    }

    @Test("Hostile names and kinds are escaped in the index")
    func hostileProfile() throws {
        let directory = try TemporaryDirectory()
        var hostile = digest([entry("Un", score: 1)])
        hostile.profileName = "<script>alert(1)</script>"
        hostile.kind = "\"><img src=x>"
        _ = try DigestWriter(root: directory.url).write(hostile)
        let html = try index(directory.url)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img"))
        #expect(html.contains("<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong> <span class=\"kind\">(&quot;&gt;&lt;img src=x&gt;)</span>"))
    }
}
