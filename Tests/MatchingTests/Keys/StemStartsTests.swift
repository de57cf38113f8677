import Foundation
@testable import Matching
import Testing
import TextNormalization

@Suite("Stem starts")
struct StemStartsTests {
    static let vocabularies: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpus/stemmer/snowball").standardizedFileURL

    /// Words as a lexicon sees them: case-folded, and only those the filter applies to.
    static func plainWords(_ language: Language) throws -> [String] {
        let url = vocabularies.appendingPathComponent(language == .french ? "french/voc.txt" : "english/voc.txt")
        let words = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { TextFolding.caseFold(String($0)) }
        return words.filter { word in
            MatchKeys.isLettersOnly(word) && TextFolding.fold(word).utf8.allSatisfy { $0 < 0x80 }
                && word.unicodeScalars.allSatisfy { $0.value < 0x250 }
        }
    }

    @Test(
        "Every stem of Snowball's vocabularies, and of pairs of its words, is a start of the word but for its last two letters",
        .enabled(if: FileManager.default.fileExists(atPath: vocabularies.path), "../shared/corpus is absent: nothing to check"),
        arguments: Language.allCases
    )
    func stemsKeepTheStartOfTheWord(_ language: Language) throws {
        let words = try Self.plainWords(language)
        #expect(words.count > 10_000)
        let stemmer = Stemmer(language: language)
        // Neighbours in the sorted list (a word and its inflections), and words far apart.
        var pairs: [String] = []
        for (index, word) in words.enumerated() {
            pairs.append(word + words[(index + 1) % words.count])
            pairs.append(word + words[index * 7_919 % words.count])
        }
        var failures: [String] = []
        for word in words + pairs {
            let key = TextFolding.fold(stemmer.stem(word))
            var starts = StemStarts()
            starts.insert(key)
            let folded = TextFolding.fold(word)
            let cut = folded.index(folded.startIndex, offsetBy: folded.count / 2)
            if !starts.mayStartWith(String(folded[..<cut]), String(folded[cut...])) { failures.append("\(word) → \(key)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20))")
    }

    @Test("A start is found across the two words, and a word that begins with none is refused")
    func startsAcrossWords() {
        var starts = StemStarts()
        starts.insert("ecommerc")
        starts.insert("startup")
        #expect(starts.mayStartWith("e", "commerce"))
        #expect(starts.mayStartWith("ecomm", "erciaux"))
        #expect(starts.mayStartWith("start", "ups"))
        #expect(!starts.mayStartWith("stand", "ard"))
        #expect(!starts.mayStartWith("de", "la"))
        var short = StemStarts()
        short.insert("ia")
        #expect(short.mayStartWith("de", "la"))
    }

    @Test("Untrimmed, the starts are whole keys: a pair passes only when a key begins its joined text")
    func untrimmedStartsAreWholeKeys() {
        var starts = StemStarts(trimmed: 0)
        starts.insert("ecommerce")
        #expect(starts.mayStartWith("e", "commerce"))
        #expect(starts.mayStartWith("ecommerce", "s"))
        #expect(!starts.mayStartWith("e", "commerc"))
        #expect(!starts.mayStartWith("e", "comptable"))
    }
}
