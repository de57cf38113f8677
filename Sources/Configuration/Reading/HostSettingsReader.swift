import Foundation
import Yams

/// Reads `fetch.hosts`: a mapping of host names to their own `min_delay` and `per_host`.
enum HostSettingsReader {
    static func read(_ node: Node, with reader: inout YAMLReader) -> [String: HostSettings] {
        guard case .mapping(let mapping) = node else {
            reader.report("expected a mapping of host names to settings, found \(YAMLReader.describe(node))", at: node)
            return [:]
        }
        guard mapping.count <= Limits.maximumHostRules else {
            reader.report("fetch.hosts lists \(mapping.count) hosts; at most \(Limits.maximumHostRules) are allowed", at: node)
            return [:]
        }
        var hosts: [String: HostSettings] = [:]
        var firstLine: [String: Int] = [:]
        for (keyNode, valueNode) in mapping {
            guard let name = reader.nonEmptyString(keyNode, what: "host name") else { continue }
            guard let host = hostName(name) else {
                reader.report(
                    "'\(name)' is not a host name; expected a name such as 'www.example.fr' or an IP address, without scheme, port or path",
                    at: keyNode)
                continue
            }
            if let line = firstLine[host] {
                reader.report("duplicate host '\(host)'; first given at line \(line)", at: keyNode)
                continue
            }
            firstLine[host] = keyNode.mark?.line ?? 0
            guard let fields = reader.fields(of: valueNode, allowed: ["min_delay", "per_host"], what: "a mapping of host settings")
            else { continue }
            var settings = HostSettings()
            if let node = fields["min_delay"] {
                settings.minDelay = delay(node, what: "min_delay", with: &reader)
            }
            if let node = fields["per_host"] {
                settings.connections = reader.integer(node, atLeast: 1, what: "per_host")
            }
            hosts[host] = settings
        }
        return hosts
    }

    /// A delay between requests: a duration from 0 to ``Limits/maximumHostDelaySeconds``, to the millisecond.
    static func delay(_ node: Node, what: String, with reader: inout YAMLReader) -> Duration? {
        guard case .scalar(let scalar) = node, let seconds = DurationText.seconds(scalar.string) else {
            reader.report("expected a duration such as '500ms', '2s' or '1m', found \(YAMLReader.describe(node))", at: node)
            return nil
        }
        guard seconds >= 0, seconds <= Limits.maximumHostDelaySeconds else {
            reader.report("\(what) must be between 0 and 1h, found '\(scalar.string)'", at: node)
            return nil
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// `text` lower-cased when it is a DNS name (letters, digits and hyphens in dot-separated labels of at
    /// most 63 bytes, 253 in all) or an IPv4 address; nil otherwise. libcurl reports hosts in that form,
    /// so a name given otherwise (with a port, say) would silently never match.
    static func hostName(_ text: String) -> String? {
        let host = text.lowercased()
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard host.utf8.count <= 253, !labels.isEmpty else { return nil }
        for label in labels {
            guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-",
                  label.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
            else { return nil }
        }
        return host
    }
}
