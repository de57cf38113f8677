import Foundation
import SeededRandom
import Testing
import TextNormalization

/// What matching reads of one token: both forms of its word, where it lies (UTF-8 offsets) and whether an
/// elision was dropped before it.
private struct MatchedToken: Equatable, CustomStringConvertible {
    var caseFolded: String
    var text: String
    var start: Int
    var end: Int
    var elided: Bool

    var description: String { "\(text)/\(caseFolded)@\(start)..<\(end)\(elided ? "'" : "")" }
}

private func tokenizerTokens(_ text: String) -> [MatchedToken] {
    Tokenizer.tokens(text).map {
        MatchedToken(
            caseFolded: $0.caseFolded, text: $0.text, start: text.utf8.distance(from: text.startIndex, to: $0.range.lowerBound),
            end: text.utf8.distance(from: text.startIndex, to: $0.range.upperBound), elided: $0.flags.contains(.elided))
    }
}

/// Reads texts with one lexicon and one stream, as a key reader does, so that later texts find the words
/// of earlier ones already numbered.
private struct StreamReader {
    var lexicon = WordLexicon()
    var stream = WordStream()
    var words: [StreamWord] = []

    mutating func tokens(_ text: String) -> [MatchedToken] {
        stream.read(text, lexicon: &lexicon, into: &words)
        return words.map {
            let entry = lexicon[$0.number]
            return MatchedToken(caseFolded: entry.caseFolded, text: entry.text, start: $0.start, end: $0.end, elided: $0.elided)
        }
    }
}

@Suite("Word stream")
struct WordStreamTests {
    static let corpus: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpus").standardizedFileURL

    /// Pieces the generated strings are made of: every case the tokenizer has a rule for, in ASCII and
    /// beyond, composed and decomposed, and what it must survive.
    static let pieces: [String] = [
        "a", "e", "s", "t", "R", "D", "AT", "T", "l", "L", "d", "qu", "jusqu", "c", "N", "IA", "Italia", "x",
        "é", "e\u{301}", "É", "E\u{301}", "à", "ç", "c\u{327}", "ô", "o\u{302}", "œ", "Œ", "æ", "ß", "ẞ", "ﬁ", "ﬂ",
        "İ", "ǅ", "Ａ", "ｓ", "ſ", "\u{301}", "\u{308}", "ï", "i\u{308}",
        "0", "1", "2", "3", "42", "2024", "٣", "²", "½", "Ⅳ",
        "'", "’", "‘", "ʼ", "′", "＇", "-", "‐", "‑", "–", "—", "−", "﹣", "－", "&", "＆", "﹠",
        ".", ",", ";", ":", "!", "?", "(", ")", "\"", "«", "»", "/", "*", "#", "@", "_",
        " ", " ", " ", " ", "\u{A0}", "\u{202F}", "\u{2009}", "\u{3000}", "\n", "\t", "\r\n",
        "\u{AD}", "\u{200B}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}",
        "🚀", "👩‍💻", "🇫🇷", "中文", "Ωμέγα", "русский", "עברית", "ไทย",
        "industrie", "Hydrogène", "e-commerce", "start-up", "R&D", "R & D", "C.N.R.S.", "3,5", "1.000", "v2.0",
        "l'", "d’", "qu'", "Europe's", "aujourd'hui", "1 000", "1\u{A0}000",
    ]

    static func generated(count: Int) -> [String] {
        var random = SplitMix(seed: 6)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...24, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
    }

    @Test("Generated strings mixing every case give the tokens the tokenizer gives")
    func generatedStrings() {
        var reader = StreamReader()
        for text in Self.generated(count: 5_000) {
            let expected = tokenizerTokens(text)
            let got = reader.tokens(text)
            #expect(got == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            if got != expected { return }
        }
    }

    @Test("The README's tokenizer cases give the tokenizer's tokens", arguments: [
        "L'industrie de l'hydrogène verte : les start-up, l'e commerce et la R & D en 2024, subvention",
        "l’industrie n’est puisqu’on quoiqu’il s’agit c’est m’a t’en j’ai", "aujourd'hui Europe's AT&T R&D",
        "1 000 000 et 1\u{A0}000\u{A0}000, 3,5 %, 1.000.000, v2.0, C.N.R.S., M.Dupont, site.fr", "Eau & Mer, R & D",
        "Pôle POLE po\u{302}le ŒUVRE œuvre Straße ﬁnance", "l'", "d' 2024", "e-commerce e–commerce e—commerce",
    ])
    func readmeCases(_ text: String) {
        var reader = StreamReader()
        #expect(reader.tokens(text) == tokenizerTokens(text))
        // Read again, every word now numbered already.
        #expect(reader.tokens(text) == tokenizerTokens(text))
    }

    @Test(
        "The corpus's pages, feeds and stemmer vocabularies give the tokenizer's tokens",
        .enabled(if: FileManager.default.fileExists(atPath: corpus.path), "../shared/corpus is absent: nothing to compare")
    )
    func corpusTexts() throws {
        var files: [URL] = []
        for folder in ["html/readability", "feeds/miniflux", "feeds/picofeed", "stemmer/snowball"] {
            let root = Self.corpus.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where ["txt", "xml"].contains(url.pathExtension) { files.append(url) }
        }
        #expect(files.count > 20)
        var reader = StreamReader()
        for file in files.sorted(by: { $0.path < $1.path }) {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            #expect(reader.tokens(text) == tokenizerTokens(text), "\(file.path)")
        }
    }

    @Test(
        "A token limit gives the first tokens of the whole text, and a scalar limit those of its start",
        .enabled(if: FileManager.default.fileExists(atPath: corpus.path), "../shared/corpus is absent: nothing to compare")
    )
    func limits() throws {
        // Generated strings joined by six, so that the chunks a limited read decodes end inside every case.
        let generated = Self.generated(count: 3_000)
        var texts = stride(from: 0, to: generated.count, by: 6).map { generated[$0..<($0 + 6)].joined() }
        for folder in ["html/readability"] {
            let root = Self.corpus.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where url.pathExtension == "txt" {
                texts.append(String(decoding: try Data(contentsOf: url), as: UTF8.self))
            }
        }
        var reader = StreamReader()
        for text in texts {
            let whole = tokenizerTokens(text)
            for limit in [0, 1, 2, 3, 5, 8, 13, 21, 30, 64, 200, 1_000] {
                reader.stream.read(text, tokenLimit: limit, lexicon: &reader.lexicon, into: &reader.words)
                let got = reader.words.map { reader.lexicon[$0.number].text }
                #expect(got == whole.prefix(limit).map(\.text), "\(limit) tokens of \(text.prefix(80))")
            }
            for limit in [0, 7, 300] {
                let cut = String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit)))
                reader.stream.read(text, scalarLimit: limit, tokenLimit: 50, lexicon: &reader.lexicon, into: &reader.words)
                #expect(
                    reader.words.map { reader.lexicon[$0.number].text } == tokenizerTokens(cut).prefix(50).map(\.text),
                    "\(limit) scalars of \(text.prefix(80))")
            }
        }
    }

    @Test("A lexicon emptied between texts numbers afresh and still gives the same words")
    func emptiedLexicon() {
        var reader = StreamReader()
        let text = "Le Pôle d'innovation, la R & D et l'e-commerce"
        let first = reader.tokens(text)
        reader.lexicon.removeAll()
        #expect(reader.lexicon.count == 0)
        #expect(reader.tokens(text) == first)
    }
}
