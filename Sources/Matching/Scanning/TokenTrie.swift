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

    /// The children of every node by key id, in one table keyed by node and key together.
    private var children = EdgeTable()
    /// The children of the nodes that have prefix edges, by prefix, known by the prefix's UTF-8 bytes so
    /// that a token's start is looked up in place, without a string made and hashed per token; few nodes
    /// have them, so a node holds the place of its table (`-1` for none) rather than a table.
    private var prefixTables: [KeyTable] = []
    private var prefixTableOf: [Int32] = [-1]
    /// The distinct lengths of a node's prefix edges, so a token is cut only where an edge could start.
    private var prefixLengths: [[Int]] = [[]]
    /// Each node's outputs as a list through ``outputNext``, in order of insertion: flat arrays of
    /// integers, which a walk reads without retaining anything.
    private var firstOutput: [Int32] = [-1]
    private var lastOutput: [Int32] = [-1]
    private var outputUnits: [Int32] = []
    private var outputNext: [Int32] = []
    /// Whether some node has a prefix edge, so that walks need the tokens' folded texts.
    private(set) var hasPrefixEdges = false

    /// The root, where every walk starts.
    static let root: Int32 = 0

    /// Records that `edges`, consecutive, stand for `output`.
    mutating func insert(_ edges: [Edge], output: Int) {
        var node: Int32 = Self.root
        for edge in edges {
            switch edge {
            case .key(let key):
                let slot = Self.slot(node, key)
                if let next = children.value(slot) {
                    node = next
                } else {
                    let next = addNode()
                    children.set(slot, next)
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
        firstOutput.append(-1)
        lastOutput.append(-1)
        return Int32(firstOutput.count - 1)
    }

    private mutating func addOutput(_ unit: Int32, to node: Int32) {
        var entry = firstOutput[Int(node)]
        while entry >= 0 {
            if outputUnits[Int(entry)] == unit { return }
            entry = outputNext[Int(entry)]
        }
        let added = Int32(outputUnits.count)
        outputUnits.append(unit)
        outputNext.append(-1)
        if lastOutput[Int(node)] >= 0 { outputNext[Int(lastOutput[Int(node)])] = added } else { firstOutput[Int(node)] = added }
        lastOutput[Int(node)] = added
    }

    /// Whether some path starts with a prefix edge.
    var hasPrefixEdgesAtRoot: Bool {
        !prefixLengths[Int(Self.root)].isEmpty
    }

    /// The node `key` leads to from `node`, if any.
    @inline(__always)
    func child(_ node: Int32, _ key: Int32) -> Int32? {
        children.value(Self.slot(node, key))
    }

    /// Calls `body` with each unit `node` stands for.
    @inline(__always)
    func forEachOutput(of node: Int32, _ body: (Int) -> Void) {
        var entry = firstOutput[Int(node)]
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
    private var stack: [(node: Int32, index: Int)] = []
    private var prefixed: [Int32] = []

    /// Follows every path from token `start`: each step reads the next token's key, the joined key of the
    /// next two tokens, or a prefix edge the next token's folded text (`folded`) begins with.
    mutating func run(from start: Int, keys: KeyReader.Keys, folded: [String], trie: TokenTrie) {
        reached.removeAll(keepingCapacity: true)
        stack.append((TokenTrie.root, start))
        while let (node, index) = stack.popLast() {
            guard index < keys.keys.count else { continue }
            let key = keys.keys[index]
            if key != 0, let child = trie.child(node, key) { visit(child, end: index + 1, trie: trie) }
            if trie.hasPrefixEdges {
                prefixed.removeAll(keepingCapacity: true)
                trie.prefixChildren(node, text: folded[index], into: &prefixed)
                for child in prefixed { visit(child, end: index + 1, trie: trie) }
            }
            if index < keys.joinedKeys.count {
                let joined = keys.joinedKeys[index]
                if joined != 0, let child = trie.child(node, joined) { visit(child, end: index + 2, trie: trie) }
            }
        }
    }

    @inline(__always)
    private mutating func visit(_ node: Int32, end: Int, trie: TokenTrie) {
        trie.forEachOutput(of: node) { reached.append(($0, end)) }
        stack.append((node, end))
    }
}
