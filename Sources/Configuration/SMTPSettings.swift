import Foundation
import Mail

/// The `smtp:` section of `veilleur.yaml`: the server digests are e-mailed through, and who they come from.
///
/// The password is never in a configuration file: only where to find it, read when a message is sent
/// (``server(environment:)``), so that `check` and the logs never see it.
public struct SMTPSettings: Sendable, Equatable {
    /// Where the password is read from.
    public enum Password: Sendable, Equatable {
        /// A file holding it (its first line; `password_file`), resolved against the configuration folder.
        case file(URL)
        /// An environment variable of the daemon (`password_env`).
        case environment(String)
    }

    /// Host name or IP address of the server.
    public var host: String
    /// TCP port; the default of ``security`` when the file sets none.
    public var port: Int
    /// `tls`: `starttls` (default), `implicit`, or `none` (loopback hosts only).
    public var security: SMTPServer.Security
    /// The account to log in with (`user`), if any.
    public var user: String?
    /// Where the password of ``user`` is.
    public var password: Password?
    /// The sender (`from`), with an optional display name.
    public var from: MailAddress
    /// Time allowed for one message (`timeout_seconds`), connection included.
    public var timeout: Duration

    /// Longest password file read, in bytes.
    public static let maximumPasswordBytes = 4096

    public init(
        host: String, port: Int? = nil, security: SMTPServer.Security = .startTLS, user: String? = nil, password: Password? = nil,
        from: MailAddress, timeout: Duration = .seconds(60)
    ) {
        self.host = host
        self.port = port ?? security.defaultPort
        self.security = security
        self.user = user
        self.password = password
        self.from = from
        self.timeout = timeout
    }

    /// The server with its password read now, from its file or from `environment`.
    public func server(environment: [String: String] = ProcessInfo.processInfo.environment) throws(MailError) -> SMTPServer {
        var secret: String?
        switch password {
        case .file(let url):
            let data: Data
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw MailError(field: "smtp.password_file", message: "\(url.path) cannot be read: \(error.localizedDescription)")
            }
            guard data.count <= Self.maximumPasswordBytes else {
                throw MailError(field: "smtp.password_file", message: "\(url.path) is larger than \(Self.maximumPasswordBytes) bytes")
            }
            // The first line: a file written with `echo` ends with a line break that is not part of the password.
            secret = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first
                .map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }
        case .environment(let name):
            guard let value = environment[name] else {
                throw MailError(field: "smtp.password_env", message: "the environment variable \(name) is not set")
            }
            secret = value
        case nil:
            secret = nil
        }
        let timeout = self.timeout
        return SMTPServer(
            host: host, port: port, security: security, user: user, password: secret, connectTimeout: min(.seconds(10), timeout),
            timeout: timeout)
    }
}
