/// Why a document could not be read at all: nothing usable came out of it.
///
/// A document that libxml2 recovers from is not an error; this is raised only when no feed and no page could be built.
public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The document's URL, when the caller gave one.
    public var url: String?
    /// The 1-based line of the first error libxml2 reported, when known.
    public var line: Int?
    /// The 1-based column of the first error libxml2 reported, when known.
    public var column: Int?
    /// What went wrong, in libxml2's words or ours.
    public var message: String

    /// Creates an error; `message` should read as one line.
    public init(url: String? = nil, line: Int? = nil, column: Int? = nil, message: String) {
        self.url = url
        self.line = line
        self.column = column
        self.message = message
    }

    /// `URL:line:col: message`, leaving out the parts that are unknown.
    public var description: String {
        var location = url ?? "<document>"
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(message)"
    }
}
