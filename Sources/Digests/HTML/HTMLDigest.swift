import Foundation

/// Renders a digest as a self-contained HTML page for people, on a laptop or a phone.
///
/// The page holds the same things as the Markdown, with the same labels: a header, the profile's trend
/// (``TrendChart``) when the digest has one, then the entries, ranked or by topic, with their links, source, date, score, topics, terms, the story's other sources and snippet,
/// the terms highlighted in the snippet. Feed text is cleaned of control and bidi characters and escaped; only http(s) links are
/// emitted. The page makes no request of its own (inline style, no script, a content security policy
/// that forbids every fetch).
public enum HTMLDigest {
    /// The digest as a UTF-8 HTML document, ending with a newline. Entries beyond `maxItems` are counted, not listed.
    public static func render(_ digest: Digest) -> String {
        let labels = DigestLabels.forLanguage(digest.language)
        let title = labels.heading(period: digest.period, name: UntrustedText.plain(digest.profileName))

        var summary = labels.profile + labels.colon + UntrustedText.plain(digest.profile)
        let kind = UntrustedText.plain(digest.kind)
        if !kind.isEmpty { summary += " (\(kind))" }
        summary += " · " + labels.itemCount(digest.totalEntries) + " · " + labels.generated + " " + labels.timestamp(digest.generatedAt)

        var body = "<header>\n<h1>\(MarkupText.escape(title))</h1>\n<p class=\"summary\">\(MarkupText.escape(summary))</p>\n</header>\n<main>\n"
        if let trend = digest.trend { body += TrendChart.render(trend, labels: labels) }
        if digest.totalEntries == 0 {
            body += "<p class=\"empty\">\(MarkupText.escape(labels.noItems))</p>\n"
        } else {
            var shown = 0
            for group in digest.listedGroups(noTopic: labels.noTopic) {
                let heading = group.title == nil ? 2 : 3
                if let title = group.title {
                    body += "<section class=\"group\">\n<h2 class=\"group-title\">\(MarkupText.escape(title))"
                    body += " <span class=\"count\">\(MarkupText.escape(labels.itemCount(group.entries.count)))</span></h2>\n"
                }
                body += "<ol class=\"items\">\n"
                for (index, entry) in group.entries.enumerated() {
                    body += item(entry, rank: index + 1, heading: heading, labels: labels)
                }
                body += "</ol>\n"
                if group.title != nil { body += "</section>\n" }
                shown += group.entries.count
            }
            for note in digest.unlistedNotes(shown: shown, labels: labels) {
                body += "<p class=\"more\">\(MarkupText.escape(note))</p>\n"
            }
        }
        body += failing(digest.failingSources, labels: labels)
        body += "</main>"
        return HTMLPage.document(language: labels.language, title: title, body: body)
    }

    /// The failing sources the profile reads, after the items; nothing when all is well.
    private static func failing(_ sources: [FailingSource], labels: DigestLabels) -> String {
        guard !sources.isEmpty else { return "" }
        var html = "<section class=\"failing\">\n<h2>\(MarkupText.escape(labels.failingSources))</h2>\n<ul>\n"
        for source in sources {
            html += "<li><strong>\(MarkupText.escape(UntrustedText.plain(source.name)))</strong> — "
            html += MarkupText.escape(labels.failureSummary(source) + labels.colon)
            html += "<span class=\"error\">\(MarkupText.escape(UntrustedText.clipped(source.lastError, limit: DigestEntry.snippetLimit)))</span></li>\n"
        }
        return html + "</ul>\n</section>\n"
    }

    /// One entry, its title a heading of level `heading`.
    private static func item(_ entry: DigestEntry, rank: Int, heading level: Int, labels: DigestLabels) -> String {
        var title = UntrustedText.plain(entry.title)
        if title.isEmpty { title = labels.untitled }
        let heading = UntrustedText.webLink(entry.link).map { HTMLPage.link($0, title) } ?? MarkupText.escape(title)

        var meta = [MarkupText.escape(UntrustedText.plain(entry.source))]
        if let published = entry.published {
            meta.append("<time datetime=\"\(JSONDigest.timestamp(published))\">\(MarkupText.escape(labels.day(published)))</time>")
        }
        meta.append("<span class=\"score\">\(labels.score) " + String(format: "%.1f", entry.score) + "</span>")

        var html = "<li class=\"item\">\n<span class=\"rank\">\(rank)</span>\n<div class=\"body\">\n"
        html += "<h\(level)>\(heading)</h\(level)>\n"
        html += "<p class=\"meta\">" + meta.filter { !$0.isEmpty }.joined(separator: " · ") + "</p>\n"
        html += evidence(entry, labels: labels)
        html += copies(entry.alsoPublishedBy, labels: labels)
        let snippet = entry.snippet.map { UntrustedText.clipped($0, limit: DigestEntry.snippetLimit) } ?? ""
        if !snippet.isEmpty {
            html += "<p class=\"snippet\">\(highlighted(snippet, surfaces: entry.highlights.map(UntrustedText.plain)))</p>\n"
        }
        html += "</div>\n</li>\n"
        return html
    }

    /// `Thèmes : [Casques] [Export] · Termes : réalité augmentée, casque`: topics as chips, terms as text,
    /// either left out when empty.
    private static func evidence(_ entry: DigestEntry, labels: DigestLabels) -> String {
        func heading(_ label: String) -> String {
            "<span class=\"label\">\(MarkupText.escape((label + labels.colon).trimmingCharacters(in: .whitespaces)))</span> "
        }
        var parts: [String] = []
        let topics = entry.topics.map(UntrustedText.plain).filter { !$0.isEmpty }
        if !topics.isEmpty {
            parts.append(heading(labels.topics) + topics.map { "<span class=\"chip\">\(MarkupText.escape($0))</span>" }.joined(separator: " "))
        }
        let terms = entry.terms.map(UntrustedText.plain).filter { !$0.isEmpty }
        if !terms.isEmpty {
            parts.append(heading(labels.terms) + "<span class=\"terms\">\(MarkupText.escape(terms.joined(separator: ", ")))</span>")
        }
        guard !parts.isEmpty else { return "" }
        return "<p class=\"evidence\">" + parts.map { "<span class=\"group\">\($0)</span>" }.joined(separator: " ") + "</p>\n"
    }

    /// `Aussi publié par : Source B, Source C`, each source a link to its copy when it has a web link;
    /// nothing for a story only one source carries.
    private static func copies(_ copies: [PublishedCopy], labels: DigestLabels) -> String {
        let listed = copies.compactMap { copy -> String? in
            let source = UntrustedText.plain(copy.source)
            guard !source.isEmpty else { return nil }
            return UntrustedText.webLink(copy.link).map { HTMLPage.link($0, source) } ?? MarkupText.escape(source)
        }
        guard !listed.isEmpty else { return "" }
        let label = MarkupText.escape((labels.alsoPublishedBy + labels.colon).trimmingCharacters(in: .whitespaces))
        return "<p class=\"copies\"><span class=\"label\">\(label)</span> " + listed.joined(separator: ", ") + "</p>\n"
    }

    /// `text` escaped, with each of the matched words wrapped in `<mark>`.
    static func highlighted(_ text: String, surfaces: [String]) -> String {
        var html = ""
        var cursor = text.startIndex
        for range in TermHighlighter(surfaces: surfaces).ranges(in: text) {
            html += MarkupText.escape(String(text[cursor..<range.lowerBound]))
            html += "<mark>" + MarkupText.escape(String(text[range])) + "</mark>"
            cursor = range.upperBound
        }
        return html + MarkupText.escape(String(text[cursor...]))
    }
}
