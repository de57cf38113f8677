import Foundation
import Model
import Parsing
import Testing

@Suite struct RSSParsingTests {
    static func parse(_ xml: String, url: String? = nil) throws -> ParsedDocument {
        try DocumentParser.parse(Array(xml.utf8), url: url)
    }

    @Test func rss2ChannelAndItemFieldsAreMapped() throws {
        let document = try Self.parse("""
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel>
                <title>Liftoff News</title>
                <link>http://liftoff.msfc.nasa.gov/</link>
                <language>en-us</language>
                <item>
                  <title>Star City</title>
                  <link>http://liftoff.msfc.nasa.gov/news/2003/news-starcity.asp</link>
                  <guid>http://liftoff.msfc.nasa.gov/2003/06/03.html#item573</guid>
                  <pubDate>Tue, 03 Jun 2003 09:39:21 GMT</pubDate>
                  <author>editor@example.com (Jane)</author>
                  <description>How do Americans get ready?</description>
                  <category>Space</category>
                  <dc:subject>Russia</dc:subject>
                </item>
              </channel>
            </rss>
            """)
        #expect(document.format == .rss)
        #expect(document.title == "Liftoff News")
        #expect(document.link == "http://liftoff.msfc.nasa.gov/")
        #expect(document.language == "en-us")
        #expect(document.items == [FeedItem(
            id: "http://liftoff.msfc.nasa.gov/2003/06/03.html#item573",
            title: "Star City",
            link: "http://liftoff.msfc.nasa.gov/news/2003/news-starcity.asp",
            published: Date(timeIntervalSince1970: 1_054_633_161),
            author: "editor@example.com (Jane)",
            summaryText: "How do Americans get ready?",
            categories: ["Space", "Russia"]
        )])
    }

    @Test func contentEncodedInCDATABecomesPlainText() throws {
        let document = try Self.parse("""
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item>
              <title>t</title>
              <content:encoded><![CDATA[<p>First&nbsp;paragraph with <b>bold</b>.</p><script>alert(1)</script><style>p{}</style><p>Second<br/>line &amp; more</p>]]></content:encoded>
            </item></channel></rss>
            """)
        #expect(document.items.first?.contentText == "First paragraph with bold. Second line & more")
    }

    @Test func escapedHTMLInDescriptionBecomesPlainText() throws {
        let document = try Self.parse("""
            <rss version="2.0"><channel><item>
              <description>&lt;p&gt;Caf&amp;eacute; &lt;a href="x"&gt;link&lt;/a&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;one&lt;/li&gt;&lt;li&gt;two&lt;/li&gt;&lt;/ul&gt;</description>
            </item></channel></rss>
            """)
        #expect(document.items.first?.summaryText == "Café link one two")
    }

    @Test func oneMalformedItemAmongThreeStillYieldsTheGoodOnes() throws {
        let document = try Self.parse("""
            <rss version="2.0"><channel>
              <item><title>first</title><link>http://example.com/1</link></item>
              <item><title>broken & <b>unclosed</title><link>http://example.com/2</link></item>
              <item><title>third</title><link>http://example.com/3</link></item>
            </channel></rss>
            """)
        let titles = document.items.compactMap(\.title)
        #expect(titles.contains("first"))
        #expect(titles.contains("third"))
    }

    @Test func permalinkGUIDIsTheLinkWhenThereIsNoLinkElement() throws {
        let document = try Self.parse("""
            <rss version="2.0"><channel>
              <item><guid>http://example.com/a</guid></item>
              <item><guid isPermaLink="false">http://example.com/b</guid></item>
            </channel></rss>
            """)
        #expect(document.items.map(\.link) == ["http://example.com/a", nil])
    }

    @Test func relativeLinksResolveAgainstTheDocumentURL() throws {
        let document = try Self.parse(
            "<rss version=\"2.0\"><channel><item><link>/posts/1</link></item></channel></rss>",
            url: "https://example.org/feed.xml"
        )
        #expect(document.items.first?.link == "https://example.org/posts/1")
    }

    @Test func internalEntitiesDeclaredInTheDocumentAreExpanded() throws {
        let document = try Self.parse("""
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY eacute "&#233;"><!ENTITY site "Caf&eacute; news">]>
            <rss version="2.0"><channel><item><title>&site; du jour</title></item></channel></rss>
            """)
        #expect(document.items.first?.title == "Café news du jour")
    }

    @Test func rdfFeedIsReadWithRDFAboutAsIdentifier() throws {
        let document = try Self.parse("""
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                     xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="http://example.org/"><title>RDF site</title><link>http://example.org/</link>
                <dc:language>fr</dc:language></channel>
              <item rdf:about="http://example.org/item/1">
                <title>Item one</title><link>http://example.org/item/1</link>
                <dc:date>2003-06-03T11:39:21+02:00</dc:date><dc:creator>Jean</dc:creator>
              </item>
            </rdf:RDF>
            """)
        #expect(document.format == .rdf)
        #expect(document.title == "RDF site")
        #expect(document.language == "fr")
        #expect(document.items == [FeedItem(
            id: "http://example.org/item/1", title: "Item one", link: "http://example.org/item/1",
            published: Date(timeIntervalSince1970: 1_054_633_161), updated: Date(timeIntervalSince1970: 1_054_633_161),
            author: "Jean"
        )])
    }
}
