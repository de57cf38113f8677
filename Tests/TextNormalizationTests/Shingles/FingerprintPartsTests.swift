import Foundation
import Testing
@testable import TextNormalization

/// A fingerprint made from the words a reader of the whole texts already has (as the matcher hands them
/// over) equals the one read from the texts, part by part, whichever parts come as words.
@Suite("Fingerprints from words already read")
struct FingerprintPartsTests {
    /// Reads every text in full with one stream and lexicon, as the matcher's key reader does.
    private struct WholeReader {
        var stream = WordStream()
        var lexicon = WordLexicon()
        var words: [StreamWord] = []

        /// `text` as words when a fingerprint may take them (the text is no longer than its character
        /// limit), as text otherwise; nil stays text.
        mutating func part(_ text: String?, wordLimit: Int) -> FingerprintPart {
            guard let text, NearDuplicateFingerprint.readsWhole(text) else { return .text(text) }
            stream.read(text, lexicon: &lexicon, into: &words)
            var folded = FoldedWords()
            for word in words.prefix(wordLimit) {
                var text = lexicon.text(word.number)
                text.withUTF8 { folded.append($0) }
            }
            return .words(folded)
        }
    }

    private static let bodyLimit = NearDuplicateFingerprint.bodyWordLimit
    private static let titleLimit = NearDuplicateFingerprint.titleWordLimit

    /// Compares every mix of words and texts for one item with the fingerprint read from its texts;
    /// returns how many parts came as words.
    @discardableResult
    private func check(title: String?, summary: String?, content: String?, _ name: @autoclosure () -> String) -> Int {
        let expected = NearDuplicateFingerprint(title: title, summary: summary, content: content)
        var reader = WholeReader()
        var asWords = 0
        for mix in 0..<8 {
            let parts = [(title, Self.titleLimit), (summary, Self.bodyLimit), (content, Self.bodyLimit)].enumerated().map { index, part in
                mix & (1 << index) != 0 ? reader.part(part.0, wordLimit: part.1) : .text(part.0)
            }
            for part in parts { if case .words = part { asWords += 1 } }
            let got = NearDuplicateFingerprint(title: parts[0], summary: parts[1], content: parts[2])
            #expect(got == expected, "\(name()), mix \(mix)")
            if got != expected { break }
        }
        return asWords
    }

    @Test("Generated texts, as every part, give the fingerprint of their texts")
    func generatedTexts() {
        let texts = FingerprintReferenceTests.generated(count: 120, seed: 23)
        var asWords = 0
        var longContents = 0
        for (index, text) in texts.enumerated() {
            let other = texts[(index + 1) % texts.count]
            // Several texts in one, some past the character limit.
            let content = (0..<(index % 7)).map { texts[(index + $0) % texts.count] }.joined()
            if !NearDuplicateFingerprint.readsWhole(content) { longContents += 1 }
            asWords += check(title: other, summary: text, content: content, "item \(index)")
        }
        // The mixes did give words, and the longer texts stayed texts.
        #expect(asWords > 0)
        #expect(longContents > 0)
    }

    @Test("A summary of more words than the body reads leaves none to the content, a shorter one the rest")
    func bodyLimitAcrossParts() {
        let words = (0..<260).map { "mot\($0)" }
        for split in [0, 5, 150, 199, 200, 201, 260] {
            let summary = words[..<split].joined(separator: " ")
            let content = words[split...].joined(separator: " ") + " l'industrie R & D e-commerce"
            #expect(check(title: words.prefix(80).joined(separator: " "), summary: summary, content: content, "split at \(split)") > 0)
        }
    }

    @Test("Texts above the character limit are read by the fingerprint itself, beside parts given as words")
    func longTexts() {
        let long = String(repeating: "Un paragraphe de plus, sans rapport avec le sujet. ", count: 200)
        #expect(!NearDuplicateFingerprint.readsWhole(long))
        let short = "Le pôle de compétitivité lance un appel à projets sur l'hydrogène vert et la R & D des PME du territoire."
        check(title: short, summary: short, content: long, "long content")
        check(title: long, summary: long, content: short, "long title and summary")
    }
}
