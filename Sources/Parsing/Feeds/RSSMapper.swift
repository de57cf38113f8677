import Foundation
import Model

/// Maps RSS 0.9x/2.0 and RDF (RSS 0.90/1.0) documents to the model. The two share their element
/// names; RDF only adds `rdf:about` identifiers and puts items beside the channel.
enum RSSMapper {
    static func document<Element: FeedElement>(root: Element, format: ParsedDocument.Format) -> ParsedDocument {
        let channel = root.child("channel", in: .rss)
        let items = root.descendants("item", in: .rss)
        return ParsedDocument(
            format: format,
            title: channel.flatMap { $0.child("title", in: .rss) }.flatMap(TextConstructs.html),
            link: channel.flatMap(link),
            language: channel.flatMap(language) ?? root.language,
            items: items.map(item)
        )
    }

    static func item<Element: FeedElement>(_ item: Element) -> FeedItem {
        FeedItem(
            id: id(item), title: title(item), link: link(item),
            published: published(item), updated: updated(item), author: author(item),
            summaryText: summary(item), contentText: content(item), categories: categories(item)
        )
    }

    /// `guid`, then RDF's `rdf:about`, then a borrowed `atom:id`.
    static func id<Element: FeedElement>(_ item: Element) -> String? {
        item.child("guid", in: .rss).flatMap(TextConstructs.plain)
            ?? item.attribute("about", namespaceURI: NamespaceSet.rdfURI).flatMap(nonEmptyTrimmed)
            ?? item.child("id", in: .anyAtom).flatMap(TextConstructs.plain)
    }

    /// `title`, then Dublin Core's and Media RSS's titles.
    static func title<Element: FeedElement>(_ item: Element) -> String? {
        item.child("title", in: .rss).flatMap(TextConstructs.html)
            ?? item.child("title", in: .dublinCore).flatMap(TextConstructs.html)
            ?? item.child("title", in: .mediaRSS).flatMap(TextConstructs.html)
    }

    /// `link`, then an Atom alternate link, then a `guid` that is a permalink (the RSS 2.0 default).
    static func link<Element: FeedElement>(_ element: Element) -> String? {
        if let link = element.children("link", in: .rss).lazy.compactMap(resolvedText).first { return link }
        if let link = AtomMapper.alternateLink(element, in: .anyAtom) { return link }
        return permalinkGUID(element)
    }

    static func permalinkGUID<Element: FeedElement>(_ item: Element) -> String? {
        guard let guid = item.child("guid", in: .rss), guid.attribute("isPermaLink")?.lowercased() != "false",
              let text = TextConstructs.plain(guid), text.lowercased().hasPrefix("http")
        else { return nil }
        return guid.resolve(text)
    }

    /// `pubDate`, `dc:date`, then Dublin Core terms and borrowed Atom dates of first publication.
    static func published<Element: FeedElement>(_ item: Element) -> Date? {
        firstDate(item, [("pubDate", .rss), ("date", .dublinCore), ("issued", .dcTerms), ("created", .dcTerms),
                         ("published", .anyAtom), ("issued", .anyAtom)])
    }

    /// Only dates that say "modified"; never the publication date.
    static func updated<Element: FeedElement>(_ item: Element) -> Date? {
        firstDate(item, [("updated", .anyAtom), ("modified", .anyAtom), ("modified", .dcTerms)])
    }

    /// `author` (often an e-mail address, kept as written), `dc:creator`, Atom's author, iTunes' author.
    static func author<Element: FeedElement>(_ item: Element) -> String? {
        item.child("author", in: .rss).flatMap(TextConstructs.plain)
            ?? item.child("creator", in: .dublinCore).flatMap(TextConstructs.plain)
            ?? item.child("author", in: .anyAtom).flatMap { AtomMapper.personName($0, in: .anyAtom) }
            ?? item.child("author", in: .itunes).flatMap(TextConstructs.plain)
    }

    /// `description` (HTML), `dc:description`, then a borrowed `atom:summary`.
    static func summary<Element: FeedElement>(_ item: Element) -> String? {
        item.child("description", in: .rss).flatMap(TextConstructs.html)
            ?? item.child("description", in: .dublinCore).flatMap(TextConstructs.html)
            ?? item.child("summary", in: .anyAtom).flatMap(TextConstructs.atom)
    }

    /// `content:encoded` (HTML), a borrowed `atom:content`, then inline `xhtml:body`.
    static func content<Element: FeedElement>(_ item: Element) -> String? {
        item.child("encoded", in: .content).flatMap(TextConstructs.html)
            ?? item.child("content", in: .anyAtom).flatMap(AtomMapper.contentText)
            ?? item.child("body", in: .xhtml).flatMap { TextConstructs.nonEmpty($0.markupText) }
    }

    /// `category` and `dc:subject` texts, then Atom `category/@term`, in document order.
    static func categories<Element: FeedElement>(_ item: Element) -> [String] {
        item.childElements.compactMap { child in
            if child.isNamed("category", in: .rss) || child.isNamed("subject", in: .dublinCore) {
                return TextConstructs.plain(child)
            }
            if child.isNamed("category", in: .anyAtom) { return child.attribute("term").flatMap(nonEmptyTrimmed) }
            return nil
        }
    }

    static func language<Element: FeedElement>(_ channel: Element) -> String? {
        channel.child("language", in: .rss).flatMap(TextConstructs.plain)
            ?? channel.child("language", in: .dublinCore).flatMap(TextConstructs.plain)
    }

    /// A link's text, or its `href` for feeds that write Atom-style links without the Atom namespace.
    private static func resolvedText<Element: FeedElement>(_ link: Element) -> String? {
        (TextConstructs.plain(link) ?? link.attribute("href").flatMap(nonEmptyTrimmed)).flatMap(link.resolve)
    }

    static func firstDate<Element: FeedElement>(_ element: Element, _ candidates: [(String, NamespaceSet)]) -> Date? {
        for (name, namespaces) in candidates {
            for child in element.children(name, in: namespaces) {
                if let date = FeedDate.parse(child.characterData) { return date }
            }
        }
        return nil
    }

    static func nonEmptyTrimmed(_ text: String) -> String? {
        TextConstructs.nonEmpty(PlainTextBuilder.collapse(text))
    }
}
