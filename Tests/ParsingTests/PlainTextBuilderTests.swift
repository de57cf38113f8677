@testable import Parsing
import Testing

/// The builder reads sixteen or eight bytes at once where it can: what it makes of a text must not depend on it.
@Suite struct PlainTextBuilderTests {
    /// Pieces that random texts are made of: letters of one and two bytes, a three-byte sign, single and
    /// repeated blanks, a line feed, a stray continuation byte and a lone lead byte.
    static let pieces: [[UInt8]] = [
        Array("a".utf8), Array("Z".utf8), Array("é".utf8), Array("ß".utf8), Array("€".utf8), Array("'".utf8), [0x7F],
        [0x20], [0x20, 0x20], [0x0A], [0x09], [0xA9], [0xC3], Array("mot".utf8), Array("électrolyseur".utf8),
    ]

    /// A text of `count` pieces drawn with a fixed generator, so that a failure can be replayed.
    static func text(count: Int, seed: inout UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<count {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes += pieces[Int(seed >> 33) % pieces.count]
        }
        return bytes
    }

    static func built(_ bytes: [UInt8], limit: Int = PlainTextBuilder.defaultLimit, byteAtATime: Bool) -> String {
        var builder = PlainTextBuilder(limit: limit)
        bytes.withUnsafeBufferPointer { buffer in
            if byteAtATime {
                for index in buffer.indices { builder.append(utf8: UnsafeBufferPointer(rebasing: buffer[index..<(index + 1)])) }
            } else {
                builder.append(utf8: buffer)
            }
        }
        return builder.text
    }

    @Test("a text read whole, eight bytes at a time where it can, comes out as it does read one byte at a time")
    func wholeEqualsByteAtATime() {
        var seed: UInt64 = 42
        for length in [1, 3, 7, 8, 9, 16, 40, 200] {
            for _ in 0..<200 {
                let bytes = Self.text(count: length, seed: &seed)
                #expect(Self.built(bytes, byteAtATime: false) == Self.built(bytes, byteAtATime: true), "\(bytes)")
            }
        }
    }

    @Test("the cap on characters cuts an ASCII text at the same place, read whole or byte by byte")
    func capIsTheSame() {
        var seed: UInt64 = 7
        for _ in 0..<200 {
            let ascii = Self.text(count: 60, seed: &seed).filter { $0 < 0x80 }
            let whole = Self.built(ascii, limit: 37, byteAtATime: false)
            #expect(whole == Self.built(ascii, limit: 37, byteAtATime: true))
            #expect(whole.unicodeScalars.count < 40)
        }
    }

    @Test("whitespace runs collapse to one space and the ends are trimmed, accents and signs kept")
    func collapsesWhitespace() {
        let text = Array("  Été\u{00A0} à\tSète \n  électrolyseur  € 5\u{202F}ok  ".utf8)
        #expect(Self.built(text, byteAtATime: false) == "Été à Sète électrolyseur € 5 ok")
    }
}
