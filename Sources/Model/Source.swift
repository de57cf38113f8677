import Foundation

/// A place veilleur reads: a feed, a page, a listing, a sitemap (see ``SourceKind``), as declared in the sources file.
public struct Source: Sendable, Equatable, Hashable, Codable {
    /// Unique, stable identifier used in the database, logs and profiles (`source_weights`).
    public var name: String
    /// Where to fetch it; http or https.
    public var url: String
    /// Free labels that profiles can select sources by.
    public var tags: [String]
    /// Seconds between the first fetches; the scheduler then adapts it to the source's publishing rate.
    public var interval: TimeInterval
    /// Shortest interval for this source (`min_interval`), replacing `fetch.min_interval`; nil: the global one.
    public var minInterval: TimeInterval?
    /// Longest interval for this source (`max_interval`), replacing `fetch.max_interval`; nil: the global one.
    public var maxInterval: TimeInterval?
    /// Extra HTTP headers sent with every request to this source.
    public var headers: [String: String]
    /// A feed or a page (`kind`, default feed).
    public var kind: SourceKind
    /// What a source of a kind subject to robots.txt does with it (`robots`, default obey); feeds are
    /// fetched whatever robots.txt says, so for them it is `.obey` and has no effect.
    public var robots: RobotsPolicy
    /// How a listing page is read (`select`); set for `kind: listing` only.
    public var selectors: ListingSelectors?
    /// For a sitemap (`window`), how far back an entry's date may be to be read; older entries are skipped.
    public var window: TimeInterval

    /// A sitemap entry older than this many seconds is not read, unless the source sets `window`.
    public static let defaultSitemapWindow: TimeInterval = 7 * 86_400

    public init(
        name: String, url: String, tags: [String] = [], interval: TimeInterval = 3600, headers: [String: String] = [:],
        minInterval: TimeInterval? = nil, maxInterval: TimeInterval? = nil, kind: SourceKind = .feed,
        robots: RobotsPolicy = .obey, selectors: ListingSelectors? = nil, window: TimeInterval = Source.defaultSitemapWindow
    ) {
        self.name = name
        self.url = url
        self.tags = tags
        self.interval = interval
        self.headers = headers
        self.minInterval = minInterval
        self.maxInterval = maxInterval
        self.kind = kind
        self.robots = robots
        self.selectors = selectors
        self.window = window
    }

    /// Whether robots.txt must allow this source's URL before it is fetched.
    public var obeysRobots: Bool {
        kind.isSubjectToRobots && robots == .obey
    }

    /// Whether this source is of a kind robots.txt applies to but is configured to ignore it.
    public var ignoresRobots: Bool {
        kind.isSubjectToRobots && robots == .ignore
    }
}
