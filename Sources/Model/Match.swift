/// Why an item interests one profile: its score and the evidence behind it.
public struct Match: Sendable, Equatable, Hashable, Codable {
    /// The profile's identifier (its file name without extension).
    public var profile: String
    /// The normalised score; compared with the profile's threshold.
    public var score: Double
    /// Names of the topics that contributed, strongest first.
    public var topics: [String]
    /// The profile terms found in the item, as the profile spells them, strongest first.
    public var terms: [String]
    /// The words of the item the terms found, each distinct one once, in field then text order.
    public var surfaces: [MatchedSurface]

    public init(profile: String, score: Double, topics: [String], terms: [String], surfaces: [MatchedSurface] = []) {
        self.profile = profile
        self.score = score
        self.topics = topics
        self.terms = terms
        self.surfaces = surfaces
    }
}
