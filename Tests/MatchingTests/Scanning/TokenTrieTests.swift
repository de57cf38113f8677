@testable import Matching
import Testing

/// The units a walk from each position of `keys` reaches, with where each ends, position after position.
private func walks(_ trie: TokenTrie, keys: [Int32], joined: [Int32], folded: [String] = []) -> [[Int: Int]] {
    var walk = TrieWalk()
    let read = KeyReader.Keys(keys: keys, joinedKeys: joined)
    let folded = folded.isEmpty ? Array(repeating: "", count: keys.count) : folded
    return keys.indices.map { start in
        walk.run(from: start, keys: read, folded: folded, trie: trie)
        var reached: [Int: Int] = [:]
        for (unit, end) in walk.reached { reached[unit] = max(reached[unit] ?? 0, end) }
        return reached
    }
}

@Suite("Token trie")
struct TokenTrieTests {
    /// Units 0 to 3: the word 1; the words 1 2 3; the words 2 3, which unit 5 shares; the word 400 (far
    /// beyond the others, so the root's table of children grows to it).
    static func trie() -> TokenTrie {
        var trie = TokenTrie()
        trie.insert([.key(1)], output: 0)
        trie.insert([.key(1), .key(2), .key(3)], output: 1)
        trie.insert([.key(2), .key(3)], output: 2)
        trie.insert([.key(400)], output: 3)
        trie.insert([.key(2), .key(3)], output: 5)
        trie.seal()
        return trie
    }

    @Test("A walk from each word finds the sequences that start there, and only those")
    func sequencesFromEachWord() {
        let reached = walks(Self.trie(), keys: [1, 2, 3, 400, 2, 0, 3], joined: [0, 0, 0, 0, 0, 0])
        #expect(reached == [[0: 1, 1: 3], [2: 3, 5: 3], [:], [3: 4], [:], [:], [:]])
    }

    @Test("A pair of words read as one key continues a sequence, from the root and from inside it")
    func joinedKeys() {
        // Words 7 8 read together give key 2, words 9 10 give key 1.
        let reached = walks(Self.trie(), keys: [1, 7, 8, 3, 9, 10], joined: [0, 2, 0, 0, 1, 0])
        #expect(reached == [[0: 1, 1: 4], [2: 4, 5: 4], [:], [:], [0: 6], [:]])
    }

    @Test("Reading the root's child of a key ahead gives the child a walk steps to, and nothing past the known ids")
    func touchingTheRoot() {
        let trie = Self.trie()
        for key: Int32 in [1, 2, 3, 399, 400] {
            #expect(trie.touchRoot(key) == trie.child(TokenTrie.root, key) ?? -1)
        }
        #expect(trie.touchRoot(1) >= 0 && trie.touchRoot(3) == -1)
        #expect(trie.touchRoot(401) == 0 && trie.touchRoot(1_000_000) == 0)
    }

    @Test("Key ids no sequence starts with, or beyond every id the trie knows, reach nothing")
    func unknownKeys() {
        let reached = walks(Self.trie(), keys: [3, 399, 401, 1_000_000, 0], joined: [0, 0, 1_000_000, 0])
        #expect(reached.allSatisfy { $0.isEmpty })
    }

    @Test("A prefix edge at the root is followed from any token, beside the token's key")
    func prefixAtRoot() {
        var trie = TokenTrie()
        trie.insert([.prefix("cyber")], output: 0)
        trie.insert([.key(1)], output: 1)
        trie.insert([.prefix("cyber"), .key(2)], output: 2)
        trie.seal()
        let reached = walks(trie, keys: [1, 0, 2], joined: [0, 0], folded: ["cyberattaque", "cybers", "x"])
        #expect(reached == [[0: 1, 1: 1], [0: 2, 2: 3], [:]])
    }

    @Test("A prefix edge inside a sequence is followed by the token's folded text")
    func prefixInside() {
        var trie = TokenTrie()
        trie.insert([.key(1)], output: 0)
        trie.insert([.key(1), .prefix("cyber")], output: 4)
        trie.seal()
        let reached = walks(trie, keys: [1, 0, 1, 0], joined: [0, 0, 0], folded: ["x", "cybersecurite", "x", "cyb"])
        #expect(reached == [[0: 1, 4: 2], [:], [0: 3], [:]])
    }
}
