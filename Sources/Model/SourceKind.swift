/// What a source is, which decides how it is read and whether robots.txt has a say.
///
/// The one list of source kinds: the sources file, the crawler and the command line all read it, so a new
/// kind is added here and nowhere else.
public enum SourceKind: String, Sendable, CaseIterable, Equatable, Hashable, Codable {
    /// An RSS, RDF or Atom feed: published to be polled, so it is fetched whatever robots.txt says.
    case feed
    /// An HTML page, read for its main text: a crawler visiting a site, so robots.txt is obeyed.
    case page
    /// An HTML page listing news (a prefecture's "Actualités"), each item picked out by XPath selectors
    /// (``ListingSelectors``); robots.txt is obeyed.
    case listing
    /// A `sitemap.xml` or Google News sitemap, or a sitemap index followed one level down; each recent
    /// `<url>` is an item. robots.txt is obeyed, for the index and every child sitemap.
    case sitemap
    /// An HTML page whose announced feed (`<link rel="alternate" type="application/rss+xml">`…) is read
    /// instead: the page is fetched once, obeying robots.txt, and the feed found there is then polled as a feed.
    case discover

    /// Whether sources of this kind ask robots.txt before being fetched (RFC 9309).
    public var isSubjectToRobots: Bool {
        switch self {
        case .feed: false
        case .page, .listing, .sitemap, .discover: true
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
