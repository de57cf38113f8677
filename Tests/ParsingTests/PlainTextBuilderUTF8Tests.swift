@testable import Parsing
import Testing

/// The builder makes its string without Swift validating the bytes again when it checked them on the way
/// in: the string must then be exactly what validating would have made, and ill-formed input still repaired.
@Suite struct PlainTextBuilderUTF8Tests {
    /// Well-formed sequences of every length, and ill-formed ones of every kind: overlong, surrogate, above
    /// U+10FFFF, cut short, stray continuation, bytes that never start a sequence.
    static let pieces: [[UInt8]] = [
        [0x61], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xE2, 0x80, 0x99], [0xC2, 0x85], [0xC2, 0xA0],
        [0xE2, 0x80, 0xA8], [0x20], [0x0A], [0xC0, 0xAF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        [0xF5, 0x80, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xF8], [0xEF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF],
    ]

    @Test("on random bytes the text is well-formed UTF-8, equal to what validating the same bytes makes")
    func textIsWhatValidationMakes() {
        var seed: UInt64 = 7
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for _ in 0..<(1 + Int(seed >> 59)) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes += Self.pieces[Int(seed >> 33) % Self.pieces.count]
            }
            var builder = PlainTextBuilder()
            bytes.withUnsafeBufferPointer { builder.append(utf8: $0) }
            let text = builder.text
            let utf8 = Array(text.utf8)
            #expect(Array(String(decoding: utf8, as: UTF8.self).utf8) == utf8, "\(bytes)")
        }
    }

    @Test("ill-formed sequences still become U+FFFD; well-formed ones of three and four bytes are kept", arguments: [
        ([0x61, 0xED, 0xA0, 0x80, 0x62], "a\u{FFFD}\u{FFFD}\u{FFFD}b"), ([0x61, 0xE0, 0x80, 0x80], "a\u{FFFD}\u{FFFD}\u{FFFD}"),
        ([0xF4, 0x90, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"), ([0x78, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80], "x€😀"),
    ] as [([UInt8], String)])
    func repairsAndKeeps(bytes: [UInt8], expected: String) {
        var builder = PlainTextBuilder()
        bytes.withUnsafeBufferPointer { builder.append(utf8: $0) }
        #expect(builder.text == expected)
    }
}
