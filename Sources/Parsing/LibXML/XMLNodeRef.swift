import CLibXML2

/// A `FeedElement` read straight from a libxml2 tree node; valid only while its document is alive.
struct XMLNodeRef: FeedElement {
    let node: xmlNodePtr
    /// The URL the document was fetched from: the last base under every `xml:base`.
    let documentURL: String?

    var localName: String { node.pointee.name.map { String(cString: $0) } ?? "" }

    var namespaceURI: String? { node.pointee.ns?.pointee.href.map { String(cString: $0) } }

    var childElements: [XMLNodeRef] {
        var result: [XMLNodeRef] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(XMLNodeRef(node: current, documentURL: documentURL)) }
            child = current.pointee.next
        }
        return result
    }

    func attribute(_ name: String) -> String? {
        XMLNodeRef.attribute(of: node, name: name, namespaceURI: nil)
    }

    func attribute(_ name: String, namespaceURI: String) -> String? {
        XMLNodeRef.attribute(of: node, name: name, namespaceURI: namespaceURI)
    }

    var characterData: String {
        NodeTextWalker.text(ofChildrenOf: node, rules: .characterData)
    }

    var markupText: String {
        NodeTextWalker.text(ofChildrenOf: node, rules: .html)
    }

    var baseURI: String? {
        var bases: [String] = []
        var current: xmlNodePtr? = node
        while let element = current, element.pointee.type == XML_ELEMENT_NODE {
            if let base = XMLNodeRef.attribute(of: element, name: "base", namespaceURI: NamespaceSet.xmlURI) {
                bases.append(base)
            }
            current = element.pointee.parent
        }
        return bases.reversed().reduce(documentURL) { base, reference in URIResolver.webBase(reference, against: base) }
    }

    var language: String? {
        var current: xmlNodePtr? = node
        while let element = current, element.pointee.type == XML_ELEMENT_NODE {
            if let lang = XMLNodeRef.attribute(of: element, name: "lang", namespaceURI: NamespaceSet.xmlURI) {
                return lang
            }
            current = element.pointee.parent
        }
        return nil
    }

    /// Reads an attribute's value through the bounded text walker rather than `xmlGetProp`, which
    /// would expand entity references inside the value without limit.
    static func attribute(of node: xmlNodePtr, name: String, namespaceURI: String?) -> String? {
        var property = node.pointee.properties
        while let attribute = property {
            defer { property = attribute.pointee.next }
            guard let attributeName = attribute.pointee.name, String(cString: attributeName) == name else { continue }
            let attributeNamespace = attribute.pointee.ns?.pointee.href.map { String(cString: $0) }
            guard attributeNamespace == namespaceURI else { continue }
            return NodeTextWalker.text(
                from: attribute.pointee.children, in: UnsafeMutableRawPointer(attribute), rules: .characterData
            )
        }
        return nil
    }
}
