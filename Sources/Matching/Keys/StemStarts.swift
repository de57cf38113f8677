/// The keys of a form without their last letter or two, in a trie over bytes: the test that spares
/// stemming (or joining and looking up) most words and most pairs of adjacent words, whose concatenation
/// is nearly never a term.
///
/// A folded key is the pair's folded texts joined, so the folded form's trie holds whole keys
/// (``wholeKeys``) and its test is exact: a pair passes only when its joined text is a key, not when a key
/// begins it (with keys such as "a" or "de", most pairs of French text began one).
/// The Snowball stemmers of French and English only rewrite the end of a word: a stem is a start of the
/// word followed by at most one letter it did not have ("nationaux" → "national", "skies" → "sky",
/// "fluency" → "fluenc"), and their changes of accents vanish when the stem is folded. Only a few rules
/// add two: French "-amment"/"-emment" → "-ant"/"-ent" and "-ic-" → "-iqu" ("évidemment" → "évident",
/// "application" → "appliqu"), English "-ying" → "-ie" ("dying" → "die") and "-bility" → "-ble". So a
/// key keeps all but its last letter as its start, or all but its last two when it ends as those rules
/// end (``twoLetterEndings``), and a word of plain letters (``WordLexicon/Entry/isPlainLatin``) whose
/// folded form begins with none of these starts stems to no key. `StemStartsTests` checks that property
/// over Snowball's own vocabularies and their pairs.
///
/// Starts are gathered by ``insert(_:)``, then ``seal()`` lays the trie out once, compactly: nodes in
/// breadth-first order, so that a node's children are consecutive and sorted by byte, and each node costs
/// six bytes (where a hash table of edges cost some thirty at 50,000 keys); below a node where a start
/// ends nothing is kept, since reading stops there, unless the keys are whole. Only a sealed trie answers.
struct StemStarts: Sendable {
    /// The starts inserted and not yet laid out, one after the other.
    private var pendingBytes: [UInt8] = []
    private var pendingEnds: [Int] = []
    /// Node → its byte, whether a start ends there, and where its children begin (`firstChild[node + 1]`
    /// is where they end).
    private var labels: [UInt8] = [0]
    private var ends: [Bool] = [false]
    private var firstChild: [Int32] = [1, 1]
    /// The root's children by byte, `-1` for none: the root has the most children, and every word starts there.
    private var rootChildren: [Int32] = Array(repeating: -1, count: 256)
    private var sealed = true
    /// Whether the keys are kept whole, so that a text passes only when it is one of them: the folded form's.
    let wholeKeys: Bool

    /// The last two letters of the stems whose last two letters may both be new (see above): a key that
    /// ends so keeps all but these two as its start.
    static let twoLetterEndings: Set<String> = ["qu", "nt", "ie", "le"]

    /// An empty trie of the starts of stems, or of whole keys.
    init(wholeKeys: Bool = false) {
        self.wholeKeys = wholeKeys
    }

    /// The start of `key` the trie keeps for it: the key itself when whole, otherwise all but the letters a
    /// stem may add to a start of its word.
    private static func start(of key: String, wholeKeys: Bool) -> Substring.UnicodeScalarView {
        let scalars = Substring(key).unicodeScalars
        guard !wholeKeys else { return scalars }
        return scalars.dropLast(twoLetterEndings.contains(String(scalars.suffix(2))) ? 2 : 1)
    }

    /// Adds the start of `key`; the trie answers again once sealed.
    mutating func insert(_ key: String) {
        for scalar in Self.start(of: key, wholeKeys: wholeKeys) { pendingBytes.append(contentsOf: UTF8.encode(scalar)!) }
        pendingEnds.append(pendingBytes.count)
        sealed = false
    }

    /// Lays out every start inserted so far, with those already laid out.
    mutating func seal() {
        guard !sealed else { return }
        var starts = Set(pendingEnds.indices.map { index in
            Array(pendingBytes[(index == 0 ? 0 : pendingEnds[index - 1])..<pendingEnds[index]])
        })
        starts.formUnion(laidOut())
        pendingBytes = []
        pendingEnds = []
        layOut(starts.sorted { $0.lexicographicallyPrecedes($1) })
        sealed = true
    }

    /// The starts already laid out (those that end a path).
    private func laidOut() -> [[UInt8]] {
        var found: [[UInt8]] = []
        var paths: [(node: Int, bytes: [UInt8])] = [(0, [])]
        while let (node, bytes) = paths.popLast() {
            if ends[node] {
                found.append(bytes)
                if !wholeKeys { continue }
            }
            for child in Int(firstChild[node])..<Int(firstChild[node + 1]) { paths.append((child, bytes + [labels[child]])) }
        }
        return found
    }

    /// Builds the nodes level by level from sorted, distinct starts: the starts below a node are a range of them.
    private mutating func layOut(_ starts: [[UInt8]]) {
        labels = [0]
        ends = [starts.first?.isEmpty == true]
        firstChild = []
        var level: [Range<Int>] = [0..<starts.count]
        var depth = 0
        while !level.isEmpty {
            var next: [Range<Int>] = []
            for range in level {
                let node = firstChild.count
                firstChild.append(Int32(labels.count))
                var index = range.lowerBound
                if ends[node] {
                    // Reading starts stops where one ends: what lies below is never looked at.
                    guard wholeKeys else { continue }
                    index += 1
                }
                while index < range.upperBound {
                    let byte = starts[index][depth]
                    var end = index + 1
                    while end < range.upperBound, starts[end][depth] == byte { end += 1 }
                    labels.append(byte)
                    ends.append(starts[index].count == depth + 1)
                    next.append(index..<end)
                    index = end
                }
            }
            level = next
            depth += 1
        }
        firstChild.append(Int32(labels.count))
        rootChildren = Array(repeating: -1, count: 256)
        for child in Int(firstChild[0])..<Int(firstChild[1]) { rootChildren[Int(labels[child])] = Int32(child) }
    }

    /// What reading a first word leaves: ``dead`` when no start (or key) goes on that way, ``reached`` when
    /// the word holds a whole start, and otherwise the node to go on from with the second word.
    static let dead: Int32 = -1
    static let reached: Int32 = -2

    /// Where reading `text` from the root leads (see ``dead`` and ``reached``).
    func node(after text: String) -> Int32 {
        precondition(sealed, "StemStarts read before it was sealed")
        if !wholeKeys, ends[0] { return Self.reached }
        var node: Int32 = 0
        switch follow(text, from: &node) {
        case true?: return Self.reached
        case false?: return Self.dead
        case nil: return node
        }
    }

    /// Whether some start is a prefix of the first word that led to `node` followed by `text`; with whole
    /// keys, whether the two are one.
    @inline(__always)
    func mayStart(from node: Int32, with text: String) -> Bool {
        if node == Self.reached { return true }
        if node == Self.dead { return false }
        var node = node
        return follow(text, from: &node) ?? (wholeKeys && ends[Int(node)])
    }

    /// ``mayStart(from:with:)`` for a second word given by the UTF-8 bytes of its text.
    @inline(__always)
    func mayStart(from node: Int32, withBytes bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if node == Self.reached { return true }
        if node == Self.dead { return false }
        var node = node
        return follow(bytes, from: &node) ?? (wholeKeys && ends[Int(node)])
    }

    /// Whether some start is a prefix of `first` followed by `second` (their UTF-8 bytes); with whole keys,
    /// whether the two joined are a key.
    func mayStartWith(_ first: String, _ second: String) -> Bool {
        mayStart(from: node(after: first), with: second)
    }

    /// Follows the bytes of `text` from `node`: `true` on reaching a start (never with whole keys, which
    /// must be read to their end), `false` when no start goes on that way, `nil` when `text` ends first.
    @inline(__always)
    private func follow(_ text: String, from node: inout Int32) -> Bool? {
        follow(text.utf8, from: &node)
    }

    @inline(__always)
    private func follow(_ bytes: some Sequence<UInt8>, from node: inout Int32) -> Bool? {
        for byte in bytes {
            guard let next = child(of: node, byte) else { return false }
            if !wholeKeys, ends[Int(next)] { return true }
            node = next
        }
        return nil
    }

    /// The child of `node` reached by `byte`: a node has few children but the root, which has a table.
    @inline(__always)
    private func child(of node: Int32, _ byte: UInt8) -> Int32? {
        if node == 0 {
            let child = rootChildren[Int(byte)]
            return child < 0 ? nil : child
        }
        var low = Int(firstChild[Int(node)])
        var high = Int(firstChild[Int(node) + 1])
        // Sorted: a binary search while many remain, then a scan. The byte's place stays below `high`.
        while high - low > 8 {
            let middle = (low + high) / 2
            if labels[middle] < byte { low = middle + 1 } else { high = middle + 1 }
        }
        while low < high {
            let label = labels[low]
            if label == byte { return Int32(low) }
            if label > byte { return nil }
            low += 1
        }
        return nil
    }
}
