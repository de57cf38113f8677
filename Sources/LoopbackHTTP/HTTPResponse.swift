/// What ``LoopbackServer`` sends back for one request.
public struct HTTPResponse: Sendable {
    /// How the end of the body is signalled to the client.
    public enum Framing: Sendable, Equatable {
        /// A `Content-Length` header carrying the body size.
        case contentLength
        /// `Transfer-Encoding: chunked`, so the client cannot know the size in advance.
        case chunked
        /// Neither: the body ends when the server closes the connection.
        case untilClose
    }

    /// The status code.
    public var status: Int
    /// Header fields in sending order; framing headers and `Connection: close` (when the server closes the
    /// connection after it) are added by the server.
    public var headers: HTTPHeaderFields
    /// The body bytes, sent as they are (already encoded if a `Content-Encoding` header says so).
    public var body: [UInt8]
    /// How the body is delimited on the wire.
    public var framing: Framing

    /// Creates a response from its parts.
    public init(status: Int, headers: HTTPHeaderFields = [:], body: [UInt8] = [], framing: Framing = .contentLength) {
        self.status = status
        self.headers = headers
        self.body = body
        self.framing = framing
    }

    /// A UTF-8 text response.
    public static func text(_ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8") -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: Array(text.utf8))
    }

    /// A redirect to `location` (absolute or relative, sent unchanged).
    public static func redirect(to location: String, status: Int = 302) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Location": location])
    }

    /// The bytes of the whole response as they go on the wire; `closing` says the connection ends after it.
    func serialized(closing: Bool = true) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(Self.reason(for: status))\r\n"
        for field in headers.fields {
            head += "\(field.name): \(field.value)\r\n"
        }
        switch framing {
        case .contentLength: head += "Content-Length: \(body.count)\r\n"
        case .chunked: head += "Transfer-Encoding: chunked\r\n"
        case .untilClose: break
        }
        head += closing ? "Connection: close\r\n\r\n" : "\r\n"
        var bytes = Array(head.utf8)
        if framing == .chunked {
            bytes += Self.chunked(body)
        } else {
            bytes += body
        }
        return bytes
    }

    private static func chunked(_ body: [UInt8]) -> [UInt8] {
        let chunkSize = 16 * 1024
        var out: [UInt8] = []
        out.reserveCapacity(body.count + body.count / chunkSize * 8 + 16)
        var start = 0
        while start < body.count {
            let end = min(start + chunkSize, body.count)
            out += Array(String(end - start, radix: 16).utf8) + [13, 10]
            out += body[start..<end]
            out += [13, 10]
            start = end
        }
        out += Array("0\r\n\r\n".utf8)
        return out
    }

    private static func reason(for status: Int) -> String {
        switch status {
        case 200: "OK"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}
