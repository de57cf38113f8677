/// One profile's verdict on one item, with the evidence: what ``Matcher/evaluate(_:source:)`` returns.
public struct Evaluation: Sendable, Equatable {
    /// Why an item is removed for a profile regardless of its score.
    public enum Exclusion: Sendable, Equatable {
        /// An exclusion term of the profile (as the profile spells it) was found in the item.
        case term(String)
        /// The source is listed in the profile's `sources.exclude`.
        case excludedSource
        /// The profile selects sources by `include_tags` and this source carries none of them.
        case untaggedSource
    }

    /// The profile's identifier.
    public var profile: String
    /// Sum of the contributions' points times ``sourceWeight``; computed even when excluded, for explanations.
    public var score: Double
    /// The profile's weight for the item's source (1 unless set).
    public var sourceWeight: Double
    /// Why the item is removed for this profile, if it is.
    public var exclusion: Exclusion?
    /// Every term hit, strongest first.
    public var contributions: [Contribution]

    /// True when the item is removed for this profile whatever its score.
    public var excluded: Bool { exclusion != nil }

    /// Creates an evaluation.
    public init(profile: String, score: Double, sourceWeight: Double = 1, exclusion: Exclusion? = nil, contributions: [Contribution]) {
        self.profile = profile
        self.score = score
        self.sourceWeight = sourceWeight
        self.exclusion = exclusion
        self.contributions = contributions
    }
}
