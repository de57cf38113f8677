import Digests
import Foundation
import Testing

/// A story several sources published is one entry that names the other sources: "aussi publié par".
@Suite("Stories published by several sources")
struct AlsoPublishedByTests {
    private let story = DigestEntry(
        title: "Lhyfe inaugure à Bouin le premier site d'hydrogène en mer", link: "https://lhyfe.example/bouin",
        source: "Lhyfe", score: 6, snippet: "Lhyfe a inauguré ce jeudi son site pilote.",
        alsoPublishedBy: [
            PublishedCopy(source: "Ouest Éco", link: "https://ouest.example/bouin"),
            PublishedCopy(source: "Presse [Océan]", link: "javascript:alert(1)"),
        ])
    private let alone = DigestEntry(title: "Seul", link: "https://news.example/seul", source: "S", score: 1)

    @Test("The Markdown lists the other sources under the entry, linked to their copies when the link is a web link",
          arguments: [
            ("fr", "Aussi publié par : [Ouest Éco](https://ouest.example/bouin), Presse \\[Océan\\]"),
            ("en", "Also published by: [Ouest Éco](https://ouest.example/bouin), Presse \\[Océan\\]"),
          ])
    func markdown(language: String, line: String) {
        let markdown = MarkdownDigest.render(digest(language: language, [story, alone]))
        let lines = markdown.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.filter { $0 == line }.count == 1)
        #expect(!markdown.contains("javascript"))
    }

    @Test("The HTML lists the other sources under the entry, escaped, linking only web links")
    func html() {
        let html = HTMLDigest.render(digest([story, alone]))
        #expect(html.components(separatedBy: "<p class=\"copies\">").count == 2, "only the story with copies has the line")
        #expect(html.contains("Aussi publié par :</span> <a href=\"https://ouest.example/bouin\" rel=\"noopener noreferrer\">Ouest Éco</a>, Presse [Océan]</p>"))
        #expect(!html.contains("javascript"))
    }

    @Test("Each JSON item lists the other sources with their web links, and an empty list for a story one source carried")
    func json() throws {
        let object = try JSONSerialization.jsonObject(with: Data(try JSONDigest.render(digest([story, alone])))) as? [String: Any]
        let items = try #require(object?["items"] as? [[String: Any]])
        let copies = try #require(items[0]["also_published_by"] as? [[String: Any]])
        #expect(copies.map { $0["source"] as? String } == ["Ouest Éco", "Presse [Océan]"])
        #expect(copies[0]["link"] as? String == "https://ouest.example/bouin")
        #expect(copies[1]["link"] is NSNull)
        #expect((items[1]["also_published_by"] as? [Any])?.isEmpty == true)
    }

    @Test("The Atom entry links the other copies as related and names their sources in its summary")
    func atom() throws {
        let directory = try TemporaryDirectory()
        _ = try DigestWriter(root: directory.url).write(digest([story]))
        let atom = try String(contentsOf: directory.url.appendingPathComponent("xr.atom"), encoding: .utf8)
        #expect(atom.contains("<link rel=\"related\" href=\"https://ouest.example/bouin\" title=\"Ouest Éco\"/>"))
        #expect(atom.contains("<summary type=\"text\">Lhyfe a inauguré ce jeudi son site pilote. · Aussi publié par : Ouest Éco, Presse [Océan]</summary>"))
        #expect(!atom.contains("javascript"))
    }

    @Test("A JSON digest written before the key existed is still read into the Atom feed")
    func olderFilesAreRead() throws {
        let directory = try TemporaryDirectory()
        let writer = DigestWriter(root: directory.url)
        _ = try writer.write(digest(period: "2026-11-25", [alone]))
        let older = directory.url.appendingPathComponent("2026-11-25/xr.json")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: older)) as? [String: Any])
        var items = try #require(object["items"] as? [[String: Any]])
        items[0]["also_published_by"] = nil
        object["items"] = items
        try JSONSerialization.data(withJSONObject: object).write(to: older)

        _ = try writer.write(digest(period: "2026-11-26", [story]))
        let atom = try String(contentsOf: directory.url.appendingPathComponent("xr.atom"), encoding: .utf8)
        #expect(atom.contains("<id>https://news.example/seul</id>"))
        #expect(atom.contains("<id>https://lhyfe.example/bouin</id>"))
    }
}
