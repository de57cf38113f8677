@testable import TextNormalization
import Testing

@Suite("Stable hash")
struct StableHashTests {
    /// Published FNV-1a 64-bit test vectors: stored fingerprints depend on these exact values.
    @Test("FNV-1a gives the published values", arguments: [
        ("", UInt64(0xcbf2_9ce4_8422_2325)),
        ("a", UInt64(0xaf63_dc4c_8601_ec8c)),
        ("foobar", UInt64(0x8594_4171_f739_67e8)),
    ])
    func fnv1a(text: String, expected: UInt64) {
        #expect(StableHash.words([text]) == expected)
    }

    @Test("Words are separated, so that moving a boundary changes the hash")
    func separated() {
        #expect(StableHash.words(["ab", "c"]) != StableHash.words(["a", "bc"]))
    }
}
