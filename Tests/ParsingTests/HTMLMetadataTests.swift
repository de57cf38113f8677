import Foundation
import Model
import Parsing
import Testing

/// A page's metadata from JSON-LD, Open Graph and `<time datetime>`, in that order of trust.
@Suite struct HTMLMetadataTests {
    static func item(_ head: String, body: String = "<p>Texte.</p>") throws -> FeedItem {
        let html = "<!DOCTYPE html><html><head><title>Titre - Le Site</title>\(head)</head><body>\(body)</body></html>"
        return try #require(try DocumentParser.parse(Array(html.utf8), url: "https://site.example/a").items.first)
    }

    static func date(_ text: String) -> Date? { ISO8601DateFormatter().date(from: text) }

    @Test("A JSON-LD NewsArticle in @graph gives headline, dates, authors and description")
    func jsonLDArticleInGraph() throws {
        let item = try Self.item("""
            <meta property="og:title" content="Titre du partage - Le Site">
            <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
              {"@type": "WebSite", "name": "Le Site"},
              {"@type": ["NewsArticle"], "headline": "Plan hydrogène : la région s&#39;engage",
               "datePublished": "2026-03-12T10:00:00+01:00", "dateModified": "2026-03-13T08:00:00Z",
               "author": [{"@type": "Person", "name": "Anne Martin"}, "Paul Durand"],
               "description": "Un plan de 40 millions."}]}</script>
            """)
        #expect(item.title == "Plan hydrogène : la région s'engage")
        #expect(item.published == Self.date("2026-03-12T09:00:00Z"))
        #expect(item.updated == Self.date("2026-03-13T08:00:00Z"))
        #expect(item.author == "Anne Martin, Paul Durand")
        #expect(item.summaryText == "Un plan de 40 millions.")
    }

    @Test("Invalid JSON-LD still gives its headline, escapes decoded, and its date")
    func invalidJSONLDIsScanned() throws {
        let item = try Self.item("""
            <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Sou\\u010dka \\"vainqueur\\" \\ud83d\\ude00",
            "datePublished": "2026-03-12", "description": "une ligne
            coupée"}</script>
            """)
        #expect(item.title == "Součka \"vainqueur\" 😀")
        #expect(item.published == Self.date("2026-03-12T00:00:00Z"))
    }

    @Test("Without JSON-LD, Open Graph comes before <title>, and the first <time datetime> dates the page")
    func openGraphAndTime() throws {
        let item = try Self.item(
            #"<meta property="og:title" content="Titre du partage"><meta property="og:description" content="Résumé.">"#,
            body: #"<p>Publié le <time datetime="2026-02-01T12:00:00Z">1er février</time></p>"#)
        #expect(item.title == "Titre du partage")
        #expect(item.summaryText == "Résumé.")
        #expect(item.published == Self.date("2026-02-01T12:00:00Z"))
    }

    @Test("JSON-LD that is not an article, nested 10,000 deep or larger than the bound is passed over")
    func hostileJSONLDIsPassedOver() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let huge = "{\"@type\": \"NewsArticle\", \"headline\": \"" + String(repeating: "x", count: 1 << 20) + "\"}"
        let item = try Self.item("""
            <script type="application/ld+json">\(deep)</script>
            <script type="application/ld+json">{"@type": "Organization", "name": "Le Site"}</script>
            <script type="application/ld+json">\(huge)</script>
            <meta property="og:title" content="Titre du partage">
            """)
        #expect(item.title == "Titre du partage")
    }
}
