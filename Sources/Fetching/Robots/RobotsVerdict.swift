/// What robots.txt says about fetching one URL.
public enum RobotsVerdict: Sendable, Equatable {
    /// The URL may be fetched.
    case allowed
    /// The URL must not be fetched; `reason` says why, for the source's stored error and the logs. It
    /// starts with ``RobotsVerdict/refusalPrefix``.
    case disallowed(reason: String)
    /// Nothing is known: the request for robots.txt was cancelled (a stop is under way).
    case unknown

    /// How every refusal begins, so that a person or a script can tell it from a server's failure.
    public static let refusalPrefix = "disallowed by robots.txt"
}
