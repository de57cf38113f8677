/// Hashes that give the same value in every process and on every machine, for values that are stored.
///
/// Swift's `Hasher` is seeded at random per process, so a fingerprint built with it could never be
/// compared with one stored by an earlier run.
enum StableHash {
    /// FNV-1a (64 bits) of the UTF-8 bytes of `words`, with a unit separator between words so that
    /// "ab c" and "a bc" differ.
    static func words<Words: Sequence>(_ words: Words) -> UInt64 where Words.Element == String {
        var hash = basis
        var first = true
        for word in words {
            if !first { hash = step(hash, separator) }
            first = false
            for byte in word.utf8 { hash = step(hash, byte) }
        }
        return hash
    }

    /// FNV-1a's offset basis: the hash of no bytes, where ``words(_:)`` starts.
    static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The byte ``words(_:)`` hashes between two words.
    static let separator: UInt8 = 0x1F

    /// The SplitMix64 finaliser: spreads every input bit over every output bit, which FNV alone does
    /// poorly for the high bits.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Folds `value` into a running hash, order mattering.
    static func combine(_ hash: UInt64, _ value: UInt64) -> UInt64 {
        mix(hash ^ (value &+ 0x9e37_79b9_7f4a_7c15 &+ (hash << 6) &+ (hash >> 2)))
    }

    /// One FNV-1a step: folds `byte` into `hash`.
    @inline(__always)
    static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
}
