/// A request as received by ``LoopbackServer``: the request line and the headers; bodies are not read.
public struct HTTPRequest: Sendable, Equatable {
    /// The method token, as sent (`GET`, `HEAD`…).
    public var method: String
    /// The request target, as sent (path and query, e.g. `/feed.xml?x=1`).
    public var path: String
    /// Header fields keyed by lower-cased name; a repeated field keeps its values joined by `, `.
    public var headers: [String: String]

    /// Creates a request from its parts; header names are lower-cased.
    public init(method: String, path: String, headers: [String: String] = [:]) {
        self.method = method
        self.path = path
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { "\($0), \($1)" })
    }
}
