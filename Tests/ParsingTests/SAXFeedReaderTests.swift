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

/// Items handed out one by one (`DocumentParser.parse(_:eachItem:)`) are those of the one-shot parse, in
/// the same order, each with the feed's final title.
@Suite struct ItemStreamTests {
    private func streamed(_ xml: String) throws -> (items: [FeedItem], titles: [String?], document: ParsedDocument) {
        var items: [FeedItem] = []
        var titles: [String?] = []
        let document = try DocumentParser.parse(Array(xml.utf8)) { item, title in
            items.append(item)
            titles.append(title)
        }
        return (items, titles, document)
    }

    @Test("an RSS channel's title written after its items reaches every item, and the document comes back without items")
    func channelTitleAfterItems() throws {
        let xml = """
            <rss version="2.0"><channel><item><title>un</title></item><item><title>deux</title></item>
            <title>Le flux</title></channel></rss>
            """
        let (items, titles, document) = try streamed(xml)
        #expect(items.map(\.title) == ["un", "deux"])
        #expect(titles == ["Le flux", "Le flux"])
        #expect(document.title == "Le flux")
        #expect(document.items.isEmpty)
    }

    @Test("an Atom feed's author written after its entries fills the entries without one; the title comes first")
    func atomAuthorAfterEntries() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Flux</title>
            <entry><title>a</title><author><name>Propre</name></author></entry>
            <entry><title>b</title></entry>
            <author><name>Rédaction</name></author></feed>
            """
        let (items, titles, _) = try streamed(xml)
        #expect(items.map(\.author) == ["Propre", "Rédaction"])
        #expect(titles == ["Flux", "Flux"])
    }

    @Test("a malformed feed read twice hands each item out once, as the one-shot parse reads it")
    func malformedFeedHandsOutEachItemOnce() throws {
        let xml = """
            <rss version="2.0"><channel><title>T</title><item><title>un &amp; deux</title><link>https://a.fr/?x=1&amp;y=2</link></item>
            <item><title>caf&eacute;</title><link>https://a.fr/?x=3&amp;y=4</link></item>
            <item><title>trois</title><link>https://a.fr/?x=5&amp;y=6</link></item></channel></rss>
            """
        let (items, _, _) = try streamed(xml)
        let oneShot = try DocumentParser.parse(Array(xml.utf8))
        #expect(items == oneShot.items)
        #expect(items.map(\.title) == ["un & deux", "café", "trois"])
        #expect(items.map(\.link) == ["https://a.fr/?x=1&y=2", "https://a.fr/?x=3&y=4", "https://a.fr/?x=5&y=6"])
    }

    @Test("text split across the parser's input chunks, multibyte characters and CDATA included, is read whole")
    func textAcrossChunks() throws {
        // Each item is 1,000 bytes or so, so that chunk edges fall everywhere in the items, inside characters too.
        let word = "é€😀a"
        let items = (0..<300).map { index in
            let text = String(repeating: word, count: 40 + index % 7)
            return "<item><title>\(index) \(text)</title><description><![CDATA[<p>\(text)</p>]]></description></item>"
        }
        let xml = "<rss version=\"2.0\"><channel><title>T</title>\(items.joined(separator: "\n"))</channel></rss>"
        let (streamedItems, _, document) = try streamed(xml)
        #expect(document.truncation == nil)
        #expect(streamedItems.count == 300)
        for (index, item) in streamedItems.enumerated() {
            let text = String(repeating: word, count: 40 + index % 7)
            #expect(item.title == "\(index) \(text)")
            #expect(item.summaryText == text)
        }
    }
}
