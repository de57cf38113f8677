/// Another source's copy of a digest entry's story (the same release republished), listed under the
/// entry as "aussi publié par" rather than as an entry of its own.
public struct PublishedCopy: Sendable, Equatable, Codable {
    /// The name of the source that published the copy.
    public var source: String
    /// The copy's link; rendered as a link only when it is http or https.
    public var link: String?

    public init(source: String, link: String? = nil) {
        self.source = source
        self.link = link
    }
}
