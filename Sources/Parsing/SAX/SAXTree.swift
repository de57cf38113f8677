/// The elements a `SAXFeedBuilder` holds, stored flat: nodes, their text and attributes in a few arrays
/// rather than an object and two arrays per element, which cost more to make, count and free than reading the
/// feed did.
///
/// Everything an element holds (its attributes, children, text) is appended after the element itself and
/// before any later sibling, so dropping an item that has been mapped is cutting every array back to where
/// the item began: the arrays are stacks, and a streamed feed keeps only its header and the item being read.
struct SAXTree {
    /// No node, piece or namespace.
    static let none: Int32 = -1

    struct Node {
        /// Index in `strings`.
        let name: Int32
        /// Index in `strings`, or `none`.
        let namespace: Int32
        /// The name's case when the mappers ask for it.
        let known: FeedName?
        /// The namespace's bits in `NamespaceSet.mask(of:)`.
        let namespaceMask: UInt16
        /// Index in `scopes`.
        let scope: Int32
        /// The element's attributes in `attributes`.
        let attributes: Range<Int32>
        var firstChild = SAXTree.none
        var lastChild = SAXTree.none
        var nextSibling = SAXTree.none
        var firstPiece = SAXTree.none
        var lastPiece = SAXTree.none
    }

    /// Character data (bytes of `text`, UTF-8 as libxml2 hands it out) or a child element, in document order.
    struct Piece {
        /// The child element's node, or `none` for text.
        let child: Int32
        let textStart: Int
        let textCount: Int
        var next = SAXTree.none
    }

    /// An attribute as SAX2 reports it, its value whitespace-collapsed and its references decoded.
    struct Attribute {
        let localName: String
        let namespaceURI: String?
        let value: String
    }

    /// The base URI and `xml:lang` in effect below an element; a new scope is stored only where one changes.
    struct Scope {
        let baseURI: String?
        let language: String?
    }

    /// How long each array was before an element started, and where its parent's lists ended: what
    /// `remove` cuts back to.
    struct Mark {
        fileprivate let nodes: Int
        fileprivate let pieces: Int
        fileprivate let attributes: Int
        fileprivate let scopes: Int
        fileprivate let text: Int
        fileprivate let parentLastChild: Int32
        fileprivate let parentLastPiece: Int32
    }

    private(set) var nodes: [Node] = []
    private(set) var pieces: [Piece] = []
    private(set) var attributes: [Attribute] = []
    private(set) var scopes: [Scope]
    private(set) var text: [UInt8] = []
    /// Element names and namespace URIs, each distinct one stored once.
    private(set) var strings: [String] = []
    /// For each of `strings` an element has been named, its case; nil for the others. Worked out when an
    /// element first uses the string, as is `namespaceMasks`: most strings are never asked (attribute names,
    /// or names only), and a corpus of small feeds pays this for every document.
    private var knownNames: [FeedName??] = []
    /// For each of `strings` an element's namespace has been, its bits; nil for the others.
    private var namespaceMasks: [UInt16?] = []

    init(documentURL: String?) {
        scopes = [Scope(baseURI: documentURL, language: nil)]
    }

    var isEmpty: Bool { nodes.isEmpty }

    /// Whether `element` is named `name` in one of `namespaces`.
    func isNamed(_ element: Int32, _ name: FeedName, in namespaces: NamespaceSet) -> Bool {
        withUnsafePointer(to: self) { Self.isNamed(element, name, in: namespaces, of: $0) }
    }

    /// Whether `element` of the tree at `tree` is named `name` in one of `namespaces`. On a pointer, since the
    /// elements mappers read hold one: a method called on its `pointee` takes the tree by value, a retain and a
    /// release of each of its arrays at every name a mapper asks about.
    static func isNamed(_ element: Int32, _ name: FeedName, in namespaces: NamespaceSet, of tree: UnsafePointer<SAXTree>) -> Bool {
        let node = tree.pointee.nodes[Int(element)]
        guard node.known == name else { return false }
        return namespaces.contains(
            mask: node.namespaceMask, uri: node.namespace == Self.none ? nil : tree.pointee.strings[Int(node.namespace)])
    }

    /// Stores a name or URI met for the first time.
    mutating func intern(_ string: String) -> Int32 {
        strings.append(string)
        knownNames.append(nil)
        namespaceMasks.append(nil)
        return Int32(strings.count - 1)
    }

    mutating func appendAttribute(_ attribute: Attribute) {
        attributes.append(attribute)
    }

    /// Adds an element below `parent` (`none` for the root) with the attributes appended since `attributeStart`.
    mutating func addElement(name: Int32, namespace: Int32, parent: Int32, attributesFrom attributeStart: Int) -> (index: Int32, mark: Mark) {
        let parentLastChild = parent == Self.none ? Self.none : nodes[Int(parent)].lastChild
        let parentLastPiece = parent == Self.none ? Self.none : nodes[Int(parent)].lastPiece
        let mark = Mark(
            nodes: nodes.count, pieces: pieces.count, attributes: attributeStart, scopes: scopes.count, text: text.count,
            parentLastChild: parentLastChild, parentLastPiece: parentLastPiece)
        let inherited = parent == Self.none ? 0 : nodes[Int(parent)].scope
        let index = Int32(nodes.count)
        nodes.append(Node(
            name: name, namespace: namespace, known: knownName(name), namespaceMask: namespaceMask(namespace), scope: scope(inheriting: inherited, attributesFrom: attributeStart),
            attributes: Int32(attributeStart)..<Int32(attributes.count)))
        if parent != Self.none {
            if parentLastChild == Self.none { nodes[Int(parent)].firstChild = index } else { nodes[Int(parentLastChild)].nextSibling = index }
            nodes[Int(parent)].lastChild = index
            appendPiece(Piece(child: index, textStart: 0, textCount: 0), to: parent)
        }
        return (index, mark)
    }

    private mutating func knownName(_ name: Int32) -> FeedName? {
        if let known = knownNames[Int(name)] { return known }
        let known = FeedName.named(strings[Int(name)])
        knownNames[Int(name)] = known
        return known
    }

    private mutating func namespaceMask(_ namespace: Int32) -> UInt16 {
        guard namespace != Self.none else { return NamespaceSet.mask(of: nil) }
        if let mask = namespaceMasks[Int(namespace)] { return mask }
        let mask = NamespaceSet.mask(of: strings[Int(namespace)])
        namespaceMasks[Int(namespace)] = mask
        return mask
    }

    /// The scope of an element whose parent's is `inherited`: a new one when its attributes hold `xml:base`
    /// or `xml:lang`.
    private mutating func scope(inheriting inherited: Int32, attributesFrom attributeStart: Int) -> Int32 {
        var base: String?
        var language: String?
        for attribute in attributes[attributeStart...] where attribute.namespaceURI == NamespaceSet.xmlURI {
            if base == nil, attribute.localName == "base" { base = attribute.value }
            if language == nil, attribute.localName == "lang" { language = attribute.value }
        }
        guard base != nil || language != nil else { return inherited }
        let parent = scopes[Int(inherited)]
        scopes.append(Scope(
            baseURI: base.map { URIResolver.webBase($0, against: parent.baseURI) } ?? parent.baseURI,
            language: language ?? parent.language))
        return Int32(scopes.count - 1)
    }

    /// Character data for the innermost open element, gathered until `closeText` makes it a piece.
    mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>) {
        text.append(contentsOf: bytes)
    }

    /// Makes the text appended since `start` a piece of `element`.
    mutating func closeText(from start: Int, in element: Int32) {
        guard text.count > start else { return }
        appendPiece(Piece(child: Self.none, textStart: start, textCount: text.count - start), to: element)
    }

    private mutating func appendPiece(_ piece: Piece, to element: Int32) {
        let index = Int32(pieces.count)
        pieces.append(piece)
        let last = nodes[Int(element)].lastPiece
        if last == Self.none { nodes[Int(element)].firstPiece = index } else { pieces[Int(last)].next = index }
        nodes[Int(element)].lastPiece = index
    }

    /// The element added with `mark` and everything stored after it (its attributes, descendants and text), as a
    /// tree of its own whose element 0 it is: mapped elsewhere while this tree goes on. Names and scopes are
    /// shared, not rebased (the arrays are copied on write, and scopes are few).
    func detached(at mark: Mark) -> SAXTree {
        let nodeBase = Int32(mark.nodes), pieceBase = Int32(mark.pieces), attributeBase = Int32(mark.attributes)
        func node(_ index: Int32) -> Int32 { index == Self.none ? Self.none : index - nodeBase }
        func piece(_ index: Int32) -> Int32 { index == Self.none ? Self.none : index - pieceBase }
        var tree = self
        tree.nodes = nodes[mark.nodes...].map { old in
            Node(
                name: old.name, namespace: old.namespace, known: old.known, namespaceMask: old.namespaceMask, scope: old.scope,
                attributes: (old.attributes.lowerBound - attributeBase)..<(old.attributes.upperBound - attributeBase),
                firstChild: node(old.firstChild), lastChild: node(old.lastChild), nextSibling: node(old.nextSibling),
                firstPiece: piece(old.firstPiece), lastPiece: piece(old.lastPiece))
        }
        tree.nodes[0].nextSibling = Self.none
        // The first piece is the parent's, naming the element: kept, so that the element's own pieces keep
        // their places relative to each other, and read by nobody.
        tree.pieces = pieces[mark.pieces...].map { old in
            Piece(child: node(old.child), textStart: old.child == Self.none ? old.textStart - mark.text : 0, textCount: old.textCount, next: piece(old.next))
        }
        tree.attributes = Array(attributes[mark.attributes...])
        tree.text = Array(text[mark.text...])
        return tree
    }

    /// Drops `element`, the last child of `parent`, with everything stored after it.
    mutating func remove(_ element: Int32, from parent: Int32, mark: Mark) {
        nodes.removeSubrange(mark.nodes...)
        pieces.removeSubrange(mark.pieces...)
        attributes.removeSubrange(mark.attributes...)
        scopes.removeSubrange(mark.scopes...)
        text.removeSubrange(mark.text...)
        guard parent != Self.none else { return }
        nodes[Int(parent)].lastChild = mark.parentLastChild
        if mark.parentLastChild == Self.none { nodes[Int(parent)].firstChild = Self.none } else { nodes[Int(mark.parentLastChild)].nextSibling = Self.none }
        nodes[Int(parent)].lastPiece = mark.parentLastPiece
        if mark.parentLastPiece == Self.none { nodes[Int(parent)].firstPiece = Self.none } else { pieces[Int(mark.parentLastPiece)].next = Self.none }
    }
}
