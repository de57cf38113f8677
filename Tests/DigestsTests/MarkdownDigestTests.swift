import Digests
import Foundation
import Testing

@Suite("Markdown digests")
struct MarkdownDigestTests {
    @Test("Entries are ranked by score, then by most recent date")
    func ranking() {
        let older = generated.addingTimeInterval(-86_400)
        let markdown = MarkdownDigest.render(digest([
            entry("Faible", score: 1.0),
            entry("Ancien", score: 3.0, published: older),
            entry("Fort", score: 5.0),
            entry("Récent", score: 3.0, published: generated),
        ]))
        let order = ["Fort", "Récent", "Ancien", "Faible"].compactMap { markdown.range(of: "[\($0)]")?.lowerBound }
        #expect(order.count == 4)
        #expect(order == order.sorted())
        #expect(markdown.contains("1. [Fort](https://news.example/fort) — Exemple · score 5.0"))
    }

    @Test("A weekly digest is titled by its ISO week, in French and in English, in Markdown and HTML")
    func weeklyTitle() {
        let french = digest(period: "2026-W49", [entry("Un", score: 3.0)])
        #expect(MarkdownDigest.render(french).hasPrefix("# Veille de la semaine 49 de 2026 — Réalité étendue\n"))
        #expect(HTMLDigest.render(french).contains("<h1>Veille de la semaine 49 de 2026 — Réalité étendue</h1>"))
        let english = digest(period: "2026-W01", language: "en", [entry("One", score: 3.0)])
        #expect(MarkdownDigest.render(english).hasPrefix("# Digest for week 1 of 2026 — Réalité étendue\n"))
    }

    @Test("French labels are the default")
    func frenchLabels() {
        let markdown = MarkdownDigest.render(digest([entry("Un", score: 3.24, published: generated)]))
        #expect(markdown.hasPrefix("# Veille du 26 novembre 2026 — Réalité étendue\n"))
        #expect(markdown.contains("— Exemple, 26 novembre 2026 · score 3.2"))
        #expect(markdown.contains("Termes : réalité augmentée · Thèmes : Casques"))
        #expect(markdown.contains("1 élément"))
    }

    @Test("English labels when the digest is in English")
    func englishLabels() {
        let markdown = MarkdownDigest.render(digest(language: "en", [entry("One", score: 2)]))
        #expect(markdown.hasPrefix("# Digest for November 26, 2026 — Réalité étendue\n"))
        #expect(markdown.contains("Terms: réalité augmentée · Topics: Casques"))
        #expect(!markdown.contains("Termes"))
    }

    @Test("An empty digest says so", arguments: [("fr", "Aucun élément."), ("en", "No items.")])
    func emptyDigest(language: String, sentence: String) {
        let markdown = MarkdownDigest.render(digest(language: language, []))
        #expect(markdown.hasSuffix(sentence + "\n"))
        #expect(!markdown.contains("1. "))
    }

    @Test("Entries beyond the maximum are summarised as a count")
    func overflowIsCounted() {
        let entries = (1...5).map { entry("T\($0)", score: Double($0)) }
        let markdown = MarkdownDigest.render(digest(maxItems: 2, entries))
        #expect(markdown.contains("[T5]") && markdown.contains("[T4]"))
        #expect(!markdown.contains("[T3]"))
        #expect(markdown.contains("… et 3 autres éléments, dans le fichier JSON."))
    }

    @Test("Entries in no file are counted in the header and after those only in the JSON")
    func omittedAreCounted() {
        var large = digest(maxItems: 2, (1...5).map { entry("T\($0)", score: Double($0)) })
        large.omittedEntries = 4
        let markdown = MarkdownDigest.render(large)
        #expect(markdown.contains("9 éléments"))
        #expect(markdown.hasSuffix("… et 3 autres éléments, dans le fichier JSON.\n… et 4 éléments de moindre score, qui ne figurent dans aucun fichier.\n"))
    }

    @Test("A hostile title is escaped and its javascript link dropped")
    func hostileTitle() {
        let hostile = DigestEntry(
            title: "<script>alert(1)</script>](javascript:alert(1)) \u{202E}gpj.exe",
            link: "javascript:alert(1)", source: "Evil\u{7}", score: 1,
            snippet: "line one\n# not a heading\u{200F} *bold* [x](javascript:y)"
        )
        let markdown = MarkdownDigest.render(digest([hostile]))
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("\\<script\\>"))
        #expect(markdown.contains("\\]\\(javascript:alert\\(1\\)\\)"))
        #expect(!markdown.contains("](javascript"))
        #expect(!markdown.contains("(javascript:alert(1))"))
        #expect(!markdown.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{200F}" || $0 == "\u{7}" })
        #expect(markdown.contains("> line one \\# not a heading \\*bold\\* \\[x\\]\\(javascript:y\\)"))
    }

    @Test("A snippet starting with a number and a dot does not turn into a list")
    func leadingOrdinalIsEscaped() {
        let markdown = MarkdownDigest.render(digest([DigestEntry(title: "T", source: "S", score: 1, snippet: "2026. Une année record")]))
        #expect(markdown.contains("> 2026\\. Une année record"))
    }

    @Test("A bracket hidden behind a combining mark is still escaped")
    func combiningMarkDoesNotHideSyntax() {
        let markdown = MarkdownDigest.render(digest([DigestEntry(title: "[\u{301}x](https://evil.example)", source: "S", score: 1)]))
        #expect(markdown.contains("1. \\[\u{301}x\\]\\(https://evil.example\\) — S"))
    }

    @Test("Only http and https links are emitted", arguments: [
        ("https://ok.example/a", true), ("HTTP://ok.example/a", true), ("javascript:alert(1)", false),
        ("data:text/html,x", false), ("file:///etc/passwd", false), ("//ok.example/a", false), ("vbscript:x", false),
    ])
    func linkSchemes(link: String, emitted: Bool) {
        let markdown = MarkdownDigest.render(digest([DigestEntry(title: "T", link: link, source: "S", score: 1)]))
        #expect(markdown.contains("[T](") == emitted)
        #expect(markdown.contains("1. T — S") == !emitted)
    }

    @Test("Link characters that would end the destination are percent-encoded")
    func linkDestinationEncoded() {
        let markdown = MarkdownDigest.render(digest([DigestEntry(title: "T", link: "https://ok.example/a_(b)", source: "S", score: 1)]))
        #expect(markdown.contains("[T](https://ok.example/a_%28b%29)"))
    }

    @Test("A long snippet is cut with an ellipsis")
    func longSnippetIsCut() {
        let words = Array(repeating: "mot", count: 200).joined(separator: " ")
        let markdown = MarkdownDigest.render(digest([entry("T", score: 1, snippet: words)]))
        let quote = markdown.split(separator: "\n").first { $0.contains("> mot") }
        #expect(quote?.hasSuffix("mot…") == true)
        #expect((quote?.count ?? .max) < 300)
    }
}
