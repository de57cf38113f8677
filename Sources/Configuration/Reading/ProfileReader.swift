import Foundation
import TextNormalization
import Model
import Yams

/// Reads one `profiles/<id>.yaml` file into a ``Profile``, checking source names against `sources.yaml` and
/// vocabulary names against `vocabularies/`; every term taken counts in `budget`.
enum ProfileReader {
    private static let keys = ["name", "kind", "language", "stem", "min_score", "threshold", "alert_score", "recency", "max_items", "topics", "exclude", "sources", "digest", "deliver"]
    private static let topicKeys = ["name", "weight", "keywords", "any", "phrases", "all", "none", "fields", "stem"]

    /// - Parameter canEmail: whether `veilleur.yaml` sets `smtp`; without it `deliver.email` is an error.
    static func read(
        _ root: Node, id: String, sources: [Source], vocabularies: [String: Vocabulary], budget: inout TermBudget,
        canEmail: Bool = true, with reader: inout YAMLReader
    ) -> Profile? {
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
        var threshold: Double?
        if let node = fields["threshold"], let value = reader.number(node) {
            if !(0...100).contains(value) {
                reader.report("threshold must be between 0 and 100, found \(YAMLReader.format(value))", at: node)
            } else if let minScoreNode = fields["min_score"] {
                // Two thresholds on two scales: which one was meant is for the author to say.
                reader.report(
                    "threshold and min_score are both set; keep threshold (0-100) and remove min_score (raw points)",
                    at: minScoreNode)
            } else {
                threshold = value
            }
        }
        var alertScore: Double?
        if let node = fields["alert_score"], let value = reader.number(node) {
            if !(0...100).contains(value) {
                reader.report("alert_score must be between 0 and 100, found \(YAMLReader.format(value))", at: node)
            } else if let threshold, value < threshold {
                // Items below the threshold are not stored as matches: such an alert_score would alert every match.
                reader.report(
                    "alert_score \(YAMLReader.format(value)) is below threshold \(YAMLReader.format(threshold)); "
                        + "give an alert_score at least the threshold", at: node)
            } else {
                alertScore = value
            }
        }
        let recency = fields["recency"].map { RecencyReader.read($0, with: &reader) } ?? .standard
        let maxItems = fields["max_items"].flatMap { reader.integer($0, atLeast: 1, what: "max_items") } ?? 30
        let digestOptions = fields["digest"].map { DigestOptionsReader.read($0, with: &reader) } ?? .init()
        var terms = TermReader(
            vocabularies: vocabularies, language: language, stemmable: Language(profileLanguage: language) != nil,
            budget: budget)
        defer { budget = terms.budget }
        let stem = fields["stem"].flatMap { terms.stem($0, with: &reader) }
        let topics = reader.require("topics", in: fields).map { readTopics($0, terms: &terms, with: &reader) } ?? []
        let exclusions = fields["exclude"].map { terms.terms($0, list: .terms, with: &reader) } ?? []

        var filter = SourceFilter()
        if let node = fields["sources"] {
            filter = readSourceFilter(node, sources: sources, with: &reader)
        }
        let recipients = fields["deliver"].map { DeliveryReader.read($0, canEmail: canEmail, with: &reader) } ?? []
        guard let kind else { return nil }
        return Profile(
            id: id, name: name, kind: kind, language: language, minScore: minScore, maxItems: maxItems,
            topics: topics, exclusions: exclusions, includeTags: filter.includeTags,
            excludedSources: filter.excluded, sourceWeights: filter.weights, stem: stem,
            threshold: threshold, recency: recency, digestLayout: digestOptions.layout, digestTimes: digestOptions.times,
            alertScore: alertScore, emailRecipients: recipients
        )
    }

    private static func readKind(_ node: Node, with reader: inout YAMLReader) -> StakeholderKind? {
        guard let text = reader.string(node) else { return nil }
        if let kind = StakeholderKind(spelling: text.trimmingCharacters(in: .whitespaces)) { return kind }
        let valid = StakeholderKind.allCases.map(\.displayName).joined(separator: ", ")
        reader.report("unknown kind '\(text)'; expected one of: \(valid)", at: node)
        return nil
    }

    private static func readTopics(_ node: Node, terms: inout TermReader, with reader: inout YAMLReader) -> [Topic] {
        guard let items = reader.list(node) else { return [] }
        if items.isEmpty {
            reader.report("the profile has no topics; add at least one topic with keywords or phrases", at: node)
        }
        return items.compactMap { readTopic($0, terms: &terms, with: &reader) }
    }

    private static func readTopic(_ node: Node, terms: inout TermReader, with reader: inout YAMLReader) -> Topic? {
        guard let fields = reader.fields(of: node, allowed: topicKeys, what: "a topic mapping") else { return nil }
        let name = reader.require("name", in: fields).flatMap { reader.nonEmptyString($0, what: "topic name") }
        let weight = fields["weight"].flatMap { reader.positiveNumber($0, what: "weight", atMost: Limits.maximumWeight) } ?? 1
        let stem = fields["stem"].flatMap { terms.stem($0, with: &reader) }
        let targets = fields["fields"].flatMap { TermReader.fields($0, with: &reader) }
        var any: [Term] = []
        for key in ["keywords", "any"] {
            any += fields[key].map { terms.terms($0, list: .terms, with: &reader) } ?? []
        }
        any += fields["phrases"].map { terms.terms($0, list: .phrases, with: &reader) } ?? []
        let all = fields["all"].map { terms.choices($0, with: &reader) } ?? []
        let none = fields["none"].map { terms.terms($0, list: .terms, with: &reader) } ?? []
        guard let name else { return nil }
        // Only a topic that declares nothing to find is reported: invalid terms already have their own issues.
        let declared = ["keywords", "any", "phrases", "all"].reduce(0) { $0 + itemCount(fields[$1]) }
        if declared == 0 {
            reader.report("topic '\(name)' is empty; give it keywords (or any), phrases or all", at: node)
            return nil
        }
        if any.isEmpty, all.isEmpty { return nil }
        return Topic(name: name, weight: weight, terms: any, all: all, none: none, fields: targets, stem: stem)
    }

    private static func itemCount(_ node: Node?) -> Int {
        guard let node else { return 0 }
        if case .sequence(let sequence) = node { return sequence.count }
        return 1
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
