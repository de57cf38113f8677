import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Model
import PostgresNIO

/// Where a PostgreSQL database is, read from a URL
/// `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=disable|prefer|require]` (`postgres://` too).
///
/// User, password and database name may be percent-encoded; a password absent from the URL is taken from
/// `PGPASSWORD`. The password is never shown: ``description`` masks it, and so does every error of the store.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// Whether the connection is encrypted.
    public enum TLSMode: String, Sendable, CaseIterable {
        /// Never: for a server on the same host or a trusted network.
        case disable
        /// When the server offers it, without checking its certificate (libpq's default): protects from
        /// eavesdropping, not from an impostor.
        case prefer
        /// Always, with the server's certificate checked against the system's trusted roots and the host
        /// name (libpq's `verify-full`): the connection fails rather than run in clear or to an impostor.
        case require
    }

    /// The role to log in as.
    public var user: String
    /// Its password, when the server asks for one.
    public var password: String?
    /// The server's host name or IP address (an IPv6 address without its brackets).
    public var host: String
    /// The server's TCP port.
    public var port: Int
    /// The database's name.
    public var database: String
    /// Whether the connection is encrypted.
    public var tls: TLSMode

    /// The longest database or role name PostgreSQL keeps (`NAMEDATALEN - 1` bytes); it truncates longer
    /// ones silently, which would open another database than the one named.
    static let longestName = 63

    public init(user: String, password: String? = nil, host: String, port: Int = 5432, database: String, tls: TLSMode = .prefer) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.tls = tls
    }

    /// Reads `url`; `environment` supplies `PGPASSWORD` when the URL holds no password.
    ///
    /// - Throws: `StorageError` naming what is wrong, with the URL's password masked.
    public init(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StorageError) {
        func refuse(_ why: String) -> StorageError {
            StorageError.postgres(
                "read database URL", kind: .other, message: "\(why); expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=disable|prefer|require]",
                database: Self.masked(url))
        }
        guard !url.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " }) else {
            throw refuse("the URL holds spaces or control characters")
        }
        guard let schemeEnd = url.range(of: "://") else { throw refuse("not a URL") }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgresql" || scheme == "postgres" else { throw refuse("scheme '\(scheme.prefix(20))' is not postgresql") }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else {
            if rest[authorityEnd...].contains("@") { throw refuse("the user or password holds '/', '?' or '#': percent-encode them") }
            throw refuse("no user: name one before the host, as USER@HOST")
        }
        let userInfo = authority[..<at]
        let hostPort = authority[authority.index(after: at)...]

        let rawUser: Substring, rawPassword: Substring?
        if let colon = userInfo.firstIndex(of: ":") {
            (rawUser, rawPassword) = (userInfo[..<colon], userInfo[userInfo.index(after: colon)...])
        } else {
            (rawUser, rawPassword) = (userInfo, nil)
        }
        guard let user = Self.decoded(rawUser), !user.isEmpty else { throw refuse("the user name is empty or badly percent-encoded") }
        guard user.utf8.count <= Self.longestName else { throw refuse("the user name is longer than \(Self.longestName) bytes") }
        var password: String?
        if let rawPassword {
            guard let decoded = Self.decoded(rawPassword) else { throw refuse("the password is badly percent-encoded") }
            password = decoded
        }
        if password == nil || password?.isEmpty == true, let fromEnvironment = environment["PGPASSWORD"], !fromEnvironment.isEmpty {
            password = fromEnvironment
        }

        let (host, port) = try Self.hostAndPort(hostPort, refuse: refuse)

        var path = rest[authorityEnd...]
        if let fragment = path.firstIndex(of: "#") {
            guard path[fragment...].count == 1 else { throw refuse("a database URL has no fragment (#…)") }
            path = path[..<fragment]
        }
        let query: Substring?
        if let question = path.firstIndex(of: "?") {
            query = path[path.index(after: question)...]
            path = path[..<question]
        } else {
            query = nil
        }
        guard path.first == "/", let database = Self.decoded(path.dropFirst()), !database.isEmpty else {
            throw refuse("no database name, or a badly percent-encoded one: end the URL with /DB")
        }
        guard !path.dropFirst().contains("/") else { throw refuse("the path '\(path.prefix(60))' is not one database name") }
        guard database.utf8.count <= Self.longestName else { throw refuse("the database name is longer than \(Self.longestName) bytes") }
        guard !database.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw refuse("the database name holds control characters")
        }

        var tls = TLSMode.prefer
        for parameter in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, pair[0] == "sslmode" else {
                throw refuse("unknown parameter '\(pair[0].prefix(60))': only sslmode is understood")
            }
            guard let mode = TLSMode(rawValue: String(pair[1])) else {
                throw refuse("sslmode '\(pair[1].prefix(20))' is not one of disable, prefer, require")
            }
            tls = mode
        }
        self.init(user: user, password: password, host: host, port: port, database: database, tls: tls)
    }

    /// The URL with its password masked: what logs and errors show.
    public var description: String {
        let hostText = host.contains(":") ? "[\(host)]" : host
        let credentials = Self.encoded(user) + (password == nil ? "" : ":" + URLRedaction.mask)
        return "postgresql://\(credentials)@\(hostText):\(port)/\(Self.encoded(database))?sslmode=\(tls.rawValue)"
    }

    /// The client configuration for this location.
    var clientConfiguration: PostgresClient.Configuration {
        PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: clientTLS)
    }

    /// The configuration of one connection outside the pool, for migrations.
    func connectionConfiguration() throws(StorageError) -> PostgresConnection.Configuration {
        PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: try connectionTLS())
    }

    private var clientTLS: PostgresClient.Configuration.TLS {
        switch tls {
        case .disable: .disable
        case .prefer: .prefer(Self.opportunistic)
        case .require: .require(.makeClientConfiguration())
        }
    }

    private func connectionTLS() throws(StorageError) -> PostgresConnection.Configuration.TLS {
        do {
            switch tls {
            case .disable: return .disable
            case .prefer: return .prefer(try NIOSSLContext(configuration: Self.opportunistic))
            case .require: return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw StorageError.postgres("open", kind: .unavailable, message: "cannot set up TLS: \(error)", database: description)
        }
    }

    private static var opportunistic: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        return configuration
    }

    /// Host and port of `text`: a name, an IPv4 address or a bracketed IPv6 address, then `:PORT` or nothing.
    private static func hostAndPort(
        _ text: Substring, refuse: (String) -> StorageError
    ) throws(StorageError) -> (String, Int) {
        let host: Substring, portText: Substring?
        if text.first == "[" {
            guard let close = text.firstIndex(of: "]") else { throw refuse("the IPv6 address lacks its closing ]") }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            guard after.isEmpty || after.first == ":" else { throw refuse("unexpected text after the IPv6 address") }
            portText = after.isEmpty ? nil : after.dropFirst()
            var address = in6_addr()
            guard host.count <= 45, inet_pton(AF_INET6, String(host), &address) == 1 else {
                throw refuse("'\(host.prefix(60))' is not an IPv6 address")
            }
        } else {
            if let colon = text.firstIndex(of: ":") {
                (host, portText) = (text[..<colon], text[text.index(after: colon)...])
            } else {
                (host, portText) = (text, nil)
            }
            let labels = host.split(separator: ".", omittingEmptySubsequences: false)
            let validLabel = { (label: Substring) in
                (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
            guard !host.isEmpty else { throw refuse("no host") }
            guard host.count <= 253, labels.allSatisfy(validLabel) else {
                throw refuse("'\(host.prefix(60))' is not a host name or IP address")
            }
        }
        var port = 5432
        if let portText {
            guard let number = Int(portText), portText.allSatisfy(\.isASCII), (1...65_535).contains(number) else {
                throw refuse("port '\(portText.prefix(10))' is not a number from 1 to 65535")
            }
            port = number
        }
        return (String(host), port)
    }

    /// `text` percent-decoded, or nil when a `%` is not followed by two hex digits or the bytes are not UTF-8.
    private static func decoded(_ text: Substring) -> String? {
        guard text.contains("%") else { return String(text) }
        return text.removingPercentEncoding
    }

    private static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// `url`, parsed or not, with whatever stands between the first `:` after `://` and the last `@`
    /// replaced by a mask: the form in which a URL that could not be read is quoted. It masks too much
    /// rather than too little, since a password holding an unencoded `/` or `@` is still a password.
    static func masked(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return URLRedaction.redacted(url) }
        let rest = url[schemeEnd.upperBound...]
        guard let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":" + URLRedaction.mask + String(url[at...])
    }
}
