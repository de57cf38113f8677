/// A format every digest is written in: the one list that the writer, the directory listing, the `latest/`
/// copies and the index read, so that adding a format means adding a case here.
///
/// The cases are in the order the files are written; ``indexOrder`` is the order the index links them in.
public enum DigestFormat: String, CaseIterable, Sendable, Hashable {
    case markdown = "md"
    case json
    case html

    /// The file name's extension: `PROFILE.md`.
    public var fileExtension: String { rawValue }

    /// The link text in the index.
    public var displayName: String {
        switch self {
        case .markdown: "Markdown"
        case .json: "JSON"
        case .html: "HTML"
        }
    }

    /// The media type of the file, with its charset.
    public var mediaType: String {
        switch self {
        case .markdown: "text/markdown; charset=utf-8"
        case .json: "application/json"
        case .html: "text/html; charset=utf-8"
        }
    }

    /// The file name of `profile`'s digest in this format.
    func fileName(of profile: String) -> String {
        profile + "." + fileExtension
    }

    /// The digest's file in this format.
    /// - Throws: when the JSON encoder fails, which it does not for values veilleur builds.
    public func render(_ digest: Digest) throws -> [UInt8] {
        switch self {
        case .markdown: Array(MarkdownDigest.render(digest).utf8)
        case .json: try JSONDigest.render(digest)
        case .html: Array(HTMLDigest.render(digest).utf8)
        }
    }

    /// The order of a profile's links in the index: the page people read first.
    public static let indexOrder: [DigestFormat] = [.html, .markdown, .json]
}
