/// The profiles whose digest of a period could not be written; the others were.
public struct DigestJobError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One profile that failed, and why.
    public struct Failure: Sendable, Equatable {
        /// The profile's id.
        public var profile: String
        /// The underlying error, described.
        public var reason: String
    }

    /// The period being written.
    public var period: String
    /// Every profile that failed, in configuration order.
    public var failures: [Failure]

    public var description: String {
        "digests of \(period) not written for " + failures.map { "\($0.profile) (\($0.reason))" }.joined(separator: ", ")
    }
}
