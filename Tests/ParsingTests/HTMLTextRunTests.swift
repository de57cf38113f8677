@testable import Parsing
import Testing

/// The HTML scanner crosses text sixteen bytes at a time up to the next `<` or `&`: where a run is cut must
/// never change the words.
@Suite struct HTMLTextRunTests {
    /// Pieces of escaped HTML: words of one- and two-byte letters, signs, blanks, line feeds, tags, references,
    /// windows-1252 controls, a stray continuation byte and a lead byte its continuation does not follow (never
    /// last in a piece: the next piece could complete it, which a comment between them would not).
    static let pieces: [[UInt8]] = [
        Array("mot".utf8), Array("électrolyseur".utf8), Array("Zß".utf8), Array("€".utf8), [0x20], [0x20, 0x20], [0x0A],
        [0xC2, 0xA0], [0xC2, 0x92], [0xE2, 0x80, 0xAF], [0xA9], [0xC3, 0x41], [0x7F], Array("<p>".utf8), Array("</p>".utf8),
        Array("<br/>".utf8), Array("<b>".utf8), Array("&amp;".utf8), Array("&eacute".utf8), Array("&#233;".utf8), Array("&".utf8),
        Array("1 < 2".utf8), Array("<script>x</script>".utf8),
    ]

    /// A document of `count` pieces drawn with a fixed generator, so that a failure can be replayed, and the
    /// same document with an empty comment between every two pieces, which reads as nothing but cuts every run.
    static func documents(count: Int, seed: inout UInt64) -> (whole: [UInt8], cut: [UInt8]) {
        var whole: [UInt8] = []
        var cut: [UInt8] = []
        for _ in 0..<count {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Words twice as often as the rest, so that long runs come up.
            let draw = Int(seed >> 33) % (pieces.count + 4)
            let piece = draw < pieces.count ? pieces[draw] : draw % 2 == 0 ? Array("mot ".utf8) : Array("été ".utf8)
            whole += piece
            cut += Array("<!---->".utf8) + piece
        }
        return (whole, cut)
    }

    static func text(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer(HTMLText.plainText(fromHTMLUTF8:))
    }

    @Test("a document reads the same when its runs are cut at every piece by empty comments")
    func cutRunsReadTheSame() {
        var seed: UInt64 = 11
        for length in [1, 4, 8, 17, 40, 200] {
            for _ in 0..<300 {
                let (whole, cut) = Self.documents(count: length, seed: &seed)
                #expect(Self.text(whole) == Self.text(cut), "\(whole)")
            }
        }
    }

    @Test("a blank before a tag or a reference is one space, never two, and none at the end", arguments: [
        ("un <br> deux", "un deux"),
        ("un  </p>", "un"),
        ("sixteen letters </p><p> suite", "sixteen letters suite"),
        ("abcdefghijklmno &amp; p", "abcdefghijklmno & p"),
        ("abcdefghijklmnop <script>x</script>", "abcdefghijklmnop"),
        ("électrolyseur région <b>pôle</b>", "électrolyseur région pôle"),
    ])
    func blankBeforeMarkup(html: String, text: String) {
        #expect(HTMLText.plainText(fromHTML: html) == text)
    }
}
