import Foundation
import Model
import Parsing
import Testing

/// Classes of documents French sources serve every day that a strict reading gets wrong.
@Suite struct RealWorldFeedTests {
    /// A feed whose accented letters are windows-1252 bytes: é, ç, è, the en dash 0x96 and œ 0x9C
    /// (the last two are not Latin-1 at all).
    static func windows1252Feed(declaration: String) -> [UInt8] {
        Array("\(declaration)<rss version=\"2.0\"><channel><title>Actualit".utf8) + [0xE9, 0x73]
            + Array("</title><item><title>L".utf8) + [0xE9] + Array("gislation fran".utf8) + [0xE7]
            + Array("aise ".utf8) + [0x96] + Array(" c".utf8) + [0x9C] + Array("ur</title>".utf8)
            + Array("<link>https://example.fr/a?x=1&amp;y=2</link><description>Deuxi".utf8) + [0xE8]
            + Array("me d".utf8) + [0xE9] + Array("cret</description></item></channel></rss>".utf8)
    }

    static func expectFrenchText(_ document: ParsedDocument) throws {
        #expect(document.title == "Actualités")
        let item = try #require(document.items.first)
        #expect(item.title == "Législation française – cœur")
        #expect(item.summaryText == "Deuxième décret")
        #expect(item.link == "https://example.fr/a?x=1&y=2")
        #expect(document.truncation == nil)
        for text in [document.title, item.title, item.summaryText].compactMap({ $0 }) {
            #expect(!text.contains("\u{FFFD}"))
        }
    }

    @Test("windows-1252 bytes with no encoding declaration come out as French UTF-8 text")
    func windows1252WithoutDeclaration() throws {
        try Self.expectFrenchText(try DocumentParser.parse(Self.windows1252Feed(declaration: "")))
    }

    @Test("windows-1252 bytes under a false UTF-8 declaration and charset come out as French UTF-8 text")
    func windows1252UnderFalseUTF8Declaration() throws {
        let bytes = Self.windows1252Feed(declaration: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        try Self.expectFrenchText(try DocumentParser.parse(bytes, contentType: "application/rss+xml; charset=utf-8"))
    }

    @Test("an ISO-8859-1 declaration is read as windows-1252, so œ, € and typographic quotes survive")
    func latin1LabelReadsAsWindows1252() throws {
        let bytes = Self.windows1252Feed(declaration: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>")
        try Self.expectFrenchText(try DocumentParser.parse(bytes))
    }

    @Test("UTF-8 text with a few Latin-1 bytes pasted in keeps both")
    func mixedUTF8AndLatin1() throws {
        let bytes = Array("<rss version=\"2.0\"><channel><item><title>Été ".utf8) + [0xE0]
            + Array(" Sète</title></item></channel></rss>".utf8)
        #expect(try DocumentParser.parse(bytes).items.first?.title == "Été à Sète")
    }

    @Test("in windows-1252 text, a byte pair that happens to be valid UTF-8 is read as windows-1252 like the rest")
    func accidentalUTF8InWindows1252() throws {
        let bytes = Array("<rss version=\"2.0\"><channel><item><title>D".utf8) + [0xE9] + Array("j".utf8) + [0xE0]
            + Array(" l".utf8) + [0xE0] + Array(" : CR".utf8) + [0xCA, 0x92] + Array("PE</title></item></channel></rss>".utf8)
        #expect(try DocumentParser.parse(bytes).items.first?.title == "Déjà là : CRÊ’PE")
    }

    @Test("after an undefined HTML entity in raw XML, the entity and later escaped ampersands are decoded")
    func undefinedEntityKeepsLaterAmpersands() throws {
        let document = try DocumentParser.parse(Array("""
            <rss version="2.0"><channel>
              <item><title>Caf&eacute; &amp; th&eacute;</title><link>https://example.fr/a?x=1&amp;y=2</link></item>
              <item><title>R&amp;D</title><link>https://example.fr/b?x=1&amp;y=2</link>
                <description>un &amp; deux &lt;b&gt;gras&lt;/b&gt;</description></item>
            </channel></rss>
            """.utf8))
        #expect(document.items.map(\.title) == ["Café & thé", "R&D"])
        #expect(document.items.map(\.link) == ["https://example.fr/a?x=1&y=2", "https://example.fr/b?x=1&y=2"])
        #expect(document.items.last?.summaryText == "un & deux gras")
    }

    @Test("after a stray ampersand, it stays in the text and later escaped ampersands are decoded")
    func strayAmpersandKeepsLaterAmpersands() throws {
        let document = try DocumentParser.parse(Array("""
            <rss version="2.0"><channel>
              <item><title>AT&T et Procter & Gamble</title></item>
              <item><title>B &amp; C</title><link>https://example.fr/?a=1&amp;b=2</link></item>
            </channel></rss>
            """.utf8))
        #expect(document.items.map(\.title) == ["AT&T et Procter & Gamble", "B & C"])
        #expect(document.items.last?.link == "https://example.fr/?a=1&b=2")
    }

    @Test("after a mismatched tag, later escaped ampersands are still decoded")
    func mismatchedTagKeepsLaterAmpersands() throws {
        let document = try DocumentParser.parse(Array("""
            <rss version="2.0"><channel>
              <item><title>un</title><description>a <b>b</description></item>
              <item><title>x &amp; y</title><link>https://example.fr/?a=1&amp;b=2</link></item>
            </channel></rss>
            """.utf8))
        #expect(document.items.contains { $0.title == "x & y" && $0.link == "https://example.fr/?a=1&b=2" })
    }

    @Test("entities the document declares itself are expanded even when it is malformed elsewhere")
    func declaredEntitiesSurviveTheRewrite() throws {
        let document = try DocumentParser.parse(Array("""
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY site "Les &amp; Échos">]>
            <rss version="2.0"><channel><item><title>&site; &eacute;co</title></item></channel></rss>
            """.utf8))
        #expect(document.items.first?.title == "Les & Échos éco")
    }

    @Test("CDATA sections and comments are left as they are written")
    func cdataIsNotRewritten() throws {
        let document = try DocumentParser.parse(Array("""
            <rss version="2.0"><channel><item><title>&eacute;t&eacute;</title>
              <!-- &nbsp; -->
              <description><![CDATA[<p>a &amp; b &eacute;</p>]]></description></item></channel></rss>
            """.utf8))
        #expect(document.items.first?.title == "été")
        #expect(document.items.first?.summaryText == "a & b é")
    }

    @Test("an Atom feed wrapped in an XHTML page is read as a feed")
    func atomInsideXHTMLIsAFeed() throws {
        let document = try DocumentParser.parse(Array("""
            <?xml version="1.0" encoding="utf-8"?>
            <html xmlns="http://www.w3.org/1999/xhtml"><head><title>Page</title></head><body>
              <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Région</title>
                <entry><id>urn:1</id><title>Appel à projets</title><link href="https://example.fr/1"/></entry>
                <entry><id>urn:2</id><title>Subvention</title><link href="https://example.fr/2"/></entry>
              </feed>
            </body></html>
            """.utf8), url: "https://example.fr/feed")
        #expect(document.format == .atom)
        #expect(document.title == "Région")
        #expect(document.language == "fr")
        #expect(document.items.map(\.title) == ["Appel à projets", "Subvention"])
    }

    @Test("an HTML page that only mentions a feed stays a page")
    func pageMentioningFeedsStaysAPage() throws {
        let document = try DocumentParser.parse(Array("""
            <!DOCTYPE html><html><head><title>Flux</title><script>var tags = "<rss>" + "<feed>";</script></head>
            <body><p>Abonnez-vous à notre flux &lt;rss&gt;</p></body></html>
            """.utf8))
        #expect(document.format == .html)
    }

    @Test("a relative link read from a local file stays relative instead of becoming file://")
    func relativeLinkFromAFileStaysRelative() throws {
        let feed = Array("<rss version=\"2.0\"><channel><link>/</link><item><link>/posts/1</link></item></channel></rss>".utf8)
        let document = try DocumentParser.parse(feed, url: "file:///home/me/feed.xml")
        #expect(document.items.first?.link == "/posts/1")
        #expect(document.link == "/")
        let atom = Array("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><link href=\"post.html\"/></entry></feed>".utf8)
        #expect(try DocumentParser.parse(atom, url: "file:///tmp/a.atom").items.first?.link == "post.html")
        #expect(try DocumentParser.parse(atom).items.first?.link == "post.html")
    }

    @Test("a relative link in a fetched feed is resolved against the document URL")
    func relativeLinkFromTheWebIsResolved() throws {
        let feed = Array("<rss version=\"2.0\"><channel><item><link>posts/1</link></item></channel></rss>".utf8)
        let document = try DocumentParser.parse(feed, url: "https://example.fr/actu/feed.xml")
        #expect(document.items.first?.link == "https://example.fr/actu/posts/1")
    }
}
