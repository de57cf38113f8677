/// Every start of every key of a form, as a Bloom filter: whether some key begins with given bytes, with
/// false positives but never a false negative.
///
/// ``StemEndings`` asks it of nearly every pair of adjacent words that ``StemStarts`` lets through. A trie
/// answers exactly but walks one node per byte, and at 50,000 keys each node is a cache miss; here an
/// answer costs a hash of the bytes and one 64-bit word, and a false positive (1.7% of random strings in its
/// test) only costs the stemming the check would have spared. At 8 bits per start it takes 400 KB at 50,000 keys:
/// 12 bits (1 MB) stemmed as many pairs and read no faster, the probe's cost being a cache miss either way.
struct KeyPrefixes: Sendable {
    /// The keys inserted, one after the other, kept so that sealing again lays them all out.
    private var keyBytes: [UInt8] = []
    private var keyEnds: [Int] = []
    /// The filter's bits; three per start, in one word chosen by the start's hash.
    private var words: [UInt64] = [0]
    private var sealed = true

    /// Bits of the filter per start, three of which a start sets in one word.
    private static let bitsPerStart = 8

    /// Adds the starts of `key`; the filter answers again once sealed.
    mutating func insert(_ key: String) {
        keyBytes.append(contentsOf: key.utf8)
        keyEnds.append(keyBytes.count)
        sealed = false
    }

    /// Lays out the starts of every key inserted so far.
    mutating func seal() {
        guard !sealed else { return }
        // A key of n bytes has n starts; shared ones set the same bits.
        words = Array(repeating: 0, count: max(1, keyBytes.count * Self.bitsPerStart / 64))
        var start = 0
        for end in keyEnds {
            var hash = Self.seed
            for byte in keyBytes[start..<end] {
                hash = Self.step(hash, byte)
                set(hash)
            }
            start = end
        }
        sealed = true
    }

    /// Whether some key may begin with the first `count` bytes of `first` followed by `second`
    /// (`count` at most their length together).
    func mayBegin(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>, count: Int) -> Bool {
        holds(probe(first, second, count: count))
    }

    /// The bits a start would have set, and where: ``mayBegin(_:_:count:)`` in two steps, so that a reader
    /// hashes the pairs of a text first, then reads the filter for all of them in a loop whose loads do not
    /// wait for one another. The filter is larger than the caches, and each read was a miss in turn.
    struct Probe {
        fileprivate let word: Int
        fileprivate let bits: UInt64
    }

    /// Where the first `count` bytes of `first` followed by `second` would have set their bits.
    @inline(__always)
    func probe(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>, count: Int) -> Probe {
        precondition(sealed, "KeyPrefixes read before it was sealed")
        var hash = Self.seed
        for byte in first.prefix(count) { hash = Self.step(hash, byte) }
        for byte in second.prefix(count - min(count, first.count)) { hash = Self.step(hash, byte) }
        let (word, bits) = place(hash)
        return Probe(word: word, bits: bits)
    }

    /// Whether some key may begin as `probe`'s bytes.
    @inline(__always)
    func holds(_ probe: Probe) -> Bool {
        words[probe.word] & probe.bits == probe.bits
    }

    // FNV-1a over bytes: a start's hash continues into the next start's.
    private static let seed: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always)
    private static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    @inline(__always)
    private func place(_ hash: UInt64) -> (word: Int, bits: UInt64) {
        // FNV's low bits mix least: everything comes from a remix; the word from its high half, scaled to
        // the count of words without a division.
        let mixed = (hash ^ hash >> 29) &* 0xBF58_476D_1CE4_E5B9
        let word = Int(truncatingIfNeeded: ((mixed >> 32) &* UInt64(words.count)) >> 32)
        return (word, 1 << (mixed >> 14 & 63) | 1 << (mixed >> 20 & 63) | 1 << (mixed >> 26 & 63))
    }

    private mutating func set(_ hash: UInt64) {
        let (word, bits) = place(hash)
        words[word] |= bits
    }
}
