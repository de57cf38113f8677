import SeededRandom
import Testing
import TextNormalization

@Suite("LatinFolding")
struct LatinFoldingTests {
    /// The scalars the table maps, and a few around them that utf8proc alone maps.
    private static let mapped: [Unicode.Scalar] = (Array(0x80..<0x250) + Array(0x2000..<0x20D0)).compactMap(Unicode.Scalar.init)
    private static let others: [Unicode.Scalar] = ["\u{0301}", "\u{0308}", "\u{02BC}", "\u{2212}", "\u{FF21}", "\u{FB01}", "\u{0130}", "\u{03A3}", "\u{20D7}"]

    @Test("Every scalar of the table folds and case-folds as utf8proc does, alone and between letters")
    func everyScalar() {
        for scalar in Self.mapped {
            for text in [String(scalar), "A\(scalar)b", "\(scalar)\(scalar)É"] {
                #expect(TextFolding.fold(text) == TextFolding.foldByUtf8proc(text), "fold \(text.unicodeScalars.map(\.value))")
                #expect(TextFolding.caseFold(text) == TextFolding.caseFoldByUtf8proc(text), "caseFold \(text.unicodeScalars.map(\.value))")
            }
        }
    }

    @Test("Random texts of table scalars, ASCII and scalars outside it fold as utf8proc folds them")
    func randomTexts() {
        var generator = SplitMix(seed: 6)
        let ascii: [Unicode.Scalar] = Array("aZé ,.'-&1\u{0}\t".unicodeScalars)
        for round in 0..<3000 {
            let pool = round % 3 == 0 ? Self.mapped + ascii + Self.others : Self.mapped + ascii
            let count = Int(generator.next() % 12)
            var text = String.UnicodeScalarView()
            for _ in 0..<count { text.append(pool[Int(generator.next() % UInt64(pool.count))]) }
            let string = String(text)
            #expect(TextFolding.fold(string) == TextFolding.foldByUtf8proc(string), "fold \(string.unicodeScalars.map(\.value))")
            #expect(TextFolding.caseFold(string) == TextFolding.caseFoldByUtf8proc(string), "caseFold \(string.unicodeScalars.map(\.value))")
        }
    }

    @Test("French words with accents, ligatures and typographic apostrophes fold by the table as before")
    func frenchWords() {
        #expect(TextFolding.fold("L’Œuvre Réalisée — Été") == "l'oeuvre realisee - ete")
        #expect(TextFolding.caseFold("L’Œuvre Réalisée") == "l'oeuvre réalisée")
        #expect(TextFolding.fold("Straße ½") == "strasse 1⁄2")
    }
}
