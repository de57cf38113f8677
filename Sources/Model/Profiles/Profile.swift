/// What one stakeholder wants to watch: read from `profiles/<id>.yaml`.
public struct Profile: Sendable, Equatable {
    /// The file name without extension; stable key in the database and digests.
    public var id: String
    /// The display name; the id when the file gives none.
    public var name: String
    /// The kind of stakeholder.
    public var kind: StakeholderKind
    /// Language of the digest (`fr` unless set).
    public var language: String
    /// The older threshold, in raw points (see `Scoring`); used when ``threshold`` is nil.
    public var minScore: Double
    /// The threshold on the 0–100 scale an item's normalised score must reach; nil to use ``minScore``.
    public var threshold: Double?
    /// How an item's age lowers its score; nil when the profile turns recency off.
    public var recency: Recency?
    /// At most this many items per digest.
    public var maxItems: Int
    /// How the digest lists its entries.
    public var digestLayout: DigestLayout
    /// The weighted topics whose terms score items.
    public var topics: [Topic]
    /// Terms whose presence (in their fields) removes an item for this profile whatever its score.
    public var exclusions: [Term]
    /// Whether the profile's terms are stemmed, unless a topic or term says; nil for the default
    /// (single words stemmed in a language veilleur stems, `fr` and `en`).
    public var stem: Bool?
    /// Only sources carrying one of these tags are considered; empty means all sources.
    public var includeTags: [String]
    /// Names of sources never considered for this profile.
    public var excludedSources: [String]
    /// Multipliers of item scores by source name; sources not listed weigh 1.
    public var sourceWeights: [String: Double]
    /// When the profile's digests are due; nil for `veilleur.yaml`'s daily time.
    public var digestTimes: DigestTimes?
    /// The normalised score (0–100) at or above which a match raises an immediate alert as soon as it is
    /// stored (`alert_score`); nil: the profile raises none.
    public var alertScore: Double?
    /// Who receives each digest by e-mail (`deliver.email`), as written (`name@example.org` or
    /// `Name <name@example.org>`), checked when the profile was read; empty: no e-mail.
    public var emailRecipients: [String]

    /// Creates a profile; defaults are those of a profile file that leaves the field out.
    public init(
        id: String, name: String? = nil, kind: StakeholderKind, language: String = "fr",
        minScore: Double = 1, maxItems: Int = 30, topics: [Topic], exclusions: [Term] = [],
        includeTags: [String] = [], excludedSources: [String] = [], sourceWeights: [String: Double] = [:],
        stem: Bool? = nil, threshold: Double? = nil, recency: Recency? = .standard, digestLayout: DigestLayout = .ranked,
        digestTimes: DigestTimes? = nil, alertScore: Double? = nil, emailRecipients: [String] = []
    ) {
        self.id = id
        self.name = name ?? id
        self.kind = kind
        self.language = language
        self.minScore = minScore
        self.maxItems = maxItems
        self.topics = topics
        self.exclusions = exclusions
        self.includeTags = includeTags
        self.excludedSources = excludedSources
        self.sourceWeights = sourceWeights
        self.stem = stem
        self.threshold = threshold
        self.recency = recency
        self.digestLayout = digestLayout
        self.digestTimes = digestTimes
        self.alertScore = alertScore
        self.emailRecipients = emailRecipients
    }
}
