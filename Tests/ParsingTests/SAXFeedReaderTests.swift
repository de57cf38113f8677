import Foundation
import Model
import Parsing
import Testing

/// The feed is read from libxml2's SAX2 events: items are mapped as they close, in document order.
@Suite struct SAXFeedReaderTests {
    @Test("an item left unclosed by a recoverable error keeps the items nested after it, in document order")
    func nestedItemsKeepDocumentOrder() throws {
        let xml = """
            <rss version="2.0"><channel><item><title>un</title><description>texte <b>gras</description>
            <item><title>deux</title></item><item><title>trois</title></item></channel></rss>
            """
        let document = try DocumentParser.parse(Array(xml.utf8))
        #expect(document.items.map(\.title) == ["un", "deux", "trois"])
    }

    @Test("an Atom feed's author, written after its entries, is the author of the entries that have none")
    func feedAuthorAfterEntries() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Flux</title>
            <entry><title>a</title><author><name>Propre</name></author></entry>
            <entry><title>b</title></entry>
            <author><name>Rédaction</name></author></feed>
            """
        let document = try DocumentParser.parse(Array(xml.utf8))
        #expect(document.items.map(\.author) == ["Propre", "Rédaction"])
    }

    @Test("internal entities declared by the document are expanded in text and attributes; references to '&' in attributes are decoded")
    func internalEntitiesAndAmpersandsInAttributes() throws {
        let xml = """
            <?xml version="1.0"?><!DOCTYPE feed [<!ENTITY org "Région Sud">]>
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Appel &org; ouvert</title>
            <link href="https://example.fr/?x=1&amp;y=2"/><category term="&org;"/></entry></feed>
            """
        let item = try #require(try DocumentParser.parse(Array(xml.utf8)).items.first)
        #expect(item.title == "Appel Région Sud ouvert")
        #expect(item.link == "https://example.fr/?x=1&y=2")
        #expect(item.categories == ["Région Sud"])
    }

    @Test("xml:base and xml:lang apply to everything below the element that carries them")
    func baseAndLanguageAreInherited() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr" xml:base="https://example.fr/flux/">
            <entry xml:base="articles/"><title>a</title><link href="un.html"/></entry></feed>
            """
        let document = try DocumentParser.parse(Array(xml.utf8))
        #expect(document.language == "fr")
        #expect(document.items.first?.link == "https://example.fr/flux/articles/un.html")
    }

    @Test("a text node larger than libxml2's own cap stops the read after the items before it, and the document says why")
    func hugeTextNodeStopsTheRead() throws {
        let huge = String(repeating: "x", count: 10_000_001)
        let xml = "<rss version=\"2.0\"><channel><item><title>un</title></item><item><description>\(huge)</description></item><item><title>trois</title></item></channel></rss>"
        let document = try DocumentParser.parse(Array(xml.utf8))
        #expect(document.items.first?.title == "un")
        #expect(!document.items.contains { $0.title == "trois" })
        #expect(document.truncation?.reason.contains("larger than") == true)
    }

    @Test("a feed of twenty thousand items is read whole, the last one included")
    func manyItems() throws {
        let items = (0..<20_000).map { "<item><title>n\($0)</title><description>&lt;p&gt;t&amp;eacute;\($0)&lt;/p&gt;</description></item>" }
        let xml = "<rss version=\"2.0\"><channel>\(items.joined())</channel></rss>"
        let document = try DocumentParser.parse(Array(xml.utf8))
        #expect(document.items.count == 20_000)
        #expect(document.items.last?.summaryText == "té19999")
    }
}
