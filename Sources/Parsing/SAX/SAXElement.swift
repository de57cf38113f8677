/// An element of a `SAXTree`, as the feed mappers read it through `FeedElement`.
///
/// A pointer to the tree and an index: making one, copying it or reading through it counts no reference and
/// checks no exclusive access, which element objects did on every step of a mapping. Valid only inside the
/// `SAXFeedBuilder.reading` call that made it, while the tree does not change; the mappers keep none.
struct SAXElement: FeedElement {
    let tree: UnsafePointer<SAXTree>
    let index: Int32

    private var node: SAXTree.Node { tree.pointee.nodes[Int(index)] }

    var localName: String { tree.pointee.strings[Int(node.name)] }

    var namespaceURI: String? {
        let namespace = node.namespace
        return namespace == SAXTree.none ? nil : tree.pointee.strings[Int(namespace)]
    }

    func isNamed(_ name: FeedName, in namespaces: NamespaceSet) -> Bool {
        SAXTree.isNamed(index, name, in: namespaces, of: tree)
    }

    var childElements: Children { Children(tree: tree, upcoming: node.firstChild) }

    /// The children of an element, read along their sibling links.
    struct Children: Sequence, IteratorProtocol {
        let tree: UnsafePointer<SAXTree>
        var upcoming: Int32

        mutating func next() -> SAXElement? {
            guard upcoming != SAXTree.none else { return nil }
            let element = SAXElement(tree: tree, index: upcoming)
            upcoming = tree.pointee.nodes[Int(upcoming)].nextSibling
            return element
        }
    }

    func attribute(_ name: String) -> String? {
        attributes.first { $0.localName == name && $0.namespaceURI == nil }?.value
    }

    func attribute(_ name: String, namespaceURI: String) -> String? {
        attributes.first { $0.localName == name && $0.namespaceURI == namespaceURI }?.value
    }

    private var attributes: ArraySlice<SAXTree.Attribute> {
        let range = node.attributes
        return tree.pointee.attributes[Int(range.lowerBound)..<Int(range.upperBound)]
    }

    var baseURI: String? { tree.pointee.scopes[Int(node.scope)].baseURI }

    var language: String? { tree.pointee.scopes[Int(node.scope)].language }

    var characterData: String {
        if let text = onlyText { return withText(text, PlainTextBuilder.collapsed(utf8:)) }
        return text(rules: .characterData)
    }

    var markupText: String {
        text(rules: .html)
    }

    /// Escaped HTML held in one piece of text, as most descriptions are, is read straight from it: the
    /// scanner collapses whitespace itself.
    var htmlText: String {
        if let text = onlyText { return withText(text, HTMLText.plainText(fromHTMLUTF8:)) }
        return HTMLText.plainText(fromHTML: characterData)
    }

    /// The element's one piece when that is text.
    private var onlyText: SAXTree.Piece? {
        let node = node
        guard node.firstPiece != SAXTree.none, node.firstPiece == node.lastPiece else { return nil }
        let piece = tree.pointee.pieces[Int(node.firstPiece)]
        return piece.child == SAXTree.none ? piece : nil
    }

    private func withText<Result>(_ piece: SAXTree.Piece, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        tree.pointee.text.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[piece.textStart..<(piece.textStart + piece.textCount)])) }
    }

    /// The text below this element read with `rules`, iteratively: block elements separate words, dropped
    /// ones are skipped with their content.
    private func text(rules: MarkupTextRules) -> String {
        var builder = PlainTextBuilder()
        let tree = tree.pointee
        var pending: [(element: Int32, next: Int32)] = [(index, tree.nodes[Int(index)].firstPiece)]
        while let (element, next) = pending.popLast(), !builder.isFull {
            guard next != SAXTree.none else {
                if element != index, !rules.separating.isEmpty, rules.separating.contains(tree.strings[Int(tree.nodes[Int(element)].name)].lowercased()) {
                    builder.separate()
                }
                continue
            }
            let piece = tree.pieces[Int(next)]
            pending.append((element, piece.next))
            guard piece.child != SAXTree.none else {
                withText(piece) { builder.append(utf8: $0) }
                continue
            }
            let name = tree.strings[Int(tree.nodes[Int(piece.child)].name)]
            if !rules.dropped.isEmpty, rules.dropped.contains(name.lowercased()) { continue }
            if !rules.separating.isEmpty, rules.separating.contains(name.lowercased()) { builder.separate() }
            pending.append((piece.child, tree.nodes[Int(piece.child)].firstPiece))
        }
        return builder.text
    }
}
