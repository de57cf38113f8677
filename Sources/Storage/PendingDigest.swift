/// A digest whose matches are assigned but whose files were not confirmed written.
public struct PendingDigest: Sendable, Equatable {
    /// The profile's id.
    public var profile: String
    /// The period, `YYYY-MM-DD`.
    public var period: String

    public init(profile: String, period: String) {
        self.profile = profile
        self.period = period
    }
}
