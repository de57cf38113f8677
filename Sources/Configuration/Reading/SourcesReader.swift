import Foundation
import Model
import Yams

/// Reads `sources.yaml`: a `sources:` list of feeds, pages, listings, sitemaps and pages to discover a feed
/// on, with unique names and http(s) URLs; all but feeds obey robots.txt unless they say `robots: ignore`.
enum SourcesReader {
    static func read(_ root: Node, defaultInterval: TimeInterval, with reader: inout YAMLReader) -> [Source] {
        guard let fields = reader.fields(of: root, allowed: ["sources"], what: "a mapping with a 'sources' list"),
              let listNode = reader.require("sources", in: fields),
              let items = reader.list(listNode) else { return [] }
        guard items.count <= Limits.maximumSources else {
            reader.report("the file lists \(items.count) sources; at most \(Limits.maximumSources) are allowed", at: listNode)
            return []
        }

        var sources: [Source] = []
        var firstLine: [String: Int] = [:]
        for item in items {
            guard let source = readSource(item, defaultInterval: defaultInterval, with: &reader) else { continue }
            let nameNode = nameNode(of: item)
            if let line = firstLine[source.name] {
                reader.report("duplicate source name '\(source.name)'; first declared at line \(line)", at: nameNode ?? item)
                continue
            }
            firstLine[source.name] = (nameNode ?? item).mark?.line ?? 0
            sources.append(source)
        }
        return sources
    }

    private static func nameNode(of node: Node) -> Node? {
        guard case .mapping(let mapping) = node else { return nil }
        return mapping["name"]
    }

    private static func readSource(_ node: Node, defaultInterval: TimeInterval, with reader: inout YAMLReader) -> Source? {
        guard let fields = reader.fields(
            of: node,
            allowed: [
                "name", "url", "kind", "robots", "tags", "interval", "min_interval", "max_interval", "headers", "cookie", "select",
                "window",
            ],
            what: "a source mapping"
        ) else { return nil }
        let name = reader.require("name", in: fields).flatMap { reader.nonEmptyString($0, what: "source name") }
        let url = reader.require("url", in: fields).flatMap { readURL($0, with: &reader) }
        let tags = fields["tags"].map { reader.stringList($0, what: "tag").map(\.text) } ?? []
        var interval = defaultInterval
        if let node = fields["interval"], let seconds = reader.duration(node, what: "interval") {
            interval = seconds
        }
        let minInterval = fields["min_interval"].flatMap { reader.duration($0, what: "min_interval") }
        let maxInterval = fields["max_interval"].flatMap { reader.duration($0, what: "max_interval") }
        if let minInterval, let maxInterval, minInterval > maxInterval, let node = fields["max_interval"] {
            reader.report("max_interval must be at least min_interval", at: node)
        }
        var headers: [String: String] = [:]
        if let node = fields["headers"] {
            headers = readHeaders(node, with: &reader)
        }
        if let node = fields["cookie"] {
            readCookie(node, into: &headers, with: &reader)
        }
        // Nil only when `kind` is given and wrong; absent means a feed.
        var kind: SourceKind? = .feed
        if let node = fields["kind"] {
            kind = readChoice(node, of: SourceKind.self, what: "kind", with: &reader)
        }
        var robots = RobotsPolicy.obey
        if let node = fields["robots"], let policy = readChoice(node, of: RobotsPolicy.self, what: "robots", with: &reader) {
            robots = policy
            if let kind, !kind.isSubjectToRobots {
                // Accepting it would let `robots: obey` on a feed read as a promise the crawler does not keep.
                reader.report(
                    "robots applies to page, listing, sitemap and discover sources only: a \(kind.rawValue) is fetched whatever robots.txt says; "
                        + "remove it, or add 'kind: page' if this URL is a page",
                    at: node)
            }
        }
        let selectors = ListingSelectorsReader.read(fields["select"], kind: kind, source: node, with: &reader)
        var window = Source.defaultSitemapWindow
        if let node = fields["window"] {
            if let kind, kind != .sitemap {
                reader.report("window applies to sitemap sources only; remove it, or add 'kind: sitemap'", at: node)
            } else if let seconds = reader.duration(node, what: "window") {
                window = seconds
            }
        }
        guard let name, let url, let kind else { return nil }
        if kind == .listing, selectors == nil { return nil }
        return Source(
            name: name, url: url, tags: tags, interval: interval, headers: headers, minInterval: minInterval, maxInterval: maxInterval,
            kind: kind, robots: robots, selectors: selectors, window: window)
    }

    /// One of the spellings of `Choice`, or an issue listing them (with the closest one when it looks like a typo).
    private static func readChoice<Choice: RawRepresentable & CaseIterable>(
        _ node: Node, of _: Choice.Type, what: String, with reader: inout YAMLReader
    ) -> Choice? where Choice.RawValue == String {
        guard let text = reader.nonEmptyString(node, what: what) else { return nil }
        if let choice = Choice(rawValue: text) { return choice }
        let spellings = Choice.allCases.map(\.rawValue)
        var message = "unknown \(what) '\(text)'"
        if let suggestion = Suggestion.closest(to: text, among: spellings) {
            message += "; did you mean '\(suggestion)'?"
        }
        reader.report(message + " (expected one of: \(spellings.joined(separator: ", ")))", at: node)
        return nil
    }

    private static func readURL(_ node: Node, with reader: inout YAMLReader) -> String? {
        guard let text = reader.nonEmptyString(node, what: "url") else { return nil }
        if let problem = SourceURL.problem(with: text) {
            reader.report(problem, at: node)
            return nil
        }
        return text
    }

    private static func readHeaders(_ node: Node, with reader: inout YAMLReader) -> [String: String] {
        guard case .mapping(let mapping) = node else {
            reader.report("expected a mapping of header names to values, found \(YAMLReader.describe(node))", at: node)
            return [:]
        }
        var headers: [String: String] = [:]
        var firstLine: [String: Int] = [:]
        for (keyNode, valueNode) in mapping {
            guard let name = reader.nonEmptyString(keyNode, what: "header name"),
                  let value = reader.string(valueNode) else { continue }
            guard HTTPField.isValidName(name) else {
                reader.report("invalid header name '\(name)'; \(HTTPField.nameRule)", at: keyNode)
                continue
            }
            let folded = name.lowercased()
            if let line = firstLine[folded] {
                reader.report("header '\(name)' is declared twice (names ignore case); first declared at line \(line)", at: keyNode)
                continue
            }
            firstLine[folded] = keyNode.mark?.line ?? 0
            if HTTPField.reservedNames.contains(folded) {
                reader.report("header '\(name)' cannot be set: it is derived from the URL and the request; remove it", at: keyNode)
                continue
            }
            guard checkValue(value, of: name, at: valueNode, with: &reader) else { continue }
            headers[name] = value
        }
        if headers.count > HTTPField.maximumCount {
            reader.report("a source declares at most \(HTTPField.maximumCount) headers; this one declares \(headers.count)", at: node)
        }
        return headers
    }

    /// `cookie: "a=b; c=d"` is sent as the `Cookie` header; libcurl sends it to the source's host only,
    /// not to another host a redirect leads to.
    private static func readCookie(_ node: Node, into headers: inout [String: String], with reader: inout YAMLReader) {
        guard let value = reader.nonEmptyString(node, what: "cookie") else { return }
        if headers.keys.contains(where: { $0.lowercased() == "cookie" }) {
            reader.report("the cookie is given twice, here and as a 'Cookie' header; keep one", at: node)
            return
        }
        guard checkValue(value, of: "Cookie", at: node, with: &reader) else { return }
        headers["Cookie"] = value
    }

    /// Whether `value` may be sent as the value of header `name`; reports why not.
    private static func checkValue(_ value: String, of name: String, at node: Node, with reader: inout YAMLReader) -> Bool {
        if let character = HTTPField.forbiddenCharacter(inValue: value) {
            reader.report(
                "the value of header '\(name)' holds the control character \(character.codePoint); \(HTTPField.valueRule)",
                at: node)
            return false
        }
        guard name.utf8.count + value.utf8.count <= HTTPField.maximumFieldBytes else {
            reader.report("header '\(name)' is longer than \(HTTPField.maximumFieldBytes) bytes; shorten its value", at: node)
            return false
        }
        return true
    }
}
