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

    /// The traits a word's entry says it must have.
    static func traits(of entry: WordLexicon.Entry, key: [UInt8]) -> WordLexicon.Traits {
        var traits: WordLexicon.Traits = []
        if entry.text.isEmpty { traits.insert(.emptyText) }
        if entry.isElision { traits.insert(.elision) }
        if entry.isPossessiveS { traits.insert(.possessiveS) }
        if entry.isLettersOnly { traits.insert(.lettersOnly) }
        if entry.isPlainLatin { traits.insert(.plainLatin) }
        if key.allSatisfy({ $0 < 0x80 }), Array(entry.text.utf8) == key { traits.insert(.keyIsText) }
        return traits
    }

    @Test("A word's traits are what its entry says, when it is new, found again, and kept past forgetting")
    func traitsFollowTheEntry() {
        var lexicon = WordLexicon()
        // Elisions, a possessive s, function words of each language, accents, other scripts, digits, a joined
        // "R&D" key, a lone combining mark (no text), and words longer than every elision and function word.
        let words = [
            "l", "qu", "lorsqu", "s", "the", "depuis", "les", "und", "hydrogène", "pôle", "œuvre", "straße", "москва",
            "2024", "3,5", "\u{301}", "lorsque", "industrielles", "e\u{301}nergie",
        ]
        var keys = words.map { Array($0.lowercased().utf8) }
        keys.append([0xFF] + Array("r".utf8) + [0xFF] + Array("d".utf8))
        let numbers = keys.map { key in key.withUnsafeBufferPointer { lexicon.word($0) } }
        for (key, found) in zip(keys, numbers) {
            let wanted = Self.traits(of: lexicon[found.number], key: key)
            #expect(found.traits.subtracting(WordLexicon.Traits(rawValue: 0xC0)) == wanted, "\(key)")
            #expect(lexicon.traits(found.number) == found.traits)
            #expect(found.traits.vote == lexicon[found.number].vote, "\(key)")
            #expect(key.withUnsafeBufferPointer { lexicon.word($0) } == found)
        }
        #expect(numbers[0].traits.contains(.elision) && numbers[3].traits.contains(.possessiveS))
        #expect(numbers[4].traits.vote == .english && numbers[5].traits.vote == .french && numbers[7].traits.vote == .other)
        #expect(numbers[15].traits.contains(.emptyText))
        #expect(numbers[8].traits.contains(.plainLatin) && !numbers[8].traits.contains(.keyIsText))
        #expect(numbers[17].traits.contains(.keyIsText) && numbers[17].traits.vote == nil)
        lexicon.removeAll(keepingFirst: 10)
        for (key, found) in zip(keys, numbers).prefix(10) {
            #expect(key.withUnsafeBufferPointer { lexicon.word($0) } == found)
        }
    }

    @Test("Words longer than a slot's length field are told apart by their bytes, and keep their numbers")
    func hostileLongWords() {
        var lexicon = WordLexicon()
        let long = Array(repeating: UInt8(ascii: "a"), count: 70_000)
        // Same first bytes, lengths that the slot's capped length cannot tell apart, and one byte changed at the end.
        let words = [long, long + [UInt8(ascii: "a")], Array(long.prefix(Int(UInt16.max))), Array(long.prefix(Int(UInt16.max) + 1)),
                     Array(long.dropLast()) + [UInt8(ascii: "b")]]
        let numbers = words.map { word in word.withUnsafeBufferPointer { lexicon.number(of: $0) } }
        #expect(Set(numbers).count == words.count)
        let again = words.map { word in word.withUnsafeBufferPointer { lexicon.number(of: $0) } }
        #expect(again == numbers)
        for (word, number) in zip(words, numbers) {
            #expect(lexicon.withKey(of: number) { Array($0) } == word)
            #expect(lexicon.traits(number).contains(.keyIsText))
        }
    }
}
