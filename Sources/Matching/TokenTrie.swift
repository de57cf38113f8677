import TextNormalization

/// A trie over folded tokens: each path from the root spells a term's token sequence, and the node where
/// it ends lists the terms (as opaque output numbers) that sequence stands for.
///
/// Terms of every profile share one trie, so scanning an item costs one walk per token position,
/// whatever the number of profiles; a walk stops as soon as no term continues the sequence.
struct TokenTrie: Sendable {
    private var children: [[String: Int]] = [[:]]
    private var outputs: [[Int]] = [[]]

    /// Records that `tokens`, consecutive, stand for `output`.
    mutating func insert(_ tokens: [String], output: Int) {
        var node = 0
        for token in tokens {
            if let next = children[node][token] {
                node = next
            } else {
                children.append([:])
                outputs.append([])
                children[node][token] = children.count - 1
                node = children.count - 1
            }
        }
        outputs[node].append(output)
    }

    /// Calls `found` once per occurrence of a term in `tokens`, with the term's output.
    func scan(_ tokens: [Token], _ found: (Int) -> Void) {
        for start in tokens.indices {
            var node = 0
            var index = start
            while index < tokens.count, let next = children[node][tokens[index].text] {
                node = next
                for output in outputs[node] { found(output) }
                index += 1
            }
        }
    }
}
