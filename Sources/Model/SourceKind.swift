/// What a source is, which decides how it is read and whether robots.txt has a say.
///
/// The one list of source kinds: the sources file, the crawler and the command line all read it, so a new
/// kind (a sitemap, a page read with selectors) is added here and nowhere else.
public enum SourceKind: String, Sendable, CaseIterable, Equatable, Hashable, Codable {
    /// An RSS, RDF or Atom feed: published to be polled, so it is fetched whatever robots.txt says.
    case feed
    /// An HTML page, read for its main text: a crawler visiting a site, so robots.txt is obeyed.
    case page

    /// Whether sources of this kind ask robots.txt before being fetched (RFC 9309).
    public var isSubjectToRobots: Bool {
        switch self {
        case .feed: false
        case .page: true
        }
    }
}

/// Whether a source that robots.txt applies to obeys it.
public enum RobotsPolicy: String, Sendable, CaseIterable, Equatable, Hashable, Codable {
    /// Fetched only when the site's robots.txt allows it: the default.
    case obey
    /// Fetched whatever robots.txt says; logged as a warning at each configuration load.
    case ignore
}
