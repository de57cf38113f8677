/// Renders `digests/index.html`: the newest digest of each profile, then every period, newest first,
/// with relative links to each profile's files.
///
/// Its words are the folder names and the format names, so it reads the same whatever the profiles' languages.
enum DigestIndexPage {
    /// One row: a profile and the links to its files.
    struct Row {
        var profile: String
        /// Link text and relative target, in display order.
        var links: [(text: String, href: String)]
    }

    /// A titled group of rows: `latest` or a period.
    struct Section {
        var title: String
        var rows: [Row]
    }

    static func render(_ sections: [Section]) -> String {
        var body = "<header>\n<h1>veilleur</h1>\n</header>\n<main>\n"
        for section in sections where !section.rows.isEmpty {
            body += "<section class=\"period\">\n<h2 class=\"period-title\">\(MarkupText.escape(section.title))</h2>\n<table>\n"
            for row in section.rows {
                let links = row.links.map { HTMLPage.link($0.href, $0.text) }.joined()
                body += "<tr><td>\(MarkupText.escape(UntrustedText.plain(row.profile)))</td><td class=\"formats\">\(links)</td></tr>\n"
            }
            body += "</table>\n</section>\n"
        }
        body += "</main>"
        return HTMLPage.document(language: "fr", title: "veilleur", body: body)
    }
}
