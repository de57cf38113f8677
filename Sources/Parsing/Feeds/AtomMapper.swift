import Foundation
import Model

/// Maps Atom 1.0 and Atom 0.3 documents to the model.
enum AtomMapper {
    static func document<Element: FeedElement>(root: Element) -> ParsedDocument {
        let namespaces = namespaces(of: root)
        return document(root: root, entries: root.descendants(.entry, in: namespaces).map { entry($0, in: namespaces, feedAuthor: nil) })
    }

    /// The document around `entries`, mapped already without the feed's author, which they take here when
    /// they have none of their own: a feed may name its author after its entries.
    static func document<Element: FeedElement>(root: Element, entries: [FeedItem]) -> ParsedDocument {
        let namespaces = namespaces(of: root)
        let feedAuthor = feedAuthor(root, in: namespaces)
        return ParsedDocument(
            format: .atom,
            title: root.child(.title, in: namespaces).flatMap(TextConstructs.atom),
            link: alternateLink(root, in: namespaces),
            language: root.language,
            items: entries.map { entry in
                var entry = entry
                if entry.author == nil { entry.author = feedAuthor }
                return entry
            }
        )
    }

    /// The feed's author, which entries without their own take.
    static func feedAuthor<Element: FeedElement>(_ root: Element, in namespaces: NamespaceSet) -> String? {
        root.child(.author, in: namespaces).flatMap { personName($0, in: namespaces) }
    }

    /// The namespace the feed's Atom elements are in: 1.0, 0.3, none for feeds that forgot it, or the
    /// feed's own for drafts that used another.
    static func namespaces<Element: FeedElement>(of root: Element) -> NamespaceSet {
        guard let uri = root.namespaceURI else { return .none }
        if NamespaceSet.atom03.contains(uri) { return .atom03 }
        if NamespaceSet.atom10.contains(uri) { return .atom10 }
        return NamespaceSet(uri: uri)
    }

    static func entry<Element: FeedElement>(_ entry: Element, in namespaces: NamespaceSet, feedAuthor: String?) -> FeedItem {
        FeedItem(
            id: entry.child(.id, in: namespaces).flatMap(TextConstructs.plain),
            title: entry.child(.title, in: namespaces).flatMap(TextConstructs.atom) ?? ExtensionFields.mediaTitle(entry),
            link: alternateLink(entry, in: namespaces) ?? permalinkID(entry, in: namespaces),
            published: published(entry, in: namespaces),
            updated: updated(entry, in: namespaces),
            author: author(entry, in: namespaces) ?? feedAuthor,
            summaryText: summary(entry, in: namespaces),
            contentText: entry.child(.content, in: namespaces).flatMap(contentText),
            categories: categories(entry, in: namespaces),
            enclosures: ExtensionFields.enclosures(entry, atom: namespaces)
        )
    }

    /// The first `link` whose `rel` is `alternate` or absent, resolved against its `xml:base`; its text
    /// when it has no `href`, as some Atom 0.3 generators wrote it.
    static func alternateLink<Element: FeedElement>(_ element: Element, in namespaces: NamespaceSet) -> String? {
        for link in element.childElements where link.isNamed(.link, in: namespaces) {
            let rel = link.attribute("rel").map(PlainTextBuilder.collapse)?.lowercased() ?? ""
            guard rel.isEmpty || rel == "alternate" || rel == "http://www.iana.org/assignments/relation/alternate",
                  let href = link.attribute("href").flatMap(RSSMapper.nonEmptyTrimmed) ?? TextConstructs.plain(link),
                  let resolved = link.resolve(href)
            else { continue }
            return resolved
        }
        return nil
    }

    /// An `id` that is an http(s) URL doubles as the permalink when the entry has no alternate link.
    static func permalinkID<Element: FeedElement>(_ entry: Element, in namespaces: NamespaceSet) -> String? {
        guard let id = entry.child(.id, in: namespaces).flatMap(TextConstructs.plain) else { return nil }
        let lowercased = id.lowercased()
        guard lowercased.hasPrefix("http://") || lowercased.hasPrefix("https://") else { return nil }
        return id
    }

    /// `published`, then Atom 0.3's `issued` and `created`.
    static func published<Element: FeedElement>(_ entry: Element, in namespaces: NamespaceSet) -> Date? {
        RSSMapper.firstDate(entry, [(.published, namespaces), (.issued, namespaces), (.created, namespaces),
                                    (.date, .dublinCore)])
    }

    /// `updated`, then Atom 0.3's `modified`, Dublin Core's, and `dc:date` as in RSS; never the publication date.
    static func updated<Element: FeedElement>(_ entry: Element, in namespaces: NamespaceSet) -> Date? {
        RSSMapper.firstDate(entry, [(.updated, namespaces), (.modified, namespaces), (.modified, .dcTerms),
                                    (.date, .dublinCore)])
    }

    static func author<Element: FeedElement>(_ entry: Element, in namespaces: NamespaceSet) -> String? {
        entry.child(.author, in: namespaces).flatMap { personName($0, in: namespaces) }
            ?? entry.child(.creator, in: .dublinCore).flatMap(TextConstructs.plain)
    }

    /// A person construct's name, or its e-mail when that is all there is.
    static func personName<Element: FeedElement>(_ person: Element, in namespaces: NamespaceSet) -> String? {
        person.child(.name, in: namespaces).flatMap(TextConstructs.plain)
            ?? person.child(.email, in: namespaces).flatMap(TextConstructs.plain)
    }

    /// `summary`, `dc:description`, then `media:description` (YouTube's channel feeds).
    static func summary<Element: FeedElement>(_ entry: Element, in namespaces: NamespaceSet) -> String? {
        entry.child(.summary, in: namespaces).flatMap(TextConstructs.atom)
            ?? entry.child(.description, in: .dublinCore).flatMap(TextConstructs.html)
            ?? ExtensionFields.mediaDescription(entry)
    }

    /// An `atom:content` as text; content that lives elsewhere (`src`) has none here.
    static func contentText<Element: FeedElement>(_ content: Element) -> String? {
        guard content.attribute("src") == nil else { return nil }
        return TextConstructs.atom(content)
    }

    /// In document order: `category/@term` (its `scheme` is not kept), `dc:subject`, and the Media RSS and
    /// iTunes categories.
    static func categories<Element: FeedElement>(_ entry: Element, in namespaces: NamespaceSet) -> [String] {
        var terms: [String] = []
        for child in entry.childElements {
            if child.isNamed(.category, in: namespaces) {
                if let term = child.attribute("term").flatMap(RSSMapper.nonEmptyTrimmed) { terms.append(term) }
            } else if child.isNamed(.subject, in: .dublinCore) {
                if let term = TextConstructs.plain(child) { terms.append(term) }
            } else if let extensionTerms = ExtensionFields.categories(from: child) {
                terms += extensionTerms
            }
        }
        return terms
    }
}
