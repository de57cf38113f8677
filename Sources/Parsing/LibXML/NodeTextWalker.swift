import CLibXML2

/// Turns a libxml2 subtree into plain text, iteratively (no recursion on document depth).
///
/// Entity references are the one place text could multiply: only internal entities are expanded,
/// at most `maxEntityDepth` deep, and the builder's size cap bounds the rest. External entities are
/// never read (libxml2 does not load them without `NOENT`/`DTDLOAD`, and they are skipped here).
struct NodeTextWalker {
    private static let maxEntityDepth = 3

    private let rules: MarkupTextRules
    private var builder: PlainTextBuilder

    private init(rules: MarkupTextRules) {
        self.rules = rules
        self.builder = PlainTextBuilder()
    }

    /// The plain text of `first` and its following siblings, all children of `container`.
    static func text(from first: xmlNodePtr?, in container: UnsafeMutableRawPointer, rules: MarkupTextRules) -> String {
        var walker = NodeTextWalker(rules: rules)
        walker.append(from: first, in: container, entityDepth: 0)
        return walker.builder.text
    }

    /// The plain text of an element's content.
    static func text(ofChildrenOf node: xmlNodePtr, rules: MarkupTextRules) -> String {
        text(from: node.pointee.children, in: UnsafeMutableRawPointer(node), rules: rules)
    }

    private mutating func append(from first: xmlNodePtr?, in container: UnsafeMutableRawPointer, entityDepth: Int) {
        var next = first
        while let node = next, !builder.isFull {
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let name = rules.separating.isEmpty && rules.dropped.isEmpty ? "" : NodeTextWalker.lowercasedName(node)
                if rules.dropped.contains(name) {
                    next = advance(from: node, in: container)
                    continue
                }
                if rules.separating.contains(name) { builder.separate() }
                if let child = node.pointee.children {
                    next = child
                    continue
                }
                if rules.separating.contains(name) { builder.separate() }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content { builder.append(cString: content) }
            case XML_ENTITY_REF_NODE:
                appendEntity(node, entityDepth: entityDepth)
            default:
                break
            }
            next = advance(from: node, in: container)
        }
    }

    /// The next node in document order after `node`'s subtree, closing the elements left on the way up.
    private mutating func advance(from node: xmlNodePtr, in container: UnsafeMutableRawPointer) -> xmlNodePtr? {
        var current = node
        while true {
            if let sibling = current.pointee.next { return sibling }
            guard let parent = current.pointee.parent, UnsafeMutableRawPointer(parent) != container else { return nil }
            if !rules.separating.isEmpty, rules.separating.contains(NodeTextWalker.lowercasedName(parent)) {
                builder.separate()
            }
            current = parent
        }
    }

    private mutating func appendEntity(_ reference: xmlNodePtr, entityDepth: Int) {
        guard entityDepth < NodeTextWalker.maxEntityDepth, let name = reference.pointee.name,
              let entity = xmlGetDocEntity(reference.pointee.doc, name),
              entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY || entity.pointee.etype == XML_INTERNAL_PREDEFINED_ENTITY
        else { return }
        append(from: entity.pointee.children, in: UnsafeMutableRawPointer(entity), entityDepth: entityDepth + 1)
    }

    static func lowercasedName(_ node: xmlNodePtr) -> String {
        guard let name = node.pointee.name else { return "" }
        return String(cString: name).lowercased()
    }
}
