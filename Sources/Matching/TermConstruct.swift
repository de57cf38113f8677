import Model

/// How a term that earned points is written in its profile, for explanations.
public struct TermConstruct: Sendable, Equatable {
    /// The topic list the term is in.
    public enum List: String, Sendable, Equatable {
        /// `any` (or `keywords`): each term found earns points.
        case any
        /// `phrases`: consecutive words.
        case phrases
        /// `all`: earns points once every entry is found.
        case all
    }

    /// What the term looks for.
    public enum Kind: Sendable, Equatable {
        /// Consecutive words, none ending in `*`.
        case words
        /// Words of which at least one ends in `*`.
        case prefix
        /// A bounded regular expression.
        case regex
        /// Members within `within` words of each other, in the listed order when `ordered`.
        case near(within: Int, ordered: Bool)
    }

    /// The list the term is in.
    public var list: List
    /// What it looks for.
    public var kind: Kind
    /// The shared vocabulary it comes from, if any.
    public var vocabulary: String?
    /// Stemming as the profile sets it (on the term, its topic, or the profile, in that order); nil when
    /// nothing sets it and the default applies (single lowercase words are stemmed).
    public var stem: Bool?
    /// The fields the term is restricted to (on the term or its topic); nil for the default fields.
    public var fields: [ItemField]?

    /// Creates a description.
    public init(list: List, kind: Kind, vocabulary: String? = nil, stem: Bool? = nil, fields: [ItemField]? = nil) {
        self.list = list
        self.kind = kind
        self.vocabulary = vocabulary
        self.stem = stem
        self.fields = fields
    }

    /// The construct of `term`, written in `topic` of `profile`; `inAll` when it comes from the `all` list.
    public init(_ term: Term, inAll: Bool, topic: Topic?, profile: Profile) {
        let kind: Kind
        switch term.kind {
        case .words: kind = term.text.contains("*") ? .prefix : .words
        case .regex: kind = .regex
        case .near(let proximity): kind = .near(within: proximity.within, ordered: proximity.ordered)
        }
        let fields = (term.fields ?? topic?.fields).map { set in ItemField.allCases.filter(set.contains) }
        self.init(
            list: inAll ? .all : term.isPhrase ? .phrases : .any, kind: kind, vocabulary: term.vocabulary,
            stem: term.stem ?? topic?.stem ?? profile.stem, fields: fields)
    }

    /// A short description: `any`, `all`, `phrases`, then the kind, the vocabulary, stemming and fields.
    public var summary: String {
        var parts = [list.rawValue]
        switch kind {
        case .words: break
        case .prefix: parts.append("prefix")
        case .regex: parts.append("regex")
        case .near(let within, let ordered): parts.append(ordered ? "near \(within) words, in order" : "near \(within) words, any order")
        }
        if let vocabulary { parts.append("$\(vocabulary)") }
        switch stem {
        case true?: parts.append("stem on")
        case false?: parts.append("stem off")
        case nil: break
        }
        if let fields { parts.append("in " + fields.map(\.rawValue).joined(separator: "+")) }
        return parts.joined(separator: ", ")
    }
}
