import Foundation
import Storage
import Yams

/// Reads `veilleur.yaml` into ``Settings``, keeping defaults for what is absent or wrong.
enum SettingsReader {
    /// - Parameter directory: the configuration folder, against which a relative `database: sqlite:PATH` is resolved.
    static func read(_ root: Node, directory: URL, with reader: inout YAMLReader) -> Settings {
        var settings = Settings()
        guard let fields = reader.fields(
            of: root, allowed: ["user_agent", "contact", "digest", "fetch", "default_interval", "database", "cluster", "smtp"], what: "a mapping of settings"
        ) else { return settings }

        if let node = fields["user_agent"], let agent = reader.nonEmptyString(node, what: "user_agent") {
            if let character = HTTPField.forbiddenCharacter(inValue: agent) {
                reader.report("user_agent holds the control character \(character.codePoint); \(HTTPField.valueRule)", at: node)
            } else {
                settings.userAgent = agent
            }
        }
        if let node = fields["contact"], let contact = reader.nonEmptyString(node, what: "contact") {
            if let problem = ContactAddress.problem(with: contact) {
                reader.report(problem, at: node)
            } else {
                settings.contact = contact
            }
        }
        if let node = fields["database"], let text = reader.nonEmptyString(node, what: "database") {
            do {
                settings.database = try DatabaseLocation(parsing: text, relativeTo: directory)
            } catch {
                reader.report("database: \(error.message)", at: node)
            }
        }
        if let node = fields["default_interval"], let seconds = reader.duration(node, what: "default_interval") {
            settings.defaultInterval = seconds
        }
        if let node = fields["digest"] {
            readDigest(node, into: &settings, with: &reader)
        }
        if let node = fields["fetch"] {
            readFetch(node, into: &settings, with: &reader)
        }
        if let node = fields["cluster"] {
            readCluster(node, into: &settings, with: &reader)
        }
        if let node = fields["smtp"] {
            settings.smtp = SMTPSettingsReader.read(node, directory: directory, with: &reader)
        }
        return settings
    }

    private static func readCluster(_ node: Node, into settings: inout Settings, with reader: inout YAMLReader) {
        guard let fields = reader.fields(of: node, allowed: ["lease", "pass_size"], what: "a mapping of cluster settings")
        else { return }
        if let node = fields["lease"], let seconds = reader.duration(node, what: "lease") {
            // Below a second, renewals every third of it would be most of what the store does.
            if seconds < 1 || seconds > Limits.maximumLeaseSeconds {
                reader.report("lease must be between 1s and 1d, found '\(node.string ?? "")'", at: node)
            } else {
                settings.lease = seconds
            }
        }
        if let node = fields["pass_size"], let value = reader.integer(node, atLeast: 1, what: "pass_size") {
            if value > Limits.maximumSources {
                reader.report("pass_size must be at most \(Limits.maximumSources), the most sources sources.yaml may list; found \(value)", at: node)
            } else {
                settings.passSize = value
            }
        }
    }

    private static func readDigest(_ node: Node, into settings: inout Settings, with reader: inout YAMLReader) {
        guard let fields = reader.fields(of: node, allowed: ["time", "timezone"]) else { return }
        if let node = fields["time"], let text = reader.string(node) {
            if let (hour, minute) = clockTime(text) {
                settings.digestHour = hour
                settings.digestMinute = minute
            } else {
                reader.report("expected a time of day as 'HH:MM' (00:00 to 23:59), found '\(text)'", at: node)
            }
        }
        if let node = fields["timezone"], let identifier = reader.string(node) {
            if TimeZone(identifier: identifier) != nil {
                settings.timeZone = identifier
            } else {
                reader.report("unknown time zone '\(identifier)'; expected an IANA identifier such as 'Europe/Paris' or 'UTC'", at: node)
            }
        }
    }

    private static func clockTime(_ text: String) -> (Int, Int)? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, (1...2).contains(parts[0].count),
              let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return (hour, minute)
    }

    private static func readFetch(_ node: Node, into settings: inout Settings, with reader: inout YAMLReader) {
        guard let fields = reader.fields(
            of: node,
            allowed: [
                "concurrency", "per_host", "timeout_seconds", "connect_timeout_seconds", "max_body_bytes", "max_redirects",
                "max_items_per_fetch", "max_new_items_per_day", "min_interval", "max_interval", "proxy", "min_host_delay", "hosts",
            ]
        ) else { return }
        if let node = fields["concurrency"], let value = reader.integer(node, atLeast: 1, what: "concurrency") {
            settings.concurrency = value
        }
        if let node = fields["per_host"], let value = reader.integer(node, atLeast: 1, what: "per_host") {
            settings.connectionsPerHost = value
        }
        if let node = fields["timeout_seconds"], let value = reader.positiveNumber(node, what: "timeout_seconds", atMost: Limits.maximumTimeoutSeconds) {
            settings.totalTimeout = .milliseconds(Int64((value * 1000).rounded()))
        }
        if let node = fields["connect_timeout_seconds"],
           let value = reader.positiveNumber(node, what: "connect_timeout_seconds", atMost: Limits.maximumTimeoutSeconds) {
            settings.connectTimeout = .milliseconds(Int64((value * 1000).rounded()))
        }
        if let node = fields["max_body_bytes"], let value = reader.integer(node, atLeast: 1, what: "max_body_bytes") {
            settings.maxBodyBytes = value
        }
        if let node = fields["max_redirects"], let value = reader.integer(node, atLeast: 0, what: "max_redirects") {
            settings.maxRedirects = value
        }
        if let node = fields["max_items_per_fetch"], let value = reader.integer(node, atLeast: 1, what: "max_items_per_fetch") {
            settings.maxItemsPerFetch = value
        }
        if let node = fields["max_new_items_per_day"], let value = reader.integer(node, atLeast: 1, what: "max_new_items_per_day") {
            settings.maxNewItemsPerDay = value
        }
        if let node = fields["min_interval"], let value = reader.duration(node, what: "min_interval") {
            settings.minInterval = value
        }
        if let node = fields["max_interval"], let value = reader.duration(node, what: "max_interval") {
            settings.maxInterval = value
        }
        if let node = fields["proxy"], let proxy = reader.nonEmptyString(node, what: "proxy") {
            if let problem = ProxyURL.problem(with: proxy) {
                reader.report(problem, at: node)
            } else {
                settings.proxy = proxy
            }
        }
        if settings.minInterval > settings.maxInterval, let node = fields["max_interval"] ?? fields["min_interval"] {
            reader.report("max_interval must be at least min_interval", at: node)
        }
        if let node = fields["min_host_delay"], let value = HostSettingsReader.delay(node, what: "min_host_delay", with: &reader) {
            settings.minHostDelay = value
        }
        if let node = fields["hosts"] {
            settings.hosts = HostSettingsReader.read(node, with: &reader)
        }
    }
}
