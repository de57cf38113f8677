import Foundation

/// A map from 64-bit keys to ids holding at most ``capacity`` entries, by open addressing with a
/// multiplicative hash: what the ``KeyReader`` looks up once per pair of words, where hashing with `Hasher`
/// cost more than the rest of the lookup. It starts small and doubles as entries come, so a reader that
/// meets few pairs (few profiles, short items) never pays for the slots of the largest case.
struct PairTable {
    /// Keys never used: word numbers are below 2³¹.
    private static let empty = UInt64.max
    /// A key beside its id, so that a probe touches one cache line: nearly every pair of a text is new
    /// to a table this size, and reading keys and ids from two arrays cost two misses.
    private struct Slot {
        var key: UInt64
        var value: Int32
    }
    private var slots: [Slot]
    private var shift: UInt64
    /// The entries held; the table is emptied instead of passing ``capacity``.
    private(set) var count = 0
    /// At most this many entries, at most half the slots, so that probes stay short.
    let capacity: Int

    /// An empty table for at most `capacity` entries.
    init(capacity: Int) {
        let bits = 10
        slots = Array(repeating: Slot(key: Self.empty, value: 0), count: 1 << bits)
        shift = UInt64(64 - bits)
        self.capacity = capacity
    }

    /// The id stored for `key`, if any.
    func value(_ key: UInt64) -> Int32? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = slot(key)
            while true {
                let found = slots[slot]
                if found.key == key { return found.value }
                if found.key == Self.empty { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The key in the slot where the search for `key` starts: reading it ahead of ``value(_:)`` brings the
    /// slot into the cache while other work goes on.
    @inline(__always)
    func touch(_ key: UInt64) -> UInt64 {
        slots.withUnsafeBufferPointer { $0[slot(key)].key }
    }

    /// Stores `value` for `key`, which must not be there yet; a full table is emptied first.
    mutating func insert(_ key: UInt64, _ value: Int32) {
        if count >= capacity {
            removeAll()
        } else if (count + 1) * 2 > slots.count {
            grow()
        }
        place(key, value)
        count += 1
    }

    mutating func removeAll() {
        for index in slots.indices { slots[index].key = Self.empty }
        count = 0
    }

    private mutating func place(_ key: UInt64, _ value: Int32) {
        var slot = slot(key)
        while slots[slot].key != Self.empty { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = Slot(key: key, value: value)
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: Self.empty, value: 0), count: old.count * 2)
        shift -= 1
        for entry in old where entry.key != Self.empty {
            place(entry.key, entry.value)
        }
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}

/// A growing map from 64-bit keys to ids by open addressing with a multiplicative hash: the edges of a
/// ``TokenTrie``, built once and then looked up at every step of every walk.
///
/// Its probe loop repeats ``PairTable``'s on purpose: one shared core cost about 10% of the matcher's CPU.
struct EdgeTable: Sendable {
    private static let empty = UInt64.max
    /// A key beside its id, so that a step reads one cache line: the table is far larger than the caches.
    private struct Slot {
        var key: UInt64
        var value: Int32
    }
    private var slots: [Slot] = Array(repeating: Slot(key: EdgeTable.empty, value: 0), count: 16)
    private var shift: UInt64 = 60
    private var count = 0

    /// The id stored for `key`, if any. `key` must not be `UInt64.max`.
    @inline(__always)
    func value(_ key: UInt64) -> Int32? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = slot(key)
            while true {
                let found = slots[slot]
                if found.key == key { return found.value }
                if found.key == Self.empty { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Stores `value` for `key`, replacing what it held.
    mutating func set(_ key: UInt64, _ value: Int32) {
        var slot = slot(key)
        while slots[slot].key != Self.empty, slots[slot].key != key { slot = (slot + 1) & (slots.count - 1) }
        if slots[slot].key == Self.empty { count += 1 }
        slots[slot] = Slot(key: key, value: value)
        if count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: Self.empty, value: 0), count: old.count * 2)
        shift -= 1
        count = 0
        for entry in old where entry.key != Self.empty { set(entry.key, entry.value) }
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}

/// A map from strings, known by their UTF-8 bytes, to ids by open addressing with FNV-1a: the keys of a
/// ``KeyVocabulary``, which a ``KeyReader`` looks up for every new word and pair, where hashing a `String`
/// with `Hasher` and comparing it as a `String` cost more than the rest of the lookup.
struct KeyTable: Sendable {
    /// An entry in 16 bytes: the high half of its hash, where its bytes lie, and its value, so that a lookup
    /// that finds its key reads the slot and the key's bytes, and one that fails, as most do, the slot alone.
    /// (Separate arrays of starts and values cost two more cache misses per key found, once the vocabulary
    /// of 50,000 terms no longer fit in the caches.)
    private struct Slot {
        /// `hash >> 32`: the low half chooses the slot.
        var check: UInt32
        /// The key's length in bytes, ``Slot/free`` for a free slot.
        var length: UInt32
        /// Where the key's bytes start in ``bytes``.
        var start: UInt32
        var value: Int32

        static let free: UInt32 = .max
    }
    private static let freeSlot = Slot(check: 0, length: Slot.free, start: 0, value: 0)
    /// At least twice as many slots as entries, so that probes stay short.
    private var slots: [Slot] = Array(repeating: KeyTable.freeSlot, count: 16)
    /// The keys' bytes one after the other.
    private var bytes: [UInt8] = []
    private var count = 0
    /// A Bloom filter of the keys' hashes, three bits in one word per key, a sixteenth of the slots' size:
    /// nearly every key looked up (a new word, two words joined) is none of the table's, and the filter,
    /// small enough to stay in the caches, says so without the slot's miss.
    private var filter: [UInt64] = [0]

    /// Whether the table holds no key.
    var isEmpty: Bool { count == 0 }

    /// The id stored for `key`, if any.
    func value(_ key: String) -> Int32? {
        var key = key
        return key.withUTF8 { value(bytes: $0) }
    }

    /// The id stored for the key whose UTF-8 bytes are `key`, if any.
    func value(bytes key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let hash = Self.hash(key)
        let mayHold = filter.withUnsafeBufferPointer { filter in
            let mask = Self.filterMask(hash)
            return filter[Self.filterWord(hash, count: filter.count)] & mask == mask
        }
        guard mayHold else { return nil }
        let check = UInt32(truncatingIfNeeded: hash >> 32)
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { bytes in
                let mask = slots.count - 1
                var slot = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let candidate = slots[slot]
                    if candidate.length == Slot.free { return nil }
                    if candidate.check == check, Int(candidate.length) == key.count,
                        key.isEmpty || memcmp(bytes.baseAddress! + Int(candidate.start), key.baseAddress!, key.count) == 0 {
                        return candidate.value
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// Stores `value` for `key`, which must not be there yet.
    mutating func insert(_ key: String, _ value: Int32) {
        var key = key
        key.withUTF8 { key in
            let hash = Self.hash(key)
            precondition(bytes.count + key.count < Int(UInt32.max), "a key table of more than 4 GB of keys")
            let slot = Slot(
                check: UInt32(truncatingIfNeeded: hash >> 32), length: UInt32(key.count), start: UInt32(bytes.count), value: value)
            bytes.append(contentsOf: key)
            place(slot, hash: hash)
            addToFilter(hash)
        }
        count += 1
        if count * 2 > slots.count { grow() }
    }

    private mutating func addToFilter(_ hash: UInt64) {
        filter[Self.filterWord(hash, count: filter.count)] |= Self.filterMask(hash)
    }

    /// The filter's word for `hash`, from bits the slot's index does not use.
    @inline(__always)
    private static func filterWord(_ hash: UInt64, count: Int) -> Int {
        Int(truncatingIfNeeded: hash >> 32) & (count - 1)
    }

    /// The three bits of `hash` in its word.
    @inline(__always)
    private static func filterMask(_ hash: UInt64) -> UInt64 {
        1 << ((hash >> 20) & 63) | 1 << ((hash >> 26) & 63) | 1 << ((hash >> 58) & 63)
    }

    private mutating func place(_ entry: Slot, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].length != Slot.free { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    /// Doubles the slots, placing each key again by its hash, worked out again from its bytes.
    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Self.freeSlot, count: old.count * 2)
        filter = Array(repeating: 0, count: slots.count / 8)
        for slot in old where slot.length != Slot.free {
            let hash = bytes.withUnsafeBufferPointer {
                Self.hash(UnsafeBufferPointer(rebasing: $0[Int(slot.start)..<Int(slot.start) + Int(slot.length)]))
            }
            place(slot, hash: hash)
            addToFilter(hash)
        }
    }

    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        // FNV's low bits are weak for short strings; fold the high bits in.
        return hash ^ (hash >> 29)
    }
}
