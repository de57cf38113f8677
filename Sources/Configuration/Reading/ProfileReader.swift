import Foundation
import Model
import Yams

/// Reads one `profiles/<id>.yaml` file into a ``Profile``, checking source names against `sources.yaml`.
enum ProfileReader {
    private static let keys = ["name", "kind", "language", "min_score", "max_items", "topics", "exclude", "sources"]

    static func read(_ root: Node, id: String, sources: [Source], with reader: inout YAMLReader) -> Profile? {
        guard let fields = reader.fields(of: root, allowed: keys, what: "a profile mapping") else { return nil }

        let name = fields["name"].flatMap { reader.nonEmptyString($0, what: "profile name") } ?? id
        let kind = reader.require("kind", in: fields).flatMap { readKind($0, with: &reader) }
        let language = fields["language"].flatMap { reader.nonEmptyString($0, what: "language") } ?? "fr"
        var minScore = 1.0
        if let node = fields["min_score"], let value = reader.number(node) {
            if value >= 0 {
                minScore = value
            } else {
                reader.report("min_score must be at least 0, found \(YAMLReader.format(value))", at: node)
            }
        }
        let maxItems = fields["max_items"].flatMap { reader.integer($0, atLeast: 1, what: "max_items") } ?? 30
        let topics = reader.require("topics", in: fields).map { readTopics($0, with: &reader) } ?? []
        let exclusions = fields["exclude"].map { readTerms($0, isPhrase: false, with: &reader) } ?? []

        var filter = SourceFilter()
        if let node = fields["sources"] {
            filter = readSourceFilter(node, sources: sources, with: &reader)
        }
        guard let kind else { return nil }
        return Profile(
            id: id, name: name, kind: kind, language: language, minScore: minScore, maxItems: maxItems,
            topics: topics, exclusions: exclusions, includeTags: filter.includeTags,
            excludedSources: filter.excluded, sourceWeights: filter.weights
        )
    }

    private static func readKind(_ node: Node, with reader: inout YAMLReader) -> StakeholderKind? {
        guard let text = reader.string(node) else { return nil }
        if let kind = StakeholderKind(spelling: text.trimmingCharacters(in: .whitespaces)) { return kind }
        let valid = StakeholderKind.allCases.map(\.displayName).joined(separator: ", ")
        reader.report("unknown kind '\(text)'; expected one of: \(valid)", at: node)
        return nil
    }

    private static func readTopics(_ node: Node, with reader: inout YAMLReader) -> [Topic] {
        guard let items = reader.list(node) else { return [] }
        if items.isEmpty {
            reader.report("the profile has no topics; add at least one topic with keywords or phrases", at: node)
        }
        return items.compactMap { readTopic($0, with: &reader) }
    }

    private static func readTopic(_ node: Node, with reader: inout YAMLReader) -> Topic? {
        guard let fields = reader.fields(of: node, allowed: ["name", "weight", "keywords", "phrases"], what: "a topic mapping")
        else { return nil }
        let name = reader.require("name", in: fields).flatMap { reader.nonEmptyString($0, what: "topic name") }
        let weight = fields["weight"].flatMap { reader.positiveNumber($0, what: "weight", atMost: Limits.maximumWeight) } ?? 1
        let keywords = fields["keywords"].map { readTerms($0, isPhrase: false, with: &reader) } ?? []
        let phrases = fields["phrases"].map { readTerms($0, isPhrase: true, with: &reader) } ?? []
        guard let name else { return nil }
        let terms = keywords + phrases
        // Only a topic that declares nothing is reported: invalid terms already have their own issues.
        if itemCount(fields["keywords"]) + itemCount(fields["phrases"]) == 0 {
            reader.report("topic '\(name)' is empty; give it keywords or phrases", at: node)
            return nil
        }
        if terms.isEmpty { return nil }
        return Topic(name: name, weight: weight, terms: terms)
    }

    private static func itemCount(_ node: Node?) -> Int {
        guard let node else { return 0 }
        if case .sequence(let sequence) = node { return sequence.count }
        return 1
    }

    /// A list whose items are strings or `{term, weight}` mappings.
    private static func readTerms(_ node: Node, isPhrase: Bool, with reader: inout YAMLReader) -> [Term] {
        guard let items = reader.list(node) else { return [] }
        return items.compactMap { item in
            if case .mapping = item {
                guard let fields = reader.fields(of: item, allowed: ["term", "weight"]) else { return nil }
                let text = reader.require("term", in: fields).flatMap { reader.nonEmptyString($0, what: "term") }
                let weight = fields["weight"].flatMap { reader.positiveNumber($0, what: "weight", atMost: Limits.maximumWeight) } ?? 1
                guard let text else { return nil }
                return Term(text: text, weight: weight, isPhrase: isPhrase, location: reader.location(of: item))
            }
            guard case .scalar = item, !YAMLReader.isNull(item) else {
                reader.report("expected a term (a string or {term, weight}), found \(YAMLReader.describe(item))", at: item)
                return nil
            }
            guard let text = reader.nonEmptyString(item, what: "term") else { return nil }
            return Term(text: text, weight: 1, isPhrase: isPhrase, location: reader.location(of: item))
        }
    }

    private struct SourceFilter {
        var includeTags: [String] = []
        var excluded: [String] = []
        var weights: [String: Double] = [:]
    }

    private static func readSourceFilter(_ node: Node, sources: [Source], with reader: inout YAMLReader) -> SourceFilter {
        var filter = SourceFilter()
        guard let fields = reader.fields(of: node, allowed: ["include_tags", "exclude", "weights"]) else { return filter }
        let names = sources.map(\.name)
        let tags = Set(sources.flatMap(\.tags))

        if let node = fields["include_tags"] {
            for (tag, tagNode) in reader.stringList(node, what: "tag") {
                if !tags.contains(tag) {
                    reader.report(unknownMessage("tag", tag, among: tags.sorted()), at: tagNode)
                }
                filter.includeTags.append(tag)
            }
        }
        if let node = fields["exclude"] {
            for (name, nameNode) in reader.stringList(node, what: "source name") {
                if names.contains(name) {
                    filter.excluded.append(name)
                } else {
                    reader.report(unknownMessage("source", name, among: names), at: nameNode)
                }
            }
        }
        if let node = fields["weights"] {
            guard case .mapping(let mapping) = node else {
                reader.report("expected a mapping of source names to weights, found \(YAMLReader.describe(node))", at: node)
                return filter
            }
            for (keyNode, valueNode) in mapping {
                guard let name = reader.nonEmptyString(keyNode, what: "source name") else { continue }
                let weight = reader.positiveNumber(valueNode, what: "weight", atMost: Limits.maximumWeight)
                guard names.contains(name) else {
                    reader.report(unknownMessage("source", name, among: names), at: keyNode)
                    continue
                }
                if let weight { filter.weights[name] = weight }
            }
        }
        return filter
    }

    private static func unknownMessage(_ what: String, _ value: String, among candidates: [String]) -> String {
        var message = "unknown \(what) '\(value)'"
        if let suggestion = Suggestion.closest(to: value, among: candidates) {
            message += "; did you mean '\(suggestion)'?"
        } else {
            message += "; it is not declared in sources.yaml"
        }
        return message
    }
}
