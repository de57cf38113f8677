import Testing
@testable import TextNormalization

@Suite("Word lexicon")
struct WordLexiconTests {
    @Test("A word keeps its number whatever its length, and words differing in one byte get two")
    func numbersByBytes() {
        var lexicon = WordLexicon()
        var words: [[UInt8]] = []
        // Lengths around the 8 and 16 bytes a slot holds, each word and its twin differing in the last byte.
        for length in 0...40 {
            let word = (0..<length).map { UInt8(0x61 + ($0 * 7 + length) % 26) }
            words.append(word)
            if length > 0 { words.append(Array(word.dropLast()) + [0x7A]) }
        }
        let numbers = words.map { word in word.withUnsafeBufferPointer { lexicon.number(of: $0) } }
        #expect(Set(numbers).count == Set(words).count)
        // Read again, after enough other words to grow the table, each gets the number it had.
        for index in 0..<5000 { Array("w\(index)".utf8).withUnsafeBufferPointer { _ = lexicon.number(of: $0) } }
        let again = words.map { word in word.withUnsafeBufferPointer { lexicon.number(of: $0) } }
        #expect(again == numbers)
        for (word, number) in zip(words, numbers) {
            #expect(lexicon[number].text == String(decoding: word, as: UTF8.self))
        }
    }

    @Test("Forgetting all but the first words keeps their numbers and numbers the next words after them")
    func keepingTheFirstWords() {
        var lexicon = WordLexicon()
        let words = (0..<3000).map { Array("mot\($0)-suffixe-long".utf8) }
        let numbers = words.map { word in word.withUnsafeBufferPointer { lexicon.number(of: $0) } }
        lexicon.removeAll(keepingFirst: 1000)
        #expect(lexicon.count == 1000)
        let kept = words.prefix(1000).map { word in word.withUnsafeBufferPointer { lexicon.number(of: $0) } }
        #expect(kept == Array(numbers.prefix(1000)))
        let next = words[2000].withUnsafeBufferPointer { lexicon.number(of: $0) }
        #expect(next == 1000)
        #expect(lexicon[next].text == "mot2000-suffixe-long")
    }
}
