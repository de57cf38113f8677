import Foundation
import Model
import Parsing
import Testing

/// The Media RSS, Dublin Core, iTunes and content modules, in RSS and Atom.
@Suite struct FeedExtensionTests {
    static func parse(_ xml: String) throws -> ParsedDocument {
        try DocumentParser.parse(Array(xml.utf8))
    }

    @Test("a YouTube-style Atom entry takes its description from media:group")
    func mediaGroupDescriptionIsTheSummary() throws {
        let document = try Self.parse("""
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
              <entry><id>yt:video:1</id><title>Vidéo</title>
                <media:group><media:title>Vidéo</media:title><media:description>Présentation du plan vélo</media:description></media:group>
              </entry>
            </feed>
            """)
        #expect(document.items.first?.summaryText == "Présentation du plan vélo")
    }

    @Test("an RSS item without title or description takes media:title and media:description, HTML when typed so")
    func mediaTitleAndDescriptionAreFallbacks() throws {
        let document = try Self.parse("""
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><item>
              <media:content url="https://example.fr/v.mp4"><media:title>Reportage</media:title></media:content>
              <media:description type="html">&lt;p&gt;Un &lt;b&gt;reportage&lt;/b&gt;&lt;/p&gt;</media:description>
            </item></channel></rss>
            """)
        #expect(document.items.first?.title == "Reportage")
        #expect(document.items.first?.summaryText == "Un reportage")
    }

    @Test("Dublin Core gives the title, creator, date, description and subjects, namespace declared without its slash")
    func dublinCoreFields() throws {
        let document = try Self.parse("""
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1"><channel><dc:title>Préfecture</dc:title><item>
              <dc:title>Arrêté préfectoral</dc:title><dc:creator>Préfecture</dc:creator>
              <dc:date>2024-05-02T08:30:00+02:00</dc:date><dc:description>Texte</dc:description>
              <dc:subject>environnement</dc:subject>
            </item></channel></rss>
            """)
        #expect(document.title == "Préfecture")
        let item = try #require(document.items.first)
        #expect(item.title == "Arrêté préfectoral")
        #expect(item.author == "Préfecture")
        #expect(item.published == Date(timeIntervalSince1970: 1_714_631_400))
        #expect(item.updated == item.published, "dc:date is the item's one date: its publication and latest state")
        #expect(item.summaryText == "Texte")
        #expect(item.categories == ["environnement"])
    }

    @Test("content:encoded is the content and a podcast's itunes:summary beside a description is content too")
    func contentEncodedAndITunesSummary() throws {
        let document = try Self.parse("""
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content" xmlns:itunes="http://www.itunes.com/DTDs/Podcast-1.0.dtd">
            <channel>
              <item><description>Court</description><content:encoded><![CDATA[<p>Long <i>texte</i></p>]]></content:encoded></item>
              <item><description>Épisode 3</description><itunes:summary>Notes de l'épisode 3</itunes:summary></item>
              <item><itunes:summary>Seul résumé</itunes:summary></item>
            </channel></rss>
            """)
        #expect(document.items.map(\.summaryText) == ["Court", "Épisode 3", "Seul résumé"])
        #expect(document.items.map(\.contentText) == ["Long texte", "Notes de l'épisode 3", nil])
    }

    @Test("categories keep their terms in document order, whatever their scheme or domain")
    func categoriesWithSchemes() throws {
        let rss = try Self.parse("""
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
            <channel><item>
              <category domain="https://example.fr/rubriques">Économie</category>
              <media:category scheme="urn:iptc">04000000</media:category>
              <itunes:category text="News"><itunes:category text="Politics"/></itunes:category>
              <itunes:keywords>budget, région ,</itunes:keywords>
            </item></channel></rss>
            """)
        #expect(rss.items.first?.categories == ["Économie", "04000000", "News", "Politics", "budget", "région"])
        let atom = try Self.parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><entry>
              <category term="industrie" scheme="https://example.fr/tags" label="Industrie"/><category scheme="x"/>
            </entry></feed>
            """)
        #expect(atom.items.first?.categories == ["industrie"])
    }

    @Test("enclosures come from RSS enclosure, Atom rel=enclosure links and media:content, resolved, each URL once")
    func enclosures() throws {
        let rss = try DocumentParser.parse(Array("""
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><item>
              <enclosure url="/audio/ep1.mp3" type="audio/mpeg" length="12345"/>
              <media:content url="https://example.fr/audio/ep1.mp3" type="audio/mpeg" fileSize="12345"/>
              <media:group><media:content url="https://example.fr/v.mp4" type="video/mp4" fileSize="-1"/></media:group>
              <enclosure url="  " length="x"/>
            </item></channel></rss>
            """.utf8), url: "https://example.fr/podcast.xml")
        #expect(rss.items.first?.enclosures == [
            Enclosure(url: "https://example.fr/audio/ep1.mp3", type: "audio/mpeg", length: 12345),
            Enclosure(url: "https://example.fr/v.mp4", type: "video/mp4"),
        ])
        let atom = try Self.parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><entry>
              <link href="https://example.fr/a"/>
              <link rel="enclosure" href="https://example.fr/rapport.pdf" type="application/pdf" length="2048"/>
            </entry></feed>
            """)
        #expect(atom.items.first?.link == "https://example.fr/a")
        #expect(atom.items.first?.enclosures == [Enclosure(url: "https://example.fr/rapport.pdf", type: "application/pdf", length: 2048)])
    }

    @Test("an Atom link written as text, as some Atom 0.3 generators did, is the link")
    func atomLinkAsText() throws {
        let document = try Self.parse("""
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry>
              <link rel="alternate" type="text/html">https://example.fr/a</link>
            </entry></feed>
            """)
        #expect(document.items.first?.link == "https://example.fr/a")
    }

    @Test("a feed root in an unknown namespace is read as Atom, as early drafts wrote it")
    func atomInAnotherNamespace() throws {
        let document = try Self.parse("""
            <feed version="0.3" xmlns="http://example.com/newformat#"><title>Ancien</title><entry><title>Un</title></entry></feed>
            """)
        #expect(document.format == .atom)
        #expect(document.title == "Ancien")
        #expect(document.items.map(\.title) == ["Un"])
    }
}
