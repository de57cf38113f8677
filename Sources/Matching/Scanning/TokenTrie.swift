/// A trie over word keys: each path from the root spells a term's words, and the node where it ends lists
/// the units (opaque output numbers) that sequence stands for.
///
/// A step from a node follows the token's exact key, its stem key in each language in use, and every
/// prefix edge the token begins with, so one token can continue several paths. Terms of every profile
/// share one trie, so scanning an item costs one walk per token position whatever the number of profiles;
/// a walk stops as soon as no term continues the sequence.
struct TokenTrie: Sendable {
    /// One step of a path.
    enum Edge: Hashable, Sendable {
        /// A word compared by key.
        case key(MatchKey)
        /// A word that begins with these folded letters.
        case prefix(String)
    }

    /// A token as the trie reads it: its keys, computed once per token.
    struct ReadToken {
        /// The folded token.
        var text: String
        /// Its exact key then its stem keys.
        var keys: [MatchKey]
        /// Its length in characters, for prefix edges.
        var length: Int
        /// Its position in its text.
        var position: Int
    }

    private var children: [[MatchKey: Int]] = [[:]]
    private var prefixChildren: [[String: Int]] = [[:]]
    /// The distinct lengths of a node's prefix edges, so a token is cut only where an edge could start.
    private var prefixLengths: [[Int]] = [[]]
    private var outputs: [[Int]] = [[]]

    /// Records that `edges`, consecutive, stand for `output`.
    mutating func insert(_ edges: [Edge], output: Int) {
        var node = 0
        for edge in edges {
            switch edge {
            case .key(let key):
                if let next = children[node][key] {
                    node = next
                } else {
                    let next = addNode()
                    children[node][key] = next
                    node = next
                }
            case .prefix(let prefix):
                if let next = prefixChildren[node][prefix] {
                    node = next
                } else {
                    let next = addNode()
                    prefixChildren[node][prefix] = next
                    if !prefixLengths[node].contains(prefix.count) { prefixLengths[node].append(prefix.count) }
                    node = next
                }
            }
        }
        outputs[node].append(output)
    }

    private mutating func addNode() -> Int {
        children.append([:])
        prefixChildren.append([:])
        prefixLengths.append([])
        outputs.append([])
        return children.count - 1
    }

    /// Calls `found` once per occurrence of a unit in `tokens`, with the unit and the positions of its first
    /// token and of the token after its last.
    func scan(_ tokens: [ReadToken], _ found: (_ output: Int, _ start: Int, _ end: Int) -> Void) {
        var active: [Int] = [], following: [Int] = []
        for start in tokens.indices {
            active = [0]
            var index = start
            while index < tokens.count, !active.isEmpty {
                following.removeAll(keepingCapacity: true)
                for node in active { step(from: node, over: tokens[index], into: &following) }
                for node in following {
                    for output in outputs[node] { found(output, tokens[start].position, tokens[index].position + 1) }
                }
                swap(&active, &following)
                index += 1
            }
        }
    }

    private func step(from node: Int, over token: ReadToken, into next: inout [Int]) {
        // Distinct edges of one node lead to distinct nodes, so nothing is added twice.
        for key in token.keys {
            if let child = children[node][key] { next.append(child) }
        }
        for length in prefixLengths[node] where length <= token.length {
            if let child = prefixChildren[node][String(token.text.prefix(length))] { next.append(child) }
        }
    }
}
