/// A set of lowercase tag names, looked up by the bytes of a tag as well as by string: the HTML text scanner
/// asks at every tag whether it separates words or is dropped, and hashing a string made for each tag cost
/// more than the rest of reading it.
///
/// A name is its bytes packed into two words, zero-padded (names hold no NUL); names longer than 16 bytes
/// are in no set, the table is open-addressed over the packed words.
struct TagNameSet: Sendable, ExpressibleByArrayLiteral {
    /// A name of at most 16 bytes, packed.
    struct Key: Equatable {
        let low: UInt64
        let high: UInt64
    }

    private static let slotCount = 256
    private var slots = [Key](repeating: Key(low: 0, high: 0), count: TagNameSet.slotCount)
    private(set) var isEmpty = true

    init(arrayLiteral names: String...) {
        for name in names {
            let bytes = Array(name.utf8)
            guard let key = bytes.withUnsafeBufferPointer({ Self.key($0, lowercasing: false) }) else {
                preconditionFailure("tag names are 1 to 16 bytes: \(name)")
            }
            insert(key)
        }
    }

    func contains(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { Self.key($0, lowercasing: false) }.map(contains) ?? false
    }

    func contains(_ key: Key) -> Bool {
        var slot = Self.slot(of: key)
        while slots[slot].low != 0 {
            if slots[slot] == key { return true }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
        return false
    }

    /// `name` packed, ASCII capitals lowercased when asked; nil for an empty name or one longer than 16 bytes.
    static func key(_ name: UnsafeBufferPointer<UInt8>, lowercasing: Bool) -> Key? {
        guard !name.isEmpty, name.count <= 16 else { return nil }
        var words: (UInt64, UInt64) = (0, 0)
        for (offset, byte) in name.enumerated() {
            let lowered = lowercasing && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if offset < 8 { words.0 |= UInt64(lowered) << (8 * offset) } else { words.1 |= UInt64(lowered) << (8 * (offset - 8)) }
        }
        return Key(low: words.0, high: words.1)
    }

    private mutating func insert(_ key: Key) {
        isEmpty = false
        var slot = Self.slot(of: key)
        while slots[slot].low != 0 {
            if slots[slot] == key { return }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
        slots[slot] = key
    }

    private static func slot(of key: Key) -> Int {
        Int(truncatingIfNeeded: ((key.low ^ (key.high &* 0x100_0000_01B3)) &* 0x9E37_79B9_7F4A_7C15) >> 56) & (slotCount - 1)
    }
}
