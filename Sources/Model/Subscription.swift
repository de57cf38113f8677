/// A feed as a reader application lists it in an OPML export: what `veilleur sources import` turns into
/// a ``Source``.
public struct Subscription: Sendable, Equatable, Hashable {
    /// The title the reader shows (`title`, else `text`); may be empty.
    public var title: String
    /// The feed's URL (`xmlUrl`), as written: not yet checked.
    public var feedURL: String
    /// The site's URL (`htmlUrl`), when given.
    public var siteURL: String?
    /// The titles of the folder outlines around it, outermost first.
    public var folders: [String]
    /// The entries of its OPML 2.0 `category` attribute, each a path such as `/Tech/Linux` or a word.
    public var categories: [String]
    /// The 1-based line of its outline in the file, for messages.
    public var line: Int

    /// Creates a subscription from the attributes of its outline.
    public init(title: String, feedURL: String, siteURL: String? = nil, folders: [String] = [], categories: [String] = [], line: Int = 0) {
        self.title = title
        self.feedURL = feedURL
        self.siteURL = siteURL
        self.folders = folders
        self.categories = categories
        self.line = line
    }
}
