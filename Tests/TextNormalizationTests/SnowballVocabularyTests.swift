import Foundation
import Testing
import TextNormalization

/// Runs the Snowball stemmers over Snowball's own test vocabularies (`../shared/corpus/stemmer/snowball/`).
///
/// The corpus's `output.txt` files were produced by Snowball 3, while Debian 12 ships libstemmer 2.2.0,
/// whose French and English algorithms differ on a few words. Those words are listed, with the stem 2.2.0
/// gives and the reason, in `Fixtures/libstemmer-2.2-*-differences.tsv`; every other word must agree
/// exactly, and a listed word must give either the listed stem or, on a newer libstemmer, the corpus's.
@Suite("Snowball vocabularies")
struct SnowballVocabularyTests {
    static let corpus: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpus/stemmer/snowball").standardizedFileURL

    /// The corpus lives beside the repository, in `../shared`; a clone elsewhere has none.
    static var corpusPresent: Bool { FileManager.default.fileExists(atPath: corpus.path) }

    static func lines(_ url: URL) throws -> [String] {
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The listed differences of libstemmer 2.2.0: word → its stem.
    static func knownDifferences(_ language: Language) throws -> [String: String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/libstemmer-2.2-\(language == .french ? "french" : "english")-differences.tsv")
        var differences: [String: String] = [:]
        for line in try lines(url) where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            try #require(fields.count == 2, "malformed line: \(line)")
            differences[String(fields[0])] = String(fields[1])
        }
        return differences
    }

    @Test(
        "Every word of Snowball's vocabulary stems to Snowball's output, but libstemmer 2.2.0's listed differences",
        .enabled(if: corpusPresent, "skipped: the shared corpus (../shared/corpus/stemmer) is not beside this clone"),
        arguments: [Language.french, .english]
    )
    func vocabulary(_ language: Language) throws {
        let folder = Self.corpus.appendingPathComponent(language == .french ? "french" : "english")
        let words = try Self.lines(folder.appendingPathComponent("voc.txt"))
        let expected = try Self.lines(folder.appendingPathComponent("output.txt"))
        try #require(words.count == expected.count && words.count > 20_000, "corpus not found at \(folder.path)")
        let known = try Self.knownDifferences(language)
        let stemmer = Stemmer(language: language)
        var agreeing = 0
        var listed = 0
        var unexplained: [String] = []
        for (word, reference) in zip(words, expected) {
            let stem = stemmer.stem(word)
            if stem == reference {
                agreeing += 1
            } else if known[word] == stem {
                listed += 1
            } else {
                unexplained.append("\(word) → \(stem), Snowball gives \(reference)")
            }
        }
        print("\(language): \(words.count) words, \(agreeing) as Snowball 3 stems them, \(listed) listed differences of libstemmer 2.2.0")
        #expect(unexplained.isEmpty, "\(unexplained.count) words stem differently: \(unexplained.prefix(20))")
        #expect(agreeing + listed == words.count)
        #expect(Set(known.keys).isSubset(of: Set(words)), "the list names words that are not in the vocabulary")
    }
}
