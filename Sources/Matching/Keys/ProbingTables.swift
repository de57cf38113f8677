/// A map from 64-bit keys to ids holding at most ``capacity`` entries, by open addressing with a
/// multiplicative hash: what the ``KeyReader`` looks up once per pair of words, where hashing with `Hasher`
/// cost more than the rest of the lookup. It starts small and doubles as entries come, so a reader that
/// meets few pairs (few profiles, short items) never pays for the slots of the largest case.
struct PairTable {
    /// Keys never used: word numbers are below 2³¹.
    private static let empty = UInt64.max
    private var keys: [UInt64]
    private var values: [Int32]
    private var shift: UInt64
    /// The entries held; the table is emptied instead of passing ``capacity``.
    private(set) var count = 0
    /// At most this many entries, at most half the slots, so that probes stay short.
    let capacity: Int

    /// An empty table for at most `capacity` entries.
    init(capacity: Int) {
        let bits = 10
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
        if count >= capacity {
            removeAll()
        } else if (count + 1) * 2 > keys.count {
            grow()
        }
        place(key, value)
        count += 1
    }

    mutating func removeAll() {
        for index in keys.indices { keys[index] = Self.empty }
        count = 0
    }

    private mutating func place(_ key: UInt64, _ value: Int32) {
        var slot = slot(key)
        while keys[slot] != Self.empty { slot = (slot + 1) & (keys.count - 1) }
        keys[slot] = key
        values[slot] = value
    }

    private mutating func grow() {
        let (oldKeys, oldValues) = (keys, values)
        keys = Array(repeating: Self.empty, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        shift -= 1
        for (key, value) in zip(oldKeys, oldValues) where key != Self.empty {
            place(key, value)
        }
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}

/// A growing map from 64-bit keys to ids by open addressing with a multiplicative hash: the edges of a
/// ``TokenTrie``, built once and then looked up at every step of every walk.
struct EdgeTable: Sendable {
    private static let empty = UInt64.max
    private var keys: [UInt64] = Array(repeating: EdgeTable.empty, count: 16)
    private var values: [Int32] = Array(repeating: 0, count: 16)
    private var shift: UInt64 = 60
    private var count = 0

    /// The id stored for `key`, if any. `key` must not be `UInt64.max`.
    @inline(__always)
    func value(_ key: UInt64) -> Int32? {
        let mask = keys.count - 1
        var slot = slot(key)
        while true {
            let found = keys[slot]
            if found == key { return values[slot] }
            if found == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// Stores `value` for `key`, replacing what it held.
    mutating func set(_ key: UInt64, _ value: Int32) {
        var slot = slot(key)
        while keys[slot] != Self.empty, keys[slot] != key { slot = (slot + 1) & (keys.count - 1) }
        if keys[slot] == Self.empty { count += 1 }
        keys[slot] = key
        values[slot] = value
        if count * 2 > keys.count { grow() }
    }

    private mutating func grow() {
        let (oldKeys, oldValues) = (keys, values)
        keys = Array(repeating: Self.empty, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        shift -= 1
        count = 0
        for (key, value) in zip(oldKeys, oldValues) where key != Self.empty { set(key, value) }
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}
