/// A trie over key ids (see ``KeyVocabulary``): each path from the root spells one key sequence of a term,
/// and the node where it ends lists the units (opaque output numbers) that sequence stands for.
///
/// A step from a node follows a key id, or a prefix edge the token's folded text begins with. Terms of
/// every profile share one trie, so scanning an item costs one walk per token position whatever the
/// number of profiles; a walk (``TrieWalk``) stops as soon as no term continues the sequence.
struct TokenTrie: Sendable {
    /// One step of a path.
    enum Edge: Hashable, Sendable {
        /// A word compared by key id.
        case key(Int32)
        /// A word whose folded text begins with these letters.
        case prefix(String)
    }

    /// The children of every node but the root by key id, in one table keyed by node and key together.
    private var children = EdgeTable()
    /// The root's children by key id (`-1` for none): every token of an item is looked up there, and key
    /// ids are dense, so an array of 4 bytes per key misses the caches far less than the edge table.
    private var rootChildren: [Int32] = []
    /// Per node: its first output and whether a step can leave it, in one record, so that reaching a node
    /// reads one cache line and a walk never probes the edge table from a node without children (most).
    private var heads: [NodeHead] = [NodeHead()]
    /// The children of the nodes that have prefix edges, by prefix, known by the prefix's UTF-8 bytes so
    /// that a token's start is looked up in place, without a string made and hashed per token; few nodes
    /// have them, so a node holds the place of its table (`-1` for none) rather than a table.
    private var prefixTables: [KeyTable] = []
    private var prefixTableOf: [Int32] = [-1]
    /// The distinct lengths of a node's prefix edges, so a token is cut only where an edge could start.
    private var prefixLengths: [[Int]] = [[]]
    /// Each node's outputs as a list from its head's first output through ``outputNext``, in order of
    /// insertion: flat arrays of integers, which a walk reads without retaining anything.
    private var lastOutput: [Int32] = [-1]
    private var outputUnits: [Int32] = []
    private var outputNext: [Int32] = []
    /// Whether some node has a prefix edge, so that walks need the tokens' folded texts.
    private(set) var hasPrefixEdges = false

    /// The root, where every walk starts.
    static let root: Int32 = 0

    /// What a walk reads of a node when it reaches it.
    struct NodeHead {
        /// The first entry of its outputs, `-1` for none.
        var firstOutput: Int32 = -1
        /// Whether it has a child by key id.
        var hasKeyChildren = false
        /// Whether it has a child by prefix.
        var hasPrefixChildren = false
    }

    /// Records that `edges`, consecutive, stand for `output`.
    mutating func insert(_ edges: [Edge], output: Int) {
        var node: Int32 = Self.root
        for edge in edges {
            switch edge {
            case .key(let key):
                if let next = child(node, key) {
                    node = next
                } else {
                    let next = addNode()
                    if node == Self.root {
                        if rootChildren.count <= Int(key) { rootChildren += repeatElement(-1, count: Int(key) + 1 - rootChildren.count) }
                        rootChildren[Int(key)] = next
                    } else {
                        children.set(Self.slot(node, key), next)
                    }
                    heads[Int(node)].hasKeyChildren = true
                    node = next
                }
            case .prefix(let prefix):
                hasPrefixEdges = true
                if prefixTableOf[Int(node)] < 0 {
                    prefixTableOf[Int(node)] = Int32(prefixTables.count)
                    prefixTables.append(KeyTable())
                }
                let table = Int(prefixTableOf[Int(node)])
                if let next = prefixTables[table].value(prefix) {
                    node = next
                } else {
                    let next = addNode()
                    prefixTables[table].insert(prefix, next)
                    heads[Int(node)].hasPrefixChildren = true
                    if !prefixLengths[Int(node)].contains(prefix.count) { prefixLengths[Int(node)].append(prefix.count) }
                    node = next
                }
            }
        }
        addOutput(Int32(output), to: node)
    }

    private mutating func addNode() -> Int32 {
        prefixTableOf.append(-1)
        prefixLengths.append([])
        heads.append(NodeHead())
        lastOutput.append(-1)
        return Int32(heads.count - 1)
    }

    private mutating func addOutput(_ unit: Int32, to node: Int32) {
        var entry = heads[Int(node)].firstOutput
        while entry >= 0 {
            if outputUnits[Int(entry)] == unit { return }
            entry = outputNext[Int(entry)]
        }
        let added = Int32(outputUnits.count)
        outputUnits.append(unit)
        outputNext.append(-1)
        if lastOutput[Int(node)] >= 0 { outputNext[Int(lastOutput[Int(node)])] = added } else { heads[Int(node)].firstOutput = added }
        lastOutput[Int(node)] = added
    }

    /// Whether some path starts with a prefix edge.
    var hasPrefixEdgesAtRoot: Bool {
        !prefixLengths[Int(Self.root)].isEmpty
    }

    /// The node `key` leads to from `node`, if any.
    @inline(__always)
    func child(_ node: Int32, _ key: Int32) -> Int32? {
        if node == Self.root {
            guard Int(key) < rootChildren.count else { return nil }
            let child = rootChildren[Int(key)]
            return child < 0 ? nil : child
        }
        return children.value(Self.slot(node, key))
    }

    /// What a walk reads of `node` when it reaches it.
    @inline(__always)
    func head(_ node: Int32) -> NodeHead {
        heads[Int(node)]
    }

    /// Calls `body` with each unit from output entry `first` on (a node's ``NodeHead/firstOutput``).
    @inline(__always)
    func forEachOutput(from first: Int32, _ body: (Int) -> Void) {
        var entry = first
        while entry >= 0 {
            body(Int(outputUnits[Int(entry)]))
            entry = outputNext[Int(entry)]
        }
    }

    /// The nodes the prefix edges of `node` lead to for a token whose folded text is `text`.
    func prefixChildren(_ node: Int32, text: String, into next: inout [Int32]) {
        let lengths = prefixLengths[Int(node)]
        guard !lengths.isEmpty else { return }
        let table = prefixTables[Int(prefixTableOf[Int(node)])]
        // In ASCII a character is a byte (a token holds no "\r\n"): cut by bytes, without walking
        // grapheme clusters, which every token of an item paid for a wildcard at the root.
        var text = text
        let cut = text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
            for length in lengths where length <= bytes.count {
                if let child = table.value(bytes: UnsafeBufferPointer(rebasing: bytes[..<length])) { next.append(child) }
            }
            return true
        }
        if cut { return }
        let count = text.count
        for length in lengths where length <= count {
            if let child = table.value(String(text.prefix(length))) { next.append(child) }
        }
    }

    @inline(__always)
    private static func slot(_ node: Int32, _ key: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: key))
    }
}

/// The walks of a ``TokenTrie`` from each token of a text, with an explicit stack and buffers reused from
/// walk to walk rather than a recursive function and a closure per hit.
struct TrieWalk {
    /// What the last walk reached: each unit, with the position just after the tokens read to reach it.
    private(set) var reached: [(unit: Int, end: Int)] = []
    /// Nodes to go on from, with the token to read next; only nodes a step can leave are kept.
    private var stack: [(node: Int32, index: Int, head: TokenTrie.NodeHead)] = []
    private var prefixed: [Int32] = []

    /// Follows every path from token `start`: each step reads the next token's key, the joined key of the
    /// next two tokens, or a prefix edge the next token's folded text (`folded`) begins with.
    mutating func run(from start: Int, keys: KeyReader.Keys, folded: [String], trie: TokenTrie) {
        reached.removeAll(keepingCapacity: true)
        stack.append((TokenTrie.root, start, trie.head(TokenTrie.root)))
        while let (node, index, head) = stack.popLast() {
            guard index < keys.keys.count else { continue }
            if head.hasKeyChildren {
                let key = keys.keys[index]
                if key != 0, let child = trie.child(node, key) { visit(child, end: index + 1, trie: trie) }
            }
            if head.hasPrefixChildren {
                prefixed.removeAll(keepingCapacity: true)
                trie.prefixChildren(node, text: folded[index], into: &prefixed)
                for child in prefixed { visit(child, end: index + 1, trie: trie) }
            }
            if head.hasKeyChildren, index < keys.joinedKeys.count {
                let joined = keys.joinedKeys[index]
                if joined != 0, let child = trie.child(node, joined) { visit(child, end: index + 2, trie: trie) }
            }
        }
    }

    @inline(__always)
    private mutating func visit(_ node: Int32, end: Int, trie: TokenTrie) {
        let head = trie.head(node)
        trie.forEachOutput(from: head.firstOutput) { reached.append(($0, end)) }
        if head.hasKeyChildren || head.hasPrefixChildren { stack.append((node, end, head)) }
    }
}
