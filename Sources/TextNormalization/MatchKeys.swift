/// The keys under which tokens are looked up, so that every spelling of a word or compound meets the
/// others: "e-commerce", "e‑commerce", "e–commerce", "e commerce" and "ecommerce"; "start-up" and "startup".
///
/// A key is a token's folded ``Token/text``, or with a ``Stemmer`` its folded stem ("industrielles" →
/// "industriel"); tokens holding digits or "&" ("2024", "covid19", "r&d") are never stemmed.
///
/// Compounds are indexed both as their parts and as the concatenation:
/// - a text's tokens give one key each (``keys``), and every two adjacent tokens also give the key of
///   the word they make together (``joinedKeys``: "e" + "commerce" → the key of "ecommerce"), whether a
///   hyphen, a dash or a space separated them;
/// - a term gives a few key sequences (``termSequences(_:stemmer:)``): its tokens' keys; each hyphenated
///   group joined into one key; and, for a term of two words, the two joined.
///
/// A matcher inserts every sequence of a term into its trie and walks a text with ``walk(from:root:child:reached:)``,
/// which at each step follows the next token's key or the joined key of the next two tokens: a term in
/// one spelling finds a text in any other, and an item costs O(tokens) lookups (times the trie's depth,
/// as before). Joined keys are stemmed from the concatenated words, never from their stems, so that
/// "start" + "ups" and "startups" give the same key.
///
/// The same occurrence can be reached along two paths from one start ("e-commerce" as "e", "commerce"
/// and as "ecommerce", when a term has both sequences): count a term once per start position.
public struct MatchKeys: Sendable, Equatable {
    /// The key of each token, by position.
    public let keys: [String]
    /// The key of tokens `i` and `i + 1` read as one word, for every `i` but the last (empty for fewer
    /// than two tokens).
    public let joinedKeys: [String]

    /// The keys of `tokens`, which must be one text's tokens in order. `stemmer` is the stemmer of the
    /// text's language; without one, keys are the folded tokens.
    public init(tokens: [Token], stemmer: Stemmer? = nil) {
        let pairs = tokens.indices.dropLast().map { (tokens[$0], tokens[$0 + 1]) }
        guard let stemmer else {
            keys = tokens.map(\.text)
            joinedKeys = pairs.map { $0.text + $1.text }
            return
        }
        let letters = tokens.map { Self.isLettersOnly($0.caseFolded) }
        keys = Self.stemmedKeys(tokens.map { ($0.caseFolded, $0.text) }, stemmable: letters, stemmer: stemmer, cached: true)
        // Two words are letters only together exactly when each is.
        let joinedLetters = letters.indices.dropLast().map { letters[$0] && letters[$0 + 1] }
        joinedKeys = Self.stemmedKeys(
            pairs.map { ($0.caseFolded + $1.caseFolded, $0.text + $1.text) }, stemmable: joinedLetters, stemmer: stemmer,
            cached: false)
    }

    /// The key sequences a term stands for, without duplicates, its tokens' keys first. `tokens` are the
    /// term's tokens (``Tokenizer/tokens(_:)``); `stemmer` must stem as the texts it is matched in are.
    /// With `cached` false, the stemmer's cache is neither read nor filled: for a caller that stems each
    /// distinct term once and would only fill the cache.
    public static func termSequences(_ tokens: [Token], stemmer: Stemmer? = nil, cached: Bool = true) -> [[String]] {
        guard !tokens.isEmpty else { return [] }
        var parts: [[Part]] = [tokens.map(Part.init)]
        var compounds: [Part] = []
        for token in tokens {
            if token.flags.contains(.hyphenatedToPrevious), let last = compounds.popLast() {
                compounds.append(last.joined(with: Part(token)))
            } else {
                compounds.append(Part(token))
            }
        }
        if compounds.count < tokens.count { parts.append(compounds) }
        if tokens.count == 2, compounds.count == 2 { parts.append([Part(tokens[0]).joined(with: Part(tokens[1]))]) }
        var sequences: [[String]] = []
        for sequence in parts {
            let keys = stemmer.map { stemmer in
                stemmedKeys(
                    sequence.map { ($0.caseFolded, $0.text) }, stemmable: sequence.map { isLettersOnly($0.caseFolded) },
                    stemmer: stemmer, cached: cached)
            }
                ?? sequence.map(\.text)
            if !sequences.contains(keys) { sequences.append(keys) }
        }
        return sequences
    }

    /// Walks every path of keys starting at token `start`: each step reads the next token's key or the
    /// joined key of the next two. `child` gives the node a key leads to from a node (`nil` ends the
    /// path); `reached` is called with each node reached and the position just after the tokens read.
    public func walk<Node>(from start: Int, root: Node, child: (Node, String) -> Node?, reached: (Node, _ end: Int) -> Void) {
        func step(_ node: Node, _ index: Int) {
            guard index < keys.count else { return }
            if let next = child(node, keys[index]) {
                reached(next, index + 1)
                step(next, index + 1)
            }
            if index < joinedKeys.count, let next = child(node, joinedKeys[index]) {
                reached(next, index + 2)
                step(next, index + 2)
            }
        }
        step(root, start)
    }

    /// A word as a term's sequence holds it: one token, or a hyphenated group read as one word.
    private struct Part {
        var caseFolded: String
        var text: String

        init(_ token: Token) {
            caseFolded = token.caseFolded
            text = token.text
        }

        func joined(with other: Part) -> Part {
            var word = self
            word.caseFolded += other.caseFolded
            word.text += other.text
            return word
        }
    }

    /// Stems the words `stemmable` marks (those made of letters only) and keeps the others' folded text.
    private static func stemmedKeys(
        _ words: [(caseFolded: String, text: String)], stemmable: [Bool], stemmer: Stemmer, cached: Bool
    ) -> [String] {
        let stemmed = words.indices.filter { stemmable[$0] }
        var keys = words.map(\.text)
        for (index, key) in zip(stemmed, stemmer.keys(stemmed.map { words[$0].caseFolded }, cached: cached)) {
            keys[index] = key
        }
        return keys
    }

    /// Whether `word` is made of letters only, as ``Separators/isLetter(_:)`` tells: the words that are
    /// stemmed. Words are nearly always ASCII, whose bytes are checked without decoding scalars.
    public static func isLettersOnly(_ word: String) -> Bool {
        for byte in word.utf8 {
            if byte >= 0x80 { return word.unicodeScalars.allSatisfy(Separators.isLetter) }
            guard (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) else { return false }
        }
        return true
    }
}
