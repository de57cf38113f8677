import Foundation
import SeededRandom
import Testing
import TextNormalization

@testable import Matching

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

    /// Pairs of `words` joined: neighbours in the sorted list (a word and its inflections), and words far apart.
    static func pairs(of words: [String]) -> [String] {
        var pairs: [String] = []
        for (index, word) in words.enumerated() {
            pairs.append(word + words[(index + 1) % words.count])
            pairs.append(word + words[index * 7_919 % words.count])
        }
        return pairs
    }

    @Test(
        "Every stem of Snowball's vocabularies, and of pairs of its words, is a start of the word but for its last letter, or last two after a few endings",
        .enabled(if: FileManager.default.fileExists(atPath: vocabularies.path), "../shared/corpus is absent: nothing to check"),
        arguments: Language.allCases
    )
    func stemsKeepTheStartOfTheWord(_ language: Language) throws {
        let words = try Self.plainWords(language)
        #expect(words.count > 10_000)
        let stemmer = Stemmer(language: language)
        let pairs = Self.pairs(of: words)
        var failures: [String] = []
        for word in words + pairs {
            let key = TextFolding.fold(stemmer.stem(word))
            var starts = StemStarts()
            starts.insert(key)
            starts.seal()
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
        starts.seal()
        #expect(starts.mayStartWith("e", "commerce"))
        #expect(starts.mayStartWith("ecomm", "erciaux"))
        #expect(starts.mayStartWith("start", "ups"))
        #expect(!starts.mayStartWith("stand", "ard"))
        #expect(!starts.mayStartWith("de", "la"))
        var short = StemStarts()
        short.insert("ia")
        short.insert("a")
        short.seal()
        // "a" keeps no letter as its start: every word may stem to it.
        #expect(short.mayStartWith("de", "la"))
    }

    @Test("A stem keeps all but its last letter, or its last two when Snowball may have added both")
    func startsOfStems() {
        var starts = StemStarts()
        for key in ["national", "evident", "appliqu", "die", "possible", "ia"] { starts.insert(key) }
        starts.seal()
        // "nationaux" → "national" adds one letter; "évidemment" → "évident" and "application" → "appliqu" two.
        #expect(starts.mayStartWith("nationa", "ux"))
        #expect(!starts.mayStartWith("nation", "s"))
        #expect(starts.mayStartWith("evidem", "ment"))
        #expect(!starts.mayStartWith("evid", "a"))
        #expect(starts.mayStartWith("appli", "cation"))
        #expect(starts.mayStartWith("dy", "ing"))
        #expect(starts.mayStartWith("possib", "ility"))
        #expect(starts.mayStartWith("i", "talia"))
        #expect(!starts.mayStartWith("ma", "is"))
    }

    @Test("Untrimmed, the starts are whole keys: a pair passes only when its joined text is a key")
    func untrimmedStartsAreWholeKeys() {
        var starts = StemStarts(wholeKeys: true)
        starts.insert("ecommerce")
        starts.insert("e")
        starts.seal()
        #expect(starts.mayStartWith("e", "commerce"))
        #expect(starts.mayStartWith("ecomm", "erce"))
        #expect(!starts.mayStartWith("ecommerce", "s"))
        #expect(!starts.mayStartWith("e", "commerc"))
        #expect(!starts.mayStartWith("e", "comptable"))
    }

    @Test(
        "The laid-out trie answers as a scan of its starts does, and sealing again keeps the starts already laid out",
        arguments: [true, false])
    func sealedTrieAgreesWithAScan(wholeKeys: Bool) {
        // Short words, so that starts share and nest in prefixes, over more letters than a node's children
        // are scanned one by one, so that the children are searched too; a fixed seed replays a failure.
        var generator = SplitMix(seed: 7)
        func word(_ length: ClosedRange<Int>) -> String {
            String((0..<Int.random(in: length, using: &generator)).map { _ in "abcdefghijklmnopé".randomElement(using: &generator)! })
        }
        let starts = (0..<3_000).map { _ in word(3...6) }
        var trie = StemStarts(wholeKeys: wholeKeys)
        for start in starts.prefix(1_500) { trie.insert(start) }
        trie.seal()
        for start in starts.dropFirst(1_500) { trie.insert(start) }
        trie.seal()
        // Random pairs, and each start cut in two, which holds a start whatever the trimming.
        let cut = starts.prefix(500).map { start in
            let at = start.index(start.startIndex, offsetBy: Int.random(in: 0...start.count, using: &generator))
            return (String(start[..<at]), String(start[at...]))
        }
        for (first, second) in (0..<2_000).map({ _ in (word(0...4), word(0...4)) }) + cut {
            let joined = Array((first + second).utf8)
            // A stem's start is all but its last letter, or its last two after "qu", "nt", "ie" and "le".
            func start(_ key: String) -> [UInt8] {
                let cut = ["qu", "nt", "ie", "le"].contains { key.hasSuffix($0) } ? 2 : 1
                return Array(String(String.UnicodeScalarView(key.unicodeScalars.dropLast(cut))).utf8)
            }
            let scan = wholeKeys ? starts.contains { Array($0.utf8) == joined } : starts.contains { joined.starts(with: start($0)) }
            #expect(trie.mayStartWith(first, second) == scan, "\(first) + \(second)")
        }
    }
}
