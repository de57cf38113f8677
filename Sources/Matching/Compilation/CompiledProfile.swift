import Model

/// A term as the matcher evaluates it: what to look up in an item's hits, and in which fields.
///
/// The compiled term, topic and profile are classes: evaluating an item reads them for every candidate
/// profile, and copying a struct of strings and arrays retained and released each of them every time.
final class CompiledTerm: Sendable {
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

    let term: Term
    let body: Body
    let fields: FieldSet
    /// How the term is written, for its contributions; nil for a profile's exclusions, which earn nothing.
    let construct: TermConstruct?

    init(term: Term, body: Body, fields: FieldSet, construct: TermConstruct?) {
        self.term = term
        self.body = body
        self.fields = fields
        self.construct = construct
    }
}

/// A topic as indices into the matcher's terms.
final class CompiledTopic: Sendable {
    let name: String
    let weight: Double
    let any: [Int]
    /// Each entry of `all`: any one of its terms satisfies it.
    let all: [[Int]]
    /// The labels of the `all` entries, to name a missing one.
    let allLabels: [String]
    let none: [Int]

    init(name: String, weight: Double, any: [Int], all: [[Int]], allLabels: [String], none: [Int]) {
        self.name = name
        self.weight = weight
        self.any = any
        self.all = all
        self.allLabels = allLabels
        self.none = none
    }
}

/// A profile with its topics and exclusions compiled.
final class CompiledProfile: Sendable {
    let profile: Profile
    let topics: [CompiledTopic]
    let exclusions: [Int]

    init(profile: Profile, topics: [CompiledTopic], exclusions: [Int]) {
        self.profile = profile
        self.topics = topics
        self.exclusions = exclusions
    }
}

/// Where a term is written: its profile, its topic (nil for a profile's exclusions) and its role there;
/// and, for a term of words, its unit and fields, so that counting its hits reads this record alone rather
/// than the term's object, whose retain and release miss the caches for every candidate term.
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
    /// The term's unit when it is a term of words (``CompiledTerm/Body/unit(_:)``), `-1` otherwise.
    var unit: Int32 = -1
    /// ``CompiledTerm/fields``.
    var fields = FieldSet([])
}
