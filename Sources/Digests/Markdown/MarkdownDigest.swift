import Foundation

/// Renders a digest as Markdown for people: a ranked list, or a section per topic (``Digest/layout``),
/// French labels unless the digest is in English.
///
/// Feed text is untrusted: titles, snippets, terms and names are stripped of control and bidi characters
/// and escaped, and only http(s) links are emitted.
public enum MarkdownDigest {
    /// The digest as Markdown, ending with a newline. Entries beyond `maxItems` are counted, not listed.
    public static func render(_ digest: Digest) -> String {
        let labels = DigestLabels.forLanguage(digest.language)
        var lines: [String] = []

        lines.append("# " + UntrustedText.inline(labels.heading(period: digest.period, name: digest.profileName)))
        lines.append("")
        var header = labels.profile + labels.colon + UntrustedText.inline(digest.profile)
        let kind = UntrustedText.inline(digest.kind)
        if !kind.isEmpty { header += " (\(kind))" }
        header += " · " + labels.itemCount(digest.totalEntries) + " · " + labels.generated + " " + labels.timestamp(digest.generatedAt)
        lines.append(header)
        lines.append("")

        if digest.totalEntries == 0 {
            lines.append(labels.noItems)
        } else {
            var shown = 0
            for group in digest.listedGroups(noTopic: labels.noTopic) {
                if let title = group.title {
                    lines.append("## " + UntrustedText.inline(title))
                    lines.append("")
                }
                for (index, entry) in group.entries.enumerated() {
                    lines.append(contentsOf: item(entry, rank: index + 1, labels: labels))
                    lines.append("")
                }
                shown += group.entries.count
            }
            let notes = digest.unlistedNotes(shown: shown, labels: labels)
            if notes.isEmpty {
                lines.removeLast()
            } else {
                lines.append(contentsOf: notes)
            }
        }
        if !digest.failingSources.isEmpty {
            lines.append("")
            lines.append("## " + labels.failingSources)
            lines.append("")
            for source in digest.failingSources {
                lines.append("- " + UntrustedText.inline(source.name) + " — " + labels.failureSummary(source)
                    + labels.colon + UntrustedText.excerpt(source.lastError, limit: DigestEntry.snippetLimit))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `1. [Title](link) — Source, date · score 3.2`, then terms and topics, the story's other sources
    /// (`Aussi publié par : [Source](link), …`), then the snippet as a quote.
    private static func item(_ entry: DigestEntry, rank: Int, labels: DigestLabels) -> [String] {
        let marker = "\(rank). "
        let indent = String(repeating: " ", count: marker.count)

        var title = UntrustedText.inline(entry.title)
        if title.isEmpty { title = labels.untitled }
        var line = marker + (UntrustedText.destination(entry.link).map { "[\(title)](\($0))" } ?? title)
        line += " — " + UntrustedText.inline(entry.source)
        if let published = entry.published { line += ", " + labels.day(published) }
        line += " · \(labels.score) " + String(format: "%.1f", entry.score)
        var lines = [line]

        var evidence: [String] = []
        let terms = entry.terms.map(UntrustedText.inline).filter { !$0.isEmpty }
        if !terms.isEmpty { evidence.append(labels.terms + labels.colon + terms.joined(separator: ", ")) }
        let topics = entry.topics.map(UntrustedText.inline).filter { !$0.isEmpty }
        if !topics.isEmpty { evidence.append(labels.topics + labels.colon + topics.joined(separator: ", ")) }
        if !evidence.isEmpty { lines.append(indent + evidence.joined(separator: " · ")) }

        let copies = entry.alsoPublishedBy.compactMap { copy -> String? in
            let source = UntrustedText.inline(copy.source)
            guard !source.isEmpty else { return nil }
            return UntrustedText.destination(copy.link).map { "[\(source)](\($0))" } ?? source
        }
        if !copies.isEmpty { lines.append(indent + labels.alsoPublishedBy + labels.colon + copies.joined(separator: ", ")) }

        if let snippet = entry.snippet.map({ UntrustedText.excerpt($0, limit: DigestEntry.snippetLimit) }), !snippet.isEmpty {
            lines.append("")
            lines.append(indent + "> " + snippet)
        }
        return lines
    }
}
