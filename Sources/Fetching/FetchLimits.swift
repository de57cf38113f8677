/// Bounds and identity applied to every transfer of an ``HTTPFetcher``.
public struct FetchLimits: Sendable, Equatable {
    /// Sent as `User-Agent`.
    public var userAgent: String
    /// Longest wait for the TCP (and TLS) connection to be established.
    public var connectTimeout: Duration
    /// Longest time for a whole transfer, redirects included, measured from when it starts: time spent
    /// waiting for a slot (``maxConcurrent``, ``maxConnectionsPerHost``) does not count, and a request
    /// never fails for having waited.
    public var totalTimeout: Duration
    /// A transfer slower than this many bytes per second during ``lowSpeedTime`` is aborted as a timeout.
    public var lowSpeedBytesPerSecond: Int
    /// How long a transfer may stay below ``lowSpeedBytesPerSecond``.
    public var lowSpeedTime: Duration
    /// Largest body accepted, counted after content decoding (so a gzip bomb is cut short too).
    public var maxBodyBytes: Int
    /// Most redirects followed before failing with ``FetchError/Kind/tooManyRedirects``.
    public var maxRedirects: Int
    /// Most transfers in flight at once; further requests wait their turn.
    public var maxConcurrent: Int
    /// Most transfers running at once to one host (scheme, host and port of the requested URL), so that
    /// a crawl never hammers a server that carries many sources. Further requests to that host wait in
    /// the fetcher's queue, without holding back requests to other hosts, and their clocks start only when
    /// they do. A redirect to another host is not counted against that host.
    public var maxConnectionsPerHost: Int
    /// The proxy every transfer goes through (`http://`, `https://`, `socks5://` or `socks5h://`, with
    /// `user:password@` if it needs them); nil leaves the choice to libcurl's environment variables
    /// (`http_proxy`, `https_proxy`, `all_proxy`, `no_proxy`).
    public var proxy: String?
    /// Shortest time between the starts of two requests to one host (as counted by
    /// ``maxConnectionsPerHost``); a host waiting out its delay holds back no other host.
    public var minHostDelay: Duration
    /// Rules replacing ``maxConnectionsPerHost`` or ``minHostDelay`` for some hosts, keyed by lower-case
    /// host name (every scheme and port of that name).
    public var hostRules: [String: HostRule]

    /// Creates limits; the defaults suit polite feed crawling.
    public init(
        userAgent: String = "veilleur/0.1 (+https://github.com/veilleur/veilleur)",
        connectTimeout: Duration = .seconds(10),
        totalTimeout: Duration = .seconds(60),
        lowSpeedBytesPerSecond: Int = 100,
        lowSpeedTime: Duration = .seconds(30),
        maxBodyBytes: Int = 16 * 1024 * 1024,
        maxRedirects: Int = 5,
        maxConcurrent: Int = 16,
        maxConnectionsPerHost: Int = 2,
        proxy: String? = nil,
        minHostDelay: Duration = .seconds(1),
        hostRules: [String: HostRule] = [:]
    ) {
        self.userAgent = userAgent
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.lowSpeedBytesPerSecond = lowSpeedBytesPerSecond
        self.lowSpeedTime = lowSpeedTime
        self.maxBodyBytes = maxBodyBytes
        self.maxRedirects = maxRedirects
        self.maxConcurrent = maxConcurrent
        self.maxConnectionsPerHost = maxConnectionsPerHost
        self.proxy = proxy
        self.minHostDelay = minHostDelay
        self.hostRules = Dictionary(hostRules.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// The limit and delay that apply to `host`.
    func politeness(for host: HostKey) -> HostPoliteness {
        let rule = hostRules[host.host]
        return HostPoliteness(
            maxConnections: rule?.maxConnections ?? maxConnectionsPerHost, minDelay: rule?.minDelay ?? minHostDelay)
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so that a short positive duration never becomes "no limit" (0) for libcurl.
    var roundedUpMilliseconds: Int {
        let (seconds, attoseconds) = components
        let millis = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        let remainder = attoseconds % 1_000_000_000_000_000
        return Int(millis) + (remainder > 0 ? 1 : 0)
    }
}
