import Foundation

/// One entry read from a feed or a page: the unit that is matched, stored and put in digests.
///
/// Text fields are plain text: markup stripped, entities decoded, whitespace collapsed.
public struct FeedItem: Sendable, Equatable, Hashable, Codable {
    /// The identifier the feed gives (RSS `guid`, Atom `id`, RDF `rdf:about`, JSON Feed `id`), as written.
    public var id: String?
    /// The entry title as plain text.
    public var title: String?
    /// The entry's permalink, resolved to an absolute URL when a base is known.
    public var link: String?
    /// When the entry was first published.
    public var published: Date?
    /// When the entry was last updated; never falls back to `published`.
    public var updated: Date?
    /// The author's display name (and e-mail when that is all there is).
    public var author: String?
    /// The summary or description as plain text.
    public var summaryText: String?
    /// The full content as plain text (`content:encoded`, Atom `content`).
    public var contentText: String?
    /// Category terms in document order.
    public var categories: [String]
    /// Attached files in document order; the store keeps the first http(s) ones (`StoredEnclosures`).
    public var enclosures: [Enclosure]

    public init(
        id: String? = nil, title: String? = nil, link: String? = nil,
        published: Date? = nil, updated: Date? = nil, author: String? = nil,
        summaryText: String? = nil, contentText: String? = nil, categories: [String] = [],
        enclosures: [Enclosure] = []
    ) {
        self.id = id
        self.title = title
        self.link = link
        self.published = published
        self.updated = updated
        self.author = author
        self.summaryText = summaryText
        self.contentText = contentText
        self.categories = categories
        self.enclosures = enclosures
    }

    /// The most relevant date of the entry: published, else updated.
    public var date: Date? { published ?? updated }
}
