/// The XPath 1.0 expressions that read a listing page (`kind: listing`, `select:` in `sources.yaml`).
///
/// `items` is evaluated on the whole page and must select elements; the others are evaluated relative
/// to each of them (`.//h2`, `.//a/@href`) and may select nodes, whose text is taken, or compute a string
/// (`normalize-space(.//h2)`).
public struct ListingSelectors: Sendable, Equatable, Hashable, Codable {
    /// Selects one element per news item.
    public var items: String
    /// The item's title.
    public var title: String
    /// The item's link, resolved against the page URL; it also identifies the item.
    public var link: String
    /// The item's publication date, read by the feed date parser; optional.
    public var date: String?
    /// The item's summary; optional.
    public var summary: String?

    public init(items: String, title: String, link: String, date: String? = nil, summary: String? = nil) {
        self.items = items
        self.title = title
        self.link = link
        self.date = date
        self.summary = summary
    }
}
