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
/// for a term of words, its unit and fields; and what it adds to a score when found. Counting a candidate
/// term's hits and adding its points read this record alone, by term index: the term's object (and its
/// profile's and topic's) missed the caches for every candidate once a thousand profiles no longer fit in
/// them. Stored in 48 bytes, so that a record seldom spans two cache lines.
struct TermPlace: Sendable {
    /// The list of its topic (or profile) that holds the term.
    enum Role: Sendable, Equatable {
        case any
        /// In the `all` entry of this index.
        case all(Int)
        case none
        case exclusion
    }

    private let profileNumber: Int32
    /// The topic's position, `-1` for a profile's exclusions.
    private let topicNumber: Int32
    /// The `all` entry of a term in one, `-1` otherwise; with ``roleKind`` it makes ``role``.
    private let choice: Int32
    private let roleKind: UInt8
    /// The term's unit when it is a term of words (``CompiledTerm/Body/unit(_:)``), `-1` otherwise.
    let unit: Int32
    /// ``CompiledTerm/fields``.
    let fields: FieldSet
    /// Whether the term earns points: a topic's term (which has a ``CompiledTerm/construct``), not one of
    /// the profile's exclusions.
    let earns: Bool
    /// ``Term/weight``.
    let weight: Double
    /// ``Term/label``.
    let label: String

    init(profile: Int, topic: Int?, role: Role, unit: Int32, fields: FieldSet, term: Term, earns: Bool) {
        profileNumber = Int32(profile)
        topicNumber = topic.map { Int32($0) } ?? -1
        switch role {
        case .any: (roleKind, choice) = (0, -1)
        case .all(let entry): (roleKind, choice) = (1, Int32(entry))
        case .none: (roleKind, choice) = (2, -1)
        case .exclusion: (roleKind, choice) = (3, -1)
        }
        self.unit = unit
        self.fields = fields
        self.earns = earns
        weight = term.weight
        label = term.label
    }

    var profile: Int { Int(profileNumber) }

    var topic: Int? { topicNumber < 0 ? nil : Int(topicNumber) }

    var role: Role {
        switch roleKind {
        case 0: .any
        case 1: .all(Int(choice))
        case 2: .none
        default: .exclusion
        }
    }

    /// Whether the term is one of its profile's exclusions.
    var isExclusion: Bool { roleKind == 3 }

    /// Whether the term is in its topic's `none` list.
    var isNone: Bool { roleKind == 2 }
}

/// What a topic's verdict and contributions read of it, flat by profile for the same reason as
/// ``TermPlace``.
struct TopicHead: Sendable {
    var name: String
    var weight: Double
    /// Whether it has `any` terms.
    var hasAny: Bool
    /// The number of its `all` entries.
    var allCount: Int
}
