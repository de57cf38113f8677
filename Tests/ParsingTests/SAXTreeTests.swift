import Foundation
import Model
import Parsing
import Testing

/// The builder's tree drops each item once mapped, cutting its arrays back to where the item began: what an
/// item held (its text, attributes, `xml:base` and `xml:lang`) must never leak into the items after it.
@Suite struct SAXTreeTests {
    @Test("an item's xml:base, xml:lang and text are gone once it is mapped; the next item reads only its own")
    func droppedItemLeavesNothingBehind() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.fr/flux/"><title>Flux</title>
            <entry xml:base="https://autre.example/a/" xml:lang="en"><title>un <b>gras</b></title><link href="un.html"/>
            <category term="x"/></entry>
            <entry><title>deux</title><link href="deux.html"/></entry>
            <entry xml:lang="de"><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>drei</p></div></title>
            <link href="drei.html"/></entry>
            <entry><title>quatre</title><link href="quatre.html"/></entry></feed>
            """
        let items = try DocumentParser.parse(Array(xml.utf8)).items
        #expect(items.map(\.title) == ["un gras", "deux", "drei", "quatre"])
        #expect(items.map(\.link) == [
            "https://autre.example/a/un.html", "https://example.fr/flux/deux.html", "https://example.fr/flux/drei.html",
            "https://example.fr/flux/quatre.html",
        ])
        #expect(items.map(\.categories) == [["x"], [], [], []])
    }

    @Test("text around an item, before and after it, stays with the element that holds it")
    func textAroundADroppedItemStays() throws {
        let xml = """
            <rss version="2.0"><channel><title>Titre <![CDATA[du]]> <item><title>un</title></item> flux</title>
            <item><title>deux</title><description>texte &amp; suite</description></item></channel></rss>
            """
        var feedTitles: [String?] = []
        let document = try DocumentParser.parse(Array(xml.utf8)) { _, title in feedTitles.append(title) }
        #expect(document.title == "Titre du flux")
        #expect(feedTitles == ["Titre du flux", "Titre du flux"])
    }

    @Test("many items, each with its own text, are read each with its own and only its own")
    func manyItemsKeepTheirOwnText() throws {
        let items = (0..<2_000).map { "<item><title>titre \($0)</title><description>&lt;p&gt;texte \($0) é&lt;/p&gt;</description></item>" }
        let xml = "<rss version=\"2.0\"><channel><title>F</title>\(items.joined(separator: "\n"))</channel></rss>"
        let parsed = try DocumentParser.parse(Array(xml.utf8)).items
        #expect(parsed.count == 2_000)
        #expect(parsed.enumerated().allSatisfy { index, item in item.title == "titre \(index)" && item.summaryText == "texte \(index) é" })
    }

    @Test("an element is found by its name and namespace together, the namespace by URI, however its prefix or case reads")
    func namesAreMatchedWithTheirNamespace() throws {
        let xml = """
            <rss version="2.0" xmlns:x="http://example.org/other" xmlns:DC="HTTP://PURL.ORG/DC/ELEMENTS/1.1"
            xmlns:dcterms="http://purl.org/dc/terms/"><channel><title>F</title>
            <item><x:title>étranger</x:title><dcterms:title>termes</dcterms:title><DC:title>dublin</DC:title>
            <x:author>non</x:author><creator>non plus</creator><DC:creator>Rédaction</DC:creator><link>https://example.fr/a</link></item>
            <item><title>rss</title><DC:title>dublin</DC:title><undeclared:author>inconnu</undeclared:author></item>
            </channel></rss>
            """
        let items = try DocumentParser.parse(Array(xml.utf8)).items
        #expect(items.map(\.title) == ["dublin", "rss"])
        #expect(items.map(\.author) == ["Rédaction", nil])
        #expect(items.first?.link == "https://example.fr/a")
    }
}
