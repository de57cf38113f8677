import Model

/// Fields that RSS and Atom borrow alike from Media RSS and iTunes, as fallbacks for their own.
enum ExtensionFields {
    /// `media:title`, on the entry, in its `media:group` or on its first `media:content`.
    static func mediaTitle<Element: FeedElement>(_ entry: Element) -> String? {
        mediaText(.title, in: entry)
    }

    /// `media:description`, where `mediaTitle` looks: YouTube's feeds carry their only description there.
    static func mediaDescription<Element: FeedElement>(_ entry: Element) -> String? {
        mediaText(.description, in: entry)
    }

    /// The category terms one child of an entry contributes, or nil when it is no extension category:
    /// `media:category`, `itunes:category/@text` with the categories nested in it, and the comma-separated
    /// `itunes:keywords`. Schemes (`scheme`, `domain`) are not kept: terms are what profiles match.
    static func categories<Element: FeedElement>(from child: Element) -> [String]? {
        if child.isNamed(.category, in: .mediaRSS) { return TextConstructs.plain(child).map { [$0] } ?? [] }
        if child.isNamed(.category, in: .itunes) {
            var terms: [String] = []
            var pending = [child]
            while let category = pending.popLast() {
                if let term = category.attribute("text").flatMap(RSSMapper.nonEmptyTrimmed) { terms.append(term) }
                pending.append(contentsOf: category.children(.category, in: .itunes).reversed())
            }
            return terms
        }
        if child.isNamed(.keywords, in: .itunes) {
            return child.characterData.split(separator: ",").compactMap { RSSMapper.nonEmptyTrimmed(String($0)) }
        }
        return nil
    }

    private static func mediaText<Element: FeedElement>(_ name: FeedName, in entry: Element) -> String? {
        if let text = entry.child(name, in: .mediaRSS).flatMap(mediaTextConstruct) { return text }
        for group in entry.childElements where group.isNamed(.group, in: .mediaRSS) {
            if let text = group.child(name, in: .mediaRSS).flatMap(mediaTextConstruct) { return text }
        }
        return entry.child(.content, in: .mediaRSS)?.child(name, in: .mediaRSS).flatMap(mediaTextConstruct)
    }

    /// Media RSS text: `type="html"` is escaped HTML, anything else plain text.
    private static func mediaTextConstruct<Element: FeedElement>(_ element: Element) -> String? {
        element.attribute("type")?.lowercased() == "html" ? TextConstructs.html(element) : TextConstructs.plain(element)
    }
}

extension ExtensionFields {
    /// The entry's attached files, in document order and each URL once: RSS `enclosure`, Atom
    /// `link rel="enclosure"` (in `atom`), then Media RSS `media:content`, on the entry or in its `media:group`.
    static func enclosures<Element: FeedElement>(_ entry: Element, atom: NamespaceSet) -> [Enclosure] {
        var found: [Enclosure] = []
        var seen: Set<String> = []
        func add(_ element: Element, url: String?, type: String?, length: String?) {
            guard let url = url.flatMap(RSSMapper.nonEmptyTrimmed).flatMap(element.resolve), seen.insert(url).inserted else { return }
            found.append(Enclosure(url: url, type: type.flatMap(RSSMapper.nonEmptyTrimmed), length: length.flatMap(byteCount)))
        }
        for child in entry.childElements {
            if child.isNamed(.enclosure, in: .rss) {
                add(child, url: child.attribute("url"), type: child.attribute("type"), length: child.attribute("length"))
            } else if child.isNamed(.link, in: atom), child.attribute("rel").map(PlainTextBuilder.collapse)?.lowercased() == "enclosure" {
                add(child, url: child.attribute("href"), type: child.attribute("type"), length: child.attribute("length"))
            }
        }
        func addContents(of holder: Element) {
            for content in holder.childElements where content.isNamed(.content, in: .mediaRSS) {
                add(content, url: content.attribute("url"), type: content.attribute("type"), length: content.attribute("fileSize"))
            }
        }
        addContents(of: entry)
        for group in entry.childElements where group.isNamed(.group, in: .mediaRSS) { addContents(of: group) }
        return found
    }

    /// A non-negative decimal size; feeds write `0`, `-1` or nothing when they do not know.
    static func byteCount(_ text: String) -> Int? {
        guard let value = Int(PlainTextBuilder.collapse(text)), value > 0 else { return nil }
        return value
    }
}
