import Foundation
import Model
import Parsing
import Testing

@Suite struct JSONFeedTests {
    static func parse(_ json: String, url: String? = nil) throws(ParseError) -> ParsedDocument {
        try DocumentParser.parse(Array(json.utf8), url: url)
    }

    @Test("a JSON Feed 1.1 document maps to the same item shape as RSS and Atom")
    func jsonFeed11IsMapped() throws {
        let document = try Self.parse("""
            {
              "version": "https://jsonfeed.org/version/1.1",
              "title": "Région  Bretagne",
              "home_page_url": "https://example.fr/",
              "language": "fr-FR",
              "authors": [{"name": "Service presse"}],
              "items": [
                {
                  "id": "https://example.fr/1",
                  "url": "/actualites/1",
                  "title": "Appel à projets\\nhydrogène",
                  "summary": "Un appel  à projets",
                  "content_html": "<p>Le <b>conseil</b> régional&nbsp;lance…</p><script>x()</script>",
                  "date_published": "2024-03-01T10:00:00+01:00",
                  "date_modified": "2024-03-02T09:00:00Z",
                  "tags": ["énergie", "appel à projets"]
                },
                {"id": 42, "external_url": "https://other.example/a", "content_text": "Texte brut", "authors": [{"name": "Ann"}]}
              ]
            }
            """, url: "https://example.fr/feed.json")
        #expect(document.format == .jsonFeed)
        #expect(document.title == "Région Bretagne")
        #expect(document.link == "https://example.fr/")
        #expect(document.language == "fr-FR")
        #expect(document.items == [
            FeedItem(
                id: "https://example.fr/1", title: "Appel à projets hydrogène", link: "https://example.fr/actualites/1",
                published: Date(timeIntervalSince1970: 1_709_283_600), updated: Date(timeIntervalSince1970: 1_709_370_000),
                author: "Service presse", summaryText: "Un appel à projets", contentText: "Le conseil régional lance…",
                categories: ["énergie", "appel à projets"]
            ),
            FeedItem(id: "42", link: "https://other.example/a", author: "Ann", contentText: "Texte brut"),
        ])
    }

    @Test("a JSON Feed 1.0 document with its single author is read")
    func jsonFeed10IsRead() throws {
        let document = try Self.parse("""
            {"version": "https://jsonfeed.org/version/1", "title": "Blog", "author": {"name": "Jean"},
             "items": [{"id": "1", "content_text": "Bonjour", "author": {"name": "Marie"}}, {"id": "2", "content_text": "Salut"}]}
            """)
        #expect(document.items.map(\.author) == ["Marie", "Jean"])
        #expect(document.items.map(\.contentText) == ["Bonjour", "Salut"])
    }

    @Test("a JSON Feed link or attachment of another scheme than http(s) is dropped, as in RSS and Atom")
    func nonWebLinksAreDropped() throws {
        let document = try Self.parse("""
            {"version": "https://jsonfeed.org/version/1.1", "home_page_url": "javascript:alert(1)", "items": [
              {"id": "1", "url": "javascript:alert(1)", "external_url": "https://example.fr/vrai", "content_text": "a",
               "attachments": [{"url": "file:///etc/passwd"}, {"url": "https://example.fr/b.pdf"}]},
              {"id": "2", "url": "data:text/html,x", "content_text": "b"}]}
            """, url: "https://example.fr/feed.json")
        #expect(document.link == nil)
        #expect(document.items.map(\.link) == [nil, nil])
        #expect(document.items.first?.enclosures.map(\.url) == ["https://example.fr/b.pdf"])
    }

    @Test("JSON Feed attachments are the item's enclosures")
    func attachmentsAreEnclosures() throws {
        let document = try Self.parse("""
            {"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "attachments": [
              {"url": "ep1.mp3", "mime_type": "audio/mpeg", "size_in_bytes": 5000},
              {"mime_type": "audio/mpeg"}, {"url": "https://example.fr/b.pdf", "size_in_bytes": "grand"}]}]}
            """, url: "https://example.fr/podcast/feed.json")
        #expect(document.items.first?.enclosures == [
            Enclosure(url: "https://example.fr/podcast/ep1.mp3", type: "audio/mpeg", length: 5000),
            Enclosure(url: "https://example.fr/b.pdf"),
        ])
    }

    @Test("members of the wrong type are skipped, not the whole feed")
    func wrongTypesAreTolerated() throws {
        let document = try Self.parse("""
            {"version": "https://jsonfeed.org/version/1.1", "title": ["not", "a", "string"],
             "items": [[1, 2], {"id": "ok", "title": 3, "tags": ["a", 1, null, {"x": 1}]}, "junk"]}
            """)
        #expect(document.title == nil)
        #expect(document.items == [FeedItem(id: "ok", title: "3", categories: ["a", "1"])])
    }

    @Test("JSON that is not a JSON Feed raises ParseError")
    func jsonWithoutVersionIsRefused() {
        #expect(throws: ParseError.self) { try Self.parse("{\"items\": []}") }
        #expect(throws: ParseError.self) { try Self.parse("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": 3}") }
    }

    @Test("broken JSON raises ParseError at its line and column")
    func brokenJSONIsLocated() {
        #expect {
            try Self.parse("{\"version\": \"https://jsonfeed.org/version/1.1\",\n  \"items\": [1,, 2]}", url: "https://example.fr/f.json")
        } throws: { error in
            guard let error = error as? ParseError else { return false }
            return error.line == 2 && error.column == 15 && error.description.hasPrefix("https://example.fr/f.json:2:15: ")
        }
    }

    @Test("nesting beyond the bound is refused before decoding")
    func deepNestingIsRefused() {
        let deep = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"x\": "
            + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}]}"
        #expect {
            try Self.parse(deep)
        } throws: { error in
            (error as? ParseError)?.message.contains("nested deeper") == true
        }
    }

    @Test("unterminated strings and trailing garbage are refused")
    func truncatedJSONIsRefused() {
        #expect(throws: ParseError.self) { try Self.parse("{\"version\": \"https://jsonfeed.org/version/1.1") }
        #expect(throws: ParseError.self) { try Self.parse("{\"version\": \"https://jsonfeed.org/version/1.1\"} trailing") }
    }

    @Test("a JSON Feed behind a UTF-8 byte-order mark is read")
    func byteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"version\": \"https://jsonfeed.org/version/1\", \"items\": [{\"id\": \"1\"}]}".utf8)
        #expect(try DocumentParser.parse(bytes).items.map(\.id) == ["1"])
    }

    @Test("a JSON document over 64 MiB is refused before it is read")
    func oversizedJSONIsRefused() {
        var bytes = [UInt8](repeating: 0x20, count: (64 << 20) + 1)
        bytes[0] = UInt8(ascii: "{")
        #expect {
            try DocumentParser.parse(bytes)
        } throws: { error in
            (error as? ParseError)?.message.contains("larger than 64 MiB") == true
        }
    }

    @Test("a very long string is kept within the text size cap")
    func hugeStringIsCapped() throws {
        let long = String(repeating: "mot ", count: 1_000_000)
        let document = try Self.parse("""
            {"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "content_text": "\(long)"}]}
            """)
        let content = try #require(document.items.first?.contentText)
        #expect(content.unicodeScalars.count < 2_100_000, "4 MB of words are cut near the 2,000,000-character cap")
        #expect(content.hasPrefix("mot mot"))
    }
}
