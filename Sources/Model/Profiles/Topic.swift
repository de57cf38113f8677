/// A named group of terms within a profile, weighted as a whole.
public struct Topic: Sendable, Equatable, Hashable {
    /// The name shown in digests and explanations.
    public var name: String
    /// Multiplies the points of every term of the topic.
    public var weight: Double
    /// Keywords then phrases, in file order.
    public var terms: [Term]

    /// Creates a topic.
    public init(name: String, weight: Double = 1, terms: [Term]) {
        self.name = name
        self.weight = weight
        self.terms = terms
    }
}
