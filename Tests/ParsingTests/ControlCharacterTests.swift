import Foundation
import Model
import Parsing
import Testing

/// Control characters that XML 1.0 forbids must neither cut a feed short nor reach the items.
@Suite struct ControlCharacterTests {
    /// Three items; `third` is spliced into the third title as raw bytes.
    static func threeItemFeed(declaration: String = "", third: [UInt8]) -> [UInt8] {
        Array("\(declaration)<rss version=\"2.0\"><channel><title>Flux</title><item><title>un</title></item><item><title>deux</title></item><item><title>".utf8)
            + third + Array("</title></item></channel></rss>".utf8)
    }

    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        text.utf16.flatMap { unit in
            bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
    }

    static func utf32(_ text: String, bigEndian: Bool) -> [UInt8] {
        text.unicodeScalars.flatMap { scalar in
            let bytes = (0..<4).map { UInt8(truncatingIfNeeded: scalar.value >> (8 * $0)) }
            return bigEndian ? Array(bytes.reversed()) : bytes
        }
    }

    static let feedWithNULInThirdTitle =
        "<rss version=\"2.0\"><channel><item><title>un</title></item><item><title>deux</title></item><item><title>tr\u{0}ois</title></item></channel></rss>"

    @Test("a NUL byte inside the third title leaves all three items, the third title without the NUL")
    func nulInsideTheThirdTitleKeepsEveryItem() throws {
        let document = try DocumentParser.parse(Self.threeItemFeed(third: Array("tr".utf8) + [0x00] + Array("ois".utf8)))
        #expect(document.items.map(\.title) == ["un", "deux", "tr ois"])
        #expect(document.truncation == nil)
    }

    @Test(
        "every C0 control that XML 1.0 forbids becomes a space that keeps the words apart",
        arguments: [UInt8](0x00...0x08) + [0x0B, 0x0C] + [UInt8](0x0E...0x1F))
    func forbiddenControlBecomesASpace(control: UInt8) throws {
        let document = try DocumentParser.parse(Self.threeItemFeed(third: Array("trois".utf8) + [control] + Array("mots".utf8)))
        #expect(document.items.map(\.title) == ["un", "deux", "trois mots"])
    }

    @Test("a control is found at every offset of the blocks the document is searched in, and in its tail")
    func controlFoundAtEveryOffset() throws {
        // The third title takes bytes 122 to 261 of 293: across three blocks of 64 bytes and into the tail.
        for offset in 0..<140 {
            var title = [UInt8](repeating: UInt8(ascii: "a"), count: 140)
            title[offset] = 0x01
            let document = try DocumentParser.parse(Self.threeItemFeed(third: title))
            let expected = String(repeating: "a", count: offset) + (offset == 0 || offset == 139 ? "" : " ") + String(repeating: "a", count: 139 - offset)
            #expect(document.items.last?.title == expected, "offset \(offset)")
        }
    }

    @Test("a NUL byte in a feed declared as Latin-1 is replaced before decoding")
    func nulInALatin1FeedIsReplaced() throws {
        let bytes = Self.threeItemFeed(
            declaration: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", third: Array("Caf".utf8) + [0xE9, 0x00, 0x21])
        #expect(try DocumentParser.parse(bytes).items.map(\.title) == ["un", "deux", "Café !"])
    }

    @Test("a NUL character in a UTF-16 feed is replaced code unit by code unit, whatever the byte order", arguments: [true, false])
    func nulInAUTF16FeedIsReplaced(bigEndian: Bool) throws {
        let bom: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        let bytes = bom + Self.utf16("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + Self.feedWithNULInThirdTitle, bigEndian: bigEndian)
        #expect(try DocumentParser.parse(bytes).items.map(\.title) == ["un", "deux", "tr ois"])
    }

    @Test("a NUL character in a UTF-16 feed without a byte-order mark is replaced", arguments: [true, false])
    func nulInABOMLessUTF16FeedIsReplaced(bigEndian: Bool) throws {
        let bytes = Self.utf16("<?xml version=\"1.0\"?>" + Self.feedWithNULInThirdTitle, bigEndian: bigEndian)
        #expect(try DocumentParser.parse(bytes).items.map(\.title) == ["un", "deux", "tr ois"])
    }

    @Test("a NUL character in a UTF-32 feed is replaced code unit by code unit, whatever the byte order", arguments: [true, false])
    func nulInAUTF32FeedIsReplaced(bigEndian: Bool) throws {
        let bytes = Self.utf32("<?xml version=\"1.0\"?>" + Self.feedWithNULInThirdTitle, bigEndian: bigEndian)
        #expect(try DocumentParser.parse(bytes).items.map(\.title) == ["un", "deux", "tr ois"])
    }

    @Test("the escape bytes of an ISO-2022-JP feed are kept, so its text still decodes")
    func iso2022EscapesAreKept() throws {
        let nihon: [UInt8] = [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x5C, 0x1B, 0x28, 0x42]
        let bytes = Self.threeItemFeed(declaration: "<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?>", third: nihon)
        #expect(try DocumentParser.parse(bytes).items.map(\.title) == ["un", "deux", "日本"])
    }

    @Test("tabs, line feeds and carriage returns are text, not controls to replace")
    func allowedWhitespaceIsKept() throws {
        let bytes = Self.threeItemFeed(third: Array("a\tb".utf8))
        let document = try DocumentParser.parse(bytes)
        #expect(document.items.last?.title == "a b")
        #expect(document.truncation == nil)
    }
}
