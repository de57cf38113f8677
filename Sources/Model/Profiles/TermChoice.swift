/// One thing to find where a list needs each of its entries: a term, or any term of a shared vocabulary.
/// The entries of a topic's `all` list and the members of a proximity group are choices.
public struct TermChoice: Sendable, Equatable, Hashable {
    /// How the entry is written (`mobilité`, `$communes`).
    public var label: String
    /// The terms any one of which satisfies the entry.
    public var terms: [Term]

    /// Creates a choice among `terms`.
    public init(label: String, terms: [Term]) {
        self.label = label
        self.terms = terms
    }

    /// A choice of one term.
    public init(_ term: Term) {
        self.init(label: term.label, terms: [term])
    }
}
