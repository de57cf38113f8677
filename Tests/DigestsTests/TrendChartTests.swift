import Digests
import Foundation
import Model
import Testing

@Suite("Trend charts in the HTML digest")
struct TrendChartTests {
    private let lastDay = DigestPeriod("2026-11-26")!

    private func trend(topics: [String] = ["Casques", "Export"]) -> MatchTrend {
        MatchTrend(
            endingOn: lastDay,
            total: [DigestPeriod("2026-11-26")!: 4, DigestPeriod("2026-11-20")!: 1, DigestPeriod("2026-10-01")!: 9],
            byTopic: ["Casques": [DigestPeriod("2026-11-26")!: 3], "Export": [DigestPeriod("2026-11-20")!: 1], "Ancien": [lastDay: 7]],
            topicOrder: topics)
    }

    @Test("A trend covers the 30 days up to the digest's, oldest first, with a row per topic of the profile in its order")
    func thirtyDays() {
        let trend = trend()
        #expect(trend.days.count == 30)
        #expect(trend.days.first == DigestPeriod("2026-10-28"))
        #expect(trend.days.last == lastDay)
        #expect(trend.total.sum == 5, "a day before the window is not drawn")
        #expect(trend.topics.map(\.name) == ["Casques", "Export"], "a topic the profile no longer has is left out")
        #expect(trend.topics.map(\.sum) == [3, 1])
    }

    @Test("Days run across month and year ends")
    func daysAcrossYearEnd() {
        let trend = MatchTrend(endingOn: DigestPeriod("2027-01-02")!, length: 4, total: [:], byTopic: [:], topicOrder: [])
        #expect(trend.days.map(\.description) == ["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"])
    }

    @Test("A profile with many topics keeps its busiest ones, in its own order")
    func topicLimit() {
        let names = (1...20).map { "T\($0)" }
        var byTopic: [String: [DigestPeriod: Int]] = [:]
        for (index, name) in names.enumerated() { byTopic[name] = [lastDay: index] }
        let trend = MatchTrend(endingOn: lastDay, total: [:], byTopic: byTopic, topicOrder: names)
        #expect(trend.topics.map(\.name) == (9...20).map { "T\($0)" })
    }

    @Test("The HTML digest draws the trend as inline SVG with the numbers in text, in the digest's language",
          arguments: [
            ("fr", "Correspondances par jour sur 30 jours", "Tous thèmes : 5 correspondances du 28 octobre 2026 au 26 novembre 2026, au plus 4 par jour"),
            ("en", "Matches per day over 30 days", "All topics: 5 matches from October 28, 2026 to November 26, 2026, at most 4 a day"),
          ])
    func rendered(language: String, heading: String, summary: String) {
        var sample = digest(language: language, [entry("Un", score: 1)])
        sample.trend = trend()
        let html = HTMLDigest.render(sample)
        #expect(html.contains(">\(heading)</h2>"))
        #expect(html.contains("aria-label=\"\(summary)\""))
        #expect(html.contains("<title>\(summary)</title>"))
        #expect(html.components(separatedBy: "<svg class=\"spark\"").count == 4, "a row for all topics and one per topic")
        #expect(html.components(separatedBy: "<rect ").count == 1 + 3 * 30)
        #expect(html.contains("<td class=\"sum\">5</td>"))
        #expect(!html.contains("<script"))
    }

    @Test("Each bar names its day and count, and the busiest day fills the chart")
    func bars() {
        var sample = digest([entry("Un", score: 1)])
        sample.trend = trend()
        let html = HTMLDigest.render(sample)
        #expect(html.contains("<rect x=\"116\" y=\"0\" width=\"3\" height=\"24\"><title>26 novembre 2026 : 4</title></rect>"))
        #expect(html.contains("<rect x=\"0\" y=\"23\" width=\"3\" height=\"1\" class=\"zero\"><title>28 octobre 2026 : 0</title></rect>"))
    }

    @Test("Hostile topic names are escaped in the row, the image's name and its title")
    func hostileTopic() {
        let hostile = "<script>alert(\"x\")</script> & \u{202E}tom"
        var sample = digest([entry("Un", score: 1)])
        sample.trend = MatchTrend(endingOn: lastDay, total: [lastDay: 1], byTopic: [hostile: [lastDay: 1]], topicOrder: [hostile])
        let html = HTMLDigest.render(sample)
        #expect(!html.contains("<script"))
        #expect(!html.contains("\u{202E}"))
        #expect(html.contains("<th scope=\"row\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; tom</th>"))
        #expect(html.contains("aria-label=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; tom : 1 correspondance"))
    }

    @Test("A digest without a trend draws no chart")
    func noTrend() {
        #expect(!HTMLDigest.render(digest([entry("Un", score: 1)])).contains("<svg"))
    }
}
