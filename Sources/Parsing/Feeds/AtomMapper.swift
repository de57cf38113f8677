import Foundation
import Model

/// Maps Atom 1.0 and Atom 0.3 documents to the model.
enum AtomMapper {
    static func document<Element: FeedElement>(root: Element) -> ParsedDocument {
        let namespaces = namespaces(of: root)
        let feedAuthor = root.child("author", in: namespaces).flatMap { personName($0, in: namespaces) }
        return ParsedDocument(
            format: .atom,
            title: root.child("title", in: namespaces).flatMap(TextConstructs.atom),
            link: alternateLink(root, in: namespaces),
            language: root.language,
            items: root.descendants("entry", in: namespaces).map { entry($0, in: namespaces, feedAuthor: feedAuthor) }
        )
    }

    /// The namespace the feed's Atom elements are in: 1.0, 0.3, or none for feeds that forgot it.
    static func namespaces<Element: FeedElement>(of root: Element) -> NamespaceSet {
        if NamespaceSet.atom03.contains(root.namespaceURI) { return .atom03 }
        if root.namespaceURI == nil { return .none }
        return .atom10
    }

    static func entry<Element: FeedElement>(_ entry: Element, in namespaces: NamespaceSet, feedAuthor: String?) -> FeedItem {
        FeedItem(
            id: entry.child("id", in: namespaces).flatMap(TextConstructs.plain),
            title: entry.child("title", in: namespaces).flatMap(TextConstructs.atom),
            link: alternateLink(entry, in: namespaces) ?? permalinkID(entry, in: namespaces),
            published: published(entry, in: namespaces),
            updated: updated(entry, in: namespaces),
            author: author(entry, in: namespaces) ?? feedAuthor,
            summaryText: summary(entry, in: namespaces),
            contentText: entry.child("content", in: namespaces).flatMap(contentText),
            categories: categories(entry, in: namespaces)
        )
    }

    /// The first `link` whose `rel` is `alternate` or absent, resolved against its `xml:base`.
    static func alternateLink<Element: FeedElement>(_ element: Element, in namespaces: NamespaceSet) -> String? {
        for link in element.children("link", in: namespaces) {
            let rel = link.attribute("rel").map(PlainTextBuilder.collapse)?.lowercased() ?? ""
            guard rel.isEmpty || rel == "alternate" || rel == "http://www.iana.org/assignments/relation/alternate",
                  let href = link.attribute("href").flatMap(RSSMapper.nonEmptyTrimmed), let resolved = link.resolve(href)
            else { continue }
            return resolved
        }
        return nil
    }

    /// An `id` that is an http(s) URL doubles as the permalink when the entry has no alternate link.
    static func permalinkID<Element: FeedElement>(_ entry: Element, in namespaces: NamespaceSet) -> String? {
        guard let id = entry.child("id", in: namespaces).flatMap(TextConstructs.plain) else { return nil }
        let lowercased = id.lowercased()
        guard lowercased.hasPrefix("http://") || lowercased.hasPrefix("https://") else { return nil }
        return id
    }

    /// `published`, then Atom 0.3's `issued` and `created`.
    static func published<Element: FeedElement>(_ entry: Element, in namespaces: NamespaceSet) -> Date? {
        RSSMapper.firstDate(entry, [("published", namespaces), ("issued", namespaces), ("created", namespaces),
                                    ("date", .dublinCore)])
    }

    /// `updated`, then Atom 0.3's `modified`; never the publication date.
    static func updated<Element: FeedElement>(_ entry: Element, in namespaces: NamespaceSet) -> Date? {
        RSSMapper.firstDate(entry, [("updated", namespaces), ("modified", namespaces), ("modified", .dcTerms)])
    }

    static func author<Element: FeedElement>(_ entry: Element, in namespaces: NamespaceSet) -> String? {
        entry.child("author", in: namespaces).flatMap { personName($0, in: namespaces) }
            ?? entry.child("creator", in: .dublinCore).flatMap(TextConstructs.plain)
    }

    /// A person construct's name, or its e-mail when that is all there is.
    static func personName<Element: FeedElement>(_ person: Element, in namespaces: NamespaceSet) -> String? {
        person.child("name", in: namespaces).flatMap(TextConstructs.plain)
            ?? person.child("email", in: namespaces).flatMap(TextConstructs.plain)
    }

    static func summary<Element: FeedElement>(_ entry: Element, in namespaces: NamespaceSet) -> String? {
        entry.child("summary", in: namespaces).flatMap(TextConstructs.atom)
            ?? entry.child("description", in: .dublinCore).flatMap(TextConstructs.html)
    }

    /// An `atom:content` as text; content that lives elsewhere (`src`) has none here.
    static func contentText<Element: FeedElement>(_ content: Element) -> String? {
        guard content.attribute("src") == nil else { return nil }
        return TextConstructs.atom(content)
    }

    /// `category/@term`, then `dc:subject`, in document order.
    static func categories<Element: FeedElement>(_ entry: Element, in namespaces: NamespaceSet) -> [String] {
        entry.childElements.compactMap { child in
            if child.isNamed("category", in: namespaces) { return child.attribute("term").flatMap(RSSMapper.nonEmptyTrimmed) }
            if child.isNamed("subject", in: .dublinCore) { return TextConstructs.plain(child) }
            return nil
        }
    }
}
