/// What the index shows of a profile besides its files: whom it is for, in which language, and its trend.
public struct IndexedProfile: Sendable, Equatable {
    /// The display name.
    public var name: String
    /// The stakeholder kind, as the profile spells it.
    public var kind: String
    /// The profile's language: the index is in the language its profiles share, French otherwise.
    public var language: String
    /// The profile's matches per day up to today; nil to draw none.
    public var trend: MatchTrend?

    public init(name: String, kind: String, language: String, trend: MatchTrend? = nil) {
        self.name = name
        self.kind = kind
        self.language = language
        self.trend = trend
    }
}
