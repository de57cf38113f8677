import Foundation

/// The distinct words a ``WordStream`` has read, numbered in order of arrival, each folded once.
///
/// A word is known by the bytes the scanner gathered for it (its scalars with ASCII lowercased, and the
/// dots, commas, "&" and invisible code points a word keeps), so a word the texts repeat is folded, and
/// everything derived from its folded form is computed, only the first time; two spellings that fold
/// alike ("Pôle" in NFC and in NFD) are two numbers with the same ``Entry``. The table grows with the
/// words read: its owner empties it (``removeAll()``) between texts when it holds more than it wants to.
package struct WordLexicon {
    /// What a word gives: the forms a ``Token`` carries, and what the tokenizer and the language guess
    /// ask of it.
    package struct Entry {
        /// ``Token/caseFolded``.
        package let caseFolded: String
        /// ``Token/text``.
        package let text: String
        /// Whether it is made of letters only (``MatchKeys/isLettersOnly(_:)``): the words that are stemmed.
        package let isLettersOnly: Bool
        /// Whether its folded text is ASCII and its case-folded form made of Latin letters only (below
        /// U+0250, so without combining marks): a word that folds letter by letter, so that folding a start
        /// of it gives a start of its folded text.
        package let isPlainLatin: Bool
        /// A French elided prefix ("l", "qu"…), dropped before an apostrophe.
        let isElision: Bool
        /// The "s" of an English possessive.
        let isPossessiveS: Bool
        /// The function-word evidence it gives the language guess.
        package let vote: Language.Vote?

        init(caseFolded: String, text: String) {
            self.caseFolded = caseFolded
            self.text = text
            isLettersOnly = MatchKeys.isLettersOnly(caseFolded)
            isPlainLatin = text.utf8.allSatisfy { $0 < 0x80 } && caseFolded.unicodeScalars.allSatisfy { $0.value < 0x250 }
            isElision = Tokenizer.elisions.contains(text)
            isPossessiveS = text == "s"
            vote = Language.vote(text)
        }
    }

    /// Slot → word number, `-1` when free; twice as many slots as words, so that probes stay short.
    private var slots: [Int32] = Array(repeating: -1, count: 1 << 12)
    private var hashes: [UInt64] = []
    /// The words' bytes one after the other, word `n` from `starts[n]` to `starts[n + 1]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    // Visible to the inlined subscript: the key reader reads entries word by word from another module,
    // where a call per word, and the copy of the entry it returns, cost more than the lookup.
    @usableFromInline private(set) var entries: [Entry] = []

    /// An empty lexicon.
    package init() {}

    /// The number of distinct words held.
    package var count: Int { entries.count }

    /// The entry of word `number`.
    @inlinable
    package subscript(number: Int32) -> Entry {
        entries[Int(number)]
    }

    /// Forgets every word; numbers handed out before mean nothing afterwards.
    package mutating func removeAll() {
        for index in slots.indices { slots[index] = -1 }
        hashes.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        starts.append(0)
        entries.removeAll(keepingCapacity: true)
    }

    /// The number of the word gathered as `key`, folding it if it is new.
    mutating func number(of key: UnsafeBufferPointer<UInt8>) -> Int32 {
        number(of: key) {
            let content = String(decoding: key, as: UTF8.self)
            // Bytes below 0x80 are already lowercase, and plain ASCII needs nothing more.
            guard key.contains(where: { $0 >= 0x80 }) else { return Entry(caseFolded: content, text: content) }
            let caseFolded = TextFolding.caseFold(content)
            return Entry(caseFolded: caseFolded, text: TextFolding.fold(caseFolded))
        }
    }

    /// The number of the word "R & D" makes of its two letter groups, as ``TokenAssembler`` joins them.
    mutating func number(joining left: Int32, _ right: Int32) -> Int32 {
        // 0xFF never occurs in UTF-8, so a joined key never meets a scanned word's.
        var key: [UInt8] = [0xFF]
        key += bytes[starts[Int(left)]..<starts[Int(left) + 1]]
        key.append(0xFF)
        key += bytes[starts[Int(right)]..<starts[Int(right) + 1]]
        let (first, second) = (entries[Int(left)], entries[Int(right)])
        return key.withUnsafeBufferPointer { key in
            number(of: key) {
                Entry(caseFolded: first.caseFolded + "&" + second.caseFolded, text: first.text + "&" + second.text)
            }
        }
    }

    private mutating func number(of key: UnsafeBufferPointer<UInt8>, entry: () -> Entry) -> Int32 {
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let number = Int(slots[slot])
            if number < 0 { break }
            if hashes[number] == hash, holds(number, key) { return Int32(number) }
            slot = (slot + 1) & mask
        }
        let number = Int32(entries.count)
        entries.append(entry())
        hashes.append(hash)
        bytes.append(contentsOf: key)
        starts.append(bytes.count)
        slots[slot] = number
        if entries.count * 2 > slots.count { grow() }
        return number
    }

    /// Whether word `number`'s bytes are `key`'s; compared as memory, where a generic comparison of
    /// an array slice went element by element.
    private func holds(_ number: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[number]
        guard starts[number + 1] - start == key.count else { return false }
        return bytes.withUnsafeBufferPointer { bytes in
            key.isEmpty || memcmp(bytes.baseAddress! + start, key.baseAddress!, key.count) == 0
        }
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(number)
        }
    }

    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        // FNV's low bits are weak for short strings; fold the high bits in.
        return hash ^ (hash >> 29)
    }
}
