/// The index in a `SAXTree`'s strings of each name met so far: by the pointer libxml2's dictionary hands out
/// for it, which is the same for every occurrence of one name, or by value for a name it has no pointer for.
///
/// An open-addressed table over the pointer's bits: a feed uses a few dozen names, looked up at every
/// element and attribute, where hashing each pointer with `Hasher` cost more than the rest of the lookup.
struct SAXNameTable {
    private var keys: [UnsafeRawPointer?] = Array(repeating: nil, count: 64)
    private var indices: [Int32] = Array(repeating: 0, count: 64)
    private var used = 0
    private var byValue: [String: Int32] = [:]

    func index(of pointer: UnsafeRawPointer) -> Int32? {
        var slot = Self.slot(of: pointer, in: keys.count)
        while let key = keys[slot] {
            if key == pointer { return indices[slot] }
            slot = (slot + 1) & (keys.count - 1)
        }
        return nil
    }

    func index(of name: String) -> Int32? {
        byValue[name]
    }

    mutating func insert(_ pointer: UnsafeRawPointer, index: Int32) {
        if 2 * (used + 1) > keys.count { grow() }
        var slot = Self.slot(of: pointer, in: keys.count)
        while keys[slot] != nil { slot = (slot + 1) & (keys.count - 1) }
        keys[slot] = pointer
        indices[slot] = index
        used += 1
    }

    mutating func insert(_ name: String, index: Int32) {
        byValue[name] = index
    }

    private mutating func grow() {
        let old = zip(keys, indices).compactMap { key, index in key.map { ($0, index) } }
        keys = Array(repeating: nil, count: 2 * keys.count)
        indices = Array(repeating: 0, count: keys.count)
        used = 0
        for (key, index) in old { insert(key, index: index) }
    }

    /// Fibonacci hashing: the multiplier spreads the pointer's bits, dictionary strings lying a few bytes apart,
    /// over the bits taken.
    private static func slot(of pointer: UnsafeRawPointer, in count: Int) -> Int {
        Int(truncatingIfNeeded: (UInt(bitPattern: pointer) &* 0x9E37_79B9_7F4A_7C15) >> 32) & (count - 1)
    }
}
