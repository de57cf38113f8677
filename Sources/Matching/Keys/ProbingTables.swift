/// A map from 64-bit keys to ids with a fixed number of entries, by open addressing with a multiplicative
/// hash: what the ``KeyReader`` looks up once per pair of words, where hashing with `Hasher` cost more
/// than the rest of the lookup.
struct PairTable {
    /// Keys never used: word numbers are below 2³¹.
    private static let empty = UInt64.max
    private var keys: [UInt64]
    private var values: [Int32]
    private let shift: UInt64
    /// The entries held; the table is emptied instead of passing ``capacity``.
    private(set) var count = 0
    /// At most this many entries, half the slots, so that probes stay short.
    let capacity: Int

    /// A table for `capacity` entries.
    init(capacity: Int) {
        let bits = max(4, (capacity * 2 - 1).bitWidth - (capacity * 2 - 1).leadingZeroBitCount)
        keys = Array(repeating: Self.empty, count: 1 << bits)
        values = Array(repeating: 0, count: 1 << bits)
        shift = UInt64(64 - bits)
        self.capacity = capacity
    }

    /// The id stored for `key`, if any.
    func value(_ key: UInt64) -> Int32? {
        var slot = slot(key)
        while true {
            let found = keys[slot]
            if found == key { return values[slot] }
            if found == Self.empty { return nil }
            slot = (slot + 1) & (keys.count - 1)
        }
    }

    /// Stores `value` for `key`, which must not be there yet; a full table is emptied first.
    mutating func insert(_ key: UInt64, _ value: Int32) {
        if count >= capacity { removeAll() }
        var slot = slot(key)
        while keys[slot] != Self.empty { slot = (slot + 1) & (keys.count - 1) }
        keys[slot] = key
        values[slot] = value
        count += 1
    }

    mutating func removeAll() {
        for index in keys.indices { keys[index] = Self.empty }
        count = 0
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}

/// Distinct strings numbered in order of arrival, by open addressing over an FNV-1a hash of their bytes.
struct WordTable {
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    /// The strings, by number.
    private(set) var words: [String] = []
    private let mask: Int
    /// At most this many strings, half the slots.
    let capacity: Int

    /// A table for `capacity` strings.
    init(capacity: Int) {
        let bits = max(4, (capacity * 2 - 1).bitWidth - (capacity * 2 - 1).leadingZeroBitCount)
        slots = Array(repeating: -1, count: 1 << bits)
        mask = (1 << bits) - 1
        self.capacity = capacity
    }

    var count: Int { words.count }

    /// The number of `word`, numbering it if it is new; `nil` when it is new and the table is full.
    mutating func number(of word: String) -> Int32? {
        let hash = Self.hash(word)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let number = slots[slot]
            if number < 0 { break }
            if hashes[Int(number)] == hash, words[Int(number)] == word { return number }
            slot = (slot + 1) & mask
        }
        guard words.count < capacity else { return nil }
        let number = Int32(words.count)
        slots[slot] = number
        hashes.append(hash)
        words.append(word)
        return number
    }

    mutating func removeAll() {
        for index in slots.indices { slots[index] = -1 }
        hashes.removeAll(keepingCapacity: true)
        words.removeAll(keepingCapacity: true)
    }

    private static func hash(_ word: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        // FNV's low bits are weak for short strings; fold the high bits in.
        return hash ^ (hash >> 29)
    }
}
