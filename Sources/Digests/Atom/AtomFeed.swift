import Foundation

/// Renders a profile's recent digest items as an Atom 1.0 feed (RFC 4287), for feed readers.
///
/// It is built from the digests' JSON documents rather than from `Digest` values, so that the items of
/// the period just written and those read back from earlier periods are cleaned the same way and keep
/// the same ids from one rewrite of the feed to the next.
enum AtomFeed {
    /// The feed's file name is `PROFILE.atom`, at the top of the digests directory.
    static let fileExtension = "atom"
    /// The feed's link text in the index.
    static let displayName = "Atom"
    /// The most entries a feed holds; older ones fall off.
    static let entryLimit = 100
    /// How many of the newest period folders a feed is built from, full or not: enough for any reader
    /// that polls at least monthly, and a bound on what each digest written reads back.
    static let periodLimit = 31

    /// A feed of the items of `periods` (newest first), in that order then by rank, without duplicate ids.
    ///
    /// An entry's id is a name-based UUID of its link, or of its period and title when it has no web link;
    /// its `updated` is the time its digest was generated. Documents whose `generated_at` is not a date are skipped.
    static func render(profile: String, profileName: String, language: String, periods: [JSONDigest.Document]) -> String {
        let labels = DigestLabels.forLanguage(language)
        var seen: Set<String> = []
        var entries: [String] = []
        var updated: Date?
        for document in periods {
            guard let generated = date(document.generatedAt) else { continue }
            updated = max(updated ?? generated, generated)
            for item in document.items where entries.count < entryLimit {
                let id = entryID(item, period: document.period)
                guard seen.insert(id).inserted else { continue }
                entries.append(entry(item, id: id, updated: generated, labels: labels))
            }
        }
        let name = UntrustedText.plain(profileName)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(labels.language)">
            <id>urn:veilleur:feed:\(urnPart(profile))</id>
            <title>\(MarkupText.escape(name.isEmpty ? UntrustedText.plain(profile) : name))</title>
            <updated>\(timestamp(updated ?? Date(timeIntervalSince1970: 0)))</updated>
            <author><name>veilleur</name></author>
            <generator>veilleur</generator>
            <link rel="alternate" type="text/html" href="\(MarkupText.escape(RelativeURL.path("latest", profile + ".html")))"/>

            """
        xml += entries.joined()
        xml += "</feed>\n"
        return xml
    }

    /// The same for every rewrite of the feed: the link is what identifies an item across sources and
    /// days, and an http(s) URL is a valid Atom id as it is. An item without one is named by period and title.
    static func entryID(_ item: JSONDigest.Item, period: String) -> String {
        if let link = UntrustedText.webLink(item.link) { return link }
        return "urn:veilleur:item:\(urnPart(period)):\(urnPart(UntrustedText.plain(item.title)))"
    }

    /// Percent-encodes everything but unreserved characters, so any text fits in a URN.
    private static func urnPart(_ text: String) -> String {
        var unreserved = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        unreserved.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// An entry; the story's other sources become `related` links and a last line of its text.
    private static func entry(_ item: JSONDigest.Item, id: String, updated: Date, labels: DigestLabels) -> String {
        let title = UntrustedText.plain(item.title)
        var xml = "<entry>\n<id>\(MarkupText.escape(id))</id>\n<title type=\"text\">\(MarkupText.escape(title.isEmpty ? "—" : title))</title>\n"
        xml += "<updated>\(timestamp(updated))</updated>\n"
        if let published = item.published.flatMap(date) { xml += "<published>\(timestamp(published))</published>\n" }
        let source = UntrustedText.plain(item.source)
        if !source.isEmpty { xml += "<author><name>\(MarkupText.escape(source))</name></author>\n" }
        for topic in item.topics.map(UntrustedText.plain) where !topic.isEmpty {
            xml += "<category term=\"\(MarkupText.escape(topic))\"/>\n"
        }
        let copies = (item.alsoPublishedBy ?? []).filter { !UntrustedText.plain($0.source).isEmpty }
        for copy in copies {
            guard let link = UntrustedText.webLink(copy.link) else { continue }
            xml += "<link rel=\"related\" href=\"\(MarkupText.escape(link))\" title=\"\(MarkupText.escape(UntrustedText.plain(copy.source)))\"/>\n"
        }
        var snippet = item.snippet.map(UntrustedText.plain) ?? ""
        if !copies.isEmpty {
            let sources = labels.alsoPublishedBy + labels.colon + copies.map { UntrustedText.plain($0.source) }.joined(separator: ", ")
            snippet = snippet.isEmpty ? sources : snippet + " · " + sources
        }
        if let link = UntrustedText.webLink(item.link) {
            xml += "<link rel=\"alternate\" href=\"\(MarkupText.escape(link))\"/>\n"
            if !snippet.isEmpty { xml += "<summary type=\"text\">\(MarkupText.escape(snippet))</summary>\n" }
        } else {
            // RFC 4287 §4.1.2: an entry without an alternate link must carry content.
            xml += "<content type=\"text\">\(MarkupText.escape(snippet.isEmpty ? title : snippet))</content>\n"
        }
        return xml + "</entry>\n"
    }

    private static func date(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }

    private static func timestamp(_ date: Date) -> String {
        JSONDigest.timestamp(date)
    }
}
