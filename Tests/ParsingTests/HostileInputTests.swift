import Foundation
import Model
import Parsing
import Testing

@Suite struct HostileInputTests {
    @Test func externalEntityToALocalFileIsNotExpanded() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><item><title>before &xxe; after</title><description>&xxe;</description></item></channel></rss>
            """
        let document = try DocumentParser.parse(Array(xml.utf8))
        let item = try #require(document.items.first)
        #expect(item.title == "before after")
        #expect(!(item.summaryText ?? "").contains("root:"))
    }

    @Test func billionLaughsEndsWithBoundedOutputOrAnError() {
        var doctype = "<!ENTITY lol \"lol\">"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            doctype += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [\(doctype)]><rss><channel><item><title>&lol9;</title></item></channel></rss>"
        do {
            let document = try DocumentParser.parse(Array(xml.utf8))
            let title = document.items.first?.title ?? ""
            #expect(title.utf8.count <= 10_000_000)
        } catch {
            #expect(!error.message.isEmpty)
        }
    }

    @Test("an entity bomb in a malformed feed, read a second time with its references rewritten, stays bounded")
    func billionLaughsInAMalformedFeedStaysBounded() {
        var doctype = "<!ENTITY lol \"lol\">"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            doctype += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [\(doctype)]><rss><channel><item><title>&eacute; &lol9; &</title></item></channel></rss>"
        do {
            let document = try DocumentParser.parse(Array(xml.utf8))
            #expect((document.items.first?.title ?? "").utf8.count <= 10_000_000)
        } catch {
            #expect(!error.message.isEmpty)
        }
    }

    @Test("a malformed feed made of a hundred thousand stray ampersands is read back without losing them")
    func manyStrayAmpersands() throws {
        let title = String(repeating: "& ", count: 100_000)
        let xml = "<rss><channel><item><title>\(title)</title><link>https://example.fr/?a=1&amp;b=2</link></item></channel></rss>"
        let document = try DocumentParser.parse(Array(xml.utf8))
        #expect(document.items.first?.title?.count == 199_999)
        #expect(document.items.first?.link == "https://example.fr/?a=1&b=2")
    }

    @Test func garbageRaisesParseErrorWithLineAndColumn() {
        let bytes: [UInt8] = Array("\n\nthis is { not } markup at all".utf8) + [0x00, 0xFF, 0x10]
        #expect {
            try DocumentParser.parse(bytes, url: "https://example.org/feed")
        } throws: { error in
            guard let error = error as? ParseError else { return false }
            return error.url == "https://example.org/feed" && error.line != nil && error.column != nil
                && error.description.hasPrefix("https://example.org/feed:\(error.line!):\(error.column!): ")
        }
    }

    @Test func emptyInputRaisesParseError() {
        #expect(throws: ParseError.self) { try DocumentParser.parse([]) }
        #expect(throws: ParseError.self) { try DocumentParser.parse(Array(" \n\t".utf8)) }
    }

    @Test func binaryInputRaisesParseError() {
        let bytes = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }
        #expect(throws: ParseError.self) { try DocumentParser.parse(bytes) }
    }

    @Test func parseErrorDescriptionReadsURLLineColumnMessage() {
        let error = ParseError(url: "https://example.org/a", line: 3, column: 7, message: "boom")
        #expect(error.description == "https://example.org/a:3:7: boom")
    }
}

@Suite struct ConcurrentParsingTests {
    @Test func parsesOnManyTasksAtOnceKeepTheirOwnResultsAndErrors() async {
        let good = Array("<rss><channel><item><title>ok</title></item></channel></rss>".utf8)
        let bad = Array("\u{1}\u{2} nothing here".utf8)
        let outcomes = await withTaskGroup(of: (Bool, Bool).self) { group in
            for index in 0..<64 {
                let isGood = index % 2 == 0
                group.addTask {
                    let result = Result { () throws(ParseError) in try DocumentParser.parse(isGood ? good : bad) }
                    switch result {
                    case .success(let document): return (isGood, document.items.first?.title == "ok")
                    case .failure(let error): return (isGood, !isGood && error.line != nil)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.count == 64)
        #expect(outcomes.allSatisfy { $0.1 })
    }
}

@Suite struct DeepNestingTests {
    private static func nested(_ open: String, _ close: String, depth: Int, around inner: String) -> [UInt8] {
        Array((String(repeating: open, count: depth) + inner + String(repeating: close, count: depth)).utf8)
    }

    @Test func aHundredThousandNestedHTMLElementsParseWithoutExhaustingTheStack() throws {
        let body = Self.nested("<div><span>", "</span></div>", depth: 100_000, around: "deep text")
        let page = Array("<!DOCTYPE html><html><head><title>Deep</title></head><body>".utf8) + body + Array("</body></html>".utf8)
        let document = try DocumentParser.parse(page)
        #expect(document.items.first?.title == "Deep")
    }

    @Test func aHundredThousandNestedFeedElementsParseWithoutExhaustingTheStack() {
        let title = Self.nested("<b>", "</b>", depth: 100_000, around: "deep")
        let feed = Array("<rss version=\"2.0\"><channel><title>Feed</title><item><title>".utf8) + title
            + Array("</title></item></channel></rss>".utf8)
        do {
            let document = try DocumentParser.parse(feed)
            #expect(document.format == .rss)
        } catch {
            #expect(!error.message.isEmpty)
        }
    }

    @Test func aHundredThousandNestedEscapedTagsInADescriptionParseWithoutExhaustingTheStack() throws {
        let escaped = String(repeating: "&lt;div&gt;", count: 100_000) + "deep"
        let feed = "<rss version=\"2.0\"><channel><item><title>t</title><description>\(escaped)</description></item></channel></rss>"
        let document = try DocumentParser.parse(Array(feed.utf8))
        #expect(document.items.first?.title == "t")
    }

    /// Before the main-text chooser measured only outermost landmarks, this page took minutes:
    /// every one of the nested `<article>`s re-read the whole text below it.
    @Test(.timeLimit(.minutes(1)))
    func nestedLandmarksAroundMegabytesOfTextAreMeasuredOnce() throws {
        let text = String(repeating: "mot ", count: 2_000_000)
        let page = Array("<html><body>".utf8) + Self.nested("<article>", "</article>", depth: 250, around: text)
            + Array("</body></html>".utf8)
        let document = try DocumentParser.parse(page)
        let content = try #require(document.items.first?.contentText)
        #expect(content.hasPrefix("mot mot"))
    }

    @Test func aNestedLandmarkNeverWinsOverTheLandmarkHoldingIt() throws {
        let words = String(repeating: "Texte principal de l'article assez long pour compter. ", count: 8)
        let page = """
            <html><body><article><p>\(words)</p><main><p>\(words)</p></main></article></body></html>
            """
        let document = try DocumentParser.parse(Array(page.utf8))
        let content = try #require(document.items.first?.contentText)
        #expect(content.count > words.count * 2 - 10)
    }
}
