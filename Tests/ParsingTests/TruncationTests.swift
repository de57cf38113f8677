import Foundation
import Model
import Parsing
import Testing

/// A feed that libxml2 could not read to its end comes back with the items before that point and says so.
@Suite struct TruncationTests {
    static let twoItems = "<rss version=\"2.0\"><channel><item><title>un</title></item><item><title>deux</title></item></channel></rss>"

    static func parse(_ bytes: [UInt8]) throws -> ParsedDocument {
        try DocumentParser.parse(bytes)
    }

    @Test("a complete feed, trailing comment and whitespace included, is not marked truncated")
    func completeFeedIsNotTruncated() throws {
        let document = try Self.parse(Array((Self.twoItems + "\n<!-- generated -->\n\n").utf8))
        #expect(document.items.count == 2)
        #expect(document.truncation == nil)
    }

    @Test("a Latin-1 feed larger than libxml2's decoding chunks is read to its end")
    func largeEncodedFeedIsNotTruncated() throws {
        let item = Array("<item><title>Caf".utf8) + [0xE9] + Array("</title></item>\n".utf8)
        let bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel>".utf8)
            + Array(repeating: item, count: 20_000).joined() + Array("</channel></rss>\n".utf8)
        let document = try Self.parse(bytes)
        #expect(document.items.count == 20_000)
        #expect(document.items.last?.title == "Café")
        #expect(document.truncation == nil)
    }

    @Test("a NUL where its bytes are left alone stops libxml2, and the document says where and why")
    func nulInAnEncodingLeftAloneIsReported() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?>\n<rss version=\"2.0\"><channel><item><title>un</title></item>\n<item><title>de".utf8)
            + [0x00] + Array("ux</title></item><item><title>trois</title></item></channel></rss>".utf8)
        let document = try Self.parse(bytes)
        #expect(document.items.count < 3)
        let truncation = try #require(document.truncation)
        #expect(truncation.line == 3)
        #expect(truncation.reason.contains("0x0"))
    }

    @Test("content after the root element is reported as not read")
    func extraContentIsReported() throws {
        let document = try Self.parse(Array((Self.twoItems + "\n" + Self.twoItems).utf8))
        #expect(document.items.count == 2)
        let truncation = try #require(document.truncation)
        #expect(truncation.line == 2)
        #expect(truncation.reason.contains("Extra content"))
    }

    @Test("a feed cut short in transit, its root element still open, is reported")
    func unclosedRootIsReported() throws {
        let cut = String(Self.twoItems.prefix { $0 != "/" } + "/title></item>\n<item><title>de")
        let document = try Self.parse(Array(cut.utf8))
        #expect(document.items.first?.title == "un")
        let truncation = try #require(document.truncation)
        #expect(truncation.line == 2)
        #expect(truncation.reason.contains("Premature end"))
        #expect(truncation.endsMidDocument, "asking again may bring the rest")
    }

    @Test("a feed cut at any byte inside its root element, even in a tag or a reference, ends mid-document")
    func everyCutInsideTheRootEndsMidDocument() throws {
        let feed = Array((Self.twoItems.replacingOccurrences(of: "deux", with: "de &amp; ux") + "\n").utf8)
        let rootOpened = Array("<rss version=\"2.0\">".utf8).count
        let rootClosing = feed.count - Array("</rss>\n".utf8).count
        for cut in rootOpened..<rootClosing {
            let truncation = try #require(try Self.parse(Array(feed.prefix(cut))).truncation, "cut at \(cut)")
            #expect(truncation.endsMidDocument, "cut at \(cut): \(truncation)")
            #expect(truncation.reason.contains("Premature end"), "cut at \(cut): \(truncation)")
        }
    }

    @Test("a document that stops on a fault of its own, or carries content after its end, does not end mid-document")
    func faultsOfTheDocumentDoNotEndMidDocument() throws {
        let nul = Array("<rss version=\"2.0\"><channel><item><title>un</title></item><item><title>de".utf8)
            + [0x00] + Array("ux</title></item></channel></rss>".utf8)
        let deep = String(repeating: "<b>", count: 300) + "x" + String(repeating: "</b>", count: 300)
        let tooDeep = "<rss version=\"2.0\"><channel><item><title>\(deep)</title></item></channel></rss>"
        for bytes in [Array((Self.twoItems + Self.twoItems).utf8), Array(tooDeep.utf8)] {
            let truncation = try #require(try Self.parse(bytes).truncation)
            #expect(!truncation.endsMidDocument, "\(truncation)")
        }
        #expect(try Self.parse(nul).truncation?.endsMidDocument != true)
    }

    @Test("bytes that cannot be decoded stop the parse, and the decoding failure is the reason given")
    func undecodableBytesAreReported() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><rss version=\"2.0\"><channel><item><title>un</title></item><item><title>de".utf8)
            + [0x81, 0x20] + Array("ux</title></item><item><title>trois</title></item></channel></rss>".utf8)
        let document = try Self.parse(bytes)
        #expect(document.items.count < 3)
        let truncation = try #require(document.truncation)
        #expect(truncation.reason.contains("conversion failed"))
    }

    @Test("nesting beyond libxml2's depth limit halts the parse, and the document says so")
    func depthLimitIsReported() throws {
        let deep = String(repeating: "<b>", count: 300) + "x" + String(repeating: "</b>", count: 300)
        let feed = "<rss version=\"2.0\"><channel><item><title>un</title></item><item><title>\(deep)</title></item><item><title>trois</title></item></channel></rss>"
        let document = try Self.parse(Array(feed.utf8))
        #expect(!document.items.contains { $0.title == "trois" })
        let truncation = try #require(document.truncation)
        #expect(truncation.reason.contains("depth"))
    }

    @Test("the truncation reads as line:column: reason")
    func truncationDescription() {
        #expect(ParsedDocument.Truncation(line: 3, column: 7, reason: "boom").description == "3:7: boom")
    }
}
