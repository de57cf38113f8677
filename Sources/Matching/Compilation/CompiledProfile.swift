import Model

/// A term as the matcher evaluates it: what to look up in an item's hits, and in which fields.
struct CompiledTerm: Sendable {
    /// What the term's hits are made of.
    enum Body: Sendable {
        /// A sequence of words in the trie.
        case unit(Int)
        /// A bounded regular expression, by index.
        case regex(Int)
        /// Members, each any of several trie units, within a window.
        case near(members: [[Int]], within: Int, ordered: Bool)
        /// A term that can never match (no word in it, an invalid pattern); the reader reports it.
        case never
    }

    var term: Term
    var body: Body
    var fields: FieldSet
    /// How the term is written, for its contributions; nil for a profile's exclusions, which earn nothing.
    var construct: TermConstruct?
}

/// A topic as indices into the matcher's terms.
struct CompiledTopic: Sendable {
    var name: String
    var weight: Double
    var any: [Int]
    /// Each entry of `all`: any one of its terms satisfies it.
    var all: [[Int]]
    /// The labels of the `all` entries, to name a missing one.
    var allLabels: [String]
    var none: [Int]
}

/// A profile with its topics and exclusions compiled.
struct CompiledProfile: Sendable {
    var profile: Profile
    var topics: [CompiledTopic]
    var exclusions: [Int]
}

/// Where a term is written: its profile, its topic (nil for a profile's exclusions) and its role there.
struct TermPlace: Sendable {
    /// The list of its topic (or profile) that holds the term.
    enum Role: Sendable, Equatable {
        case any
        /// In the `all` entry of this index.
        case all(Int)
        case none
        case exclusion
    }

    var profile: Int
    var topic: Int?
    var role: Role
}
