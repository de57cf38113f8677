/// One profile's verdict on one item, with the evidence: what ``Matcher/evaluate(_:source:)`` returns.
public struct Evaluation: Sendable, Equatable {
    /// Why an item is removed for a profile regardless of its score.
    public enum Exclusion: Sendable, Equatable {
        /// An exclusion term of the profile (as the profile labels it) was found in the item.
        case term(String)
        /// The source is listed in the profile's `sources.exclude`.
        case excludedSource
        /// The profile selects sources by `include_tags` and this source carries none of them.
        case untaggedSource
    }

    /// The profile's identifier.
    public var profile: String
    /// The score on the profile's 0–100 scale (see ``ScoreScale``); computed even when excluded, for explanations.
    public var score: Double
    /// The profile's weight for the item's source (1 unless set).
    public var sourceWeight: Double
    /// The multiplier of the item's age when matched (1 without a date or a time of matching; see `Recency`).
    public var recency: Double
    /// The profile's scale: its reference points and its threshold.
    public var scale: ScoreScale
    /// Why the item is removed for this profile, if it is.
    public var exclusion: Exclusion?
    /// Every term hit, strongest first.
    public var contributions: [Contribution]

    /// A topic some of whose terms were found but that does not count for the item.
    public struct SetAside: Sendable, Equatable {
        /// Why the topic does not count.
        public enum Reason: Sendable, Equatable {
            /// A term of its `none` list (as the profile spells it) was found.
            case excludedBy(String)
            /// A term of its `all` list (as the profile spells it) was not found.
            case missing(String)
            /// Its `all` terms were found but none of its `any` terms.
            case noAnyTerm
        }

        /// The topic's name.
        public var topic: String
        /// Why it does not count.
        public var reason: Reason

        /// Creates a record.
        public init(topic: String, reason: Reason) {
            self.topic = topic
            self.reason = reason
        }
    }

    /// Topics that found something but do not count, in profile order.
    public var setAside: [SetAside]

    /// True when the item is removed for this profile whatever its score.
    public var excluded: Bool { exclusion != nil }

    /// The contributions' points added up, before the source weight and recency.
    public var sum: Double { contributions.reduce(0) { $0 + $1.points } }

    /// The item's points: ``sum`` × ``sourceWeight`` × ``recency``; ``score`` puts them on the scale.
    public var points: Double { sum * sourceWeight * recency }

    /// True when the profile alerts the item: not excluded, some term found, and the score reaches the threshold.
    public var alerted: Bool { !excluded && !contributions.isEmpty && score >= scale.threshold }

    /// Creates an evaluation; its score is its points on `scale`.
    public init(
        profile: String, scale: ScoreScale, sourceWeight: Double = 1, recency: Double = 1, exclusion: Exclusion? = nil,
        contributions: [Contribution], setAside: [SetAside] = []
    ) {
        self.profile = profile
        self.scale = scale
        self.sourceWeight = sourceWeight
        self.recency = recency
        self.exclusion = exclusion
        self.contributions = contributions
        self.setAside = setAside
        score = 0
        score = scale.score(points)
    }
}
