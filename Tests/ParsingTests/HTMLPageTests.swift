import Foundation
import Model
import Parsing
import Testing

@Suite struct HTMLPageTests {
    static let page = """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
          <meta charset="utf-8">
          <title>Fallback title</title>
          <meta property="og:title" content="Réalité augmentée &amp; industrie">
          <meta name="description" content="Un résumé de la page.">
          <meta property="article:published_time" content="2026-03-05T10:30:00+01:00">
          <link rel="canonical" href="/articles/ra">
          <link rel="alternate" type="application/rss+xml" href="/feed.rss">
          <link rel="alternate" type="application/atom+xml" href="https://other.example/atom">
          <link rel="alternate" type="application/feed+json" href="feed.json">
          <link rel="alternate" hreflang="en" href="/en/">
          <style>body { color: red }</style>
        </head>
        <body>
          <header><nav><a href="/">Accueil</a> <a href="/tags">Tags</a></nav></header>
          <aside>Publicité sans rapport avec le sujet de cet article, répétée sur toutes les pages.</aside>
          <div class="content">
            <article>
              <h1>Réalité augmentée</h1>
              <p>La réalité augmentée s'installe dans les ateliers: des lunettes guident les opérateurs pas à pas.</p>
              <p>Les premiers retours montrent moins d'erreurs de montage et une formation plus rapide des équipes.</p>
              <script>var tracking = true;</script>
              <p>Reste la question du coût des équipements et de leur maintenance sur plusieurs années.</p>
            </article>
          </div>
          <footer>© Exemple</footer>
        </body>
        </html>
        """

    @Test func htmlPageYieldsMetadataMainTextAndDiscoveredFeeds() throws {
        let document = try DocumentParser.parse(
            Array(Self.page.utf8), url: "https://news.example/2026/03/ra?x=1", contentType: "text/html; charset=utf-8"
        )
        #expect(document.format == .html)
        #expect(document.language == "fr")
        #expect(document.title == "Réalité augmentée & industrie")
        #expect(document.discoveredFeeds == [
            "https://news.example/feed.rss", "https://other.example/atom", "https://news.example/2026/03/feed.json",
        ])
        let item = try #require(document.items.first)
        #expect(document.items.count == 1)
        #expect(item.link == "https://news.example/articles/ra")
        #expect(item.summaryText == "Un résumé de la page.")
        #expect(item.published == FeedDate.parse("2026-03-05T09:30:00Z"))
        let text = try #require(item.contentText)
        #expect(text.hasPrefix("Réalité augmentée La réalité augmentée s'installe"))
        #expect(text.hasSuffix("sur plusieurs années."))
        #expect(!text.contains("Accueil"))
        #expect(!text.contains("Publicité"))
        #expect(!text.contains("tracking"))
        #expect(!text.contains("Exemple"))
    }

    @Test func pageWithoutArticleUsesTheBlockWithTheMostParagraphText() throws {
        let html = """
            <html><head><title>Plain page</title><script type="application/ld+json">{"@type": "NewsArticle", "datePublished" : "2003-06-03T09:39:21Z"}</script></head><body>
            <div id="menu"><p>Short menu entry</p></div>
            <div id="story"><p>This is the first long paragraph of the story, with enough words to count.</p>
            <p>This is the second long paragraph of the story, also with enough words to count.</p></div>
            </body></html>
            """
        let document = try DocumentParser.parse(Array(html.utf8), url: "https://example.org/p")
        let item = try #require(document.items.first)
        #expect(item.title == "Plain page")
        #expect(item.link == "https://example.org/p")
        #expect(item.published == Date(timeIntervalSince1970: 1_054_633_161))
        #expect(item.contentText?.hasPrefix("This is the first long paragraph") == true)
        #expect(item.contentText?.contains("menu") == false)
    }

    @Test func plainTextFromHTMLDecodesEntitiesDropsScriptsAndSeparatesBlocks() {
        #expect(HTMLText.plainText(fromHTML: "<div>a</div><div>b<br>c</div><script>x()</script> &eacute;t&eacute;&nbsp;!") == "a b c été !")
        #expect(HTMLText.plainText(fromHTML: "  plain \n text  ") == "plain text")
        #expect(HTMLText.plainText(fromHTML: "AT&T <b>rocks</b>") == "AT&T rocks")
        #expect(HTMLText.plainText(fromHTML: "<meta charset=\"iso-8859-1\"><p>Café</p>") == "Café")
    }
}
