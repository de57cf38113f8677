/// Where and how digests are sent: the `smtp:` settings once resolved (the password read from its file or
/// variable).
public struct SMTPServer: Sendable, Equatable {
    /// How the connection is protected.
    public enum Security: String, Sendable, Equatable, CaseIterable {
        /// Plain connection upgraded with STARTTLS, which must succeed (port 587).
        case startTLS = "starttls"
        /// TLS from the first byte (`smtps`, port 465).
        case implicitTLS = "implicit"
        /// No TLS at all: accepted by the configuration for a loopback host only.
        case none

        /// The port used when none is set.
        public var defaultPort: Int {
            switch self {
            case .startTLS: 587
            case .implicitTLS: 465
            case .none: 25
            }
        }
    }

    /// Host name or IP address.
    public var host: String
    /// TCP port.
    public var port: Int
    /// How the connection is protected.
    public var security: Security
    /// The account to log in with, if the server wants one.
    public var user: String?
    /// Its password; never logged.
    public var password: String?
    /// Time allowed to connect.
    public var connectTimeout: Duration
    /// Time allowed for one whole message, connection included.
    public var timeout: Duration

    public init(
        host: String, port: Int? = nil, security: Security, user: String? = nil, password: String? = nil,
        connectTimeout: Duration = .seconds(10), timeout: Duration = .seconds(60)
    ) {
        self.host = host
        self.port = port ?? security.defaultPort
        self.security = security
        self.user = user
        self.password = password
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// `smtp://host:port` or `smtps://host:port`, an IPv6 address in brackets.
    public var url: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        let name = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(name):\(port)"
    }

    /// Whether `host` names this machine: the only hosts a connection without TLS may go to.
    public static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered == "::1" || lowered == "[::1]" { return true }
        let octets = lowered.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
