import Foundation
import SeededRandom
import Testing
import TextNormalization

@testable import Matching

@Suite("Stem endings")
struct StemEndingsTests {
    @Test(
        "Every word of Snowball's vocabularies, and every pair of its words, leaves its stem's path where a listed ending starts",
        .enabled(
            if: FileManager.default.fileExists(atPath: StemStartsTests.vocabularies.path), "../shared/corpus is absent: nothing to check"),
        arguments: Language.allCases
    )
    func everyEndingIsListed(_ language: Language) throws {
        let words = try StemStartsTests.plainWords(language)
        #expect(words.count > 10_000)
        let stemmer = Stemmer(language: language)
        let pairs = StemStartsTests.pairs(of: words)
        var missing: Set<String> = []
        for word in words + pairs {
            let text = Array(TextFolding.fold(word).utf8)
            let stem = Array(TextFolding.fold(stemmer.stem(word)).utf8)
            let common = zip(text, stem).prefix { $0 == $1 }.count
            // Without the leeway: the list itself holds every ending these words show.
            let longest = text.withUnsafeBufferPointer { StemEndings.snowball.longestEnding(of: UnsafeBufferPointer(rebasing: $0[..<0]), $0) }
            if text.count - longest > common { missing.insert(String(decoding: text[common...], as: UTF8.self)) }
        }
        #expect(missing.isEmpty, "endings missing from the list: \(missing.sorted())")
    }

    @Test("The ending may span both words, and the leeway lets letters before it differ")
    func endingsAcrossWordsAndLeeway() {
        let endings = StemEndings(endings: ["s", "ment", "ements"])
        func needed(_ first: String, _ second: String) -> Int {
            let (a, b) = (Array(first.utf8), Array(second.utf8))
            return a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in endings.keyPathNeeded(a, b) } }
        }
        // "commenc" + "ements": the whole ending, then two letters of leeway.
        #expect(needed("comm", "encements") == 13 - 6 - StemEndings.leeway)
        // An ending that begins in the first word.
        #expect(needed("commenceme", "nts") == 13 - 6 - StemEndings.leeway)
        // No listed ending: all but the leeway.
        #expect(needed("de", "laboratoire") == 13 - StemEndings.leeway)
        #expect(needed("", "") == -StemEndings.leeway)
    }

    @Test("A second word's own longest ending, kept per word, gives the pair's, or says the pair's may run on into the first")
    func endingOfTheSecondWord() {
        let words = ["e", "s", "es", "ment", "ements", "commerces", "commencements", "laboratoire", "de", "ups", "start", "x", "bed"]
        for first in words {
            for second in words {
                let (a, b) = (Array(first.utf8), Array(second.utf8))
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        let alone = StemEndings.snowball.longestEnding(ofWord: b)
                        let pair = StemEndings.snowball.longestEnding(of: a, b)
                        // When known, the second word's own ending is the pair's; unknown only when it may run on.
                        if let alone { #expect(alone == pair, "\(first) \(second)") }
                        #expect(
                            StemEndings.snowball.keyPathNeeded(a, b, endingOfSecond: alone) == a.count + b.count - pair - StemEndings.leeway,
                            "\(first) \(second)")
                    }
                }
            }
        }
        // Words that are endings themselves may run on into the word before; "laboratoire"'s stops inside it.
        #expect(["e", "es", "s"].allSatisfy { Array($0.utf8).withUnsafeBufferPointer { StemEndings.snowball.longestEnding(ofWord: $0) } == nil })
        #expect(Array("laboratoire".utf8).withUnsafeBufferPointer { StemEndings.snowball.longestEnding(ofWord: $0) } != nil)
    }
}

@Suite("Key prefixes")
struct KeyPrefixesTests {
    @Test("Every start of every key is found, across two words, and few other texts are")
    func noFalseNegativesAndFewFalsePositives() {
        var generator = SplitMix(seed: 11)
        func word(_ length: ClosedRange<Int>) -> String {
            String((0..<Int.random(in: length, using: &generator)).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement(using: &generator)! })
        }
        let keys = (0..<5_000).map { _ in word(4...10) }
        var prefixes = KeyPrefixes()
        for key in keys.prefix(2_500) { prefixes.insert(key) }
        prefixes.seal()
        for key in keys.dropFirst(2_500) { prefixes.insert(key) }
        prefixes.seal()
        func mayBegin(_ text: [UInt8], cut: Int, count: Int) -> Bool {
            text.withUnsafeBufferPointer { text in
                prefixes.mayBegin(UnsafeBufferPointer(rebasing: text[..<cut]), UnsafeBufferPointer(rebasing: text[cut...]), count: count)
            }
        }
        for key in keys {
            let bytes = Array(key.utf8)
            for count in 1...bytes.count {
                let cut = Int.random(in: 0...bytes.count, using: &generator)
                #expect(mayBegin(bytes, cut: cut, count: count), "\(key) \(count)")
            }
        }
        let starts = Set(keys.flatMap { key in (1...key.count).map { String(key.prefix($0)) } })
        let others = (0..<20_000).map { _ in word(5...8) }.filter { !starts.contains($0) }
        let falsePositives = others.filter { mayBegin(Array($0.utf8), cut: 2, count: $0.utf8.count) }.count
        #expect(Double(falsePositives) < Double(others.count) * 0.08, "\(falsePositives) of \(others.count)")
    }
}
