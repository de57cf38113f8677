import Foundation
import Storage
import Yams

/// Reads `veilleur.yaml` into ``Settings``, keeping defaults for what is absent or wrong.
enum SettingsReader {
    /// - Parameter directory: the configuration folder, against which a relative `database: sqlite:PATH` is resolved.
    static func read(_ root: Node, directory: URL, with reader: inout YAMLReader) -> Settings {
        var settings = Settings()
        guard let fields = reader.fields(
            of: root, allowed: ["user_agent", "contact", "digest", "fetch", "default_interval", "database", "cluster", "metrics", "retention", "alerts", "smtp"], what: "a mapping of settings"
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
        if let node = fields["metrics"] {
            readMetrics(node, into: &settings, with: &reader)
        }
        if let node = fields["retention"] {
            readRetention(node, into: &settings, with: &reader)
        }
        if let node = fields["alerts"] {
            settings.alertCommand = readAlerts(node, with: &reader)
        }
        if let node = fields["smtp"] {
            settings.smtp = SMTPSettingsReader.read(node, directory: directory, with: &reader)
        }
        return settings
    }

    private static func readMetrics(_ node: Node, into settings: inout Settings, with reader: inout YAMLReader) {
        guard let fields = reader.fields(of: node, allowed: ["listen", "textfile"], what: "a mapping of metrics settings")
        else { return }
        if let node = fields["listen"], let text = reader.nonEmptyString(node, what: "listen") {
            if let address = ListenAddress(parsing: text) {
                settings.metrics.listen = address
            } else {
                reader.report("listen must be an IP address and a port, as '127.0.0.1:9464' or '[::1]:9464'; found '\(text)'", at: node)
            }
        }
        if let node = fields["textfile"], let on = reader.boolean(node) {
            settings.metrics.textfile = on
        }
    }

    /// `alerts: {command: [PATH, ARG...], timeout: 30s}`; a mapping without `command` runs nothing.
    private static func readAlerts(_ node: Node, with reader: inout YAMLReader) -> AlertCommandSettings? {
        guard let fields = reader.fields(of: node, allowed: ["command", "timeout"], what: "a mapping of alert settings") else { return nil }
        var timeout = AlertCommandSettings.defaultTimeout
        if let node = fields["timeout"], let seconds = reader.duration(node, what: "timeout") {
            if seconds < 1 || seconds > Limits.maximumTimeoutSeconds {
                reader.report("timeout must be between 1s and 1d, found '\(node.string ?? "")'", at: node)
            } else {
                timeout = seconds
            }
        }
        guard let commandNode = fields["command"] else { return nil }
        let arguments = reader.stringList(commandNode, what: "command argument")
        guard let program = arguments.first else {
            reader.report("command must list the program and its arguments, as [/usr/local/bin/notify, --flag]", at: commandNode)
            return nil
        }
        // Run without a shell or a search path: the program is named exactly.
        guard program.text.hasPrefix("/") else {
            reader.report("the command's program must be an absolute path, found '\(program.text.withVisibleControlCharacters)'", at: program.node)
            return nil
        }
        // An argument vector is NUL-terminated C strings.
        if let bad = arguments.first(where: { $0.text.unicodeScalars.contains("\u{0}") }) {
            reader.report("a command argument may not hold U+0000", at: bad.node)
            return nil
        }
        return AlertCommandSettings(arguments: arguments.map(\.text), timeout: timeout)
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

    private static func readRetention(_ node: Node, into settings: inout Settings, with reader: inout YAMLReader) {
        guard let fields = reader.fields(of: node, allowed: ["content", "identity"], what: "a mapping of retention settings")
        else { return }
        if let node = fields["content"], let seconds = retentionDuration(node, what: "retention.content", with: &reader) {
            if seconds < Retention.minimumContent {
                reader.report(
                    "retention.content must be at least 8d, longer than a weekly digest and the near-duplicate window; found '\(node.string ?? "")'",
                    at: node)
            } else {
                settings.retention.content = seconds
            }
        }
        if let node = fields["identity"], let seconds = retentionDuration(node, what: "retention.identity", with: &reader) {
            settings.retention.identity = seconds
        }
        if settings.retention.identity < settings.retention.content, let node = fields["identity"] ?? fields["content"] {
            reader.report(
                "retention.identity must be at least retention.content: an item's identity outlives its text (default 2y)", at: node)
            settings.retention = Retention()
        }
    }

    /// A retention limit: a duration of at most 100 years (`2y`, `180d`, `26w`).
    private static func retentionDuration(_ node: Node, what: String, with reader: inout YAMLReader) -> TimeInterval? {
        guard let text = node.string, let seconds = DurationText.seconds(text), seconds > 0, seconds <= Retention.maximum else {
            reader.report("\(what) must be a duration such as '180d', '26w' or '2y', at most 100y; found '\(node.string ?? "")'", at: node)
            return nil
        }
        return seconds
    }

    private static func readDigest(_ node: Node, into settings: inout Settings, with reader: inout YAMLReader) {
        guard let fields = reader.fields(of: node, allowed: ["time", "timezone"]) else { return }
        if let node = fields["time"], let text = reader.string(node) {
            if let (hour, minute) = DigestTimesReader.clockTime(text) {
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
