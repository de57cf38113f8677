/// What one host's configuration replaces of the fetcher's per-host defaults (``FetchLimits/hostRules``).
public struct HostRule: Sendable, Equatable {
    /// Shortest time between the starts of two requests to the host; nil: ``FetchLimits/minHostDelay``.
    public var minDelay: Duration?
    /// Most transfers running at once to the host; nil: ``FetchLimits/maxConnectionsPerHost``.
    public var maxConnections: Int?

    /// Creates a rule; a nil field keeps the default.
    public init(minDelay: Duration? = nil, maxConnections: Int? = nil) {
        self.minDelay = minDelay
        self.maxConnections = maxConnections
    }
}

/// The limit and delay the ``HostQueue`` applies to one host.
struct HostPoliteness: Equatable {
    /// Most transfers running at once to the host; below 1 counts as 1.
    var maxConnections: Int
    /// Shortest time between the starts of two requests to the host.
    var minDelay: Duration
}
