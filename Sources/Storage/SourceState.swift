import Foundation
import Model

/// What the store knows about one source: its HTTP validators, its health and when it is due.
public struct SourceState: Sendable, Equatable {
    /// The source's unique name, as in the sources file.
    public var name: String
    /// The URL last declared for it, with its secrets masked (see `URLRedaction`).
    public var url: String
    /// Where the source has moved for good (a chain of 301/308 redirects from its URL), fetched instead of
    /// ``url`` until the configured URL changes; nil while it answers at its configured URL. Stored only
    /// when it carries no secret, so it is both the URL fetched and the URL shown.
    public var effectiveURL: String?
    /// The `ETag` of the last modified response, sent back as `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` of the last modified response, sent back as `If-Modified-Since`.
    public var lastModified: String?
    /// When it was last fetched, whatever the outcome.
    public var lastFetchAt: Date?
    /// When a fetch last succeeded (modified or not modified).
    public var lastSuccessAt: Date?
    /// The outcome of the last fetch: `ok`, `unchanged` or `failed`; nil before the first fetch.
    public var lastStatus: String?
    /// Why the last fetch failed; nil once a fetch succeeds.
    public var lastError: String?
    /// Failures in a row since the last success; drives back-off.
    public var consecutiveFailures: Int
    /// When the scheduler should fetch it next.
    public var nextDueAt: Date
    /// Seconds between fetches the scheduler settled on (see `AdaptiveInterval`); nil before the first
    /// successful fetch.
    public var interval: TimeInterval?
    /// Smoothed new items per day seen at the source; nil until two successful fetches span some time.
    public var itemsPerDay: Double?
    /// True once the source has left the sources file; its items and matches are kept.
    public var retired: Bool

    public init(
        name: String, url: String, effectiveURL: String? = nil, etag: String? = nil, lastModified: String? = nil,
        lastFetchAt: Date? = nil, lastSuccessAt: Date? = nil, lastStatus: String? = nil, lastError: String? = nil,
        consecutiveFailures: Int = 0, nextDueAt: Date, interval: TimeInterval? = nil, itemsPerDay: Double? = nil,
        retired: Bool = false
    ) {
        self.name = name
        self.url = url
        self.effectiveURL = effectiveURL
        self.etag = etag
        self.lastModified = lastModified
        self.lastFetchAt = lastFetchAt
        self.lastSuccessAt = lastSuccessAt
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.consecutiveFailures = consecutiveFailures
        self.nextDueAt = nextDueAt
        self.interval = interval
        self.itemsPerDay = itemsPerDay
        self.retired = retired
    }
}

extension SourceState {
    /// Where a source configured at `configuredURL` is fetched from: its effective URL when it has moved
    /// from that very URL, else `configuredURL`. A stored state that still describes an earlier URL (the
    /// configuration was edited since the store last synced) has no say.
    public func fetchURL(configured configuredURL: String) -> String {
        guard url == URLRedaction.redacted(configuredURL), let effectiveURL else { return configuredURL }
        return effectiveURL
    }
}
