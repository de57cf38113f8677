/// What `fetch.hosts` in `veilleur.yaml` sets for one host; a nil field keeps the global setting.
public struct HostSettings: Sendable, Equatable {
    /// Shortest time between the starts of two requests to the host (`min_delay`).
    public var minDelay: Duration?
    /// Connections open to the host at once (`per_host`).
    public var connections: Int?

    /// Creates the settings of one host.
    public init(minDelay: Duration? = nil, connections: Int? = nil) {
        self.minDelay = minDelay
        self.connections = connections
    }
}
