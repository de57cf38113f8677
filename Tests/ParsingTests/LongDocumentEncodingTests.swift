import Model
import Parsing
import Testing

/// A UTF-8 document longer than the start checked before libxml2 reads it is checked by libxml2 as it
/// goes: stray Latin-1 bytes further on are still read as windows-1252, and no item is lost or given twice.
@Suite struct LongDocumentEncodingTests {
    /// An RSS feed of `count` items titled "Été n", past the start that is checked, then `tail` items.
    static func feed(count: Int, tail: [[UInt8]]) -> [UInt8] {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Été</title>\n".utf8)
        for index in 0..<count {
            bytes += Array("<item><title>Été \(index)</title><link>https://example.fr/\(index)?a=1&amp;b=2</link></item>\n".utf8)
        }
        for title in tail {
            bytes += Array("<item><title>".utf8) + title + Array("</title></item>\n".utf8)
        }
        return bytes + Array("</channel></rss>\n".utf8)
    }

    static let itemsPastTheStart = 1_000

    @Test("Latin-1 bytes after the checked start are read as windows-1252, every item once and in order, streamed or not")
    func strayBytesPastTheStart() throws {
        let latin1Title = Array("Caf".utf8) + [0xE9, 0x20, 0x93] + Array("ok".utf8) + [0x94]
        let bytes = Self.feed(count: Self.itemsPastTheStart, tail: [latin1Title, Array("Déjà".utf8)])
        #expect(bytes.count > 65_536)
        let oneShot = try DocumentParser.parse(bytes)
        var streamed: [FeedItem] = []
        let document = try DocumentParser.parse(bytes) { item, feedTitle in
            #expect(feedTitle == "Été")
            streamed.append(item)
        }
        #expect(streamed == oneShot.items)
        #expect(document.truncation == nil)
        #expect(oneShot.items.count == Self.itemsPastTheStart + 2)
        #expect(oneShot.items.suffix(2).map(\.title) == ["Café “ok”", "Déjà"])
        #expect(oneShot.items.first?.title == "Été 0")
        #expect(oneShot.items.first?.link == "https://example.fr/0?a=1&b=2")
        #expect(oneShot.items.allSatisfy { $0.title?.contains("\u{FFFD}") == false })
    }

    @Test("a long document that is Latin-1 from its start is read as windows-1252 whole, as a short one is")
    func latin1FromTheStart() throws {
        var bytes = Array("<rss version=\"2.0\"><channel>\n".utf8)
        for index in 0..<2 * Self.itemsPastTheStart {
            bytes += Array("<item><title>".utf8) + [0xC9, 0x74, 0xE9] + Array(" \(index)</title></item>\n".utf8)
        }
        // Bytes that happen to be valid UTF-8 in a Latin-1 document are Latin-1 too.
        bytes += Array("<item><title>".utf8) + [0xC3, 0xA9] + Array("</title></item></channel></rss>\n".utf8)
        #expect(bytes.count > 65_536)
        let document = try DocumentParser.parse(bytes)
        #expect(document.items.count == 2 * Self.itemsPastTheStart + 1)
        #expect(document.items.first?.title == "Été 0")
        #expect(document.items.last?.title == "Ã©")
    }

    @Test("a document read where it lies gives what the same bytes in an array give")
    func borrowedBytesReadAsAnArray() throws {
        let documents: [[UInt8]] = [
            Self.feed(count: 3, tail: [[0x43, 0x61, 0x66, 0xE9]]),
            [0xEF, 0xBB, 0xBF] + Array("  \n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title><entry><title>É</title></entry></feed>".utf8),
            Array("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"J\",\"items\":[{\"id\":\"1\",\"title\":\"un\"}]}".utf8),
            Array("<!DOCTYPE html><html><head><title>Page</title></head><body><p>Texte</p></body></html>".utf8),
        ]
        for bytes in documents {
            let expected = try DocumentParser.parse(bytes, url: "https://example.fr/f")
            var items: [FeedItem] = []
            var titles: [String?] = []
            let document = try bytes.withUnsafeBytes { buffer in
                try DocumentParser.parse(buffer, url: "https://example.fr/f") { item, title in
                    items.append(item)
                    titles.append(title)
                }
            }
            #expect(items == expected.items)
            #expect(titles.allSatisfy { $0 == expected.title })
            #expect(document.title == expected.title)
            #expect(document.format == expected.format)
        }
    }
}
