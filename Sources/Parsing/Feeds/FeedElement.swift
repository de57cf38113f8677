/// What the feed mappers need from an element, whatever produced it.
///
/// The mappers only see this protocol, so the libxml2 tree walk that implements it today can be
/// replaced by a SAX2 handler building lightweight elements per entry without touching the mapping.
protocol FeedElement: SendableMetatype {
    /// The element's name without prefix.
    var localName: String { get }
    /// The namespace the element is in (by URI, never by prefix), or `nil` for none.
    var namespaceURI: String? { get }
    /// How the children are handed out: a sequence that can be read more than once.
    associatedtype Children: Sequence<Self>
    /// Child elements in document order.
    var childElements: Children { get }
    /// An attribute in no namespace.
    func attribute(_ name: String) -> String?
    /// An attribute in the namespace `namespaceURI`.
    func attribute(_ name: String, namespaceURI: String) -> String?
    /// The character data of the element and its descendants, whitespace collapsed.
    var characterData: String { get }
    /// The content read as inline XHTML markup, as plain text.
    var markupText: String { get }
    /// The character data read as escaped HTML (RSS `description`, Atom `type="html"`), as plain text.
    var htmlText: String { get }
    /// The base URI in effect here: `xml:base` attributes over the document URL.
    var baseURI: String? { get }
    /// The `xml:lang` in effect here.
    var language: String? { get }
    /// Whether the element is named `name` in one of `namespaces`.
    func isNamed(_ name: FeedName, in namespaces: NamespaceSet) -> Bool
}

extension FeedElement {
    var htmlText: String {
        HTMLText.plainText(fromHTML: characterData)
    }

    /// The first child named `name` in one of `namespaces`.
    func child(_ name: FeedName, in namespaces: NamespaceSet) -> Self? {
        childElements.first { $0.isNamed(name, in: namespaces) }
    }

    /// Every child named `name` in one of `namespaces`.
    func children(_ name: FeedName, in namespaces: NamespaceSet) -> [Self] {
        childElements.filter { $0.isNamed(name, in: namespaces) }
    }

    /// Every descendant named `name` in one of `namespaces`, in document order, including matches nested in matches.
    ///
    /// Feeds gather entries this way rather than from direct children because libxml2's recovery from an
    /// unclosed tag nests the following entries inside the broken one; they must not be lost.
    func descendants(_ name: FeedName, in namespaces: NamespaceSet) -> [Self] {
        var found: [Self] = []
        var pending: [Self] = childElements.reversed()
        while let element = pending.popLast() {
            if element.isNamed(name, in: namespaces) { found.append(element) }
            pending.append(contentsOf: element.childElements.reversed())
        }
        return found
    }

    func isNamed(_ name: FeedName, in namespaces: NamespaceSet) -> Bool {
        localName == name.rawValue && namespaces.contains(namespaceURI)
    }

    /// `reference` resolved against this element's base, or nil when that is no http(s) or relative link.
    func resolve(_ reference: String) -> String? {
        URIResolver.webLink(reference, against: baseURI)
    }
}
