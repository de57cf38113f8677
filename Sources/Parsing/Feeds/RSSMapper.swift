import Foundation
import Model

/// Maps RSS 0.9x/2.0 and RDF (RSS 0.90/1.0) documents to the model. The two share their element
/// names; RDF only adds `rdf:about` identifiers and puts items beside the channel.
enum RSSMapper {
    static func document<Element: FeedElement>(root: Element, format: ParsedDocument.Format) -> ParsedDocument {
        document(root: root, format: format, items: root.descendants(.item, in: .rss).map(item))
    }

    /// The document around `items`, mapped already (as they closed, when read by `SAXFeedBuilder`).
    static func document<Element: FeedElement>(root: Element, format: ParsedDocument.Format, items: [FeedItem]) -> ParsedDocument {
        let channel = root.child(.channel, in: .rss)
        return ParsedDocument(
            format: format,
            title: channel.flatMap { $0.child(.title, in: .rss) ?? $0.child(.title, in: .dublinCore) }.flatMap(TextConstructs.html),
            link: channel.flatMap(link),
            language: channel.flatMap(language) ?? root.language,
            items: items
        )
    }

    static func item<Element: FeedElement>(_ item: Element) -> FeedItem {
        var summaries = summaryTexts(item)
        let summary = summaries.next()
        return FeedItem(
            id: id(item), title: title(item), link: link(item),
            published: published(item), updated: updated(item), author: author(item),
            summaryText: summary, contentText: content(item, otherSummaries: &summaries), categories: categories(item),
            enclosures: ExtensionFields.enclosures(item, atom: .anyAtom)
        )
    }

    /// `guid`, then RDF's `rdf:about`, then a borrowed `atom:id`.
    static func id<Element: FeedElement>(_ item: Element) -> String? {
        item.child(.guid, in: .rss).flatMap(TextConstructs.plain)
            ?? item.attribute("about", namespaceURI: NamespaceSet.rdfURI).flatMap(nonEmptyTrimmed)
            ?? item.child(.id, in: .anyAtom).flatMap(TextConstructs.plain)
    }

    /// `title`, then Dublin Core's and Media RSS's titles.
    static func title<Element: FeedElement>(_ item: Element) -> String? {
        item.child(.title, in: .rss).flatMap(TextConstructs.html)
            ?? item.child(.title, in: .dublinCore).flatMap(TextConstructs.html)
            ?? ExtensionFields.mediaTitle(item)
    }

    /// `link`, then an Atom alternate link, then a `guid` that is a permalink (the RSS 2.0 default).
    static func link<Element: FeedElement>(_ element: Element) -> String? {
        for link in element.childElements where link.isNamed(.link, in: .rss) {
            if let resolved = resolvedText(link) { return resolved }
        }
        if let link = AtomMapper.alternateLink(element, in: .anyAtom) { return link }
        return permalinkGUID(element)
    }

    static func permalinkGUID<Element: FeedElement>(_ item: Element) -> String? {
        guard let guid = item.child(.guid, in: .rss), guid.attribute("isPermaLink")?.lowercased() != "false",
              let text = TextConstructs.plain(guid), text.lowercased().hasPrefix("http")
        else { return nil }
        return guid.resolve(text)
    }

    /// `pubDate`, `dc:date`, then Dublin Core terms and borrowed Atom dates of first publication.
    static func published<Element: FeedElement>(_ item: Element) -> Date? {
        firstDate(item, publishedDates)
    }

    private static let publishedDates: [(FeedName, NamespaceSet)] = [
        (.pubDate, .rss), (.date, .dublinCore), (.issued, .dcTerms), (.created, .dcTerms), (.published, .anyAtom), (.issued, .anyAtom),
    ]

    /// Dates that say "modified", then `dc:date`: Dublin Core's one unqualified date is the item's latest
    /// known state as much as its publication (feedparser files it as the update). Never `pubDate`.
    static func updated<Element: FeedElement>(_ item: Element) -> Date? {
        firstDate(item, updatedDates)
    }

    private static let updatedDates: [(FeedName, NamespaceSet)] = [
        (.updated, .anyAtom), (.modified, .anyAtom), (.modified, .dcTerms), (.updated, .rss), (.date, .dublinCore),
    ]

    /// `author` (often an e-mail address, kept as written), `dc:creator`, Atom's author, iTunes' author.
    static func author<Element: FeedElement>(_ item: Element) -> String? {
        item.child(.author, in: .rss).flatMap(TextConstructs.plain)
            ?? item.child(.creator, in: .dublinCore).flatMap(TextConstructs.plain)
            ?? item.child(.author, in: .anyAtom).flatMap { AtomMapper.personName($0, in: .anyAtom) }
            ?? item.child(.author, in: .itunes).flatMap(TextConstructs.plain)
    }

    /// `content:encoded` (HTML), a borrowed `atom:content`, inline `xhtml:body` or a bare `body`, the old
    /// `fullitem`, then the next summary-like text after the summary: podcasts put their show notes in
    /// `itunes:summary` beside a short `description`.
    static func content<Element: FeedElement>(_ item: Element, otherSummaries: inout SummaryTexts<Element>) -> String? {
        item.child(.encoded, in: .content).flatMap(TextConstructs.html)
            ?? item.child(.content, in: .anyAtom).flatMap(AtomMapper.contentText)
            ?? item.child(.body, in: .xhtml).flatMap { TextConstructs.nonEmpty($0.markupText) }
            ?? item.child(.body, in: .rss).flatMap { TextConstructs.nonEmpty($0.markupText) }
            ?? item.child(.fullitem, in: .rss).flatMap(TextConstructs.html)
            ?? otherSummaries.next()
    }

    /// The summary-like texts of an item, in the order they are preferred.
    static func summaryTexts<Element: FeedElement>(_ item: Element) -> SummaryTexts<Element> {
        SummaryTexts(item: item)
    }

    /// The non-empty summary-like texts of an item, read one at a time, as asked for (each may cost an HTML
    /// parse): `description` (HTML), a bare `summary`, `dc:description`, a borrowed `atom:summary`,
    /// `itunes:summary`, then `media:description`.
    struct SummaryTexts<Element: FeedElement>: IteratorProtocol {
        let item: Element
        var position = 0

        mutating func next() -> String? {
            while position < 6 {
                position += 1
                if let text = Self.text(position - 1, of: item) { return text }
            }
            return nil
        }

        private static func text(_ position: Int, of item: Element) -> String? {
            switch position {
            case 0: item.child(.description, in: .rss).flatMap(TextConstructs.html)
            case 1: item.child(.summary, in: .rss).flatMap(TextConstructs.html)
            case 2: item.child(.description, in: .dublinCore).flatMap(TextConstructs.html)
            case 3: item.child(.summary, in: .anyAtom).flatMap(TextConstructs.atom)
            case 4: item.child(.summary, in: .itunes).flatMap(TextConstructs.html)
            default: ExtensionFields.mediaDescription(item)
            }
        }
    }

    /// In document order: `category` and `dc:subject` texts, Atom `category/@term`, the Media RSS and iTunes
    /// categories and keywords, and the comma-separated `tags` some generators write.
    static func categories<Element: FeedElement>(_ item: Element) -> [String] {
        var terms: [String] = []
        for child in item.childElements {
            if child.isNamed(.category, in: .rss) || child.isNamed(.subject, in: .dublinCore) {
                if let term = TextConstructs.plain(child) { terms.append(term) }
            } else if child.isNamed(.category, in: .anyAtom) {
                if let term = child.attribute("term").flatMap(nonEmptyTrimmed) { terms.append(term) }
            } else if child.isNamed(.tags, in: .rss) {
                terms += child.characterData.split(separator: ",").compactMap { nonEmptyTrimmed(String($0)) }
            } else if let extensionTerms = ExtensionFields.categories(from: child) {
                terms += extensionTerms
            }
        }
        return terms
    }

    static func language<Element: FeedElement>(_ channel: Element) -> String? {
        channel.child(.language, in: .rss).flatMap(TextConstructs.plain)
            ?? channel.child(.language, in: .dublinCore).flatMap(TextConstructs.plain)
    }

    /// A link's text, or its `href` for feeds that write Atom-style links without the Atom namespace.
    private static func resolvedText<Element: FeedElement>(_ link: Element) -> String? {
        (TextConstructs.plain(link) ?? link.attribute("href").flatMap(nonEmptyTrimmed)).flatMap(link.resolve)
    }

    static func firstDate<Element: FeedElement>(_ element: Element, _ candidates: [(FeedName, NamespaceSet)]) -> Date? {
        let children = element.childElements
        for (name, namespaces) in candidates {
            for child in children where child.isNamed(name, in: namespaces) {
                if let date = FeedDate.parse(child.characterData) { return date }
            }
        }
        return nil
    }

    static func nonEmptyTrimmed(_ text: String) -> String? {
        TextConstructs.nonEmpty(PlainTextBuilder.collapse(text))
    }
}
