/// The keys of a stemmed form without their last two letters, in a trie over bytes: the test that spares
/// stemming most pairs of adjacent words, whose concatenation is nearly never a term.
///
/// The Snowball stemmers of French and English only rewrite the end of a word: a stem is a start of the
/// word followed by at most two letters it did not have ("relational" → "relat", "fluency" → "fluenc",
/// "nationaux" → "national", "skies" → "sky", "dying" → "die"), and their changes of accents vanish when the
/// stem is folded. So a word of plain letters (``WordLexicon/Entry/isPlainLatin``) whose folded form begins
/// with none of these starts stems to no key. `StemStartsTests` checks that property over Snowball's own
/// vocabularies and their pairs.
struct StemStarts: Sendable {
    /// (node << 8 | byte) → child.
    private var children = EdgeTable()
    private var ends: [Bool] = [false]

    /// Adds the start of `key`.
    mutating func insert(_ key: String) {
        var node: Int32 = 0
        for byte in key.unicodeScalars.dropLast(2).lazy.flatMap({ UTF8.encode($0)! }) {
            let edge = UInt64(UInt32(node)) << 8 | UInt64(byte)
            if let next = children.value(edge) {
                node = next
            } else {
                let next = Int32(ends.count)
                ends.append(false)
                children.set(edge, next)
                node = next
            }
        }
        ends[Int(node)] = true
    }

    /// Whether some start is a prefix of `first` followed by `second` (their UTF-8 bytes).
    func mayStartWith(_ first: String, _ second: String) -> Bool {
        if ends[0] { return true }
        var node: Int32 = 0
        if let found = follow(first, from: &node) { return found }
        return follow(second, from: &node) ?? false
    }

    /// Follows the bytes of `text` from `node`: `true` on reaching a start, `false` when no start goes on
    /// that way, `nil` when `text` ends first.
    @inline(__always)
    private func follow(_ text: String, from node: inout Int32) -> Bool? {
        for byte in text.utf8 {
            guard let next = children.value(UInt64(UInt32(node)) << 8 | UInt64(byte)) else { return false }
            if ends[Int(next)] { return true }
            node = next
        }
        return nil
    }
}
