import Foundation
import Model
import Parsing
import Testing

@Suite struct EncodingTests {
    /// `<rss><channel><item><title>Café</title></item></channel></rss>` with "é" as one Latin-1 byte.
    static func latin1Feed(declaration: String) -> [UInt8] {
        Array("\(declaration)<rss version=\"2.0\"><channel><item><title>Caf".utf8) + [0xE9]
            + Array("</title></item></channel></rss>".utf8)
    }

    @Test func latin1DeclaredInTheXMLDeclarationIsDecoded() throws {
        let bytes = Self.latin1Feed(declaration: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>")
        let document = try DocumentParser.parse(bytes, contentType: "application/rss+xml; charset=utf-8")
        #expect(document.items.first?.title == "Café")
    }

    @Test func charsetFromTheHTTPHeaderIsUsedWhenTheDocumentDeclaresNone() throws {
        let bytes = Self.latin1Feed(declaration: "")
        let document = try DocumentParser.parse(bytes, contentType: "text/xml; charset=\"ISO-8859-1\"")
        #expect(document.items.first?.title == "Café")
    }

    @Test func windows1251DeclarationIsDecoded() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><channel><item><title>".utf8)
            + [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2] + Array("</title></item></channel></rss>".utf8)
        #expect(try DocumentParser.parse(bytes).items.first?.title == "Привет")
    }

    @Test func latin1DeclarationOnValidUTF8BytesIsReadAsUTF8() throws {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>Café</title></item></channel></rss>".utf8)
        #expect(try DocumentParser.parse(bytes).items.first?.title == "Café")
    }

    @Test("a malformed UTF-16 feed is not rewritten byte by byte as if it were ASCII")
    func malformedUTF16IsLeftAlone() throws {
        let text = "<rss><channel><item><title>A &amp; B</title><link>https://example.fr/?a=1&amp;b=2</link></item><item><title>Été &eacute;</title></item></channel></rss>"
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let document = try DocumentParser.parse(bytes)
        #expect(document.items.first?.title == "A & B")
        #expect(document.items.first?.link == "https://example.fr/?a=1&b=2")
    }

    @Test("a UTF-8 byte-order mark wins over a Latin-1 declaration and a windows-1251 header")
    func utf8ByteOrderMarkWins() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
            + Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>Été</title></item></channel></rss>".utf8)
        #expect(try DocumentParser.parse(bytes, contentType: "text/xml; charset=windows-1251").items.first?.title == "Été")
        let undeclared: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<rss><channel><item><title>Été</title></item></channel></rss>".utf8)
        #expect(try DocumentParser.parse(undeclared, contentType: "text/xml; charset=windows-1251").items.first?.title == "Été")
    }

    @Test func utf16WithByteOrderMarkIsDecoded() throws {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss><channel><item><title>Été</title></item></channel></rss>"
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try DocumentParser.parse(bytes).items.first?.title == "Été")
    }
}
