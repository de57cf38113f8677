/// Why a message was not accepted: which server, for whom, and what it or libcurl said.
public struct SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server's URL (``SMTPServer/url``), never with credentials.
    public let server: String
    /// The recipients of the attempt.
    public let recipients: [String]
    /// libcurl's result code (`CURLE_…`); 0 when the message never reached libcurl.
    public let curlCode: Int
    /// The server's last reply code (`550`…), 0 when it gave none (a connection refused, a timeout).
    public let replyCode: Int
    /// libcurl's message, or why the transfer could not start.
    public let message: String

    public init(server: String, recipients: [String], curlCode: Int, replyCode: Int, message: String) {
        self.server = server
        self.recipients = recipients
        self.curlCode = curlCode
        self.replyCode = replyCode
        self.message = message
    }

    /// Whether the server refused for good (a 5xx reply) rather than for now; retried all the same, fewer times.
    public var isPermanent: Bool { (500..<600).contains(replyCode) }

    public var description: String {
        let reply = replyCode == 0 ? "" : " (reply \(replyCode))"
        return "\(server): \(message)\(reply)"
    }
}
