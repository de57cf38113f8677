/// Renders `digests/index.html`: a card per profile with its newest digest's files, its feed and its trend,
/// then every period, newest first, each digest with its profile's name and kind, its entry count and
/// relative links to its files.
///
/// Its words are in the language the profiles share (French when they differ or none is known). Periods
/// are shown as their folders are named, ordered by the caller; names and kinds come from the profiles'
/// files and are escaped.
enum DigestIndexPage {
    /// A profile's digest of one period, or its newest one in `latest/`.
    struct Row {
        var profile: String
        /// What is known of the profile; nil for one no longer configured.
        var about: IndexedProfile?
        /// The digest's entries, when recorded.
        var entries: Int?
        /// Link text and relative target, in display order.
        var links: [(text: String, href: String)]
    }

    /// A period and its digests.
    struct Section {
        var title: String
        var rows: [Row]
    }

    static func render(language: String, latest: [Row], periods: [Section]) -> String {
        let labels = DigestLabels.forLanguage(language)
        var body = "<header>\n<h1>veilleur — \(MarkupText.escape(labels.indexTitle))</h1>\n</header>\n<main>\n"
        if !latest.isEmpty {
            body += "<section class=\"latest\">\n<h2 class=\"period-title\">\(MarkupText.escape(labels.latest))</h2>\n"
            for row in latest {
                body += "<article class=\"profile\">\n<h3>\(name(of: row))</h3>\n"
                body += "<p class=\"formats\">\(links(row))\(count(row, labels: labels).map { " <span class=\"count\">· \($0)</span>" } ?? "")</p>\n"
                if let trend = row.about?.trend {
                    body += TrendChart.render(trend, labels: labels, headingLevel: 4)
                }
                body += "</article>\n"
            }
            body += "</section>\n"
        }
        for section in periods where !section.rows.isEmpty {
            body += "<section class=\"period\">\n<h2 class=\"period-title\">\(MarkupText.escape(UntrustedText.plain(section.title)))</h2>\n<table>\n"
            for row in section.rows {
                body += "<tr><td>\(name(of: row))</td><td class=\"count\">\(count(row, labels: labels) ?? "")</td>"
                body += "<td class=\"formats\">\(links(row))</td></tr>\n"
            }
            body += "</table>\n</section>\n"
        }
        body += "</main>"
        return HTMLPage.document(language: labels.language, title: "veilleur — " + labels.indexTitle, body: body)
    }

    /// The language of the index: the one every profile shown has, or French.
    static func language(of profiles: [IndexedProfile]) -> String {
        let languages = Set(profiles.map { DigestLabels.forLanguage($0.language).language })
        return languages.count == 1 ? languages.first ?? "fr" : "fr"
    }

    /// `Réalité étendue (technologie)` then the id, escaped; the id alone for an unknown profile.
    private static func name(of row: Row) -> String {
        let id = MarkupText.escape(UntrustedText.plain(row.profile))
        guard let about = row.about else { return id }
        var html = "<strong>\(MarkupText.escape(UntrustedText.plain(about.name)))</strong>"
        let kind = UntrustedText.plain(about.kind)
        if !kind.isEmpty { html += " <span class=\"kind\">(\(MarkupText.escape(kind)))</span>" }
        return html + " <span class=\"id\">\(id)</span>"
    }

    private static func count(_ row: Row, labels: DigestLabels) -> String? {
        row.entries.map { MarkupText.escape(labels.itemCount($0)) }
    }

    private static func links(_ row: Row) -> String {
        row.links.map { HTMLPage.link($0.href, $0.text) }.joined()
    }
}
