import Foundation
import Mail
import Yams

/// Reads the `smtp:` section of `veilleur.yaml`; every value is checked, since a host, an address or a
/// user name ends up in an SMTP command or a header.
enum SMTPSettingsReader {
    private static let keys = ["host", "port", "tls", "user", "password_file", "password_env", "password", "from", "timeout_seconds"]

    /// - Parameter directory: the configuration folder, against which a relative `password_file` is resolved.
    static func read(_ node: Node, directory: URL, with reader: inout YAMLReader) -> SMTPSettings? {
        guard let fields = reader.fields(of: node, allowed: keys, what: "a mapping of SMTP settings") else { return nil }
        if let node = fields["password"] {
            reader.report("a password is never written in veilleur.yaml; use password_file (a file only the daemon reads) or password_env", at: node)
        }
        let host = reader.require("host", in: fields).flatMap { hostNode -> String? in
            guard let host = reader.nonEmptyString(hostNode, what: "host") else { return nil }
            if let problem = problem(withHost: host) {
                reader.report(problem, at: hostNode)
                return nil
            }
            // An IPv6 address is kept bare: the URL puts the brackets back.
            return host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        }
        var security = SMTPServer.Security.startTLS
        if let node = fields["tls"], let text = reader.string(node) {
            if let value = SMTPServer.Security(rawValue: text) {
                security = value
            } else {
                reader.report("tls must be one of: starttls, implicit, none; found '\(text)'", at: node)
            }
        }
        if security == .none, let host, !SMTPServer.isLoopback(host) {
            reader.report(
                "tls: none sends the password and the digests in clear; it is accepted only for a server on this machine (127.0.0.1, ::1, localhost)",
                at: fields["tls"] ?? node)
        }
        var port: Int?
        if let node = fields["port"], let value = reader.integer(node, atLeast: 1, what: "port") {
            if value > 65535 {
                reader.report("port must be at most 65535, found \(value)", at: node)
            } else {
                port = value
            }
        }
        let user = fields["user"].flatMap { userNode -> String? in
            guard let user = reader.nonEmptyString(userNode, what: "user") else { return nil }
            if user.utf8.count > 256 || user.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                reader.report("user must be at most 256 bytes without control characters", at: userNode)
                return nil
            }
            return user
        }
        let password = readPassword(fields, directory: directory, with: &reader)
        if user != nil, password == nil, fields["password"] == nil {
            reader.report("user is set without password_file or password_env", at: fields["user"] ?? node)
        }
        if user == nil, password != nil, let passwordNode = fields["password_file"] ?? fields["password_env"] {
            reader.report("a password is set without user", at: passwordNode)
        }
        let from = reader.require("from", in: fields).flatMap { fromNode -> MailAddress? in
            guard let text = reader.nonEmptyString(fromNode, what: "from") else { return nil }
            do throws(MailError) {
                return try MailAddress(parsing: text)
            } catch {
                reader.report("from: \(error.message)", at: fromNode)
                return nil
            }
        }
        var timeout = Duration.seconds(60)
        if let node = fields["timeout_seconds"], let value = reader.positiveNumber(node, what: "timeout_seconds", atMost: Limits.maximumTimeoutSeconds) {
            timeout = .milliseconds(Int64((value * 1000).rounded()))
        }
        guard let host, let from else { return nil }
        return SMTPSettings(host: host, port: port, security: security, user: user, password: password, from: from, timeout: timeout)
    }

    private static func readPassword(_ fields: Fields, directory: URL, with reader: inout YAMLReader) -> SMTPSettings.Password? {
        if fields["password_file"] != nil, let envNode = fields["password_env"] {
            reader.report("set password_file or password_env, not both", at: envNode)
            return nil
        }
        if let node = fields["password_file"], let path = reader.nonEmptyString(node, what: "password_file") {
            if path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                reader.report("password_file holds a control character", at: node)
                return nil
            }
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
            return .file(url.standardizedFileURL)
        }
        if let node = fields["password_env"], let name = reader.nonEmptyString(node, what: "password_env") {
            guard name.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_]*/) != nil, name.utf8.count <= 128 else {
                reader.report("password_env must name an environment variable (letters, digits and _, not starting with a digit), found '\(name)'", at: node)
                return nil
            }
            return .environment(name)
        }
        return nil
    }

    /// Why `host` cannot be the SMTP server, or nil: a host name, an IPv4 address or an IPv6 address.
    static func problem(withHost host: String) -> String? {
        if host.contains(":") {
            let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
            let isIPv6 = bare.utf8.count <= 45 && bare.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit || $0 == ":" || $0 == "." }
            return isIPv6 ? nil : "host '\(host)' is neither a host name nor an IP address"
        }
        guard host.utf8.count <= 253, (try? MailAddress(address: "postmaster@\(host)")) != nil else {
            return "host '\(host)' is neither a host name nor an IP address; e.g. smtp.example.org or 127.0.0.1"
        }
        return nil
    }
}
