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
    /// The points it earned, before the source weight; see ``Scoring``.
    public var points: Double

    /// Creates a contribution.
    public init(topic: String, term: String, field: ItemField, count: Int, points: Double) {
        self.topic = topic
        self.term = term
        self.field = field
        self.count = count
        self.points = points
    }
}
