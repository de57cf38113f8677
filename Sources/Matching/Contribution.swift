import Model

/// What one term found in one field of an item added to a profile's score.
public struct Contribution: Sendable, Equatable {
    /// The topic the term belongs to.
    public var topic: String
    /// The term as the profile labels it (see `Term.label`).
    public var term: String
    /// Where it was found.
    public var field: ItemField
    /// How many times it was found there.
    public var count: Int
    /// The points it earned, before the source weight and recency; see ``Scoring``.
    public var points: Double
    /// How the term is written in the profile; nil when the contribution was built from points alone.
    public var construct: TermConstruct?

    /// Creates a contribution from its points.
    public init(topic: String, term: String, field: ItemField, count: Int, points: Double, construct: TermConstruct? = nil) {
        self.topic = topic
        self.term = term
        self.field = field
        self.count = count
        self.points = points
        self.construct = construct
    }

    /// The contribution of `count` hits in `field` of `term`, found as `construct` in a topic of weight `topicWeight`.
    public init(topic: String, topicWeight: Double, term: Term, construct: TermConstruct, field: ItemField, count: Int) {
        let points = Scoring.points(termWeight: term.weight, topicWeight: topicWeight, field: field, count: count)
        self.init(topic: topic, term: term.label, field: field, count: count, points: points, construct: construct)
    }

    /// Term weight times topic weight: the points divided by the field boost and the frequency factor.
    public var weight: Double {
        points / (Scoring.boost(for: field) * Scoring.frequencyFactor(count))
    }
}
