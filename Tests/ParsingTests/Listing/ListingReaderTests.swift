import Foundation
import Model
@testable import Parsing
import Testing

/// Listing pages read with XPath selectors (`kind: listing`).
@Suite struct ListingReaderTests {
    static let page = """
        <!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Actualités - Préfecture du Rhône</title></head>
        <body><nav><a href="/">Accueil</a></nav>
        <div class="news">
          <article><h2>Aide à l'hydrogène : appel à projets</h2><a href="/Actualites/aide-hydrogene">Lire</a>
            <time datetime="2026-03-12T10:00:00+01:00">12 mars</time><p>La région lance un appel à projets.</p><p>Autre</p></article>
          <article><h2>  Sécheresse :   arrêté   </h2><a href="secheresse?a=1&amp;b=2">Lire</a><time datetime="5 mars 2026">5 mars</time></article>
          <article><h2>Sans lien</h2></article>
          <article><h2>Doublon</h2><a href="/Actualites/aide-hydrogene">Lire</a></article>
        </div></body></html>
        """

    static let selectors = ListingSelectors(
        items: "//div[@class='news']//article", title: ".//h2", link: ".//a/@href", date: ".//time/@datetime", summary: ".//p[1]")

    static func read(
        _ html: String, selectors: ListingSelectors = selectors, url: String? = "https://www.rhone.gouv.fr/Actualites/",
        limits: ListingLimits = ListingLimits()
    ) throws -> ParsedDocument {
        try ListingReader.parse(Array(html.utf8), url: url, contentType: "text/html; charset=utf-8", selectors: selectors, limits: limits)
    }

    @Test("Each selected element is an item with its title, resolved link as id, date and summary")
    func itemsAreRead() throws {
        let document = try Self.read(Self.page)
        #expect(document.format == .listing)
        #expect(document.title == "Actualités - Préfecture du Rhône")
        #expect(document.language == "fr")
        #expect(document.items.map(\.title) == ["Aide à l'hydrogène : appel à projets", "Sécheresse : arrêté"])
        #expect(document.items.map(\.link) == [
            "https://www.rhone.gouv.fr/Actualites/aide-hydrogene", "https://www.rhone.gouv.fr/Actualites/secheresse?a=1&b=2",
        ])
        #expect(document.items.map(\.id) == document.items.map(\.link))
        #expect(document.items.first?.published == ISO8601DateFormatter().date(from: "2026-03-12T09:00:00Z"))
        #expect(document.items.last?.published == ISO8601DateFormatter().date(from: "2026-03-05T00:00:00Z"))
        #expect(document.items.map(\.summaryText) == ["La région lance un appel à projets.", nil])
        #expect(document.truncation == nil)
    }

    @Test("A selector may compute a string, and <base> is the base of relative links")
    func computedValuesAndBase() throws {
        let html = """
            <html><head><base href="https://cci.example/news/"></head><body>
            <ul><li data-url="item-1"><span>  Salon   export </span></li></ul></body></html>
            """
        let selectors = ListingSelectors(items: "//li", title: "normalize-space(span)", link: "string(@data-url)")
        let item = try #require(try Self.read(html, selectors: selectors).items.first)
        #expect(item.title == "Salon export")
        #expect(item.link == "https://cci.example/news/item-1")
    }

    @Test("Links to javascript:, file:, mailto: and data: are dropped with their items")
    func nonWebLinksAreDropped() throws {
        let html = """
            <html><body>
            <p><a href="javascript:alert(1)">a</a></p><p><a href=" JavaScript:alert(1)">b</a></p>
            <p><a href="file:///etc/passwd">c</a></p><p><a href="mailto:x@example.org">d</a></p>
            <p><a href="data:text/html,hi">e</a></p><p><a href="/ok">f</a></p></body></html>
            """
        let selectors = ListingSelectors(items: "//p", title: "a", link: "a/@href")
        let document = try Self.read(html, selectors: selectors)
        #expect(document.items.map(\.title) == ["f"])
        #expect(document.items.map(\.link) == ["https://www.rhone.gouv.fr/ok"])
    }

    @Test("A link selector computing the whole page's text gives no link longer than a URL may be")
    func overlongLinksAreDropped() throws {
        let html = "<html><body><p><a href=\"/ok\">x</a></p><div>" + String(repeating: "mot ", count: 5_000) + "</div></body></html>"
        let long = ListingSelectors(items: "//p", title: "a", link: "concat('/', string(//div))")
        #expect(try Self.read(html, selectors: long).items.isEmpty)
        let short = ListingSelectors(items: "//p", title: "a", link: "a/@href")
        #expect(try Self.read(html, selectors: short).items.map(\.link) == ["https://www.rhone.gouv.fr/ok"])
    }

    @Test("A relative link in a local file stays relative instead of becoming a file: link")
    func localFileKeepsRelativeLinks() throws {
        let document = try Self.read(Self.page, url: "file:///tmp/actualites.html")
        #expect(document.items.first?.link == "/Actualites/aide-hydrogene")
    }

    @Test("An items selector matching 100,000 elements yields at most the item bound, quickly")
    func hugeNodeSetIsBounded() throws {
        let html = "<html><body>" + String(repeating: "<p><a href=\"/a\">x</a></p>", count: 100_000) + "</body></html>"
        let selectors = ListingSelectors(items: "//p", title: "a", link: "concat('/n/', count(preceding::p))")
        let document = try Self.read(html, selectors: selectors, limits: ListingLimits(maxItems: 50, maxOperations: 5_000_000, maxElements: 300_000))
        #expect(document.items.count <= 50)
        #expect(document.items.count > 0)
    }

    @Test("Selectors that would cost more operations than the budget stop with the items read so far, marked truncated")
    func operationBudgetStopsEvaluation() throws {
        let html = "<html><body>" + String(repeating: "<p><a href=\"/a\">x</a></p>", count: 5_000) + "</body></html>"
        // count(preceding::p) walks every earlier paragraph: quadratic in the page.
        let selectors = ListingSelectors(items: "//p", title: "a", link: "concat('/n/', count(preceding::p))")
        let document = try Self.read(html, selectors: selectors, limits: ListingLimits(maxItems: 5_000, maxOperations: 200_000))
        let cut = try #require(document.truncation)
        #expect(cut.reason.contains("200000 XPath operations"))
        #expect(!cut.endsMidDocument)
        #expect(document.items.count < 5_000)
    }

    @Test("A page nested 20,000 deep is read without running out of stack; what lies below libxml2's depth bound is left out")
    func deepTreeIsRead() throws {
        let html = "<html><body>" + String(repeating: "<div>", count: 20_000) + "<p><a href=\"/deep\">deep</a></p>"
            + String(repeating: "</div>", count: 20_000) + "</body></html>"
        let selectors = ListingSelectors(items: "//p", title: ".", link: "a/@href")
        let document = try Self.read(html, selectors: selectors)
        #expect(document.items.isEmpty)
        #expect(document.format == .listing)
    }

    @Test("An items selector computing a number says it must select elements")
    func itemsMustSelectNodes() throws {
        let selectors = ListingSelectors(items: "count(//article)", title: ".//h2", link: ".//a/@href")
        let document = try Self.read(Self.page, selectors: selectors)
        #expect(document.items.isEmpty)
        #expect(document.truncation?.reason == "the items selector 'count(//article)' computes a value; it must select elements")
    }

    @Test("A selector libxml2 cannot compile is an error naming it")
    func uncompilableSelectorThrows() {
        let selectors = ListingSelectors(items: "//div[@class='news'", title: ".//h2", link: ".//a/@href")
        #expect {
            try Self.read(Self.page, selectors: selectors)
        } throws: { error in
            "\(error)".contains("the items selector '//div[@class='news'' does not compile: Invalid predicate")
        }
    }

    @Test(
        "XPathCheck accepts selectors and locates the mistake in those it refuses",
        arguments: [
            ("//div[@class='news']//article", nil),
            (".//a/@href", nil),
            ("normalize-space(.//h2)", nil),
            ("//div[@class='news'", "Invalid predicate at character 20"),
            ("//a/@", "Invalid expression at character 6"),
            ("", "Invalid expression at character 1"),
        ] as [(String, String?)])
    func selectorsAreChecked(expression: String, problem: String?) {
        #expect(XPathCheck.problem(with: expression)?.description == problem)
    }

    @Test("A selector longer than the bound is refused before libxml2 sees it")
    func longSelectorIsRefused() {
        let problem = XPathCheck.problem(with: String(repeating: "/a", count: 2000))
        #expect(problem?.reason == "the expression is longer than 2048 bytes")
    }
}

/// Selectors cut at their descendant steps, and pages crafted against libxml2's quadratic merge.
@Suite struct DescendantStepTests {
    @Test(
        "A path is cut at its top-level // only, and left whole when a step could leave its context's subtree",
        arguments: [
            ("//div[@class='news']//article", DescendantSegments(head: "", tails: ["div[@class='news']", "article"])),
            ("/html/body//ul[@id='a']/li//a", DescendantSegments(head: "/html/body", tails: ["ul[@id='a']/li", "a"])),
            ("//div[.//p]//li[@title='a//b']", DescendantSegments(head: "", tails: ["div[.//p]", "li[@title='a//b']"])),
            ("//article", nil),
            ("//div/article", nil),
            ("//div//a | //p//a", nil),
            ("//div//a/..", nil),
            ("//div//ancestor::section", nil),
            ("(//div)[1]//a", nil),
        ] as [(String, DescendantSegments?)])
    func pathsAreCut(expression: String, expected: DescendantSegments?) {
        #expect(DescendantSegments.split(expression) == expected)
    }

    @Test("Items under nested matches are each selected once, in document order")
    func nestedMatchesGiveEachItemOnce() throws {
        let html = """
            <html><body><div class="news"><article><a href="/1">un</a></article>
            <div class="news"><article><a href="/2">deux</a></article><div class="news"><article><a href="/3">trois</a></article></div></div>
            <article><a href="/4">quatre</a></article></div><div class="other"><article><a href="/5">cinq</a></article></div></body></html>
            """
        let selectors = ListingSelectors(items: "//div[@class='news']//article", title: ".", link: "a/@href")
        let document = try ListingReaderTests.read(html, selectors: selectors)
        #expect(document.items.map(\.title) == ["un", "deux", "trois", "quatre"])
    }

    @Test("200 nested matches around 20,000 items are read without libxml2's quadratic merge")
    func nestedMatchesAroundManyItems() throws {
        let html = "<html><body>" + String(repeating: "<div class=\"news\">", count: 200)
            + (0..<20_000).map { "<article><a href=\"/\($0)\">\($0)</a></article>" }.joined()
            + String(repeating: "</div>", count: 200) + "</body></html>"
        let selectors = ListingSelectors(items: "//div[@class='news']//article", title: ".", link: "a/@href")
        let document = try ListingReaderTests.read(html, selectors: selectors, limits: ListingLimits(maxItems: 20_000))
        #expect(document.items.count == 20_000)
        #expect(document.items.last?.title == "19999")
        #expect(document.truncation == nil)
    }

    @Test("A page of more elements than the bound is cut, and says so")
    func elementBoundCutsThePage() throws {
        let html = "<html><body>" + (0..<1_000).map { "<p><a href=\"/\($0)\">\($0)</a></p>" }.joined() + "</body></html>"
        let selectors = ListingSelectors(items: "//p", title: ".", link: "a/@href")
        let document = try ListingReaderTests.read(html, selectors: selectors, limits: ListingLimits(maxElements: 101))
        #expect(document.items.map(\.title) == (0..<49).map { "\($0)" })
        #expect(document.truncation?.reason == "the page holds more than 101 elements; items after them were not read")
    }
}
