/// A file attached to an entry (a podcast's audio, a report's PDF): RSS `enclosure`, Atom
/// `link rel="enclosure"`, Media RSS `media:content`, JSON Feed `attachments`.
public struct Enclosure: Sendable, Equatable, Hashable, Codable {
    /// Where the file is, resolved to an absolute URL when a base is known.
    public var url: String
    /// Its media type as the feed gives it (`audio/mpeg`, `application/pdf`).
    public var type: String?
    /// Its size in bytes as the feed gives it; nil when absent or not a number.
    public var length: Int?

    public init(url: String, type: String? = nil, length: Int? = nil) {
        self.url = url
        self.type = type
        self.length = length
    }
}
