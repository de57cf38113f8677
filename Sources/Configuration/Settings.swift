import Foundation
import Storage

/// Daemon-wide settings from `veilleur.yaml`; every field has a default, so the file is optional.
public struct Settings: Sendable, Equatable {
    /// The User-Agent header as configured (`user_agent`); requests send ``requestUserAgent``.
    public var userAgent: String
    /// Where the people running this crawler can be reached (`contact`: an http(s) URL or a `mailto:`
    /// address), added to the User-Agent so that a site owner can ask them rather than block them.
    public var contact: String?
    /// The proxy every request goes through (`fetch.proxy`); nil: libcurl's environment variables decide.
    public var proxy: String?
    /// Hour of the day (0–23) digests are produced at, in ``timeZone``.
    public var digestHour: Int
    /// Minute (0–59) digests are produced at.
    public var digestMinute: Int
    /// IANA identifier of the digest time zone, checked to be known to Foundation's `TimeZone`.
    public var timeZone: String
    /// Transfers in flight at once.
    public var concurrency: Int
    /// Connections open to one host at once (`fetch.per_host`).
    public var connectionsPerHost: Int
    /// Shortest time between the starts of two requests to one host (`fetch.min_host_delay`).
    public var minHostDelay: Duration
    /// What `fetch.hosts` sets for some hosts, keyed by lower-case host name.
    public var hosts: [String: HostSettings]
    /// Whole-transfer timeout.
    public var totalTimeout: Duration
    /// Connection timeout.
    public var connectTimeout: Duration
    /// Largest decoded body accepted, in bytes.
    public var maxBodyBytes: Int
    /// Redirects followed before giving up.
    public var maxRedirects: Int
    /// Seconds between fetches of a source that sets no `interval`.
    public var defaultInterval: TimeInterval
    /// Shortest interval the scheduler fetches any source at (`fetch.min_interval`).
    public var minInterval: TimeInterval
    /// Longest interval the scheduler lets a quiet source drift to (`fetch.max_interval`).
    public var maxInterval: TimeInterval
    /// Most items read from one fetched document (`fetch.max_items_per_fetch`); the newest are kept.
    public var maxItemsPerFetch: Int
    /// Most new items one source may add in 24 hours (`fetch.max_new_items_per_day`).
    public var maxNewItemsPerDay: Int
    /// The store (`database`), a relative SQLite path resolved against the configuration folder; nil: the
    /// command line, the environment or the default decide.
    public var database: DatabaseLocation?
    /// How long a daemon keeps what it claims (a source, a digest period) without saying it is alive, and
    /// how long a silent daemon's configuration still counts (`cluster.lease`); see ``defaultLease``.
    public var lease: TimeInterval
    /// Most sources one pass claims (`cluster.pass_size`); nil: ``defaultPassSize(concurrency:)``.
    public var passSize: Int?
    /// Where the daemon's metrics are published (`metrics`).
    public var metrics = MetricsSettings()
    /// How long stored items are kept (`retention`).
    public var retention: Retention
    /// The command run for each immediate alert (`alerts`); nil: alerts are files only.
    public var alertCommand: AlertCommandSettings?
    /// The server digests are e-mailed through (`smtp`); nil: no profile may ask for e-mail.
    public var smtp: SMTPSettings?

    /// Ten minutes. A daemon renews its leases every third of the lease while it works, so the length is
    /// what a killed daemon costs: its sources wait at most this long before another daemon takes them.
    /// Ten minutes is short beside the intervals sources are read at (5 minutes to a day), and long
    /// enough that one missed renewal (a slow database) never hands a source out twice: the slowest
    /// transfer the default fetch limits allow (10 s to connect, 60 s in all, after as long for the site's
    /// robots.txt) ends well within a third of it.
    public static let defaultLease: TimeInterval = 600

    /// Sixteen transfers per transfer slot: enough sources of distinct hosts to keep every slot busy while
    /// per-host delays hold some back, and few enough that when several daemons start together, each
    /// takes a share instead of the first one taking every due source.
    public static func defaultPassSize(concurrency: Int) -> Int {
        max(1, concurrency) * 16
    }

    /// The most sources one pass claims: ``passSize`` or its default.
    public var claimLimit: Int {
        passSize ?? Self.defaultPassSize(concurrency: concurrency)
    }

    /// The User-Agent used when the settings file sets none.
    public static let defaultUserAgent = "veilleur/0.1 (+https://github.com/veilleur/veilleur)"

    /// The User-Agent sent: ``userAgent``, followed by ` (+CONTACT)` when a ``contact`` is set.
    public var requestUserAgent: String {
        contact.map { "\(userAgent) (+\($0))" } ?? userAgent
    }

    /// Creates settings; the defaults are those of an absent `veilleur.yaml`.
    public init(
        userAgent: String = Settings.defaultUserAgent, digestHour: Int = 7, digestMinute: Int = 0,
        timeZone: String = "Europe/Paris", concurrency: Int = 16, totalTimeout: Duration = .seconds(60),
        connectTimeout: Duration = .seconds(10), maxBodyBytes: Int = 16_777_216, maxRedirects: Int = 5,
        defaultInterval: TimeInterval = 3600, connectionsPerHost: Int = 2, maxItemsPerFetch: Int = 1000,
        maxNewItemsPerDay: Int = 2000, minInterval: TimeInterval = 300, maxInterval: TimeInterval = 86_400,
        contact: String? = nil, proxy: String? = nil,
        minHostDelay: Duration = .seconds(1), hosts: [String: HostSettings] = [:], database: DatabaseLocation? = nil,
        lease: TimeInterval = Settings.defaultLease, passSize: Int? = nil, retention: Retention = Retention(),
        alertCommand: AlertCommandSettings? = nil, smtp: SMTPSettings? = nil
    ) {
        self.userAgent = userAgent
        self.contact = contact
        self.proxy = proxy
        self.digestHour = digestHour
        self.digestMinute = digestMinute
        self.timeZone = timeZone
        self.concurrency = concurrency
        self.totalTimeout = totalTimeout
        self.connectTimeout = connectTimeout
        self.maxBodyBytes = maxBodyBytes
        self.maxRedirects = maxRedirects
        self.defaultInterval = defaultInterval
        self.connectionsPerHost = connectionsPerHost
        self.maxItemsPerFetch = maxItemsPerFetch
        self.maxNewItemsPerDay = maxNewItemsPerDay
        self.minInterval = minInterval
        self.maxInterval = maxInterval
        self.minHostDelay = minHostDelay
        self.database = database
        self.hosts = hosts
        self.lease = lease
        self.passSize = passSize
        self.retention = retention
        self.alertCommand = alertCommand
        self.smtp = smtp
    }
}
