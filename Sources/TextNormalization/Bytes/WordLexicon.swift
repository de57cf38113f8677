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
            isElision = text.utf8.count <= Tokenizer.longestElision && Tokenizer.elisions.contains(text)
            isPossessiveS = text == "s"
            vote = Language.vote(text)
        }
    }

    /// What the tokenizer and the key reader ask of a word at each of its occurrences, kept in one byte
    /// beside its slot (and by number in ``traits(_:)``), so that a word the texts repeat is assembled and
    /// keyed without reading its ``Entry``, whose copy retains two strings.
    package struct Traits: OptionSet, Sendable {
        package let rawValue: UInt8
        package init(rawValue: UInt8) { self.rawValue = rawValue }

        /// Its folded text is empty: it is no token.
        package static let emptyText = Traits(rawValue: 1)
        /// ``Entry/isElision``.
        package static let elision = Traits(rawValue: 2)
        /// ``Entry/isPossessiveS``.
        package static let possessiveS = Traits(rawValue: 4)
        /// Its key (``withKey(of:_:)``) is its folded text: an ASCII word, which folding only lowercases.
        package static let keyIsText = Traits(rawValue: 8)
        /// ``Entry/isLettersOnly``.
        package static let lettersOnly = Traits(rawValue: 16)
        /// ``Entry/isPlainLatin``.
        package static let plainLatin = Traits(rawValue: 32)
        /// The two bits of ``vote``.
        private static let voteMask: UInt8 = 0xC0

        /// ``Entry/vote``.
        package var vote: Language.Vote? {
            switch rawValue & Self.voteMask {
            case 0x40: .french
            case 0x80: .english
            case 0xC0: .other
            default: nil
            }
        }

        init(_ entry: Entry, keyIsText: Bool) {
            var traits: Traits = []
            if entry.text.isEmpty { traits.insert(.emptyText) }
            if entry.isElision { traits.insert(.elision) }
            if entry.isPossessiveS { traits.insert(.possessiveS) }
            if keyIsText { traits.insert(.keyIsText) }
            if entry.isLettersOnly { traits.insert(.lettersOnly) }
            if entry.isPlainLatin { traits.insert(.plainLatin) }
            switch entry.vote {
            case .french?: traits.insert(Traits(rawValue: 0x40))
            case .english?: traits.insert(Traits(rawValue: 0x80))
            case .other?: traits.insert(Traits(rawValue: 0xC0))
            case nil: break
            }
            self = traits
        }
    }

    /// A word's place in the table: its hash, its length, its traits and its first 16 bytes, so that
    /// finding a word of up to 16 bytes (nearly every word) reads one slot and nothing else. The table is as
    /// large as the vocabulary, and reading a word's hash, then its bytes, from arrays of their own cost a
    /// cache miss each. The length is capped at `UInt16.max`: a longer word is compared byte by byte anyway.
    private struct Slot {
        var hash: UInt64
        var head: UInt64
        var tail: UInt64
        var number: Int32
        var length: UInt16
        var traits: Traits
    }
    private static let free = Slot(hash: 0, head: 0, tail: 0, number: -1, length: 0, traits: [])
    /// Twice as many slots as words, so that probes stay short.
    private var slots: [Slot] = Array(repeating: WordLexicon.free, count: 1 << 12)
    /// The words' bytes one after the other, word `n` from `starts[n]` to `starts[n + 1]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    // Visible to the inlined subscript: the key reader reads entries word by word from another module,
    // where a call per word, and the copy of the entry it returns, cost more than the lookup.
    @usableFromInline private(set) var entries: [Entry] = []
    /// The traits of word `n`.
    @usableFromInline private(set) var traitList: [Traits] = []

    /// An empty lexicon.
    package init() {}

    /// The number of distinct words held.
    package var count: Int { entries.count }

    /// The entry of word `number`.
    @inlinable
    package subscript(number: Int32) -> Entry {
        entries[Int(number)]
    }

    /// ``Entry/text`` of word `number`, read without a copy of the whole entry (which retains both its strings).
    @inlinable @inline(__always)
    package func text(_ number: Int32) -> String {
        entries[Int(number)].text
    }

    /// ``Entry/caseFolded`` of word `number`.
    @inlinable @inline(__always)
    package func caseFolded(_ number: Int32) -> String {
        entries[Int(number)].caseFolded
    }

    /// The traits of word `number`.
    @inlinable
    package func traits(_ number: Int32) -> Traits {
        traitList[Int(number)]
    }

    /// Calls `body` with the bytes word `number` was gathered as: its folded text's UTF-8 when its traits
    /// hold ``Traits/keyIsText``.
    @inline(__always)
    package func withKey<Result>(of number: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let (start, end) = (starts[Int(number)], starts[Int(number) + 1])
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Forgets every word; numbers handed out before mean nothing afterwards.
    package mutating func removeAll() {
        for index in slots.indices { slots[index] = Self.free }
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        starts.append(0)
        entries.removeAll(keepingCapacity: true)
        traitList.removeAll(keepingCapacity: true)
    }

    /// Forgets every word but the first `kept`, which keep their numbers: the words a reader meets first
    /// are mostly the commonest, which it would otherwise fold again at once.
    package mutating func removeAll(keepingFirst kept: Int) {
        guard kept < entries.count else { return }
        entries.removeSubrange(kept...)
        traitList.removeSubrange(kept...)
        bytes.removeSubrange(starts[kept]...)
        starts.removeSubrange((kept + 1)...)
        for index in slots.indices { slots[index] = Self.free }
        bytes.withUnsafeBufferPointer { bytes in
            for number in 0..<kept {
                let key = UnsafeBufferPointer(rebasing: bytes[starts[number]..<starts[number + 1]])
                let (head, tail) = (Self.chunk(key, at: 0), Self.chunk(key, at: 8))
                place(Slot(
                    hash: Self.hash(key, head: head, tail: tail), head: head, tail: tail, number: Int32(number),
                    length: Self.cappedLength(key), traits: traitList[number]))
            }
        }
    }

    /// The number of the word gathered as `key`, folding it if it is new.
    mutating func number(of key: UnsafeBufferPointer<UInt8>) -> Int32 {
        word(key).number
    }

    /// The number and traits of the word gathered as `key`, folding it if it is new.
    @inline(__always)
    mutating func word(_ key: UnsafeBufferPointer<UInt8>) -> (number: Int32, traits: Traits) {
        word(key) {
            let content = String(decoding: key, as: UTF8.self)
            // Bytes below 0x80 are already lowercase, and plain ASCII needs nothing more.
            guard key.contains(where: { $0 >= 0x80 }) else { return Entry(caseFolded: content, text: content) }
            let caseFolded = TextFolding.caseFold(content)
            return Entry(caseFolded: caseFolded, text: TextFolding.fold(caseFolded))
        }
    }

    /// The number and traits of the word "R & D" makes of its two letter groups, as ``TokenAssembler`` joins them.
    mutating func word(joining left: Int32, _ right: Int32) -> (number: Int32, traits: Traits) {
        // 0xFF never occurs in UTF-8, so a joined key never meets a scanned word's.
        var key: [UInt8] = [0xFF]
        key += bytes[starts[Int(left)]..<starts[Int(left) + 1]]
        key.append(0xFF)
        key += bytes[starts[Int(right)]..<starts[Int(right) + 1]]
        let (first, second) = (entries[Int(left)], entries[Int(right)])
        return key.withUnsafeBufferPointer { key in
            word(key) {
                Entry(caseFolded: first.caseFolded + "&" + second.caseFolded, text: first.text + "&" + second.text)
            }
        }
    }

    private mutating func word(_ key: UnsafeBufferPointer<UInt8>, entry: () -> Entry) -> (number: Int32, traits: Traits) {
        let (head, tail) = (Self.chunk(key, at: 0), Self.chunk(key, at: 8))
        let hash = Self.hash(key, head: head, tail: tail)
        let length = Self.cappedLength(key)
        let found: Slot? = slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let candidate = slots[slot]
                if candidate.number < 0 { return nil }
                if candidate.hash == hash, candidate.length == length, candidate.head == head, candidate.tail == tail,
                    key.count <= 16 || holds(Int(candidate.number), key) {
                    return candidate
                }
                slot = (slot + 1) & mask
            }
        }
        if let found { return (found.number, found.traits) }
        let number = Int32(entries.count)
        let made = entry()
        let traits = Traits(made, keyIsText: !key.contains(where: { $0 >= 0x80 }) && made.text.utf8.elementsEqual(key))
        entries.append(made)
        traitList.append(traits)
        bytes.append(contentsOf: key)
        starts.append(bytes.count)
        place(Slot(hash: hash, head: head, tail: tail, number: number, length: length, traits: traits))
        if entries.count * 2 > slots.count { grow() }
        return (number, traits)
    }

    @inline(__always)
    private static func cappedLength(_ key: UnsafeBufferPointer<UInt8>) -> UInt16 {
        UInt16(clamping: key.count)
    }

    private mutating func place(_ entry: Slot) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: entry.hash) & mask
        while slots[slot].number >= 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
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
        let old = slots
        slots = Array(repeating: Self.free, count: old.count * 2)
        for entry in old where entry.number >= 0 { place(entry) }
    }

    /// The eight bytes of `key` from `offset`, little-endian, zero past its end.
    @inline(__always)
    private static func chunk(_ key: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        guard offset < key.count, let base = key.baseAddress else { return 0 }
        if key.count - offset >= 8 { return UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)) }
        var value: UInt64 = 0
        for index in offset..<key.count { value |= UInt64(key[index]) << (8 * UInt64(index - offset)) }
        return value
    }

    /// A hash of `key` eight bytes at a time; `head` and `tail` are its first two chunks.
    @inline(__always)
    private static func hash(_ key: UnsafeBufferPointer<UInt8>, head: UInt64, tail: UInt64) -> UInt64 {
        var hash = (UInt64(key.count) &* 0x9E37_79B9_7F4A_7C15 ^ head) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 31) ^ tail) &* 0x94D0_49BB_1331_11EB
        var offset = 16
        while offset < key.count {
            hash = (hash ^ (hash >> 31) ^ chunk(key, at: offset)) &* 0xBF58_476D_1CE4_E5B9
            offset += 8
        }
        return hash ^ (hash >> 29)
    }
}
