import Digests
import Foundation
import Model
import Testing

@Suite("Digests grouped by topic")
struct DigestLayoutTests {
    private func topical(_ title: String, score: Double, topics: [String]) -> DigestEntry {
        DigestEntry(title: title, link: "https://news.example/\(title)", source: "Exemple", score: score, topics: topics)
    }

    /// Ranked: A (Export) 9, B (Casques) 8, C (Export, Casques) 7, D (no topic) 6, E (Casques) 5.
    private func sample(layout: DigestLayout, maxItems: Int = 10, language: String = "fr") -> Digest {
        var sample = digest(language: language, maxItems: maxItems, [
            topical("E", score: 5, topics: ["Casques"]), topical("C", score: 7, topics: ["Export", "Casques"]),
            topical("A", score: 9, topics: ["Export"]), topical("D", score: 6, topics: []),
            topical("B", score: 8, topics: ["Casques"]),
        ])
        sample.layout = layout
        return sample
    }

    private func headingsAndItems(_ markdown: String) -> [String] {
        markdown.split(separator: "\n").compactMap { line in
            if line.hasPrefix("## ") { return String(line) }
            if let dot = line.firstIndex(of: "."), Int(line[..<dot]) != nil, let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]") {
                return String(line[..<dot]) + " " + String(line[line.index(after: open)..<close])
            }
            return nil
        }
    }

    @Test("By topic, each entry is under its strongest topic, groups in the order of their best entry, untopical ones last")
    func markdownGroups() {
        #expect(headingsAndItems(MarkdownDigest.render(sample(layout: .byTopic))) == [
            "## Export", "1 A", "2 C", "## Casques", "1 B", "2 E", "## Hors thème", "1 D",
        ])
    }

    @Test("Ranked, the Markdown is one list as before")
    func markdownRanked() {
        #expect(headingsAndItems(MarkdownDigest.render(sample(layout: .ranked))) == ["1 A", "2 B", "3 C", "4 D", "5 E"])
    }

    @Test("Grouping keeps the max_items best entries and counts the others")
    func groupingKeepsTheBest() {
        let markdown = MarkdownDigest.render(sample(layout: .byTopic, maxItems: 3))
        #expect(headingsAndItems(markdown) == ["## Export", "1 A", "2 C", "## Casques", "1 B"])
        #expect(markdown.contains("… et 2 autres éléments, dans le fichier JSON."))
    }

    @Test("The HTML groups entries in sections whose headings count them, entries one level below")
    func htmlGroups() {
        let html = HTMLDigest.render(sample(layout: .byTopic, language: "en"))
        #expect(html.contains("<section class=\"group\">\n<h2 class=\"group-title\">Export <span class=\"count\">2 items</span></h2>"))
        #expect(html.contains("<h2 class=\"group-title\">No topic <span class=\"count\">1 item</span></h2>"))
        #expect(html.contains("<h3><a href=\"https://news.example/A\""))
        let order = ["Export", "Casques", "No topic"].compactMap { html.range(of: "group-title\">\($0)")?.lowerBound }
        #expect(order.count == 3 && order == order.sorted())
    }

    @Test("A hostile topic name is escaped in the group heading of both formats")
    func hostileGroupName() {
        var sample = digest([DigestEntry(title: "X", link: "https://x.example", source: "S", score: 1, topics: ["<img src=x onerror=alert(1)> [a](javascript:b)"])])
        sample.layout = .byTopic
        let html = HTMLDigest.render(sample)
        #expect(html.contains("group-title\">&lt;img src=x onerror=alert(1)&gt; [a](javascript:b) <span"))
        #expect(!html.contains("<img"))
        let markdown = MarkdownDigest.render(sample)
        #expect(markdown.contains("## \\<img src=x onerror=alert\\(1\\)\\> \\[a\\]\\(javascript:b\\)"))
    }

    @Test("Grouped by topic, a story published by several sources still names them with their links")
    func copiesInGroups() {
        var sample = digest([DigestEntry(
            title: "Lhyfe", link: "https://lhyfe.example/bouin", source: "Lhyfe", score: 6, topics: ["Hydrogène"],
            alsoPublishedBy: [PublishedCopy(source: "Ouest Éco", link: "https://ouest.example/bouin")])])
        sample.layout = .byTopic
        #expect(HTMLDigest.render(sample).contains(
            "Aussi publié par :</span> <a href=\"https://ouest.example/bouin\" rel=\"noopener noreferrer\">Ouest Éco</a></p>"))
        #expect(MarkdownDigest.render(sample).contains("Aussi publié par : [Ouest Éco](https://ouest.example/bouin)"))
    }
}
