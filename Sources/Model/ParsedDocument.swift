/// What the parser made of one fetched document: a feed with its items, or an HTML page read as one item.
public struct ParsedDocument: Sendable, Equatable {
    /// The format the parser recognised.
    public enum Format: String, Sendable, Equatable, Codable {
        case rss = "rss"
        case rdf = "rdf"
        case atom = "atom"
        /// JSON Feed 1.0 or 1.1.
        case jsonFeed = "json"
        case html = "html"
        /// An HTML page read with listing selectors: one item per selected element.
        case listing = "listing"
        /// A sitemap's `<url>` entries.
        case sitemap = "sitemap"
    }

    /// The format the parser recognised.
    public var format: Format
    /// The feed's or page's title.
    public var title: String?
    /// The site's home link.
    public var link: String?
    /// The declared language (`language`, `xml:lang`, `<html lang>`).
    public var language: String?
    /// The entries, in document order. An HTML page yields one item: the page itself.
    public var items: [FeedItem]
    /// Feeds announced by an HTML page through `<link rel="alternate">`, as absolute URLs.
    public var discoveredFeeds: [String]
    /// Set when the parser stopped before the end of the document: `items` are only those before that point.
    public var truncation: Truncation?

    public init(
        format: Format, title: String? = nil, link: String? = nil, language: String? = nil,
        items: [FeedItem] = [], discoveredFeeds: [String] = [], truncation: Truncation? = nil
    ) {
        self.format = format
        self.title = title
        self.link = link
        self.language = language
        self.items = items
        self.discoveredFeeds = discoveredFeeds
        self.truncation = truncation
    }

    /// Where and why the parser stopped reading a document before its end.
    public struct Truncation: Sendable, Equatable, CustomStringConvertible {
        /// The 1-based line where reading stopped.
        public var line: Int
        /// The 1-based column where reading stopped.
        public var column: Int
        /// Why, in the parser's words when it gave any.
        public var reason: String
        /// True when the bytes themselves stop mid-document (every byte was read, elements were still open),
        /// as when a transfer is cut short: unlike a document that stops on a fault of its own, asking for it
        /// again may bring it whole.
        public var endsMidDocument: Bool

        public init(line: Int, column: Int, reason: String, endsMidDocument: Bool = false) {
            self.line = line
            self.column = column
            self.reason = reason
            self.endsMidDocument = endsMidDocument
        }

        /// `line:col: reason`.
        public var description: String { "\(line):\(column): \(reason)" }
    }
}
