import Foundation
@testable import Matching
import Testing
import TextNormalization

/// A vocabulary holding the keys of `terms` in `form`, as the matcher compiles them.
private func vocabulary(_ terms: [String], form: KeyForm) -> KeyVocabulary {
    var vocabulary = KeyVocabulary()
    let stemmer = form.language.map { Stemmer(language: $0) }
    for term in terms {
        for sequence in MatchKeys.termSequences(Tokenizer.tokens(term), stemmer: stemmer) {
            for key in sequence { _ = vocabulary.make(key, form: form) }
        }
    }
    vocabulary.seal()
    return vocabulary
}

/// What the reader must give: the ids of ``MatchKeys``'s keys, 0 for keys no term uses.
private func expected(_ text: String, form: KeyForm, vocabulary: KeyVocabulary) -> KeyReader.Keys {
    let keys = MatchKeys(tokens: Tokenizer.tokens(text), stemmer: form.language.map { Stemmer(language: $0) })
    return KeyReader.Keys(
        keys: keys.keys.map { vocabulary.id($0, form: form) ?? 0 },
        joinedKeys: keys.joinedKeys.map { vocabulary.id($0, form: form) ?? 0 })
}

@Suite("KeyReader")
struct KeyReaderTests {
    static let terms = ["industrie", "e-commerce", "startup", "hydrogène vert", "R&D", "2024", "subventions"]
    static let text = "L'industrie de l'hydrogène verte : les start-up, l'e commerce et la R & D en 2024, subvention"

    @Test("A text read twice, its words then cached, gives the keys MatchKeys gives", arguments: [
        KeyForm.folded, .stemmed(.french), .stemmed(.english),
    ])
    func cachedKeysAreTheKeys(_ form: KeyForm) {
        let vocabulary = vocabulary(Self.terms, form: form)
        let reader = KeyReader()
        let first = reader.keys(Self.text, form: form, vocabulary: vocabulary)
        let second = reader.keys(Self.text, form: form, vocabulary: vocabulary)
        let wanted = expected(Self.text, form: form, vocabulary: vocabulary)
        #expect(first == wanted)
        #expect(second == wanted)
        #expect(first.keys.contains { $0 != 0 } && first.joinedKeys.contains { $0 != 0 })
    }

    @Test("A word seen in one form is keyed afresh in another form")
    func formsDoNotShareKeys() {
        var vocabulary = KeyVocabulary()
        _ = vocabulary.make("industrielles", form: .folded)
        _ = vocabulary.make("industriel", form: .stemmed(.french))
        vocabulary.seal()
        let reader = KeyReader()
        let tokens = "industrielles"
        #expect(reader.keys(tokens, form: .folded, vocabulary: vocabulary).keys == [vocabulary.id("industrielles", form: .folded)])
        #expect(reader.keys(tokens, form: .stemmed(.french), vocabulary: vocabulary).keys
            == [vocabulary.id("industriel", form: .stemmed(.french))])
        #expect(reader.keys(tokens, form: .stemmed(.english), vocabulary: vocabulary).keys == [0])
    }

    @Test("The caches stay within their bounds and keep giving the right keys once emptied")
    func cachesAreBounded() {
        let form = KeyForm.stemmed(.french)
        let vocabulary = vocabulary(["mot"], form: form)
        let reader = KeyReader()
        // Distinct words in texts of 1,000: more than the word capacity in all.
        let textLength = 1_000
        for text in 0..<(KeyReader.wordCapacity / textLength + 3) {
            let words = (0..<textLength).map { "mot\(text)x\($0)" } + ["mot"]
            let keys = reader.keys(words.joined(separator: " "), form: form, vocabulary: vocabulary)
            #expect(keys.keys.last == vocabulary.id("mot", form: form))
            let remembered = reader.remembered
            // Emptied between texts: past the capacity by one text's words at most.
            #expect(remembered.words <= KeyReader.wordCapacity + textLength + 1)
            #expect(remembered.pairs <= KeyReader.pairCapacity)
        }
        // Emptied when full, not left full: it holds the first words it read and those of the texts read since.
        #expect(reader.remembered.words < KeyReader.wordCapacity / 2)
    }

    @Test("The first words read are kept when the others are forgotten, and keep their keys")
    func firstWordsAreKept() {
        let form = KeyForm.stemmed(.french)
        let vocabulary = vocabulary(["industriel", "mot"], form: form)
        let reader = KeyReader()
        let first = "industrielles mots"
        let expectedFirst = reader.keys(first, form: form, vocabulary: vocabulary)
        let others = (0...KeyReader.wordCapacity).map { "autre\($0)" }.joined(separator: " ")
        _ = reader.keys(others, form: form, vocabulary: vocabulary)
        // The next item forgets all but the first words, then reads them from the cache.
        #expect(reader.keys(first, form: form, vocabulary: vocabulary) == expectedFirst)
        #expect(reader.remembered.words == KeyReader.keptWords)
        #expect(expectedFirst.keys == [vocabulary.id("industriel", form: form), vocabulary.id("mot", form: form)])
    }

    @Test("In the folded form, a pair is a key or is refused, and none is remembered")
    func foldedPairsOutsideTheKeysAreSkipped() {
        let form = KeyForm.folded
        // "de" begins "dela" and "fin" begins "finmot", but neither pair is a key.
        let vocabulary = vocabulary(["ecommerce", "mot", "de", "fin"], form: form)
        let reader = KeyReader()
        let text = "l'e commerce de la fin du mot"
        let keys = reader.keys(text, form: form, vocabulary: vocabulary)
        #expect(keys == expected(text, form: form, vocabulary: vocabulary))
        #expect(keys.joinedKeys == [vocabulary.id("ecommerce", form: form), 0, 0, 0, 0, 0])
        #expect(reader.remembered.pairs == 0)
    }

    @Test("A text with more distinct words than the cache holds is keyed in full")
    func aTextLargerThanTheCacheIsStillKeyed() {
        let form = KeyForm.folded
        let vocabulary = vocabulary(["mot", "motmot"], form: form)
        let words = (0..<(KeyReader.wordCapacity + 10)).map { "w\($0)" } + ["mot", "mot"]
        let keys = KeyReader().keys(words.joined(separator: " "), form: form, vocabulary: vocabulary)
        #expect(keys.keys.suffix(2) == [vocabulary.id("mot", form: form), vocabulary.id("mot", form: form)])
        #expect(keys.joinedKeys.last == vocabulary.id("motmot", form: form))
    }
}

@Suite("KeyReader on Snowball's vocabularies")
struct KeyReaderVocabularyTests {
    @Test(
        "Every word of a language's vocabulary is keyed as MatchKeys keys it, though only words a key's start begins are stemmed",
        .enabled(if: FileManager.default.fileExists(atPath: StemStartsTests.vocabularies.path), "../shared/corpus is absent: nothing to check"),
        arguments: Language.allCases
    )
    func vocabularyWordsAreKeyed(_ language: Language) throws {
        let url = StemStartsTests.vocabularies.appendingPathComponent(language == .french ? "french/voc.txt" : "english/voc.txt")
        let words = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(words.count > 10_000)
        // Terms from one word in 50, so that most words stem to no key, some to a key, and many begin a start.
        let form = KeyForm.stemmed(language)
        let vocabulary = vocabulary(stride(from: 0, to: words.count, by: 50).map { words[$0] }, form: form)
        let reader = KeyReader()
        var found = 0
        // Texts of 200 words, read twice: new words, then words the reader remembers.
        for start in stride(from: 0, to: words.count, by: 200) {
            let text = words[start..<min(start + 200, words.count)].joined(separator: " ")
            let wanted = expected(text, form: form, vocabulary: vocabulary)
            #expect(reader.keys(text, form: form, vocabulary: vocabulary) == wanted)
            #expect(reader.keys(text, form: form, vocabulary: vocabulary) == wanted)
            found += wanted.keys.filter { $0 != 0 }.count
        }
        #expect(found > words.count / 50)
    }
}

@Suite("Probing tables")
struct ProbingTableTests {
    @Test("A pair table finds what it holds and is emptied instead of overflowing")
    func pairTable() {
        var table = PairTable(capacity: 100)
        for key in 0..<100 { table.insert(UInt64(key) << 32 | UInt64(key * 7), Int32(key)) }
        #expect((0..<100).allSatisfy { table.value(UInt64($0) << 32 | UInt64($0 * 7)) == Int32($0) })
        #expect(table.value(5) == nil)
        table.insert(1 << 40, 9)
        #expect(table.count == 1)
        #expect(table.value(1 << 40) == 9)
        #expect(table.value(0) == nil)
    }

    @Test("A pair table keeps what it holds while it grows past its first slots, up to its capacity")
    func pairTableGrows() {
        var table = PairTable(capacity: 5_000)
        for key in 0..<5_000 { table.insert(UInt64(key) << 32 | UInt64(key * 7), Int32(key)) }
        #expect(table.count == 5_000)
        #expect((0..<5_000).allSatisfy { table.value(UInt64($0) << 32 | UInt64($0 * 7)) == Int32($0) })
        #expect(table.value(UInt64(5_000) << 32) == nil)
        table.insert(1 << 50, 1)
        #expect(table.count == 1)
        #expect(table.value(0) == nil)
    }

    @Test("A key table finds every key it holds as it grows, byte for byte, and no other")
    func keyTable() {
        var table = KeyTable()
        #expect(table.isEmpty)
        let keys = ["", "a", "ab", "ba", "e-commerce", "ecommerce", "hydrogène", "hydrogene", "r&d", "\u{0}x"]
            + (0..<2_000).map { "mot\($0)" }
        for (id, key) in keys.enumerated() { table.insert(key, Int32(id)) }
        #expect(!table.isEmpty)
        #expect(keys.enumerated().allSatisfy { table.value($1) == Int32($0) })
        // Canonically equal but other bytes: keys are compared as bytes, as the vocabulary folds them first.
        #expect(table.value("hydroge\u{300}ne") == nil)
        #expect(table.value("mot2000") == nil)
        #expect(table.value("ecommerc") == nil)
        #expect(table.value("abc") == nil)
    }

    @Test("A key table keeps any value, zero and negative ones too, and keys of any length, as it grows")
    func keyTableValuesAndLengths() {
        var table = KeyTable()
        let long = String(repeating: "é", count: 5_000)
        table.insert(long, -7)
        table.insert("", 0)
        for id in 1..<3_000 { table.insert(String(repeating: "a", count: id % 40) + "\(id)", Int32(-id)) }
        #expect(table.value(long) == -7)
        #expect(table.value("") == 0)
        #expect((1..<3_000).allSatisfy { table.value(String(repeating: "a", count: $0 % 40) + "\($0)") == Int32(-$0) })
        #expect(table.value(String(long.dropLast())) == nil)
        #expect(table.value(long + "é") == nil)
    }

    @Test("A key table of a hundred thousand keys finds each of them and none of a hundred thousand others")
    func largeKeyTable() {
        var table = KeyTable()
        for id in 0..<100_000 { table.insert("clé\(id)", Int32(id)) }
        #expect((0..<100_000).allSatisfy { table.value("clé\($0)") == Int32($0) })
        #expect((100_000..<200_000).allSatisfy { table.value("clé\($0)") == nil })
        #expect((0..<100_000).allSatisfy { table.value("cle\($0)") == nil })
    }

    @Test("An edge table finds what it holds as it grows, and a new value replaces the old one")
    func edgeTable() {
        var table = EdgeTable()
        for key in 0..<1_000 { table.set(UInt64(key) << 32 | UInt64(key * 7), Int32(key)) }
        #expect((0..<1_000).allSatisfy { table.value(UInt64($0) << 32 | UInt64($0 * 7)) == Int32($0) })
        #expect(table.value(5) == nil)
        table.set(0, 9)
        #expect(table.value(0) == 9)
    }
}
