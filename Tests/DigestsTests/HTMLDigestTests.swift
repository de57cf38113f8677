import Digests
import Foundation
import Testing

@Suite("HTML digests")
struct HTMLDigestTests {
    @Test("A French digest has French labels, the French language and the page's metadata")
    func frenchPage() {
        let html = HTMLDigest.render(digest([entry("Un", score: 3.24, published: generated)]))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("<title>Veille du 26 novembre 2026 — Réalité étendue</title>"))
        #expect(html.contains("<h1>Veille du 26 novembre 2026 — Réalité étendue</h1>"))
        #expect(html.contains("Profil : xr (technologie) · 1 élément · généré le 26 novembre 2026 à 07:00 UTC"))
        #expect(html.contains("<time datetime=\"2026-11-26T07:00:00Z\">26 novembre 2026</time>"))
        #expect(html.contains("score 3.2"))
        #expect(html.contains("<span class=\"label\">Thèmes :</span> <span class=\"chip\">Casques</span>"))
        #expect(html.contains("<span class=\"label\">Termes :</span> <span class=\"terms\">réalité augmentée</span>"))
    }

    @Test("An English digest has English labels and the English language")
    func englishPage() {
        let html = HTMLDigest.render(digest(language: "en", [entry("One", score: 2)]))
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("<h1>Digest for November 26, 2026 — Réalité étendue</h1>"))
        #expect(html.contains("<span class=\"label\">Topics:</span>"))
        #expect(!html.contains("Thèmes"))
    }

    @Test("The page forbids every fetch and script through its content security policy")
    func contentSecurityPolicy() {
        let html = HTMLDigest.render(digest([entry("Un", score: 1)]))
        #expect(html.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;"))
    }

    @Test("Entries are ranked by score and numbered")
    func ranking() {
        let html = HTMLDigest.render(digest([entry("Faible", score: 1), entry("Fort", score: 5), entry("Moyen", score: 3)]))
        let order = ["Fort", "Moyen", "Faible"].compactMap { html.range(of: ">\($0)</a>")?.lowerBound }
        #expect(order.count == 3)
        #expect(order == order.sorted())
        #expect(html.contains("<span class=\"rank\">1</span>\n<div class=\"body\">\n<h2><a href=\"https://news.example/fort\""))
    }

    @Test("An empty digest says so", arguments: [("fr", "Aucun élément"), ("en", "No items")])
    func emptyDigest(language: String, sentence: String) {
        let html = HTMLDigest.render(digest(language: language, []))
        #expect(html.contains("<p class=\"empty\">\(sentence)"))
        #expect(!html.contains("<ol"))
    }

    @Test("Entries beyond the maximum are summarised with the Markdown's count line")
    func overflowIsCounted() {
        let html = HTMLDigest.render(digest(maxItems: 2, (1...5).map { entry("T\($0)", score: Double($0)) }))
        #expect(html.contains(">T5</a>") && html.contains(">T4</a>"))
        #expect(!html.contains(">T3</a>"))
        #expect(html.contains("<p class=\"more\">… et 3 autres éléments, dans le fichier JSON.</p>"))
    }

    @Test("Entries in no file are counted in the summary and after those only in the JSON")
    func omittedAreCounted() {
        var large = digest(maxItems: 2, (1...5).map { entry("T\($0)", score: Double($0)) })
        large.omittedEntries = 4
        let html = HTMLDigest.render(large)
        #expect(html.contains("9 éléments"))
        #expect(html.contains("<p class=\"more\">… et 4 éléments de moindre score, qui ne figurent dans aucun fichier.</p>"))
    }

    @Test("Links get rel=noopener noreferrer; a non-web link leaves the title as plain text")
    func links() {
        let html = HTMLDigest.render(digest([
            DigestEntry(title: "Web", link: "https://ok.example/a?b=1&c=2", source: "S", score: 2),
            DigestEntry(title: "Pas web", link: "ftp://files.example/x", source: "S", score: 1),
        ]))
        #expect(html.contains("<h2><a href=\"https://ok.example/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">Web</a></h2>"))
        #expect(html.contains("<h2>Pas web</h2>"))
        #expect(!html.contains("ftp:"))
    }

    @Test("The page loads nothing: the only URLs in it are the items' links")
    func noExternalReference() {
        let links = ["https://a.example/un", "http://b.example/deux", "https://c.example/trois"]
        let entries = links.enumerated().map { index, link in
            DigestEntry(title: "T\(index)", link: link, source: "S", score: Double(index), terms: ["mot"], snippet: "un mot")
        }
        let html = HTMLDigest.render(digest(entries))
        let references = html.matches(of: /(?i)\b(href|src|action|srcset|data)\s*=\s*"([^"]*)"/).map { String($0.output.2) }
        #expect(references.sorted() == links.sorted())
        let lowered = html.lowercased()
        for forbidden in ["<script", "src=", "url(", "@import", "<link", "<iframe", "<img", "<object", "<embed", "<base"] {
            #expect(!lowered.contains(forbidden), "found \(forbidden)")
        }
        var rest = html
        for link in links { rest = rest.replacingOccurrences(of: "\"\(link)\"", with: "") }
        #expect(!rest.contains("//"), "no other absolute or protocol-relative URL")
    }
}

@Suite("Highlighting matched words in HTML snippets")
struct HTMLHighlightTests {
    private func snippetHTML(_ snippet: String, highlights: [String]) -> String {
        let html = HTMLDigest.render(digest([DigestEntry(title: "T", source: "S", score: 1, snippet: snippet, highlights: highlights)]))
        guard let start = html.range(of: "<p class=\"snippet\">"), let end = html.range(of: "</p>", range: start.upperBound..<html.endIndex)
        else { return "" }
        return String(html[start.upperBound..<end.lowerBound])
    }

    @Test("Each matched spelling is marked as the text writes it")
    func matchedSpellings() {
        let html = snippetHTML("Les electrolyseurs, puis les ÉLECTROLYSEURS et les Électrolyseurs.", highlights: ["electrolyseurs", "ÉLECTROLYSEURS"])
        #expect(html == "Les <mark>electrolyseurs</mark>, puis les <mark>ÉLECTROLYSEURS</mark> et les Électrolyseurs.")
    }

    @Test("An accent written as a combining mark is the same surface")
    func decomposedAccent() {
        #expect(snippetHTML("des e\u{301}lectrolyseurs", highlights: ["électrolyseurs"]) == "des <mark>e\u{301}lectrolyseurs</mark>")
    }

    @Test("A stemmed plural is marked as written")
    func stemmedPlural() {
        #expect(snippetHTML("Deux subventions régionales", highlights: ["subventions"]) == "Deux <mark>subventions</mark> régionales")
    }

    @Test("A compound is marked whole, hyphen included")
    func compound() {
        #expect(snippetHTML("Le e-commerce progresse", highlights: ["e-commerce"]) == "Le <mark>e-commerce</mark> progresse")
    }

    @Test("The word after an elision is marked, not the elision")
    func elidedForm() {
        #expect(snippetHTML("Avenir de l'industrie navale", highlights: ["industrie"]) == "Avenir de l&#39;<mark>industrie</mark> navale")
    }

    @Test("Both words of a proximity pair are marked, not the words between")
    func nearPair() {
        #expect(snippetHTML("un camion roulant à l'hydrogène", highlights: ["camion", "hydrogène"])
            == "un <mark>camion</mark> roulant à l&#39;<mark>hydrogène</mark>")
    }

    @Test("A look-alike word is not marked, even when it contains a matched word")
    func lookAlikeNotMarked() {
        #expect(snippetHTML("Les exportations et l'export progressent", highlights: ["export"])
            == "Les exportations et l&#39;<mark>export</mark> progressent")
    }

    @Test("A matched phrase is marked across the punctuation between its words")
    func multiWordTerm() {
        #expect(snippetHTML("avec la team-France Export au salon", highlights: ["team-France Export"])
            == "avec la <mark>team-France Export</mark> au salon")
    }

    @Test("Overlapping surfaces give one highlight")
    func overlappingTerms() {
        #expect(snippetHTML("la réalité augmentée arrive", highlights: ["réalité augmentée", "augmentée"])
            == "la <mark>réalité augmentée</mark> arrive")
    }

    @Test("Text around and inside a highlight is escaped")
    func highlightEscapes() {
        #expect(snippetHTML("<b>export</b> & co", highlights: ["export"]) == "&lt;b&gt;<mark>export</mark>&lt;/b&gt; &amp; co")
    }
}

@Suite("HTML digests with hostile feed text")
struct HostileHTMLDigestTests {
    private let hostile = DigestEntry(
        title: "<script>alert(1)</script>\" onmouseover=\"alert(2)\u{202E}gpj.exe",
        link: "javascript:alert(3)", source: "<img src=x onerror=alert(4)>", score: 2,
        topics: ["<i>t</i>"], terms: ["<b>"],
        snippet: "&amp;lt;b&amp;gt; ' \u{2066}caché\u{2069}\u{0}\n</p><script>x</script>",
        highlights: ["caché"]
    )

    @Test("Markup in titles, sources, topics and snippets is escaped")
    func markupEscaped() {
        let html = HTMLDigest.render(digest([hostile]))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<img") && !html.contains("<i>") && !html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;alert(2)gpj.exe"))
        #expect(html.contains("&lt;img src=x onerror=alert(4)&gt;"))
        #expect(!html.contains("\" onmouseover"))
    }

    @Test("A javascript link is not emitted")
    func javascriptLinkDropped() {
        let html = HTMLDigest.render(digest([hostile]))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("<a "))
    }

    @Test("Entities in feed text are shown as written, not decoded")
    func brokenEntitiesStayLiteral() {
        let html = HTMLDigest.render(digest([hostile]))
        // The matched word `caché` is highlighted among the escaped entities.
        #expect(html.contains("&amp;amp;lt;b&amp;amp;gt; &#39; <mark>caché</mark> &lt;/p&gt;&lt;script&gt;x&lt;/script&gt;"))
    }

    @Test("Bidi and control characters are removed")
    func invisibleCharactersRemoved() {
        let html = HTMLDigest.render(digest([hostile]))
        #expect(!html.unicodeScalars.contains { [0x202E, 0x2066, 0x2069, 0].contains($0.value) })
    }

    @Test("A quote in a web link cannot leave the attribute")
    func quoteInLink() {
        let html = HTMLDigest.render(digest([
            DigestEntry(title: "T", link: "https://ok.example/a'b\"onmouseover=x", source: "S", score: 1),
        ]))
        #expect(!html.contains("\"onmouseover"))
        #expect(!html.contains("a'b"))
    }
}
