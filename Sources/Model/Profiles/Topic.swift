/// A named group of terms within a profile, weighted as a whole.
///
/// A topic counts for an item when every term of ``all`` is found, at least one term of ``terms`` is found
/// (when it has any), and no term of ``none`` is found; its found terms then earn points.
public struct Topic: Sendable, Equatable, Hashable {
    /// The name shown in digests and explanations.
    public var name: String
    /// Multiplies the points of every term of the topic.
    public var weight: Double
    /// The `any` terms (`keywords`, `any`, then `phrases`, in file order): each one found earns points.
    public var terms: [Term]
    /// Entries that must all be found for the topic to count (an entry naming a vocabulary is found when
    /// any of its terms is); their terms found earn points once every entry is found.
    public var all: [TermChoice]
    /// Terms whose presence sets the topic aside for the item (the rest of the profile still counts).
    public var none: [Term]
    /// The fields the topic's terms are searched in, unless a term names its own; nil for ``ItemField/defaults``.
    public var fields: Set<ItemField>?
    /// Whether the topic's terms are stemmed, unless a term says; nil to follow the profile.
    public var stem: Bool?

    /// Creates a topic.
    public init(
        name: String, weight: Double = 1, terms: [Term], all: [TermChoice] = [], none: [Term] = [],
        fields: Set<ItemField>? = nil, stem: Bool? = nil
    ) {
        self.name = name
        self.weight = weight
        self.terms = terms
        self.all = all
        self.none = none
        self.fields = fields
        self.stem = stem
    }
}
