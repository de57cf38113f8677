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
    /// The root's children by key id (`-1` for none) while terms are inserted: every token of an item is
    /// looked up there, and key ids are dense, so an array misses the caches far less than the edge table.
    private var rootChildren: [Int32] = []
    /// The same once sealed (``seal()``), each child beside its head, so that the step from the root, which
    /// every key of an item takes, reads one place.
    private var rootEdges: [RootEdge] = []
    private var sealed = false
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
    /// Each node's outputs past its first as a list from its head's ``NodeHead/moreOutputs`` through
    /// ``outputNext``, in order of insertion: flat arrays of integers, which a walk reads without retaining
    /// anything.
    private var lastOutput: [Int32] = [-1]
    private var outputUnits: [Int32] = []
    private var outputNext: [Int32] = []
    /// Whether some node has a prefix edge, so that walks need the tokens' folded texts.
    private(set) var hasPrefixEdges = false

    /// The root, where every walk starts.
    static let root: Int32 = 0

    /// What a walk reads of a node when it reaches it.
    struct NodeHead {
        /// Its first output unit, `-1` for none: nearly every node has one output at most, which a walk
        /// then reads here without going to the output lists.
        var unit: Int32 = -1
        /// The entry of its second output, `-1` for none.
        var moreOutputs: Int32 = -1
        /// Whether it has a child by key id.
        var hasKeyChildren = false
        /// Whether it has a child by prefix.
        var hasPrefixChildren = false
    }

    /// A child of the root with its head.
    struct RootEdge {
        var node: Int32 = -1
        var head = NodeHead()
    }

    /// Records that `edges`, consecutive, stand for `output`; only before the trie is sealed.
    mutating func insert(_ edges: [Edge], output: Int) {
        precondition(!sealed, "a term inserted into a sealed trie")
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
        if heads[Int(node)].unit < 0 {
            heads[Int(node)].unit = unit
            return
        }
        if heads[Int(node)].unit == unit { return }
        var entry = heads[Int(node)].moreOutputs
        while entry >= 0 {
            if outputUnits[Int(entry)] == unit { return }
            entry = outputNext[Int(entry)]
        }
        let added = Int32(outputUnits.count)
        outputUnits.append(unit)
        outputNext.append(-1)
        if lastOutput[Int(node)] >= 0 { outputNext[Int(lastOutput[Int(node)])] = added } else { heads[Int(node)].moreOutputs = added }
        lastOutput[Int(node)] = added
    }

    /// Whether some path starts with a prefix edge.
    var hasPrefixEdgesAtRoot: Bool {
        !prefixLengths[Int(Self.root)].isEmpty
    }

    /// Lays out the root's children with their heads (``rootEdges``): done once every term is inserted,
    /// before any walk.
    mutating func seal() {
        rootEdges = rootChildren.map { $0 < 0 ? RootEdge() : RootEdge(node: $0, head: heads[Int($0)]) }
        rootChildren = []
        sealed = true
    }

    /// The node `key` leads to from `node`, if any.
    @inline(__always)
    func child(_ node: Int32, _ key: Int32) -> Int32? {
        if node == Self.root {
            if sealed { return rootEdge(key)?.node }
            guard Int(key) < rootChildren.count else { return nil }
            let child = rootChildren[Int(key)]
            return child < 0 ? nil : child
        }
        return children.value(Self.slot(node, key))
    }

    /// The child `key` leads to from the root, with its head, in a sealed trie.
    @inline(__always)
    func rootEdge(_ key: Int32) -> RootEdge? {
        guard Int(key) < rootEdges.count else { return nil }
        let edge = rootEdges[Int(key)]
        return edge.node < 0 ? nil : edge
    }

    /// Reads the root's child for `key` in a sealed trie, ahead of the walks that will need it: returns a
    /// word of it, which the caller keeps, so that the read is not optimised away.
    @inline(__always)
    func touchRoot(_ key: Int32) -> Int32 {
        guard Int(key) < rootEdges.count else { return 0 }
        return rootEdges.withUnsafeBufferPointer { $0[Int(key)].node }
    }

    /// Whether the trie is sealed, so that walks may start.
    var isSealed: Bool { sealed }

    /// What a walk reads of `node` when it reaches it.
    @inline(__always)
    func head(_ node: Int32) -> NodeHead {
        heads[Int(node)]
    }

    /// Calls `body` with each unit of the node whose head is `head`.
    @inline(__always)
    func forEachOutput(of head: NodeHead, _ body: (Int) -> Void) {
        guard head.unit >= 0 else { return }
        body(Int(head.unit))
        var entry = head.moreOutputs
        while entry >= 0 {
            body(Int(outputUnits[Int(entry)]))
            entry = outputNext[Int(entry)]
        }
    }

    /// The nodes the prefix edges of `node` lead to for a token whose folded text is `text`.
    func prefixChildren(_ node: Int32, text: String, into next: inout [Int32]) {
        let node = Int(node)
        let lengthCount = prefixLengths[node].count
        guard lengthCount > 0 else { return }
        // The node's table and lengths are read in place: a copy of the table retained and released each
        // of its arrays, for every token of an item when a wildcard starts a term.
        let table = Int(prefixTableOf[node])
        // In ASCII a character is a byte (a token holds no "\r\n"): cut by bytes, without walking
        // grapheme clusters, which every token of an item paid for a wildcard at the root.
        let cut = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return false }
            for index in 0..<lengthCount {
                let length = prefixLengths[node][index]
                guard length <= bytes.count else { continue }
                if let child = prefixTables[table].value(bytes: UnsafeBufferPointer(rebasing: bytes[..<length])) { next.append(child) }
            }
            return true
        }
        if cut == true { return }
        let count = text.count
        for index in 0..<lengthCount where prefixLengths[node][index] <= count {
            if let child = prefixTables[table].value(String(text.prefix(prefixLengths[node][index]))) { next.append(child) }
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
        precondition(trie.isSealed, "a walk of a trie not sealed")
        reached.removeAll(keepingCapacity: true)
        // The root's children by key carry their heads; its prefix children do not.
        let root = trie.head(TokenTrie.root)
        guard start < keys.keys.count else { return }
        if root.hasKeyChildren {
            let key = keys.keys[start]
            if key != 0, let edge = trie.rootEdge(key) { visit(edge.node, head: edge.head, end: start + 1, trie: trie) }
        }
        if root.hasPrefixChildren {
            prefixed.removeAll(keepingCapacity: true)
            trie.prefixChildren(TokenTrie.root, text: folded[start], into: &prefixed)
            for child in prefixed { visit(child, head: trie.head(child), end: start + 1, trie: trie) }
        }
        if root.hasKeyChildren, start < keys.joinedKeys.count {
            let joined = keys.joinedKeys[start]
            if joined != 0, let edge = trie.rootEdge(joined) { visit(edge.node, head: edge.head, end: start + 2, trie: trie) }
        }
        while let (node, index, head) = stack.popLast() {
            guard index < keys.keys.count else { continue }
            if head.hasKeyChildren {
                let key = keys.keys[index]
                if key != 0, let child = trie.child(node, key) { visit(child, head: trie.head(child), end: index + 1, trie: trie) }
            }
            if head.hasPrefixChildren {
                prefixed.removeAll(keepingCapacity: true)
                trie.prefixChildren(node, text: folded[index], into: &prefixed)
                for child in prefixed { visit(child, head: trie.head(child), end: index + 1, trie: trie) }
            }
            if head.hasKeyChildren, index < keys.joinedKeys.count {
                let joined = keys.joinedKeys[index]
                if joined != 0, let child = trie.child(node, joined) { visit(child, head: trie.head(child), end: index + 2, trie: trie) }
            }
        }
    }

    @inline(__always)
    private mutating func visit(_ node: Int32, head: TokenTrie.NodeHead, end: Int, trie: TokenTrie) {
        trie.forEachOutput(of: head) { reached.append(($0, end)) }
        if head.hasKeyChildren || head.hasPrefixChildren { stack.append((node, end, head)) }
    }
}
