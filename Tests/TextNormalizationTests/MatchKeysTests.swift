import Testing
import TextNormalization

/// The smallest matcher over ``MatchKeys``: a trie of key sequences, walked from every token.
private struct TermIndex {
    private var children: [[String: Int]] = [[:]]
    private var terms: [[String]] = [[]]
    private let stemmer: Stemmer?

    init(_ terms: [String], stemmer: Stemmer? = nil) {
        self.stemmer = stemmer
        for term in terms {
            for sequence in MatchKeys.termSequences(Tokenizer.tokens(term), stemmer: stemmer) {
                insert(sequence, term: term)
            }
        }
    }

    private mutating func insert(_ keys: [String], term: String) {
        var node = 0
        for key in keys {
            if let next = children[node][key] {
                node = next
            } else {
                children.append([:])
                terms.append([])
                children[node][key] = children.count - 1
                node = children.count - 1
            }
        }
        if !terms[node].contains(term) { terms[node].append(term) }
    }

    /// Each term found, with the token positions of its occurrences (one per start, however reached).
    func occurrences(in text: String) -> [String: [Range<Int>]] {
        let keys = MatchKeys(tokens: Tokenizer.tokens(text), stemmer: stemmer)
        var found: [String: [Range<Int>]] = [:]
        for start in keys.keys.indices {
            keys.walk(from: start, root: 0, child: { children[$0][$1] }, reached: { node, end in
                for term in terms[node] where found[term]?.last?.lowerBound != start {
                    found[term, default: []].append(start..<end)
                }
            })
        }
        return found
    }

    func matches(_ text: String) -> Bool {
        !occurrences(in: text).isEmpty
    }
}

@Suite("MatchKeys")
struct MatchKeysTests {
    static let ecommerce = ["e-commerce", "e\u{2011}commerce", "e\u{2013}commerce", "ecommerce", "e commerce", "E-Commerce"]

    @Test("Every spelling of e-commerce finds every other, folded or stemmed", arguments: ecommerce, ecommerce)
    func ecommerceSpellings(_ term: String, _ text: String) {
        #expect(TermIndex([term]).matches("Le \(text) progresse"))
        #expect(TermIndex([term], stemmer: Stemmer(language: .french)).matches("Le \(text) progresse"))
    }

    /// text, term, whether the term is found: the examples of issue 6 and their near misses.
    static let examples: [(String, String, Bool)] = [
        ("La start-up lève 3 millions", "startup", true),
        ("La startup lève 3 millions", "start-up", true),
        ("La start up lève 3 millions", "startup", true),
        ("Budget R & D en hausse", "R&D", true),
        ("Budget R&D en hausse", "r & d", true),
        ("Budget r&d en hausse", "R&D", true),
        ("Budget de la RD 943", "R&D", false),
        ("L'IA générative en Italia", "IA", true),
        ("Il turismo in Italia", "IA", false),
        ("Le e-commerce transfrontalier", "commerce", true),
        ("Le commerce-en-ligne", "commerce en ligne", true),
        ("L'ecommerce transfrontalier", "e-commerce transfrontalier", true),
        ("L'e-commerce transfrontalier", "ecommerce transfrontalier", true),
        ("Le e commerce transfrontalier", "ecommerce transfrontalier", true),
        ("L'ecommerce", "commerce", false),
        ("Covid-19 : la filière s'adapte", "covid19", true),
        ("Le covid19 et la filière", "COVID-19", true),
        ("La filière franco-germano-suisse", "franco germano suisse", true),
        ("En 2024, 1 000 emplois", "2024", true),
    ]

    @Test("A term is found in a text exactly where a reader would see it", arguments: examples)
    func example(_ text: String, _ term: String, _ expected: Bool) {
        #expect(TermIndex([term]).matches(text) == expected)
        #expect(TermIndex([term], stemmer: Stemmer(language: .french)).matches(text) == expected)
    }

    /// text, term, the stemmer's language, whether folded keys alone find it.
    static let inflected: [(String, String, Language, Bool)] = [
        ("Les start-ups de la région", "startup", .english, false),
        ("Deux startups régionales", "start-up", .english, false),
        ("Les filières industrielles", "filière industrielle", .french, false),
        ("Des micro-entreprises innovantes", "microentreprise", .french, false),
        ("Aides aux microentreprises", "micro-entreprise", .french, false),
        ("Courses in e-learning", "elearning", .english, true),
    ]

    @Test("With a stemmer, inflected forms of a term and its compounds meet", arguments: inflected)
    func stemmed(_ text: String, _ term: String, _ language: Language, _ foundFolded: Bool) {
        #expect(TermIndex([term], stemmer: Stemmer(language: language)).matches(text))
        #expect(TermIndex([term]).matches(text) == foundFolded)
    }

    @Test("An occurrence reached both as parts and as one word counts once")
    func occurrencesCountOnce() {
        let index = TermIndex(["e-commerce"])
        #expect(index.occurrences(in: "L'e-commerce, le e commerce et l'ecommerce") == ["e-commerce": [0..<2, 3..<5, 6..<7]])
    }

    @Test("Keys are the folded tokens, or their stems; numbers, ampersands and mixed tokens are not stemmed")
    func keys() {
        let tokens = Tokenizer.tokens("Les Énergies R&D 2024 covid19")
        #expect(MatchKeys(tokens: tokens).keys == ["les", "energies", "r&d", "2024", "covid19"])
        #expect(MatchKeys(tokens: tokens, stemmer: Stemmer(language: .french)).keys == ["le", "energ", "r&d", "2024", "covid19"])
    }

    @Test("Joined keys read each two adjacent tokens as one word, stemmed as one word")
    func joinedKeys() {
        let tokens = Tokenizer.tokens("start-ups et e commerce")
        #expect(MatchKeys(tokens: tokens).joinedKeys == ["startups", "upset", "ete", "ecommerce"])
        #expect(MatchKeys(tokens: tokens, stemmer: Stemmer(language: .english)).joinedKeys == ["startup", "upset", "ete", "ecommerc"])
        #expect(MatchKeys(tokens: Tokenizer.tokens("seul")).joinedKeys.isEmpty)
        #expect(MatchKeys(tokens: []).keys.isEmpty)
    }

    @Test("A term's sequences are its parts, its hyphenated groups joined, and two words joined", arguments: [
        ("e-commerce", [["e", "commerce"], ["ecommerce"]]),
        ("e commerce", [["e", "commerce"], ["ecommerce"]]),
        ("ecommerce", [["ecommerce"]]),
        ("e-commerce transfrontalier", [["e", "commerce", "transfrontalier"], ["ecommerce", "transfrontalier"]]),
        ("salon international de l'agriculture", [["salon", "international", "de", "agriculture"]]),
        ("franco-germano-suisse", [["franco", "germano", "suisse"], ["francogermanosuisse"]]),
        ("", []),
    ])
    func termSequences(_ term: String, _ expected: [[String]]) {
        #expect(MatchKeys.termSequences(Tokenizer.tokens(term)) == expected)
    }
}
