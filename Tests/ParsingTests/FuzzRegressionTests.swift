import Foundation
import Model
import Parsing
import Testing

/// The inputs `scripts/fuzz.sh` found breaking an invariant of the parser (docs/fuzzing.md), each
/// reduced by hand to a small document that fails without its fix.
@Suite("Fuzzing regressions")
struct FuzzRegressionTests {
    @Test("A French hour set in capitals reads like the lowercase one", arguments: [
        ("5 mars 2026 à 10H30", "5 mars 2026 à 10h30"),
        ("5 MARS 2026 À 10H", "5 mars 2026 à 10h"),
        ("LE 3 FÉVRIER 2026 À 9H05", "le 3 février 2026 à 9h05"),
        ("15 AOÛT 2025", "15 août 2025"),
    ])
    func frenchHourInCapitals(_ capitals: String, _ lowercase: String) throws {
        let expected = try #require(FeedDate.parse(lowercase))
        #expect(FeedDate.parse(capitals) == expected)
    }

    @Test("A feed link with a scheme other than http(s) gives way to the next candidate", arguments: [
        "javascript:alert(1)", "file:///etc/passwd", "t:pht//www.example.org/a", "data:text/html,x",
    ])
    func feedLinkWithOtherScheme(_ link: String) throws {
        let xml = """
            <rss version="2.0"><channel><title>T</title><link>\(link)</link>
            <item><title>A</title><link>\(link)</link><guid>https://example.org/a</guid></item></channel></rss>
            """
        let document = try DocumentParser.parse(Array(xml.utf8))
        #expect(document.link == nil)
        #expect(document.items.first?.link == "https://example.org/a")
    }

    @Test("An xml:base of file: is ignored: relative links resolve against the document URL")
    func xmlBaseOfFile() throws {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="file:///etc/"><title>T</title>
            <entry><title>A</title><link href="passwd"/></entry></feed>
            """
        let document = try DocumentParser.parse(Array(xml.utf8), url: "https://example.org/news/feed.xml")
        #expect(document.items.first?.link == "https://example.org/news/passwd")
    }

    @Test("A relative link in a local file stays relative rather than becoming a file link")
    func relativeLinkInALocalFile() throws {
        let xml = "<rss version=\"2.0\"><channel><item><title>A</title><link>articles/1</link></item></channel></rss>"
        let document = try DocumentParser.parse(Array(xml.utf8), url: "file:///home/veille/feed.xml")
        #expect(document.items.first?.link == "articles/1")
    }

    @Test("A page's <base> of file: is ignored and a javascript: feed is dropped")
    func htmlBaseOfOtherScheme() throws {
        let html = """
            <!DOCTYPE html><html><head><base href="file:///etc/"><title>Page</title>
            <link rel="canonical" href="passwd">
            <link rel="alternate" type="application/rss+xml" href="feed.xml">
            <link rel="alternate" type="application/atom+xml" href="javascript:alert(1)">
            </head><body><p>Du texte.</p></body></html>
            """
        let document = try DocumentParser.parse(Array(html.utf8), url: "https://example.org/page.html")
        #expect(document.items.first?.link == "https://example.org/passwd")
        #expect(document.discoveredFeeds == ["https://example.org/feed.xml"])
    }

    @Test("Control characters that libxml2's HTML parser passes through become spaces in text and links")
    func controlCharactersInAPage() throws {
        let html = """
            <!DOCTYPE html><html><head><title>Titre &amp; s\u{1B}</title>
            <link rel="alternate" type="application/rss+xml" href="https://example.org/feed\u{01}">
            <meta name="description" content="un\u{07}deux"></head><body><p>a\u{02}b</p></body></html>
            """
        let document = try DocumentParser.parse(Array(html.utf8))
        #expect(document.title == "Titre & s")
        #expect(document.discoveredFeeds == ["https://example.org/feed"])
        #expect(document.items.first?.summaryText == "un deux")
        // libxml2 drops a control in body text itself; none may come through either way.
        #expect(document.items.first?.contentText?.unicodeScalars.contains { $0.value < 0x20 } == false)
    }

    @Test("Paragraph containers that score alike give the first one's text at every parse")
    func tiedMainTextContainers() throws {
        let first = "Le premier bloc a exactement la même longueur que le second."
        let second = "Le second bloc a exactement la même longueur que le premier."
        #expect(first.count == second.count)
        let html = "<!DOCTYPE html><html><body><div><p>\(first)</p></div><div><p>\(second)</p></div></body></html>"
        for _ in 0..<20 {
            let document = try DocumentParser.parse(Array(html.utf8))
            #expect(document.items.first?.contentText == first)
        }
    }

    @Test("A lead byte without its continuation bytes does not swallow the newline after it")
    func truncatedUTF8SequenceBeforeNewline() throws {
        // Big5 bytes in a feed with no declaration, as in feedparser's illformed/chardet corpus, in a title
        // left open: 0xF6 claims three continuation bytes, and the newline is among the next three.
        let bytes = Array("<!--\nBig5, undeclared.\n-->\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>".utf8)
            + [0xA7, 0xDA, 0xA7, 0xC6, 0xB1, 0xE6, 0x3F, 0x3F, 0xAB, 0xDC, 0xAE, 0x65, 0xA9, 0xF6, 0x3F, 0xA8, 0x0A]
            + Array("</feed>".utf8)
        let document = try DocumentParser.parse(bytes)
        let title = try #require(document.title)
        #expect(!title.unicodeScalars.contains { $0.value < 0x20 })
        #expect(title == title.trimmingCharacters(in: .whitespaces))
    }
}
