/// A short digest of a daemon's list of source names, stored with its declaration so that a reload that
/// leaves the list as it was rewrites nothing.
enum SourceListFingerprint {
    /// FNV-1a (64 bits) over the sorted names, each followed by a NUL, with their count: the same for the
    /// same set of names in any order.
    static func of(_ names: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for name in names.sorted() {
            for byte in name.utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return "\(names.count):" + String(hash, radix: 16)
    }
}
