import Foundation

/// A place veilleur reads: a feed or a page, as declared in the sources file.
public struct Source: Sendable, Equatable, Hashable, Codable {
    /// Unique, stable identifier used in the database, logs and profiles (`source_weights`).
    public var name: String
    /// Where to fetch it; http or https.
    public var url: String
    /// Free labels that profiles can select sources by.
    public var tags: [String]
    /// Seconds between two fetches when all goes well.
    public var interval: TimeInterval
    /// Extra HTTP headers sent with every request to this source.
    public var headers: [String: String]

    public init(name: String, url: String, tags: [String] = [], interval: TimeInterval = 3600, headers: [String: String] = [:]) {
        self.name = name
        self.url = url
        self.tags = tags
        self.interval = interval
        self.headers = headers
    }
}
