import Configuration
import Foundation
import Matching
import Model
import Testing

/// A profile written as in a profile file, loaded through the configuration reader, so that examples read
/// as the profiles people write: a snippet, an item, the expected result.
struct ProfileSnippet: Sendable, CustomTestStringConvertible {
    /// The lines of the topic (after `name: T`), as in a profile file; a line starting with `- ` begins
    /// another topic, written as in the `topics:` list.
    var topic: String
    /// More profile-level lines (`exclude:`, `stem:`), if any.
    var profile: String = ""
    /// The profile's language.
    var language = "fr"
    /// The profile's threshold line: every example is alerted for any term found unless it says otherwise.
    var threshold = "min_score: 0"
    /// Vocabulary files: name → YAML.
    var vocabularies: [String: String] = [:]

    var testDescription: String { topic }

    /// The YAML of the whole profile file.
    var yaml: String {
        """
        kind: cluster
        language: \(language)
        \(threshold)
        topics:
          - name: T
        \(indentedTopic)
        \(profile)
        """
    }

    /// The topic's lines under `- name: T`, and further topics under `topics:`.
    private var indentedTopic: String {
        var inOtherTopic = false
        return topic.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if line.hasPrefix("- ") { inOtherTopic = true }
            return (inOtherTopic ? "  " : "    ") + line
        }.joined(separator: "\n")
    }

    /// The profile as the reader builds it; throws the reader's issues.
    func load() throws -> Profile {
        try Self.load([self]).profiles[0]
    }

    /// A configuration of these snippets as profiles `p0`, `p1`…, sharing their vocabularies.
    static func load(_ snippets: [ProfileSnippet]) throws -> Configuration {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("veilleur-snippet-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for subfolder in ["profiles", "vocabularies"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(subfolder), withIntermediateDirectories: true)
        }
        let sources = "sources:\n  - name: afp\n    url: https://afp.example/rss\n    tags: [agence]\n"
        try Data(sources.utf8).write(to: folder.appendingPathComponent("sources.yaml"))
        for (index, snippet) in snippets.enumerated() {
            try Data(snippet.yaml.utf8).write(to: folder.appendingPathComponent("profiles/p\(index).yaml"))
            for (name, text) in snippet.vocabularies {
                try Data(text.utf8).write(to: folder.appendingPathComponent("vocabularies/\(name).yaml"))
            }
        }
        return try Configuration.load(directory: folder)
    }

    /// The terms that made the item match, strongest first; empty when it does not match.
    func matchedTerms(_ item: FeedItem, source: Source? = nil) throws -> [String] {
        let matches = Matcher(profiles: [try load()]).matches(for: item, source: source)
        return matches.first?.terms ?? []
    }

    /// The profile's evaluation of the item.
    func evaluation(_ item: FeedItem, source: Source? = nil) throws -> Evaluation {
        try #require(Matcher(profiles: [try load()]).evaluate(item, source: source).first)
    }
}
