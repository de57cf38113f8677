import Foundation
import Model

/// One item of a digest, as shown to the reader.
///
/// Text comes from feeds and is untrusted: renderers sanitise it, this type keeps it as received.
public struct DigestEntry: Sendable, Equatable, Codable {
    /// The item's title.
    public var title: String
    /// The item's link; rendered as a link only when it is http or https.
    public var link: String?
    /// The name of the source it came from.
    public var source: String
    /// When it was published (or updated, when that is all the feed said).
    public var published: Date?
    /// The match score for the digest's profile.
    public var score: Double
    /// Topics that contributed, strongest first.
    public var topics: [String]
    /// Profile terms found in the item, strongest first.
    public var terms: [String]
    /// The item's summary or content, as plain text; each format cuts it to ``snippetLimit``.
    public var snippet: String?
    /// The words the match found in the snippet's text, as the item writes them: what the HTML digest marks.
    public var highlights: [String]
    /// The other copies of the story, from other sources or under other links, by source.
    public var alsoPublishedBy: [PublishedCopy]
    /// The files attached to the item (a podcast's audio, a report's PDF), as stored.
    public var enclosures: [Enclosure]
    /// Characters of a snippet shown in any format before it is cut at a word boundary.
    public static let snippetLimit = 280

    public init(
        title: String, link: String? = nil, source: String, published: Date? = nil, score: Double,
        topics: [String] = [], terms: [String] = [], snippet: String? = nil, highlights: [String] = [],
        alsoPublishedBy: [PublishedCopy] = [], enclosures: [Enclosure] = []
    ) {
        self.title = title
        self.link = link
        self.source = source
        self.published = published
        self.score = score
        self.topics = topics
        self.terms = terms
        self.snippet = snippet
        self.highlights = highlights
        self.alsoPublishedBy = alsoPublishedBy
        self.enclosures = enclosures
    }
}
