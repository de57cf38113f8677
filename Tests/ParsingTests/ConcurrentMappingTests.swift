import Model
import Parsing
import Testing

/// A large feed's items mapped on a thread of their own come out as when they are mapped as they close: the
/// same items, in the same order, with the same feed title and inherited author, whatever the document's shape.
@Suite struct ConcurrentMappingTests {
    /// A feed of `count` items whose text makes it larger than the size from which mapping goes to its own thread.
    static func items(_ count: Int, entry: (Int, String) -> String) -> String {
        let text = String(repeating: "Mot &amp; phrase d&#233;j&#224; lue, ", count: 60)
        return (0..<count).map { entry($0, text) }.joined()
    }

    static func parsed(_ xml: String, concurrently: Bool) throws -> (items: [FeedItem], titles: [String?], document: ParsedDocument) {
        var items: [FeedItem] = []
        var titles: [String?] = []
        let document = try DocumentParser.parse(Array(xml.utf8), url: "https://example.fr/flux", mapsItemsConcurrently: concurrently) {
            items.append($0)
            titles.append($1)
        }
        return (items, titles, document)
    }

    static func expectSameReading(of xml: String, items expectedCount: Int) throws {
        #expect(xml.utf8.count > 1 << 20)
        let serial = try parsed(xml, concurrently: false)
        let concurrent = try parsed(xml, concurrently: true)
        #expect(serial.items.count == expectedCount)
        #expect(concurrent.items == serial.items)
        #expect(concurrent.titles == serial.titles)
        #expect(concurrent.document == serial.document)
    }

    @Test("an RSS feed whose channel title comes after its first items")
    func rssTitleAfterItems() throws {
        let body = Self.items(1000) { number, text in
            "<item><title>Article \(number)</title><link>/a/\(number)</link><pubDate>Wed, 25 Nov 2026 10:00:00 +0100</pubDate>"
                + "<description>&lt;p&gt;\(text)&lt;/p&gt;</description><category>C\(number % 7)</category></item>"
        }
        let xml = "<rss version=\"2.0\"><channel>" + body.prefix(5000) + "<title>Flux tardif</title>" + body.dropFirst(5000) + "</channel></rss>"
        try Self.expectSameReading(of: xml, items: 1000)
    }

    @Test("an Atom feed whose author, which entries without one inherit, comes after them")
    func atomAuthorAfterEntries() throws {
        let body = Self.items(1000) { number, text in
            let author = number % 3 == 0 ? "<author><name>Auteur \(number)</name></author>" : ""
            return "<entry><id>urn:\(number)</id><title type=\"html\">&lt;b&gt;Titre&lt;/b&gt; \(number)</title>\(author)"
                + "<link href=\"/e/\(number)\"/><updated>2026-11-25T10:00:00Z</updated><summary>\(text)</summary></entry>"
        }
        let xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://example.fr/\"><title>Flux</title>"
            + body + "<author><name>Rédaction</name></author></feed>"
        try Self.expectSameReading(of: xml, items: 1000)
    }

    @Test("a feed with a recoverable error halfway, read a second time, and cut short at its end")
    func malformedAndCutShort() throws {
        let body = Self.items(1000) { number, text in
            let broken = number == 500 ? "&eacute; & " : ""
            return "<item><title>Article \(number) \(broken)</title><link>https://example.fr/a?x=1&amp;y=\(number)</link>"
                + "<description>\(text)</description></item>"
        }
        let xml = "<rss version=\"2.0\"><channel><title>Flux</title>" + body + "<item><title>Coupé"
        try Self.expectSameReading(of: xml, items: 1001)
    }
}

/// The hostile shapes of a large feed read with its items mapped on a thread of their own: what the serial
/// read stops at, the concurrent one stops at too, with the same items handed out before.
@Suite struct ConcurrentMappingBoundsTests {
    @Test("a nesting bomb halfway through a large feed stops both reads at the same place")
    func depthBomb() throws {
        let body = ConcurrentMappingTests.items(800) { number, text in
            let bomb = number == 400 ? String(repeating: "<d>", count: 300) : ""
            return "<item><title>Article \(number)</title><description>\(text)</description>\(bomb)</item>"
        }
        let xml = "<rss version=\"2.0\"><channel><title>Flux</title>" + body + "</channel></rss>"
        #expect(xml.utf8.count > 1 << 20)
        let serial = try ConcurrentMappingTests.parsed(xml, concurrently: false)
        let concurrent = try ConcurrentMappingTests.parsed(xml, concurrently: true)
        // The item the bomb is in is mapped with what it had, as libxml2's recovered tree would hold it.
        #expect(serial.items.count == 401)
        #expect(serial.document.truncation != nil)
        #expect(concurrent.items == serial.items)
        #expect(concurrent.document == serial.document)
    }

    @Test("items nested in items, and items of a channel without a title, come out as when mapped as they close")
    func nestedItemsWithoutTitle() throws {
        let body = ConcurrentMappingTests.items(600) { number, text in
            let inner = number % 50 == 0 ? "<item><title>Dedans \(number)</title></item>" : ""
            return "<item><title>Article \(number)</title>\(inner)<description>\(text)</description></item>"
        }
        try ConcurrentMappingTests.expectSameReading(of: "<rss version=\"2.0\"><channel>" + body + "</channel></rss>", items: 612)
    }

    @Test("an entity expanded in every item of a large feed is read the same")
    func internalEntities() throws {
        let body = ConcurrentMappingTests.items(700) { number, text in
            "<item><title>&marque; \(number)</title><description>&lt;p&gt;\(text) &marque;&lt;/p&gt;</description></item>"
        }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY marque \"Région Sud &#38; co\">]>"
            + "<rss version=\"2.0\"><channel><title>Flux</title>" + body + "</channel></rss>"
        try ConcurrentMappingTests.expectSameReading(of: xml, items: 700)
    }
}
