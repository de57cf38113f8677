/// A trie over key ids (see ``KeyVocabulary``): each path from the root spells one key sequence of a term,
/// and the node where it ends lists the units (opaque output numbers) that sequence stands for.
///
/// A step from a node follows a key id, or a prefix edge the token's folded text begins with. Terms of
/// every profile share one trie, so scanning an item costs one walk per token position whatever the
/// number of profiles; a walk stops as soon as no term continues the sequence.
struct TokenTrie: Sendable {
    /// One step of a path.
    enum Edge: Hashable, Sendable {
        /// A word compared by key id.
        case key(Int32)
        /// A word whose folded text begins with these letters.
        case prefix(String)
    }

    /// The children of every node by key id, in one table keyed by node and key together.
    private var children: [UInt64: Int32] = [:]
    private var prefixChildren: [[String: Int32]] = [[:]]
    /// The distinct lengths of a node's prefix edges, so a token is cut only where an edge could start.
    private var prefixLengths: [[Int]] = [[]]
    private(set) var outputs: [[Int]] = [[]]

    /// The root, where every walk starts.
    static let root: Int32 = 0

    /// Records that `edges`, consecutive, stand for `output`.
    mutating func insert(_ edges: [Edge], output: Int) {
        var node: Int32 = Self.root
        for edge in edges {
            switch edge {
            case .key(let key):
                let slot = Self.slot(node, key)
                if let next = children[slot] {
                    node = next
                } else {
                    let next = addNode()
                    children[slot] = next
                    node = next
                }
            case .prefix(let prefix):
                if let next = prefixChildren[Int(node)][prefix] {
                    node = next
                } else {
                    let next = addNode()
                    prefixChildren[Int(node)][prefix] = next
                    if !prefixLengths[Int(node)].contains(prefix.count) { prefixLengths[Int(node)].append(prefix.count) }
                    node = next
                }
            }
        }
        if !outputs[Int(node)].contains(output) { outputs[Int(node)].append(output) }
    }

    private mutating func addNode() -> Int32 {
        prefixChildren.append([:])
        prefixLengths.append([])
        outputs.append([])
        return Int32(outputs.count - 1)
    }

    /// Whether some path starts with a prefix edge.
    var hasPrefixEdgesAtRoot: Bool {
        !prefixLengths[Int(Self.root)].isEmpty
    }

    /// The node `key` leads to from `node`, if any.
    @inline(__always)
    func child(_ node: Int32, _ key: Int32) -> Int32? {
        children[Self.slot(node, key)]
    }

    /// The nodes the prefix edges of `node` lead to for a token whose folded text is `text`.
    func prefixChildren(_ node: Int32, text: String, into next: inout [Int32]) {
        let lengths = prefixLengths[Int(node)]
        guard !lengths.isEmpty else { return }
        let count = text.count
        for length in lengths where length <= count {
            if let child = prefixChildren[Int(node)][String(text.prefix(length))] { next.append(child) }
        }
    }

    @inline(__always)
    private static func slot(_ node: Int32, _ key: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: key))
    }
}
