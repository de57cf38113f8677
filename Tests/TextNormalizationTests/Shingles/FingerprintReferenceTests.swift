import Foundation
import Testing
@testable import TextNormalization

/// The fingerprint as it was first computed, through ``Tokenizer/tokens(_:)`` and a string per word: stored
/// fingerprints were built this way, so every new one must equal it for them to stay comparable.
private func referenceFingerprint(title: String?, summary: String?, content: String?) -> NearDuplicateFingerprint? {
    func words(_ text: String) -> [String] {
        let cut = String(String.UnicodeScalarView(text.unicodeScalars.prefix(NearDuplicateFingerprint.characterLimit)))
        return Tokenizer.tokens(cut).map(\.text)
    }
    func hash32(_ words: some Sequence<String>) -> UInt32 {
        UInt32(truncatingIfNeeded: StableHash.mix(StableHash.words(words)) >> 32)
    }
    let size = NearDuplicateFingerprint.shingleSize
    var remaining = NearDuplicateFingerprint.bodyWordLimit
    var shingles: [UInt32] = []
    for part in [summary, content] {
        guard let part, remaining > 0 else { continue }
        let partWords = Array(words(part).prefix(remaining))
        remaining -= partWords.count
        if partWords.count >= size { shingles += (0...(partWords.count - size)).map { hash32(partWords[$0..<($0 + size)]) } }
    }
    let titleWords = title.map { words($0).prefix(NearDuplicateFingerprint.titleWordLimit).map { hash32([$0]) } } ?? []
    let fingerprint = NearDuplicateFingerprint(
        titleWords: titleWords, shingles: shingles, lead: Array(shingles.prefix(NearDuplicateFingerprint.leadShingleCount)))
    return fingerprint.shingles.count >= NearDuplicateFingerprint.minimumShingles ? fingerprint : nil
}

/// A deterministic generator, so that a failing text is found again.
private struct Generator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return StableHash.mix(state)
    }
}

@Suite("Fingerprints against the tokenizer-based reference")
struct FingerprintReferenceTests {
    /// Checks one item both ways and says which text differs; returns whether they agreed.
    @discardableResult
    private func check(title: String?, summary: String?, content: String?, _ name: @autoclosure () -> String) -> Bool {
        let expected = referenceFingerprint(title: title, summary: summary, content: content)
        let got = NearDuplicateFingerprint(title: title, summary: summary, content: content)
        #expect(got == expected, "\(name())")
        #expect(got?.bandKeys() == expected?.bandKeys(), "\(name())")
        return got == expected
    }

    /// Texts long enough to give a fingerprint, built of the word stream's test pieces (every case the
    /// tokenizer has a rule for, composed and decomposed, emoji, controls, invisible code points).
    static func generated(count: Int, seed: UInt64) -> [String] {
        var random = Generator(state: seed)
        let words = ["la", "Région", "hydrogène", "l'", "d’", "qu'", "vert", "PME", "start-up", "2024"]
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...600, using: &random)).map { _ in
                Bool.random(using: &random)
                    ? WordStreamTests.pieces.randomElement(using: &random)! : words.randomElement(using: &random)! + " "
            }.joined()
        }
    }

    @Test("Generated texts give the reference fingerprint as title, summary and content")
    func generatedTexts() {
        let texts = Self.generated(count: 200, seed: 7)
        for (index, text) in texts.enumerated() {
            let other = texts[(index + 1) % texts.count]
            guard check(title: other, summary: nil, content: text, "content \(index)") else { return }
            guard check(title: nil, summary: other, content: text, "summary \(index)") else { return }
        }
    }

    @Test("Items fingerprinted on several tasks at once get the reference fingerprints")
    func concurrentItems() async {
        let texts = Self.generated(count: 64, seed: 11)
        let expected = texts.map { referenceFingerprint(title: $0, summary: nil, content: $0) }
        let got = await withTaskGroup(of: [NearDuplicateFingerprint?].self) { group in
            for _ in 0..<8 {
                group.addTask { texts.map { NearDuplicateFingerprint(title: $0, summary: nil, content: $0) } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(got.count == 8)
        for fingerprints in got { #expect(fingerprints == expected) }
    }

    @Test("Edge cases give the reference fingerprint", arguments: [
        "", " ", "\u{0}\u{7}\u{1B}\u{7F}\u{85}", "🚀 👩‍💻 🇫🇷 " + String(repeating: "🚀mot ", count: 40),
        String(repeating: "Pôle po\u{302}le POLE œuvre Straße ﬁnance İstanbul ", count: 30),
        String(repeating: "l'industrie d’Azur qu'il jusqu'au aujourd'hui Europe's l’ ", count: 30),
        String(repeating: "e-commerce e–commerce start-up R&D R & D AT&T C.N.R.S. 3,5 1 000 000 1\u{A0}000 v2.0 ", count: 30),
        String(repeating: "mot\u{AD}coupé zero\u{200B}width joint\u{2060}mot \u{FEFF}début ", count: 40),
    ])
    func edgeCases(_ text: String) {
        check(title: text, summary: text, content: text, "as every part")
        check(title: nil, summary: nil, content: text, "as content")
    }

    @Test("Texts cut at the character limit inside a word, a number or an acronym give the reference fingerprint")
    func cutTexts() {
        let limit = NearDuplicateFingerprint.characterLimit
        // Long distinct words of 45 characters with their space, so that the limit comes before the title's
        // and the body's word limits.
        let filler = (0..<(limit / 45 - 1)).map { String(repeating: "a", count: 40) + "\(1000 + $0) " }.joined()
        for tail in ["hydrogène vert", "1\u{A0}000\u{A0}000", "3,5", "C.N.R.S.", "R&D", "R & D", "l'industrie", "Europe's", "e\u{301}t\u{301}e\u{301}"] {
            for shift in 0..<12 {
                let head = filler + String(repeating: "y", count: limit - shift - filler.count)
                check(title: head + tail, summary: nil, content: head + tail + " suite du texte", "\(tail) at \(shift)")
            }
        }
        let long = String(repeating: "Un paragraphe de plus, sans rapport avec le sujet. ", count: 2_000)
        check(title: long, summary: long, content: long, "a text far above the limit")
    }

    @Test(
        "The corpus's pages and feeds give the reference fingerprint",
        .enabled(if: FileManager.default.fileExists(atPath: WordStreamTests.corpus.path), "../shared/corpus is absent: nothing to compare")
    )
    func corpusTexts() throws {
        var files: [URL] = []
        for folder in ["html/readability", "feeds/miniflux", "feeds/picofeed"] {
            let root = WordStreamTests.corpus.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where ["txt", "xml", "html"].contains(url.pathExtension) { files.append(url) }
        }
        #expect(files.count > 20)
        for file in files.sorted(by: { $0.path < $1.path }) {
            // The start of each file: the reference is slow in debug builds, and long files repeat their kind.
            let scalars = Array(String(decoding: try Data(contentsOf: file), as: UTF8.self).unicodeScalars.prefix(40_000))
            // Slices of several lengths, so that items start and end anywhere in a page.
            var start = 0
            var length = 300
            while start < scalars.count {
                let end = min(scalars.count, start + length)
                let body = String(String.UnicodeScalarView(scalars[start..<end]))
                let title = String(String.UnicodeScalarView(scalars[start..<min(end, start + 90)]))
                guard check(title: title, summary: nil, content: body, "\(file.path) at \(start)") else { return }
                start = end
                length = length * 3 % 7_000 + 200
            }
        }
    }
}
