/// An element built from libxml2's SAX2 events: only what the feed mappers read through `FeedElement`.
///
/// A class because the mappers' protocol hands out `[Self]` children and the builder appends to an open
/// element while its children are being read; the tree is owned by one `SAXFeedBuilder` and never shared
/// across threads while it grows.
final class SAXElement: FeedElement {
    /// Character data (UTF-8 as libxml2 hands it out, made a string once per field) or a child element,
    /// in document order.
    enum Piece {
        case text([UInt8])
        case element(SAXElement)
    }

    /// An attribute as SAX2 reports it, its value whitespace-collapsed and its references decoded.
    struct Attribute {
        let localName: String
        let namespaceURI: String?
        let value: String
    }

    let localName: String
    let namespaceURI: String?
    let attributes: [Attribute]
    /// The base URI in effect here, resolved when the element started from its parent's and its `xml:base`.
    let baseURI: String?
    /// The `xml:lang` in effect here.
    let language: String?
    private(set) var childElements: [SAXElement] = []
    private(set) var pieces: [Piece] = []

    init(localName: String, namespaceURI: String?, attributes: [Attribute], parent: SAXElement?, documentURL: String?) {
        self.localName = localName
        self.namespaceURI = namespaceURI
        self.attributes = attributes
        let inheritedBase = parent.map(\.baseURI) ?? documentURL
        let base = attributes.first { $0.localName == "base" && $0.namespaceURI == NamespaceSet.xmlURI }?.value
        self.baseURI = base.map { URIResolver.webBase($0, against: inheritedBase) } ?? inheritedBase
        self.language = attributes.first { $0.localName == "lang" && $0.namespaceURI == NamespaceSet.xmlURI }?.value
            ?? parent?.language
    }

    func append(_ child: SAXElement) {
        childElements.append(child)
        pieces.append(.element(child))
    }

    func append(text: [UInt8]) {
        pieces.append(.text(text))
    }

    /// Drops a child the builder has already mapped, so that its subtree can be freed.
    func removeLastChild(_ child: SAXElement) {
        if childElements.last === child { childElements.removeLast() }
        if case .element(let last) = pieces.last, last === child { pieces.removeLast() }
    }

    func attribute(_ name: String) -> String? {
        attributes.first { $0.localName == name && $0.namespaceURI == nil }?.value
    }

    func attribute(_ name: String, namespaceURI: String) -> String? {
        attributes.first { $0.localName == name && $0.namespaceURI == namespaceURI }?.value
    }

    var characterData: String {
        if pieces.count == 1, case .text(let text) = pieces[0] {
            var builder = PlainTextBuilder()
            builder.reserveCapacity(text.count)
            text.withUnsafeBufferPointer { builder.append(utf8: $0) }
            return builder.text
        }
        return text(rules: .characterData)
    }

    var markupText: String {
        text(rules: .html)
    }

    /// Escaped HTML held in one piece of text, as most descriptions are, is read straight from it: the
    /// scanner collapses whitespace itself.
    var htmlText: String {
        if pieces.count == 1, case .text(let text) = pieces[0] { return text.withUnsafeBufferPointer(HTMLText.plainText(fromHTMLUTF8:)) }
        return HTMLText.plainText(fromHTML: characterData)
    }

    /// The text below this element read with `rules`, iteratively: block elements separate words, dropped
    /// ones are skipped with their content.
    private func text(rules: MarkupTextRules) -> String {
        var builder = PlainTextBuilder()
        var pending: [(element: SAXElement, next: Int)] = [(self, 0)]
        while let (element, next) = pending.popLast(), !builder.isFull {
            guard next < element.pieces.count else {
                if element !== self, !rules.separating.isEmpty, rules.separating.contains(element.localName.lowercased()) {
                    builder.separate()
                }
                continue
            }
            pending.append((element, next + 1))
            switch element.pieces[next] {
            case .text(let text):
                text.withUnsafeBufferPointer { builder.append(utf8: $0) }
            case .element(let child):
                if !rules.dropped.isEmpty, rules.dropped.contains(child.localName.lowercased()) { continue }
                if !rules.separating.isEmpty, rules.separating.contains(child.localName.lowercased()) { builder.separate() }
                pending.append((child, 0))
            }
        }
        return builder.text
    }
}
