/// The keys of a form without their last ``trimmed`` letters, in a trie over bytes: the test that spares
/// stemming (or joining and looking up) most pairs of adjacent words, whose concatenation is nearly never a term.
///
/// A folded key is the pair's folded texts joined, so its whole key is a start (``trimmed`` 0).
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
    /// The letters taken off the end of each key: 2 for stems, 0 for folded keys.
    let trimmed: Int

    /// An empty trie of keys without their last `trimmed` letters.
    init(trimmed: Int = 2) {
        self.trimmed = trimmed
    }

    /// Adds the start of `key`.
    mutating func insert(_ key: String) {
        var node: Int32 = 0
        for byte in key.unicodeScalars.dropLast(trimmed).lazy.flatMap({ UTF8.encode($0)! }) {
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

    /// What reading a first word leaves: ``dead`` when no start goes on that way, ``reached`` when the
    /// word holds a whole start, and otherwise the node to go on from with the second word.
    static let dead: Int32 = -1
    static let reached: Int32 = -2

    /// Where reading `text` from the root leads (see ``dead`` and ``reached``).
    func node(after text: String) -> Int32 {
        if ends[0] { return Self.reached }
        var node: Int32 = 0
        switch follow(text, from: &node) {
        case true?: return Self.reached
        case false?: return Self.dead
        case nil: return node
        }
    }

    /// Whether some start is a prefix of the first word that led to `node` followed by `text`.
    @inline(__always)
    func mayStart(from node: Int32, with text: String) -> Bool {
        if node == Self.reached { return true }
        if node == Self.dead { return false }
        var node = node
        return follow(text, from: &node) ?? false
    }

    /// Whether some start is a prefix of `first` followed by `second` (their UTF-8 bytes).
    func mayStartWith(_ first: String, _ second: String) -> Bool {
        mayStart(from: node(after: first), with: second)
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
